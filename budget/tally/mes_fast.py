"""Method of Equal Shares with numpy, for large elections.

Same rule as `mes_exact`, computed in float64 over merged ballot groups, with these speedups:
a project's rho is only recomputed when one of its supporters paid since it was last computed
(budgets only fall, so an old rho is a lower bound and rounds stop at the first stale bound
above the best); rho = cost / total utility exactly when no supporter is short of money (and
in round 1, when all budgets are equal, without looking at voters at all); otherwise a
poor/rich iteration started from the old rho.

Floating point never decides alone: a project whose supporters certainly all pay the full
share has the exact rational rho cost/U and those are compared exactly; any other comparison
(or affordability check) closer than REL_TOL is handed to the exact engine by raising
`TooClose`. Why REL_TOL = 1e-9 is safe: budgets start at one float and lose at most one
rounded subtraction per round (< 100 rounds), and numpy sums (pairwise) of a few million
positive terms err by ~log2(n) ulps, so relative errors stay below ~1e-12 (the tests check
float rho against the exact engine to 1e-12 on real ballots): far under the margin.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from budget.tally.mes_prepare import Prepared
from budget.tally.mes_run import MesRun
from budget.tally.profile import Profile

REL_TOL = 1e-9
# The ufuncs' reduce directly: what ndarray.sum/min/max and np.flatnonzero call, without
# their Python wrappers (a count makes tens of thousands of calls on small arrays).
_sum, _min, _max = np.add.reduce, np.minimum.reduce, np.maximum.reduce


class TooClose(Exception):
    """A decision is within the float margin; recount this run exactly."""


def mes_fast(profile: Profile, prep: Prepared, share: Fraction, eligible: list[int]) -> MesRun:
    """One MES run with `share` per voter; raises `TooClose` if floats cannot decide."""
    return _FastRun(profile, prep, share).run(eligible)


class _FastRun:
    def __init__(self, profile: Profile, prep: Prepared, share: Fraction) -> None:
        self.profile = profile
        self.prep = prep
        self.costs = [float(c) for c in profile.costs]
        self.share = float(share)
        self.budgets = np.full(len(profile.weights), self.share)
        self.untouched = True
        n = profile.n_projects
        self.rho = [0.0] * n  # a list: read per project in the round loop, faster than numpy
        self.exact: list[Fraction | None] = [None] * n  # rho as a fraction when certain
        self.shaky = [False] * n  # affordability within the float margin
        self.dirty = [True] * n
        self.trace = MesRun()

    def run(self, eligible: list[int]) -> MesRun:
        alive = set(eligible)
        while alive:
            self.trace.rounds += 1
            candidates = self._candidates(alive)
            if not candidates:
                break
            winner = self._decide(candidates)
            self._pay(winner)
            alive.discard(winner)
            exact = self.exact[winner]
            self.trace.bought(winner, exact if exact is not None else self.rho[winner])
        return self.trace

    def _candidates(self, alive: set[int]) -> list[int]:
        """Projects whose rho is within the margin of the round's best (recomputing lazily)."""
        best = float("inf")
        found: list[int] = []
        rho = self.rho
        for p in sorted(alive, key=rho.__getitem__):
            if rho[p] > best * (1 + REL_TOL):
                break  # a lower bound already too high, and so are all later ones
            if self.dirty[p] and not self._recompute(p):
                alive.discard(p)
                continue
            if rho[p] <= best * (1 + REL_TOL):
                found.append(p)
                best = min(best, rho[p])
        return [p for p in found if rho[p] <= best * (1 + REL_TOL)]

    def _decide(self, candidates: list[int]) -> int:
        if len(candidates) == 1:
            (winner,) = candidates
            if self.shaky[winner]:
                raise TooClose(f"affordability of project {winner}")
            return winner
        exact = [self.exact[p] for p in candidates]
        if any(r is None for r in exact) or any(self.shaky[p] for p in candidates):
            raise TooClose(f"rho of projects {candidates}")
        rank = self.profile.rank
        return min(candidates, key=lambda p: (self.exact[p], rank[p]))

    def _recompute(self, p: int) -> bool:
        """Refresh rho of project p; False if its supporters can no longer pay for it."""
        self.dirty[p] = False
        prep, cost = self.prep, self.costs[p]
        available, lowest, budgets, money = self._money_and_lowest(p)
        if available < cost * (1 - REL_TOL):
            self.trace.unaffordable(p, available)
            return False
        self.shaky[p] = available <= cost * (1 + REL_TOL)
        total_utility = prep.total_utility[p]
        share_rho = cost / total_utility
        if lowest >= share_rho * (1 + REL_TOL):
            # Everyone pays rho * utility in full: rho is exactly cost / U.
            self.exact[p] = Fraction(self.profile.costs[p], total_utility)
            self.rho[p] = share_rho
            return True
        self.exact[p] = None
        if budgets is None:
            budgets = self.budgets[prep.supporters[p]]
            money = budgets if prep.single_voters[p] else prep.weights[p] * budgets
        uniform = prep.uniform_utility[p]
        utility = prep.utilities[p] if uniform is None else uniform
        # Budgets only fell since rho was last computed, so the old rho is a lower bound.
        start = max(share_rho, self.rho[p] * (1 - 1e-12))
        self.rho[p] = _capped_rho(cost, start, budgets, utility, money, prep.weighted_utility[p])
        return True

    def _money_and_lowest(
        self, p: int
    ) -> tuple[float, float, np.ndarray | None, np.ndarray | None]:
        """Supporters' money and lowest budget / utility (+ budgets and money, if gathered)."""
        prep = self.prep
        if self.untouched:  # nobody has paid yet: every budget is the share
            share = self.share
            return prep.total_weight[p] * share, share / prep.max_utility[p], None, None
        budgets = self.budgets[prep.supporters[p]]
        money = budgets if prep.single_voters[p] else prep.weights[p] * budgets
        uniform = prep.uniform_utility[p]
        if uniform is None:
            lowest = float(_min(budgets / prep.utilities[p]))
        else:
            lowest = float(_min(budgets)) / uniform
        return float(_sum(money)), lowest, budgets, money

    def _pay(self, winner: int) -> None:
        self.untouched = False
        prep = self.prep
        sup = prep.supporters[winner]
        uniform = prep.uniform_utility[winner]
        utility = prep.utilities[winner] if uniform is None else uniform
        rest = self.budgets[sup] - self.rho[winner] * utility
        self.budgets[sup] = np.maximum(rest, 0.0)
        for q in prep.overlap[winner]:
            self.dirty[q] = True


def _capped_rho(
    cost: float,
    start: float,
    budgets: np.ndarray,
    utility: np.ndarray | float,
    money: np.ndarray,
    wu: np.ndarray,
) -> float:
    """rho when the poorest supporters give all they have and the rest pay rho * utility.

    Poor/rich iteration from a lower bound: whoever cannot pay at the current rho gives
    everything, the others share the rest; rho grows to the exact solution, usually in one or
    two passes. A sort is the fallback when it does not settle.
    """
    total_wu = float(_sum(wu))
    rho, count = start, -1
    for _ in range(8):
        # Indices, not a mask: the poor are few, so the sums below touch little memory.
        poor = (budgets < rho * utility).nonzero()[0]
        if len(poor) == count:
            return rho
        count = len(poor)
        rest = total_wu - float(_sum(wu[poor]))
        if rest <= 0:  # everyone gives everything: affordable only just
            return float(_max(budgets / utility))
        rho = (cost - float(_sum(money[poor]))) / rest
    return _sorted_rho(cost, budgets / utility, money, wu)


def _sorted_rho(cost: float, ratios: np.ndarray, money: np.ndarray, wu: np.ndarray) -> float:
    order = np.argsort(ratios, kind="stable")
    ratios, money, wu = ratios[order], money[order], wu[order]
    paid_before = np.concatenate(([0.0], np.cumsum(money)[:-1]))
    utility_from = np.cumsum(wu[::-1])[::-1]
    rhos = (cost - paid_before) / utility_from
    ok = (rhos <= ratios).nonzero()[0]
    return float(rhos[ok[0]]) if len(ok) else float(ratios[-1])
