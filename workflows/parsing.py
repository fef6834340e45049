"""Whole numbers from user input: request bodies, query strings, websocket frames, stream
names. `parse_int`/`parse_id` give None, which the caller turns into its own 400 or 404;
`require_int`/`require_id` give the 400 themselves, naming the field.

`str.isdigit()` is no check: it accepts "²" (which `int()` refuses) and "١٢" (which `int()`
reads as 12), and says nothing about size, while a database column holds a bounded range.
"""

from django.utils.translation import gettext as _

from .errors import InvalidInput

# BigAutoField's range on PostgreSQL and SQLite: a larger id matches no row, and SQLite
# cannot even bind it.
MAX_ID = 2**63 - 1
# (Positive)IntegerField's range on PostgreSQL: counts stored in integer columns.
MAX_INT = 2**31 - 1
# 19 digits hold MAX_ID: a longer string is not parsed at all.
MAX_DIGITS = len(str(MAX_ID))


def parse_int(value, *, low: int = 0, high: int = MAX_ID) -> int | None:
    """`value` as an int in low..high: an int, or a string of ASCII digits only (no sign,
    spaces or underscores, which `int()` would take); bools and floats are refused."""

    if isinstance(value, str):
        if not (value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS):
            return None
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value if low <= value <= high else None


def parse_id(value) -> int | None:
    """A row id, 1..MAX_ID."""

    return parse_int(value, low=1)


def require_int(
    value, field: str, *, low: int = 0, high: int = MAX_INT, optional: bool = False
) -> int | None:
    """`value` as an int in low..high (spaces around it allowed: forms and query strings),
    else InvalidInput naming `field`. With `optional`, a missing or empty value is None."""

    if optional and (value is None or value == ""):
        return None
    number = parse_int(value.strip() if isinstance(value, str) else value, low=low, high=high)
    if number is not None:
        return number
    if high < MAX_INT:
        message = _("Pole „%(field)s”: podaj liczbę całkowitą od %(low)d do %(high)d.")
    elif low >= 1:
        message = _("Pole „%(field)s”: podaj dodatnią liczbę całkowitą.")
    else:
        message = _("Pole „%(field)s”: podaj nieujemną liczbę całkowitą.")
    raise InvalidInput(message % {"field": field, "low": low, "high": high}, field=field)


def require_id(value, field: str, *, optional: bool = False) -> int | None:
    """A row id, 1..MAX_ID, else InvalidInput naming `field`."""

    return require_int(value, field, low=1, high=MAX_ID, optional=optional)


# Spaces (also non-breaking ones) group thousands in Polish: "1 200 000,50".
MAX_MONEY = 10**14  # DecimalField(max_digits=16, decimal_places=2)
_GROUPING = str.maketrans("", "", " \u00a0\u202f")


def parse_money(value, field: str, *, optional: bool = False):
    """An amount in złoty ≥ 0 with at most 2 decimal places, from a number or from text
    typed the Polish way (a decimal comma, spaces between thousands), else 400 naming `field`."""

    from decimal import Decimal, InvalidOperation

    if optional and (value is None or value == ""):
        return None
    amount = None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, str) and len(value) <= 40:
        text = value.strip().translate(_GROUPING).replace(",", ".").removesuffix("zł")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
    if (
        amount is None
        or not amount.is_finite()
        or not 0 <= amount < MAX_MONEY
        or amount != amount.quantize(Decimal("0.01"))
    ):
        raise InvalidInput(
            _("Pole „%(field)s”: podaj kwotę w złotych, np. 1 200 000,50.") % {"field": field},
            field=field,
        )
    return amount.quantize(Decimal("0.01"))


def strict_query(params, allowed: set[str]) -> None:
    """A list's filters: a name it does not know, one given twice or given empty is a 400
    naming it (a misspelt filter would otherwise list everything, as if it had been applied)."""

    for name in params:
        if name not in allowed:
            raise InvalidInput(
                _("Nieznany parametr „%(name)s”.") % {"name": name[:50]},
                field=name[:50],
                allowed=sorted(allowed),
            )
        if params.get(name) == "":
            message = _("Parametr „%(name)s” jest pusty: podaj wartość albo go pomiń.")
            raise InvalidInput(message % {"name": name}, field=name)
        if len(params.getlist(name)) > 1:
            raise InvalidInput(
                _("Parametr „%(name)s” podaje się raz.") % {"name": name}, field=name
            )


def body(request) -> dict:
    """A request's fields: a form's (one, the last, value per field) or a JSON object's.
    Anything else (a JSON list, a number) is a 400 naming what to send."""

    data = request.data
    if hasattr(data, "dict"):
        return data.dict()
    if not isinstance(data, dict):
        raise InvalidInput(_("Treść żądania ma być obiektem JSON z polami."))
    return data
