"""The one entry point that changes a workflow state, and the engine's other writes."""

import inspect
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from . import audit, live, transitions
from .conditions import failure_reasons
from .errors import ConditionsNotMet, Conflict, InvalidInput, NotPermitted, UnknownTransition
from .registry import kind_of
from .transitions import SYSTEM, SystemActor

log = logging.getLogger(__name__)

__all__ = ["SYSTEM", "SystemActor", "advance", "record"]


def _call_transition(obj: Model, name: str, by, reason: str, payload: dict) -> None:
    method = getattr(obj, name)
    signature = inspect.signature(method)
    params = signature.parameters
    accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    unexpected = sorted(set(payload) - set(params)) if not accepts_any else []
    if unexpected:
        raise InvalidInput(
            f"Nieoczekiwane pola: {', '.join(unexpected)}.",
            field=unexpected[0],
            unexpected=unexpected,
        )
    extra = {"by": by} if "by" in params else {}
    if "reason" in params:
        extra["reason"] = reason
    try:
        signature.bind(**payload, **extra)
    except TypeError as exc:
        raise InvalidInput(f"Brakuje danych dla tej czynności: {exc}.") from exc
    try:
        method(**payload, **extra)
    except ValidationError as exc:
        raise InvalidInput("; ".join(exc.messages), errors=exc.messages) from exc


@transaction.atomic
def advance(obj: Model, transition: str, *, by, reason: str = "", **payload) -> Model:
    """Take `transition` on `obj` on behalf of `by` (a user, or SYSTEM for the scheduler).

    Locks the row, so of two concurrent advances one wins and the other sees the new state
    (409). Checks, in order: the transition exists (400), it leaves the current state (409),
    the actor may take it (403), its conditions hold (409 with every reason). Then runs it,
    saves, runs the effect its kind declares for it (`WorkflowKind.effects`) with the locked
    object, `by` and the payload — in this transaction, so if it raises nothing is kept —,
    appends the audit entry (with a dict the effect returned under "effect") and publishes
    the event once the transaction commits.
    Returns the updated, locked instance.
    """

    if by is None:
        raise TypeError("advance() needs an actor: a user or workflows.services.SYSTEM")
    kind = kind_of(obj)
    locked = kind.queryset().select_for_update().get(pk=obj.pk)
    state = kind.state_of(locked)
    known = transitions.names(kind)
    if transition not in known:
        allowed = [tr.name for tr in transitions.from_state(kind, state)]
        listed = ", ".join(allowed) or "brak"
        raise UnknownTransition(
            f"Nieznane przejście „{transition}”. Dostępne w tym stanie: {listed}.", allowed=allowed
        )
    tr = transitions.lookup(kind, locked, transition)
    if tr is None:
        raise Conflict(
            f"Przejście „{transition}” nie jest możliwe w stanie „{state}”.", state=state
        )
    if not transitions.permitted(tr, locked, by):
        raise NotPermitted(transitions.denial_of(tr))
    reasons = failure_reasons(tr.conditions, locked)
    if reasons:
        raise ConditionsNotMet(" ".join(reasons), reasons=reasons, state=state)
    if tr.custom.get("reason_required") and not reason.strip():
        raise InvalidInput("Podaj uzasadnienie tej decyzji.", field="reason")

    _call_transition(locked, transition, by, reason, payload)
    locked.save()
    new_state = kind.state_of(locked)
    effect = kind.effects.get(transition)
    outcome = effect(locked, by=by, payload=payload) if effect else None
    entry = audit.append(
        locked,
        kind=kind.name,
        action=transition,
        by=by,
        from_state=state,
        to_state=new_state,
        reason=reason,
        payload={**payload, "effect": outcome} if outcome else payload,
    )
    live.publish(
        kind.stream_for(locked),
        "transition",
        {
            "kind": kind.name,
            "id": locked.pk,
            "transition": transition,
            "from": state,
            "to": new_state,
            "by": entry.by_label,
            "reason": reason,
            **kind.event_fields(locked),
        },
    )
    return locked


def record(obj: Model, action: str, *, by, reason: str = "", payload: dict | None = None):
    """Audit an action that is not a state change (a ballot invalidation, an override)."""

    state = ""
    try:
        kind = kind_of(obj)
        name, state = kind.name, kind.state_of(obj)
    except LookupError:
        name = obj._meta.label_lower
    return audit.append(
        obj,
        kind=name,
        action=action,
        by=by,
        from_state=state,
        to_state=state,
        reason=reason,
        payload=payload,
    )
