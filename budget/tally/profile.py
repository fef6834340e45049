"""An election compiled for counting: integer money, totals per project, ballot groups.

Money is scaled by `scale` (the least common denominator of the budget and all costs, usually
1 or 100) so that costs and the budget are integers. Votes and scores per project come
straight from the ballots; the numpy arrays of merged identical ballots that MES needs
(`weights`, `supporters`, `utilities`, see `groups.py`) are built on first use, so that a
greedy count never imports numpy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import chain

from budget.tally.model import Election, Project, VoteType, ballot_columns
from budget.tally.record import Record

# typing itself is not imported at run time: `pb_tally` starts faster (budget/tally/record.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import numpy as np

    from budget.tally.groups import Groups

TieBreak = Callable[[Project], object] | Sequence[str] | None


class Profile(Record):
    __slots__ = (
        "budget",
        "costs",
        "election",
        "groups",
        "ids",
        "n_voters",
        "rank",
        "scale",
        "scores",
        "votes",
    )  # fmt: skip

    def __init__(
        self,
        ids: list[str],
        scale: int,
        costs: list[int],
        budget: int,
        n_voters: int,
        votes: list[int],
        scores: list[int],
        rank: list[int],
        election: Election,
        groups: Groups | None = None,
    ) -> None:
        self.ids = ids  # project ids, in election order
        self.scale = scale  # money unit: 1 zł == `scale` units
        self.costs = costs  # in units
        self.budget = budget  # in units
        self.n_voters = n_voters
        self.votes = votes  # number of supporters per project
        self.scores = scores  # votes (approval, choose-1) or points (cumulative, ordinal)
        self.rank = rank  # tie-break position of each project, 0 is preferred
        self.election = election  # the ballots, grouped on first use
        self.groups = groups

    @property
    def n_projects(self) -> int:
        return len(self.ids)

    def units_to_money(self, units: int | Fraction) -> Fraction:
        return Fraction(units) / self.scale

    @property
    def weights(self) -> np.ndarray:
        """Voters per group of identical ballots (int64)."""
        return self._groups().weights

    @property
    def supporters(self) -> list[np.ndarray]:
        """Per project: indices of the groups supporting it."""
        return self._groups().supporters

    @property
    def utilities(self) -> list[np.ndarray]:
        """Per project: MES utility of one voter of each supporting group."""
        return self._groups().utilities

    def _groups(self) -> Groups:
        if self.groups is None:
            from budget.tally.groups import group_ballots  # numpy: MES only

            self.groups = group_ballots(self.election, self.ids, self.costs)
        return self.groups


def compile_election(election: Election, tie_break: TieBreak = None) -> Profile:
    ids = list(election.projects)
    costs_exact = [election.projects[pid].cost for pid in ids]
    scale = math.lcm(election.budget.denominator, *(c.denominator for c in costs_exact))
    votes, scores = _totals(election)
    return Profile(
        ids=ids,
        scale=scale,
        costs=[int(c * scale) for c in costs_exact],
        budget=int(election.budget * scale),
        n_voters=len(election.voters),
        votes=[votes[pid] for pid in ids],
        scores=[scores[pid] for pid in ids],
        rank=tie_ranks(election, tie_break),
        election=election,
    )


def _totals(election: Election) -> tuple[Counter, Counter]:
    """Supporters and score of each project id (a supporter is an entry with points > 0)."""
    ballots, points_given = ballot_columns(election.voters)
    vote_type = election.vote_type
    if vote_type in (VoteType.APPROVAL, VoteType.CHOOSE_1):
        # Counted as the file was read, else in C: no Python code per ballot.
        votes = getattr(election.voters, "named", None) or Counter(chain.from_iterable(ballots))
        return votes, votes
    if vote_type is VoteType.CUMULATIVE:
        points = (given or () for given in points_given)
    else:
        # Positional points: first choice gets max_length points, one less per position.
        top = election.max_length or max(map(len, ballots), default=0)
        points = (range(top, top - len(b), -1) for b in ballots)
    votes, scores = Counter(), Counter()
    for ballot, given in zip(ballots, points, strict=True):
        for pid, pts in zip(ballot, given, strict=True):
            if pts > 0:
                votes[pid] += 1
                scores[pid] += pts
    return votes, scores


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
