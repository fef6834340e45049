"""Real elections: outcomes equal pabutools' (reference.json) and the cities' official winners."""

from __future__ import annotations

from functools import cache

import pytest

from budget.tally import read_pb, tally

from .conftest import pb_files, reference, require_data

REFERENCE_RULES = ("greedy", "greedy_threshold", "mes", "mes_greedy", "mes_add1", "mes_add1_greedy")


@cache
def election(name: str):
    return read_pb(require_data(name))


def reference_cases() -> list[tuple[str | None, str]]:
    cases = []
    for name in pb_files():
        rules = reference()["instances"].get(name, {}).get("rules", {})
        cases += [(name, rule) for rule in REFERENCE_RULES if rule in rules]
    return cases or [(None, "greedy")]


@pytest.mark.parametrize(("name", "rule"), reference_cases())
def test_selected_set_equals_reference(name, rule):
    expected = reference()["instances"][require_data(name).name]["rules"][rule]
    result = tally(election(name), rule.replace("_", "-"))
    assert sorted(result.selected) == expected["selected"]
    assert float(result.total_cost) == pytest.approx(expected["total_cost"])


@pytest.mark.parametrize("name", pb_files())
def test_rule_in_meta_reproduces_official_winners(name):
    elected = election(require_data(name).name)
    official = sorted(p.id for p in elected.projects.values() if p.extra.get("selected") == "1")
    result = tally(elected, elected.meta["rule"])
    assert sorted(result.selected) == official


@pytest.mark.parametrize("name", pb_files())
def test_votes_and_scores_equal_reference(name):
    expected = reference()["instances"][require_data(name).name]["scores"]
    result = tally(election(name), "greedy")
    assert {pid: p.score for pid, p in result.projects.items()} == expected
