"""Thin API views of the grants app: find, call a service or a selector, serialise.

Transitions (publish, close_offers, score, publish_results, cancel; submit, accept_formally,
reject_formally, grant, refuse_grant) go through /api/v1/workflows/<kind>/<id>/transitions/.
"""

import csv
import io

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from consultations.models import Programme, TaskArea
from consultations.parsing import parse_date, parse_moment
from workflows.accounts.models import Organisation
from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound, NotPermitted
from workflows.parsing import require_id, require_int

from . import flows, selectors, services, statistics
from .models import Competition, Offer, OfferState, OperationalProgramme, TaskForm
from .rules import scores_offers

TAG = ["grants"]
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}
REGISTER_FIELDS = [
    "id",
    "competition_id",
    "competition",
    "task_area",
    "form",
    "organisation",
    "krs",
    "partners",
    "offer",
    "requested",
    "score",
    "granted",
    "state",
    "reason",
    "results_published_at",
]


class CriterionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    weight = serializers.IntegerField()
    max_points = serializers.IntegerField()


class CompetitionSerializer(serializers.ModelSerializer):
    task_area = serializers.CharField(source="task_area.__str__")

    class Meta:
        model = Competition
        fields = [
            "id",
            "title",
            "task_area",
            "programme",
            "form",
            "funds",
            "min_grant",
            "max_grant",
            "own_contribution_percent",
            "own_financial_percent",
            "own_personal_percent",
            "several_offers_allowed",
            "correction_days",
            "operational_programme",
            "carried_out_from",
            "carried_out_to",
            "offers_deadline",
            "published_at",
            "results_published_at",
            "state",
        ]


class CompetitionDetailSerializer(CompetitionSerializer):
    criteria = CriterionSerializer(many=True)

    class Meta(CompetitionSerializer.Meta):
        fields = [*CompetitionSerializer.Meta.fields, "rules", "criteria"]


class OfferSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    requested = serializers.DecimalField(max_digits=14, decimal_places=2, default=None)
    own = serializers.DecimalField(max_digits=14, decimal_places=2, default=None)

    class Meta:
        model = Offer
        fields = [
            "id",
            "competition",
            "organisation",
            "title",
            "state",
            "submitted_at",
            "requested",
            "own",
            "score",
            "granted",
            "decision_reason",
        ]

    def to_representation(self, offer):
        data = super().to_representation(offer)
        if not self.context.get("scores_visible"):
            data["score"] = None
        return data


class CostLineSerializer(serializers.Serializer):
    name = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2)
    unit_cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    from_grant = serializers.DecimalField(max_digits=14, decimal_places=2)
    from_own = serializers.DecimalField(max_digits=14, decimal_places=2)
    from_personal = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


class OfferDetailSerializer(OfferSerializer):
    cost_lines = CostLineSerializer(many=True)
    partners = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    problems = serializers.SerializerMethodField(
        help_text="what still stands between a draft (or an offer to correct) and submission"
    )

    def get_problems(self, offer) -> list[str]:
        if offer.state not in (OfferState.DRAFT, OfferState.TO_CORRECT):
            return []
        return [str(p) for p in flows.cost_problems(offer)]

    class Meta(OfferSerializer.Meta):
        fields = [
            *OfferSerializer.Meta.fields,
            "description",
            "schedule",
            "resources",
            "starts_on",
            "ends_on",
            "partners",
            "corrections",
            "correction_deadline",
            "problems",
            "cost_lines",
        ]


class CriterionInput(serializers.Serializer):
    name = serializers.CharField()
    weight = serializers.IntegerField(help_text="percent; the weights add up to 100")
    max_points = serializers.IntegerField(default=10)


class CompetitionInput(serializers.Serializer):
    task_area = serializers.IntegerField()
    programme = serializers.IntegerField(required=False)
    title = serializers.CharField()
    form = serializers.ChoiceField(choices=TaskForm.choices)
    funds = serializers.DecimalField(max_digits=14, decimal_places=2)
    rules = serializers.CharField()
    carried_out_from = serializers.DateField()
    carried_out_to = serializers.DateField()
    offers_deadline = serializers.DateTimeField()
    min_grant = serializers.DecimalField(max_digits=14, decimal_places=2)
    max_grant = serializers.DecimalField(max_digits=14, decimal_places=2)
    own_contribution_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    own_financial_percent = serializers.DecimalField(max_digits=5, decimal_places=2, default=0)
    own_personal_percent = serializers.DecimalField(max_digits=5, decimal_places=2, default=0)
    correction_days = serializers.IntegerField(default=7)
    operational_programme = serializers.IntegerField(required=False)
    several_offers_allowed = serializers.BooleanField(default=False)
    criteria = CriterionInput(many=True)


class CostLineInput(serializers.Serializer):
    name = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2)
    unit_cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    from_grant = serializers.DecimalField(max_digits=14, decimal_places=2)
    from_own = serializers.DecimalField(max_digits=14, decimal_places=2)
    from_personal = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)


class OfferInput(serializers.Serializer):
    organisation = serializers.IntegerField(help_text="only when starting an offer")
    title = serializers.CharField()
    description = serializers.CharField(required=False)
    schedule = serializers.CharField(required=False)
    resources = serializers.CharField(required=False)
    starts_on = serializers.DateField(required=False, help_text="within the announced period")
    ends_on = serializers.DateField(required=False)
    partners = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="organisation ids of a joint offer's partners; the leader is `organisation`",
    )
    cost_lines = CostLineInput(many=True)


class SeatSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(required=False)
    declared_at = serializers.DateTimeField(required=False)


class CommissionInput(serializers.Serializer):
    person = serializers.IntegerField()


class ScoreInput(serializers.Serializer):
    points = serializers.DictField(
        child=serializers.IntegerField(), help_text="{criterion id: points}"
    )


def request_fields(request) -> dict:
    """The request's fields, or none when the body is not an object (the services then name
    what is missing). Shared by the grants app's APIs."""

    return request.data if isinstance(request.data, dict) else {}


def _competition(pk: int, user) -> Competition:
    return selectors.competition(pk, user)


class CompetitionListView(APIView):
    @extend_schema(tags=TAG, responses={200: CompetitionSerializer(many=True)})
    def get(self, request):
        rows = selectors.competitions(request.user)
        return Response(CompetitionSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG, request=CompetitionInput, responses={201: CompetitionDetailSerializer, **ERRORS}
    )
    def post(self, request):
        if not request.user.has_perm("grants.manage_competition"):
            raise NotPermitted(_("Konkurs ogłasza pracownik urzędu."))
        data = request_fields(request)
        area = TaskArea.objects.filter(pk=require_id(data.get("task_area"), "task_area")).first()
        if area is None:
            raise InvalidInput(_("Nie ma takiego obszaru zadań."), field="task_area")
        programme = None
        if data.get("programme") not in (None, ""):
            programme = Programme.objects.filter(
                pk=require_id(data.get("programme"), "programme")
            ).first()
            if programme is None:
                raise InvalidInput(_("Nie ma takiego programu."), field="programme")
        operational = None
        if data.get("operational_programme") not in (None, ""):
            operational = OperationalProgramme.objects.filter(
                pk=require_id(data.get("operational_programme"), "operational_programme")
            ).first()
            if operational is None:
                raise InvalidInput(
                    _("Nie ma takiego programu operacyjnego."), field="operational_programme"
                )
        competition = services.draft_competition(
            operational_programme=operational,
            by=request.user,
            task_area=area,
            programme=programme,
            title=data.get("title"),
            form=str(data.get("form") or ""),
            funds=data.get("funds"),
            rules=data.get("rules"),
            carried_out_from=parse_date(
                data.get("carried_out_from"), "carried_out_from", required=True
            ),
            carried_out_to=parse_date(data.get("carried_out_to"), "carried_out_to", required=True),
            offers_deadline=parse_moment(data.get("offers_deadline"), "offers_deadline"),
            min_grant=data.get("min_grant"),
            max_grant=data.get("max_grant"),
            own_contribution_percent=data.get("own_contribution_percent", 0),
            own_financial_percent=data.get("own_financial_percent", 0),
            own_personal_percent=data.get("own_personal_percent", 0),
            correction_days=data.get("correction_days", 7),
            several_offers_allowed=data.get("several_offers_allowed") is True,
            criteria=data.get("criteria"),
        )
        return Response(CompetitionDetailSerializer(competition).data, status=201)


class CompetitionDetailView(APIView):
    @extend_schema(tags=TAG, responses={200: CompetitionDetailSerializer, 404: ERROR})
    def get(self, request, pk: int):
        competition = _competition(pk, request.user)
        data = CompetitionDetailSerializer(competition).data
        if competition.results_public:
            data["results"] = OfferSerializer(
                selectors.results(competition), many=True, context={"scores_visible": True}
            ).data
        return Response(data)


class CommissionView(APIView):
    @extend_schema(tags=TAG, request=CommissionInput, responses={201: SeatSerializer, **ERRORS})
    def post(self, request, pk: int):
        if not request.user.has_perm("grants.manage_competition"):
            raise NotPermitted(_("Komisję powołuje pracownik urzędu."))
        competition = _competition(pk, request.user)
        person = (
            get_user_model()
            .objects.filter(pk=require_id(request_fields(request).get("person"), "person"))
            .first()
        )
        if person is None:
            raise InvalidInput(_("Nie ma takiej osoby."), field="person")
        member = services.appoint_member(by=request.user, competition=competition, person=person)
        return Response({"id": member.pk, "person": person.pk}, status=201)


class DeclarationView(APIView):
    @extend_schema(tags=TAG, request=None, responses={200: SeatSerializer, **ERRORS})
    def post(self, request, pk: int):
        if not request.user.is_authenticated:
            raise NotPermitted(_("Zaloguj się, aby wykonać tę czynność."))
        seat = services.sign_declaration(
            by=request.user, competition=_competition(pk, request.user)
        )
        return Response({"id": seat.pk, "declared_at": seat.declared_at})


class OfferListView(APIView):
    @extend_schema(tags=TAG, responses={200: OfferSerializer(many=True), **ERRORS})
    def get(self, request, pk: int):
        competition = _competition(pk, request.user)
        offers = selectors.offers_for_commission(request.user, competition)
        return Response(OfferSerializer(offers, many=True, context={"scores_visible": True}).data)

    @extend_schema(tags=TAG, request=OfferInput, responses={201: OfferDetailSerializer, **ERRORS})
    def post(self, request, pk: int):
        if not request.user.is_authenticated:
            raise NotPermitted(_("Zaloguj się jako przedstawiciel organizacji."))
        competition = _competition(pk, request.user)
        data = request_fields(request)
        organisation = Organisation.objects.filter(
            pk=require_id(data.get("organisation"), "organisation")
        ).first()
        if organisation is None:
            raise InvalidInput(_("Nie ma takiej organizacji."), field="organisation")
        offer = services.start_offer(
            by=request.user,
            competition=competition,
            organisation=organisation,
            cost_lines=data.get("cost_lines"),
            **_offer_text(data),
        )
        return Response(OfferDetailSerializer(selectors.offer(offer.pk, request.user)).data, 201)


class OfferCopyInput(serializers.Serializer):
    offer = serializers.IntegerField(help_text="an earlier offer of my organisation")


class OfferCopyView(APIView):
    """A new draft in this competition from one of my organisation's earlier offers."""

    @extend_schema(
        tags=TAG, request=OfferCopyInput, responses={201: OfferDetailSerializer, **ERRORS}
    )
    def post(self, request, pk: int):
        if not request.user.is_authenticated:
            raise NotPermitted(_("Zaloguj się jako przedstawiciel organizacji."))
        competition = _competition(pk, request.user)
        source = selectors.offer(
            require_id(request_fields(request).get("offer"), "offer"), request.user
        )
        offer = services.copy_offer(by=request.user, source=source, competition=competition)
        return Response(OfferDetailSerializer(selectors.offer(offer.pk, request.user)).data, 201)


def _offer_text(data: dict) -> dict:
    fields = ("title", "description", "schedule", "resources", "starts_on", "ends_on", "partners")
    return {k: data.get(k) for k in fields}


class OfferDetailView(APIView):
    @extend_schema(tags=TAG, responses={200: OfferDetailSerializer, 404: ERROR})
    def get(self, request, pk: int):
        offer = selectors.offer(pk, request.user)
        visible = selectors.can_see_scores(request.user, offer.competition)
        return Response(OfferDetailSerializer(offer, context={"scores_visible": visible}).data)

    @extend_schema(tags=TAG, request=OfferInput, responses={200: OfferDetailSerializer, **ERRORS})
    def put(self, request, pk: int):
        offer = selectors.offer(pk, request.user)
        data = request_fields(request)
        services.update_offer(
            by=request.user, offer=offer, cost_lines=data.get("cost_lines"), **_offer_text(data)
        )  # partners absent (None): kept as they are
        return Response(OfferDetailSerializer(selectors.offer(pk, request.user)).data)


class ScoreView(APIView):
    write_guard = scores_offers

    def permission_object(self):
        offer = Offer.objects.select_related("competition").filter(pk=self.kwargs["pk"]).first()
        if offer is None or offer.state == "draft":
            raise NotFound(_("Nie ma takiej oferty."))
        return offer

    @extend_schema(tags=TAG, request=ScoreInput, responses={200: ScoreInput, **ERRORS})
    def post(self, request, pk: int):
        offer = self.permission_object()
        scores = services.score_offer(
            by=request.user, offer=offer, points=request_fields(request).get("points")
        )
        return Response({"points": {str(s.criterion_id): s.points for s in scores}})


class RegisterView(APIView):
    """The open-data register of a year's grants, as JSON or CSV."""

    @extend_schema(
        tags=TAG,
        parameters=[
            # The URL's own regex: four digits, and the format spelled out (not `^csv|json$`).
            OpenApiParameter("year", {"type": "integer", "minimum": 2000, "maximum": 2100}, "path"),
            OpenApiParameter("fmt", str, "path", enum=["csv", "json"]),
        ],
        responses={200: None, 400: ERROR, 404: ERROR},
    )
    def get(self, request, year, fmt: str):
        rows = selectors.register(require_int(year, "year", low=2000, high=2100))
        if fmt == "json":
            return Response([{k: _plain(v) for k, v in row.items()} for row in rows])
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=REGISTER_FIELDS)
        writer.writeheader()
        writer.writerows({k: _plain(v) for k, v in row.items()} for row in rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="dotacje-{year}.csv"'
        return response


def _plain(value):
    return "" if value is None else str(value) if not isinstance(value, int | str) else value


class StatisticsRowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    task_area = serializers.IntegerField(help_text="the task area's number (0 in totals)")
    task_area_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=list(statistics.KINDS))
    competitions = serializers.IntegerField()
    offers = serializers.IntegerField(help_text="offers, small-grant offers or applications")
    funded = serializers.IntegerField()
    requested = serializers.DecimalField(max_digits=14, decimal_places=2)
    granted = serializers.DecimalField(max_digits=14, decimal_places=2)


class StatisticsSerializer(serializers.Serializer):
    rows = StatisticsRowSerializer(many=True)
    totals = StatisticsRowSerializer(many=True)


class StatisticsView(APIView):
    """Statistics per year, task area and kind (form of the competition's task, small
    grants, local initiatives); public figures only."""

    @extend_schema(
        tags=TAG,
        parameters=[
            OpenApiParameter("year", {"type": "integer", "minimum": 2000, "maximum": 2100})
        ],
        responses={200: StatisticsSerializer, 400: ERROR},
    )
    def get(self, request):
        value = request.query_params.get("year") or None
        year = None if value is None else require_int(value, "year", low=2000, high=2100)
        found = statistics.rows(year)
        return Response(
            {
                "rows": StatisticsRowSerializer(found, many=True).data,
                "totals": StatisticsRowSerializer(statistics.totals(found), many=True).data,
            }
        )
