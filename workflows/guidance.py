"""Where a process stands, for the top of its page: its phases with dates, the current one,
and what the reader can do now (or why not, and from when). Presentation only: the reasons
come from the same checks the writes run (`OutsideWindow`, conditions)."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from .timeutil import city_tz

DONE, CURRENT, FUTURE = "done", "current", "future"


@dataclass(frozen=True)
class Phase:
    label: str
    opens: date | datetime | None = None
    closes: date | datetime | None = None
    status: str = FUTURE


@dataclass(frozen=True)
class Action:
    label: str
    url: str = ""
    reason: str = ""  # empty when the action can be taken now
    opens: date | datetime | None = None  # when it becomes possible, if known

    @property
    def available(self) -> bool:
        return not self.reason


@dataclass
class Guide:
    phases: list[Phase]
    summary: str = ""  # what the current phase means for the reader, one or two sentences
    actions: list[Action] = field(default_factory=list)

    @property
    def current_index(self) -> int | None:
        for index, phase in enumerate(self.phases):
            if phase.status == CURRENT:
                return index
        return None

    @property
    def current(self) -> Phase | None:
        index = self.current_index
        return None if index is None else self.phases[index]

    @property
    def number(self) -> int | None:
        index = self.current_index
        return None if index is None else index + 1


def mark(phases: list[tuple], current: int | None) -> list[Phase]:
    """(label, opens, closes) rows → phases done before `current`, future after it.
    `current` None with every phase over: all done; -1: nothing started yet."""

    if current is None:
        return [Phase(*row, status=DONE) for row in phases]
    return [
        Phase(*row, status=DONE if i < current else CURRENT if i == current else FUTURE)
        for i, row in enumerate(phases)
    ]


def in_future(moment) -> bool:
    if moment is None:
        return False
    if isinstance(moment, datetime):
        return moment > timezone.now()
    return moment > timezone.localdate(timezone=city_tz())
