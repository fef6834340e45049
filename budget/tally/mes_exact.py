"""Method of Equal Shares in exact rational arithmetic.

Slow but with no rounding at all: used for small elections and as the fallback of the
numpy engine (`mes_fast`) whenever a decision there is too close to call in floating point.
Semantics follow pabutools 1.2.3 / equalshares.net: every voter starts with the same share;
each round buys the affordable project whose supporters can pay for it with the lowest
maximal payment per unit of utility (rho), ties by the tie-break order; a supporter pays
min(budget, rho * utility).
"""

from __future__ import annotations

from fractions import Fraction

from budget.tally.mes_run import MesRun
from budget.tally.profile import Profile


def mes_exact(profile: Profile, share: Fraction, eligible: list[int]) -> MesRun:
    """One MES run with `share` (in money units) per voter over the `eligible` projects."""
    budgets = [share] * len(profile.weights)
    weights = [int(w) for w in profile.weights]
    members = {
        p: list(zip(profile.supporters[p].tolist(), profile.utilities[p].tolist(), strict=True))
        for p in eligible
    }
    run = MesRun()
    alive = set(eligible)
    while alive:
        run.rounds += 1
        best: tuple[Fraction, int, int] | None = None
        for p in sorted(alive):
            cost = profile.costs[p]
            available = sum(weights[g] * budgets[g] for g, _ in members[p])
            if available < cost:
                alive.discard(p)
                run.unaffordable(p, available)
                continue
            rho = _rho(cost, members[p], budgets, weights)
            key = (rho, profile.rank[p], p)
            if best is None or key < best:
                best = key
        if best is None:
            break
        rho, _, winner = best
        for g, u in members[winner]:
            budgets[g] -= min(budgets[g], rho * u)
        alive.discard(winner)
        run.bought(winner, rho)
    return run


def _rho(
    cost: int, members: list[tuple[int, int]], budgets: list[Fraction], weights: list[int]
) -> Fraction:
    """Least rho with sum of min(budget, rho * u) over supporters == cost (assumed affordable)."""
    ordered = sorted(members, key=lambda gu: budgets[gu[0]] / gu[1])
    paid = Fraction(0)  # by the supporters who give everything they have
    utility = sum(weights[g] * u for g, u in ordered)
    for g, u in ordered:
        rho = (cost - paid) / utility
        if rho * u <= budgets[g]:
            return rho
        paid += weights[g] * budgets[g]
        utility -= weights[g] * u
    raise AssertionError("rho asked for an unaffordable project")
