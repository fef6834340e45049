"""A meeting's phases for the top of its room: announced, in session, minutes, published."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.guidance import Guide, mark

from .models import MeetingState

PHASES = [
    (gettext_lazy("zapowiedź spotkania"), MeetingState.PLANNED),
    (gettext_lazy("spotkanie"), MeetingState.OPEN),
    (gettext_lazy("przygotowanie protokołu"), MeetingState.CLOSED),
    (gettext_lazy("protokół opublikowany"), MeetingState.PUBLISHED),
]


def _summary(meeting, role: str) -> str:
    if meeting.state == MeetingState.PLANNED:
        return _("Spotkanie jeszcze się nie zaczęło; porządek obrad jest poniżej.")
    if meeting.state == MeetingState.OPEN:
        if role in ("moderator", "participant"):
            return _(
                "Spotkanie trwa. Możesz zgłosić się do głosu; moderator udziela głosu po kolei."
            )
        return _("Spotkanie trwa. Obserwujesz je; głos zabierają członkowie zespołu.")
    if meeting.state == MeetingState.CLOSED:
        return _("Spotkanie zakończone; moderator przygotowuje protokół.")
    return _("Protokół spotkania jest opublikowany.")


def meeting_guide(meeting, role: str) -> Guide:
    current = next(i for i, (_label, state) in enumerate(PHASES) if meeting.state == state)
    rows = [
        (PHASES[0][0], None, meeting.starts_at),
        (PHASES[1][0], meeting.starts_at, meeting.ends_at),
        (PHASES[2][0], meeting.ends_at, None),
        (PHASES[3][0], None, None),
    ]
    return Guide(phases=mark(rows, current), summary=_summary(meeting, role))
