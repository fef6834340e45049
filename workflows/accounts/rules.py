"""Permissions of people and organisations (django-rules)."""

import rules

from .roles import is_administrator, is_council_staff, represents


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    return represents(user, organisation)


@rules.predicate
def has_no_representative(user, organisation) -> bool:
    return organisation is not None and not organisation.representatives.exists()


rules.add_perm("accounts.manage_people", is_administrator)
rules.add_perm("accounts.change_organisation", is_council_staff)
# Its representatives confirm a claim; staff only for an organisation that has none yet.
rules.add_perm(
    "accounts.confirm_representative",
    represents_organisation | (is_council_staff & has_no_representative),
)
