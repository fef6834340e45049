"""Turning transition payloads (JSON text from the API, values from services) into values.

Each failure names the field, so a refused request says exactly what to correct (400).
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_date as _parse_date
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from workflows.errors import InvalidInput
from workflows.timeutil import city_tz


def parse_moment(value, field: str) -> datetime:
    moment = value if isinstance(value, datetime) else None
    if moment is None and isinstance(value, str):
        try:
            moment = parse_datetime(value.strip())
        except ValueError:
            moment = None
    if moment is None:
        raise InvalidInput(
            _("Pole „%(field)s”: podaj datę i godzinę (np. 2026-10-01T08:00).") % {"field": field},
            field=field,
        )
    if timezone.is_naive(moment):
        # A wall-clock time typed by staff is Warsaw time.
        moment = moment.replace(tzinfo=city_tz(), fold=0).astimezone(city_tz())
    return moment


def parse_date(value, field: str, *, required: bool = False) -> date:
    if value in (None, "") and not required:
        return timezone.localdate(timezone=city_tz())
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    day = None
    if isinstance(value, str):
        try:
            day = _parse_date(value.strip())
        except ValueError:
            day = None
    if day is None:
        raise InvalidInput(
            _("Pole „%(field)s”: podaj datę (RRRR-MM-DD).") % {"field": field}, field=field
        )
    return day
