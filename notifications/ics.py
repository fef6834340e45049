"""iCalendar (RFC 5545) feeds of the city's calendar, for calendar applications."""

from datetime import UTC, datetime, timedelta

from django.core import signing
from icalendar import Calendar, Event

from .calendar import Entry
from .mail import absolute

FEED_SALT = "notifications.calendar"


def feed_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=FEED_SALT)


def read_feed_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    return data.get("u") if isinstance(data, dict) and isinstance(data.get("u"), int) else None


def _when(value):
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def build(entries: list[Entry], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Wspolnota//kalendarz//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC)
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@wspolnota")
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("dtstart", _when(entry.starts))
        if entry.ends is not None:
            event.add("dtend", _when(entry.ends))
        elif entry.all_day:
            event.add("dtend", entry.starts + timedelta(days=1))
        event.add("url", absolute(entry.url))
        calendar.add_component(event)
    return calendar.to_ical()
