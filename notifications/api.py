"""The notification centre over the API: a person's own notices, settings and follows.

Everything here is about the signed-in person: anonymous requests are refused (403) before
anything is read, and another person's notice is a 404 (its existence does not leak).
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows.api import ERROR
from workflows.errors import InvalidInput, NotPermitted
from workflows.pagination import Pages

from . import selectors, services, targets
from .models import Mode

TAG = ["notifications"]
ERRORS = {400: ERROR, 403: ERROR, 404: ERROR}
FLAGS = {"true": True, "1": True, "false": False, "0": False}


def signed_in(request):
    if not request.user.is_authenticated:
        raise NotPermitted(_("Zaloguj się, aby zobaczyć swoje powiadomienia."))
    return request.user


def body(request) -> dict:
    if not isinstance(request.data, dict):
        raise InvalidInput(_("Treść żądania ma być obiektem JSON z polami."))
    return request.data


class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.CharField()
    text = serializers.CharField()
    url = serializers.CharField()
    created_at = serializers.DateTimeField()
    read = serializers.BooleanField()


MARKED = inline_serializer(
    "NoticesMarked",
    fields={"marked": serializers.IntegerField(), "unread": serializers.IntegerField()},
)


class EventSettingSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    mode = serializers.ChoiceField(choices=Mode.choices)


class SettingsSerializer(serializers.Serializer):
    events = EventSettingSerializer(many=True)
    language = serializers.CharField()


SETTINGS_INPUT = inline_serializer(
    "NotificationSettingsInput",
    fields={
        "events": serializers.DictField(
            child=serializers.ChoiceField(choices=Mode.choices),
            required=False,
            help_text="{event code: mode}",
        ),
        "language": serializers.CharField(required=False),
    },
)


class FollowSerializer(serializers.Serializer):
    target = serializers.CharField()
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()


def _follow_item(follow) -> dict:
    return {
        "target": targets.name_of_type(follow.content_type),
        "id": follow.object_id,
        "created_at": follow.created_at,
    }


def _marked(user, marked: int) -> Response:
    return Response({"marked": marked, "unread": selectors.unread_count(user)})


class NoticeListView(APIView):
    pagination_class = Pages

    @extend_schema(
        tags=TAG,
        parameters=[OpenApiParameter("unread", bool, description="only unread (true) or read")],
        responses={200: NoticeSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        user = signed_in(request)
        flag = request.query_params.get("unread")
        if flag is not None and flag not in FLAGS:
            raise InvalidInput(_("Pole „unread”: podaj true albo false."), field="unread")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.notices_of(user, unread=FLAGS.get(flag)), request, view=self
        )
        items = [selectors.as_item(n) for n in page]
        return paginator.get_paginated_response(NoticeSerializer(items, many=True).data)


class NoticeReadView(APIView):
    @extend_schema(
        tags=TAG, request=None, responses={200: MARKED, **ERRORS}, operation_id="notice_read"
    )
    def post(self, request, pk: int):
        user = signed_in(request)
        return _marked(user, services.mark_read(user=user, notice_id=pk))


class AllReadView(APIView):
    @extend_schema(
        tags=TAG, request=None, responses={200: MARKED, **ERRORS}, operation_id="notices_read"
    )
    def post(self, request):
        user = signed_in(request)
        return _marked(user, services.mark_read(user=user))


class SettingsView(APIView):
    @extend_schema(tags=TAG, responses={200: SettingsSerializer, **ERRORS})
    def get(self, request):
        user = signed_in(request)
        return Response(SettingsSerializer(selectors.settings_of(user)).data)

    @extend_schema(tags=TAG, request=SETTINGS_INPUT, responses={200: SettingsSerializer, **ERRORS})
    def patch(self, request):
        user = signed_in(request)
        data = body(request)
        modes = data.get("events", {})
        if not isinstance(modes, dict):
            raise InvalidInput(
                _("Pole „events”: podaj obiekt {zdarzenie: sposób}."), field="events"
            )
        language = data.get("language")
        services.set_preferences(
            user=user, modes=modes, language=None if language is None else str(language)
        )
        return Response(SettingsSerializer(selectors.settings_of(user)).data)


class FollowListView(APIView):
    pagination_class = Pages

    @extend_schema(tags=TAG, responses={200: FollowSerializer(many=True), **ERRORS})
    def get(self, request):
        user = signed_in(request)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.follows_of(user), request, view=self)
        items = [_follow_item(f) for f in page]
        return paginator.get_paginated_response(FollowSerializer(items, many=True).data)


class FollowView(APIView):
    @extend_schema(tags=TAG, request=None, responses={200: FollowSerializer, **ERRORS})
    def put(self, request, target: str, pk: int):
        user = signed_in(request)
        return Response(_follow_item(services.follow(user=user, target=target, pk=pk)))

    @extend_schema(tags=TAG, request=None, responses={204: None, **ERRORS})
    def delete(self, request, target: str, pk: int):
        user = signed_in(request)
        services.unfollow(user=user, target=target, pk=pk)
        return Response(status=204)
