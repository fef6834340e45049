"""Statistics of grants per year, task area and form: competitions (per form of the task),
small grants and local initiatives. Public figures only: drafts never count, and a
competition's funded offers and grants count once its results are published (the decisions
before that are not public).

A row counts in the year its task starts (as in the 31 May report). Six queries whatever
the number of competitions and offers.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from consultations.models import TaskArea

from .initiative import InitiativeState, LocalInitiative
from .models import Competition, CompetitionState, CostLine, Offer, OfferState, TaskForm
from .scoring import CENT
from .small import SmallGrant, SmallGrantState

ZERO = Decimal("0.00")
SMALL = "small_grant"
INITIATIVE = "local_initiative"
KINDS = {
    **{form: _("konkurs: %(form)s") % {"form": label} for form, label in TaskForm.choices},
    SMALL: _("z pominięciem konkursu (art. 19a)"),
    INITIATIVE: _("inicjatywa lokalna"),
}
FIELDS = [
    "year",
    "task_area",
    "task_area_name",
    "kind",
    "competitions",
    "offers",
    "funded",
    "requested",
    "granted",
]


@dataclass
class Row:
    year: int
    task_area: int
    task_area_name: str
    kind: str
    competitions: int = 0
    offers: int = 0
    funded: int = 0
    requested: Decimal = ZERO
    granted: Decimal = ZERO

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    def as_dict(self) -> dict:
        # In grosze: SQLite's sums drop the trailing zeros (60300 for 60300.00).
        return {
            name: value.quantize(CENT) if isinstance(value, Decimal) else value
            for name in FIELDS
            for value in [getattr(self, name)]
        }


def _competitions(year):
    rows = Competition.objects.exclude(
        state__in=[CompetitionState.DRAFT, CompetitionState.CANCELLED]
    )
    return rows if year is None else rows.filter(carried_out_from__year=year)


def rows(year: int | None = None) -> list[Row]:
    """Every (year, task area, kind) with something in it, ordered by year, area, kind."""

    found: dict[tuple, Row] = {}
    areas = {
        pk: (number, name)
        for pk, number, name in TaskArea.objects.values_list("pk", "number", "name")
    }

    def row(y, area_id, kind) -> Row:
        number, name = areas[area_id]
        if (y, number, kind) not in found:
            found[(y, number, kind)] = Row(y, number, name, kind)
        return found[(y, number, kind)]

    for item in (
        _competitions(year)
        .annotate(y=ExtractYear("carried_out_from"))
        .values("y", "task_area", "form")
        .annotate(n=Count("pk"))
    ):
        row(item["y"], item["task_area"], item["form"]).competitions = item["n"]
    results = Q(competition__state=CompetitionState.RESULTS_PUBLISHED)
    granted = results & Q(state=OfferState.GRANTED)
    offers = Offer.objects.filter(competition__in=_competitions(year)).exclude(
        state=OfferState.DRAFT
    )
    for item in (
        offers.annotate(y=ExtractYear("competition__carried_out_from"))
        .values("y", "competition__task_area", "competition__form")
        .annotate(
            n=Count("pk"),
            funded=Count("pk", filter=granted),
            granted=Sum("granted", filter=granted),
        )
    ):
        target = row(item["y"], item["competition__task_area"], item["competition__form"])
        target.offers, target.funded = item["n"], item["funded"]
        target.granted = item["granted"] or ZERO
    # The grant requested, from the cost estimates (a query of its own: joined with the
    # offers' counts it would multiply them).
    for item in (
        CostLine.objects.filter(offer__in=offers)
        .annotate(y=ExtractYear("offer__competition__carried_out_from"))
        .values("y", "offer__competition__task_area", "offer__competition__form")
        .annotate(s=Sum("from_grant"))
    ):
        key = (item["y"], item["offer__competition__task_area"], item["offer__competition__form"])
        row(*key).requested = item["s"] or ZERO
    small = SmallGrant.objects.exclude(state=SmallGrantState.SUBMITTED)
    initiatives = LocalInitiative.objects.exclude(state=InitiativeState.SUBMITTED)
    if year is not None:
        small = small.filter(carried_out_from__year=year)
        initiatives = initiatives.filter(carried_out_from__year=year)
    small_granted = Q(state=SmallGrantState.GRANTED)
    for item in (
        small.annotate(y=ExtractYear("carried_out_from"))
        .values("y", "task_area")
        .annotate(
            n=Count("pk"),
            funded=Count("pk", filter=small_granted),
            requested=Sum("amount"),
            granted=Sum("amount", filter=small_granted),
        )
    ):
        target = row(item["y"], item["task_area"], SMALL)
        target.offers, target.funded = item["n"], item["funded"]
        target.requested, target.granted = item["requested"] or ZERO, item["granted"] or ZERO
    agreed = Q(state__in=[InitiativeState.AGREEMENT_SIGNED, InitiativeState.COMPLETED])
    for item in (
        initiatives.annotate(y=ExtractYear("carried_out_from"))
        .values("y", "task_area")
        .annotate(
            n=Count("pk"),
            funded=Count("pk", filter=agreed),
            requested=Sum("city_contribution"),
            granted=Sum(F("city_contribution"), filter=agreed),
        )
    ):
        target = row(item["y"], item["task_area"], INITIATIVE)
        target.offers, target.funded = item["n"], item["funded"]
        target.requested, target.granted = item["requested"] or ZERO, item["granted"] or ZERO
    order = list(KINDS)
    return sorted(found.values(), key=lambda r: (-r.year, r.task_area, order.index(r.kind)))


def totals(found: list[Row]) -> list[Row]:
    """Per year and kind, summed over the areas (no query)."""

    summed: dict[tuple, Row] = {}
    for r in found:
        total = summed.setdefault((r.year, r.kind), Row(r.year, 0, "", r.kind))
        total.competitions += r.competitions
        total.offers += r.offers
        total.funded += r.funded
        total.requested += r.requested
        total.granted += r.granted
    order = list(KINDS)
    return sorted(summed.values(), key=lambda r: (-r.year, order.index(r.kind)))
