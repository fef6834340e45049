"""Listeners told about every audited action (a transition or a recorded action).

A listener runs inside the action's transaction, with the object and its audit entry, so
what it writes (e.g. a task row for the notifications worker) commits or rolls back with
the action itself. A listener must be cheap and must not change the object.
"""

from collections.abc import Callable

_listeners: list[Callable] = []


def on_action(listener: Callable) -> Callable:
    """Register `listener(obj, entry)`; `entry` is the action's `AuditEntry` row."""

    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def action_taken(obj, entry) -> None:
    for listener in _listeners:
        listener(obj, entry)
