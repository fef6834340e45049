"""User input, whatever the door (JSON body, form, query string, websocket frame): one
helper refuses NUL characters and strips bidirectional controls from every string.

- NUL (U+0000): PostgreSQL cannot store it in a text column (DataError, a 500), and no
  person types it. Refused with a 400 naming the field, rather than silently altered.
- Bidi embeddings, overrides, isolates and marks (Unicode TR #9): a title with U+202E
  RIGHT-TO-LEFT OVERRIDE shows other readers text reversed ("exe.gpj" as "jpg.exe") and
  spoils every list it is shown in. No Polish or English text needs them: stripped.
- Nesting: JSON nested deeper than MAX_DEPTH is refused (no form of the API needs more than
  a few levels; Python's recursion limit fails at about a thousand).
"""

import re

from django.utils.translation import gettext as _

from .errors import InvalidInput

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_DEPTH = 32


def clean_text(value: str, field: str = "") -> str:
    """`value` without bidi controls; InvalidInput if it holds a NUL character."""

    if "\x00" in value:
        message = (
            _("Pole „%(field)s” zawiera niedozwolony znak NUL (\\0).") % {"field": field}
            if field
            else _("Dane zawierają niedozwolony znak NUL (\\0).")
        )
        raise InvalidInput(message, field=field or None)
    return BIDI_CONTROLS.sub("", value)


def too_deep() -> InvalidInput:
    return InvalidInput(
        _("Dane są zagnieżdżone zbyt głęboko (najwyżej %(depth)d poziomów).") % {"depth": MAX_DEPTH}
    )


def clean_input(value, field: str = "", depth: int = 0):
    """Parsed input (dicts, lists, strings, numbers) with every string, keys included,
    passed through clean_text; InvalidInput past MAX_DEPTH levels."""

    if depth > MAX_DEPTH:
        raise too_deep()
    if isinstance(value, str):
        return clean_text(value, field)
    if isinstance(value, dict):
        return {
            # A NUL in a key names the key (as a form's does), inside the field it is under.
            clean_text(str(key), field or str(key)): clean_input(item, field or str(key), depth + 1)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [clean_input(item, field, depth + 1) for item in value]
    return value


def clean_querydict(data):
    """A form's or query string's QueryDict with its keys and values cleaned (immutable)."""

    cleaned = data.copy()
    cleaned.clear()
    for key, values in data.lists():
        cleaned.setlist(clean_text(key, key), [clean_text(value, key) for value in values])
    cleaned._mutable = False
    return cleaned
