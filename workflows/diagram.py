"""Export a state machine's graph as Mermaid text."""

from .registry import WorkflowKind
from .transitions import declared, label_of


def states_of(kind: WorkflowKind) -> list[str]:
    field = kind.model._meta.get_field(kind.state_field)
    if field.choices:
        return [str(value) for value, _ in field.choices]
    found = {tr.source for tr in declared(kind)} | {tr.target for tr in declared(kind)}
    return sorted(s for s in found if s and s not in ("*", "+"))


def mermaid(kind: WorkflowKind) -> str:
    field = kind.model._meta.get_field(kind.state_field)
    lines = ["stateDiagram-v2", f"    [*] --> {field.default}"]
    sources = states_of(kind)
    for tr in sorted(declared(kind), key=lambda t: (str(t.source), t.name)):
        if tr.target is None:
            continue
        froms = sources if tr.source in ("*", "+") else [tr.source]
        for source in froms:
            if tr.source == "+" and source == tr.target:
                continue
            lines.append(f"    {source} --> {tr.target}: {tr.name} ({label_of(tr)})")
    return "\n".join(lines) + "\n"
