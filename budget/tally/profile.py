"""An election compiled for counting: integer money, identical ballots merged, numpy arrays.

Money is scaled by `scale` (the least common denominator of the budget and all costs, usually
1 or 100) so that costs and the budget are integers. Voters with the same ballot are merged
into one group with a weight: MES gives them equal budgets and they always pay the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from budget.tally.model import Election, Project, VoteType

TieBreak = Callable[[Project], object] | Sequence[str] | None


@dataclass(slots=True)
class Profile:
    ids: list[str]  # project ids, in election order
    scale: int  # money unit: 1 zł == `scale` units
    costs: list[int]  # in units
    budget: int  # in units
    n_voters: int
    votes: list[int]  # number of supporters per project
    scores: list[int]  # votes (approval, choose-1) or points (cumulative, ordinal)
    rank: list[int]  # tie-break position of each project, 0 is preferred
    weights: np.ndarray  # voters per group (int64)
    supporters: list[np.ndarray]  # per project: indices of the groups supporting it
    utilities: list[np.ndarray]  # per project: MES utility of one voter of each such group

    @property
    def n_projects(self) -> int:
        return len(self.ids)

    def units_to_money(self, units: int | Fraction) -> Fraction:
        return Fraction(units) / self.scale


def compile_election(election: Election, tie_break: TieBreak = None) -> Profile:
    ids = list(election.projects)
    index = {pid: i for i, pid in enumerate(ids)}
    costs_exact = [election.projects[pid].cost for pid in ids]
    scale = math.lcm(election.budget.denominator, *(c.denominator for c in costs_exact))
    groups = _group_ballots(election, index)
    weights = np.fromiter(groups.values(), dtype=np.int64, count=len(groups))
    per_project: list[list[tuple[int, int]]] = [[] for _ in ids]
    for g, ballot in enumerate(groups):
        for p, points in ballot:
            per_project[p].append((g, points))
    costs = [int(c * scale) for c in costs_exact]
    supporters, utilities, votes, scores = [], [], [], []
    for p, entries in enumerate(per_project):
        sup = np.array([g for g, _ in entries], dtype=np.int64)
        pts = np.array([u for _, u in entries], dtype=np.int64)
        w = weights[sup]
        supporters.append(sup)
        votes.append(int(w.sum()))
        scores.append(int((w * pts).sum()))
        if _cost_utility(election.vote_type):
            utilities.append(np.full(len(sup), costs[p], dtype=np.int64))
        else:
            utilities.append(pts)
    return Profile(
        ids=ids,
        scale=scale,
        costs=costs,
        budget=int(election.budget * scale),
        n_voters=len(election.voters),
        votes=votes,
        scores=scores,
        rank=tie_ranks(election, tie_break),
        weights=weights,
        supporters=supporters,
        utilities=utilities,
    )


def _cost_utility(vote_type: VoteType) -> bool:
    # equalshares.net: approval and choose-1 ballots value a project at its cost.
    return vote_type in (VoteType.APPROVAL, VoteType.CHOOSE_1)


def _group_ballots(election: Election, index: dict[str, int]) -> dict[tuple, int]:
    """Distinct ballots as tuples of (project index, points) with their number of voters."""
    vote_type = election.vote_type
    if vote_type is VoteType.ORDINAL:
        # Positional points: first choice gets max_length points, one less per position.
        top = election.max_length or max((len(v.projects) for v in election.voters), default=0)
    counts: dict[tuple, int] = {}
    for voter in election.voters:
        if vote_type is VoteType.CUMULATIVE:
            pairs = zip(voter.projects, voter.points or (), strict=True)
            key = tuple(sorted((index[pid], pts) for pid, pts in pairs if pts > 0))
        elif vote_type is VoteType.ORDINAL:
            key = tuple((index[pid], top - pos) for pos, pid in enumerate(voter.projects))
            key = tuple(pair for pair in key if pair[1] > 0)
        else:
            key = tuple(sorted((index[pid], 1) for pid in voter.projects))
        counts[key] = counts.get(key, 0) + 1
    return counts


def tie_ranks(election: Election, tie_break: TieBreak) -> list[int]:
    """Position of each project in the tie-break order (smaller wins a tie).

    Default, as in pabulib recounts and pabutools: project id ascending as a string. A
    callable is used as a sort key on `Project`; a sequence lists project ids in order.
    """
    projects = list(election.projects.values())
    if tie_break is None:
        order = sorted(projects, key=lambda p: p.id)
    elif callable(tie_break):
        order = sorted(projects, key=tie_break)
    else:
        listed = {pid: i for i, pid in enumerate(tie_break)}
        missing = [p.id for p in projects if p.id not in listed]
        if missing:
            raise ValueError(f"tie_break order misses projects {missing}")
        order = sorted(projects, key=lambda p: listed[p.id])
    position = {p.id: i for i, p in enumerate(order)}
    return [position[pid] for pid in election.projects]
