"""Refusals of the engine and of every service, each with the HTTP status it maps to.

Services raise these; the API turns them into one error shape and pages into messages.
"""

from typing import Any


class WorkflowError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidInput(WorkflowError):
    """Bad input from the user (400); `field` names what to correct."""

    status = 400
    code = "invalid"


class UnknownTransition(WorkflowError):
    status = 400
    code = "unknown_transition"


class NotPermitted(WorkflowError):
    status = 403
    code = "forbidden"


class NotFound(WorkflowError):
    status = 404
    code = "not_found"


class Conflict(WorkflowError):
    """The request is well-formed but the object's current state refuses it (409)."""

    status = 409
    code = "conflict"


class ConditionsNotMet(Conflict):
    code = "conditions_not_met"


class OutsideWindow(Conflict):
    code = "outside_window"


class TooManyRequests(WorkflowError):
    status = 429
    code = "throttled"
