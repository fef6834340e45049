"""Europe/Warsaw wall-clock time, DST-safe."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def city_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_datetime(day: date, at: time) -> datetime:
    """The moment a wall-clock time happens in the city.

    On the last Sunday of March 02:00–03:00 does not exist: such a time is moved forward by
    the gap (02:30 → 03:30 CEST). On the last Sunday of October 02:00–03:00 happens twice:
    the first occurrence (CEST, fold=0) is taken, so a deadline never comes later than said.
    """

    # fold=0 applies the offset in force before the change; normalising through UTC turns
    # a non-existent 02:30 into 03:30 CEST and keeps the first of two 02:30s.
    moment = datetime.combine(day, at).replace(tzinfo=city_tz(), fold=0)
    return moment.astimezone(UTC).astimezone(city_tz())


def end_of_day(day: date) -> datetime:
    """23:59:59.999999 of that day in the city: "by 30 November" includes all of it."""

    return local_datetime(day, time(23, 59, 59, 999999))


def format_local(moment: datetime) -> str:
    return timezone.localtime(moment, city_tz()).strftime("%d.%m.%Y %H:%M")
