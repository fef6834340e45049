"""Errors raised while reading or counting an election."""

from __future__ import annotations


class PbFormatError(ValueError):
    """A `.pb` file that does not follow the pabulib format; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class TallyError(ValueError):
    """An election that cannot be counted with the requested rule (e.g. no threshold given)."""
