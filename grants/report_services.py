"""The writes of the 31 May report that are not transitions: generating it from the data
and the city's commentary per section. One transaction each; staff only."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from workflows.deadlines import set_deadline
from workflows.errors import Conflict, InvalidInput
from workflows.parsing import require_int
from workflows.services import record
from workflows.timeutil import end_of_day

from . import report_figures
from .cooperation_report import SECTION_KEYS, CooperationReport, CooperationReportState
from .services import MAX_TEXT, _require, _text

REPORT_BASIS = _lazy(
    "art. 5a ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie: sprawozdanie "
    "przedkłada się Radzie do 31 maja roku następnego"
)


def _year(value) -> int:
    return require_int(value, "year", low=2000, high=2100)


@transaction.atomic
def generate_report(*, by, year, operational_programme=None) -> CooperationReport:
    """The report for `year` from the data as it stands now; a draft is regenerated (its
    commentary kept), a report past the draft is not. The engine knows its deadline: the
    submission to the council is due by the end of 31 May of the next year. With an
    operational programme, that programme's own report (one per programme and year)."""

    _require(by, "grants.manage_report")
    year = _year(year)
    report = (
        CooperationReport.objects.select_for_update(of=("self",))
        .filter(year=year, operational_programme=operational_programme)
        .first()
    )
    if report is not None and report.state != CooperationReportState.DRAFT:
        raise Conflict(_("Sprawozdanie zatwierdzone lub przedłożone Radzie nie zmienia danych."))
    programme = report_figures.programme_of(year)
    values = {
        "programme": programme,
        "figures": report_figures.figures(year, programme, operational_programme),
        "generated_at": timezone.now(),
    }
    if report is None:
        report = CooperationReport.objects.create(
            year=year, operational_programme=operational_programme, created_by=by, **values
        )
        set_deadline(
            report,
            "submit_to_council",
            end_of_day(report.statutory_deadline),
            legal_basis=str(REPORT_BASIS),
        )
    else:
        for name, value in values.items():
            setattr(report, name, value)
        report.save(update_fields=list(values))
    record(
        report,
        "figures_generated",
        by=by,
        payload={"year": year, "operational_programme": report.operational_programme_id},
    )
    return report


@transaction.atomic
def comment_section(*, by, report: CooperationReport, section: str, text: str):
    """The city's commentary on one section (empty text removes it); in a draft only."""

    _require(by, "grants.manage_report")
    if section not in SECTION_KEYS:
        raise InvalidInput(
            _("Nie ma takiej sekcji sprawozdania; sekcje: %(keys)s.")
            % {"keys": ", ".join(SECTION_KEYS)},
            field="section",
        )
    report = CooperationReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if report.state != CooperationReportState.DRAFT:
        raise Conflict(_("Komentarze zmienia się w projekcie sprawozdania."))
    commentary = dict(report.commentary or {})
    value = _text(text, "text", required=False, limit=MAX_TEXT)
    if value:
        commentary[section] = value
    else:
        commentary.pop(section, None)
    report.commentary = commentary
    report.save(update_fields=["commentary"])
    return report
