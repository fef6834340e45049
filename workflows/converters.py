"""The `<id:...>` path converter: the integer ids every URLconf uses."""

# BigAutoField's range on PostgreSQL and SQLite: a larger number matches no row, and SQLite
# cannot even bind it, so it must not reach a view.
MAX_ID = 2**63 - 1


class IdConverter:
    # 19 digits hold MAX_ID; a longer string is not parsed at all.
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(f"id out of range: {value}")  # the resolver tries the next pattern
        return number

    def to_url(self, value) -> str:
        return str(value)
