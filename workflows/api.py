"""Generic workflow API: state, options and history of any workflow object; take a transition."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import diagram
from .describe import describe
from .errors import InvalidInput, NotFound, NotPermitted
from .registry import get_kind, kinds
from .services import advance

ERROR = inline_serializer(
    "Error",
    fields={
        "error": inline_serializer(
            "ErrorBody",
            fields={
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "details": serializers.DictField(),
            },
        )
    },
)

WORKFLOW_STATE = inline_serializer(
    "WorkflowState",
    fields={
        "kind": serializers.CharField(),
        "id": serializers.IntegerField(),
        "label": serializers.CharField(),
        "state": serializers.CharField(),
        "state_label": serializers.CharField(),
        "available": serializers.ListField(child=serializers.DictField()),
        "unavailable": serializers.ListField(child=serializers.DictField()),
        "history": serializers.ListField(child=serializers.DictField()),
    },
)


def find_object(kind_name: str, pk, user):
    kind = get_kind(kind_name)
    if kind is None:
        raise NotFound(f"Nieznany rodzaj procesu „{kind_name}”.", known=sorted(kinds()))
    obj = kind.queryset().filter(pk=pk).first()
    if obj is None or not kind.can_view(user, obj):
        raise NotFound("Nie znaleziono obiektu.")
    return kind, obj


class WorkflowKindsView(APIView):
    @extend_schema(
        responses=inline_serializer(
            "WorkflowKind",
            fields={"kind": serializers.CharField(), "label": serializers.CharField()},
            many=True,
        )
    )
    def get(self, request):
        return Response(
            [
                {"kind": name, "label": str(kind.label or name)}
                for name, kind in sorted(kinds().items())
            ]
        )


class WorkflowDetailView(APIView):
    @extend_schema(responses={200: WORKFLOW_STATE, 404: ERROR})
    def get(self, request, kind: str, pk: int):
        kind_obj, obj = find_object(kind, pk, request.user)
        return Response(describe(kind_obj, obj, request.user))


class TransitionView(APIView):
    @extend_schema(
        request=inline_serializer(
            "TransitionRequest",
            fields={"reason": serializers.CharField(required=False, allow_blank=True)},
        ),
        responses={200: WORKFLOW_STATE, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
        description="Take a transition. Extra fields in the body are the transition's payload.",
    )
    def post(self, request, kind: str, pk: int, name: str):
        kind_obj, obj = find_object(kind, pk, request.user)
        if not request.user.is_authenticated:
            raise NotPermitted("Zaloguj się, aby wykonać tę czynność.")
        body = request.data if isinstance(request.data, dict) else {}
        payload = {k: v for k, v in body.items() if k != "reason"}
        reason = body.get("reason") or ""
        if not isinstance(reason, str):
            raise InvalidInput("Uzasadnienie musi być tekstem.", field="reason")
        updated = advance(obj, name, by=request.user, reason=reason, **payload)
        return Response(describe(kind_obj, updated, request.user))


class WorkflowGraphView(APIView):
    @extend_schema(responses={(200, "text/plain"): OpenApiResponse(OpenApiTypes.STR), 404: ERROR})
    def get(self, request, kind: str):
        kind_obj = get_kind(kind)
        if kind_obj is None:
            raise NotFound(f"Nieznany rodzaj procesu „{kind}”.", known=sorted(kinds()))
        return HttpResponse(diagram.mermaid(kind_obj), content_type="text/plain; charset=utf-8")
