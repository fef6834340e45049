"""Conditions that say why they fail.

django-fsm calls a condition as `condition(instance) -> bool`; the engine also wants the
reason. A condition is written as a function returning `None` when met and a reason (a
sentence for a person) when not, and wrapped with `@condition`.
"""

from collections.abc import Callable
from typing import Any

Check = Callable[[Any], str | None]


class Condition:
    def __init__(self, check: Check) -> None:
        self.check = check
        self.__name__ = check.__name__
        self.__doc__ = check.__doc__

    def __call__(self, instance: Any) -> bool:
        return self.check(instance) is None

    def reason(self, instance: Any) -> str | None:
        return self.check(instance)

    def __repr__(self) -> str:
        return f"<condition {self.__name__}>"


def condition(check: Check) -> Condition:
    return Condition(check)


def failure_reasons(conditions, instance) -> list[str]:
    reasons = []
    for cond in conditions:
        if isinstance(cond, Condition):
            reason = cond.reason(instance)
            if reason:
                reasons.append(str(reason))
        elif not cond(instance):
            reasons.append(getattr(cond, "__name__", repr(cond)))
    return reasons
