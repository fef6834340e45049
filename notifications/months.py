"""A month as weeks of days, each day with its calendar entries (for the month view)."""

import calendar as stdlib_calendar
from datetime import date


def month_grid(year: int, month: int, entries) -> list[list[dict]]:
    by_day: dict[date, list] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(entry)
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [{"day": d, "in_month": d.month == month, "entries": by_day.get(d, [])} for d in week]
        for week in weeks
    ]
