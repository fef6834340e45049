"""Method of Equal Shares rules: plain, iterated Add1, and their greedy completions.

Add1 (pabutools `voter_budget_increment=1`, equalshares.net): start from budget / voters per
voter; while the outcome is feasible but some supported project still fits the leftover
money, give every voter 1 zł more and count again. Stop at the first outcome that is
exhaustive (return it) or over budget (return the previous one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from budget.tally.mes_exact import mes_exact
from budget.tally.mes_fast import TooClose, mes_fast
from budget.tally.mes_prepare import Prepared, prepare
from budget.tally.mes_run import MesRun
from budget.tally.profile import Profile

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class MesOutcome:
    selected: list[int]  # free projects first, then in buying order
    run: MesRun  # the run whose outcome was kept (explanations)
    share: Fraction  # money per voter in that run
    iterations: int = 1
    exact_fallbacks: int = 0


class MesCounter:
    """Counts MES runs for one compiled election.

    engine: 'fast' (numpy, handing too-close runs to the exact engine; 'auto' is the same) or
    'exact' (rational arithmetic only, for tests and audits).
    """

    def __init__(self, profile: Profile, engine: str = "auto") -> None:
        self.profile = profile
        self.fallbacks = 0
        self.prep: Prepared | None = prepare(profile) if engine != "exact" else None
        costs = profile.costs
        # A project counts for MES when someone gets utility from it (as in pabutools, a free
        # project under cost utilities gives none); supported free projects are taken first.
        supported = [p for p in range(profile.n_projects) if profile.utilities[p].any()]
        self.free = [p for p in supported if costs[p] == 0]
        self.eligible = [p for p in supported if costs[p] > 0]

    def run(self, share: Fraction) -> MesRun:
        if self.prep is not None:
            try:
                return mes_fast(self.profile, self.prep, share, self.eligible)
            except TooClose:
                self.fallbacks += 1
        return mes_exact(self.profile, share, self.eligible)

    def plain(self) -> MesOutcome:
        share = self.initial_share()
        run = self.run(share)
        return MesOutcome(self.free + run.selected, run, share, 1, self.fallbacks)

    def add1(self, progress: Progress | None = None) -> MesOutcome:
        profile = self.profile
        share = self.initial_share()
        previous = MesOutcome(list(self.free), MesRun(), share, 0)
        for iteration in range(1, 10**9):
            run = self.run(share)
            current = MesOutcome(self.free + run.selected, run, share, iteration, self.fallbacks)
            spent = sum(profile.costs[p] for p in current.selected)
            if spent > profile.budget:
                previous.iterations, previous.exact_fallbacks = iteration, self.fallbacks
                return previous
            if self._exhaustive(current.selected, spent):
                return current
            if progress is not None:
                progress(spent, profile.budget)
            previous = current
            share += profile.scale  # one złoty more for every voter
        raise AssertionError("unreachable")

    def initial_share(self) -> Fraction:
        return Fraction(self.profile.budget, self.profile.n_voters)

    def _exhaustive(self, selected: list[int], spent: int) -> bool:
        chosen = set(selected)
        left = self.profile.budget - spent
        costs = self.profile.costs
        return all(p in chosen or costs[p] > left for p in self.eligible)
