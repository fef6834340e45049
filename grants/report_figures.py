"""The figures of the 31 May report, read from the data of one year (art. 5a ust. 3).

A competition and a small grant count in the year their task starts (the programme of that
year funds them). Every number is computed by the database in a fixed number of queries;
sums of money are kept as strings of złoty with grosze, so the JSON snapshot is exact.
"""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from consultations.meetings.models import Meeting, MeetingState
from consultations.models import Comment, Programme, TaskArea

from .agreements import Agreement, AgreementState
from .initiative import InitiativeState, LocalInitiative
from .models import Competition, CompetitionState, Offer, OfferState, TaskForm
from .scoring import CENT
from .small import SmallGrant, SmallGrantState

ZERO = Decimal(0)


def money(value) -> str:
    return str((value or ZERO).quantize(CENT))


def _competitions(year: int, operational=None):
    rows = Competition.objects.filter(carried_out_from__year=year).exclude(
        state__in=[CompetitionState.DRAFT, CompetitionState.CANCELLED]
    )
    if operational is not None:
        rows = rows.filter(operational_programme=operational)
    return rows


def _offers(year: int, operational=None):
    return Offer.objects.filter(
        competition__in=_competitions(year, operational), submitted_at__isnull=False
    ).exclude(state=OfferState.DRAFT)


def _in_areas(rows, operational):
    """Small grants and local initiatives count for an operational programme by its areas."""

    if operational is None:
        return rows
    return rows.filter(task_area__in=operational.task_areas.values("pk"))


MONEY_KEYS = {"amount", *TaskForm.values}


def _offer_counts() -> dict:
    granted = Q(state=OfferState.GRANTED)
    return {
        "offers": Count("pk"),
        "granted_offers": Count("pk", filter=granted),
        "organisations": Count("organisation", filter=granted, distinct=True),
        "amount": Sum("granted", filter=granted),
        **{
            form: Sum("granted", filter=granted & Q(competition__form=form))
            for form in TaskForm.values
        },
    }


def _row(values: dict) -> dict:
    return {k: money(v) if k in MONEY_KEYS else (v or 0) for k, v in values.items()}


def competitions(year: int, operational=None) -> dict:
    """Per task area: competitions, offers, grants (count, organisations, złoty, per form)."""

    announced = dict(
        _competitions(year, operational)
        .values("task_area")
        .annotate(n=Count("pk"))
        .values_list("task_area", "n")
    )
    per_area = {
        row.pop("competition__task_area"): row
        for row in _offers(year, operational)
        .values("competition__task_area")
        .annotate(**_offer_counts())
    }
    empty = dict.fromkeys(_offer_counts())
    areas = [
        {
            "number": area.number,
            "name": area.name,
            "competitions": announced.get(area.pk, 0),
            **_row(per_area.get(area.pk, empty)),
        }
        for area in TaskArea.objects.filter(pk__in=set(announced) | set(per_area))
    ]
    totals = _offers(year, operational).aggregate(**_offer_counts())
    return {
        "areas": areas,
        "totals": {"competitions": sum(announced.values()), **_row(totals)},
    }


def agreements(year: int, operational=None) -> dict:
    """The competitions' agreements (art. 16): signed, settled, the grant used and returned."""

    signed = ~Q(state__in=[AgreementState.DRAFTED])
    settled = Q(state=AgreementState.SETTLED)
    rows = Agreement.objects.filter(offer__competition__in=_competitions(year, operational))
    row = rows.aggregate(
        agreements=Count("pk", filter=signed),
        amount=Sum("amount", filter=signed),
        terminated=Count("pk", filter=Q(state=AgreementState.TERMINATED)),
        settled=Count("pk", filter=settled),
        used=Sum("used", filter=settled),
        returned=Sum("returned", filter=signed),
    )
    return {k: money(v) if k in ("amount", "used", "returned") else v for k, v in row.items()}


def small_grants(year: int, operational=None) -> dict:
    """Art. 19a: offers published for comments, grants given, their sum and organisations."""

    granted = Q(state=SmallGrantState.GRANTED)
    row = (
        _in_areas(SmallGrant.objects.filter(carried_out_from__year=year), operational)
        .exclude(state=SmallGrantState.SUBMITTED)
        .aggregate(
            offers=Count("pk"),
            granted_offers=Count("pk", filter=granted),
            organisations=Count("organisation", filter=granted, distinct=True),
            amount=Sum("amount", filter=granted),
        )
    )
    return {**row, "amount": money(row["amount"])}


def local_initiatives(year: int, operational=None) -> dict:
    """Art. 19b–19h: applications, agreements, and what the city and residents put in."""

    agreed = Q(state__in=[InitiativeState.AGREEMENT_SIGNED, InitiativeState.COMPLETED])
    rows = _in_areas(LocalInitiative.objects.filter(carried_out_from__year=year), operational)
    row = rows.aggregate(
        applications=Count("pk"),
        agreements=Count("pk", filter=agreed),
        city_contribution=Sum("city_contribution", filter=agreed),
        residents_contribution=Sum(
            F("work_value") + F("in_kind_value") + F("money_value"), filter=agreed
        ),
        work_hours=Sum("work_hours", filter=agreed),
    )
    return {
        **row,
        "work_hours": row["work_hours"] or 0,
        "city_contribution": money(row["city_contribution"]),
        "residents_contribution": money(row["residents_contribution"]),
    }


def cooperation(year: int) -> dict:
    """Cooperation without money the system saw: consultations of programmes (their comments
    and the organisations that commented) and the sector teams' meetings held."""

    comments = Comment.objects.filter(created_at__year=year).aggregate(
        comments=Count("pk"),
        programmes=Count("programme", distinct=True),
        organisations=Count("organisation", distinct=True),
    )
    meetings = Meeting.objects.filter(
        starts_at__year=year, state__in=[MeetingState.CLOSED, MeetingState.PUBLISHED]
    ).count()
    return {**comments, "meetings": meetings}


def programme_of(year: int) -> Programme | None:
    """The programme in force that year (an annual one before a multi-year one)."""

    return (
        Programme.objects.filter(year_from__lte=year, year_to__gte=year)
        .order_by("-year_from", "year_to", "pk")
        .first()
    )


def figures(year: int, programme: Programme | None, operational=None) -> dict:
    """The report's figures: the city's, or one operational programme's (its competitions,
    and the small grants and local initiatives in its areas; the cooperation without money
    is the city's in both, the system does not tell it apart per programme)."""

    planned = programme.planned_funds if programme is not None else None
    result = {
        "year": year,
        "programme": programme.title if programme is not None else "",
        "operational_programme": operational.name if operational is not None else "",
        "planned_funds": money(planned) if planned is not None and operational is None else None,
        "competitions": competitions(year, operational),
        "agreements": agreements(year, operational),
        "small_grants": small_grants(year, operational),
        "local_initiatives": local_initiatives(year, operational),
        "cooperation": cooperation(year),
    }
    spent = Decimal(result["competitions"]["totals"]["amount"]) + Decimal(
        result["small_grants"]["amount"]
    )
    result["granted_total"] = money(spent)
    return result
