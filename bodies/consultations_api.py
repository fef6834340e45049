"""The API of district councils' consultations: the list (in pages, by district), one round
with its comments, and a resident's comment. Opening and closing a round are the engine's
transitions (/api/v1/workflows/district_consultation/{id}/transitions/{name}/)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations.api.suggestions import text_field
from workflows.api import ERROR
from workflows.errors import NotFound
from workflows.pagination import Pages
from workflows.parsing import body, require_id, strict_query
from workflows.schema import ID

from . import consultations, rules, selectors
from .models import DistrictComment

TAG = ["bodies"]


class DistrictCommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.__str__")

    class Meta:
        model = DistrictComment
        fields = ["id", "author", "text", "created_at"]


class DistrictConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")
    district = serializers.IntegerField(source="body.district_id", allow_null=True)
    district_name = serializers.CharField(source="body.district.name", default=None)
    title = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    opened_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField()
    comment_count = serializers.IntegerField()


class DistrictConsultationDetailSerializer(DistrictConsultationSerializer):
    text = serializers.CharField()
    comments = DistrictCommentSerializer(many=True)


class DistrictCommentInput(serializers.Serializer):
    text = serializers.CharField(max_length=consultations.COMMENT_MAX)
    resident = serializers.BooleanField(
        help_text="the author declares they live in the council's district"
    )


def _find(pk, user):
    """A round the person may read (a draft only to its council's officers and staff)."""

    found = selectors.consultations_visible(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Nie ma takich konsultacji."))
    return found


class DistrictConsultationListView(APIView):
    pagination_class = Pages

    @extend_schema(
        tags=TAG,
        parameters=[OpenApiParameter("district", ID, description="id dzielnicy")],
        responses={200: DistrictConsultationSerializer(many=True), 400: ERROR},
    )
    def get(self, request):
        params = request.query_params
        strict_query(params, {"district", "limit", "offset"})
        found = selectors.consultations_visible(request.user)
        if "district" in params:
            found = found.filter(body__district_id=require_id(params["district"], "district"))
        pages = self.pagination_class()
        page = pages.paginate_queryset(found, request, view=self)
        return pages.get_paginated_response(DistrictConsultationSerializer(page, many=True).data)


class DistrictConsultationDetailView(APIView):
    @extend_schema(tags=TAG, responses={200: DistrictConsultationDetailSerializer, 404: ERROR})
    def get(self, request, pk: int):
        comments = DistrictComment.objects.select_related("author")
        consultation = (
            selectors.consultations_visible(request.user)
            .prefetch_related(Prefetch("comments", queryset=comments))
            .filter(pk=pk)
            .first()
        )
        if consultation is None:
            raise NotFound(_("Nie ma takich konsultacji."))
        return Response(DistrictConsultationDetailSerializer(consultation).data)


class DistrictCommentView(APIView):
    # Open to any signed-in person: residence is declared with the comment (the service says
    # why a comment is refused: the round not open, late, no declaration).
    write_guard = rules.comments_in_district

    def permission_object(self):
        return _find(self.kwargs["pk"], self.request.user)

    @extend_schema(
        tags=TAG,
        request=DistrictCommentInput,
        responses={201: DistrictCommentSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def post(self, request, pk: int):
        data = body(request)
        comment = consultations.comment_add(
            by=request.user,
            consultation=self.permission_object(),
            text=text_field(data, "text"),
            resident=data.get("resident"),
        )
        return Response(DistrictCommentSerializer(comment).data, status=201)
