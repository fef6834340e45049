"""Reads of agreements, change requests and reports: who sees what, the lists (a fixed
number of queries whatever their length) and the open-data register of a year."""

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.errors import InvalidInput, NotFound
from workflows.parsing import require_int

from . import flows
from .agreements import (
    Agreement,
    AgreementState,
    ChangeRequest,
    ChangeState,
    ReportLine,
    ReportState,
    TaskReport,
)
from .scoring import CENT

FILTERS = {"state", "year", "organisation", "late"}


def can_view_agreement(user, agreement) -> bool:
    """Public once signed (the register is open data); the draft to the city and the
    organisation."""

    return (
        agreement.is_public
        or bool(is_council_staff(user))
        or flows.represents(user, agreement.organisation_id)
    )


def can_view_part(user, part) -> bool:
    """A report or a change request: the city and the organisation; the public once it is
    decided (an accepted report, an annexed change)."""

    public = part.state in (ReportState.ACCEPTED, ChangeState.APPROVED)
    return (
        public
        or bool(is_council_staff(user))
        or flows.represents(user, part.agreement.organisation_id)
    )


def _visible(user):
    rows = Agreement.objects.all()
    if is_council_staff(user):
        return rows
    mine = Q(organisation__representatives=user.pk) if user.is_authenticated else Q(pk=None)
    return rows.filter(Q(~Q(state=AgreementState.DRAFTED)) | mine).distinct()


def agreements(user, params=None):
    """The list with its filters: state, year (of the task's start), organisation, late
    (a report submitted late)."""

    params = params or {}
    rows = (
        _visible(user)
        .select_related("organisation", "offer__competition")
        .annotate(
            late_reports=Count("reports", filter=Q(reports__late=True), distinct=True),
            annexes_count=Count("annexes", distinct=True),
        )
    )
    if params.get("state"):
        if params["state"] not in AgreementState.values:
            raise InvalidInput(_("Nieznany etap umowy."), field="state")
        rows = rows.filter(state=params["state"])
    if params.get("year"):
        rows = rows.filter(starts_on__year=require_int(params["year"], "year", low=2000, high=2100))
    if params.get("organisation"):
        rows = rows.filter(organisation__name__icontains=str(params["organisation"])[:100])
    late = params.get("late")
    if late not in (None, "", False, True, "true", "false", "1", "0"):
        raise InvalidInput(_("Parametr „late”: podaj true albo false."), field="late")
    if late in (True, "true", "1"):
        rows = rows.filter(pk__in=TaskReport.objects.filter(late=True).values("agreement"))
    return rows


def agreement(pk: int, user) -> Agreement:
    found = (
        Agreement.objects.select_related("organisation", "offer__competition")
        .prefetch_related(
            "tranches",
            "cost_lines",
            Prefetch("annexes"),
            Prefetch("changes", queryset=ChangeRequest.objects.order_by("-pk")),
            Prefetch(
                "reports",
                queryset=TaskReport.objects.order_by("pk").prefetch_related("lines"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not can_view_agreement(user, found):
        raise NotFound(_("Nie ma takiej umowy."))
    return found


def report(pk: int, user) -> TaskReport:
    found = (
        TaskReport.objects.select_related("agreement__organisation")
        .prefetch_related(
            Prefetch("lines", queryset=ReportLine.objects.select_related("cost_line")),
            "agreement__cost_lines",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not can_view_part(user, found):
        raise NotFound(_("Nie ma takiego sprawozdania."))
    return found


def change(pk: int, user) -> ChangeRequest:
    found = ChangeRequest.objects.select_related("agreement__organisation").filter(pk=pk).first()
    if found is None or not can_view_part(user, found):
        raise NotFound(_("Nie ma takiego wniosku."))
    return found


def _money(value):
    # In grosze: SQLite's sums drop the trailing zeros (17399.5 for 17399.50).
    return None if value is None else str(value.quantize(CENT))


def register(year: int) -> list[dict]:
    """The open-data register of agreements signed in `year`: one row per agreement (with
    its settlement), per annex and per report, each with a stable identifier."""

    signed = (
        Agreement.objects.filter(signed_on__year=year)
        .select_related("organisation", "offer")
        .annotate(
            transferred=Sum("tranches__amount", filter=Q(tranches__transferred_on__isnull=False))
        )
        .prefetch_related(
            "annexes",
            Prefetch(
                "reports",
                queryset=TaskReport.objects.exclude(state=ReportState.DRAFT)
                .annotate(
                    spent_grant_sum=Sum("lines__spent_grant"), spent_own_sum=Sum("lines__spent_own")
                )
                .order_by("pk"),
            ),
        )
        .order_by("pk")
    )
    rows = []
    for a in signed:
        base = {
            "agreement_id": f"agreement-{a.pk}",
            "offer_id": f"offer-{a.offer_id}",
            "number": a.number,
            "organisation": a.organisation.name,
            "krs": a.organisation.krs,
        }
        rows.append(
            {
                "id": f"agreement-{a.pk}",
                "record": "agreement",
                **base,
                "date": a.signed_on.isoformat(),
                "amount": _money(a.amount),
                "starts_on": a.starts_on.isoformat(),
                "ends_on": a.ends_on.isoformat(),
                "transferred": _money(a.transferred or Decimal(0)),
                "used": _money(a.used),
                "to_return": _money(a.to_return),
                "returned": _money(a.returned),
                "state": a.state,
                "late": "",
                "text": "",
            }
        )
        for annex in a.annexes.all():
            rows.append(
                {
                    "id": f"annex-{annex.pk}",
                    "record": "annex",
                    **base,
                    "date": annex.signed_on.isoformat(),
                    "text": annex.summary,
                }
            )
        for r in a.reports.all():
            rows.append(
                {
                    "id": f"report-{r.pk}",
                    "record": "final_report" if r.final else "partial_report",
                    **base,
                    "date": r.submitted_at.date().isoformat() if r.submitted_at else "",
                    "used": _money(r.spent_grant_sum),
                    "own": _money(r.spent_own_sum),
                    "beneficiaries": r.beneficiaries,
                    "state": r.state,
                    "late": r.late,
                }
            )
    return rows


REGISTER_FIELDS = [
    "id",
    "record",
    "agreement_id",
    "offer_id",
    "number",
    "organisation",
    "krs",
    "date",
    "amount",
    "starts_on",
    "ends_on",
    "transferred",
    "used",
    "own",
    "to_return",
    "returned",
    "beneficiaries",
    "state",
    "late",
    "text",
]
