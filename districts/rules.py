"""Permissions of the districts app (django-rules), and the guards the services call and the
API checks first."""

import rules
from django.utils.translation import gettext_lazy as _

from workflows.accounts.roles import is_administrator, is_council_staff
from workflows.gates import perm_guard

rules.add_perm("districts.import_district", is_administrator)
rules.add_perm("districts.change_council", is_council_staff)

imports_districts = perm_guard("districts.import_district", _("Dzielnice wczytuje administrator."))
configures_councils = perm_guard(
    "districts.change_council", _("Rady dzielnic konfiguruje pracownik urzędu.")
)
