"""Thin API views: find the object, call a service or a selector, serialise."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows.accounts.models import Organisation
from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound
from workflows.pagination import Pages
from workflows.parsers import FormParser, MultiPartParser
from workflows.parsing import MAX_ID, body, require_id, require_int, strict_query
from workflows.schema import ID

from .. import report as report_output
from .. import rules, schedule, selectors
from ..models import Chapter, ChapterVersion, Comment, Programme, StrategyGoal, TaskArea
from ..services import chapters as chapter_services
from ..services import comments as comment_services
from ..services import programmes as programme_services
from . import serializers as s

ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}
TAG = ["consultations"]


def context(request) -> dict:
    # File fields render as absolute URLs (the schema's "uri") only with the request at hand.
    return {"request": request}


def find_programme(pk, user) -> Programme:
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None or not selectors.can_view_programme(user, programme):
        raise NotFound(_("Nie ma takiego programu."))
    return programme


def find_chapter(pk, user) -> Chapter:
    chapter = Chapter.objects.select_related("programme", "sector_team").filter(pk=pk).first()
    if chapter is None or not selectors.can_view_programme(user, chapter.programme):
        raise NotFound(_("Nie ma takiego rozdziału."))
    return chapter


def find_version(chapter: Chapter, number, user) -> ChapterVersion:
    version = selectors.version(chapter, number)
    if version is None or not (
        version.is_published or selectors.is_author(user, chapter.programme)
    ):
        raise NotFound(_("Rozdział nie ma wersji %(number)s.") % {"number": number})
    return version


def list_of(data: dict, field: str) -> list:
    value = data.get(field, [])  # absent is none; null, false or "" is no list
    if not isinstance(value, list):
        raise InvalidInput(_("Pole „%(field)s” musi być listą.") % {"field": field}, field=field)
    return value


class ProgrammeListView(APIView):
    write_guard = rules.ensure_staff

    @extend_schema(tags=TAG, responses={200: s.ProgrammeSerializer(many=True)})
    def get(self, request):
        programmes = selectors.visible_programmes(request.user).prefetch_related(
            "priority_task_areas", "strategy_goals"
        )
        return Response(s.ProgrammeSerializer(programmes, many=True, context=context(request)).data)

    @extend_schema(
        tags=TAG, request=s.ProgrammeInput, responses={201: s.ProgrammeSerializer, **ERRORS}
    )
    def post(self, request):
        data = body(request)
        fields = {k: v for k, v in data.items() if k not in ("task_areas", "strategy_goals", "by")}
        # Missing required fields are the service's 400 naming them, not a TypeError.
        fields.setdefault("title", None)
        fields.setdefault("year_from", None)
        programme = programme_services.create_programme(
            by=request.user,
            task_areas=TaskArea.objects.filter(number__in=list_of(data, "task_areas")),
            strategy_goals=StrategyGoal.objects.filter(code__in=list_of(data, "strategy_goals")),
            **fields,
        )
        return Response(s.ProgrammeSerializer(programme, context=context(request)).data, status=201)


class ProgrammeDetailView(APIView):
    @extend_schema(tags=TAG, responses={200: s.ProgrammeSerializer, 404: ERROR})
    def get(self, request, pk: int):
        programme = find_programme(pk, request.user)
        return Response(s.ProgrammeSerializer(programme, context=context(request)).data)


class ChapterListView(APIView):
    @extend_schema(tags=TAG, responses={200: s.ChapterSerializer(many=True), 404: ERROR})
    def get(self, request, pk: int):
        programme = find_programme(pk, request.user)
        chapters = programme.chapters.select_related("sector_team")
        return Response(s.ChapterSerializer(chapters, many=True).data)


class VersionListView(APIView):
    write_guard = chapter_services.edits_chapter

    def permission_object(self):
        return find_chapter(self.kwargs["pk"], self.request.user)

    @extend_schema(tags=TAG, responses={200: s.VersionSerializer(many=True), 404: ERROR})
    def get(self, request, pk: int):
        chapter = find_chapter(pk, request.user)
        versions = chapter.versions.prefetch_related(selectors.blocks_prefetch())
        if not selectors.is_author(request.user, chapter.programme):
            versions = versions.filter(published_at__isnull=False)
        return Response(s.VersionSerializer(versions, many=True).data)

    @extend_schema(
        tags=TAG,
        request=s.VersionInput,
        responses={201: s.VersionSerializer, **ERRORS},
        description="New draft version: the given blocks, or a copy of the latest version.",
    )
    def post(self, request, pk: int):
        chapter = find_chapter(pk, request.user)
        data = body(request)
        version = chapter_services.create_version(
            by=request.user, chapter=chapter, note=data.get("note", ""), blocks=data.get("blocks")
        )
        return Response(s.VersionSerializer(selectors.version(chapter, version.number)).data, 201)


class VersionDetailView(APIView):
    write_guard = chapter_services.edits_chapter

    def permission_object(self):
        return find_chapter(self.kwargs["pk"], self.request.user)

    @extend_schema(tags=TAG, responses={200: s.VersionSerializer, 404: ERROR})
    def get(self, request, pk: int, number: int):
        chapter = find_chapter(pk, request.user)
        return Response(s.VersionSerializer(find_version(chapter, number, request.user)).data)

    @extend_schema(
        tags=TAG,
        request=s.VersionInput,
        responses={200: s.VersionSerializer, **ERRORS},
        description="Replace a draft's blocks. A published version is refused (409).",
    )
    def put(self, request, pk: int, number: int):
        chapter = find_chapter(pk, request.user)
        version = find_version(chapter, number, request.user)
        data = body(request)
        chapter_services.update_version(
            by=request.user, version=version, blocks=data.get("blocks"), note=data.get("note", "")
        )
        return Response(s.VersionSerializer(selectors.version(chapter, number)).data)


class VersionPublishView(APIView):
    @extend_schema(tags=TAG, request=None, responses={200: s.VersionSerializer, **ERRORS})
    def post(self, request, pk: int, number: int):
        chapter = find_chapter(pk, request.user)
        version = find_version(chapter, number, request.user)
        chapter_services.publish_version(by=request.user, version=version)
        return Response(s.VersionSerializer(selectors.version(chapter, number)).data)


class DiffView(APIView):
    @extend_schema(
        tags=TAG,
        parameters=[
            OpenApiParameter("from", int, required=True),
            OpenApiParameter("to", int, required=True),
        ],
        responses={200: s.DiffSerializer, 400: ERROR, 404: ERROR},
    )
    def get(self, request, pk: int):
        chapter = find_chapter(pk, request.user)
        old_n = require_int(request.query_params.get("from"), "from", high=MAX_ID, optional=True)
        new_n = require_int(request.query_params.get("to"), "to", high=MAX_ID, optional=True)
        if old_n is None or new_n is None:
            raise InvalidInput(_("Podaj numery wersji: ?from=1&to=2."), field="from")
        old = find_version(chapter, old_n, request.user)
        new = find_version(chapter, new_n, request.user)
        lines = chapter_services.diff(old, new)
        return Response({"from_version": old_n, "to_version": new_n, "lines": lines})


COMMENT_FILTERS = {"unanswered", "chapter", "organisation", "limit", "offset"}


class CommentListView(APIView):
    pagination_class = Pages  # GET pages; the schema adds limit and offset

    @extend_schema(
        tags=TAG,
        parameters=[
            OpenApiParameter("unanswered", bool),
            OpenApiParameter("chapter", ID),
            OpenApiParameter("organisation", ID),
        ],
        responses={200: s.CommentSerializer(many=True), 400: ERROR, 404: ERROR},
    )
    def get(self, request, pk: int):
        programme = find_programme(pk, request.user)
        strict_query(request.query_params, COMMENT_FILTERS)
        flag = request.query_params.get("unanswered")
        flags = {"true": True, "1": True, "false": False, "0": False}
        if flag is not None and flag not in flags:
            raise InvalidInput(_("Pole „unanswered”: podaj true albo false."), field="unanswered")
        comments = selectors.comments(
            programme,
            unanswered=flags.get(flag),
            # Absent is "any"; present, even empty, must be an id.
            chapter=None
            if "chapter" not in request.query_params
            else require_id(request.query_params["chapter"], "chapter"),
            organisation=None
            if "organisation" not in request.query_params
            else require_id(request.query_params["organisation"], "organisation"),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(comments, request, view=self)
        return paginator.get_paginated_response(s.CommentSerializer(page, many=True).data)

    @extend_schema(tags=TAG, request=s.CommentInput, responses={201: s.CommentSerializer, **ERRORS})
    def post(self, request, pk: int):
        programme = find_programme(pk, request.user)
        data = body(request)
        chapter_id = require_id(data.get("chapter"), "chapter", optional=True)
        org_id = require_id(data.get("organisation"), "organisation", optional=True)
        chapter = programme.chapters.filter(pk=chapter_id).first() if chapter_id else None
        if chapter_id and chapter is None:
            raise InvalidInput(_("Ten program nie ma takiego rozdziału."), field="chapter")
        organisation = Organisation.objects.filter(pk=org_id).first() if org_id else None
        if org_id and organisation is None:
            raise InvalidInput(_("Nie ma takiej organizacji."), field="organisation")
        comment = comment_services.submit_comment(
            by=request.user,
            programme=programme,
            kind=data.get("kind"),
            justification=data.get("justification"),
            proposed_wording=data.get("proposed_wording", ""),
            chapter=chapter,
            anchor=data.get("anchor", ""),
            organisation=organisation,
        )
        return Response(s.CommentSerializer(comment).data, status=201)


class AnswerView(APIView):
    write_guard = rules.answers_comments

    def permission_object(self):
        comment = Comment.objects.select_related("programme").filter(pk=self.kwargs["pk"]).first()
        if comment is None or not selectors.can_view_programme(
            self.request.user, comment.programme
        ):
            raise NotFound(_("Nie ma takiej uwagi."))
        return comment

    @extend_schema(tags=TAG, request=s.AnswerInput, responses={200: s.CommentSerializer, **ERRORS})
    def post(self, request, pk: int):
        comment = self.permission_object()
        data = body(request)
        comment_services.answer_comment(
            by=request.user,
            comment=comment,
            decision=data.get("decision"),
            reason=data.get("reason"),
        )
        fresh = selectors.comments(comment.programme).get(pk=pk)
        return Response(s.CommentSerializer(fresh).data)


def schedule_data(result: schedule.Schedule) -> dict:
    return {
        "deadline": result.deadline,
        "at_risk": result.at_risk,
        "overdue": result.overdue,
        "adopted": result.adopted,
        "problems": result.problems,
        "steps": [{**step.__dict__, "at_risk": step.at_risk} for step in result.steps],
    }


class ScheduleView(APIView):
    write_guard = rules.ensure_staff

    @extend_schema(tags=TAG, responses={200: s.ScheduleSerializer, 404: ERROR})
    def get(self, request, pk: int):
        programme = find_programme(pk, request.user)
        return Response(s.ScheduleSerializer(schedule_data(schedule.build(programme))).data)

    @extend_schema(
        tags=TAG,
        request=s.ScheduleInput,
        responses={200: s.ScheduleSerializer, **ERRORS},
        description="Save planned dates. One that cannot make 30 November is refused (409) "
        "unless `justification` is given; the override is recorded in the audit log.",
    )
    def put(self, request, pk: int):
        programme = find_programme(pk, request.user)
        data = body(request)
        result = programme_services.save_schedule(
            by=request.user,
            programme=programme,
            planned=data.get("planned"),
            lead_days=data.get("lead_days"),
            justification=data.get("justification", ""),
        )
        return Response(s.ScheduleSerializer(schedule_data(result)).data)


class ReportView(APIView):
    @extend_schema(tags=TAG, responses={200: s.ReportSerializer, 404: ERROR})
    def get(self, request, pk: int):
        data = selectors.report(find_programme(pk, request.user))
        return Response(
            {
                "total": data["total"],
                "organisations": data["organisations"],
                "by_kind": {code: n for code, _label, n in data["by_kind"]},
                "by_decision": {code: n for code, _label, n in data["by_decision"]},
                "comments": s.CommentSerializer(data["comments"], many=True).data,
            }
        )


class ReportCsvView(APIView):
    @extend_schema(
        tags=TAG, responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), 404: ERROR}
    )
    def get(self, request, pk: int):
        programme = find_programme(pk, request.user)
        name = report_output.filename(programme)
        return HttpResponse(
            report_output.as_csv(programme),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )


class CouncilOpinionView(APIView):
    write_guard = rules.attaches_opinion

    parser_classes = [MultiPartParser, FormParser]

    def permission_object(self):
        return find_programme(self.kwargs["pk"], self.request.user)

    @extend_schema(
        tags=TAG, request=s.OpinionInput, responses={200: s.ProgrammeSerializer, **ERRORS}
    )
    def post(self, request, pk: int):
        programme = find_programme(pk, request.user)
        updated = programme_services.attach_council_opinion(
            by=request.user,
            programme=programme,
            file=request.FILES.get("file"),
            given_on=request.data.get("given_on"),
        )
        return Response(s.ProgrammeSerializer(updated, context=context(request)).data)
