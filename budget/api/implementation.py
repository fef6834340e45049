"""Implementation tracking over the API: public list, staff/unit updates."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors
from ..models import Proposal
from ..services import implementation as services
from .common import ERRORS, Pages, body, found

IMPLEMENTATION_OUT = inline_serializer(
    "ImplementationOut",
    fields={
        "proposal": serializers.IntegerField(),
        "title": serializers.CharField(),
        "pool": serializers.CharField(),
        "district": serializers.IntegerField(allow_null=True),
        "status": serializers.CharField(),
        "status_label": serializers.CharField(),
        "unit": serializers.CharField(allow_null=True),
        "cost": serializers.DecimalField(max_digits=12, decimal_places=2),
        "actual_cost": serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True),
        "abandon_reason": serializers.CharField(),
        "photos": serializers.ListField(child=serializers.DictField()),
    },
)


def implementation_data(p: Proposal) -> dict:
    impl = getattr(p, "implementation", None)
    return {
        "proposal": p.pk,
        "title": p.title,
        "pool": p.pool.name,
        "district": p.pool.district_id,
        "status": p.state,
        "status_label": p.get_state_display(),
        "unit": impl.unit.name if impl else None,
        "cost": str(p.cost),
        "actual_cost": str(impl.actual_cost) if impl and impl.actual_cost is not None else None,
        "abandon_reason": p.abandon_reason,
        "photos": [{"url": ph.image.url, "alt": ph.alt_text} for ph in impl.photos.all()]
        if impl
        else [],
    }


def _selected(pk):
    return found(selectors.implementations().filter(pk=pk).first(), "projektu w realizacji")


class ImplementationList(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("edition", int), OpenApiParameter("district", str)],
        responses=IMPLEMENTATION_OUT,
        summary="Realizacja wybranych projektów",
    )
    def get(self, request):
        p = request.query_params
        pages = Pages()
        page = pages.paginate_queryset(
            selectors.implementations(edition=p.get("edition"), district=p.get("district")),
            request,
            view=self,
        )
        return pages.get_paginated_response([implementation_data(x) for x in page])


class ImplementationDetail(APIView):
    @extend_schema(
        request=inline_serializer(
            "ImplementationAssignIn", fields={"unit": serializers.IntegerField()}
        ),
        responses={200: IMPLEMENTATION_OUT, **ERRORS},
        summary="Wskaż jednostkę realizującą (pracownik urzędu)",
    )
    def post(self, request, pk: int):
        services.implementation_assign(
            proposal=_selected(pk), by=request.user, unit_id=body(request).get("unit")
        )
        return Response(implementation_data(_selected(pk)))

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
        responses={200: IMPLEMENTATION_OUT, **ERRORS},
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
        return Response(implementation_data(_selected(pk)))


class ImplementationNote(APIView):
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
            alt_text=str(request.data.get("alt_text") or ""),
        )
        return Response(status=201)
