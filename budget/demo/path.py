"""The real path of a demo proposal: the same services and advance() a person would use, so
every decision is in the audit log with its reason and shows on the proposal's page.

Three writes check their phase against the clock (submitting and supporting a proposal,
appealing, voting), and the demo is loaded in one go today. So each of those steps runs
while the edition's schedule has its phase open now, and the schedule is then moved on
with `edition_set_schedule`, an audited change whose reason says it is the demo; the last
one leaves the schedule the demo shows. The timestamps of the decisions are today's.
"""

from datetime import date, time, timedelta

from django.utils import timezone

from workflows.services import advance
from workflows.timeutil import end_of_day, local_datetime

from ..models.editions import PHASE_ORDER, PhaseKind
from ..services.editions import edition_set_schedule
from ..services.proposals import (
    proposal_create,
    proposal_record_assessment,
    proposal_request_correction,
    proposal_support,
    proposal_update,
)
from ..services.voting import cast_ballot
from .base import point

RESCHEDULED = "Demo: harmonogram przesunięty, aby etap „%s” trwał w chwili wczytania danych."
FINAL = "Demo: harmonogram edycji po przejściu etapów wczytanych jednego dnia."


def schedule(edition, *, by, final: dict, open_now: str | None = None) -> None:
    """`final`: phase → (first day, last day) as offsets in days from today. With `open_now`
    that phase runs until tomorrow instead and the ones after it follow day by day."""

    today = timezone.localdate()
    days, after = {}, None
    for kind in PHASE_ORDER:
        first, last = final[kind]
        if after is not None:
            first = last = after
            after += 1
        elif kind == open_now:
            last, after = 1, 2
        days[kind] = (today + timedelta(days=first), today + timedelta(days=last))
    phases = {kind: (local_datetime(o, time(0, 0)), end_of_day(c)) for kind, (o, c) in days.items()}
    edition_set_schedule(
        edition=edition,
        by=by,
        phases=phases,
        reason=RESCHEDULED % PhaseKind(open_now).label if open_now else FINAL,
    )


def submit(edition, *, author, supporters, pool, title, category, cost, location, description):
    """A draft, its support signatures and its submission, as the author does on the page."""

    proposal = proposal_create(
        edition=edition,
        author=author,
        data={
            "title": title,
            "description": description,
            "location": location,
            "category": category,
            "estimated_cost": cost,
            "pool": pool.pk,
            **point(pool, title),
        },
    )
    for supporter in supporters[: pool.support_minimum]:
        proposal_support(proposal=proposal, by=supporter)
    return advance(proposal, "submit", by=author)


def correct(proposal, *, staff, request: str, changes: dict):
    proposal = proposal_request_correction(proposal=proposal, by=staff, reason=request)
    proposal_update(proposal=proposal, by=proposal.author, data=changes)
    return advance(proposal, "resubmit", by=proposal.author, reason="Uzupełniono braki.")


def pass_formal_check(proposal, *, staff, unit):
    return advance(
        proposal,
        "pass_formal_check",
        by=staff,
        reason=f"Wniosek kompletny; przekazany do weryfikacji: {unit.name}.",
        unit=unit.pk,
    )


def assess(proposal, *, verifier, cost=None, cost_reason="", feasible=True):
    proposal_record_assessment(
        proposal=proposal,
        by=verifier,
        verified_cost=cost if cost is not None else proposal.estimated_cost,
        cost_change_reason=cost_reason,
        feasible=feasible,
        legal=True,
        land_ownership="city",
        maintenance_cost=proposal.estimated_cost // 20,
    )


def accept(proposal, *, verifier):
    return advance(
        proposal,
        "accept_for_ballot",
        by=verifier,
        reason="Projekt wykonalny, zgodny z prawem, na terenie gminy; koszt po weryfikacji "
        "mieści się w limicie puli.",
    )


def pesel(n: int, born: date) -> str:
    """A valid but made-up PESEL number (only its keyed hash is kept)."""

    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    month = born.month + (20 if born.year >= 2000 else 0)
    digits = f"{born.year % 100:02d}{month:02d}{born.day:02d}{9000 + n:04d}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    return digits + str(check)


def vote(edition, *, n: int, born: date, selections: list[dict]):
    return cast_ballot(
        edition_id=edition.pk,
        selections=selections,
        identification={
            "method": "pesel",
            "pesel": pesel(n, born),
            "first_name": "Demo",
            "last_name": "Mieszkaniec",
            "residence_declared": True,
            "guardian_declared": True,
            # Used only for the children among the demo voters (the edition's guardian age).
            "guardian": {
                "first_name": "Demo",
                "last_name": "Rodzic",
                "pesel": pesel(n + 500, date(1980, 1, 1)),
            },
        },
    )
