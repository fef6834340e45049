"""Reads of the 31 May report: who sees which report, the list, the sections to show."""

from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.errors import InvalidInput, NotFound
from workflows.parsing import require_id
from workflows.permissions import has_perm

from .cooperation_report import SECTIONS, CooperationReport, CooperationReportState
from .operational import OperationalProgramme


def can_view_report(user, report) -> bool:
    return has_perm(user, "grants.view_report", report)


def reports(user):
    rows = CooperationReport.objects.select_related("programme", "operational_programme")
    if not is_council_staff(user):
        rows = rows.filter(state=CooperationReportState.PUBLISHED)
    return rows


def report(year: int, user, operational=None) -> CooperationReport:
    """The city's report of `year`, or the one of an operational programme."""

    found = reports(user).filter(year=year, operational_programme=operational).first()
    if found is None:
        raise NotFound(_("Nie ma takiego sprawozdania."))
    return found


def sections(report: CooperationReport) -> list[dict]:
    """Each section with its figures and the city's commentary, in the report's order."""

    figures = report.figures or {}
    commentary = report.commentary or {}
    return [
        {
            "key": key,
            "label": str(label),
            "figures": figures.get(key),
            "commentary": commentary.get(key, ""),
        }
        for key, label in SECTIONS
    ]


def operational_programme(value):
    """The operational programme a request names by id (None when it names none)."""

    if value in (None, ""):
        return None
    try:
        pk = require_id(value, "program")
    except InvalidInput:
        pk = None  # an id that cannot be one names no report: 404 like an unknown one
    found = OperationalProgramme.objects.filter(pk=pk).first() if pk else None
    if found is None:
        raise NotFound(_("Nie ma takiego programu operacyjnego."))
    return found


def operational_programmes():
    return OperationalProgramme.objects.select_related("coordinator", "programme").prefetch_related(
        "team", "task_areas"
    )
