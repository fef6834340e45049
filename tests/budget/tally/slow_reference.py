"""Slow, obviously-correct counting rules, written from the definitions, for property tests.

Every voter is kept separately (no merged ballots), all money is `Fraction`, every project is
re-evaluated every round, and rho is found by walking the breakpoints of the piecewise-linear
payment function instead of the engines' prefix sums or poor/rich iteration.
"""

from __future__ import annotations

from fractions import Fraction

from budget.tally.model import Election, VoteType


def utilities(election: Election) -> list[dict[str, int]]:
    """MES utility of each voter for each project they support."""
    top = election.max_length or max((len(v.projects) for v in election.voters), default=0)
    result = []
    for voter in election.voters:
        if election.vote_type in (VoteType.APPROVAL, VoteType.CHOOSE_1):
            util = {pid: election.projects[pid].cost for pid in voter.projects}
        elif election.vote_type is VoteType.CUMULATIVE:
            util = dict(zip(voter.projects, voter.points, strict=True))
        else:
            util = {pid: top - i for i, pid in enumerate(voter.projects)}
        result.append({pid: u for pid, u in util.items() if u > 0})
    return result


def scores(election: Election) -> dict[str, int]:
    """Votes (approval, choose-1) or points (cumulative, ordinal) of each project."""
    top = election.max_length or max((len(v.projects) for v in election.voters), default=0)
    total = dict.fromkeys(election.projects, 0)
    for voter in election.voters:
        for i, pid in enumerate(voter.projects):
            if election.vote_type is VoteType.CUMULATIVE:
                total[pid] += voter.points[i]
            elif election.vote_type is VoteType.ORDINAL:
                total[pid] += top - i
            else:
                total[pid] += 1
    return total


def greedy(election, order, *, threshold=None, skip=True, start=()) -> list[str]:
    score = scores(election)
    chosen = list(start)
    left = election.budget - sum(election.projects[p].cost for p in chosen)
    ranked = sorted(election.projects, key=lambda p: (-score[p], order.index(p)))
    for pid in ranked:
        if pid in chosen or (threshold is not None and score[pid] < threshold):
            continue
        cost = election.projects[pid].cost
        if cost <= left:
            chosen.append(pid)
            left -= cost
        elif not skip:
            break
    return chosen


def rho_by_breakpoints(cost, budgets: list[Fraction], utils: list[int]) -> Fraction:
    """Least rho with sum(min(b, rho*u)) == cost; the caller checks sum(b) >= cost."""

    def paid(rho):
        return sum(min(b, rho * u) for b, u in zip(budgets, utils, strict=True))

    previous = Fraction(0)
    for point in sorted({b / u for b, u in zip(budgets, utils, strict=True)}):
        if paid(point) >= cost:
            slope = sum(u for b, u in zip(budgets, utils, strict=True) if b / u > previous)
            return previous + (cost - paid(previous)) / slope
        previous = point
    raise AssertionError("unaffordable")


def mes(election, order, share: Fraction) -> list[str]:
    util = utilities(election)
    budgets = [share] * len(util)
    supported = {pid for u in util for pid in u}
    chosen = [p for p in election.projects if p in supported and election.projects[p].cost == 0]
    alive = {p for p in supported if election.projects[p].cost > 0}
    while True:
        best = None
        for pid in sorted(alive, key=order.index):
            voters = [i for i, u in enumerate(util) if pid in u]
            cost = election.projects[pid].cost
            if sum(budgets[i] for i in voters) < cost:
                continue
            own = [budgets[i] for i in voters]
            rho = rho_by_breakpoints(cost, own, [util[i][pid] for i in voters])
            if best is None or rho < best[0]:
                best = (rho, pid)
        if best is None:
            return chosen
        rho, pid = best
        for i, u in enumerate(util):
            if pid in u:
                budgets[i] -= min(budgets[i], rho * u[pid])
        chosen.append(pid)
        alive.discard(pid)


def mes_add1(election, order) -> list[str]:
    n = len(election.voters)
    share = Fraction(election.budget) / n
    util = utilities(election)
    supported = {pid for u in util for pid in u}
    free = [p for p in election.projects if p in supported and election.projects[p].cost == 0]
    previous = free
    while True:
        outcome = mes(election, order, share)
        spent = sum(election.projects[p].cost for p in outcome)
        if spent > election.budget:
            return previous
        fits = [
            p
            for p in supported
            if p not in outcome and 0 < election.projects[p].cost <= election.budget - spent
        ]
        if not fits:
            return outcome
        previous = outcome
        share += 1
