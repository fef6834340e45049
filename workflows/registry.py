"""Which models are workflows: their public kind name, state field, stream and visibility."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet


def _everyone(user, obj) -> bool:
    return True


@dataclass(frozen=True)
class WorkflowKind:
    name: str  # public name used in URLs and events, e.g. "proposal"
    model: type[Model]
    state_field: str = "state"
    # Stream the object's events go to: the app's one `stream_of(obj)` (budget/streams.py).
    stream: Callable[[Any], str] | None = None
    # Who may see the object at all; others get 404 (not 403) so existence does not leak.
    can_view: Callable[[Any, Any], bool] = _everyone
    label: str = ""
    # Extra fields put into the transition event, e.g. lambda obj: {"title": obj.title}.
    event_fields: Callable[[Any], dict] = field(default=lambda obj: {})
    # What a transition entails, whichever path takes it (a service, the generic API, the
    # scheduler): {"open_voting": place_accepted_on_ballot}. advance() calls
    # effect(obj, by=actor, payload=dict) in its transaction once the object is saved; a dict
    # it returns is kept in the transition's audit entry under "effect".
    effects: Mapping[str, Callable[..., dict | None]] = field(default_factory=dict)
    # Names people read for the audited actions that are not transitions (workflows.record),
    # e.g. {"assessment": _("Ocena merytoryczna i kosztowa")}.
    action_labels: Mapping[str, Any] = field(default_factory=dict)

    def stream_for(self, obj) -> str:
        return self.stream(obj) if self.stream else f"{self.name}.{obj.pk}"

    def queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)


_kinds: dict[str, WorkflowKind] = {}


def register(kind: WorkflowKind) -> WorkflowKind:
    from .transitions import names

    unknown = sorted(set(kind.effects) - set(names(kind)))
    if unknown:
        raise ImproperlyConfigured(f"{kind.name}: effects of unknown transitions {unknown}")
    _kinds[kind.name] = kind
    return kind


def kinds() -> dict[str, WorkflowKind]:
    return dict(_kinds)


def get_kind(name: str) -> WorkflowKind | None:
    return _kinds.get(name)


def kind_of(obj) -> WorkflowKind:
    for kind in _kinds.values():
        if isinstance(obj, kind.model):
            return kind
    raise LookupError(f"{type(obj).__name__} is not a registered workflow")


def chain(*effects: Callable[..., dict | None]) -> Callable[..., dict | None]:
    """Several consequences of one transition as one effect, run in order; the dicts they
    return are merged for the audit entry."""

    def run(obj, *, by, payload):
        merged: dict = {}
        for effect in effects:
            merged.update(effect(obj, by=by, payload=payload) or {})
        return merged or None

    return run
