"""Amended results: the count re-run from the frozen box with the council's changes.

The edition's effect of `amend_results` (declared in budget/apps.py). Every amendment so far
is a constraint on the pools it touches — a withdrawn project is left out, an added one is
bought first from the pool's money — and the counting rule, its tie-break order and seed are
those of the original count, so the next project moves up exactly where the rule says. The
box must be the one counted: its digest is checked against the recorded one. The original
results are never rewritten; each amendment keeps the outcome of the pools it re-counted.
"""

from fractions import Fraction

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget import flows
from budget.export import anonymised_ballots
from budget.models import Proposal, ProposalState
from budget.tally import Election, TallyError, VoteType, tally
from budget.tally.pb_write import format_number
from workflows.errors import Conflict
from workflows.services import SYSTEM, advance

from . import elections, explain
from .models import AmendmentChange, ResultAmendment, TallyRun

# A project in these states was selected: only a SELECTED one may still move out.
WAS_SELECTED = {
    ProposalState.SELECTED,
    ProposalState.IN_IMPLEMENTATION,
    ProposalState.COMPLETED,
    ProposalState.ABANDONED,
}
MOVABLE = {ProposalState.SELECTED, ProposalState.NOT_SELECTED}


def amend(edition, *, by) -> ResultAmendment:
    change: flows.AmendmentInput = edition.amendment_input  # typed by the transition's body
    run = TallyRun.objects.get(edition=edition)
    data = anonymised_ballots(edition)
    if elections.digest(data) != run.input_digest:
        raise Conflict(
            _("Urna różni się od policzonej (inny skrót SHA-256): wyników nie można zmienić."),
            state=edition.state,
        )
    earlier = list(run.amendments.select_related("proposal").order_by("number"))
    amendment = ResultAmendment(
        run=run,
        number=len(earlier) + 1,
        change=change.change,
        proposal=change.proposal,
        reason=change.reason,
        resolution_number=change.resolution_number,
        resolution_date=change.resolution_date,
        by=None if by is SYSTEM else by,
    )
    # The last change of a project is the one that holds.
    constraints = {a.proposal_id: a for a in [*earlier, amendment]}
    pools = dict(earlier[-1].pools) if earlier else {}
    pool_ids = {a.proposal.pool_id for a in constraints.values()}
    for pool in data["pools"]:
        if pool["id"] in pool_ids:
            pools[str(pool["id"])] = _recount(data, pool, run, constraints)
    amendment.pools = pools
    _move(edition, pools, amendment)
    return amendment


def _recount(data: dict, pool: dict, run: TallyRun, constraints: dict) -> dict:
    election = elections.pool_election(data, pool["id"])
    # The tie-break order of the original count, from the whole pool.
    order = elections.tie_order(election, run.tie_break, run.seed, pool)
    mine = {str(pid): a for pid, a in constraints.items() if str(pid) in election.projects}
    forced = [pid for pid in order if pid in mine and mine[pid].change == AmendmentChange.ADD]
    forced_cost = sum((election.projects[pid].cost for pid in forced), Fraction(0))
    if forced_cost > election.budget:
        raise Conflict(_("Dodane projekty kosztują więcej, niż wynosi pula."))
    try:
        result = tally(
            _without(election, set(mine), election.budget - forced_cost),
            run.rule,
            tie_break=[pid for pid in order if pid not in mine],
        )
    except TallyError as exc:
        raise Conflict(_("Nie można policzyć głosów: %(e)s") % {"e": exc}) from exc
    titles = {str(p["id"]): p["title"] for p in pool["projects"]}
    rows = [
        _row(pid, titles[pid], True, n, _constraint_reason(mine[pid]), mine[pid].change)
        for n, pid in enumerate(forced, start=1)
    ]
    rows += [
        _row(pid, titles[pid], False, None, _constraint_reason(a), a.change)
        for pid, a in mine.items()
        if a.change == AmendmentChange.WITHDRAW
    ]
    position = {pid: n for n, pid in enumerate(result.selected, start=len(forced) + 1)}
    rows += [
        _row(pid, titles[pid], outcome.selected, position.get(pid), explain.reason(outcome), "")
        for pid, outcome in result.projects.items()
    ]
    rows.sort(key=lambda r: (not r["selected"], r["order"] or 0, r["title"]))
    return {"spent": format_number(forced_cost + result.total_cost), "projects": rows}


def _without(election: Election, ids: set[str], budget: Fraction) -> Election:
    """The election without `ids`, with the points every other project had: ordinal
    ballots become the points their positions gave (so nobody's later choice moves up)."""

    ordinal = election.vote_type is VoteType.ORDINAL
    top = election.max_length or max((len(v.projects) for v in election.voters), default=0)
    voters = []
    for voter in election.voters:
        points = voter.points
        if ordinal:
            points = tuple(top - n for n in range(len(voter.projects)))
        pairs = [
            (pid, pts)
            for pid, pts in zip(voter.projects, points or [None] * len(voter.projects), strict=True)
            if pid not in ids and (pts is None or pts > 0)
        ]
        voters.append(
            voter.replace(
                projects=tuple(pid for pid, _ in pairs),
                points=None if points is None else tuple(pts for _, pts in pairs),
            )
        )
    meta = {**election.meta, "budget": format_number(budget)}
    if ordinal:
        meta["vote_type"] = VoteType.CUMULATIVE.value
    return Election(
        projects={pid: p for pid, p in election.projects.items() if pid not in ids},
        voters=voters,
        budget=budget,
        vote_type=VoteType.CUMULATIVE if ordinal else election.vote_type,
        meta=meta,
    )


def _row(pid, title, selected, order, reason, change) -> dict:
    return {
        "id": int(pid),
        "title": title,
        "selected": selected,
        "order": order,
        "reason": reason,
        "change": change,
    }


def _constraint_reason(amendment: ResultAmendment) -> str:
    basis = _("%(resolution)s z dnia %(date)s") % {
        "resolution": amendment.resolution_number,
        "date": date_format(amendment.resolution_date, "j E Y"),
    }
    if amendment.change == AmendmentChange.WITHDRAW:
        return _("Wycofany (%(basis)s): %(reason)s") % {"basis": basis, "reason": amendment.reason}
    return _("Dodany (%(basis)s), koszt pokryty z puli przed liczeniem: %(reason)s") % {
        "basis": basis,
        "reason": amendment.reason,
    }


def _move(edition, pools: dict, amendment: ResultAmendment) -> None:
    """Saves the amendment with what moved, and moves the proposals whose outcome the
    amended count changed; refuses (409) to move one whose works have begun or ended."""

    outcome = {row["id"]: row for pool in pools.values() for row in pool["projects"]}
    proposals = list(
        Proposal.objects.select_for_update(of=("self",))
        .filter(edition=edition, pk__in=outcome)
        .order_by("pk")
    )
    moved_in, moved_out = [], []
    for proposal in proposals:
        row = outcome[proposal.pk]
        if row["selected"] == (proposal.state in WAS_SELECTED):
            continue
        if proposal.state not in MOVABLE:
            raise Conflict(
                _("Zmiana przesunęłaby projekt „%(title)s”, który jest już %(state)s.")
                % {"title": proposal.title, "state": proposal.get_state_display()},
                state=edition.state,
            )
        (moved_in if row["selected"] else moved_out).append(proposal.pk)
    amendment.moved_in, amendment.moved_out = moved_in, moved_out
    amendment.save()
    why = _("Zmiana wyników nr %(n)s: %(reason)s") % {
        "n": amendment.number,
        "reason": amendment.reason,
    }
    for proposal in proposals:
        if proposal.pk in moved_in:
            advance(proposal, "select", by=SYSTEM, reason=why)
        elif proposal.pk in moved_out:
            advance(proposal, "not_select", by=SYSTEM, reason=why)


def effect(edition, *, by, payload) -> dict:
    """What the audit entry of `amend_results` keeps: the amendment, what moved, and the
    digest and seed of the box it was counted from."""

    amendment = amend(edition, by=by)
    run = amendment.run
    return {
        "amendment": amendment.number,
        "moved_in": amendment.moved_in,
        "moved_out": amendment.moved_out,
        "input_digest": run.input_digest,
        "seed": run.seed,
    }
