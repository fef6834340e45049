"""The Django admin for administrators.

The admin asks Django's model permissions ("budget.view_edition", and for each app
`has_module_perms`). Roles are groups without permission rows, so an administrator (the role,
`is_staff` set with it) holds every model permission the project's rules.py do not decide,
as a superuser would; the read-only lists (workflows.admin_lists) still refuse changes.
"""

import rules

from .roles import is_administrator


class AdministratorAdminBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm: str, obj=None) -> bool:
        # A permission of an app's rules.py is decided there, for administrators too.
        if obj is not None or rules.perm_exists(perm):
            return False
        return user.is_active and is_administrator(user)

    def has_module_perms(self, user, app_label: str) -> bool:
        return user.is_active and is_administrator(user)
