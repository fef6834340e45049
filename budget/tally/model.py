"""The election being counted: projects, voters with their ballots, budget and vote type.

Plain data, no Django: the `.pb` reader builds it from a file and the budget app builds it
from an edition's frozen ballots. Money is kept as `Fraction` so that a budget such as
2572946.76 zł is exact.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from fractions import Fraction


class VoteType(enum.StrEnum):
    APPROVAL = "approval"
    CUMULATIVE = "cumulative"
    ORDINAL = "ordinal"
    CHOOSE_1 = "choose-1"


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    cost: Fraction
    name: str = ""
    # Every other PROJECTS column (category, district, latitude, ...) as read, for round trips.
    extra: dict[str, str] = field(default_factory=dict, compare=True, hash=False)


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and a city's
# file has tens of thousands of voters (bench/tally.py: parsing within 3x of a csv read).
# Hashed and compared as before; replace() gives a changed copy.
@dataclass(slots=True, unsafe_hash=True)
class Voter:
    id: str
    # Approval / choose-1: the approved projects; ordinal: most preferred first;
    # cumulative: the projects that received points, aligned with `points`.
    projects: tuple[str, ...]
    points: tuple[int, ...] | None = None
    # Other VOTES columns (age, sex, voting_method, ...); empty for ballots built in the app.
    extra: dict[str, str] = field(default_factory=dict, compare=True, hash=False)


@dataclass(slots=True)
class Election:
    projects: dict[str, Project]
    voters: list[Voter]
    budget: Fraction
    vote_type: VoteType
    # META in file order, every key kept (budget and vote_type included) so that writing an
    # election read from a file gives back the same META section.
    meta: dict[str, str] = field(default_factory=dict)

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
