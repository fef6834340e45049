"""Results of an edition's count (after publication; staff may preview) and staff's count."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from budget.api.common import ERRORS, found
from budget.selectors import editions, public_editions
from workflows.accounts.roles import is_council_staff
from workflows.errors import InvalidInput
from workflows.gates import transition_guard
from workflows.parsing import body

from . import selectors
from .services import CHANGE_FIELDS, amend_results, count_edition


class ProjectOut(serializers.Serializer):
    id = serializers.IntegerField(source="proposal_id")
    title = serializers.CharField(source="proposal.title")
    votes = serializers.IntegerField()
    score = serializers.IntegerField()
    cost = serializers.DecimalField(max_digits=12, decimal_places=2)
    selected = serializers.BooleanField()
    selection_order = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField()
    details = serializers.JSONField()


class PoolOut(serializers.Serializer):
    id = serializers.IntegerField(source="pool_id")
    name = serializers.CharField(source="pool.name")
    district = serializers.IntegerField(source="pool.district_id", allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    voters = serializers.IntegerField()
    voters_with_winner = serializers.IntegerField()
    winner_share = serializers.FloatField()
    message = serializers.CharField()
    projects = ProjectOut(many=True, source="project_results")


class AmendmentOut(serializers.Serializer):
    number = serializers.IntegerField()
    change = serializers.CharField()
    proposal = serializers.IntegerField(source="proposal_id")
    title = serializers.CharField(source="proposal.title")
    reason = serializers.CharField()
    resolution_number = serializers.CharField()
    resolution_date = serializers.DateField()
    at = serializers.DateTimeField()
    moved_in = serializers.ListField(child=serializers.IntegerField())
    moved_out = serializers.ListField(child=serializers.IntegerField())
    pools = serializers.JSONField(
        help_text="Wynik każdej puli przeliczonej po tej zmianie: {id puli: {spent, projects}}."
    )


class ResultsOut(serializers.Serializer):
    edition = serializers.IntegerField(source="edition_id")
    rule = serializers.CharField()
    tie_break = serializers.CharField()
    seed = serializers.IntegerField(allow_null=True)
    input_digest = serializers.CharField()
    ballots = serializers.IntegerField()
    finished_at = serializers.DateTimeField()
    pools = serializers.SerializerMethodField()
    amendments = AmendmentOut(many=True, help_text="Zmiany wyników, od pierwszej.")

    @extend_schema_field(PoolOut(many=True))
    def get_pools(self, run) -> list:
        return PoolOut(selectors.pools_with_projects(run), many=True).data


def _edition(pk, user):
    qs = editions() if is_council_staff(user) else public_editions()
    return found(qs.filter(pk=pk).first(), "edycji")


class EditionResults(APIView):
    @extend_schema(
        responses={200: ResultsOut, 404: ERRORS[404], 409: ERRORS[409]},
        summary="Wyniki głosowania: pule i projekty z uzasadnieniem (po ogłoszeniu)",
        description="409 dopóki głosowanie trwa lub wyniki nie są ogłoszone (pracownik urzędu "
        "widzi policzone wyniki przed ogłoszeniem). Głosy na projekty nigdy nie są "
        "pokazywane w trakcie głosowania.",
    )
    def get(self, request, pk: int):
        run = selectors.visible_run(_edition(pk, request.user), request.user)
        return Response(ResultsOut(run).data)


class CountEdition(APIView):
    @extend_schema(
        request=None,
        responses={201: ResultsOut, 403: ERRORS[403], 404: ERRORS[404], 409: ERRORS[409]},
        summary="Policz głosy zamrożonej urny (pracownik urzędu, raz na edycję)",
    )
    def post(self, request, pk: int):
        edition = _edition(pk, request.user)
        count_edition(edition, by=request.user)
        run = selectors.run_with_results(edition)
        return Response(ResultsOut(run).data, status=201)


class AmendIn(serializers.Serializer):
    proposal = serializers.IntegerField()
    change = serializers.ChoiceField(choices=["withdraw", "add"])
    reason = serializers.CharField(help_text="Publiczne uzasadnienie zmiany.")
    resolution_number = serializers.CharField(help_text="Uchwała lub decyzja, np. jej numer.")
    resolution_date = serializers.DateField()


class AmendResults(APIView):
    write_guard = transition_guard("amend_results")

    def permission_object(self):
        return _edition(self.kwargs["pk"], self.request.user)

    @extend_schema(
        request=AmendIn,
        responses={
            201: ResultsOut,
            400: ERRORS[400],
            403: ERRORS[403],
            404: ERRORS[404],
            409: ERRORS[409],
        },
        summary="Zmień policzone wyniki: wycofaj wybrany projekt albo dodaj niewybrany",
        description="Pracownik urzędu, z publicznym uzasadnieniem i uchwałą lub decyzją, na "
        "której opiera się zmiana. Głosy zamrożonej urny są liczone ponownie tą samą regułą i "
        "tym samym ziarnem, ze zmianą jako warunkiem; wyniki pierwotne zostają.",
    )
    def post(self, request, pk: int):
        edition = self.permission_object()
        data = body(request)
        reason = data.get("reason") or ""
        if not isinstance(reason, str):
            raise InvalidInput(_("Uzasadnienie musi być tekstem."), field="reason")
        change = {key: data.get(key) for key in CHANGE_FIELDS}
        amend_results(edition, by=request.user, reason=reason, **change)
        run = selectors.run_with_results(edition)
        return Response(ResultsOut(run).data, status=201)
