from rest_framework import generics, serializers

from .models import District
from .selectors import districts_of


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
