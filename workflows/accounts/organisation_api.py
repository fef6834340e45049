"""Organisations over the API: register (staff), claim to represent, confirm."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ..api import ERROR
from ..errors import InvalidInput, NotFound
from . import organisations as services
from .models import Organisation, OrganisationKind, RepresentationClaim

ERRORS = dict.fromkeys((400, 403, 404, 409), ERROR)


class OrganisationOut(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "krs", "regon", "register", "representatives"]
        read_only_fields = fields


def _organisation_in(name: str, proof: str) -> serializers.Serializer:
    fields = {
        "name": serializers.CharField(),
        "kind": serializers.ChoiceField(choices=OrganisationKind.choices, required=False),
        # An organisation in a register other than the KRS may still give its KRS number.
        "krs": serializers.RegexField(r"^\d{10}$", required=False),
        "regon": serializers.CharField(required=False),
        "register": serializers.CharField(required=False),
    }
    fields[proof] = serializers.RegexField(r"\S")  # not blank: the service strips it
    return inline_serializer(name, fields=fields)


# Either a KRS number or the register (document) the organisation exists by.
ORGANISATION_IN = PolymorphicProxySerializer(
    component_name="OrganisationIn",
    serializers=[
        _organisation_in("OrganisationInKrs", "krs"),
        _organisation_in("OrganisationInRegister", "register"),
    ],
    resource_type_field_name=None,
)
CLAIM_OUT = inline_serializer(
    "ClaimOut",
    fields={
        "id": serializers.IntegerField(),
        "organisation": serializers.IntegerField(),
        "user": serializers.IntegerField(),
        "confirmed": serializers.BooleanField(),
    },
)


def claim_data(claim) -> dict:
    return {
        "id": claim.pk,
        "organisation": claim.organisation_id,
        "user": claim.user_id,
        "confirmed": claim.confirmed_at is not None,
    }


def fields_of(data) -> dict:
    if not isinstance(data, dict):
        raise InvalidInput(_("Treść żądania ma być obiektem JSON z polami."))
    if "krs" in data and not str(data["krs"] or "").strip():
        # Left out means "no KRS number"; sent empty it is a mistake to name.
        raise InvalidInput(_("Podaj numer KRS (10 cyfr) albo pomiń to pole."), field="krs")
    keys = ("kind", "krs", "regon", "register")
    return {"name": data.get("name"), **{k: data[k] for k in keys if k in data}}


class OrganisationListView(APIView):
    @extend_schema(responses={200: OrganisationOut(many=True)}, summary="Organizacje")
    def get(self, request):
        rows = Organisation.objects.prefetch_related("representatives")
        return Response(OrganisationOut(rows, many=True).data)

    @extend_schema(request=ORGANISATION_IN, responses={201: OrganisationOut, **ERRORS})
    def post(self, request):
        organisation = services.organisation_save(by=request.user, **fields_of(request.data))
        return Response(OrganisationOut(organisation).data, status=201)


class OrganisationClaimView(APIView):
    @extend_schema(
        request=inline_serializer("ClaimIn", fields={"note": serializers.CharField()}),
        responses={201: CLAIM_OUT, **ERRORS},
        summary="Zgłoś się jako przedstawiciel organizacji",
    )
    def post(self, request, pk: int):
        organisation = Organisation.objects.filter(pk=pk).first()
        if organisation is None:
            raise NotFound("Nie ma takiej organizacji.")
        claim = services.claim_representation(
            by=request.user, organisation=organisation, note=request.data.get("note", "")
        )
        return Response(claim_data(claim), status=201)


class ClaimConfirmView(APIView):
    @extend_schema(
        request=None,
        responses={200: CLAIM_OUT, **ERRORS},
        summary="Organizacja potwierdza swojego przedstawiciela",
    )
    def post(self, request, pk: int):
        claim = RepresentationClaim.objects.select_related("organisation").filter(pk=pk).first()
        if claim is None:
            raise NotFound(_("Nie ma takiego zgłoszenia."))
        return Response(claim_data(services.confirm_representation(by=request.user, claim=claim)))
