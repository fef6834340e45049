"""Next year's edition in voting: submission, verification and appeals are over (with a
correction, rejections, a changed cost, an appeal upheld and one dismissed), the vote runs
for the next two weeks and some ballots are already in."""

from workflows.services import advance

from ..models import Proposal
from ..services.rulebook import rulebook_apply_preset
from . import path
from .base import (
    APPEALS_OPEN,
    BALLOT_PUBLISHED,
    OPENED,
    VERIFYING,
    birthday,
    description,
    new_edition,
    pools,
)
from .data import (
    APPEALS,
    CITYWIDE,
    CORRECTIONS,
    COST_CHANGES,
    FORMAL_REJECTIONS,
    LOCAL,
    MERIT_REJECTIONS,
    UNIT_OF,
)

# Phase windows in days from today: the vote runs for the next two weeks.
IN_VOTING = {
    "submission": (-200, -140),
    "verification": (-139, -60),
    "appeals": (-59, -20),
    "voting": (-5, 14),
    "results": (15, 30),
}
BALLOTS = 40


def _verify(proposal, unit, *, staff, verifier):
    """The formal check by the office, then the merit and cost verification by the unit."""

    title = proposal.title
    if title in FORMAL_REJECTIONS:
        advance(proposal, "reject_formally", by=staff, reason=FORMAL_REJECTIONS[title])
        return
    if title in CORRECTIONS:
        request, changes = CORRECTIONS[title]
        proposal = path.correct(proposal, staff=staff, request=request, changes=changes)
    proposal = path.pass_formal_check(proposal, staff=staff, unit=unit)
    cost, why = COST_CHANGES.get(title, (None, ""))
    rejection = MERIT_REJECTIONS.get(title)
    path.assess(proposal, verifier=verifier, cost=cost, cost_reason=why, feasible=not rejection)
    if rejection:
        advance(proposal, "reject_on_merit", by=verifier, reason=rejection)
    else:
        path.accept(proposal, verifier=verifier)


def _appeals(edition, staff):
    for title, (justification, upheld, decision) in APPEALS.items():
        proposal = Proposal.objects.get(edition=edition, title=title)
        advance(proposal, "appeal", by=proposal.author, reason=justification)
        verdict = "uphold_appeal" if upheld else "dismiss_appeal"
        advance(proposal, verdict, by=staff, reason=decision)


def entries(pool_of, units):
    """(pool, title, category, cost, unit) of every proposal: citywide, then by district."""

    found = [(pool_of[None], t, c, cost, units[u]) for t, c, cost, u in CITYWIDE]
    for number, proposals in LOCAL.items():
        for title, category, cost in proposals:
            found.append((pool_of[number], title, category, cost, units[UNIT_OF[category]]))
    return found


def edition_in_voting(city, year, people, units, verifiers):
    staff = people.staff
    edition = new_edition(city, year)
    # Kraków's own rules: points 3-2-1 in each pool, any age (budget.presets).
    edition = rulebook_apply_preset(edition_id=edition.pk, by=staff, preset="krakow")
    pool_of = pools(edition, staff)
    path.schedule(edition, by=staff, final=IN_VOTING, open_now="submission")
    edition = advance(edition, "open_submission", by=staff, reason=OPENED)
    submitted = []
    for i, (pool, title, category, cost, unit) in enumerate(entries(pool_of, units)):
        proposal = path.submit(
            edition,
            author=people.authors[i % 2],
            supporters=people.supporters,
            pool=pool,
            title=title,
            category=category,
            cost=cost,
            location=pool.name if pool.district_id else "różne lokalizacje w Krakowie",
            description=description(title, category),
        )
        submitted.append((proposal, unit))
    edition = advance(edition, "start_verification", by=staff, reason=VERIFYING)
    for proposal, unit in submitted:
        _verify(proposal, unit, staff=staff, verifier=verifiers[unit.pk])
    edition = advance(edition, "open_appeals", by=staff, reason=APPEALS_OPEN)
    path.schedule(edition, by=staff, final=IN_VOTING, open_now="appeals")
    _appeals(edition, staff)
    path.schedule(edition, by=staff, final=IN_VOTING)
    edition = advance(edition, "open_voting", by=staff, reason=BALLOT_PUBLISHED)
    return edition, list(pool_of.values())


def ballots(edition, pools, rnd, count=BALLOTS):
    """Synthetic voters: the citywide pool and one district each."""

    on_ballot = {
        pool.pk: list(pool.proposals.filter(state="on_ballot").values_list("pk", flat=True))
        for pool in pools
    }
    city = pools[0]
    districts = [pool for pool in pools[1:] if on_ballot[pool.pk]]
    limit = {kind: rule.choices_limit for kind, rule in edition.rules_by_kind().items()}
    for n in range(count):
        born = birthday(rnd)
        district = rnd.choice(districts)
        selections = [
            {
                "pool": pool.pk,
                "choices": [
                    {"proposal": p}
                    for p in rnd.sample(
                        on_ballot[pool.pk],
                        k=rnd.randint(1, min(limit[pool.kind], len(on_ballot[pool.pk]))),
                    )
                ],
            }
            for pool in (city, district)
        ]
        path.vote(edition, n=n, born=born, selections=selections)
