"""The outcome of a count with a per-project explanation, convertible to the issue's JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any


@dataclass(slots=True)
class ProjectOutcome:
    id: str
    votes: int
    score: int
    cost: Fraction
    selected: bool = False
    reason: str = ""
    # Rule-specific figures behind the reason (e.g. MES price per supporter, round).
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "votes": self.votes,
            "score": self.score,
            "cost": as_number(self.cost),
            "selected": self.selected,
            "reason": self.reason,
        }


@dataclass(slots=True)
class TallyResult:
    rule: str
    selected: list[str]  # in the order the rule chose them
    total_cost: Fraction
    budget: Fraction
    projects: dict[str, ProjectOutcome]
    message: str = ""  # e.g. "no ballots: nothing selected"

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "selected": sorted(self.selected),
            "total_cost": as_number(self.total_cost),
            "projects": {pid: outcome.as_dict() for pid, outcome in self.projects.items()},
        }


def as_number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def money(value: Fraction | int) -> str:
    """Amount in złoty, Polish style: '1 234 567 zł' or '2 572 946,76 zł'."""
    value = Fraction(value)
    whole = f"{int(value):,}".replace(",", " ")
    cents = round((value - int(value)) * 100)
    return f"{whole},{cents:02d} zł" if cents else f"{whole} zł"
