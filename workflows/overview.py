"""The staff panel's first screen: what needs this person now.

Per process kind: the objects on which the person can act now (their queue), with the count
and the oldest one waiting; deadlines of the coming week and overdue ones; counts per state
with a link to the full list. Queries: two per kind (counts, the oldest open objects) and one
for deadlines, whatever the number of objects.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from .describe import describe
from .models import Deadline
from .registry import WorkflowKind, kinds
from .transitions import declared, transition_labels

# Open objects examined per kind (oldest first): a queue longer than this shows "50+".
SCAN = 50
SOON = timedelta(days=7)


def open_states(kind: WorkflowKind) -> set[str] | None:
    """States with a way out; None when some transition leaves every state."""

    sources = {str(tr.source) for tr in declared(kind)}
    return None if sources & {"*", "+"} else sources


def waiting(kind: WorkflowKind, user) -> dict:
    """The kind's objects on which `user` can take a transition now, oldest first."""

    queryset = kind.queryset().order_by("pk")
    states = open_states(kind)
    if states is not None:
        queryset = queryset.filter(**{f"{kind.state_field}__in": states})
    scanned = list(queryset[:SCAN])
    mine = []
    for obj in scanned:
        if not kind.can_view(user, obj):
            continue
        info = describe(kind, obj, user, with_history=False)
        if info["available"]:
            mine.append(info)
    return {"items": mine[:5], "count": len(mine), "more": len(scanned) == SCAN and bool(mine)}


def deadlines(user) -> list[dict]:
    """Unfired deadlines due within a week, and overdue ones (the sweep has not run)."""

    by_model = {kind.model: kind for kind in kinds().values()}
    now = timezone.now()
    rows = Deadline.objects.filter(fired_at__isnull=True, due_at__lte=now + SOON)[:20]
    result = []
    for row in rows:
        kind = by_model.get(ContentType.objects.get_for_id(row.content_type_id).model_class())
        if kind is None:
            continue
        result.append(
            {
                "kind": kind.name,
                "kind_label": str(kind.label or kind.name),
                "id": row.object_id,
                "action": transition_labels(kind).get(row.transition, row.transition),
                "due_at": row.due_at,
                "overdue": row.due_at <= now,
                "legal_basis": row.legal_basis,
            }
        )
    return result
