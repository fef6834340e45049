"""Planning a meeting, opening and closing it, and its minutes."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.models import SectorTeam
from workflows.accounts.models import Organisation, User
from workflows.accounts.roles import is_council_staff
from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.services import advance, record

from ..minutes import generate
from ..models import AgendaItem, Attendance, Meeting, MeetingState, QueuedHand, Section
from .room import _end_floor, _lock, ensure_moderator

MINUTES_MAX = 100_000
SPEAKING_LIMITS = range(15, 1801)  # from 15 seconds to 30 minutes
PLANNER_ONLY = gettext_lazy("Spotkanie planuje moderator zespołu albo pracownik urzędu.")


def can_plan(team: SectorTeam, user) -> bool:
    return team.is_moderator(user) or is_council_staff(user)


def _agenda(agenda) -> list[tuple[str, str]]:
    if not isinstance(agenda, list) or not agenda:
        raise InvalidInput(_("Porządek obrad musi mieć co najmniej jeden punkt."), field="agenda")
    items = []
    for entry in agenda:
        title = (entry.get("title") or "").strip() if isinstance(entry, dict) else ""
        section = entry.get("section", "") if isinstance(entry, dict) else ""
        if not title or len(title) > 300:
            raise InvalidInput(_("Każdy punkt potrzebuje tytułu (do 300 znaków)."), field="agenda")
        if section not in ("", *Section.values):
            raise InvalidInput(
                _("Nieznana część rozdziału „%(s)s”.") % {"s": section}, field="agenda"
            )
        items.append((title, section))
    return items


@transaction.atomic
def create_meeting(
    *,
    team: SectorTeam,
    by,
    title: str,
    starts_at,
    ends_at,
    agenda: list[dict],
    place: str = "",
    online_url: str = "",
    speaking_limit_seconds: int = 180,
    rules: str = "",
    moderator: User | None = None,
    invited: list[User] = (),
    invited_organisations: list[Organisation] = (),
) -> Meeting:
    """Plan a meeting of a sector team (its moderator or council staff)."""

    if not can_plan(team, by):
        raise NotPermitted(str(PLANNER_ONLY))
    if not title.strip():
        raise InvalidInput(_("Podaj tytuł spotkania."), field="title")
    if ends_at <= starts_at:
        raise InvalidInput(_("Koniec spotkania musi być po jego początku."), field="ends_at")
    if not place.strip() and not online_url.strip():
        raise InvalidInput(
            _("Podaj miejsce spotkania albo link do spotkania online."), field="place"
        )
    if speaking_limit_seconds not in SPEAKING_LIMITS:
        raise InvalidInput(
            _("Limit czasu wypowiedzi: od 15 sekund do 30 minut."), field="speaking_limit_seconds"
        )
    items = _agenda(agenda)
    moderator = moderator or team.moderator or by
    meeting = Meeting.objects.create(
        team=team,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        online_url=online_url.strip(),
        moderator=moderator,
        speaking_limit_seconds=speaking_limit_seconds,
        rules=rules.strip(),
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n, title=t, section=s)
        for n, (t, s) in enumerate(items, start=1)
    )
    meeting.invited.set(invited)
    meeting.invited_organisations.set(invited_organisations)
    record(meeting, "plan_meeting", by=by, payload={"title": meeting.title, "team": team.pk})
    return meeting


@transaction.atomic
def open_meeting(*, meeting: Meeting | int, by) -> Meeting:
    meeting = advance(_lock(meeting), "open", by=by)
    Attendance.objects.get_or_create(meeting=meeting, user=meeting.moderator)
    return meeting


@transaction.atomic
def close_meeting(*, meeting: Meeting | int, by) -> Meeting:
    """End the meeting: the floor ends, the queue empties, the open item closes with it."""

    meeting = _lock(meeting)
    if meeting.state == MeetingState.OPEN and meeting.is_moderator(by):
        now = timezone.now()
        _end_floor(meeting, now)
        QueuedHand.objects.filter(meeting=meeting).delete()
        AgendaItem.objects.filter(meeting=meeting, opened_at__isnull=False, closed_at=None).update(
            closed_at=now
        )
    return advance(meeting, "close", by=by)


@transaction.atomic
def update_minutes(*, meeting: Meeting | int, by, text: str) -> Meeting:
    """The moderator corrects the generated draft before it is published."""

    meeting = _lock(meeting)
    if meeting.state != MeetingState.CLOSED:
        message = (
            _("Protokół jest już opublikowany i nie można go zmienić.")
            if meeting.state == MeetingState.PUBLISHED
            else _("Protokół można redagować dopiero po zakończeniu spotkania.")
        )
        raise Conflict(message, state=meeting.state)
    ensure_moderator(meeting, by)
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(_("Protokół nie może być pusty."), field="text")
    if len(text) > MINUTES_MAX:
        raise InvalidInput(_("Protokół jest za długi."), field="text")
    meeting.minutes = text.strip()
    meeting.save(update_fields=["minutes"])
    record(meeting, "edit_minutes", by=by, payload={"length": len(meeting.minutes)})
    return meeting


@transaction.atomic
def publish_minutes(*, meeting: Meeting | int, by) -> Meeting:
    """Publish the minutes; an unedited draft is frozen as generated from the record."""

    meeting = _lock(meeting)
    meeting = advance(meeting, "publish_minutes", by=by)
    if not meeting.minutes:
        meeting.minutes = generate(meeting)
        meeting.save(update_fields=["minutes"])
    return meeting
