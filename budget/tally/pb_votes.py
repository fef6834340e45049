"""Validation of one ballot against the projects and the ballot limits declared in META."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import chain, repeat

from budget.tally.errors import PbFormatError
from budget.tally.model import Election, VoteType
from budget.tally.pb_write import format_number


class VoteChecker:
    """Parses the `vote` / `points` cells of a VOTES row and enforces the META limits."""

    def __init__(self, election: Election) -> None:
        self.projects = election.projects
        self.project_ids = frozenset(election.projects)
        self.vote_type = election.vote_type
        self.min_length = election.meta_int("min_length")
        self.max_length = election.meta_int("max_length")
        self.min_sum_points = election.meta_int("min_sum_points")
        self.max_sum_points = election.meta_int("max_sum_points")
        self.max_sum_cost = election.meta_number("max_sum_cost")
        if self.vote_type is VoteType.CHOOSE_1:
            self.max_length = 1 if self.max_length is None else min(self.max_length, 1)

    def check(
        self, vote: str, points_cell: str | None, line: int
    ) -> tuple[tuple[str, ...], tuple[int, ...] | None]:
        # Set operations in C instead of a Python loop per project: a city's file has tens of
        # thousands of ballots (bench/tally.py: parsing within 3x of a plain csv read).
        ids = tuple(vote.split(",")) if vote.strip() else ()
        if " " in vote or "\t" in vote:
            ids = tuple(pid.strip() for pid in ids)
        unique = set(ids)
        if not unique <= self.project_ids:
            unknown = next(pid for pid in ids if pid not in self.project_ids)
            raise PbFormatError(line, f"unknown project id {unknown!r} in vote")
        if len(unique) != len(ids):
            raise PbFormatError(line, "the same project appears twice in one vote")
        self._check_length(len(ids), line)
        points = self._points(points_cell, len(ids), line)
        if self.max_sum_cost is not None:
            projects = self.projects
            spent = sum((projects[pid].cost for pid in ids), Fraction(0))
            if spent > self.max_sum_cost:
                total, limit = format_number(spent), format_number(self.max_sum_cost)
                message = f"vote costs {total} in total, more than max_sum_cost={limit}"
                raise PbFormatError(line, message)
        return ids, points

    def check_all(
        self, votes: list[str], points_cells: list[str] | None
    ) -> tuple[list[tuple[str, ...]], list[tuple[int, ...] | None], Counter[str]] | None:
        """`check` of every row at once, in C-level passes over the two columns (no Python
        code per ballot), with the number of ballots naming each project. None when some
        row needs `check`: a blank or spaced vote, a limit this does not cover
        (max_sum_cost) or a problem to report with its line number."""
        if self.max_sum_cost is not None:
            return None
        ids = list(map(tuple, map(str.split, votes, repeat(","))))
        # Counted once here: the count needs it, and an unknown id shows among its keys. So
        # does a blank vote ("") or an id with spaces around it: project ids are stripped and
        # never empty, and `check` strips a vote's ids.
        named = Counter(chain.from_iterable(ids))
        if not self.project_ids.issuperset(named):
            return None
        sizes = list(map(len, ids))
        if sum(map(len, map(set, ids))) != sum(sizes):  # a repeated id
            return None
        if self.max_length is not None and max(sizes) > self.max_length:
            return None
        if self.min_length is not None and min(sizes) < self.min_length:
            return None
        points = self._all_points(points_cells, sizes)
        return None if points is None else (ids, points, named)

    def _all_points(
        self, cells: list[str] | None, sizes: list[int]
    ) -> list[tuple[int, ...] | None] | None:
        """Points of non-blank votes (`_points` of every row), or None for a row to check."""
        if cells is None:
            return None if self.vote_type is VoteType.CUMULATIVE else [None] * len(sizes)
        if not all(map(str.strip, cells)):
            return None
        try:
            points = [tuple(map(int, cell.split(","))) for cell in cells]
        except ValueError:
            return None
        if list(map(len, points)) != sizes or min(map(min, points)) < 0:
            return None
        if self.vote_type is VoteType.CUMULATIVE:
            sums = list(map(sum, points))
            if self.max_sum_points is not None and max(sums) > self.max_sum_points:
                return None
            if self.min_sum_points is not None and min(sums) < self.min_sum_points:
                return None
        return points

    def _check_length(self, length: int, line: int) -> None:
        if self.max_length is not None and length > self.max_length:
            raise PbFormatError(
                line, f"vote has {length} projects, more than max_length={self.max_length}"
            )
        if self.min_length is not None and length < self.min_length:
            raise PbFormatError(
                line, f"vote has {length} projects, fewer than min_length={self.min_length}"
            )

    def _points(self, cell: str | None, length: int, line: int) -> tuple[int, ...] | None:
        if cell is None or not cell.strip():
            if self.vote_type is VoteType.CUMULATIVE and length:
                raise PbFormatError(line, "cumulative vote without points")
            return None
        try:
            points = tuple(int(p) for p in cell.split(","))
        except ValueError:
            raise PbFormatError(line, f"points are not integers: {cell!r}") from None
        if len(points) != length:
            raise PbFormatError(line, f"{len(points)} points for {length} projects")
        if any(p < 0 for p in points):
            raise PbFormatError(line, "negative points in vote")
        if self.vote_type is VoteType.CUMULATIVE:
            self._check_sum(sum(points), line)
        return points

    def _check_sum(self, total: int, line: int) -> None:
        if self.max_sum_points is not None and total > self.max_sum_points:
            raise PbFormatError(
                line, f"vote gives {total} points, more than max_sum_points={self.max_sum_points}"
            )
        if self.min_sum_points is not None and total < self.min_sum_points:
            raise PbFormatError(
                line, f"vote gives {total} points, fewer than min_sum_points={self.min_sum_points}"
            )
