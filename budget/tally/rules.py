"""Entry point: count an election with a named rule and explain every project."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from budget.tally.errors import TallyError
from budget.tally.greedy import run_greedy
from budget.tally.model import Election, VoteType
from budget.tally.profile import Profile, TieBreak, compile_election
from budget.tally.result import ProjectOutcome, TallyResult

RULES = (
    "greedy",
    "greedy-threshold",
    "greedy-no-skip",
    "mes",
    "mes-greedy",
    "mes-add1",
    "mes-add1-greedy",
)
NO_BALLOTS = "no ballots were cast: nothing is selected"

Progress = Callable[[int, int], None]


def tally(
    election: Election,
    rule: str,
    *,
    tie_break: TieBreak = None,
    threshold: Fraction | int | None = None,
    engine: str = "auto",
    progress: Progress | None = None,
) -> TallyResult:
    """Count `election` with `rule` (one of RULES).

    tie_break: None for project id ascending as a string (pabulib recounts), a key function
    on `Project`, or a list of all project ids in preference order (editions: cheaper first,
    then a seeded draw). threshold: minimum votes/score for `greedy-threshold`, by default
    META min_project_score_threshold.
    """
    if rule not in RULES:
        raise TallyError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    profile = compile_election(election, tie_break)
    outcomes = {
        pid: ProjectOutcome(pid, profile.votes[i], profile.scores[i], election.projects[pid].cost)
        for i, pid in enumerate(profile.ids)
    }
    if not election.voters:
        for outcome in outcomes.values():
            outcome.reason = NO_BALLOTS
        return _result(rule, profile, [], outcomes, election, NO_BALLOTS)
    if rule.startswith("greedy"):
        selected = _greedy(rule, profile, outcomes, election, threshold)
    else:
        selected = _mes(rule, profile, outcomes, election, engine, progress)
    return _result(rule, profile, selected, outcomes, election, "")


def _greedy(rule, profile, outcomes, election, threshold) -> list[int]:
    if rule == "greedy-threshold":
        threshold = threshold if threshold is not None else election.score_threshold
        if threshold is None:
            raise TallyError("greedy-threshold needs min_project_score_threshold in META")
        return run_greedy(profile, outcomes, threshold=Fraction(threshold))
    return run_greedy(profile, outcomes, skip=rule != "greedy-no-skip")


def _mes(rule, profile, outcomes, election, engine, progress) -> list[int]:
    # MES counts with numpy, imported here: a greedy count (pb_tally) starts without it.
    from budget.tally.mes import MesCounter
    from budget.tally.mes_explain import explain_mes

    counter = MesCounter(profile, engine)
    outcome = counter.add1(progress) if rule.startswith("mes-add1") else counter.plain()
    cost_utility = election.vote_type in (VoteType.APPROVAL, VoteType.CHOOSE_1)
    explain_mes(profile, outcome, outcomes, cost_utility)
    for outcome_item in outcomes.values():
        outcome_item.details["add1_iterations"] = outcome.iterations
    selected = list(outcome.selected)
    if rule.endswith("-greedy"):
        added = run_greedy(profile, _completion_view(outcomes, selected, profile), already=selected)
        for p in added:
            item = outcomes[profile.ids[p]]
            item.reason = f"added by greedy completion: {item.reason}"
        selected += added
    return selected


def _completion_view(outcomes, selected, profile: Profile) -> dict[str, ProjectOutcome]:
    """Greedy completion only rewrites the reason of projects MES did not select."""
    chosen = {profile.ids[p] for p in selected}
    view = {}
    for pid, outcome in outcomes.items():
        if pid not in chosen:
            view[pid] = outcome
            outcome.details["mes_reason"] = outcome.reason
    return view


def _result(rule, profile, selected, outcomes, election, message) -> TallyResult:
    for p in selected:
        outcomes[profile.ids[p]].selected = True
    total = sum((election.projects[profile.ids[p]].cost for p in selected), Fraction(0))
    return TallyResult(
        rule=rule,
        selected=[profile.ids[p] for p in selected],
        total_cost=total,
        budget=election.budget,
        projects=outcomes,
        message=message,
    )
