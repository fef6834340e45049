from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import APIView

from ..api import ERROR
from .models import Role
from .roles import has_role
from .throttle import MESSAGE, RETRY_AFTER, login_limited


class MeView(APIView):
    @extend_schema(
        responses=inline_serializer(
            "Me",
            fields={
                "authenticated": serializers.BooleanField(),
                "username": serializers.CharField(allow_null=True),
                "name": serializers.CharField(allow_null=True),
                "roles": serializers.ListField(child=serializers.CharField()),
                "organisations": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    def get(self, request):
        user = request.user
        if not user.is_authenticated:
            return Response(
                {
                    "authenticated": False,
                    "username": None,
                    "name": None,
                    "roles": [],
                    "organisations": [],
                }
            )
        return Response(
            {
                "authenticated": True,
                "username": user.username,
                "name": str(user),
                "roles": [role.value for role in Role if has_role(user, role)],
                "organisations": [
                    {"id": org.id, "name": org.name, "krs": org.krs}
                    for org in user.organisations.all()
                ],
            }
        )


class TokenView(ObtainAuthToken):
    """POST username + password → {"token": ...}; send it as `Authorization: Token <token>`."""

    @extend_schema(
        responses={
            200: inline_serializer("Token", fields={"token": serializers.CharField()}),
            400: ERROR,
            429: ERROR,
        }
    )
    def post(self, request, *args, **kwargs):
        if login_limited(request):
            raise Throttled(wait=RETRY_AFTER, detail=MESSAGE)
        return super().post(request, *args, **kwargs)
