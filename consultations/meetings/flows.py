"""The meeting's state machine: planned → open → closed → published (minutes)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from workflows.conditions import condition
from workflows.permissions import perm

MODERATOR_ONLY = _("Tylko moderator tego spotkania może to zrobić.")


@condition
def has_agenda(meeting):
    if not meeting.items.exists():
        return _("Dodaj co najmniej jeden punkt porządku obrad.")
    return None


class MeetingFlow:
    """Transitions of `Meeting`; bodies only set the meeting's own fields."""

    @transition(
        field="state",
        source="planned",
        target="open",
        conditions=[has_agenda],
        permission=perm("meetings.moderate_meeting"),
        custom={"label": _("Rozpocznij spotkanie"), "denied": MODERATOR_ONLY},
    )
    def open(self):
        self.opened_at = timezone.now()

    @transition(
        field="state",
        source="open",
        target="closed",
        permission=perm("meetings.moderate_meeting"),
        custom={"label": _("Zakończ spotkanie"), "denied": MODERATOR_ONLY},
    )
    def close(self):
        self.closed_at = timezone.now()
        self.current_item = None

    @transition(
        field="state",
        source="closed",
        target="published",
        permission=perm("meetings.moderate_meeting"),
        custom={"label": _("Opublikuj protokół"), "denied": MODERATOR_ONLY},
    )
    def publish_minutes(self):
        self.published_at = timezone.now()
