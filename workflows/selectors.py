"""Reads of the engine's data."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import AuditEntry
from .registry import get_kind, kind_of
from .transitions import state_labels, transition_labels


def history(obj: Model) -> QuerySet[AuditEntry]:
    try:
        model = kind_of(obj).model
    except LookupError:  # an audited object that is not a workflow
        model = type(obj)
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(obj.pk)
    ).select_related("by")


def labelled_history(obj: Model) -> list[AuditEntry]:
    """The history as pages show it: each entry with `action_label`, `from_label` and
    `to_label`, the names people read instead of the code's."""

    rows = list(history(obj))
    _label(rows)
    return rows


def _label(rows: list[AuditEntry]) -> None:
    labels: dict[str, tuple[dict, dict]] = {}
    for row in rows:
        if row.kind not in labels:
            kind = get_kind(row.kind)
            labels[row.kind] = (
                ({**kind.action_labels, **transition_labels(kind)}, state_labels(kind))
                if kind
                else ({}, {})
            )
        actions, states = labels[row.kind]
        row.action_label = str(actions.get(row.action, row.action.replace("_", " ")))
        row.from_label = states.get(row.from_state, row.from_state)
        row.to_label = states.get(row.to_state, row.to_state)
