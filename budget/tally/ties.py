"""Tie-break orders for editions counted in the app (pabulib recounts use project ids)."""

from __future__ import annotations

from budget.tally.model import Election


def cheaper_first_then_draw(election: Election, seed: int) -> list[str]:
    """All project ids: lower cost first, equal costs in an order drawn with `seed`.

    The seed is recorded with the edition's results, so anyone can redo the draw; pass the
    returned list as `tally(..., tie_break=order)`.
    """
    import random  # editions only: `python -m budget.tally` starts without it

    ids = sorted(election.projects)  # a fixed starting order, whatever the dict order
    random.Random(seed).shuffle(ids)
    draw = {pid: i for i, pid in enumerate(ids)}
    return sorted(ids, key=lambda pid: (election.projects[pid].cost, draw[pid]))
