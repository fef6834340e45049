"""Suggestions to change a chapter: listed with the chapter, decided by its writers."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows.errors import InvalidInput, NotFound
from workflows.gates import transition_guard

from .. import selectors
from ..meetings.models import ChapterSuggestion
from ..services import suggestions as services
from . import serializers as s
from .views import ERRORS, TAG, body, find_chapter


def find_suggestion(pk) -> ChapterSuggestion:
    suggestion = (
        ChapterSuggestion.objects.select_related("decision__item__meeting", "opinion__body")
        .filter(pk=pk)
        .first()
    )
    if suggestion is None:
        raise NotFound(_("Nie ma takiej propozycji."))
    return suggestion


def text_field(data: dict, field: str) -> str:
    value = data.get(field, "")
    if not isinstance(value, str):
        raise InvalidInput(_("Pole „%(field)s” musi być tekstem.") % {"field": field}, field=field)
    return value


ACCEPT = inline_serializer(
    "SuggestionAccept",
    fields={
        "anchor": serializers.CharField(required=False, help_text="The draft's block to replace."),
        "kind": serializers.CharField(required=False, help_text="The new block's kind."),
    },
)
REJECT = inline_serializer("SuggestionReject", fields={"reason": serializers.CharField()})


class ChapterSuggestionListView(APIView):
    @extend_schema(tags=TAG, responses={200: s.SuggestionSerializer(many=True), **ERRORS})
    def get(self, request, pk: int):
        chapter = find_chapter(pk, request.user)
        return Response(s.SuggestionSerializer(selectors.suggestions(chapter), many=True).data)


class SuggestionDecisionView(APIView):
    """The writers' decision: the engine's guard runs before the body is read."""

    def permission_object(self):
        return find_suggestion(self.kwargs["pk"])


class SuggestionAcceptView(SuggestionDecisionView):
    write_guard = transition_guard("accept")

    @extend_schema(tags=TAG, request=ACCEPT, responses={200: s.SuggestionSerializer, **ERRORS})
    def post(self, request, pk: int):
        suggestion = self.permission_object()
        data = body(request)
        accepted = services.accept_suggestion(
            by=request.user,
            suggestion=suggestion,
            anchor=text_field(data, "anchor"),
            kind=text_field(data, "kind"),
        )
        return Response(s.SuggestionSerializer(find_suggestion(accepted.pk)).data)


class SuggestionRejectView(SuggestionDecisionView):
    write_guard = transition_guard("reject")

    @extend_schema(tags=TAG, request=REJECT, responses={200: s.SuggestionSerializer, **ERRORS})
    def post(self, request, pk: int):
        suggestion = self.permission_object()
        rejected = services.reject_suggestion(
            by=request.user, suggestion=suggestion, reason=text_field(body(request), "reason")
        )
        return Response(s.SuggestionSerializer(find_suggestion(rejected.pk)).data)
