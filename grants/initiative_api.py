"""API of local initiative (art. 19b–19h). Transitions (assess, accept, reject,
sign_agreement, complete) go through /api/v1/workflows/local_initiative/<id>/transitions/."""

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

from . import initiative_services, selectors
from .api import request_fields
from .initiative import LocalInitiative

TAG = ["grants"]
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}
AMOUNT = {"max_digits": 14, "decimal_places": 2}


class InitiativeSerializer(serializers.ModelSerializer):
    task_area = serializers.CharField(source="task_area.__str__")
    organisation = serializers.CharField(source="organisation.name", default=None)
    residents_contribution = serializers.DecimalField(**AMOUNT)

    class Meta:
        model = LocalInitiative
        fields = [
            "id",
            "task_area",
            "organisation",
            "group_name",
            "title",
            "description",
            "place",
            "carried_out_from",
            "carried_out_to",
            "work_hours",
            "work_value",
            "in_kind_value",
            "money_value",
            "residents_contribution",
            "city_contribution",
            "score",
            "agreement_number",
            "decision_reason",
            "state",
        ]


class InitiativeInput(serializers.Serializer):
    task_area = serializers.IntegerField()
    organisation = serializers.IntegerField(required=False, help_text="through an organisation")
    group_name = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    place = serializers.CharField()
    carried_out_from = serializers.DateField()
    carried_out_to = serializers.DateField()
    work_hours = serializers.IntegerField(default=0)
    work_value = serializers.DecimalField(**AMOUNT, default=0)
    in_kind_value = serializers.DecimalField(**AMOUNT, default=0)
    money_value = serializers.DecimalField(**AMOUNT, default=0)
    city_contribution = serializers.DecimalField(**AMOUNT)


class AssessmentInput(serializers.Serializer):
    points = serializers.DictField(
        child=serializers.IntegerField(), help_text="{criterion id: points}"
    )


def _found(model, value, field: str):
    found = model.objects.filter(pk=require_id(value, field)).first()
    if found is None:
        raise InvalidInput(_("Nie ma takiego obiektu: %(field)s.") % {"field": field}, field=field)
    return found


class InitiativeListView(APIView):
    @extend_schema(tags=TAG, responses={200: InitiativeSerializer(many=True)})
    def get(self, request):
        return Response(InitiativeSerializer(selectors.initiatives(request.user), many=True).data)

    @extend_schema(
        tags=TAG, request=InitiativeInput, responses={201: InitiativeSerializer, **ERRORS}
    )
    def post(self, request):
        if not request.user.is_authenticated:
            raise NotPermitted(_("Zaloguj się, aby złożyć wniosek."))
        data = request_fields(request)
        organisation = data.get("organisation")
        initiative = initiative_services.apply_for_initiative(
            by=request.user,
            task_area=_found(TaskArea, data.get("task_area"), "task_area"),
            organisation=_found(Organisation, organisation, "organisation")
            if organisation not in (None, "")
            else None,
            carried_out_from=parse_date(
                data.get("carried_out_from"), "carried_out_from", required=True
            ),
            carried_out_to=parse_date(data.get("carried_out_to"), "carried_out_to", required=True),
            **{
                name: data.get(name)
                for name in ("group_name", "title", "description", "place", "city_contribution")
            },
            **{
                name: data[name]
                for name in ("work_hours", *initiative_services.CONTRIBUTIONS)
                if name in data
            },
        )
        return Response(InitiativeSerializer(initiative).data, status=201)


class InitiativeDetailView(APIView):
    @extend_schema(tags=TAG, responses={200: InitiativeSerializer, 404: ERROR})
    def get(self, request, pk: int):
        return Response(InitiativeSerializer(selectors.initiative(pk, request.user)).data)


class AssessmentView(APIView):
    @extend_schema(tags=TAG, request=AssessmentInput, responses={200: AssessmentInput, **ERRORS})
    def post(self, request, pk: int):
        if not request.user.has_perm("grants.manage_initiative"):
            raise NotPermitted(_("Wniosek ocenia pracownik urzędu."))
        rows = initiative_services.assess_initiative(
            by=request.user,
            initiative=selectors.initiative(pk, request.user),
            points=request_fields(request).get("points"),
        )
        return Response({"points": {str(r.criterion_id): r.points for r in rows}})
