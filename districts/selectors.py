from django.db.models import QuerySet

from .models import District


def districts_of(city_slug: str = "krakow") -> QuerySet[District]:
    return District.objects.filter(city__slug=city_slug).select_related("city", "council")


def councillors(council) -> list[int]:
    """The people sitting today on a district's council: the members in term of its council
    body in term (bodies app), the one record of who they are."""

    from bodies.models import Membership
    from bodies.selectors import district_council, today

    body = district_council(council.district_id)
    found = Membership.objects.in_term(today()).filter(body=body)
    return sorted(found.values_list("person_id", flat=True).distinct()) if body else []


def council_body(district_id: int):
    """The district's council body: the one of its latest term (the district's page)."""

    from bodies.models import Body, BodyKind

    return (
        Body.objects.filter(kind=BodyKind.DISTRICT_COUNCIL, district=district_id)
        .order_by("-term_start", "-pk")
        .first()
    )
