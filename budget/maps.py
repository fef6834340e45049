"""Proposals on a map: a point checked against the city's bounds, and the markers the map
widgets read (Leaflet, static/js/budget-map.js; tiles and bounds from settings.MAP_*)."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from workflows.errors import InvalidInput

PRECISION = Decimal("0.000001")  # about 10 cm: more than a proposal needs


def _coordinate(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    # Beyond ±180° no place exists (and 1e400 would not even round to six decimals).
    if number is None or not number.is_finite() or abs(number) > 180:
        raise InvalidInput(
            _("Współrzędne punktu podaje się w stopniach, np. 50.0614 i 19.9366."), field=field
        )
    return number.quantize(PRECISION)


def parse_point(latitude, longitude) -> tuple[Decimal, Decimal] | None:
    """The point as stored, None when both are empty (the point is optional); 400 when only
    one is given, or the point lies outside the city (settings.MAP_BOUNDS)."""

    blank = [value in (None, "") for value in (latitude, longitude)]
    if all(blank):
        return None
    if any(blank):
        raise InvalidInput(
            _("Podaj obie współrzędne punktu (szerokość i długość) albo żadnej."),
            field="latitude" if blank[0] else "longitude",
        )
    lat, lon = _coordinate(latitude, "latitude"), _coordinate(longitude, "longitude")
    south, west, north, east = settings.MAP_BOUNDS
    if not (south <= lat <= north and west <= lon <= east):
        raise InvalidInput(
            _("Punkt leży poza granicami miasta. Wskaż na mapie miejsce w mieście."),
            field="latitude",
        )
    return lat, lon


def config() -> dict:
    """What every map on a page needs: the tiles (none in tests) and the city's bounds."""

    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "bounds": list(settings.MAP_BOUNDS),
    }


def marker(proposal_id: int, title: str, latitude, longitude, **extra) -> dict:
    return {
        "id": proposal_id,
        "title": title,
        "lat": float(latitude),
        "lon": float(longitude),
        "url": reverse("budget:proposal", args=[proposal_id]),
        **extra,
    }


def markers(rows) -> list[dict]:
    """Markers of the rows (id, title, latitude, longitude) that have a point."""

    return [
        marker(pk, title, latitude, longitude)
        for pk, title, latitude, longitude in rows
        if latitude is not None and longitude is not None
    ]
