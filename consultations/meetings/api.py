"""REST API of meetings. Live actions go through the same parse as the websocket commands
(`commands.COMMANDS`), so both doors accept and refuse exactly the same input."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from bodies.models import Body
from consultations.models import SectorTeam
from workflows.accounts.models import Organisation, User
from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound, NotPermitted
from workflows.parsing import MAX_ID, require_int
from workflows.permissions import has_perm

from . import commands, rules, services
from .minutes import minutes_text
from .models import ChapterSuggestion, Meeting, MeetingState, Section
from .selectors import meeting_list, meeting_summary, room_state

REFUSALS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 429: ERROR}
ANY = OpenApiTypes.OBJECT
PERSON = inline_serializer(
    "MeetingPerson", fields={"id": serializers.IntegerField(), "name": serializers.CharField()}
)
MEETING_SUMMARY = inline_serializer(
    "MeetingSummary",
    fields={
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "team": inline_serializer(
            "MeetingTeam",
            fields={"id": serializers.IntegerField(), "name": serializers.CharField()},
            allow_null=True,
        ),
        "body": inline_serializer(
            "MeetingBody",
            fields={"id": serializers.IntegerField(), "name": serializers.CharField()},
            allow_null=True,
        ),
        "state": serializers.ChoiceField(choices=MeetingState.choices),
        "state_label": serializers.CharField(),
        "starts_at": serializers.DateTimeField(),
        "ends_at": serializers.DateTimeField(),
        "place": serializers.CharField(allow_blank=True),
        "online_url": serializers.CharField(allow_blank=True),
        "moderator": PERSON,
        "speaking_limit_seconds": serializers.IntegerField(),
        "item_count": serializers.IntegerField(allow_null=True),
    },
)
SUGGESTION = inline_serializer(
    "ChapterSuggestion",
    fields={
        "id": serializers.IntegerField(),
        "section": serializers.CharField(allow_blank=True),
        "text": serializers.CharField(),
        "decision": serializers.IntegerField(allow_null=True),
        "meeting": serializers.IntegerField(allow_null=True),
        "opinion": serializers.IntegerField(allow_null=True),
        "created_at": serializers.DateTimeField(),
    },
)
MINUTES = inline_serializer(
    "MeetingMinutes",
    fields={
        "state": serializers.CharField(),
        "text": serializers.CharField(),
        "edited": serializers.BooleanField(),
    },
)


class MeetingListView(APIView):
    write_guard = rules.plans_meetings

    class MeetingInput(serializers.Serializer):
        team = serializers.PrimaryKeyRelatedField(
            queryset=SectorTeam.objects.all(), required=False, allow_null=True
        )
        body = serializers.PrimaryKeyRelatedField(
            queryset=Body.objects.all(), required=False, allow_null=True
        )
        title = serializers.CharField(max_length=200)
        starts_at = serializers.DateTimeField()
        ends_at = serializers.DateTimeField()
        place = serializers.CharField(max_length=300, required=False, allow_blank=True)
        online_url = serializers.URLField(required=False, allow_blank=True)
        speaking_limit_seconds = serializers.IntegerField(required=False, default=180)
        rules = serializers.CharField(required=False, allow_blank=True, max_length=5000)
        agenda = serializers.ListField(
            child=inline_serializer(
                "AgendaItemInput",
                fields={
                    "title": serializers.CharField(max_length=300),
                    "section": serializers.ChoiceField(
                        choices=Section.choices, required=False, allow_blank=True
                    ),
                },
            ),
            min_length=1,
        )
        invited = serializers.PrimaryKeyRelatedField(
            queryset=User.objects.all(), many=True, required=False
        )
        invited_organisations = serializers.PrimaryKeyRelatedField(
            queryset=Organisation.objects.all(), many=True, required=False
        )

    @extend_schema(responses={200: serializers.ListSerializer(child=MEETING_SUMMARY), 400: ERROR})
    def get(self, request):
        params = request.query_params
        state = params.get("state")
        team_id = require_int(params.get("team"), "team", high=MAX_ID, optional=True)
        body_id = require_int(params.get("body"), "body", high=MAX_ID, optional=True)
        if state and state not in MeetingState.values:
            raise InvalidInput(_("Nieznany stan spotkania."), field="state")
        meetings = meeting_list(team_id=team_id, body_id=body_id, state=state)
        return Response([meeting_summary(m) for m in meetings])

    @extend_schema(request=MeetingInput, responses={201: MEETING_SUMMARY, **REFUSALS})
    def post(self, request):
        data = self.MeetingInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.create_meeting(by=request.user, **data.validated_data)
        return Response(meeting_summary(meeting), status=201)


class MeetingDetailView(APIView):
    @extend_schema(responses={200: ANY, 404: ERROR})
    def get(self, request, pk: int):
        meeting = get_object_or_404(
            Meeting.objects.select_related("team", "body", "moderator"), pk=pk
        )
        return Response(room_state(meeting, request.user))


class TransitionView(APIView):
    """Open / close the meeting, publish its minutes: aliases of the generic transition."""

    transition = ""

    @extend_schema(request=None, responses={200: MEETING_SUMMARY, **REFUSALS})
    def post(self, request, pk: int):
        meeting = services.take_transition(meeting=pk, name=self.transition, by=request.user)
        return Response(meeting_summary(meeting))


class CommandView(APIView):
    """A live action; the URL's meeting (and item) join the body as the command's fields."""

    command = ""
    write_guard = None  # per route: rules.moderates, rules.checks_in, ...

    def permission_object(self):
        return get_object_or_404(
            Meeting.objects.select_related("team", "body"), pk=self.kwargs["pk"]
        )

    @extend_schema(request=ANY, responses={200: ANY, **REFUSALS})
    def post(self, request, pk: int, item: int | None = None):
        data = request.data
        body = (
            data.dict() if hasattr(data, "dict") else dict(data) if isinstance(data, dict) else {}
        )
        body["meeting"] = pk
        if item is not None:
            body["item"] = item
        return Response(commands.COMMANDS[self.command](request.user, body))


class MinutesView(APIView):
    write_guard = rules.moderates

    def permission_object(self):
        return self._meeting(self.kwargs["pk"])

    class MinutesInput(serializers.Serializer):
        text = serializers.CharField(max_length=100_000, trim_whitespace=True)

    def _meeting(self, pk):
        return get_object_or_404(Meeting.objects.select_related("team", "body", "moderator"), pk=pk)

    @extend_schema(responses={200: MINUTES, 403: ERROR, 404: ERROR})
    def get(self, request, pk: int):
        meeting = self._meeting(pk)
        if not has_perm(request.user, "meetings.view_minutes", meeting):
            raise NotPermitted(_("Protokół będzie dostępny po opublikowaniu."))
        return Response(
            {"state": meeting.state, "text": minutes_text(meeting), "edited": bool(meeting.minutes)}
        )

    @extend_schema(request=MinutesInput, responses={200: MINUTES, **REFUSALS})
    def put(self, request, pk: int):
        data = self.MinutesInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.update_minutes(
            meeting=pk, by=request.user, text=data.validated_data["text"]
        )
        return Response({"state": meeting.state, "text": meeting.minutes, "edited": True})


class ChapterSuggestionsView(APIView):
    @extend_schema(responses={200: serializers.ListSerializer(child=SUGGESTION), 404: ERROR})
    def get(self, request, team: int):
        sector_team = SectorTeam.objects.filter(pk=team).first()
        if sector_team is None:
            raise NotFound(_("Nie ma takiego zespołu sektorowego."))
        suggestions = ChapterSuggestion.objects.filter(team=sector_team).select_related(
            "decision__item"
        )
        return Response(
            [
                {
                    "id": s.pk,
                    "section": s.section,
                    "text": s.text,
                    "decision": s.decision_id,
                    "meeting": s.decision.item.meeting_id if s.decision_id else None,
                    "opinion": s.opinion_id,
                    "created_at": s.created_at,
                }
                for s in suggestions
            ]
        )
