"""Editions, the ballot box and turnout over the API."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from districts.models import District
from workflows.accounts.roles import is_council_staff
from workflows.errors import InvalidInput, TooManyRequests, WorkflowError
from workflows.parsers import JSONParser
from workflows.parsing import body, parse_id, parse_money, require_int
from workflows.throttle import over_limit

from .. import export, rules, selectors, turnout
from ..models.editions import TALLY_RULES, PoolKind
from ..services import editions as edition_services
from ..services import voting
from . import serializers as s
from .common import ERRORS, found, moment


def _edition(pk, user):
    qs = selectors.editions() if is_council_staff(user) else selectors.public_editions()
    return found(qs.filter(pk=pk).first(), "edycji")


class EditionList(APIView):
    @extend_schema(responses=s.EditionOut(many=True), summary="Edycje budżetu obywatelskiego")
    def get(self, request):
        qs = selectors.editions() if is_council_staff(request.user) else selectors.public_editions()
        return Response(s.EditionOut(qs, many=True).data)


class EditionDetail(APIView):
    @extend_schema(responses={200: s.EditionOut, 404: ERRORS[404]})
    def get(self, request, pk: int):
        return Response(s.EditionOut(_edition(pk, request.user)).data)


class EditionSchedule(APIView):
    write_guard = rules.configures_editions

    @extend_schema(
        request=inline_serializer(
            "ScheduleIn",
            fields={
                "phases": serializers.DictField(
                    child=serializers.ListField(
                        child=serializers.DateTimeField(), min_length=2, max_length=2
                    )
                ),
                "reason": serializers.CharField(required=False),
            },
        ),
        responses={200: s.EditionOut, **ERRORS},
        summary="Ustaw harmonogram edycji (pracownik urzędu)",
    )
    def put(self, request, pk: int):
        edition = _edition(pk, request.user)
        data = body(request)
        raw = data.get("phases")
        if not isinstance(raw, dict):
            raise InvalidInput(
                _('Podaj etapy: {"voting": [początek, koniec], ...}.'), field="phases"
            )
        phases = {}
        for kind, window in raw.items():
            if not isinstance(window, list) or len(window) != 2:
                raise InvalidInput(_("Każdy etap to [początek, koniec]."), field="phases")
            phases[kind] = (moment(window[0], "phases"), moment(window[1], "phases"))
        edition_services.edition_set_schedule(
            edition=edition, by=request.user, phases=phases, reason=str(data.get("reason") or "")
        )
        return Response(s.EditionOut(_edition(pk, request.user)).data)


class EditionCounting(APIView):
    write_guard = rules.configures_editions

    @extend_schema(
        request=inline_serializer(
            "CountingIn",
            fields={
                "tally_rule": serializers.ChoiceField(choices=TALLY_RULES),
                "score_threshold": serializers.IntegerField(
                    required=False, allow_null=True, min_value=0
                ),
            },
        ),
        responses={200: s.EditionOut, **ERRORS},
        summary="Ustaw regułę liczenia i próg greedy-threshold (pracownik urzędu, przed "
        "głosowaniem)",
    )
    def put(self, request, pk: int):
        edition = _edition(pk, request.user)
        data = body(request)
        edition_services.edition_set_counting(
            edition=edition,
            by=request.user,
            tally_rule=str(data.get("tally_rule", "")),
            score_threshold=data.get("score_threshold"),
        )
        return Response(s.EditionOut(_edition(pk, request.user)).data)


class EditionPools(APIView):
    write_guard = rules.configures_editions

    @extend_schema(
        request=inline_serializer(
            "PoolIn",
            fields={
                "district": serializers.IntegerField(required=False, allow_null=True),
                "kind": serializers.ChoiceField(choices=PoolKind.choices, required=False),
                "name": serializers.CharField(),
                "amount": serializers.DecimalField(max_digits=14, decimal_places=2),
                "max_project_cost": serializers.DecimalField(max_digits=14, decimal_places=2),
                "population": serializers.IntegerField(),
                "support_minimum": serializers.IntegerField(required=False),
            },
        ),
        responses={200: s.EditionOut, **ERRORS},
        summary="Dodaj lub zmień pulę (pracownik urzędu); minimum podpisów ≤ 0,1 % mieszkańców",
    )
    def put(self, request, pk: int):
        edition = _edition(pk, request.user)
        data = body(request)
        district = None
        if data.get("district") is not None:
            district_id = parse_id(data["district"])
            district = found(
                District.objects.filter(pk=district_id, city=edition.city).first()
                if district_id
                else None,
                "dzielnicy",
            )
        if "population" not in data and district is not None and district.population:
            # Loaded with the districts (CSV): the support-list cap needs it.
            data = {**data, "population": district.population}
        missing = [f for f in ("name", "amount", "max_project_cost", "population") if f not in data]
        if missing:
            raise InvalidInput(
                _("Brakuje pól: %(fields)s.") % {"fields": ", ".join(missing)}, field=missing[0]
            )
        edition_services.pool_save(
            edition=edition,
            by=request.user,
            district=district,
            name=str(data["name"]),
            amount=parse_money(data["amount"], "amount"),
            max_project_cost=parse_money(data["max_project_cost"], "max_project_cost"),
            population=require_int(data["population"], "population"),
            support_minimum=require_int(data.get("support_minimum", 0), "support_minimum"),
            kind=str(data.get("kind") or ""),
        )
        return Response(s.EditionOut(_edition(pk, request.user)).data)


class EditionTurnout(APIView):
    @extend_schema(
        responses={200: s.TurnoutOut, 404: ERRORS[404]},
        summary="Frekwencja (na żywo także w strumieniu edition.<id>)",
    )
    def get(self, request, pk: int):
        edition = _edition(pk, request.user)
        return Response(turnout.snapshot(edition.pk))


class EditionBallot(APIView):
    @extend_schema(
        responses={200: s.BallotPoolOut(many=True), 404: ERRORS[404]},
        summary="Karta do głosowania: pule i projekty (bez liczby głosów)",
    )
    def get(self, request, pk: int):
        edition = _edition(pk, request.user)
        return Response(s.BallotPoolOut(selectors.ballot_pools(edition), many=True).data)


class JsonOnly(BaseContentNegotiation):
    """JSON in, JSON out: nothing to negotiate on the hot path."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class CastBallot(APIView):
    # The hot path, kept lean: anonymous (identification is in the body, not the session),
    # JSON only, no throttles, and the receipt written without DRF's renderer negotiation.
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonOnly

    @extend_schema(
        request=s.BallotIn,
        responses={201: s.ReceiptOut, **ERRORS, 429: ERRORS[400]},
        summary="Oddaj głos",
        description="400: nieprawidłowy PESEL lub karta niezgodna z regułą; "
        "403: za młody głosujący; 409: poza terminem, urna zamrożona "
        "albo głos już oddany w tej edycji.",
    )
    def post(self, request, pk: int):
        data = body(request)
        try:
            ballot = voting.cast_ballot(
                edition_id=pk,
                identification=data.get("identification"),
                selections=data.get("pools"),
            )
        except WorkflowError:
            # Refusals are counted per address, and past the limit their reasons are withheld,
            # so PESEL numbers cannot be probed in bulk (who voted, who is too young). Accepted
            # ballots are never held back: a polling station's or a mobile network's voters
            # share one address, and one prober must not stop them voting.
            rate = f"{settings.BALLOT_REFUSALS_PER_MINUTE}/m"
            if over_limit(request, group="ballot-refusals", rate=rate):
                raise TooManyRequests(
                    _("Zbyt wiele odrzuconych prób głosowania z tego adresu. Spróbuj za minutę."),
                    retry_after=60,
                ) from None
            raise
        return JsonResponse({"receipt": ballot.receipt, "cast_at": ballot.cast_at}, status=201)


class PaperBallot(APIView):
    write_guard = rules.enters_paper_ballots

    @extend_schema(
        request=s.PaperBallotIn,
        responses={201: s.ReceiptOut, **ERRORS},
        summary="Wprowadź kartę papierową (pracownik urzędu)",
    )
    def post(self, request, pk: int):
        data = body(request)
        ballot = voting.enter_paper_ballot(
            edition_id=pk,
            by=request.user,
            paper_number=data.get("paper_number"),
            identification=data.get("identification"),
            selections=data.get("pools"),
        )
        return Response({"receipt": ballot.receipt, "cast_at": ballot.cast_at}, status=201)


class InvalidateBallot(APIView):
    write_guard = rules.invalidates_ballots

    @extend_schema(
        request=inline_serializer("InvalidateIn", fields={"reason": serializers.CharField()}),
        responses={
            200: inline_serializer(
                "Invalidated",
                fields={
                    "id": serializers.IntegerField(),
                    "invalidated_at": serializers.DateTimeField(),
                },
            ),
            **ERRORS,
        },
        summary="Unieważnij głos (pracownik urzędu, z powodem)",
    )
    def post(self, request, pk: int):
        ballot = voting.invalidate_ballot(
            ballot_id=pk, by=request.user, reason=str(body(request).get("reason") or "")
        )
        return Response({"id": ballot.pk, "invalidated_at": ballot.invalidated_at})


class BallotExport(APIView):
    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, 404: ERRORS[404], 409: ERRORS[409]},
        summary="Zanonimizowane głosy zamrożonej urny (do przeliczenia)",
    )
    def get(self, request, pk: int):
        return Response(export.anonymised_ballots(_edition(pk, request.user)))


class VotingCodes(APIView):
    write_guard = rules.issues_codes

    @extend_schema(
        request=inline_serializer(
            "CodesIn",
            fields={
                "pesels": serializers.ListField(
                    child=serializers.CharField(),
                    required=False,
                    help_text="Imienne kody: numery PESEL uprawnionych mieszkańców.",
                ),
                "count": serializers.IntegerField(
                    required=False, help_text="Kody bez przypisania (tylko edycje bez PESEL)."
                ),
                "label": serializers.CharField(),
            },
        ),
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), **ERRORS},
        summary="Wygeneruj partię jednorazowych kodów (CSV do korespondencji)",
        description="Z listą `pesels` wiersz n pliku CSV to kod osoby z wiersza n listy; "
        "kod i PESEL tej osoby to jeden głos.",
    )
    def post(self, request, pk: int):
        rules.issues_codes(request.user)
        data = body(request)
        label = str(data.get("label") or "")
        if "pesels" in data:
            batch, text = voting.generate_codes_for_residents(
                edition_id=pk, by=request.user, pesels=data.get("pesels"), label=label
            )
        else:
            count = data.get("count")
            batch, text = voting.generate_codes(
                edition_id=pk,
                by=request.user,
                count=count if isinstance(count, int) else -1,
                label=label,
            )
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="kody-{batch.pk}.csv"'
        return response
