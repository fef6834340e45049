"""The trace of one MES run, shared by the exact and the numpy engines."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(slots=True)
class MesRun:
    selected: list[int] = field(default_factory=list)  # in buying order
    rounds: int = 0
    # project -> ("bought", round, rho) or ("unaffordable", round, money its supporters had)
    events: dict[int, tuple[str, int, Fraction | float]] = field(default_factory=dict)

    def bought(self, project: int, rho: Fraction | float) -> None:
        self.selected.append(project)
        self.events[project] = ("bought", self.rounds, rho)

    def unaffordable(self, project: int, available: Fraction | float) -> None:
        self.events[project] = ("unaffordable", self.rounds, available)
