"""Pages: the meeting list, the meeting room (works without JavaScript: every control is a
form posting here; meetings.js sends the same actions over the websocket) and the minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bodies.models import Stance, Vote
from notifications.bip.views import pdf_download
from workflows.errors import WorkflowError
from workflows.forms import form_refusal
from workflows.parsing import parse_id
from workflows.permissions import has_perm

from . import commands, services
from .forms import AgendaFormSet, MeetingForm
from .guidance import meeting_guide
from .minutes import MINUTES_PRINT, minutes_print_context, minutes_text
from .models import MANUAL_OUTCOMES, Meeting, MeetingState, MotionKind
from .sections import Section
from .selectors import (
    may_plan_for,
    opinion_choices,
    participants,
    plannable_bodies,
    plannable_teams,
    room_state,
)
from .selectors import meeting_list as list_meetings


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("team", "body", "moderator"), pk=pk)


def meeting_list(request):
    return render(
        request,
        "meetings/list.html",
        {
            "meetings": list_meetings(),
            "may_plan": plannable_teams(request.user).exists()
            or plannable_bodies(request.user).exists(),
        },
    )


def _chosen(request, param: str, allowed) -> tuple[str, bool]:
    """The host picked by a link (?zespol= or ?organ=), and whether it may be planned for."""

    chosen = request.GET.get(param, "")
    chosen_id = parse_id(chosen)
    return chosen, not chosen or bool(chosen_id and allowed.filter(pk=chosen_id).exists())


@login_required
def meeting_new(request):
    teams = plannable_teams(request.user)
    bodies = plannable_bodies(request.user)
    team, team_allowed = _chosen(request, "zespol", teams)
    body, body_allowed = _chosen(request, "organ", bodies)
    if not body_allowed:
        raise PermissionDenied(services.BODY_PLANNER_ONLY)
    if not team_allowed or not (teams.exists() or bodies.exists()):
        raise PermissionDenied(services.PLANNER_ONLY)
    form = MeetingForm(
        request.POST or None,
        teams=teams,
        bodies=bodies,
        initial={"team": team or None, "body": body or None},
    )
    agenda = AgendaFormSet(request.POST or None, prefix="agenda")
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        items = [row for row in agenda.cleaned_data if row.get("title", "").strip()]
        try:
            meeting = services.create_meeting(by=request.user, agenda=items, **form.cleaned_data)
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zaplanowano spotkanie „%(t)s”.") % {"t": meeting.title})
            return redirect("meeting-room", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "agenda": agenda},
        status=400 if request.method == "POST" else 200,
    )


def meeting_room(request, pk: int):
    meeting = _meeting(pk)
    room = room_state(meeting, request.user)
    current = next((i for i in room["agenda"] if i["id"] == room["current_item"]), None)
    return render(
        request,
        "meetings/room.html",
        {
            "meeting": meeting,
            "room": room,
            "current": current,
            "outcomes": [(o.value, o.label) for o in MANUAL_OUTCOMES],
            "opinions": opinion_choices(meeting) if meeting.is_moderator(request.user) else (),
            "MotionKind": MotionKind,
            "stances": Stance.choices,
            "sections": Section.choices,
            "votes": Vote.choices,
            "MeetingState": MeetingState,
            "is_moderator": room["you"]["role"] == "moderator",
            "participants": participants(meeting) if meeting.is_moderator(request.user) else (),
            "is_participant": room["you"]["role"] in ("moderator", "participant"),
            "may_plan": may_plan_for(meeting, request.user),
            "guide": meeting_guide(meeting, room["you"]["role"]),
        },
    )


def _back(pk: int):
    return redirect("meeting-room", pk=pk)


@login_required
@require_POST
def meeting_action(request, pk: int, name: str):
    handler = commands.COMMANDS.get(f"meeting.{name}")
    if handler is None:
        raise Http404
    body = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    body["meeting"] = pk
    try:
        handler(request.user, body)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return _back(pk)


def _minutes_visible(meeting: Meeting, user) -> bool:
    return has_perm(user, "meetings.view_minutes", meeting)


def meeting_minutes(request, pk: int):
    meeting = _meeting(pk)
    if not _minutes_visible(meeting, request.user):
        raise Http404(_("Protokół będzie dostępny po opublikowaniu."))
    editable = meeting.state == MeetingState.CLOSED and meeting.is_moderator(request.user)
    text = minutes_text(meeting)
    if request.method == "POST" and editable:
        text = request.POST.get("text", "")
        try:
            services.update_minutes(meeting=meeting, by=request.user, text=text)
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Zapisano protokół."))
            return redirect("meeting-minutes", pk=pk)
    return render(
        request,
        "meetings/minutes.html",
        {"meeting": meeting, "text": text, "editable": editable},
    )


def meeting_minutes_pdf(request, pk: int):
    meeting = _meeting(pk)
    if not _minutes_visible(meeting, request.user):
        raise Http404(_("Protokół będzie dostępny po opublikowaniu."))
    return pdf_download(
        request,
        MINUTES_PRINT,
        minutes_print_context(meeting),
        f"protokol-spotkania-{meeting.pk}.pdf",
        meeting.title,
    )
