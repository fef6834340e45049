"""What opening, closing and publishing a meeting entail, whichever door takes the
transition (the room's buttons, the REST endpoints, the generic API or /proces/ page).
Declared as the meeting kind's effects in apps.py; advance() runs them in the transition's
transaction, after the permission and state checks, with the meeting locked.
"""

from .minutes import generate
from .models import AgendaItem, Attendance, QueuedHand, Speech


def moderator_present(meeting, *, by, payload) -> None:
    """The moderator who opens the meeting is counted present in the minutes."""

    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, user_id=meeting.moderator_id)], ignore_conflicts=True
    )


def end_the_floor(meeting, *, by, payload) -> dict | None:
    """The meeting ends for everyone at once: the speech, the queue and the open item."""

    now = meeting.closed_at
    speeches = Speech.objects.filter(meeting=meeting, ended_at__isnull=True).update(ended_at=now)
    hands, _ = QueuedHand.objects.filter(meeting=meeting).delete()
    items = AgendaItem.objects.filter(
        meeting=meeting, opened_at__isnull=False, closed_at__isnull=True
    ).update(closed_at=now)
    if speeches or hands or items:
        return {"speeches_ended": speeches, "hands_lowered": hands, "items_closed": items}
    return None


def freeze_minutes(meeting, *, by, payload) -> None:
    """Published minutes never change: an unedited draft is frozen as generated now."""

    if not meeting.minutes:
        meeting.minutes = generate(meeting)
        meeting.save(update_fields=["minutes"])
