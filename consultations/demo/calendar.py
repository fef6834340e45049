"""Where each demo programme stands, counted from the day the demo is loaded.

The 30 November rule (art. 5a ust. 1 of the 2003 Act): a programme for year N is adopted by
30 November of N−1. Each stage pins one milestone of the backward schedule to today (the
first reading held two days ago, comments closed two days ago, ...); the programme's years
are the first ones whose latest possible dates still allow that, so no demo programme is
consulted after its deadline. Its planned dates are the latest possible ones moved earlier
by the same number of days, so every gap of the schedule keeps its default length.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .. import schedule
from ..models.programme import MilestoneCode, ProgrammeKind

# Kraków's multi-year programmes ran for three or four years (2012–2014, 2019–2022).
MULTI_YEAR_SPAN = 4
# How many years ahead to look for a programme that fits (there always is one within two).
HORIZON = 4

# Stage → (the milestone pinned to today, how many days before today it falls). The
# stages go from the most advanced; each takes the first free programme that fits.
STAGES = {
    "council": (MilestoneCode.FIRST_READING, 2),
    "answering": (MilestoneCode.COMMENTS_END, 2),
    "comments": (MilestoneCode.PUBLICATION, 3),
    "drafting": (MilestoneCode.SECTOR_MEETINGS, -14),
}
ADOPTED_DAYS_AGO = 3  # the adopted programme's second reading and vote, at the latest


@dataclass(frozen=True)
class Plan:
    stage: str
    kind: str
    year_from: int
    year_to: int
    planned: dict[str, date]

    @property
    def deadline(self) -> date:
        return date(self.year_from - 1, 11, 30)


def deadline_of(year_from: int) -> date:
    return date(year_from - 1, 11, 30)


def latest(year_from: int) -> dict[str, date]:
    return schedule.latest_dates(deadline_of(year_from), schedule.DEFAULTS)


def moved_earlier(latest_days: dict[str, date], days: int) -> dict[str, date]:
    planned = {}
    for code, _key, working_day in schedule.CHAIN:
        day = latest_days[code] - timedelta(days=days)
        planned[code] = schedule.working_day_on_or_before(day) if working_day else day
    return planned


def _plan(stage: str, kind: str, year: int, pin: date, code: str) -> Plan:
    days = latest(year)
    year_to = year + MULTI_YEAR_SPAN - 1 if kind == ProgrammeKind.MULTI_YEAR else year
    return Plan(stage, kind, year, year_to, moved_earlier(days, (days[code] - pin).days))


def plans(today: date) -> list[Plan]:
    """The adopted programme, then one per stage of the round, for the day `today`."""

    taken, found = set(), []
    for stage, (code, days_ago) in STAGES.items():
        pin = today - timedelta(days=days_ago)
        slot = next(
            (kind, year)
            for year in range(today.year, today.year + HORIZON)
            for kind in (ProgrammeKind.ANNUAL, ProgrammeKind.MULTI_YEAR)
            if (kind, year) not in taken and latest(year)[code] >= pin
        )
        taken.add(slot)
        found.append(_plan(stage, *slot, pin, code))
    # Last year's programme: the annual one before the one at the council, adopted in time.
    year = found[0].year_from - 1
    days = latest(year)
    voted_by = today - timedelta(days=ADOPTED_DAYS_AGO)
    early = max(0, (days[MilestoneCode.SECOND_READING] - voted_by).days)
    adopted = Plan("adopted", ProgrammeKind.ANNUAL, year, year, moved_earlier(days, early))
    return [adopted, *found]
