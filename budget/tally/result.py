"""The outcome of a count with a per-project explanation, convertible to the issue's JSON."""

from __future__ import annotations

from fractions import Fraction

from budget.tally.record import Record

# typing itself is not imported at run time: `pb_tally` starts faster (budget/tally/record.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class ProjectOutcome(Record):
    __slots__ = ("cost", "details", "id", "reason", "score", "selected", "votes")

    def __init__(
        self,
        id: str,
        votes: int,
        score: int,
        cost: Fraction,
        selected: bool = False,
        reason: str = "",
        details: dict[str, Any] | None = None,
    ) -> None:
        self.id = id
        self.votes = votes
        self.score = score
        self.cost = cost
        self.selected = selected
        self.reason = reason
        # Rule-specific figures behind the reason (e.g. MES price per supporter, round).
        self.details = {} if details is None else details

    def as_dict(self) -> dict[str, Any]:
        return {
            "votes": self.votes,
            "score": self.score,
            "cost": as_number(self.cost),
            "selected": self.selected,
            "reason": self.reason,
        }


class TallyResult(Record):
    __slots__ = ("budget", "message", "projects", "rule", "selected", "total_cost")

    def __init__(
        self,
        rule: str,
        selected: list[str],
        total_cost: Fraction,
        budget: Fraction,
        projects: dict[str, ProjectOutcome],
        message: str = "",
    ) -> None:
        self.rule = rule
        self.selected = selected  # in the order the rule chose them
        self.total_cost = total_cost
        self.budget = budget
        self.projects = projects
        self.message = message  # e.g. "no ballots: nothing selected"

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
