"""Role checks: the only place that knows roles are groups."""

import rules
from django.contrib.auth.models import Group

from .models import Role, User


def grant_role(user: User, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    if role == Role.ADMINISTRATOR and not user.is_staff:
        # The Django admin (the administrators' last resort) lets in only `is_staff`.
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def revoke_roles(user: User) -> None:
    """Take away every global role; with the administrator's, the Django admin."""

    held = list(user.groups.filter(name__in=Role.values))
    user.groups.remove(*held)
    administrator = any(group.name == Role.ADMINISTRATOR for group in held)
    if administrator and user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])


def has_role(user, role: Role) -> bool:
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser and role == Role.ADMINISTRATOR:
        return True
    return rules.is_group_member(role.value)(user)


def role_predicate(role: Role) -> rules.Predicate:
    """A django-rules predicate for a global role; administrators hold every role."""

    return rules.predicate(
        lambda user: has_role(user, role) or has_role(user, Role.ADMINISTRATOR),
        name=f"has_role_{role.value}",
    )


is_council_staff = role_predicate(Role.COUNCIL_STAFF)
is_coordinating_team = role_predicate(Role.COORDINATING_TEAM)
is_administrator = rules.predicate(
    lambda user: has_role(user, Role.ADMINISTRATOR), name="is_administrator"
)


def represents(user, organisation) -> bool:
    return bool(
        user
        and user.is_authenticated
        and organisation is not None
        and organisation.representatives.filter(pk=user.pk).exists()
    )
