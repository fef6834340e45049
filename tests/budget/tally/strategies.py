"""Hypothesis strategies: small elections with many ties (tiny costs, few voters)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from budget.tally.model import Election, Project, Voter, VoteType


def examples(n: int) -> settings:
    """Hypothesis settings for tally tests: no deadline and no too-slow check, because the
    machine is shared and generation time varies with its load; some tests `assume` away
    elections pabutools cannot read, which must not fail the run as "filtered too much"."""
    return settings(
        max_examples=n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


@st.composite
def elections(
    draw, vote_types=tuple(VoteType), max_projects=5, max_voters=7, zero_cost=True, max_cost=12
):
    vote_type = draw(st.sampled_from(vote_types))
    n = draw(st.integers(1, max_projects))
    low = 0 if zero_cost else 1
    costs = draw(st.lists(st.integers(low, max_cost), min_size=n, max_size=n))
    ids = draw(st.permutations([str(i) for i in (1, 2, 10, 11, 20, 3, 30, 4)][:n]))
    projects = {pid: Project(pid, Fraction(c)) for pid, c in zip(ids, costs, strict=True)}
    budget = Fraction(draw(st.integers(1, 3 * max_cost - 6)))
    max_length = draw(st.integers(1, n))
    voters = [
        _voter(draw, str(i), ids, vote_type, max_length)
        for i in range(draw(st.integers(1, max_voters)))
    ]
    meta = {"budget": str(budget), "vote_type": vote_type.value, "max_length": str(max_length)}
    return Election(projects, voters, budget, vote_type, meta)


def _voter(draw, vid: str, ids: list[str], vote_type: VoteType, max_length: int) -> Voter:
    size = 1 if vote_type is VoteType.CHOOSE_1 else draw(st.integers(0, max_length))
    chosen = tuple(draw(st.permutations(ids))[:size])
    points = None
    if vote_type is VoteType.CUMULATIVE:
        points = tuple(draw(st.lists(st.integers(1, 3), min_size=size, max_size=size)))
    return Voter(vid, chosen, points)
