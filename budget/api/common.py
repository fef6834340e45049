from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from rest_framework.pagination import LimitOffsetPagination

from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound
from workflows.parsing import MAX_ID, require_int

ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


def body(request) -> dict:
    data = request.data
    if hasattr(data, "dict"):  # a form-encoded QueryDict: one (the last) value per field
        return data.dict()
    return data if isinstance(data, dict) else {}


def found(obj, what: str = "obiektu"):
    if obj is None:
        raise NotFound(f"Nie znaleziono {what}.")
    return obj


def moment(value, field: str):
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None or parsed.tzinfo is None:
        raise InvalidInput("Podaj datę i godzinę ze strefą czasową (ISO 8601).", field=field)
    return parsed


def decimal(value, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise InvalidInput("Podaj kwotę, np. 1200000.00.", field=field) from None


def area(params) -> dict:
    """The edition and district filters of a list: ids, and "city" for the citywide pool."""

    edition, district = params.get("edition") or None, params.get("district") or None
    return {
        "edition": None if edition is None else require_int(edition, "edition", high=MAX_ID),
        "district": (
            district
            if district in (None, "city")
            else require_int(district, "district", high=MAX_ID)
        ),
    }


class Pages(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200
