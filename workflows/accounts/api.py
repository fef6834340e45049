from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ..api import ERROR
from ..errors import InvalidInput, NotFound
from ..parsing import body
from . import services
from .login_limits import (
    ADDRESS_RETRY_AFTER,
    address_flooded,
    address_message,
    cooloff_seconds,
    locked_out_message,
)
from .models import Role, User
from .roles import has_role


class MeView(APIView):
    @extend_schema(
        responses=inline_serializer(
            "Me",
            fields={
                "authenticated": serializers.BooleanField(),
                "username": serializers.CharField(allow_null=True),
                "email_confirmed": serializers.BooleanField(),
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
                    "email_confirmed": False,
                    "name": None,
                    "roles": [],
                    "organisations": [],
                }
            )
        return Response(
            {
                "authenticated": True,
                "username": user.username,
                "email_confirmed": user.email_confirmed_at is not None,
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
        if address_flooded(request):
            raise Throttled(wait=ADDRESS_RETRY_AFTER, detail=address_message())
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # django-axes marks the request it was given, this DRF request, not the Django one
            # its middleware looks at: a lock-out is answered here (login_limits).
            if getattr(request, "axes_locked_out", False):
                raise Throttled(wait=cooloff_seconds(), detail=locked_out_message()) from None
            raise


PERSON_IN = inline_serializer(
    "PersonIn",
    fields={
        "username": serializers.CharField(),
        "email": serializers.EmailField(required=False, max_length=254),
        "display_name": serializers.CharField(required=False),
        "roles": serializers.ListField(child=serializers.ChoiceField(choices=Role.choices)),
    },
)
PERSON_OUT = inline_serializer(
    "PersonOut",
    fields={
        "id": serializers.IntegerField(),
        "username": serializers.CharField(),
        "roles": serializers.ListField(child=serializers.CharField()),
        "invitation": serializers.CharField(required=False),
    },
)


PERSON_LIST = serializers.ListSerializer(child=PERSON_OUT)


def person(user, **extra) -> dict:
    return {
        "id": user.pk,
        "username": user.username,
        "roles": sorted(g.name for g in user.groups.all() if g.name in Role.values),
        **extra,
    }


def roles_of(data) -> list:
    # A form sends one "roles" field per role (none: no field); JSON sends a list, always.
    if hasattr(data, "getlist"):
        return data.getlist("roles")
    roles = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, list):
        raise InvalidInput(_("Pole „roles”: podaj listę ról."), field="roles")
    return roles


class PeopleView(APIView):
    write_guard = services.manages_people

    @extend_schema(responses={200: PERSON_LIST, 403: ERROR}, summary="Osoby i role (administrator)")
    def get(self, request):
        services.manages_people(request.user)
        users = User.objects.prefetch_related("groups").order_by("username")
        return Response([person(u) for u in users])

    @extend_schema(
        request=PERSON_IN,
        responses={201: PERSON_OUT, 400: ERROR, 403: ERROR, 409: ERROR},
        summary="Zaproś osobę i nadaj role; link do ustawienia hasła w odpowiedzi",
    )
    def post(self, request):
        # A form's roles come as one field each (getlist); JSON's as a list.
        data = request.data if hasattr(request.data, "getlist") else body(request)
        user, link = services.invite_person(
            by=request.user,
            username=data.get("username"),
            email=data.get("email", ""),
            display_name=data.get("display_name", ""),
            roles=roles_of(data),
        )
        return Response(person(user, invitation=request.build_absolute_uri(link)), status=201)


class PersonRolesView(APIView):
    write_guard = services.manages_people

    @extend_schema(
        request=inline_serializer(
            "RolesIn", fields={"roles": serializers.ListField(child=serializers.CharField())}
        ),
        responses={200: PERSON_OUT, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
        summary="Zmień role osoby (administrator)",
    )
    def put(self, request, pk: int):
        user = User.objects.filter(pk=pk).first()
        if user is None:
            raise NotFound(_("Nie ma takiej osoby."))
        services.set_roles(by=request.user, user=user, roles=roles_of(request.data))
        return Response(person(user))
