"""The writes around an agreement that are not transitions, one transaction each: drafting
it, the organisation's updated estimate, tranches and their transfers, change requests,
reports and the recorded return of an unused grant."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from consultations.parsing import parse_date
from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.parsing import require_id, require_int
from workflows.services import record

from . import flows, scoring
from .agreements import (
    Agreement,
    AgreementCostLine,
    AgreementState,
    ChangeRequest,
    ChangeState,
    ReportLine,
    ReportState,
    TaskReport,
    Tranche,
    default_dates,
)
from .models import Offer, OfferState
from .services import MAX_TEXT, _lines, _rows, _text

STAFF_ONLY = _("Tę czynność wykonuje pracownik urzędu.")
ORGANISATION_ONLY = _("Tę czynność wykonuje przedstawiciel organizacji, która zawarła umowę.")
LINE_FIELDS = ("name", "quantity", "unit_cost", "from_grant", "from_own", "from_personal")


def require_staff(user, obj=None) -> None:
    """The guard of the staff's writes (also the API's write_guard)."""

    if not user.has_perm("grants.manage_agreement"):
        raise NotPermitted(STAFF_ONLY)


def require_organisation(user, agreement) -> None:
    """The guard of the organisation's writes on its agreement."""

    if not user.has_perm("grants.carry_out_agreement", agreement):
        raise NotPermitted(ORGANISATION_ONLY)


def _locked(agreement) -> Agreement:
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


def _tranches(rows, agreement=None) -> list[Tranche]:
    tranches = [
        Tranche(
            year=require_int(row.get("year"), "tranches", low=2000, high=2100),
            amount=flows.parse_amount(row.get("amount"), "tranches"),
        )
        for row in _rows(rows, "tranches")
    ]
    if len({t.year for t in tranches}) != len(tranches):
        raise InvalidInput(_("Jedna transza na rok budżetowy."), field="tranches")
    if any(t.amount <= 0 for t in tranches):
        raise InvalidInput(_("Transza musi być większa od zera."), field="tranches")
    return tranches


@transaction.atomic
def draft_agreement(
    *,
    by,
    offer,
    number: str,
    starts_on: date | None = None,
    ends_on: date | None = None,
    tranches: list[dict] | None = None,
    report_due: date | None = None,
    partial_report_due: date | None = None,
) -> Agreement:
    """The agreement for a granted offer, its estimate copied from the offer (to be updated
    by the organisation when the grant is lower than requested). Signed with `sign`."""

    require_staff(by)
    # Locked: of two drafts for one offer, the second sees the first's agreement.
    offer = (
        Offer.objects.select_for_update(of=("self",)).select_related("competition").get(pk=offer.pk)
    )
    competition = offer.competition
    if offer.state != OfferState.GRANTED or not competition.results_public:
        raise Conflict(_("Umowę zawiera się po ogłoszeniu wyników, dla oferty z dotacją."))
    if Agreement.objects.filter(offer=offer).exists():
        raise Conflict(_("Ta oferta ma już umowę."))
    number = _text(number, "number", limit=100)
    if Agreement.objects.filter(number=number).exists():
        raise InvalidInput(_("Umowa o tym numerze już istnieje."), field="number")
    starts_on = starts_on or competition.carried_out_from
    ends_on = ends_on or competition.carried_out_to
    if ends_on < starts_on:
        raise InvalidInput(_("Koniec realizacji musi być po jej początku."), field="ends_on")
    default_report, return_due = default_dates(ends_on)
    rows = _tranches(tranches or [{"year": starts_on.year, "amount": offer.granted}])
    agreement = Agreement.objects.create(
        offer=offer,
        organisation_id=offer.organisation_id,
        number=number,
        amount=offer.granted,
        starts_on=starts_on,
        ends_on=ends_on,
        schedule=offer.schedule,
        report_due=report_due or default_report,
        partial_report_due=partial_report_due,
        return_due=return_due,
        created_by=by,
    )
    for row in rows:
        row.agreement = agreement
    Tranche.objects.bulk_create(rows)
    AgreementCostLine.objects.bulk_create(
        AgreementCostLine(agreement=agreement, **{f: getattr(x, f) for f in LINE_FIELDS})
        for x in offer.cost_lines.order_by("pk")
    )
    return agreement


@transaction.atomic
def set_tranches(*, by, agreement, tranches) -> Agreement:
    """Staff spread the grant over the budget years before signing (art. 16 ust. 3)."""

    require_staff(by)
    agreement = _locked(agreement)
    if agreement.state != AgreementState.DRAFTED:
        raise Conflict(_("Transze ustala się przed zawarciem umowy."))
    rows = _tranches(tranches)
    agreement.tranches.all().delete()
    for row in rows:
        row.agreement = agreement
    Tranche.objects.bulk_create(rows)
    record(agreement, "tranches_set", by=by, payload={"tranches": len(rows)})
    return agreement


@transaction.atomic
def update_estimate(*, by, agreement, cost_lines, schedule: str = "") -> Agreement:
    """The organisation's schedule and cost estimate updated to the granted amount (it may
    save an unbalanced one; signing waits until it balances)."""

    require_organisation(by, agreement)
    agreement = _locked(agreement)
    if agreement.state != AgreementState.DRAFTED:
        raise Conflict(_("Kosztorys aktualizuje się przed zawarciem umowy; potem — aneksem."))
    lines = _lines(cost_lines)
    agreement.schedule = _text(schedule, "schedule", required=False)
    agreement.save(update_fields=["schedule"])
    agreement.cost_lines.all().delete()
    AgreementCostLine.objects.bulk_create(
        AgreementCostLine(agreement=agreement, **{f: getattr(x, f) for f in LINE_FIELDS})
        for x in lines
    )
    totals = scoring.totals(lines)
    record(agreement, "estimate_updated", by=by, payload={"from_grant": str(totals.from_grant)})
    return agreement


@transaction.atomic
def record_transfer(*, by, agreement, tranche, transferred_on=None) -> Tranche:
    require_staff(by)
    agreement = _locked(agreement)
    if agreement.state in (AgreementState.DRAFTED, AgreementState.TERMINATED):
        raise Conflict(_("Transze przekazuje się na podstawie zawartej umowy."))
    found = agreement.tranches.filter(pk=require_id(tranche, "tranche")).first()
    if found is None:
        raise InvalidInput(_("Ta umowa nie ma takiej transzy."), field="tranche")
    if found.transferred_on is not None:
        raise Conflict(_("Tę transzę już przekazano."))
    found.transferred_on = parse_date(transferred_on, "transferred_on")
    found.save(update_fields=["transferred_on"])
    record(
        agreement,
        "tranche_transferred",
        by=by,
        payload={"year": found.year, "amount": str(found.amount)},
    )
    return found


@transaction.atomic
def record_return(*, by, agreement, amount, returned_on=None) -> Agreement:
    """Money returned to the city (it adds up; a return after the due date is flagged)."""

    require_staff(by)
    agreement = _locked(agreement)
    if agreement.state in (AgreementState.DRAFTED, AgreementState.SETTLED):
        raise Conflict(_("Zwrot zapisuje się po zawarciu umowy, przed zamknięciem rozliczenia."))
    amount = flows.parse_amount(amount, "amount")
    if amount <= 0:
        raise InvalidInput(_("Podaj kwotę zwrotu większą od zera."), field="amount")
    agreement.returned += amount
    agreement.returned_on = parse_date(returned_on, "returned_on")
    agreement.save(update_fields=["returned", "returned_on"])
    record(
        agreement,
        "return_recorded",
        by=by,
        payload={"amount": str(amount), "late": agreement.return_late},
    )
    return agreement


def _optional_date(value, field: str):
    return None if value in (None, "") else parse_date(value, field, required=True)


@transaction.atomic
def request_change(
    *,
    by,
    agreement,
    justification: str,
    new_starts_on=None,
    new_ends_on=None,
    new_schedule: str = "",
    cost_lines=None,
) -> ChangeRequest:
    """The organisation asks for an annex: other dates, schedule or cost estimate (a shift
    between lines beyond the allowed share needs one); the grant stays the same."""

    require_organisation(by, agreement)
    agreement = _locked(agreement)
    if agreement.state != AgreementState.SIGNED:
        raise Conflict(_("Umowę zmienia się aneksem w czasie realizacji zadania."))
    if agreement.changes.filter(state=ChangeState.REQUESTED).exists():
        raise Conflict(_("Poprzedni wniosek o zmianę czeka na decyzję."))
    starts = _optional_date(new_starts_on, "new_starts_on")
    ends = _optional_date(new_ends_on, "new_ends_on")
    if (ends or agreement.ends_on) < (starts or agreement.starts_on):
        raise InvalidInput(_("Koniec realizacji musi być po jej początku."), field="new_ends_on")
    rows = None
    if cost_lines:
        lines = _lines(cost_lines)
        total = scoring.totals(lines).from_grant
        if total != agreement.amount:
            raise InvalidInput(
                _("Nowy kosztorys zakłada %(total)s zł dotacji, a umowa — %(amount)s zł.")
                % {"total": total, "amount": agreement.amount},
                field="cost_lines",
            )
        rows = [{f: str(getattr(x, f)) for f in LINE_FIELDS} for x in lines]
    schedule = _text(new_schedule, "new_schedule", required=False)
    if not (starts or ends or schedule or rows):
        raise InvalidInput(_("Wskaż, co ma się zmienić w umowie."), field="justification")
    return ChangeRequest.objects.create(
        agreement=agreement,
        requested_by=by,
        justification=_text(justification, "justification"),
        new_starts_on=starts,
        new_ends_on=ends,
        new_schedule=schedule,
        new_cost_lines=rows,
    )


def _report_lines(agreement, rows) -> list[ReportLine]:
    known = {x.pk: x for x in agreement.cost_lines.all()}
    lines = []
    for row in _rows(rows, "lines"):
        cost_line = known.get(require_id(row.get("cost_line"), "lines"))
        if cost_line is None:
            raise InvalidInput(_("Ta pozycja nie należy do kosztorysu umowy."), field="lines")
        lines.append(
            ReportLine(
                cost_line=cost_line,
                spent_grant=flows.parse_amount(row.get("spent_grant"), "lines"),
                spent_own=flows.parse_amount(row.get("spent_own", 0), "lines"),
            )
        )
    if len({x.cost_line.pk for x in lines}) != len(lines):
        raise InvalidInput(_("Każdą pozycję kosztorysu podaje się raz."), field="lines")
    return lines


def _report_fields(achieved, beneficiaries) -> dict:
    return {
        "achieved": _text(achieved, "achieved", limit=MAX_TEXT),
        "beneficiaries": require_int(beneficiaries, "beneficiaries", low=0, high=10_000_000),
    }


@transaction.atomic
def write_report(*, by, agreement, final: bool, achieved: str, beneficiaries, lines) -> TaskReport:
    """A draft report (submitted with its `submit` transition); its due date is the
    agreement's (the partial one's when set)."""

    require_organisation(by, agreement)
    agreement = _locked(agreement)
    if agreement.state not in (AgreementState.SIGNED, AgreementState.REPORT_RETURNED):
        raise Conflict(_("Sprawozdanie składa się z umowy w realizacji."))
    final = bool(final)
    if final and agreement.reports.filter(final=True).exists():
        raise Conflict(_("Sprawozdanie końcowe już jest: popraw je zamiast pisać nowe."))
    values = _report_fields(achieved, beneficiaries)
    rows = _report_lines(agreement, lines)
    due = agreement.report_due if final else (agreement.partial_report_due or agreement.report_due)
    report = TaskReport.objects.create(
        agreement=agreement, final=final, created_by=by, due_on=due, **values
    )
    for row in rows:
        row.report = report
    ReportLine.objects.bulk_create(rows)
    return report


@transaction.atomic
def update_report(*, by, report, achieved: str, beneficiaries, lines) -> TaskReport:
    require_organisation(by, report.agreement)
    report = TaskReport.objects.select_for_update().get(pk=report.pk)
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED):
        raise Conflict(_("Złożone sprawozdanie poprawia się dopiero po zwrocie przez urząd."))
    values = _report_fields(achieved, beneficiaries)
    rows = _report_lines(report.agreement, lines)
    for name, value in values.items():
        setattr(report, name, value)
    report.save(update_fields=list(values))
    report.lines.all().delete()
    for row in rows:
        row.report = report
    ReportLine.objects.bulk_create(rows)
    return report
