"""Cross-check with pabutools itself on small random elections, written out with `write_pb`.

pabutools is a test/bench dependency only: pinned in requirements-dev.txt, never in the runtime
requirements.txt (tests/system/test_supply_chain.py), with PuLP 3, as pabutools 1.2.3 needs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given

from budget.tally import VoteType, tally
from budget.tally.pb_write import write_pb

from .strategies import elections, examples

pabutools = pytest.importorskip("pabutools")
from pabutools.election import Additive_Cardinal_Sat, Cost_Sat, parse_pabulib  # noqa: E402
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares  # noqa: E402

from .positional import positional_cost_sat  # noqa: E402

COST_UTILITY = (VoteType.APPROVAL, VoteType.CHOOSE_1)


def through_pabutools(election):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "e.pb"
        write_pb(election, path)
        return parse_pabulib(str(path))


@examples(120)
@given(elections(vote_types=COST_UTILITY))
def test_approval_rules_match_pabutools(election):
    instance, profile = through_pabutools(election)
    greedy = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    mes = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    add1 = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=1)
    assert sorted(tally(election, "greedy").selected) == sorted(p.name for p in greedy)
    assert sorted(tally(election, "mes").selected) == sorted(p.name for p in mes)
    assert sorted(tally(election, "mes-add1").selected) == sorted(p.name for p in add1)


@examples(80)
@given(elections(vote_types=(VoteType.ORDINAL,)))
def test_ordinal_greedy_matches_pabutools_with_positional_points(election):
    instance, profile = through_pabutools(election)
    assert instance.meta["vote_type"] == "ordinal"
    greedy = greedy_utilitarian_welfare(
        instance, profile, sat_class=positional_cost_sat(instance), is_sat_additive=True
    )
    assert sorted(tally(election, "greedy").selected) == sorted(p.name for p in greedy)


@examples(80)
@given(elections(vote_types=(VoteType.CUMULATIVE,)))
def test_cumulative_mes_matches_pabutools(election):
    assume(all(v.projects for v in election.voters))  # pabutools cannot read empty points
    instance, profile = through_pabutools(election)
    sat = Additive_Cardinal_Sat
    mes = method_of_equal_shares(instance, profile, sat_class=sat)
    add1 = method_of_equal_shares(instance, profile, sat_class=sat, voter_budget_increment=1)
    assert sorted(tally(election, "mes").selected) == sorted(p.name for p in mes)
    assert sorted(tally(election, "mes-add1").selected) == sorted(p.name for p in add1)
