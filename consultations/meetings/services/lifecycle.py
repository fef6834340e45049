"""Planning a meeting, opening and closing it, and its minutes."""

from django.db import transaction
from django.utils.translation import gettext as _

from bodies.models import Body, MemberRole
from consultations.models import SectorTeam
from workflows.accounts.models import Organisation, User
from workflows.errors import Conflict, InvalidInput, NotFound, NotPermitted
from workflows.permissions import has_perm
from workflows.services import advance, record

from .. import rules
from ..models import AgendaItem, Meeting, MeetingState, Section
from ..rules import BODY_PLANNER_ONLY, PLANNER_ONLY
from ..selectors import today
from .room import _lock

MINUTES_MAX = 100_000
SPEAKING_LIMITS = range(15, 1801)  # from 15 seconds to 30 minutes


def can_plan(team: SectorTeam, user) -> bool:
    return has_perm(user, "meetings.add_team_meeting", team)


def can_plan_body(body: Body, user) -> bool:
    return has_perm(user, "meetings.add_body_meeting", body)


def _host(team: SectorTeam | None, body: Body | None, by) -> None:
    if (team is None) == (body is None):
        raise InvalidInput(
            _("Spotkanie odbywa zespół sektorowy albo organ doradczy: wskaż jedno z nich."),
            field="team",
            allowed=["team", "body"],
        )
    if team is not None and not can_plan(team, by):
        raise NotPermitted(str(PLANNER_ONLY))
    if body is not None:
        if not can_plan_body(body, by):
            raise NotPermitted(str(BODY_PLANNER_ONLY))
        if not Body.objects.in_term(today()).filter(pk=body.pk).exists():
            raise InvalidInput(_("Kadencja tego organu nie trwa."), field="body")


def _chair(body: Body):
    """The body's chair in term moderates its meetings (art. 41i: the chair convenes)."""

    chair = body.memberships.in_term(today()).filter(role=MemberRole.CHAIR).first()
    return chair.person if chair else None


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
    team: SectorTeam | None = None,
    body: Body | None = None,
) -> Meeting:
    """Plan a meeting of a sector team (its moderator or council staff) or of a standing
    body (its chair or secretary, or council staff)."""

    _host(team, body, by)
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
    host_moderator = team.moderator if team is not None else _chair(body)
    moderator = moderator or host_moderator or by
    meeting = Meeting.objects.create(
        team=team,
        body=body,
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
    host = {"team": team.pk} if team is not None else {"body": body.pk}
    record(meeting, "plan_meeting", by=by, payload={"title": meeting.title, **host})
    return meeting


def take_transition(*, meeting: Meeting | int, name: str, by) -> Meeting:
    """A thin alias of advance(): what the transition entails is the kind's effects."""

    meetings = Meeting.objects.select_related("team", "body", "moderator")
    found = meetings.filter(pk=meeting.pk if isinstance(meeting, Meeting) else meeting).first()
    if found is None:
        raise NotFound(_("Nie ma takiego spotkania."))
    advance(found, name, by=by)
    return meetings.get(pk=found.pk)


def open_meeting(*, meeting: Meeting | int, by) -> Meeting:
    return take_transition(meeting=meeting, name="open", by=by)


def close_meeting(*, meeting: Meeting | int, by) -> Meeting:
    return take_transition(meeting=meeting, name="close", by=by)


def publish_minutes(*, meeting: Meeting | int, by) -> Meeting:
    return take_transition(meeting=meeting, name="publish_minutes", by=by)


@transaction.atomic
def update_minutes(*, meeting: Meeting | int, by, text: str) -> Meeting:
    """The moderator corrects the generated draft before it is published."""

    meeting = _lock(meeting)
    rules.moderates(by, meeting)
    if meeting.state != MeetingState.CLOSED:
        message = (
            _("Protokół jest już opublikowany i nie można go zmienić.")
            if meeting.state == MeetingState.PUBLISHED
            else _("Protokół można redagować dopiero po zakończeniu spotkania.")
        )
        raise Conflict(message, state=meeting.state)
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(_("Protokół nie może być pusty."), field="text")
    if len(text) > MINUTES_MAX:
        raise InvalidInput(_("Protokół jest za długi."), field="text")
    meeting.minutes = text.strip()
    meeting.save(update_fields=["minutes"])
    record(meeting, "edit_minutes", by=by, payload={"length": len(meeting.minutes)})
    return meeting
