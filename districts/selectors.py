from django.db.models import QuerySet

from .models import District


def districts_of(city_slug: str = "krakow") -> QuerySet[District]:
    return District.objects.filter(city__slug=city_slug).select_related("city", "council")
