"""An edition as pabulib `.pb` files (one per pool) and a `.pb` file as a demonstration edition.

The export is the anonymised frozen box (budget.export) with the count's figures, so anyone
can recount it with pabutools or `manage.py pb_tally`. Voter ids are a sequence per ballot,
never a person.
"""

import hashlib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from budget.export import anonymised_ballots
from budget.models import (
    Ballot,
    BallotChoice,
    Edition,
    EditionState,
    Pool,
    Proposal,
    ProposalState,
    VoteRule,
)
from budget.models.editions import TALLY_RULES, THRESHOLD_RULE
from budget.seal import seal_of
from budget.services.editions import threshold_for
from budget.tally import Election, VoteType, write_pb
from budget.tally.pb_write import format_number
from districts.models import City
from workflows.accounts.models import User
from workflows.parsing import parse_int
from workflows.services import SYSTEM, advance

from . import elections
from .models import ProjectResult


def export_edition(edition: Edition, directory: Path) -> list[Path]:
    data = anonymised_ballots(edition)  # 409 unless the box is frozen
    results = {
        r.proposal_id: r
        for r in ProjectResult.objects.filter(run__edition=edition).only(
            "proposal_id", "votes", "score", "selected"
        )
    }
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for pool in data["pools"]:
        election = elections.pool_election(data, pool["id"])
        _describe(election, edition, pool, results)
        city = slugify(edition.city.name).title().replace("-", "")
        name = f"Poland_{city}_{edition.year}_{slugify(pool['name'])}.pb"
        write_pb(election, directory / name)
        written.append(directory / name)
    return written


def _describe(election: Election, edition: Edition, pool: dict, results: dict) -> None:
    limits = {k: v for k, v in election.meta.items() if k not in ("budget", "vote_type")}
    election.meta = {
        "description": f"{edition.title}: {pool['name']}",
        "country": "Poland",
        "unit": edition.city.name,
        "instance": str(edition.year),
        "district": pool["name"],
        "num_projects": str(len(election.projects)),
        "num_votes": str(len(election.voters)),
        "budget": pool["amount"],
        "vote_type": election.vote_type.value,
        "rule": edition.tally_rule,
        **limits,
    }
    if election.vote_type is VoteType.APPROVAL:
        election.meta["min_length"] = "1"
    # Only the sequence number of the ballot: no age band or channel in a public file.
    election.voters = [v.replace(extra={}) for v in election.voters]
    for pid, project in list(election.projects.items()):
        result = results.get(int(pid))
        extra = {}
        if result is not None:
            extra = {"votes": str(result.votes), "score": str(result.score)}
            extra["selected"] = "1" if result.selected else "0"
        election.projects[pid] = project.replace(extra=extra)


def edition_year(election: Election) -> int:
    """The file's `instance` is its year; 2000 stands in where it is none."""

    year = parse_int(election.meta.get("instance", ""), high=9999)
    return 2000 if year is None else year


@transaction.atomic
def import_election(election: Election, *, source: str) -> Edition:
    """A demonstration edition with its box frozen: proposals on the ballot, ballots cast.

    The ballots go into an edition in voting, which is then closed through advance() like
    any other: the close_voting effect chains the digest of the box (budget.seal), so
    verify_audit reports a ballot deleted, added or changed after the import."""

    meta = election.meta
    city_name = meta.get("unit") or meta.get("city") or "Miasto demonstracyjne"
    city, _ = City.objects.get_or_create(name=city_name, defaults={"slug": slugify(city_name)})
    year = edition_year(election)
    vote_rule, extra = _vote_rule(election)
    rule = meta.get("rule", "greedy")
    rule = rule if rule in TALLY_RULES else "greedy"
    edition = Edition.objects.create(
        city=city,
        year=year,
        title=(meta.get("description") or source)[:200],
        total_amount=Decimal(format_number(election.budget)),
        identification=["code"],
        tally_rule=rule,
        score_threshold=threshold_for(
            rule, election.score_threshold if rule == THRESHOLD_RULE else None
        ),
        state=EditionState.VOTING,
        **vote_rule,
        **extra,
    )
    max_cost = max((p.cost for p in election.projects.values()), default=Fraction(0))
    pool = Pool.objects.create(
        edition=edition,
        name=(meta.get("district") or meta.get("subunit") or "Pula ogólnomiejska")[:200],
        amount=Decimal(format_number(election.budget)),
        max_project_cost=Decimal(format_number(max_cost)),
        population=0,
    )
    author, _ = User.objects.get_or_create(username="pabulib-import")
    proposals = {
        pid: Proposal.objects.create(
            edition=edition,
            pool=pool,
            author=author,
            title=(p.name or f"Projekt {pid}")[:200],
            estimated_cost=Decimal(format_number(p.cost)),
            verified_cost=Decimal(format_number(p.cost)),
            state=ProposalState.ON_BALLOT,
        )
        for pid, p in election.projects.items()
    }
    _ballots(edition, pool, election, proposals, source)
    return advance(edition, "close_voting", by=SYSTEM, reason=f"Import z pliku pabulib: {source}")


def _vote_rule(election: Election) -> tuple[dict, dict]:
    if election.vote_type is VoteType.ORDINAL:
        top = election.max_length or max((len(v.projects) for v in election.voters), default=1)
        return {"vote_rule": VoteRule.ORDINAL}, {"ordinal_points": list(range(top, 0, -1))}
    if election.vote_type is VoteType.CUMULATIVE:
        top = election.meta_int("max_sum_points") or max(
            (sum(v.points or ()) for v in election.voters), default=1
        )
        return {"vote_rule": VoteRule.CUMULATIVE}, {"max_points": top}
    k = 1 if election.vote_type is VoteType.CHOOSE_1 else election.max_length
    k = k or max((len(v.projects) for v in election.voters), default=1)
    return {"vote_rule": VoteRule.APPROVAL}, {"max_choices": k}


def _ballots(edition, pool, election, proposals, source) -> None:
    now = timezone.now()
    salt = hashlib.sha256(f"{source}:{edition.pk}".encode()).hexdigest()
    ballots = Ballot.objects.bulk_create(
        [
            Ballot(
                edition=edition,
                voter_key=hashlib.sha256(f"{salt}:{v.id}".encode()).hexdigest(),
                method="code",
                age_band="",
                receipt=hashlib.sha256(f"r:{salt}:{v.id}".encode()).hexdigest()[:16],
                cast_at=now,
            )
            for v in election.voters
        ],
        batch_size=2000,
    )
    ordinal = election.vote_type is VoteType.ORDINAL
    top = len(edition.ordinal_points)
    choices = []
    for ballot, voter in zip(ballots, election.voters, strict=True):
        for rank, pid in enumerate(voter.projects, start=1):
            points = top - rank + 1 if ordinal else (voter.points[rank - 1] if voter.points else 1)
            choices.append(
                BallotChoice(
                    ballot=ballot,
                    pool=pool,
                    proposal=proposals[pid],
                    points=points,
                    rank=rank if ordinal else None,
                )
            )
    BallotChoice.objects.bulk_create(choices, batch_size=5000)
    by_ballot: dict[int, list] = {}
    for c in choices:
        by_ballot.setdefault(c.ballot.pk, []).append((pool.pk, c.proposal.pk, c.points, c.rank))
    for ballot in ballots:
        ballot.seal = seal_of(ballot, by_ballot.get(ballot.pk, []))
    Ballot.objects.bulk_update(ballots, ["seal"], batch_size=2000)
