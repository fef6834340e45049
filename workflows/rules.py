"""Permissions of the engine's own pages (django-rules)."""

from functools import reduce
from operator import or_

import rules

from .accounts.models import Role
from .accounts.roles import role_predicate

# The roles that run the processes; the dashboard's 403 page names them.
STAFF_ROLES = (Role.COUNCIL_STAFF, Role.COORDINATING_TEAM, Role.VERIFIER, Role.ADMINISTRATOR)

rules.add_perm("workflows.view_dashboard", reduce(or_, map(role_predicate, STAFF_ROLES)))
