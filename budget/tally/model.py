"""The election being counted: projects, voters with their ballots, budget and vote type.

Plain data, no Django: the `.pb` reader builds it from a file and the budget app builds it
from an edition's frozen ballots. Money is kept as `Fraction` so that a budget such as
2572946.76 zł is exact.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

from budget.tally.record import Record


class VoteType(enum.StrEnum):
    APPROVAL = "approval"
    CUMULATIVE = "cumulative"
    ORDINAL = "ordinal"
    CHOOSE_1 = "choose-1"


class Project(Record):
    __slots__ = ("cost", "extra", "id", "name")
    _not_hashed = ("extra",)

    def __init__(
        self, id: str, cost: Fraction, name: str = "", extra: dict[str, str] | None = None
    ) -> None:
        self.id = id
        self.cost = cost
        self.name = name
        # Every other PROJECTS column (category, district, latitude, ...) as read, for round
        # trips.
        self.extra = {} if extra is None else extra

    def __hash__(self) -> int:
        return self._hash()


class Voter(Record):
    __slots__ = ("extra", "id", "points", "projects")
    _not_hashed = ("extra",)

    def __init__(
        self,
        id: str,
        projects: tuple[str, ...],
        points: tuple[int, ...] | None = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.id = id
        # Approval / choose-1: the approved projects; ordinal: most preferred first;
        # cumulative: the projects that received points, aligned with `points`.
        self.projects = projects
        self.points = points
        # Other VOTES columns (age, sex, voting_method, ...); empty for ballots built in the
        # app.
        self.extra = {} if extra is None else extra

    def __hash__(self) -> int:
        return self._hash()


class VoterColumns(Sequence[Voter]):
    """The voters of a `.pb` file kept as its columns: a count needs only the ballots, so
    the Voter objects (each with a dict of its other columns) are made on first use. A city's
    file has tens of thousands of voters, and making them was a quarter of `pb_tally`'s time
    (bench/tally.py). Reads like the list of voters it stands for."""

    __slots__ = ("_voters", "ballots", "extra", "ids", "named", "points")

    def __init__(self, ids, ballots, points, named, extra) -> None:
        self.ids: list[str] = ids
        self.ballots: list[tuple[str, ...]] = ballots
        self.points: list[tuple[int, ...] | None] = points
        self.named: Counter[str] = named  # how many ballots name each project
        # The other columns by name, each with one value per voter; dicts per voter on use.
        self.extra: Callable[[], list[dict[str, str]]] = extra
        self._voters: list[Voter] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        return self._list()[index]

    def __iter__(self) -> Iterator[Voter]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, VoterColumns)):
            return self._list() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment] - mutable, like the list it stands for

    def __repr__(self) -> str:
        return repr(self._list())

    def _list(self) -> list[Voter]:
        if self._voters is None:
            self._voters = list(map(Voter, self.ids, self.ballots, self.points, self.extra()))
        return self._voters


def ballot_columns(voters: Sequence[Voter]) -> tuple[list, list]:
    """Every voter's projects and points, as two lists in voter order."""
    if isinstance(voters, VoterColumns):
        return voters.ballots, voters.points
    return [v.projects for v in voters], [v.points for v in voters]


class Election(Record):
    __slots__ = ("budget", "meta", "projects", "vote_type", "voters")

    def __init__(
        self,
        projects: dict[str, Project],
        voters: list[Voter] | VoterColumns,
        budget: Fraction,
        vote_type: VoteType,
        meta: dict[str, str] | None = None,
    ) -> None:
        self.projects = projects
        self.voters = voters
        self.budget = budget
        self.vote_type = vote_type
        # META in file order, every key kept (budget and vote_type included) so that writing
        # an election read from a file gives back the same META section.
        self.meta = {} if meta is None else meta

    def meta_int(self, key: str) -> int | None:
        value = self.meta.get(key, "").strip()
        return int(value) if value else None

    def meta_number(self, key: str) -> Fraction | None:
        value = self.meta.get(key, "").strip()
        return Fraction(value) if value else None

    @property
    def max_length(self) -> int | None:
        return self.meta_int("max_length")

    @property
    def score_threshold(self) -> Fraction | None:
        return self.meta_number("min_project_score_threshold")
