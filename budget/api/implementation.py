"""Implementation tracking over the API: public list, staff/unit updates."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors
from ..models import Proposal
from ..services import implementation as services
from . import serializers as s
from .common import ERRORS, Pages, area, body, found


def _out(proposal: Proposal, request) -> dict:
    return s.ImplementationOut(proposal, context={"request": request}).data


def _selected(pk):
    return found(selectors.implementations().filter(pk=pk).first(), "projektu w realizacji")


class ImplementationList(APIView):
    pagination_class = Pages

    @extend_schema(
        parameters=[
            OpenApiParameter("edition", int),
            OpenApiParameter("district", str, description="id dzielnicy lub „city”"),
        ],
        responses={200: s.ImplementationOut(many=True), 400: ERRORS[400]},
        summary="Realizacja wybranych projektów",
    )
    def get(self, request):
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
