"""An election compiled for counting: integer money, identical ballots merged, numpy arrays.

Money is scaled by `scale` (the least common denominator of the budget and all costs, usually
1 or 100) so that costs and the budget are integers. Voters with the same ballot are merged
into one group with a weight: MES gives them equal budgets and they always pay the same.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain

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
    weights, group_of, project_of, points_of = _ballot_entries(election, index)
    order = np.argsort(project_of, kind="stable")
    bounds = np.searchsorted(project_of[order], np.arange(len(ids) + 1))
    costs = [int(c * scale) for c in costs_exact]
    supporters, utilities, votes, scores = [], [], [], []
    for p in range(len(ids)):
        chunk = order[bounds[p] : bounds[p + 1]]
        sup, pts = group_of[chunk], points_of[chunk]
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


def _ballot_entries(election: Election, index: dict[str, int]) -> tuple[np.ndarray, ...]:
    """Distinct ballots (weights) and their entries as parallel arrays (group, project, points).

    Ballots are counted as read (C-speed Counter); the same set in another order is just
    another group, which changes nothing in the count.
    """
    vote_type = election.vote_type
    if vote_type is VoteType.CUMULATIVE:
        raw = Counter((v.projects, v.points or ()) for v in election.voters)
        ballots = [projects for projects, _ in raw]
    else:
        raw = Counter(v.projects for v in election.voters)
        ballots = list(raw)
    weights = np.fromiter(raw.values(), dtype=np.int64, count=len(raw))
    sizes = np.fromiter(map(len, ballots), dtype=np.int64, count=len(ballots))
    total = int(sizes.sum())
    flat = chain.from_iterable(ballots)
    project_of = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=total)
    group_of = np.repeat(np.arange(len(ballots)), sizes)
    if vote_type is VoteType.CUMULATIVE:
        points = chain.from_iterable(pts for _, pts in raw)
        points_of = np.fromiter(points, dtype=np.int64, count=total)
    elif vote_type is VoteType.ORDINAL:
        # Positional points: first choice gets max_length points, one less per position.
        top = election.max_length or int(sizes.max(initial=0))
        position = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        points_of = top - position
    else:
        points_of = np.ones(total, dtype=np.int64)
    keep = points_of > 0
    return weights, group_of[keep], project_of[keep], points_of[keep]


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
