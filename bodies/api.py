"""Thin API views of the bodies app: find, call a service or a selector, serialise."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations.parsing import parse_date
from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound, NotPermitted
from workflows.parsing import require_id
from workflows.schema import ID

from . import selectors, services, targets
from .models import Body, Membership, OpinionRequest

TAG = ["bodies"]
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


class MembershipSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.__str__")
    organisation = serializers.CharField(source="organisation.name", default=None, allow_null=True)

    class Meta:
        model = Membership
        fields = ["id", "person", "organisation", "role", "term_start", "term_end"]


class BodySerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = [
            "id",
            "kind",
            "name",
            "legal_basis",
            "term_start",
            "term_end",
            "district",
            "quorum_percent",
            "majority",
        ]


class BodyDetailSerializer(BodySerializer):
    members = MembershipSerializer(source="memberships", many=True)

    class Meta(BodySerializer.Meta):
        fields = [*BodySerializer.Meta.fields, "members"]


class OpinionSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="content_type.model")

    class Meta:
        model = OpinionRequest
        fields = [
            "id",
            "body",
            "kind",
            "object_id",
            "subject",
            "due_on",
            "state",
            "text",
            "stance",
            "procedure",
            "adopted_on",
            "proposed_wording",
            "proposed_section",
            "late",
            "members_count",
            "present_count",
            "votes_for",
            "votes_against",
            "votes_abstained",
        ]


class OpinionRequestInput(serializers.Serializer):
    body = serializers.IntegerField()
    kind = serializers.CharField(help_text="workflow kind, e.g. programme")
    object_id = serializers.IntegerField()
    subject = serializers.CharField()
    due_on = serializers.DateField()


class BodyListView(APIView):
    @extend_schema(tags=TAG, responses={200: BodySerializer(many=True)})
    def get(self, request):
        return Response(BodySerializer(selectors.bodies(), many=True).data)


class BodyDetailView(APIView):
    @extend_schema(tags=TAG, responses={200: BodyDetailSerializer, 404: ERROR})
    def get(self, request, pk: int):
        try:
            body = selectors.body_detail(pk)
        except Body.DoesNotExist:
            raise NotFound(_("Nie ma takiego organu.")) from None
        return Response(BodyDetailSerializer(body).data)


def _target(kind: str, object_id):
    found = targets.queryset(str(kind or ""))
    if found is None:
        raise InvalidInput(_("Nieznany rodzaj obiektu."), field="kind", allowed=targets.names())
    pk = require_id(object_id, "object_id")
    target = found.filter(pk=pk).first()
    if target is None:
        raise NotFound(_("Nie ma takiego obiektu."))
    return target


class OpinionListView(APIView):
    @extend_schema(
        tags=TAG,
        parameters=[
            OpenApiParameter("kind", str, required=True, description="workflow kind"),
            OpenApiParameter("object_id", ID, required=True),
        ],
        responses={200: OpinionSerializer(many=True), 400: ERROR, 404: ERROR},
    )
    def get(self, request):
        target = _target(request.query_params.get("kind"), request.query_params.get("object_id"))
        opinions = selectors.opinions_on(target).select_related("content_type")
        return Response(OpinionSerializer(opinions, many=True).data)

    @extend_schema(
        tags=TAG, request=OpinionRequestInput, responses={201: OpinionSerializer, **ERRORS}
    )
    def post(self, request):
        # Who may ask comes before what was asked.
        if not request.user.has_perm("bodies.request_opinion"):
            raise NotPermitted(_("O opinię prosi pracownik urzędu."))
        data = request.data if isinstance(request.data, dict) else {}
        body = Body.objects.filter(pk=require_id(data.get("body"), "body")).first()
        if body is None:
            raise InvalidInput(_("Nie ma takiego organu."), field="body")
        opinion = services.request_opinion(
            by=request.user,
            body=body,
            target=_target(data.get("kind"), data.get("object_id")),
            subject=str(data.get("subject") or ""),
            due_on=parse_date(data.get("due_on"), "due_on", required=True),
        )
        return Response(OpinionSerializer(opinion).data, status=201)
