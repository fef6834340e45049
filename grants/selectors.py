"""Reads of the grants app: who sees which competition, offer and score, and the register."""

from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.errors import NotFound, NotPermitted
from workflows.permissions import has_perm

from . import scoring
from .initiative import InitiativeState, LocalInitiative
from .models import (
    CommissionMember,
    Competition,
    CompetitionState,
    CostLine,
    Offer,
    OfferState,
    SmallGrant,
)
from .small import SmallGrantState


def can_view_competition(user, competition) -> bool:
    return has_perm(user, "grants.view_competition", competition)


def declared_member(user, competition) -> CommissionMember | None:
    if not user.is_authenticated:
        return None
    return CommissionMember.objects.filter(
        competition=competition, person=user, declared_at__isnull=False
    ).first()


def can_view_offer(user, offer) -> bool:
    """Staff and the organisations of the offer (the leader and the partners of a joint one)
    always; the commission once it declared impartiality; everyone once the results are
    published (drafts never)."""

    return has_perm(user, "grants.view_offer", offer)


def can_see_scores(user, competition) -> bool:
    """Scores stay with the city and the commission until the results are published."""

    return (
        competition.results_public
        or bool(is_council_staff(user))
        or declared_member(user, competition) is not None
    )


def can_view_small_grant(user, grant) -> bool:
    return has_perm(user, "grants.view_small_grant", grant)


def small_grants(user):
    rows = SmallGrant.objects.select_related("organisation", "task_area")
    if not is_council_staff(user):
        mine = Q(organisation__representatives=user.pk) if user.is_authenticated else Q(pk=None)
        rows = rows.filter(~Q(state=SmallGrantState.SUBMITTED) | mine).distinct()
    return rows


def small_grant(pk: int, user) -> SmallGrant:
    found = (
        SmallGrant.objects.select_related("organisation", "task_area")
        .prefetch_related("comments__author")
        .filter(pk=pk)
        .first()
    )
    if found is None or not can_view_small_grant(user, found):
        raise NotFound(_("Nie ma takiej oferty."))
    return found


def _with_totals(offers):
    return offers.select_related("organisation").annotate(
        requested=Sum("cost_lines__from_grant"), own=Sum("cost_lines__from_own")
    )


def competitions(user):
    rows = Competition.objects.select_related("task_area").annotate(
        offers_count=Count("offers", filter=~Q(offers__state=OfferState.DRAFT))
    )
    if not is_council_staff(user):
        rows = rows.exclude(state=CompetitionState.DRAFT)
    return rows


def competition(pk: int, user) -> Competition:
    found = (
        Competition.objects.select_related("task_area", "programme", "operational_programme")
        .prefetch_related("criteria")
        .filter(pk=pk)
        .first()
    )
    if found is None or not can_view_competition(user, found):
        raise NotFound(_("Nie ma takiego konkursu."))
    return found


def results(competition: Competition):
    """Every offer past the formal check with its score and grant (or reason for none)."""

    return _with_totals(competition.offers.exclude(state=OfferState.DRAFT)).order_by("-score", "pk")


def funded_and_not(competition: Competition) -> tuple[list, list]:
    """Art. 15 ust. 2h: the offers funded (by grant, largest first) and those not funded,
    with the reason (formally rejected ones too), for the public list of results."""

    rows = list(
        _with_totals(competition.offers.exclude(state=OfferState.DRAFT))
        .prefetch_related("partners")
        .order_by(F("granted").desc(nulls_last=True), F("score").desc(nulls_last=True), "pk")
    )
    funded = [o for o in rows if o.state == OfferState.GRANTED]
    return funded, [o for o in rows if o.state != OfferState.GRANTED]


def offers_of(user, competition: Competition):
    """The offers of the organisations `user` represents in this competition, as leader or
    as a partner of a joint offer."""

    if not user.is_authenticated:
        return Offer.objects.none()
    mine = user.organisations.values("pk")
    # Through a subquery: joining the partners here would multiply the cost-line sums.
    ids = Offer.objects.filter(Q(organisation__in=mine) | Q(partners__in=mine)).values("pk")
    return _with_totals(competition.offers.filter(pk__in=ids))


def earlier_offers(user):
    """The offers of the organisations `user` represents (as leader), to start a new one
    from: the newest first."""

    if not user.is_authenticated:
        return Offer.objects.none()
    return (
        Offer.objects.filter(organisation__representatives=user)
        .select_related("competition", "organisation")
        .order_by("-pk")
    )


def offers_for_commission(user, competition: Competition):
    """The commission's list: refused until the member signs the declaration."""

    if not is_council_staff(user):
        seat = CommissionMember.objects.filter(competition=competition, person=user.pk).first()
        if seat is None:
            raise NotPermitted(_("Oferty oceniają członkowie komisji konkursowej."))
        if seat.declared_at is None:
            raise NotPermitted(_("Najpierw podpisz oświadczenie o braku konfliktu interesów."))
    return _with_totals(competition.offers.exclude(state=OfferState.DRAFT)).prefetch_related(
        "scores", "partners"
    )


def offer(pk: int, user) -> Offer:
    found = (
        _with_totals(Offer.objects.select_related("competition"))
        .prefetch_related(
            Prefetch("cost_lines", queryset=CostLine.objects.order_by("pk")), "partners"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not can_view_offer(user, found):
        raise NotFound(_("Nie ma takiej oferty."))
    return found


def register(year: int) -> list[dict]:
    """The open-data register of a year: every offer in the competitions whose results
    were published that year, with stable identifiers."""

    offers = _with_totals(
        Offer.objects.filter(
            competition__state=CompetitionState.RESULTS_PUBLISHED,
            competition__results_published_at__year=year,
        )
        .exclude(state=OfferState.DRAFT)
        .select_related("competition__task_area")
        .prefetch_related("partners")
    ).order_by("competition_id", "pk")
    return [
        {
            "id": f"offer-{o.pk}",
            "competition_id": f"competition-{o.competition_id}",
            "competition": o.competition.title,
            "task_area": o.competition.task_area.number,
            "form": o.competition.form,
            "organisation": o.organisation.name,
            "krs": o.organisation.krs,
            # A joint offer's partners (art. 14 ust. 2), by name and KRS number.
            "partners": "; ".join(f"{p.name} ({p.krs})" for p in o.partners.all()),
            "offer": o.title,
            "requested": (o.requested or Decimal(0)).quantize(scoring.CENT),
            "score": o.score,
            "granted": o.granted,
            "state": o.state,
            "reason": o.decision_reason,
            "results_published_at": timezone.localdate(
                o.competition.results_published_at
            ).isoformat(),
        }
        for o in offers
    ]


def can_view_initiative(user, initiative) -> bool:
    return has_perm(user, "grants.view_initiative", initiative)


def initiatives(user):
    rows = LocalInitiative.objects.select_related("task_area", "organisation")
    if not is_council_staff(user):
        mine = Q(applicant=user.pk) if user.is_authenticated else Q(pk=None)
        rows = rows.filter(~Q(state=InitiativeState.SUBMITTED) | mine)
    return rows


def initiative(pk: int, user) -> LocalInitiative:
    found = (
        LocalInitiative.objects.select_related("task_area", "organisation", "resolution")
        .prefetch_related("resolution__criteria", "assessments")
        .filter(pk=pk)
        .first()
    )
    if found is None or not can_view_initiative(user, found):
        raise NotFound(_("Nie ma takiego wniosku."))
    return found
