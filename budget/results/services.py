"""Counting an edition: the frozen box → one count per pool → results → selected / not selected.

An edition is counted once. The count is deterministic given the box and the recorded seed,
and its outcome moves every proposal on the ballot out of `on_ballot`, so there is nothing a
second count could do but contradict the first: it is refused (409). Anyone can redo the
count from the published export (`export_edition_pb`) and the recorded seed.
"""

import secrets
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget import rules
from budget.export import anonymised_ballots, ensure_frozen
from budget.models import Edition, Proposal, ProposalState
from budget.tally import TallyError, tally
from budget.tally.pb_write import format_number
from workflows.errors import Conflict
from workflows.services import SYSTEM, advance

from . import elections, explain
from .models import PoolResult, ProjectResult, ResultAmendment, TallyRun


@transaction.atomic
def count_edition(edition: Edition, *, by, seed: int | None = None) -> TallyRun:
    rules.counts_votes(by)
    edition = Edition.objects.select_for_update(of=("self",)).get(pk=edition.pk)
    ensure_frozen(edition)
    if TallyRun.objects.filter(edition=edition).exists():
        raise Conflict(_("Głosy tej edycji zostały już policzone."), state=edition.state)
    data = anonymised_ballots(edition)
    if elections.needs_seed(edition.tie_break) and seed is None:
        seed = secrets.randbelow(2**62)
    run = TallyRun.objects.create(
        edition=edition,
        rule=edition.tally_rule,
        tie_break=edition.tie_break,
        seed=seed if elections.needs_seed(edition.tie_break) else None,
        by=None if by is SYSTEM else by,
        input_digest=elections.digest(data),
        ballots=len({row["ballot"] for row in data["ballots"]}),
    )
    outcomes: dict[int, tuple[bool, str]] = {}
    for pool in data["pools"]:
        outcomes.update(_count_pool(run, data, pool))
    _move_proposals(edition, outcomes)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def _count_pool(run: TallyRun, data: dict, pool: dict) -> dict[int, tuple[bool, str]]:
    election = elections.pool_election(data, pool["id"])
    order = elections.tie_order(election, run.tie_break, run.seed, pool)
    try:
        result = tally(election, run.rule, tie_break=order)
    except TallyError as exc:
        raise Conflict(_("Nie można policzyć głosów: %(e)s") % {"e": exc}) from exc
    chosen = set(result.selected)
    position = {pid: i for i, pid in enumerate(result.selected, start=1)}
    rows, moves = [], {}
    for pid, outcome in result.projects.items():
        why = explain.reason(outcome)
        moves[int(pid)] = (outcome.selected, why)
        rows.append(
            ProjectResult(
                run=run,
                pool_id=pool["id"],
                proposal_id=int(pid),
                votes=outcome.votes,
                score=outcome.score,
                cost=Decimal(format_number(outcome.cost)),
                selected=outcome.selected,
                selection_order=position.get(pid),
                reason=why,
                details=explain.details(outcome),
            )
        )
    ProjectResult.objects.bulk_create(rows)
    PoolResult.objects.create(
        run=run,
        pool_id=pool["id"],
        amount=Decimal(pool["amount"]),
        spent=Decimal(format_number(result.total_cost)),
        voters=len(election.voters),
        voters_with_winner=sum(1 for v in election.voters if chosen.intersection(v.projects)),
        message=(
            _("W tej puli nie oddano ważnych głosów: nie wybrano żadnego projektu.")
            if result.message
            else ""
        ),
    )
    return moves


def _move_proposals(edition: Edition, outcomes: dict[int, tuple[bool, str]]) -> None:
    # One lock for the whole ballot; advance() then re-reads each row under that lock.
    on_ballot = list(
        Proposal.objects.select_for_update(of=("self",))
        .filter(edition=edition, state=ProposalState.ON_BALLOT)
        .order_by("pk")
    )
    for proposal in on_ballot:
        selected, why = outcomes[proposal.pk]
        advance(proposal, "select" if selected else "not_select", by=SYSTEM, reason=why)


# What an amendment states besides its reason (the transition's keyword arguments).
CHANGE_FIELDS = ("proposal", "change", "resolution_number", "resolution_date")


def amend_results(edition: Edition, *, by, reason: str = "", **change) -> ResultAmendment:
    """Withdraw a selected project or add one (`change`: proposal, change, resolution_number,
    resolution_date), with a public reason: the edition's `amend_results` transition, whose
    effect re-counts the box (budget/results/amendments.py)."""

    advance(edition, "amend_results", by=by, reason=reason, **change)
    return ResultAmendment.objects.filter(run__edition=edition).latest("number")
