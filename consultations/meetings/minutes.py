"""Minutes generated from the record: attendance, items, speakers with times, decisions,
written contributions. The moderator may edit the text before publishing it."""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.timeutil import format_local

from .models import Attendance, Meeting, Speech
from .selectors import agenda_with_record, participants


def _clock(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def _speech_line(speech: Speech, meeting_end) -> str:
    ended = speech.ended_at or meeting_end or timezone.now()
    spoken = (ended - speech.started_at) / timedelta(seconds=1)
    line = f"- {speech.speaker}, {_clock(speech.started_at)}–{_clock(ended)} ({_duration(spoken)}"
    if spoken > speech.limit_seconds:
        overrun = _duration(spoken - speech.limit_seconds)
        line += "; " + _("przekroczenie o %(t)s") % {"t": overrun}
    return line + ")"


def _roll_calls(item) -> list[str]:
    """A body's votes on the item, by name, as its rules want them on record."""

    lines = []
    for motion in item.motions.all():
        lines.append(_("Głosowanie imienne: %(text)s") % {"text": motion.text[:80]})
        lines += [f"- {v.membership.person}: {v.get_vote_display()}" for v in motion.votes.all()]
    return lines


def generate(meeting: Meeting) -> str:
    present = list(
        Attendance.objects.filter(meeting=meeting).select_related("user").order_by("joined_at")
    )
    present_ids = {a.user_id for a in present}
    absent = [u for u in participants(meeting) if u.pk not in present_ids]
    speeches = defaultdict(list)
    for speech in Speech.objects.filter(meeting=meeting).select_related("speaker"):
        speeches[speech.item_id].append(speech)
    items = agenda_with_record(meeting)

    lines = [
        _("Protokół spotkania: %(title)s") % {"title": meeting.title},
        _("Zespół: %(team)s") % {"team": meeting.team}
        if meeting.team_id
        else _("Organ: %(body)s") % {"body": meeting.body},
        _("Termin: %(start)s – %(end)s")
        % {"start": format_local(meeting.starts_at), "end": _clock(meeting.ends_at)},
    ]
    if meeting.place:
        lines.append(_("Miejsce: %(place)s") % {"place": meeting.place})
    if meeting.online_url:
        lines.append(_("Spotkanie online: %(url)s") % {"url": meeting.online_url})
    lines.append(_("Moderator: %(name)s") % {"name": meeting.moderator})
    if meeting.opened_at:
        closed = _clock(meeting.closed_at) if meeting.closed_at else "—"
        lines.append(
            _("Obrady: %(open)s–%(close)s") % {"open": _clock(meeting.opened_at), "close": closed}
        )
    lines += ["", _("Obecni:")]
    lines += [f"- {a.user}" for a in present] or ["- —"]
    if absent:
        lines += ["", _("Nieobecni uczestnicy:")] + [f"- {u}" for u in absent]
    lines += ["", _("Porządek obrad:")]
    lines += [f"{item.position}. {item.title}" for item in items]
    for item in items:
        lines += ["", f"{item.position}. {item.title}"]
        if item.section:
            lines.append(_("Część rozdziału: %(s)s") % {"s": item.get_section_display()})
        if item.opened_at is None:
            lines.append(_("Punkt nie był omawiany."))
            continue
        lines.append(_("Wypowiedzi:"))
        lines += [_speech_line(s, meeting.closed_at) for s in speeches[item.pk]] or ["- —"]
        if item.contributions.all():
            lines.append(_("Głosy pisemne:"))
            lines += [f"- {c.author}: {c.text}" for c in item.contributions.all()]
        lines.append(_("Ustalenia:"))
        lines += [f"- [{d.get_outcome_display()}] {d.text}" for d in item.decisions.all()] or [
            "- " + _("brak ustaleń")
        ]
        lines += _roll_calls(item)
    return "\n".join(str(line) for line in lines)


def minutes_text(meeting: Meeting) -> str:
    """The edited minutes, or the draft generated from the record."""

    return meeting.minutes or generate(meeting)


MINUTES_PRINT = "meetings/minutes_pdf.html"


def minutes_print_context(meeting: Meeting) -> dict:
    """What the minutes' PDF is rendered from (the download and the BIP bundle alike)."""

    return {"meeting": meeting, "text": minutes_text(meeting)}
