"""Setting up a programme over the API: its sections, chapters, teams and the checklist."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound
from workflows.parsing import parse_id

from .. import checklist, rules
from ..models import SectorTeam
from ..services import programmes as programme_services
from ..services import setup
from . import serializers as s
from .views import (
    ERRORS,
    TAG,
    ChapterListView,
    ProgrammeDetailView,
    body,
    context,
    find_programme,
    list_of,
)

TEAM_IN = inline_serializer(
    "SectorTeamIn",
    fields={
        "name": serializers.CharField(),
        "description": serializers.CharField(required=False, allow_blank=True),
        "moderator": serializers.IntegerField(required=False, allow_null=True),
        "members": serializers.ListField(child=serializers.IntegerField(), required=False),
    },
)


def find_team(pk) -> SectorTeam:
    team = SectorTeam.objects.filter(pk=pk).first()
    if team is None:
        raise NotFound(_("Nie ma takiego zespołu."))
    return team


class ProgrammeUpdateView(ProgrammeDetailView):
    write_guard = rules.ensure_staff

    @extend_schema(
        tags=TAG,
        # JSON: a multipart body cannot say which sections it leaves out from a malformed one.
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: s.ProgrammeSerializer, **ERRORS},
        summary="Zmień sekcje programu (art. 5a ust. 4), także planowane środki",
    )
    def patch(self, request, pk: int):
        programme = find_programme(pk, request.user)
        programme = setup.update_programme(
            by=request.user, programme=programme, data=dict(body(request))
        )
        return Response(s.ProgrammeSerializer(programme, context=context(request)).data)


class ChapterCreateView(ChapterListView):
    write_guard = rules.ensure_staff

    @extend_schema(
        tags=TAG,
        request=inline_serializer(
            "ChapterIn",
            fields={"sector_team": serializers.IntegerField(), "title": serializers.CharField()},
        ),
        responses={201: s.ChapterSerializer, **ERRORS},
        summary="Dodaj rozdział przypisany zespołowi sektorowemu",
    )
    def post(self, request, pk: int):
        programme = find_programme(pk, request.user)
        data = body(request)
        chapter = programme_services.add_chapter(
            by=request.user,
            programme=programme,
            sector_team=find_team(parse_id(data.get("sector_team")) or 0),
            title=str(data.get("title") or ""),
        )
        return Response(s.ChapterSerializer(chapter).data, status=201)


class CoordinatingTeamView(APIView):
    write_guard = rules.ensure_staff

    @extend_schema(
        tags=TAG,
        request=inline_serializer(
            "CoordinatingTeamIn",
            fields={
                "name": serializers.CharField(required=False),
                "members": serializers.ListField(child=serializers.IntegerField()),
            },
        ),
        responses={204: None, **ERRORS},
        summary="Skład zespołu koordynującego",
    )
    def put(self, request, pk: int):
        programme = find_programme(pk, request.user)
        data = body(request)
        if "members" not in data:  # a PUT names the whole team; an empty one is []
            raise InvalidInput(_("Podaj skład zespołu (pole „members”)."), field="members")
        setup.set_coordinating_team(
            by=request.user,
            programme=programme,
            members=list_of(data, "members"),
            name=str(data.get("name") or ""),
        )
        return Response(status=204)


class ChecklistView(APIView):
    @extend_schema(
        tags=TAG,
        responses={200: s.ChecklistItemSerializer(many=True), 404: ERROR},
        summary="Co jeszcze brakuje przed przekazaniem Radzie Miasta",
    )
    def get(self, request, pk: int):
        programme = find_programme(pk, request.user)
        return Response(s.ChecklistItemSerializer(checklist.items(programme), many=True).data)


class SectorTeamListView(APIView):
    write_guard = rules.ensure_staff

    @extend_schema(tags=TAG, responses={200: s.SectorTeamSerializer(many=True)})
    def get(self, request):
        teams = SectorTeam.objects.prefetch_related("members")
        return Response(s.SectorTeamSerializer(teams, many=True).data)

    @extend_schema(tags=TAG, request=TEAM_IN, responses={201: s.SectorTeamSerializer, **ERRORS})
    def post(self, request):
        data = body(request)
        team = setup.save_sector_team(
            by=request.user,
            name=data.get("name"),
            description=data.get("description", ""),
            moderator=data.get("moderator"),
            members=list_of(data, "members"),
        )
        return Response(s.SectorTeamSerializer(team).data, status=201)


class SectorTeamDetailView(APIView):
    write_guard = rules.ensure_staff

    @extend_schema(tags=TAG, request=TEAM_IN, responses={200: s.SectorTeamSerializer, **ERRORS})
    def put(self, request, pk: int):
        data = body(request)
        team = setup.save_sector_team(
            by=request.user,
            team=find_team(pk),
            name=data.get("name"),
            description=data.get("description", ""),
            moderator=data.get("moderator"),
            members=list_of(data, "members"),
        )
        return Response(s.SectorTeamSerializer(team).data)
