"""A state machine drawn as a picture for its page (no Mermaid source on screen).

States stand in a column in their declared order; a step to the next state is an arrow with
its action's name beside it, any other step a curve on the left. The same steps are listed
in words under the picture for screen readers and for reading on a phone.
"""

from django.utils.translation import gettext as _

from .diagram import states_of
from .registry import WorkflowKind
from .transitions import declared, label_of, state_labels

BOX_W, BOX_H, GAP, LEFT, TOP = 320, 40, 46, 150, 10


def steps_of(kind: WorkflowKind) -> list[dict]:
    """Every step in words: from, to, action (the "any state" sources spelled out)."""

    names = state_labels(kind)
    rows = []
    for tr in sorted(declared(kind), key=lambda t: (str(t.source), t.name)):
        if tr.target is None:
            continue
        if tr.source in ("*", "+"):
            source = _("z każdego etapu")
        else:
            source = names.get(str(tr.source), str(tr.source))
        target = names.get(str(tr.target), str(tr.target))
        rows.append({"source": source, "target": target, "action": label_of(tr)})
    return rows


def _y(index: int) -> int:
    return TOP + index * (BOX_H + GAP)


def layout(kind: WorkflowKind, current: str | None = None) -> dict:
    """Coordinates for templates/workflows/_diagram.html (which escapes every label)."""

    states = states_of(kind)
    names = state_labels(kind)
    order = {state: i for i, state in enumerate(states)}
    nexts, others = [], []
    for tr in sorted(declared(kind), key=lambda t: (str(t.source), t.name)):
        a, b = order.get(str(tr.source)), order.get(str(tr.target))
        if a is None or b is None or a == b:
            continue
        if b == a + 1:
            x, y1, y2 = LEFT + BOX_W // 2, _y(a) + BOX_H, _y(b)
            nexts.append(
                {
                    "x": x,
                    "y1": y1,
                    "y2": y2 - 2,
                    "ly": (y1 + y2) // 2 + 5,
                    "lx": x + 10,
                    "label": label_of(tr),
                }
            )
            continue
        bend = LEFT - 16 - 14 * (len(others) % 8)
        y1, y2 = _y(a) + BOX_H // 2, _y(b) + BOX_H // 2
        path = f"M{LEFT} {y1} C{bend} {y1}, {bend} {y2}, {LEFT - 2} {y2}"
        others.append({"d": path, "label": label_of(tr)})
    nodes = [
        {
            "x": LEFT,
            "y": _y(i),
            "w": BOX_W,
            "h": BOX_H,
            "tx": LEFT + BOX_W // 2,
            "ty": _y(i) + 25,
            "label": names.get(state, state),
            "current": state == current,
        }
        for i, state in enumerate(states)
    ]
    return {
        "height": _y(len(states)) + TOP,
        "nodes": nodes,
        "nexts": nexts,
        "others": others,
        "steps": steps_of(kind),
    }
