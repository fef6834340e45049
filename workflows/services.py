"""The one entry point that changes a workflow state, and the engine's other writes."""

import inspect
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from . import audit, hooks, live, transition_input, transitions
from .conditions import failure_reasons
from .errors import ConditionsNotMet, Conflict, InvalidInput, NotPermitted, UnknownTransition
from .registry import kind_of
from .transitions import SYSTEM, SystemActor

log = logging.getLogger(__name__)

__all__ = ["SYSTEM", "SystemActor", "advance", "record"]


def _call_transition(obj: Model, name: str, by, reason: str, data: dict) -> None:
    """The body with the typed input, and the engine's own arguments where it takes them."""

    method = getattr(obj, name)
    params = inspect.signature(method).parameters
    extra = {arg: value for arg, value in (("by", by), ("reason", reason)) if arg in params}
    try:
        method(**data, **extra)
    except ValidationError as exc:
        raise InvalidInput("; ".join(exc.messages), errors=exc.messages) from exc


@transaction.atomic
def advance(obj: Model, transition: str, *, by, reason: str = "", **payload) -> Model:
    """Take `transition` on `obj` on behalf of `by` (a user, or SYSTEM for the scheduler).

    Locks the object's own row (FOR UPDATE OF, never a joined one such as a proposal's
    edition), so of two concurrent advances one wins and the other sees the new state (409).
    Checks, in order: the transition exists (400), the actor may take it from some state
    (403), it leaves the current state (409), the actor may take it from this one (403), its
    conditions hold (409 with every reason), the payload fits the transition's input schema
    (400 naming the field, workflows.transition_input). Then runs its body with the typed
    input, saves, runs the effect its kind declares for it (`WorkflowKind.effects`) with the
    locked object, `by` and the typed input — in this transaction, so if it raises nothing is
    kept —, appends the audit entry (with the input in its JSON form, and a dict the effect
    returned under "effect") and publishes the event once the transaction commits.
    Returns the updated, locked instance.
    """

    if by is None:
        raise TypeError("advance() needs an actor: a user or workflows.services.SYSTEM")
    kind = kind_of(obj)
    locked = kind.queryset().select_for_update(of=("self",)).get(pk=obj.pk)
    state = kind.state_of(locked)
    known = transitions.names(kind)
    if transition not in known:
        allowed = [tr.name for tr in transitions.from_state(kind, state)]
        listed = ", ".join(allowed) or "brak"
        raise UnknownTransition(
            _("Nieznane przejście „%(transition)s”. Dostępne w tym stanie: %(listed)s.")
            % {"transition": transition, "listed": listed},
            allowed=allowed,
        )
    transitions.ensure_may_take(locked, transition, by)
    tr = transitions.lookup(kind, locked, transition)
    if tr is None:
        raise Conflict(
            _("Przejście „%(transition)s” nie jest możliwe w stanie „%(state)s”.")
            % {"transition": transition, "state": state},
            state=state,
        )
    if not transitions.permitted(tr, locked, by):
        raise NotPermitted(transitions.denial_of(tr))
    reasons = failure_reasons(tr.conditions, locked)
    if reasons:
        raise ConditionsNotMet(" ".join(reasons), reasons=reasons, state=state)
    if tr.custom.get("reason_required") and not reason.strip():
        raise InvalidInput(_("Podaj uzasadnienie tej decyzji."), field="reason")

    data, recorded = transition_input.validate(tr, locked, by, payload)
    _call_transition(locked, transition, by, reason, data)
    locked.save()
    new_state = kind.state_of(locked)
    effect = kind.effects.get(transition)
    outcome = effect(locked, by=by, payload=data) if effect else None
    entry = audit.append(
        locked,
        kind=kind.name,
        action=transition,
        by=by,
        from_state=state,
        to_state=new_state,
        reason=reason,
        payload={**recorded, "effect": outcome} if outcome else recorded,
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
    hooks.action_taken(locked, entry)
    return locked


def record(obj: Model, action: str, *, by, reason: str = "", payload: dict | None = None):
    """Audit an action that is not a state change (a ballot invalidation, an override)."""

    state = ""
    try:
        kind = kind_of(obj)
        name, state = kind.name, kind.state_of(obj)
    except LookupError:
        name = obj._meta.label_lower
    entry = audit.append(
        obj,
        kind=name,
        action=action,
        by=by,
        from_state=state,
        to_state=state,
        reason=reason,
        payload=payload,
    )
    hooks.action_taken(obj, entry)
    return entry
