"""A workflow object as a person sees it: state, what they can do now, why not, history."""

from .registry import WorkflowKind
from .selectors import history
from .transitions import label_of, options_for


def state_label(kind: WorkflowKind, obj) -> str:
    display = getattr(obj, f"get_{kind.state_field}_display", None)
    return str(display()) if display else kind.state_of(obj)


def describe(kind: WorkflowKind, obj, user, *, with_history: bool = True) -> dict:
    options = options_for(kind, obj, user)
    result = {
        "kind": kind.name,
        "id": obj.pk,
        "label": str(obj),
        "state": kind.state_of(obj),
        "state_label": state_label(kind, obj),
        "available": [
            {"name": tr.name, "label": label_of(tr), "target": tr.target}
            for tr in options.available
        ],
        "unavailable": [
            {"name": tr.name, "label": label_of(tr), "target": tr.target, "reasons": reasons}
            for tr, reasons in options.unavailable
        ],
    }
    if with_history:
        result["history"] = [
            {
                "transition": row.action,
                "from": row.from_state,
                "to": row.to_state,
                "by": row.by_label,
                "at": row.at.isoformat(),
                "reason": row.reason,
            }
            for row in history(obj)
        ]
    return result
