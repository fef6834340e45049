"""Whole numbers from user input: request bodies, query strings, websocket frames, stream
names. Each caller turns None into its own 400 or 404.

`str.isdigit()` is no check: it accepts "²" (which `int()` refuses) and "١٢" (which `int()`
reads as 12), and says nothing about size, while a database column holds a bounded range.
"""

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
