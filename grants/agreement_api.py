"""API of agreements, change requests and reports. Transitions go through
/api/v1/workflows/<kind>/<id>/transitions/: grant_agreement (sign, settle, terminate),
agreement_change (approve, refuse), task_report (submit, accept, send_back)."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations.parsing import parse_date
from workflows.api import ERROR
from workflows.errors import NotFound
from workflows.parsing import require_int, strict_query

from . import agreement_selectors as selectors
from . import agreement_services as services
from .agreements import Agreement, AgreementState, TaskReport
from .api import CostLineInput, CostLineSerializer, _plain, request_fields
from .models import Offer

TAG = ["grants"]
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


class AgreementTrancheSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    transferred_on = serializers.DateField(allow_null=True)


class AgreementAnnexSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    signed_on = serializers.DateField()
    summary = serializers.CharField()


class AgreementChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    justification = serializers.CharField()
    new_starts_on = serializers.DateField(allow_null=True)
    new_ends_on = serializers.DateField(allow_null=True)
    new_schedule = serializers.CharField()
    new_cost_lines = serializers.JSONField(allow_null=True)
    decided_on = serializers.DateField(allow_null=True)
    decision_reason = serializers.CharField()


class TaskReportLineSerializer(serializers.Serializer):
    cost_line = serializers.IntegerField(source="cost_line_id")
    spent_grant = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent_own = serializers.DecimalField(max_digits=14, decimal_places=2)


class TaskReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agreement = serializers.IntegerField(source="agreement_id")
    final = serializers.BooleanField()
    state = serializers.CharField()
    achieved = serializers.CharField()
    beneficiaries = serializers.IntegerField()
    due_on = serializers.DateField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    decision_reason = serializers.CharField()
    lines = TaskReportLineSerializer(many=True)


class AgreementCostLineSerializer(CostLineSerializer):
    id = serializers.IntegerField()


class AgreementSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    competition = serializers.IntegerField(source="offer.competition_id")

    class Meta:
        model = Agreement
        fields = [
            "id",
            "number",
            "offer",
            "competition",
            "organisation",
            "amount",
            "starts_on",
            "ends_on",
            "signed_on",
            "report_due",
            "partial_report_due",
            "return_due",
            "used",
            "to_return",
            "returned",
            "returned_on",
            "settled_on",
            "state",
        ]


class AgreementDetailSerializer(AgreementSerializer):
    tranches = AgreementTrancheSerializer(many=True)
    cost_lines = AgreementCostLineSerializer(many=True)
    annexes = AgreementAnnexSerializer(many=True)
    changes = AgreementChangeSerializer(many=True)
    reports = TaskReportSerializer(many=True)

    class Meta(AgreementSerializer.Meta):
        fields = [
            *AgreementSerializer.Meta.fields,
            "schedule",
            "termination_reason",
            "tranches",
            "cost_lines",
            "annexes",
            "changes",
            "reports",
        ]


class AgreementTrancheInput(serializers.Serializer):
    year = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class AgreementInput(serializers.Serializer):
    offer = serializers.IntegerField()
    number = serializers.CharField()
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    report_due = serializers.DateField(required=False, help_text="default: 30 days after the end")
    partial_report_due = serializers.DateField(required=False)
    tranches = AgreementTrancheInput(
        many=True, required=False, help_text="default: all in the first year"
    )


class AgreementEstimateInput(serializers.Serializer):
    schedule = serializers.CharField(required=False)
    cost_lines = CostLineInput(many=True)


class AgreementTranchesInput(serializers.Serializer):
    tranches = AgreementTrancheInput(many=True)


class TrancheTransferInput(serializers.Serializer):
    tranche = serializers.IntegerField()
    transferred_on = serializers.DateField(required=False, help_text="default: today")


class GrantReturnInput(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    returned_on = serializers.DateField(required=False, help_text="default: today")


class AgreementChangeInput(serializers.Serializer):
    justification = serializers.CharField()
    new_starts_on = serializers.DateField(required=False)
    new_ends_on = serializers.DateField(required=False)
    new_schedule = serializers.CharField(required=False)
    cost_lines = CostLineInput(many=True, required=False)


class TaskReportLineInput(serializers.Serializer):
    cost_line = serializers.IntegerField()
    spent_grant = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent_own = serializers.DecimalField(max_digits=14, decimal_places=2)


class TaskReportInput(serializers.Serializer):
    final = serializers.BooleanField(default=True, help_text="only when writing a new report")
    achieved = serializers.CharField()
    beneficiaries = serializers.IntegerField()
    lines = TaskReportLineInput(many=True)


def _date(data: dict, field: str):
    value = data.get(field)
    return None if value in (None, "") else parse_date(value, field, required=True)


def _detail(pk: int, user):
    return AgreementDetailSerializer(selectors.agreement(pk, user)).data


def _agreement(pk: int) -> Agreement:
    # The guard decides who may write: a stranger is refused (403) even a draft's write.
    found = Agreement.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Nie ma takiej umowy."))
    return found


class _AgreementWrite(APIView):
    """A write on the URL's agreement, guarded before the body is read."""

    def permission_object(self):
        return _agreement(self.kwargs["pk"])


class AgreementListView(APIView):
    write_guard = staticmethod(services.require_staff)

    @extend_schema(
        tags=TAG,
        parameters=[
            OpenApiParameter("state", str, enum=AgreementState.values),
            OpenApiParameter("year", {"type": "integer", "minimum": 2000, "maximum": 2100}),
            OpenApiParameter("organisation", {"type": "string", "minLength": 1, "maxLength": 100}),
            OpenApiParameter("late", bool, description="only those with a report submitted late"),
        ],
        responses={200: AgreementSerializer(many=True), 400: ERROR},
    )
    def get(self, request):
        strict_query(request.query_params, selectors.FILTERS)
        rows = selectors.agreements(request.user, request.query_params)
        return Response(AgreementSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG, request=AgreementInput, responses={201: AgreementDetailSerializer, **ERRORS}
    )
    def post(self, request):
        data = request_fields(request)
        offer = (
            Offer.objects.select_related("competition")
            .filter(pk=require_int(data.get("offer"), "offer", low=1))
            .first()
        )
        if offer is None:
            raise NotFound(_("Nie ma takiej oferty."))
        agreement = services.draft_agreement(
            by=request.user,
            offer=offer,
            number=data.get("number"),
            starts_on=_date(data, "starts_on"),
            ends_on=_date(data, "ends_on"),
            report_due=_date(data, "report_due"),
            partial_report_due=_date(data, "partial_report_due"),
            tranches=data.get("tranches"),
        )
        return Response(_detail(agreement.pk, request.user), status=201)


class AgreementDetailView(APIView):
    @extend_schema(tags=TAG, responses={200: AgreementDetailSerializer, 404: ERROR})
    def get(self, request, pk: int):
        return Response(_detail(pk, request.user))


class EstimateView(_AgreementWrite):
    write_guard = staticmethod(services.require_organisation)

    @extend_schema(
        tags=TAG,
        request=AgreementEstimateInput,
        responses={200: AgreementDetailSerializer, **ERRORS},
    )
    def put(self, request, pk: int):
        data = request_fields(request)
        services.update_estimate(
            by=request.user,
            agreement=self.permission_object(),
            cost_lines=data.get("cost_lines"),
            schedule=data.get("schedule", ""),
        )
        return Response(_detail(pk, request.user))


class TranchesView(_AgreementWrite):
    write_guard = staticmethod(services.require_staff)

    @extend_schema(
        tags=TAG,
        request=AgreementTranchesInput,
        responses={200: AgreementDetailSerializer, **ERRORS},
    )
    def put(self, request, pk: int):
        services.set_tranches(
            by=request.user,
            agreement=self.permission_object(),
            tranches=request_fields(request).get("tranches"),
        )
        return Response(_detail(pk, request.user))


class TransferView(_AgreementWrite):
    write_guard = staticmethod(services.require_staff)

    @extend_schema(
        tags=TAG,
        request=TrancheTransferInput,
        responses={200: AgreementTrancheSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        data = request_fields(request)
        tranche = services.record_transfer(
            by=request.user,
            agreement=self.permission_object(),
            tranche=data.get("tranche"),
            transferred_on=data.get("transferred_on"),
        )
        return Response(AgreementTrancheSerializer(tranche).data)


class ReturnView(_AgreementWrite):
    write_guard = staticmethod(services.require_staff)

    @extend_schema(
        tags=TAG, request=GrantReturnInput, responses={200: AgreementDetailSerializer, **ERRORS}
    )
    def post(self, request, pk: int):
        data = request_fields(request)
        services.record_return(
            by=request.user,
            agreement=self.permission_object(),
            amount=data.get("amount"),
            returned_on=data.get("returned_on"),
        )
        return Response(_detail(pk, request.user))


class ChangeListView(_AgreementWrite):
    write_guard = staticmethod(services.require_organisation)

    @extend_schema(
        tags=TAG, request=AgreementChangeInput, responses={201: AgreementChangeSerializer, **ERRORS}
    )
    def post(self, request, pk: int):
        data = request_fields(request)
        change = services.request_change(
            by=request.user,
            agreement=self.permission_object(),
            justification=data.get("justification"),
            new_starts_on=data.get("new_starts_on"),
            new_ends_on=data.get("new_ends_on"),
            new_schedule=data.get("new_schedule", ""),
            cost_lines=data.get("cost_lines"),
        )
        return Response(AgreementChangeSerializer(change).data, status=201)


class ReportListView(_AgreementWrite):
    write_guard = staticmethod(services.require_organisation)

    @extend_schema(
        tags=TAG, request=TaskReportInput, responses={201: TaskReportSerializer, **ERRORS}
    )
    def post(self, request, pk: int):
        data = request_fields(request)
        report = services.write_report(
            by=request.user,
            agreement=self.permission_object(),
            final=data.get("final", True) is not False,
            achieved=data.get("achieved"),
            beneficiaries=data.get("beneficiaries"),
            lines=data.get("lines"),
        )
        return Response(TaskReportSerializer(selectors.report(report.pk, request.user)).data, 201)


class ReportDetailView(APIView):
    def permission_object(self):
        report = TaskReport.objects.select_related("agreement").filter(pk=self.kwargs["pk"])
        if not report.exists():
            raise NotFound(_("Nie ma takiego sprawozdania."))
        return report.get().agreement

    write_guard = staticmethod(services.require_organisation)

    @extend_schema(tags=TAG, responses={200: TaskReportSerializer, 404: ERROR})
    def get(self, request, pk: int):
        return Response(TaskReportSerializer(selectors.report(pk, request.user)).data)

    @extend_schema(
        tags=TAG, request=TaskReportInput, responses={200: TaskReportSerializer, **ERRORS}
    )
    def put(self, request, pk: int):
        data = request_fields(request)
        services.update_report(
            by=request.user,
            report=selectors.report(pk, request.user),
            achieved=data.get("achieved"),
            beneficiaries=data.get("beneficiaries"),
            lines=data.get("lines"),
        )
        return Response(TaskReportSerializer(selectors.report(pk, request.user)).data)


class RegisterView(APIView):
    """The open-data register of the agreements signed in a year, with their annexes,
    reports and settlements, as JSON or CSV."""

    @extend_schema(
        tags=TAG,
        parameters=[
            OpenApiParameter("year", {"type": "integer", "minimum": 2000, "maximum": 2100}, "path"),
            OpenApiParameter("fmt", str, "path", enum=["csv", "json"]),
        ],
        responses={200: None, 400: ERROR, 404: ERROR},
    )
    def get(self, request, year, fmt: str):
        rows = selectors.register(require_int(year, "year", low=2000, high=2100))
        plain = [{k: _plain(row.get(k)) for k in selectors.REGISTER_FIELDS} for row in rows]
        if fmt == "json":
            return Response(plain)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=selectors.REGISTER_FIELDS)
        writer.writeheader()
        writer.writerows(plain)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="umowy-dotacji-{year}.csv"'
        return response
