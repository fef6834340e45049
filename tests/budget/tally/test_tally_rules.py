"""Rules on hand-made elections: explanations, empty pools, thresholds, engines agreeing."""

from __future__ import annotations

from fractions import Fraction

import pytest

from budget.tally import (
    Election,
    Project,
    TallyError,
    Voter,
    VoteType,
    cheaper_first_then_draw,
    read_pb,
    tally,
)
from budget.tally.mes import MesCounter
from budget.tally.profile import compile_election

from .conftest import require_data


def approval(costs: dict[str, int], ballots: list[str], budget: int) -> Election:
    projects = {pid: Project(pid, Fraction(cost)) for pid, cost in costs.items()}
    voters = [Voter(str(i), tuple(b)) for i, b in enumerate(ballots)]
    return Election(projects, voters, Fraction(budget), VoteType.APPROVAL)


def test_pool_without_ballots_selects_nothing_and_says_why():
    election = approval({"a": 10, "b": 5}, [], 100)
    for rule in ("greedy", "mes-add1-greedy"):
        result = tally(election, rule)
        assert result.selected == []
        assert result.total_cost == 0
        assert result.message == "no ballots were cast: nothing is selected"
        assert result.projects["a"].reason == result.message


def test_greedy_explains_why_a_project_did_not_fit():
    result = tally(approval({"a": 60, "b": 50, "c": 30}, ["ab", "ab", "bc", "a"], 100), "greedy")
    assert result.selected == ["a", "c"]
    assert result.projects["b"].reason == "did not fit: remaining 40 zł < cost 50 zł"
    assert result.projects["a"].votes == 3


def test_greedy_no_skip_stops_at_first_project_that_does_not_fit():
    result = tally(
        approval({"a": 60, "b": 50, "c": 30}, ["ab", "ab", "bc", "a"], 100), "greedy-no-skip"
    )
    assert result.selected == ["a"]
    assert result.projects["c"].reason.startswith("not considered: counting stopped at b")


def test_greedy_threshold_needs_a_threshold():
    with pytest.raises(TallyError, match="min_project_score_threshold"):
        tally(approval({"a": 1}, ["a"], 10), "greedy-threshold")
    result = tally(approval({"a": 1, "b": 1}, ["ab", "a"], 10), "greedy-threshold", threshold=2)
    assert result.selected == ["a"]
    assert result.projects["b"].reason == "below threshold: 1 < 2 required"


def test_mes_explains_price_and_the_round_money_ran_out():
    # 4 voters x 25 zł. Everyone wants a (40 zł): 10 zł each, bought first. Then b (45 zł)
    # needs more than the 15 + 15 zł its two supporters have left.
    result = tally(approval({"a": 40, "b": 45}, ["a", "a", "ab", "ab"], 100), "mes")
    assert result.selected == ["a"]
    assert result.projects["a"].reason == "bought in round 1: each supporter paid at most 10 zł"
    assert result.projects["b"].reason == (
        "round 2: its supporters could no longer afford it: they had 30 zł left < cost 45 zł"
    )


def test_unknown_rule_is_refused():
    with pytest.raises(TallyError, match="unknown rule"):
        tally(approval({"a": 1}, ["a"], 10), "phragmen")


@pytest.mark.parametrize("name", ["Poland_Lodz_2025_Koziny.pb", "Poland_Katowice_2022_Podlesie.pb"])
def test_numpy_engine_matches_exact_engine_on_real_ballots(name):
    """Float rho of every bought project within 1e-12 of the exact rho, at several shares."""
    profile = compile_election(read_pb(require_data(name)))
    fast, exact = MesCounter(profile, "fast"), MesCounter(profile, "exact")
    share = fast.initial_share()
    for extra in (0, 50, 200):
        a, b = fast.run(share + extra), exact.run(share + extra)
        assert a.selected == b.selected
        for p in a.selected:
            assert float(a.events[p][2]) == pytest.approx(float(b.events[p][2]), rel=1e-12)
    assert fast.fallbacks == 0


def test_edition_tie_break_is_cheaper_first_then_a_reproducible_draw():
    election = approval({"a": 5, "b": 5, "c": 1, "d": 5}, ["abcd"], 11)
    order = cheaper_first_then_draw(election, seed=42)
    assert order[0] == "c"
    assert sorted(order[1:]) == ["a", "b", "d"]
    assert cheaper_first_then_draw(election, seed=42) == order
    draws = {tuple(cheaper_first_then_draw(election, seed=s)) for s in range(20)}
    assert len(draws) > 1
    # All four tie on votes; c is cheapest, then the draw decides among a, b, d.
    assert tally(election, "greedy", tie_break=order).selected == order[:3]
