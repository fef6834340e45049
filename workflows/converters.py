"""The `<id:...>` path converter: the integer ids every URLconf uses."""

from .parsing import MAX_DIGITS, parse_id


class IdConverter:
    # An id no database column can hold must not reach a view.
    regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"id out of range: {value}")  # the resolver tries the next pattern
        return number

    def to_url(self, value) -> str:
        return str(value)
