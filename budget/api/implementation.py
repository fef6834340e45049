"""Implementation tracking over the API: public list, staff/unit updates."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows.accounts.roles import is_council_staff
from workflows.pagination import Pages
from workflows.parsers import FormParser, JSONParser, MultiPartParser
from workflows.parsing import body, strict_query
from workflows.schema import AREA, ID

from .. import annex, rules, selectors
from ..models import Proposal
from ..services import implementation as services
from . import serializers as s
from .common import ERRORS, area, found


def _out(proposal: Proposal, request) -> dict:
    return s.ImplementationOut(proposal, context={"request": request}).data


def _selected(pk):
    return found(selectors.implementations().filter(pk=pk).first(), "projektu w realizacji")


class ImplementationList(APIView):
    pagination_class = Pages

    @extend_schema(
        parameters=[
            OpenApiParameter("edition", ID),
            OpenApiParameter("district", AREA, description="id dzielnicy lub „city”"),
        ],
        responses={200: s.ImplementationOut(many=True), 400: ERRORS[400]},
        summary="Realizacja wybranych projektów",
    )
    def get(self, request):
        strict_query(request.query_params, {"edition", "district", "limit", "offset"})
        pages = self.pagination_class()
        page = pages.paginate_queryset(
            selectors.implementations(**area(request.query_params)),
            request,
            view=self,
        )
        return pages.get_paginated_response(
            s.ImplementationOut(page, many=True, context={"request": request}).data
        )


class ImplementationDetail(APIView):
    write_guard = {"post": rules.assigns_implementers, "patch": rules.implements}

    def permission_object(self):
        return _selected(self.kwargs["pk"])

    @extend_schema(
        request=inline_serializer(
            "ImplementationAssignIn", fields={"unit": serializers.IntegerField()}
        ),
        responses={200: s.ImplementationOut, **ERRORS},
        summary="Wskaż jednostkę realizującą (pracownik urzędu)",
    )
    def post(self, request, pk: int):
        services.implementation_assign(
            proposal=_selected(pk), by=request.user, unit_id=body(request).get("unit")
        )
        return Response(_out(_selected(pk), request))

    @extend_schema(
        request=inline_serializer(
            "ImplementationUpdateIn",
            fields={
                "actual_cost": serializers.DecimalField(
                    max_digits=12, decimal_places=2, required=False
                ),
                "planned_completion": serializers.DateField(required=False),
            },
        ),
        responses={200: s.ImplementationOut, **ERRORS},
        summary="Koszt i termin realizacji",
    )
    def patch(self, request, pk: int):
        data = body(request)
        services.implementation_update(
            proposal=_selected(pk),
            by=request.user,
            actual_cost=data.get("actual_cost"),
            planned_completion=data.get("planned_completion"),
        )
        return Response(_out(_selected(pk), request))


class ImplementationNote(APIView):
    write_guard = rules.implements

    def permission_object(self):
        return _selected(self.kwargs["pk"])

    @extend_schema(
        request=inline_serializer("NoteIn", fields={"text": serializers.CharField()}),
        responses={201: None, **ERRORS},
        summary="Dodaj opis postępu prac",
    )
    def post(self, request, pk: int):
        services.implementation_add_note(
            proposal=_selected(pk), by=request.user, text=str(body(request).get("text") or "")
        )
        return Response(status=201)


class ImplementationPhoto(APIView):
    write_guard = rules.implements

    def permission_object(self):
        return _selected(self.kwargs["pk"])

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "PhotoIn",
                fields={"image": serializers.ImageField(), "alt_text": serializers.CharField()},
            )
        },
        responses={201: None, **ERRORS},
        summary="Dodaj zdjęcie z realizacji",
    )
    def post(self, request, pk: int):
        services.implementation_add_photo(
            proposal=_selected(pk),
            by=request.user,
            image=request.FILES.get("image"),
            alt_text=str(body(request).get("alt_text") or ""),
        )
        return Response(status=201)


class AnnexProject(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    pool = serializers.CharField(source="pool.name")
    amount = serializers.DecimalField(source="cost", max_digits=12, decimal_places=2)
    budget_resolution_number = serializers.SerializerMethodField()
    budget_resolution_date = serializers.SerializerMethodField()

    def get_budget_resolution_number(self, proposal) -> str:
        implementation = getattr(proposal, "implementation", None)
        return implementation.budget_resolution_number if implementation else ""

    def get_budget_resolution_date(self, proposal) -> str | None:
        implementation = getattr(proposal, "implementation", None)
        day = implementation and implementation.budget_resolution_date
        return day.isoformat() if day else None


class AnnexGroup(serializers.Serializer):
    unit = serializers.IntegerField(source="unit.pk", allow_null=True, default=None)
    unit_name = serializers.CharField(source="unit.name", allow_null=True, default=None)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    projects = AnnexProject(many=True)


def _annex_edition(pk, user):
    from budget.results.selectors import visible_run

    qs = selectors.editions() if is_council_staff(user) else selectors.public_editions()
    edition = found(qs.filter(pk=pk).first(), "edycji")
    visible_run(edition, user)
    return edition


class BudgetAnnex(APIView):
    @extend_schema(
        responses={200: AnnexGroup(many=True), 404: ERRORS[404], 409: ERRORS[409]},
        summary="Załącznik do uchwały budżetowej: wybrane projekty według jednostek realizujących",
        description="Po ogłoszeniu wyników (i ich zmianach); jednostka null: jeszcze nie "
        "wskazana. CSV: /budzet/<rok>/zalacznik-budzetowy.csv.",
    )
    def get(self, request, pk: int):
        edition = _annex_edition(pk, request.user)
        return Response(AnnexGroup(annex.annex(edition), many=True).data)


class BudgetResolution(APIView):
    write_guard = rules.records_budget_resolutions

    @extend_schema(
        request=inline_serializer(
            "BudgetResolutionIn",
            fields={
                "resolution_number": serializers.CharField(),
                "resolution_date": serializers.DateField(),
            },
        ),
        responses={200: AnnexGroup(many=True), **ERRORS},
        summary="Odnotuj uchwałę budżetową obejmującą wybrane projekty (pracownik urzędu)",
    )
    def post(self, request, pk: int):
        edition = _annex_edition(pk, request.user)
        data = body(request)
        services.implementation_record_budget_resolution(
            edition=edition,
            by=request.user,
            resolution_number=data.get("resolution_number"),
            resolution_date=data.get("resolution_date"),
        )
        return Response(AnnexGroup(annex.annex(edition), many=True).data)
