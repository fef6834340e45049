"""Property tests: the engines agree with the slow reference rules on small random elections.

Costs of 0-12 zł, budgets of 1-30 zł and up to 7 voters make ties (equal votes, equal rho,
equal costs) the common case, so every tie-break path is exercised.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budget.tally import tally

from . import slow_reference as ref
from .strategies import elections, examples

ENGINES = st.sampled_from(["exact", "fast"])


def id_order(election) -> list[str]:
    return sorted(election.projects)


@examples(300)
@given(elections(), st.sampled_from(["greedy", "greedy-no-skip"]))
def test_greedy_matches_reference(election, rule):
    expected = ref.greedy(election, id_order(election), skip=rule == "greedy")
    assert tally(election, rule).selected == expected


@examples(200)
@given(elections(), st.integers(0, 8))
def test_greedy_threshold_matches_reference(election, threshold):
    expected = ref.greedy(election, id_order(election), threshold=threshold)
    assert tally(election, "greedy-threshold", threshold=threshold).selected == expected


@examples(500)
@given(elections(), ENGINES)
def test_mes_matches_reference(election, engine):
    share = election.budget / len(election.voters)
    expected = ref.mes(election, id_order(election), share)
    assert tally(election, "mes", engine=engine).selected == expected


@examples(400)
@given(elections(), ENGINES)
def test_mes_add1_matches_reference(election, engine):
    expected = ref.mes_add1(election, id_order(election))
    assert tally(election, "mes-add1", engine=engine).selected == expected


@examples(150)
@given(elections(), ENGINES)
def test_mes_add1_greedy_matches_reference(election, engine):
    order = id_order(election)
    expected = ref.greedy(election, order, start=ref.mes_add1(election, order))
    assert tally(election, "mes-add1-greedy", engine=engine).selected == expected


@examples(150)
@given(elections(), st.data())
def test_explicit_tie_break_order_is_followed(election, data):
    order = data.draw(st.permutations(sorted(election.projects)))
    share = election.budget / len(election.voters)
    assert tally(election, "mes", tie_break=order).selected == ref.mes(election, order, share)
    assert tally(election, "greedy", tie_break=order).selected == ref.greedy(election, order)


@examples(100)
@given(elections())
def test_cheaper_first_tie_break_key(election):
    def key(project):
        return (project.cost, project.id)

    order = [p.id for p in sorted(election.projects.values(), key=key)]
    assert tally(election, "greedy", tie_break=key).selected == ref.greedy(election, order)


@examples(60)
@given(elections(max_projects=8, max_voters=25, max_cost=60, zero_cost=False))
def test_fast_engine_on_larger_elections_matches_reference(election):
    """More voters and costlier projects: budgets get capped, as in real elections."""
    order = id_order(election)
    share = election.budget / len(election.voters)
    assert tally(election, "mes", engine="fast").selected == ref.mes(election, order, share)
    assert tally(election, "mes-add1", engine="fast").selected == ref.mes_add1(election, order)
