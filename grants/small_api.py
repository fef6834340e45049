"""API of small grants (art. 19a). Transitions (publish, close_comments, grant, refuse) go
through /api/v1/workflows/small_grant/<id>/transitions/."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations.models import TaskArea
from consultations.parsing import parse_date
from workflows.accounts.models import Organisation
from workflows.api import ERROR
from workflows.errors import InvalidInput, NotPermitted
from workflows.parsing import require_id

from . import selectors, small_services
from .api import request_fields
from .small import SmallGrant

TAG = ["grants"]
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


class SmallGrantSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    task_area = serializers.CharField(source="task_area.__str__")

    class Meta:
        model = SmallGrant
        fields = [
            "id",
            "organisation",
            "task_area",
            "title",
            "description",
            "amount",
            "carried_out_from",
            "carried_out_to",
            "comments_close_at",
            "decided_on",
            "decision_reason",
            "state",
        ]


class SmallGrantInput(serializers.Serializer):
    organisation = serializers.IntegerField()
    task_area = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    carried_out_from = serializers.DateField()
    carried_out_to = serializers.DateField()


class SmallGrantCommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField()
    sender = serializers.CharField(required=False, help_text="Only staff: a remark sent by post")
    created_at = serializers.DateTimeField(read_only=True)


class SmallGrantDetailSerializer(SmallGrantSerializer):
    comments = SmallGrantCommentSerializer(many=True)

    class Meta(SmallGrantSerializer.Meta):
        fields = [*SmallGrantSerializer.Meta.fields, "comments"]


class SmallGrantListView(APIView):
    @extend_schema(tags=TAG, responses={200: SmallGrantSerializer(many=True)})
    def get(self, request):
        return Response(SmallGrantSerializer(selectors.small_grants(request.user), many=True).data)

    @extend_schema(
        tags=TAG, request=SmallGrantInput, responses={201: SmallGrantSerializer, **ERRORS}
    )
    def post(self, request):
        if not request.user.is_authenticated:
            raise NotPermitted(_("Zaloguj się jako przedstawiciel organizacji."))
        data = request_fields(request)
        organisation = Organisation.objects.filter(
            pk=require_id(data.get("organisation"), "organisation")
        ).first()
        area = TaskArea.objects.filter(pk=require_id(data.get("task_area"), "task_area")).first()
        if organisation is None or area is None:
            field = "organisation" if organisation is None else "task_area"
            raise InvalidInput(_("Nie ma takiej organizacji lub obszaru zadań."), field=field)
        grant = small_services.offer_small_grant(
            by=request.user,
            organisation=organisation,
            task_area=area,
            title=data.get("title"),
            description=data.get("description"),
            amount=data.get("amount"),
            carried_out_from=parse_date(
                data.get("carried_out_from"), "carried_out_from", required=True
            ),
            carried_out_to=parse_date(data.get("carried_out_to"), "carried_out_to", required=True),
        )
        return Response(SmallGrantSerializer(grant).data, status=201)


class SmallGrantDetailView(APIView):
    @extend_schema(tags=TAG, responses={200: SmallGrantDetailSerializer, 404: ERROR})
    def get(self, request, pk: int):
        return Response(SmallGrantDetailSerializer(selectors.small_grant(pk, request.user)).data)


class CommentView(APIView):
    @extend_schema(
        tags=TAG,
        request=SmallGrantCommentSerializer,
        responses={201: SmallGrantCommentSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        data = request_fields(request)
        remark = small_services.comment(
            by=request.user,
            grant=selectors.small_grant(pk, request.user),
            text=data.get("text"),
            sender=data.get("sender"),
        )
        return Response(SmallGrantCommentSerializer(remark).data, status=201)
