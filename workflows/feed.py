"""What changed in the city: the latest transitions of the objects a person may see.

Reads the audit log newest first and loads the objects it names in one query per kind;
objects the person may not see (a draft, a hidden petition) are left out, not counted, and
so are audited actions that are not transitions.
"""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from .models import AuditEntry
from .parsing import parse_id
from .registry import get_kind
from .transitions import state_labels, transition_labels

# Rows read to fill the feed: hidden objects are skipped, so read more than are shown.
WINDOW = 4


@dataclass(frozen=True)
class Change:
    at: datetime
    kind_label: str
    label: str
    url: str
    action: str
    state_label: str
    stream: str


def recent_changes(user, limit: int = 10) -> list[Change]:
    rows = list(
        AuditEntry.objects.order_by("-at", "-pk").only(
            "kind", "object_id", "action", "to_state", "at"
        )[: limit * WINDOW]
    )
    objects = {}
    for kind_name in {row.kind for row in rows}:
        kind = get_kind(kind_name)
        if kind is None:
            continue
        ids = {row.object_id for row in rows if row.kind == kind_name}
        found = kind.queryset().in_bulk([pk for pk in map(parse_id, ids) if pk])
        objects[kind_name] = (kind, {str(pk): obj for pk, obj in found.items()})
    labels = {
        name: (transition_labels(kind), state_labels(kind)) for name, (kind, _) in objects.items()
    }
    changes = []
    for row in rows:
        kind, by_id = objects.get(row.kind, (None, {}))
        obj = by_id.get(row.object_id)
        if obj is None or not kind.can_view(user, obj):
            continue
        actions, states = labels[row.kind]
        if row.action not in actions:
            continue  # an audited action that changed no state (e.g. a ballot invalidation)
        changes.append(
            Change(
                at=row.at,
                kind_label=str(kind.label or kind.name),
                label=str(obj),
                url=reverse("workflow-object", args=[kind.name, obj.pk]),
                action=actions[row.action],
                state_label=states.get(row.to_state, row.to_state),
                stream=kind.stream_for(obj),
            )
        )
        if len(changes) == limit:
            break
    return changes
