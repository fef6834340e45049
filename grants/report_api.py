"""API of the 31 May report. Transitions (mark_ready, reopen, submit_to_council, publish) go
through /api/v1/workflows/cooperation_report/<id>/transitions/."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations.models import Programme
from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound, NotPermitted
from workflows.parsing import require_id, require_int

from . import operational_services, report_documents, report_selectors, report_services
from .api import request_fields
from .cooperation_report import SECTION_KEYS

TAG = ["grants"]
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}
YEAR = OpenApiParameter("year", {"type": "integer", "minimum": 2000, "maximum": 2100}, "path")
PROGRAM = OpenApiParameter(
    "program", {"type": "integer", "minimum": 1}, description="an operational programme's report"
)


def _report(request, year):
    operational = report_selectors.operational_programme(request.query_params.get("program"))
    return report_selectors.report(require_int(year, "year"), request.user, operational)


class CooperationReportSerializer(serializers.Serializer):
    id = serializers.CharField()
    year = serializers.IntegerField()
    state = serializers.CharField()
    statutory_deadline = serializers.DateField()
    submitted_on = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    generated_at = serializers.DateTimeField()
    figures = serializers.DictField()
    commentary = serializers.DictField(child=serializers.CharField(allow_blank=True))


class CooperationReportInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    operational_programme = serializers.IntegerField(
        required=False, help_text="the report of one operational programme"
    )


class ReportCommentaryInput(serializers.Serializer):
    section = serializers.ChoiceField(choices=SECTION_KEYS)
    text = serializers.CharField(allow_blank=True)


def _typed(data: dict, field: str, kind: type):
    """The JSON value as the schema types it (a year a number, a text a string)."""

    value = data.get(field)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise InvalidInput(_("Pole „%(field)s” ma zły typ.") % {"field": field}, field=field)
    return value


def _require_staff(user) -> None:
    if not user.has_perm("grants.manage_report"):
        raise NotPermitted(_("Sprawozdanie przygotowuje pracownik urzędu."))


class ReportListView(APIView):
    @extend_schema(tags=TAG, responses={200: CooperationReportSerializer(many=True)})
    def get(self, request):
        rows = report_selectors.reports(request.user)
        return Response([report_documents.as_data(r) for r in rows])

    @extend_schema(
        tags=TAG,
        request=CooperationReportInput,
        responses={201: CooperationReportSerializer, **ERRORS},
    )
    def post(self, request):
        _require_staff(request.user)
        data = request_fields(request)
        year = _typed(data, "year", int)
        try:
            operational = report_selectors.operational_programme(data.get("operational_programme"))
        except NotFound as exc:
            raise InvalidInput(exc.message, field="operational_programme") from None
        report = report_services.generate_report(
            by=request.user, year=year, operational_programme=operational
        )
        return Response(report_documents.as_data(report), status=201)


class ReportDetailView(APIView):
    @extend_schema(
        tags=TAG, parameters=[YEAR, PROGRAM], responses={200: CooperationReportSerializer, **ERRORS}
    )
    def get(self, request, year):
        report = _report(request, year)
        return Response(report_documents.as_data(report))


class CommentaryView(APIView):
    @extend_schema(
        tags=TAG,
        parameters=[YEAR, PROGRAM],
        request=ReportCommentaryInput,
        responses={200: CooperationReportSerializer, **ERRORS},
    )
    def post(self, request, year):
        _require_staff(request.user)
        data = request_fields(request)
        report = report_services.comment_section(
            by=request.user,
            report=_report(request, year),
            section=_typed(data, "section", str),
            text=_typed(data, "text", str),
        )
        return Response(report_documents.as_data(report))


class OperationalProgrammeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    programme = serializers.IntegerField(source="programme_id", allow_null=True)
    coordinator = serializers.CharField(source="coordinator.username")
    team = serializers.SerializerMethodField()
    task_areas = serializers.SerializerMethodField()

    def get_team(self, obj) -> list[str]:
        return [u.username for u in obj.team.all()]

    def get_task_areas(self, obj) -> list[int]:
        return [a.number for a in obj.task_areas.all()]


class OperationalProgrammeInput(serializers.Serializer):
    name = serializers.CharField()
    programme = serializers.IntegerField(required=False)
    coordinator = serializers.CharField(help_text="the coordinator's login")
    team = serializers.ListField(child=serializers.CharField(), required=False)
    task_areas = serializers.ListField(child=serializers.IntegerField(), required=False)


class OperationalProgrammeListView(APIView):
    @extend_schema(tags=TAG, responses={200: OperationalProgrammeSerializer(many=True)})
    def get(self, request):
        rows = report_selectors.operational_programmes()
        return Response(OperationalProgrammeSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG,
        request=OperationalProgrammeInput,
        responses={201: OperationalProgrammeSerializer, **ERRORS},
    )
    def post(self, request):
        if not request.user.has_perm("grants.manage_operational_programme"):
            raise NotPermitted(_("Programy operacyjne ustala pracownik urzędu."))
        data = request_fields(request)
        programme = None
        if data.get("programme") not in (None, ""):
            programme = Programme.objects.filter(
                pk=require_id(data.get("programme"), "programme")
            ).first()
            if programme is None:
                raise InvalidInput(_("Nie ma takiego programu."), field="programme")
        made = operational_services.create_operational_programme(
            by=request.user,
            name=data.get("name"),
            coordinator=data.get("coordinator"),
            team=data.get("team") or [],
            task_areas=data.get("task_areas") or [],
            programme=programme,
        )
        return Response(OperationalProgrammeSerializer(made).data, status=201)
