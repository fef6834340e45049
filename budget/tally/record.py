"""The little of a dataclass that the count's records need, without importing dataclasses.

`dataclasses` imports `inspect` and `typing`: 10-15 ms of CPU, and `pb_tally` reads and
counts Warsaw's 61,668 ballots in under 200 ms (bench/tally.py, issue 23: 50x pabutools'
rule alone, the whole process included). A record lists its fields in `__slots__`, sets
them in `__init__`, and gets equality, a repr and `replace()` from here.
"""

from __future__ import annotations


class Record:
    __slots__ = ()
    # Fields left out of equality and hashing (a dict of extra columns).
    _not_hashed: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment] - mutable unless a subclass says otherwise

    def _hash(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.__slots__ if n not in self._not_hashed))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"

    def replace(self, **changes):
        """A copy with some fields changed (dataclasses.replace)."""
        return self.__class__(**{name: getattr(self, name) for name in self.__slots__} | changes)
