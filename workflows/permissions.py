"""Permissions asked by name.

Each app declares its permissions once, in its rules.py (`rules.add_perm("<app>.<action>_<model>",
predicate)`), and everything else asks them by name: a transition's `permission=perm(name)`,
the services' guards (`workflows.gates.perm_guard`), pages and templates (`{% has_perm %}`),
streams, the kinds' `can_view` and the dashboard. tests/system/test_permission_matrix.py holds
the expected answer of every permission for every role.
"""

import rules
from django.core.exceptions import ImproperlyConfigured


def has_perm(user, name: str, obj=None) -> bool:
    """`user.has_perm(name, obj)` for a registered permission; the scheduler (SYSTEM) holds all."""

    from .transitions import SYSTEM

    if not rules.perm_exists(name):
        raise ImproperlyConfigured(f"unknown permission {name!r}: add it to the app's rules.py")
    if user is SYSTEM:
        return True
    return bool(user is not None and user.has_perm(name, obj))


class perm:  # lower case: reads as a call in declarations, permission=perm("…")
    """A transition's `permission=`: django-fsm calls it as (obj, user)."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, obj, user) -> bool:
        return has_perm(user, self.name, obj)

    def __eq__(self, other) -> bool:
        return isinstance(other, perm) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"perm({self.name!r})"
