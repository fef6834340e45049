"""Generic workflow API: state, options and history of any workflow object; take a transition."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import diagram
from .describe import describe
from .errors import InvalidInput, NotFound, NotPermitted
from .parsing import body
from .registry import WorkflowKind, get_kind, kinds
from .services import advance
from .transitions import declared, ensure_may_take, label_of

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
        raise NotFound(
            _("Nieznany rodzaj procesu „%(kind_name)s”.") % {"kind_name": kind_name},
            known=sorted(kinds()),
        )
    obj = kind.queryset().filter(pk=pk).first()
    if obj is None or not kind.can_view(user, obj):
        raise NotFound(_("Nie znaleziono obiektu."))
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
        description=(
            "Take a transition. A transition that takes data is documented at its own path "
            "(/workflows/<kind>/{id}/transitions/<name>/) with its input; here the other "
            "fields of the body are that input."
        ),
    )
    def post(self, request, kind: str, pk: int, name: str):
        kind_obj, obj = find_object(kind, pk, request.user)
        if not request.user.is_authenticated:
            raise NotPermitted(_("Zaloguj się, aby wykonać tę czynność."))
        # Whoever may never take it is refused before the body is read (as advance() would).
        ensure_may_take(obj, name, request.user)
        payload = body(request)
        reason = payload.pop("reason", None) or ""
        if "by" in payload:  # the engine's own argument (the actor), never the client's
            raise InvalidInput(_("Nieoczekiwane pola: %(fields)s.") % {"fields": "by"}, field="by")
        if not isinstance(reason, str):
            raise InvalidInput(_("Uzasadnienie musi być tekstem."), field="reason")
        updated = advance(obj, name, by=request.user, reason=reason, **payload)
        return Response(describe(kind_obj, updated, request.user))


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def typed_transition_view(kind: WorkflowKind, name: str, schema: type[serializers.Serializer]):
    """The generic endpoint at one transition's own path, documented with its input schema
    (and the reason, required where the engine requires one)."""

    needs_reason = any(tr.custom.get("reason_required") for tr in declared(kind) if tr.name == name)
    request_body = type(
        f"{_camel(kind.name)}{_camel(name)}",
        (schema,),
        {
            "reason": serializers.CharField(required=needs_reason, allow_blank=not needs_reason),
            "__doc__": schema.__doc__,
        },
    )

    @extend_schema(
        request=request_body,
        responses={200: WORKFLOW_STATE, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
        summary=str(label_of(next(tr for tr in declared(kind) if tr.name == name))),
        operation_id=f"workflows_{kind.name}_{name}",
    )
    def post(self, request, **kwargs):  # its own function: extend_schema marks the function
        return TransitionView.post(self, request, **kwargs)

    view = type(f"{_camel(kind.name)}{_camel(name)}View", (TransitionView,), {"post": post})
    return view.as_view()


class WorkflowGraphView(APIView):
    @extend_schema(responses={(200, "text/plain"): OpenApiResponse(OpenApiTypes.STR), 404: ERROR})
    def get(self, request, kind: str):
        kind_obj = get_kind(kind)
        if kind_obj is None:
            raise NotFound(
                _("Nieznany rodzaj procesu „%(kind)s”.") % {"kind": kind}, known=sorted(kinds())
            )
        return HttpResponse(diagram.mermaid(kind_obj), content_type="text/plain; charset=utf-8")
