"""The Polish greedy rule and its variants.

Projects are taken by votes (approval, choose-1) or score (cumulative, ordinal) from the
highest, ties by the tie-break order; a project that no longer fits is skipped (`greedy`,
`greedy-threshold`) or ends the count (`greedy-no-skip`, as in Wrocław and Gdynia).
Like pabutools, `greedy` also takes projects nobody voted for if money is left for them.
"""

from __future__ import annotations

from fractions import Fraction

from budget.tally.profile import Profile
from budget.tally.result import ProjectOutcome, money

Outcomes = dict[str, ProjectOutcome]


def greedy_order(profile: Profile, candidates: list[int]) -> list[int]:
    return sorted(candidates, key=lambda p: (-profile.scores[p], profile.rank[p]))


def run_greedy(
    profile: Profile,
    outcomes: Outcomes,
    *,
    threshold: Fraction | None = None,
    skip: bool = True,
    already: list[int] | None = None,
) -> list[int]:
    """Select greedily on top of `already` (MES completion); returns the newly selected."""
    taken = set(already or ())
    remaining = profile.budget - sum(profile.costs[p] for p in taken)
    candidates = [p for p in range(profile.n_projects) if p not in taken]
    if threshold is not None:
        candidates = _above_threshold(profile, candidates, threshold, outcomes)
    selected: list[int] = []
    stopped_at: int | None = None
    for p in greedy_order(profile, candidates):
        outcome = outcomes[profile.ids[p]]
        cost = profile.costs[p]
        if stopped_at is not None:
            outcome.reason = (
                f"not considered: counting stopped at {profile.ids[stopped_at]}, "
                "the first project that did not fit"
            )
        elif cost <= remaining:
            remaining -= cost
            selected.append(p)
            outcome.selected = True
            outcome.reason = f"fits: {money(profile.units_to_money(remaining))} left after it"
            outcome.details["remaining_after"] = profile.units_to_money(remaining)
        else:
            left = money(profile.units_to_money(remaining))
            outcome.reason = f"did not fit: remaining {left} < cost {money(outcome.cost)}"
            outcome.details["remaining"] = profile.units_to_money(remaining)
            if not skip:
                stopped_at = p
    return selected


def _above_threshold(
    profile: Profile, candidates: list[int], threshold: Fraction, outcomes: Outcomes
) -> list[int]:
    eligible = []
    for p in candidates:
        if profile.scores[p] >= threshold:
            eligible.append(p)
        else:
            outcomes[
                profile.ids[p]
            ].reason = f"below threshold: {profile.scores[p]} < {threshold} required"
    return eligible
