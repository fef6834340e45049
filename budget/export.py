"""The frozen ballot box as anonymised ballots: for the tally and for anyone's recount.

No voter key, receipt, time or paper number: only the pool, the choices (points, ranks),
the channel and the age band. Ballots are shuffled by a hash of their receipt (random and
never published), so the order does not reveal the order of voting.
"""

from fractions import Fraction

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from workflows.errors import Conflict

from .models import Ballot, BallotChoice, Edition, EditionState, ProposalState

FROZEN_STATES = (EditionState.VOTING_CLOSED, EditionState.RESULTS_PUBLISHED)


def ensure_frozen(edition: Edition) -> None:
    if edition.state not in FROZEN_STATES:
        raise Conflict(
            _("Głosy są dostępne dopiero po zamknięciu głosowania."), state=edition.state
        )


def anonymised_ballots(edition: Edition) -> dict:
    ensure_frozen(edition)
    pools = list(edition.pools.select_related("district").prefetch_related("proposals"))
    rules = _pool_rules(edition)
    ballots = (
        Ballot.objects.filter(edition=edition, invalidated_at__isnull=True)
        .only("id", "receipt", "channel", "age_band")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=BallotChoice.objects.order_by("pool_id", "rank", "proposal_id").only(
                    "ballot_id", "pool_id", "proposal_id", "points", "rank"
                ),
            )
        )
        .order_by("receipt")
    )
    rows = []
    for n, ballot in enumerate(ballots.iterator(chunk_size=2000), start=1):
        by_pool: dict[int, list] = {}
        for choice in ballot.choices.all():
            by_pool.setdefault(choice.pool_id, []).append(
                {"project": choice.proposal_id, "points": choice.points, "rank": choice.rank}
            )
        for pool_id, choices in by_pool.items():
            rows.append(
                {
                    "ballot": n,
                    "pool": pool_id,
                    "channel": ballot.channel,
                    "age_band": ballot.age_band,
                    "choices": choices,
                }
            )
    invalid = Ballot.objects.filter(edition=edition, invalidated_at__isnull=False).count()
    return {
        "edition": {
            "id": edition.pk,
            "year": edition.year,
            "vote_rule": edition.vote_rule,
            "max_choices": edition.max_choices,
            "ordinal_points": edition.ordinal_points,
            "max_points": edition.max_points,
            "tally_rule": edition.tally_rule,
            "score_threshold": edition.score_threshold,
            "tie_break": edition.tie_break,
        },
        "pools": [
            {
                "id": pool.id,
                "name": pool.name,
                "district": pool.district_id,
                "amount": str(pool.amount),
                **({"rule": rules[pool.kind]} if rules else {}),
                "projects": [
                    {
                        "id": p.id,
                        "title": p.title,
                        "cost": str(p.cost),
                        "submitted_at": p.submitted_at.isoformat() if p.submitted_at else None,
                    }
                    for p in pool.proposals.all()
                    if p.state in _ON_OR_AFTER_BALLOT
                ],
            }
            for pool in pools
        ],
        "ballots": rows,
        "invalidated": invalid,
    }


def _pool_rules(edition: Edition) -> dict:
    """The rule of each pool kind, for an edition with a rulebook (budget.models.rulebook);
    {} otherwise, so that the export of an edition without one keeps its digest."""

    if not edition.pool_rules.exists():
        return {}
    return {
        kind: {
            "vote_rule": rule.vote_rule,
            "max_choices": rule.max_choices,
            "ordinal_points": rule.ordinal_points,
            # Points spread across pools: a pool may take up to the whole ballot's.
            "max_points": edition.max_points if edition.points_across_pools else rule.max_points,
        }
        for kind, rule in edition.rules_by_kind().items()
    }


def pool_rule(data: dict, pool: dict) -> dict:
    """The vote rule a pool of an export was voted under: its own, or the edition's."""

    return pool.get("rule") or data["edition"]


_ON_OR_AFTER_BALLOT = {
    ProposalState.ON_BALLOT,
    ProposalState.SELECTED,
    ProposalState.NOT_SELECTED,
    ProposalState.IN_IMPLEMENTATION,
    ProposalState.COMPLETED,
    ProposalState.ABANDONED,
}


def election_for_pool(data: dict, pool_id: int):
    """One pool of an export as the tally's Election (one voter per ballot in that pool)."""

    from .tally import Election, Project, Voter, VoteType

    pool = next(p for p in data["pools"] if p["id"] == pool_id)
    rule = pool_rule(data, pool)["vote_rule"]
    projects = {
        str(p["id"]): Project(id=str(p["id"]), cost=Fraction(p["cost"]), name=p["title"])
        for p in pool["projects"]
    }
    voters = []
    for row in data["ballots"]:
        if row["pool"] != pool_id:
            continue
        ids = tuple(str(c["project"]) for c in row["choices"])
        points = tuple(c["points"] for c in row["choices"]) if rule != "approval" else None
        voters.append(
            Voter(
                id=str(row["ballot"]),
                projects=ids,
                points=points,
                extra={"age_band": row["age_band"]},
            )
        )
    vote_type = VoteType(rule)
    meta = {"budget": pool["amount"], "vote_type": vote_type.value}
    if rule == "approval":
        meta["max_length"] = str(pool_rule(data, pool)["max_choices"])
    return Election(
        projects=projects,
        voters=voters,
        budget=Fraction(pool["amount"]),
        vote_type=vote_type,
        meta=meta,
    )
