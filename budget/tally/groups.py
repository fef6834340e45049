"""Identical ballots merged into weighted groups, as numpy arrays: what MES counts on.

Built on first use by `Profile` (greedy needs only the totals per project, and starts
without importing numpy).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain

import numpy as np

from budget.tally.model import Election, VoteType, ballot_columns


@dataclass(slots=True)
class Groups:
    weights: np.ndarray  # voters per group (int64)
    supporters: list[np.ndarray]  # per project: indices of the groups supporting it
    utilities: list[np.ndarray]  # per project: MES utility of one voter of each such group


def group_ballots(election: Election, ids: list[str], costs: list[int]) -> Groups:
    index = {pid: i for i, pid in enumerate(ids)}
    weights, group_of, project_of, points_of = _ballot_entries(election, index)
    order = np.argsort(project_of, kind="stable")
    bounds = np.searchsorted(project_of[order], np.arange(len(ids) + 1))
    cost_utility = election.vote_type in (VoteType.APPROVAL, VoteType.CHOOSE_1)
    supporters, utilities = [], []
    for p in range(len(ids)):
        chunk = order[bounds[p] : bounds[p + 1]]
        sup = group_of[chunk]
        supporters.append(sup)
        if cost_utility:
            # equalshares.net: approval and choose-1 ballots value a project at its cost.
            utilities.append(np.full(len(sup), costs[p], dtype=np.int64))
        else:
            utilities.append(points_of[chunk])
    return Groups(weights, supporters, utilities)


def _ballot_entries(election: Election, index: dict[str, int]) -> tuple[np.ndarray, ...]:
    """Distinct ballots (weights) and their entries as parallel arrays (group, project, points).

    Ballots are counted as read (C-speed Counter); the same set in another order is just
    another group, which changes nothing in the count.
    """
    vote_type = election.vote_type
    projects_of, points_given = ballot_columns(election.voters)
    if vote_type is VoteType.CUMULATIVE:
        raw = Counter(zip(projects_of, (given or () for given in points_given), strict=True))
        ballots = [projects for projects, _ in raw]
    else:
        raw = Counter(projects_of)
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
