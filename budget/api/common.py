from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from workflows.api import ERROR
from workflows.errors import InvalidInput, NotFound
from workflows.parsing import require_id

ERRORS = {400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


def found(obj, what: str = "obiektu"):
    if obj is None:
        raise NotFound(_("Nie znaleziono %(what)s.") % {"what": what})
    return obj


def moment(value, field: str):
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # well formed, out of range: minute 61, 30 February
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise InvalidInput(_("Podaj datę i godzinę ze strefą czasową (ISO 8601)."), field=field)
    return parsed


def decimal(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():  # "NaN" and "Infinity" parse
        raise InvalidInput(_("Podaj kwotę, np. 1200000.00."), field=field)
    return amount


def area(params) -> dict:
    """The edition and district filters of a list: ids, and "city" for the citywide pool."""

    edition, district = params.get("edition") or None, params.get("district") or None
    return {
        "edition": None if edition is None else require_id(edition, "edition"),
        "district": (district if district in (None, "city") else require_id(district, "district")),
    }
