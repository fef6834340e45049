"""Setting up a civic-budget edition over the API: create, change, copy; city units."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from districts.models import City
from workflows.errors import InvalidInput
from workflows.parsing import body, parse_id

from .. import rules, selectors
from ..models import CityUnit, DuplicatePolicy, PoolKind, PoolMode, VoteRule
from ..services import rulebook, setup
from . import serializers as s
from .common import ERRORS, found
from .editions import EditionList, _edition


def city_of(data: dict) -> City:
    """The city named by id or slug; a deployment with one city needs neither."""

    value = data.pop("city", None)
    if value in (None, ""):
        cities = list(City.objects.all()[:2])
        if len(cities) != 1:
            raise InvalidInput(_("Wskaż miasto (pole „city”)."), field="city")
        return cities[0]
    pk = parse_id(value)
    city = City.objects.filter(pk=pk).first() if pk else City.objects.filter(slug=value).first()
    return found(city, "miasta")


# The fields a new edition needs (the rest have defaults and are described below): title,
# year and the total, or title and year with the edition to copy.
EDITION_IN = PolymorphicProxySerializer(
    component_name="EditionIn",
    serializers=[
        inline_serializer(
            "EditionNew",
            fields={
                "title": serializers.CharField(),
                "year": serializers.IntegerField(),
                "total_amount": serializers.CharField(),
                "city": serializers.CharField(required=False),
            },
        ),
        inline_serializer(
            "EditionCopy",
            fields={
                "title": serializers.CharField(),
                "year": serializers.IntegerField(),
                "copy_from": serializers.IntegerField(min_value=1),
            },
        ),
    ],
    resource_type_field_name=None,
)


class EditionCreate(EditionList):
    write_guard = rules.configures_editions

    @extend_schema(
        request=EDITION_IN,
        responses={201: s.EditionOut, **ERRORS},
        summary="Utwórz edycję (pracownik urzędu); z „copy_from” kopia zeszłorocznej",
        description="Pola: title, year, total_amount, city_spending, legal_basis, categories, "
        "vote_rule, max_choices, ordinal_points, max_points, pool_mode, minimum_age, "
        "guardian_under, identification, tie_break, correction_days, "
        "district_council_opinions. Kwoty także z "
        "przecinkiem dziesiętnym. Z copy_from (id edycji) wystarczą year i title.",
    )
    def post(self, request):
        data = dict(body(request))
        source = data.pop("copy_from", None)
        if source not in (None, ""):
            original = _edition(parse_id(source) or 0, request.user)
            edition = setup.edition_copy(
                by=request.user,
                source=original,
                year=data.get("year"),
                title=str(data.get("title") or ""),
            )
        else:
            edition = setup.edition_create(by=request.user, city=city_of(data), data=data)
        return Response(s.EditionOut(_edition(edition.pk, request.user)).data, status=201)


class EditionSettings(APIView):
    write_guard = rules.configures_editions

    @extend_schema(
        # JSON: a multipart body cannot say which settings it leaves out from a malformed one.
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: s.EditionOut, **ERRORS},
        summary="Zmień ustawienia edycji; 409 dla ustalonych przez rozpoczęty etap i dla "
        "zasad głosowania edycji, która ma je w pulach (…/rulebook/)",
    )
    def patch(self, request, pk: int):
        edition = _edition(pk, request.user)
        setup.edition_update(by=request.user, edition=edition, data=dict(body(request)))
        return Response(s.EditionOut(_edition(pk, request.user)).data)


RULE_IN = inline_serializer(
    "RuleIn",
    fields={
        "vote_rule": serializers.ChoiceField(choices=VoteRule.choices),
        # The one its vote_rule reads: k, the points of each place, or P.
        "max_choices": serializers.IntegerField(min_value=1, max_value=100, required=False),
        "ordinal_points": serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=100),
            min_length=1,
            max_length=20,
            required=False,
        ),
        "max_points": serializers.IntegerField(min_value=1, max_value=1000, required=False),
    },
)
RULEBOOK_IN = PolymorphicProxySerializer(
    component_name="RulebookIn",
    serializers=[
        inline_serializer(
            "RulebookRules",
            fields={
                "rules": inline_serializer(
                    "RulesByPoolKind", fields=dict.fromkeys(PoolKind.values, RULE_IN)
                ),
                "pool_mode": serializers.ChoiceField(choices=PoolMode.choices),
                "points_across_pools": serializers.BooleanField(),
                "max_points": serializers.IntegerField(min_value=1, max_value=1000),
                "duplicate_policy": serializers.ChoiceField(choices=DuplicatePolicy.choices),
                "minimum_age": serializers.IntegerField(min_value=0, max_value=120),
                "guardian_under": serializers.IntegerField(min_value=0, max_value=120),
            },
        ),
        inline_serializer("RulebookPreset", fields={"preset": serializers.CharField()}),
    ],
    resource_type_field_name=None,
)


class EditionRulebook(APIView):
    """The one place that sets an edition's ballot rules once it has a rulebook (the
    settings answer 409 for them then): the same service as the page „Zasady głosowania”."""

    write_guard = rules.configures_editions

    @extend_schema(
        responses={200: s.RulebookOut, 404: ERRORS[404]},
        summary="Zasady głosowania edycji: po jednej dla każdego rodzaju puli",
    )
    def get(self, request, pk: int):
        return Response(s.RulebookOut(selectors.rulebook(_edition(pk, request.user))).data)

    @extend_schema(
        request=RULEBOOK_IN,
        responses={200: s.RulebookOut, **ERRORS},
        summary="Ustaw zasady głosowania (pracownik urzędu), także z zasad miasta („preset”); "
        "409 po otwarciu głosowania",
    )
    def put(self, request, pk: int):
        data = dict(body(request))
        if data.get("preset") not in (None, ""):
            rulebook.rulebook_apply_preset(edition_id=pk, by=request.user, preset=data["preset"])
        else:
            rulebook.rulebook_save(edition_id=pk, by=request.user, data=data)
        return Response(s.RulebookOut(selectors.rulebook(_edition(pk, request.user))).data)


UNIT_IN = inline_serializer(
    "UnitIn",
    fields={
        "name": serializers.CharField(),
        "short_name": serializers.CharField(required=False, allow_blank=True),
        "verifiers": serializers.ListField(child=serializers.IntegerField(), required=False),
    },
)


class UnitCreate(APIView):
    write_guard = rules.configures_editions

    @extend_schema(responses=s.UnitOut(many=True), summary="Jednostki miejskie")
    def get(self, request):
        return Response(s.UnitOut(CityUnit.objects.all(), many=True).data)

    @extend_schema(request=UNIT_IN, responses={201: s.UnitSetupOut, **ERRORS})
    def post(self, request):
        data = body(request)
        unit = setup.unit_save(
            by=request.user,
            name=data.get("name"),
            short_name=data.get("short_name", ""),
            verifiers=data.get("verifiers", []),
        )
        return Response(s.UnitSetupOut(unit).data, status=201)


class UnitDetail(APIView):
    write_guard = rules.configures_editions

    @extend_schema(
        request=UNIT_IN, responses={200: s.UnitSetupOut, **ERRORS}, summary="Zmień jednostkę"
    )
    def put(self, request, pk: int):
        unit = found(CityUnit.objects.filter(pk=pk).first(), "jednostki")
        data = body(request)
        unit = setup.unit_save(
            by=request.user,
            unit=unit,
            name=data.get("name"),
            short_name=data.get("short_name", ""),
            verifiers=data.get("verifiers", []),
        )
        return Response(s.UnitSetupOut(unit).data)
