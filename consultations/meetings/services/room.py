"""Live actions in the meeting room, one function per action.

Locking contract: every action runs in one transaction and starts by locking the meeting
row (`_lock`), so two moderator tabs (or a moderator and a participant) acting at the same
instant are serialised and the queue and the floor never diverge.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.accounts.models import User
from workflows.errors import Conflict, InvalidInput, NotFound, NotPermitted
from workflows.services import record

from .. import events, limits, rules
from ..models import (
    MANUAL_OUTCOMES,
    AgendaItem,
    Attendance,
    ChapterSuggestion,
    Contribution,
    Decision,
    Meeting,
    MeetingState,
    Outcome,
    QueuedHand,
    Speech,
)
from ..selectors import (
    contribution_data,
    current_speech,
    decision_data,
    floor_data,
    is_participant,
    item_data,
    person,
    queue_data,
)

DECISION_MAX = 2000
CONTRIBUTION_MAX = 500


def _lock(meeting: Meeting | int) -> Meeting:
    pk = meeting.pk if isinstance(meeting, Meeting) else meeting
    locked = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("team", "body", "moderator", "current_item")
        .filter(pk=pk)
        .first()
    )
    if locked is None:
        raise NotFound(_("Nie ma takiego spotkania."))
    return locked


def ensure_open(meeting: Meeting) -> None:
    if meeting.state != MeetingState.OPEN:
        raise Conflict(
            _("Spotkanie nie trwa (stan: %(state)s).") % {"state": meeting.get_state_display()},
            state=meeting.state,
        )


def _item(meeting: Meeting, item_id) -> AgendaItem:
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise InvalidInput(_("Wskaż punkt porządku obrad (liczba)."), field="item")
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None:
        raise NotFound(_("Ten punkt nie należy do porządku obrad spotkania."), field="item")
    return item


def _current_item(meeting: Meeting) -> AgendaItem:
    if meeting.current_item is None:
        raise Conflict(_("Żaden punkt porządku obrad nie jest otwarty."))
    return meeting.current_item


def _text(value, *, field: str, limit: int, empty: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(empty, field=field)
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(
            _("Tekst jest za długi (najwyżej %(limit)d znaków).") % {"limit": limit}, field=field
        )
    return value


def _attend(meeting: Meeting, user) -> None:
    # One INSERT whether or not the person was already marked present.
    Attendance.objects.bulk_create([Attendance(meeting=meeting, user=user)], ignore_conflicts=True)


def _end_floor(meeting: Meeting, now) -> Speech | None:
    speech = current_speech(meeting)
    if speech is not None:
        speech.ended_at = now
        speech.save(update_fields=["ended_at"])
    return speech


@transaction.atomic
def check_in(*, meeting: Meeting | int, user) -> Meeting:
    """A participant joins the room: counted as present in the minutes."""

    meeting = _lock(meeting)
    rules.checks_in(user, meeting)
    ensure_open(meeting)
    _attend(meeting, user)
    return meeting


@transaction.atomic
def open_item(*, meeting: Meeting | int, item_id: int, by) -> AgendaItem:
    meeting = _lock(meeting)
    rules.moderates(by, meeting)
    ensure_open(meeting)
    item = _item(meeting, item_id)
    if meeting.current_item is not None:
        current = meeting.current_item
        raise Conflict(
            _("Najpierw zamknij punkt „%(title)s”.") % {"title": current.title},
            current_item=current.pk,
        )
    if item.closed_at is not None:
        raise Conflict(_("Punkt „%(title)s” został już zamknięty.") % {"title": item.title})
    item.opened_at = timezone.now()
    item.save(update_fields=["opened_at"])
    meeting.current_item = item
    meeting.save(update_fields=["current_item"])
    events.publish(
        meeting,
        "item_opened",
        {"item": item_data(item, with_record=False), "current_item": item.pk},
    )
    return item


@transaction.atomic
def close_item(*, meeting: Meeting | int, by, item_id: int | None = None) -> AgendaItem:
    """Closing an item ends the floor and clears the queue: hands were raised for it."""

    meeting = _lock(meeting)
    rules.moderates(by, meeting)
    ensure_open(meeting)
    item = _current_item(meeting)
    if item_id is not None and item_id != item.pk:
        raise Conflict(_("Ten punkt nie jest teraz otwarty."), current_item=item.pk)
    now = timezone.now()
    _end_floor(meeting, now)
    QueuedHand.objects.filter(meeting=meeting).delete()
    item.closed_at = now
    item.save(update_fields=["closed_at"])
    meeting.current_item = None
    meeting.save(update_fields=["current_item"])
    events.publish(
        meeting,
        "item_closed",
        {
            "item": item_data(item, with_record=False),
            "current_item": None,
            "queue": [],
            "floor": None,
        },
    )
    return item


def _take_toggle(meeting: Meeting, user) -> None:
    limits.take(
        "hand",
        meeting_id=meeting.pk,
        user_id=user.pk,
        limit=limits.HAND_TOGGLES,
        message=_("Zbyt często podnosisz i opuszczasz rękę. Odczekaj chwilę."),
    )


@transaction.atomic
def raise_hand(*, meeting: Meeting | int, user) -> list[dict]:
    """Join the speaker queue (at its end); raising a raised hand changes nothing."""

    meeting = _lock(meeting)
    rules.asks_for_floor(user, meeting)
    ensure_open(meeting)
    _take_toggle(meeting, user)
    _attend(meeting, user)
    hand, created = QueuedHand.objects.get_or_create(
        meeting=meeting, user=user, defaults={"raised_at": timezone.now()}
    )
    if created:
        events.publish(meeting, "hand_raised", {"user": person(user), "raised_at": hand.raised_at})
    return queue_data(meeting)


@transaction.atomic
def lower_hand(*, meeting: Meeting | int, user) -> list[dict]:
    meeting = _lock(meeting)
    rules.asks_for_floor(user, meeting)
    ensure_open(meeting)
    _take_toggle(meeting, user)
    deleted, _rows = QueuedHand.objects.filter(meeting=meeting, user=user).delete()
    if deleted:
        events.publish(meeting, "hand_lowered", {"user": person(user)})
    return queue_data(meeting)


def _speaker(meeting: Meeting, to, out_of_turn: bool) -> tuple:
    if to is None:
        hand = QueuedHand.objects.filter(meeting=meeting).select_related("user").first()
        if hand is None:
            raise Conflict(_("Nikt nie czeka w kolejce do głosu."))
        return hand.user, hand
    if not isinstance(to, int) or isinstance(to, bool):
        raise InvalidInput(_("Wskaż osobę, która ma otrzymać głos."), field="user")
    user = User.objects.filter(pk=to).first()
    if user is None or not is_participant(meeting, user):
        raise NotPermitted(_("Głos można udzielić tylko uczestnikowi spotkania."), field="user")
    hand = QueuedHand.objects.filter(meeting=meeting, user=user).first()
    if hand is None and not out_of_turn:
        raise Conflict(
            _(
                "%(name)s nie zgłasza się do głosu. Aby udzielić głosu poza kolejnością,"
                " wybierz „poza kolejnością”."
            )
            % {"name": user},
            field="user",
        )
    return user, hand


@transaction.atomic
def give_floor(
    *, meeting: Meeting | int, by, to: int | None = None, out_of_turn: bool = False
) -> Speech:
    """Give the floor to the first in the queue, or to `to` (in the queue, or any
    participant when `out_of_turn`). The previous speaker's turn ends now."""

    meeting = _lock(meeting)
    rules.moderates(by, meeting)
    ensure_open(meeting)
    item = _current_item(meeting)
    speaker, hand = _speaker(meeting, to, bool(out_of_turn))
    now = timezone.now()
    ended = _end_floor(meeting, now)
    if hand is not None:
        hand.delete()
    _attend(meeting, speaker)
    speech = Speech.objects.create(
        meeting=meeting,
        item=item,
        speaker=speaker,
        started_at=now,
        limit_seconds=meeting.speaking_limit_seconds,
    )
    events.publish(
        meeting,
        "floor_given",
        {
            "floor": floor_data(speech),
            "ended": ended.pk if ended else None,
        },
    )
    return speech


@transaction.atomic
def end_floor(*, meeting: Meeting | int, by) -> Speech:
    """The moderator takes the floor back, or the speaker finishes early."""

    meeting = _lock(meeting)
    rules.ends_floor(by, meeting)
    ensure_open(meeting)
    speech = current_speech(meeting)
    if speech is None:
        raise Conflict(_("Nikt nie ma teraz głosu."))
    if not (meeting.is_moderator(by) or speech.speaker_id == getattr(by, "pk", None)):
        raise NotPermitted(_("Wypowiedź kończy moderator albo sam mówca."))
    speech.ended_at = timezone.now()
    speech.save(update_fields=["ended_at"])
    events.publish(
        meeting,
        "floor_ended",
        {
            "speech": speech.pk,
            "speaker": person(speech.speaker),
            "ended_at": speech.ended_at,
            "floor": None,
        },
    )
    return speech


@transaction.atomic
def record_decision(
    *, meeting: Meeting | int, by, outcome: str, text: str, item_id: int | None = None
) -> Decision:
    """A decision on the open item. Consensus becomes a suggestion for the team's chapter."""

    meeting = _lock(meeting)
    rules.moderates(by, meeting)
    ensure_open(meeting)
    item = _current_item(meeting)
    if item_id is not None and item_id != item.pk:
        raise Conflict(_("Decyzję zapisuje się przy otwartym punkcie."), current_item=item.pk)
    if outcome not in MANUAL_OUTCOMES:
        raise InvalidInput(
            _("Wybierz wynik: konsensus osiągnięty, brak konsensusu albo odłożone."),
            field="outcome",
            allowed=[str(o) for o in MANUAL_OUTCOMES],
        )
    text = _text(text, field="text", limit=DECISION_MAX, empty=_("Wpisz treść ustalenia."))
    decision = Decision.objects.create(
        item=item, outcome=outcome, text=text, recorded_at=timezone.now(), recorded_by=by
    )
    if outcome == Outcome.CONSENSUS and meeting.team_id:
        ChapterSuggestion.objects.create(
            team=meeting.team, section=item.section, text=text, decision=decision
        )
    record(
        meeting,
        "record_decision",
        by=by,
        payload={"item": item.pk, "outcome": outcome, "text": text},
    )
    events.publish(
        meeting, "decision_recorded", {"item": item.pk, "decision": decision_data(decision)}
    )
    return decision


@transaction.atomic
def add_contribution(
    *, meeting: Meeting | int, user, text: str, item_id: int | None = None
) -> Contribution:
    meeting = _lock(meeting)
    rules.writes_contribution(user, meeting)
    ensure_open(meeting)
    item = _current_item(meeting) if item_id is None else _item(meeting, item_id)
    if item.closed_at is not None:
        raise Conflict(_("Punkt „%(title)s” został już zamknięty.") % {"title": item.title})
    text = _text(
        text, field="text", limit=CONTRIBUTION_MAX, empty=_("Wpisz treść głosu pisemnego.")
    )
    limits.take(
        "contribution",
        meeting_id=meeting.pk,
        user_id=user.pk,
        limit=limits.CONTRIBUTIONS,
        message=_("Zbyt wiele głosów pisemnych naraz. Odczekaj chwilę."),
    )
    _attend(meeting, user)
    contribution = Contribution.objects.create(
        item=item, author=user, text=text, created_at=timezone.now()
    )
    events.publish(
        meeting,
        "contribution_added",
        {"item": item.pk, "contribution": contribution_data(contribution)},
    )
    return contribution
