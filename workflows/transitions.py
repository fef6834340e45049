"""Reading a workflow's declared transitions: what exists, what a user may take now and why not."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django_fsm import Transition

from .conditions import failure_reasons
from .errors import NotPermitted
from .registry import WorkflowKind, kind_of


class SystemActor:
    """The scheduler or a management command acting on its own; passes every permission."""

    is_authenticated = True
    is_anonymous = False
    pk = None

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()


def declared(kind: WorkflowKind) -> list[Transition]:
    fsm_field = kind.model._meta.get_field(kind.state_field)
    return list(fsm_field.get_all_transitions(kind.model))


def label_of(tr: Transition) -> str:
    return str(tr.custom.get("label", tr.name.replace("_", " ")))


def transition_labels(kind: WorkflowKind) -> dict[str, str]:
    return {tr.name: label_of(tr) for tr in declared(kind)}


def state_labels(kind: WorkflowKind) -> dict[str, str]:
    field = kind.model._meta.get_field(kind.state_field)
    return {str(value): str(label) for value, label in (field.choices or [])}


def denial_of(tr: Transition) -> str:
    return str(tr.custom.get("denied", _("Nie masz uprawnień do tej czynności w tym procesie.")))


def lookup(kind: WorkflowKind, obj, name: str) -> Transition | None:
    """The transition called `name` as it applies from the object's current state."""

    method = getattr(type(obj), name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        return None
    return meta.get_transition(kind.state_of(obj))


def names(kind: WorkflowKind) -> list[str]:
    return sorted({tr.name for tr in declared(kind)})


def from_state(kind: WorkflowKind, state: str) -> list[Transition]:
    seen: dict[str, Transition] = {}
    for tr in declared(kind):
        if tr.source in (state, "*") or (tr.source == "+" and tr.target != state):
            seen.setdefault(tr.name, tr)
    return sorted(seen.values(), key=lambda tr: tr.name)


def permitted(tr: Transition, obj, user) -> bool:
    return user is SYSTEM or tr.has_perm(obj, user)


def ensure_may_take(obj, name: str, user) -> None:
    """Refuse (403) whoever may take the transition `name` from none of its source states.

    Checked before the current state (409) and before any input: a person who may never
    do this learns nothing about the object's state or the shape of the request.
    """

    declarations = [tr for tr in declared(kind_of(obj)) if tr.name == name]
    if declarations and not any(permitted(tr, obj, user) for tr in declarations):
        raise NotPermitted(denial_of(declarations[0]))


@dataclass
class Options:
    available: list[Transition] = field(default_factory=list)
    unavailable: list[tuple[Transition, list[str]]] = field(default_factory=list)


def options_for(kind: WorkflowKind, obj, user) -> Options:
    """Transitions from the current state, split into takeable now and refused with reasons."""

    result = Options()
    for tr in from_state(kind, kind.state_of(obj)):
        reasons = [] if permitted(tr, obj, user) else [denial_of(tr)]
        reasons += failure_reasons(tr.conditions, obj)
        if reasons:
            result.unavailable.append((tr, reasons))
        else:
            result.available.append(tr)
    return result
