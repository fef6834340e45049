"""Proposals over the API. State changes go through the generic
/api/v1/workflows/proposal/<id>/transitions/<name>/ endpoint; these are the other actions."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows.errors import InvalidInput, NotPermitted
from workflows.gates import transition_guard
from workflows.pagination import Pages
from workflows.parsing import body, parse_id, strict_query
from workflows.schema import AREA, ID

from .. import rules, selectors
from ..models import Edition, MergeRequest, Proposal, ProposalState
from ..services import proposals as services
from . import serializers as s
from .common import ERRORS, area, decimal, found

FILTERS = [
    OpenApiParameter("edition", ID),
    OpenApiParameter("district", AREA, description="id dzielnicy lub „city”"),
    OpenApiParameter("category", str),
    OpenApiParameter("state", str, enum=ProposalState.values),
    OpenApiParameter("cost_min", float),
    OpenApiParameter("cost_max", float),
    OpenApiParameter("q", str, description="szukaj w tytule, opisie i lokalizacji"),
]


def _decimal(value, field):
    return None if value in (None, "") else decimal(value, field)


def _proposal(pk, user) -> Proposal:
    return found(selectors.proposals(user=user).filter(pk=pk).first(), "projektu")


def _signed_in(user):
    if not user.is_authenticated:
        raise NotPermitted(_("Zaloguj się."))


class ProposalList(APIView):
    pagination_class = Pages  # also tells the schema the list comes in pages

    @extend_schema(
        parameters=FILTERS,
        responses={200: s.ProposalOut(many=True), 400: ERRORS[400]},
        summary="Projekty (z filtrami)",
    )
    def get(self, request):
        p = request.query_params
        strict_query(p, {parameter.name for parameter in FILTERS} | {"limit", "offset"})
        if p.get("state") and p["state"] not in ProposalState.values:
            raise InvalidInput(
                _("Nieznany stan projektu."), field="state", allowed=ProposalState.values
            )
        qs = selectors.filter_proposals(
            selectors.proposals(user=request.user),
            **area(p),
            category=p.get("category"),
            state=p.get("state"),
            cost_min=_decimal(p.get("cost_min"), "cost_min"),
            cost_max=_decimal(p.get("cost_max"), "cost_max"),
            q=p.get("q"),
        )
        pages = self.pagination_class()
        page = pages.paginate_queryset(qs, request, view=self)
        return pages.get_paginated_response(s.ProposalOut(page, many=True).data)

    @extend_schema(
        request=s.ProposalIn,
        responses={201: s.ProposalDetailOut, **ERRORS},
        summary="Zapisz szkic nowego projektu",
    )
    def post(self, request):
        _signed_in(request.user)
        data = body(request)
        edition_id = parse_id(data.pop("edition", None))
        edition = found(
            Edition.objects.filter(pk=edition_id).first() if edition_id else None, "edycji"
        )
        proposal = services.proposal_create(edition=edition, author=request.user, data=data)
        return Response(s.ProposalDetailOut(_detail(proposal.pk, request.user)).data, status=201)


def _detail(pk, user):
    return found(selectors.proposal_detail(pk, user), "projektu")


class ProposalDetail(APIView):
    @extend_schema(responses={200: s.ProposalPageOut, 404: ERRORS[404]})
    def get(self, request, pk: int):
        return Response(s.ProposalPageOut(_detail(pk, request.user)).data)

    @extend_schema(
        request=s.ProposalIn,
        responses={200: s.ProposalDetailOut, **ERRORS},
        summary="Popraw własny szkic (lub projekt wezwany do uzupełnienia)",
    )
    def patch(self, request, pk: int):
        _signed_in(request.user)
        proposal = _proposal(pk, request.user)
        services.proposal_update(proposal=proposal, by=request.user, data=dict(body(request)))
        return Response(s.ProposalDetailOut(_detail(pk, request.user)).data)


class ProposalCoauthor(APIView):
    @extend_schema(
        request=inline_serializer("CoauthorIn", fields={"username": serializers.CharField()}),
        responses={204: None, **ERRORS},
    )
    def post(self, request, pk: int):
        _signed_in(request.user)
        services.proposal_add_coauthor(
            proposal=_proposal(pk, request.user),
            by=request.user,
            username=str(body(request).get("username") or ""),
        )
        return Response(status=204)


class ProposalSupport(APIView):
    @extend_schema(
        request=None,
        responses={204: None, **ERRORS},
        summary="Podpisz się pod projektem (poparcie)",
    )
    def post(self, request, pk: int):
        _signed_in(request.user)
        # Support is collected on a draft the author shares by link: found by id, not listed.
        proposal = found(
            Proposal.objects.select_related("edition", "pool").filter(pk=pk).first(), "projektu"
        )
        services.proposal_support(proposal=proposal, by=request.user)
        return Response(status=204)


class ProposalCorrection(APIView):
    write_guard = transition_guard("request_correction")

    def permission_object(self):
        return _proposal(self.kwargs["pk"], self.request.user)

    @extend_schema(
        request=inline_serializer("CorrectionIn", fields={"reason": serializers.CharField()}),
        responses={200: s.ProposalDetailOut, **ERRORS},
        summary="Wezwij autora do uzupełnienia (z terminem)",
    )
    def post(self, request, pk: int):
        _signed_in(request.user)
        services.proposal_request_correction(
            proposal=_proposal(pk, request.user),
            by=request.user,
            reason=str(body(request).get("reason") or ""),
        )
        return Response(s.ProposalDetailOut(_detail(pk, request.user)).data)


class ProposalAssessment(APIView):
    write_guard = rules.assesses

    def permission_object(self):
        return _proposal(self.kwargs["pk"], self.request.user)

    @extend_schema(
        request=s.AssessmentIn,
        responses={201: s.VerificationOut, **ERRORS},
        summary="Ocena merytoryczna i kosztowa (przydzielona jednostka)",
    )
    def post(self, request, pk: int):
        _signed_in(request.user)
        data = body(request)
        fields = (
            "verified_cost",
            "feasible",
            "legal",
            "land_ownership",
            "maintenance_cost",
            "cost_change_reason",
            "notes",
        )
        missing = [f for f in fields[:4] if f not in data]
        if missing:
            raise InvalidInput(
                _("Brakuje pól: %(fields)s.") % {"fields": ", ".join(missing)}, field=missing[0]
            )
        verification = services.proposal_record_assessment(
            proposal=_proposal(pk, request.user),
            by=request.user,
            **{f: data[f] for f in fields if f in data},
        )
        return Response(s.VerificationOut(verification).data, status=201)


MERGE_OUT = inline_serializer(
    "MergeRequestOut",
    fields={
        "id": serializers.IntegerField(),
        "source": serializers.IntegerField(),
        "target": serializers.IntegerField(),
        "consented": serializers.BooleanField(),
    },
)


def _merge_out(request):
    return {
        "id": request.pk,
        "source": request.source_id,
        "target": request.target_id,
        "consented": request.consented,
    }


class ProposalMerge(APIView):
    write_guard = rules.proposes_merges

    @extend_schema(
        request=inline_serializer("MergeIn", fields={"target": serializers.IntegerField()}),
        responses={201: MERGE_OUT, **ERRORS},
        summary="Zaproponuj połączenie z innym projektem (pracownik urzędu)",
    )
    def post(self, request, pk: int):
        _signed_in(request.user)
        target_id = parse_id(body(request).get("target"))
        if target_id is None:
            raise InvalidInput(_("Wskaż projekt, z którym połączyć."), field="target")
        merge = services.merge_request(
            source=_proposal(pk, request.user),
            target=_proposal(target_id, request.user),
            by=request.user,
        )
        return Response(_merge_out(merge), status=201)


class MergeConsent(APIView):
    @extend_schema(
        request=None,
        responses={200: MERGE_OUT, **ERRORS},
        summary="Zgoda autora na połączenie projektów",
    )
    def post(self, request, pk: int):
        _signed_in(request.user)
        merge = found(MergeRequest.objects.filter(pk=pk).first(), "wniosku")
        return Response(_merge_out(services.merge_consent(request=merge, by=request.user)))


class VerificationQueue(APIView):
    pagination_class = Pages

    @extend_schema(
        responses={200: s.ProposalOut(many=True), 403: ERRORS[403]},
        summary="Kolejka weryfikacji: ocena formalna (urząd) i merytoryczna "
        "(projekty przydzielone mojej jednostce)",
    )
    def get(self, request):
        _signed_in(request.user)
        rules.sees_verification_queue(request.user)
        pages = self.pagination_class()
        page = pages.paginate_queryset(
            selectors.verification_queue(request.user), request, view=self
        )
        return pages.get_paginated_response(s.ProposalOut(page, many=True).data)
