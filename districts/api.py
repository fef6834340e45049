from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound
from workflows.parsing import body

from .models import District, DistrictCouncil
from .rules import configures_councils, imports_districts
from .selectors import councillors, districts_of
from .services import MAX_CSV, council_save, import_districts


class DistrictSerializer(serializers.ModelSerializer):
    city = serializers.CharField(source="city.name")
    council = serializers.CharField(source="council.name", default=None, allow_null=True)

    class Meta:
        model = District
        fields = ["id", "number", "roman", "name", "city", "council", "population"]


class DistrictListView(generics.ListAPIView):
    serializer_class = DistrictSerializer
    pagination_class = None

    def get_queryset(self):
        return districts_of(self.request.query_params.get("city", "krakow"))


class DistrictImportView(APIView):
    write_guard = imports_districts

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request=inline_serializer(
            "DistrictImportIn",
            fields={
                "city": serializers.CharField(),
                "csv": serializers.CharField(help_text="number,roman,name,population"),
            },
        ),
        responses={
            201: inline_serializer(
                "DistrictImportOut",
                fields={
                    "city": serializers.CharField(),
                    "rows": serializers.IntegerField(),
                    "created": serializers.IntegerField(),
                },
            ),
            **dict.fromkeys((400, 403), ERROR),
        },
        summary="Wczytaj dzielnice miasta i liczbę mieszkańców z CSV (administrator)",
    )
    def post(self, request):
        data = body(request)
        upload = request.FILES.get("file")
        text = read_upload(upload) if upload else str(data.get("csv") or "")
        city, rows, created = import_districts(
            by=request.user,
            city_name=str(data.get("city") or ""),
            text=text,
            field="file" if upload else "csv",
        )
        return Response({"city": city.slug, "rows": rows, "created": created}, status=201)


def read_upload(upload) -> str:
    if upload.size > MAX_CSV:
        raise InvalidInput(_("Dołącz plik CSV (do 1 MB)."), field="file")
    try:
        return upload.read().decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(_("Plik CSV musi być zapisany w UTF-8."), field="file") from None


class CouncilView(APIView):
    write_guard = configures_councils

    @extend_schema(
        request=inline_serializer(
            "CouncilIn",
            fields={
                "name": serializers.CharField(),
                "seats": serializers.IntegerField(),
                "email": serializers.EmailField(required=False),
                "members": serializers.ListField(child=serializers.IntegerField()),
            },
        ),
        responses={
            200: inline_serializer(
                "CouncilOut",
                fields={
                    "id": serializers.IntegerField(),
                    "name": serializers.CharField(),
                    "seats": serializers.IntegerField(),
                    "members": serializers.ListField(child=serializers.IntegerField()),
                },
            ),
            **dict.fromkeys((400, 403, 404), ERROR),
        },
        summary="Skład rady dzielnicy (pracownik urzędu)",
    )
    def put(self, request, pk: int):
        council = DistrictCouncil.objects.filter(district_id=pk).first()
        if council is None:
            raise NotFound(_("Dzielnica nie ma rady."))
        data = body(request)
        members = data.get("members") or []
        council = council_save(
            by=request.user,
            council=council,
            name=data.get("name"),
            seats=data.get("seats"),
            email=data.get("email", ""),
            members=members if isinstance(members, list) else [members],
        )
        return Response(
            {
                "id": council.pk,
                "name": council.name,
                "seats": council.seats,
                "members": councillors(council),
            }
        )
