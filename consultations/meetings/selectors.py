"""Reads: who takes part, the meeting list, and the room state sent to live clients."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from bodies.models import Body, Membership
from consultations.models import SectorTeam
from workflows.accounts.models import User
from workflows.accounts.roles import is_council_staff
from workflows.parsing import parse_id
from workflows.permissions import has_perm
from workflows.timeutil import city_tz

from .models import (
    AgendaItem,
    Contribution,
    Decision,
    Meeting,
    Motion,
    MotionVote,
    QueuedHand,
    Speech,
)


def person(user) -> dict:
    return {"id": user.pk, "name": str(user)}


def today():
    return timezone.localdate(timezone=city_tz())


def members_in_term(meeting: Meeting) -> QuerySet[Membership]:
    """A body meeting's members whose term covers today (a team meeting has none)."""

    if not meeting.is_body_meeting:
        return Membership.objects.none()
    return Membership.objects.in_term(today()).filter(body=meeting.body_id)


def participants(meeting: Meeting) -> QuerySet[User]:
    """The team's members and moderator, or the body's members in term; the meeting's
    moderator, invited experts and the representatives of invited organisations."""

    if meeting.is_body_meeting:
        host = Q(body_memberships__in=members_in_term(meeting))
    else:
        host = Q(pk=meeting.team.moderator_id) | Q(sector_teams=meeting.team_id)
    return (
        User.objects.filter(
            host
            | Q(pk=meeting.moderator_id)
            | Q(meeting_invitations=meeting)
            | Q(organisations__meetings=meeting)
        )
        .distinct()
        .order_by("display_name", "username")
    )


def invitees(meeting: Meeting) -> list[User]:
    """Whom a meeting's notices go to: its moderator, the team's members or the body's
    members in term, and the invited experts."""

    host = (
        [m.person for m in members_in_term(meeting).select_related("person")]
        if meeting.is_body_meeting
        else list(meeting.team.members.all())
    )
    people = {meeting.moderator_id: meeting.moderator} if meeting.moderator_id else {}
    for user in [*meeting.invited.all(), *host]:
        people[user.pk] = user
    return list(people.values())


def is_participant(meeting: Meeting, user) -> bool:
    if not user or not user.is_authenticated:
        return False
    if user.pk == meeting.moderator_id:
        return True
    return participants(meeting).filter(pk=user.pk).exists()


def role_of(meeting: Meeting, user) -> str:
    if meeting.is_moderator(user):
        return "moderator"
    return "participant" if is_participant(meeting, user) else "observer"


def plannable_teams(user) -> QuerySet[SectorTeam]:
    """The teams whose meetings the user may plan (`services.can_plan`)."""

    if is_council_staff(user):
        return SectorTeam.objects.all()
    if not user or not user.is_authenticated:
        return SectorTeam.objects.none()
    return SectorTeam.objects.filter(moderator=user)


def plannable_bodies(user) -> QuerySet[Body]:
    """The bodies whose meetings the user may plan (`services.can_plan`): staff, or the
    body's chair or secretary in term."""

    bodies = Body.objects.in_term(today())
    if is_council_staff(user):
        return bodies
    if not user or not user.is_authenticated:
        return Body.objects.none()
    officers = Membership.objects.in_term(today()).filter(
        person=user, role__in=["chair", "secretary"]
    )
    return bodies.filter(memberships__in=officers).distinct()


def may_plan_for(meeting: Meeting, user) -> bool:
    if meeting.is_body_meeting:
        return has_perm(user, "meetings.add_body_meeting", meeting.body)
    return has_perm(user, "meetings.add_team_meeting", meeting.team)


def meeting_list(
    *,
    team_id: int | None = None,
    body_id: int | None = None,
    state: str | None = None,
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("team", "body", "moderator").annotate(
        item_count=Count("items", distinct=True)
    )
    if team_id:
        meetings = meetings.filter(team_id=team_id)
    if body_id:
        meetings = meetings.filter(body_id=body_id)
    if state:
        meetings = meetings.filter(state=state)
    return meetings


def meeting_summary(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "team": {"id": meeting.team_id, "name": meeting.team.name} if meeting.team_id else None,
        "body": {"id": meeting.body_id, "name": meeting.body.name} if meeting.body_id else None,
        "state": meeting.state,
        "state_label": str(meeting.get_state_display()),
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "online_url": meeting.online_url,
        "moderator": person(meeting.moderator),
        "speaking_limit_seconds": meeting.speaking_limit_seconds,
        "item_count": getattr(meeting, "item_count", None),
    }


def decision_data(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "item": decision.item_id,
        "outcome": decision.outcome,
        "outcome_label": str(decision.get_outcome_display()),
        "text": decision.text,
        "recorded_at": decision.recorded_at,
    }


def contribution_data(contribution: Contribution) -> dict:
    return {
        "id": contribution.pk,
        "item": contribution.item_id,
        "author": person(contribution.author),
        "text": contribution.text,
        "created_at": contribution.created_at,
    }


def item_data(item: AgendaItem, *, with_record: bool = True) -> dict:
    data = {
        "id": item.pk,
        "position": item.position,
        "title": item.title,
        "section": item.section,
        "section_label": str(item.get_section_display()) if item.section else "",
        "status": item.status,
    }
    if with_record:
        data["decisions"] = [decision_data(d) for d in item.decisions.all()]
        data["contributions"] = [contribution_data(c) for c in item.contributions.all()]
    return data


def queue_data(meeting: Meeting) -> list[dict]:
    hands = QueuedHand.objects.filter(meeting=meeting).select_related("user")
    return [{"user": person(h.user), "raised_at": h.raised_at} for h in hands]


def current_speech(meeting: Meeting) -> Speech | None:
    return (
        Speech.objects.filter(meeting=meeting, ended_at__isnull=True)
        .select_related("speaker")
        .first()
    )


def floor_data(speech: Speech | None) -> dict | None:
    if speech is None:
        return None
    # started_at is the server's clock: a late joiner computes the remaining time from it.
    return {
        "speech": speech.pk,
        "speaker": person(speech.speaker),
        "item": speech.item_id,
        "started_at": speech.started_at,
        "limit_seconds": speech.limit_seconds,
    }


def motion_data(motion: Motion, *, cast: int | None = None) -> dict:
    return {
        "id": motion.pk,
        "item": motion.item_id,
        "kind": motion.kind,
        "kind_label": str(motion.get_kind_display()),
        "text": motion.text,
        "opinion": motion.opinion_id,
        "stance": motion.stance,
        "open": motion.closed_at is None,
        "carried": motion.carried,
        "cast": motion.votes.count() if cast is None else cast,
    }


def open_motion(meeting: Meeting) -> Motion | None:
    return Motion.objects.filter(meeting=meeting, closed_at__isnull=True).first()


def roll_call(motion: Motion) -> QuerySet[MotionVote]:
    return motion.votes.select_related("membership__person", "membership__organisation")


def vote_data(meeting: Meeting, user) -> dict | None:
    """The open vote, and whether this user has voted in it (the roll call is read after)."""

    motion = open_motion(meeting)
    if motion is None:
        return None
    voted = list(motion.votes.values_list("membership__person_id", flat=True))
    data = motion_data(motion, cast=len(voted))
    data["you_voted"] = bool(user and user.is_authenticated and user.pk in voted)
    return data


def opinion_choices(meeting: Meeting):
    """The opinions asked of the meeting's body that it may still adopt."""

    from bodies.models import OpinionRequest, OpinionState

    if not meeting.is_body_meeting:
        return OpinionRequest.objects.none()
    return OpinionRequest.objects.filter(
        body=meeting.body_id, state__in=[OpinionState.REQUESTED, OpinionState.NOT_GIVEN]
    ).order_by("due_on", "pk")


def agenda_with_record(meeting: Meeting) -> list[AgendaItem]:
    roll_calls = MotionVote.objects.select_related("membership__person")
    return list(
        meeting.items.prefetch_related(
            Prefetch(
                "motions",
                queryset=Motion.objects.filter(closed_at__isnull=False).prefetch_related(
                    Prefetch("votes", queryset=roll_calls)
                ),
            ),
            Prefetch("decisions", queryset=Decision.objects.order_by("recorded_at", "pk")),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("author").order_by("created_at", "pk"),
            ),
        )
    )


def room_state(meeting: Meeting, user=None) -> dict:
    """The whole room as a late joiner needs it; `you` says what this user may do."""

    state = meeting_summary(meeting)
    state.pop("item_count")
    state.update(
        {
            "current_item": meeting.current_item_id,
            "agenda": [item_data(item) for item in agenda_with_record(meeting)],
            "queue": queue_data(meeting),
            "floor": floor_data(current_speech(meeting)),
            "vote": vote_data(meeting, user),
            "server_now": timezone.now(),
        }
    )
    if user is not None:
        state["you"] = {
            "id": user.pk if user.is_authenticated else None,
            "role": role_of(meeting, user),
            "in_queue": any(q["user"]["id"] == user.pk for q in state["queue"]),
        }
    return state


def json_safe(data):
    """Dates as ISO text: the websocket consumer sends with the plain json encoder."""

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def room_for_stream(key: str, user) -> dict:
    meeting = Meeting.objects.select_related("team", "body", "moderator").get(pk=int(key))
    return json_safe(room_state(meeting, user))


def can_read_stream(user, key: str) -> bool:
    meeting_id = parse_id(key)
    meeting = Meeting.objects.filter(pk=meeting_id).first() if meeting_id else None
    return meeting is not None and has_perm(user, "meetings.view_meeting", meeting)
