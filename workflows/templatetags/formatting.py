"""Numbers and money as people in the city write them: "1 234 567,89 zł".

`{% load formatting %}` then `{{ amount|money }}` (two decimals), `{{ amount|money:0 }}`
(whole złoty) and `{{ count|number }}`. Polish uses a non-breaking space between thousands
(so an amount never wraps) and a decimal comma; English gets "PLN 1,234,567.89".
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language

register = template.Library()

NBSP = "\u00a0"


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _polish() -> bool:
    return (get_language() or "pl").split("-")[0] != "en"


def format_number(value, places: int = 0) -> str:
    """Group thousands and round half up (like an accountant, not like banker's rounding)."""

    amount = _decimal(value)
    if amount is None:
        return ""
    quantum = Decimal(1).scaleb(-places)
    amount = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    thousands, decimal_mark = (NBSP, ",") if _polish() else (",", ".")
    text = thousands.join(groups)
    if places:
        text += decimal_mark + fraction
    return sign + text


@register.filter
def number(value, places=0) -> str:
    return format_number(value, int(places))


@register.filter
def money(value, places=2) -> str:
    text = format_number(value, int(places))
    if not text:
        return ""
    return f"{text}{NBSP}zł" if _polish() else f"PLN{NBSP}{text}"
