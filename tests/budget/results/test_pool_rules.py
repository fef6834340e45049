"""Counting and the .pb export follow each pool kind's rule (budget.models.rulebook)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from budget.models import PoolRule, Proposal
from budget.results.services import count_edition
from budget.tally import read_pb, tally
from workflows.services import SYSTEM

from .conftest import cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(closed):
    """Citywide approval with k = 2, district cumulative with 5 points; no ties."""

    edition, city, district, cp, dp = closed(tally_rule="greedy")
    PoolRule.objects.create(
        edition=edition, pool_kind="citywide", vote_rule="approval", max_choices=2
    )
    PoolRule.objects.create(
        edition=edition, pool_kind="district", vote_rule="cumulative", max_points=5
    )
    for _ in range(3):
        cast(edition, city, cp[0], cp[3])
    cast(edition, city, cp[1], cp[2])
    cast(edition, district, (dp[0], 1), (dp[1], 4))
    cast(edition, district, (dp[0], 2), (dp[1], 2))
    count_edition(edition, by=SYSTEM, seed=5)
    return edition, city, district, cp, dp


def winners(pool):
    return sorted(str(p.pk) for p in Proposal.objects.filter(pool=pool, state="selected"))


def exported(edition, tmp_path, pool):
    call_command("export_edition_pb", str(edition.pk), str(tmp_path))
    return next(p for p in tmp_path.glob("*.pb") if read_pb(p).meta["district"] == pool.name)


def test_each_pool_is_exported_with_its_own_rule(mixed, tmp_path):
    edition, city, district, *_ = mixed
    citywide = read_pb(exported(edition, tmp_path, city))
    assert (citywide.meta["vote_type"], citywide.meta["max_length"]) == ("approval", "2")
    local = read_pb(exported(edition, tmp_path, district))
    assert (local.meta["vote_type"], local.meta["max_sum_points"]) == ("cumulative", "5")
    # The district pool was counted by its points: 6 for dp[1], 3 for dp[0].
    assert sorted(tally(local, "greedy").selected) == winners(district)


def test_pabutools_recounts_each_pool_identically(mixed, tmp_path):
    pytest.importorskip("pabutools")
    from pabutools.election import Additive_Cardinal_Sat, Cardinality_Sat, parse_pabulib
    from pabutools.rules import greedy_utilitarian_welfare

    edition, city, district, *_ = mixed
    instance, profile = parse_pabulib(str(exported(edition, tmp_path, city)))
    greedy = greedy_utilitarian_welfare(instance, profile, sat_class=Cardinality_Sat)
    assert sorted(p.name for p in greedy) == winners(city)
    # Points, not voters: by voters the two district projects tie (2 each).
    instance, profile = parse_pabulib(str(exported(edition, tmp_path, district)))
    greedy = greedy_utilitarian_welfare(instance, profile, sat_class=Additive_Cardinal_Sat)
    assert sorted(p.name for p in greedy) == winners(district)


@pytest.fixture
def ranked(closed):
    """Kraków-style: citywide ranked 3-2-1; by points cp[2] and cp[0] win, by voters cp[3]
    would come first (4 voters, 5 points)."""

    edition, city, _district, cp, _dp = closed(
        tally_rule="greedy", vote_rule="ordinal", ordinal_points=[3, 2, 1]
    )
    for kind in ("citywide", "district"):
        PoolRule.objects.create(
            edition=edition, pool_kind=kind, vote_rule="ordinal", ordinal_points=[3, 2, 1]
        )
    for _ in range(3):
        cast(edition, city, cp[2], cp[0], cp[3])
    cast(edition, city, cp[1], cp[3])
    count_edition(edition, by=SYSTEM, seed=5)
    return edition, city, cp


def test_pabutools_recounts_an_ordinal_3_2_1_pool_identically(ranked, tmp_path):
    pytest.importorskip("pabutools")
    from pabutools.election import OrdinalProfile, parse_pabulib
    from pabutools.rules import greedy_utilitarian_welfare

    from tests.budget.tally.positional import positional_cost_sat

    edition, city, cp = ranked
    assert winners(city) == sorted(str(p.pk) for p in (cp[2], cp[0]))
    path = exported(edition, tmp_path, city)
    ours = read_pb(path)
    assert (ours.meta["vote_type"], ours.meta["max_length"]) == ("ordinal", "3")
    assert sorted(tally(ours, "greedy").selected) == winners(city)
    instance, profile = parse_pabulib(str(path))
    assert isinstance(profile, OrdinalProfile) and profile.legal_max_length == 3
    # The ranking survives the file: the first ballot's order, most preferred first.
    assert [p.name for p in profile[0]] == [str(p.pk) for p in (cp[2], cp[0], cp[3])]
    greedy = greedy_utilitarian_welfare(
        instance, profile, sat_class=positional_cost_sat(instance), is_sat_additive=True
    )
    assert sorted(p.name for p in greedy) == winners(city)


def test_results_page_shows_points_only_for_pools_counted_in_points(mixed, client):
    edition, city, district, *_ = mixed
    type(edition).objects.filter(pk=edition.pk).update(state="results_published")
    html = client.get(reverse("results:edition", args=[edition.year])).content.decode()

    def section(pool):
        start = html.index(f'<section aria-labelledby="pool-{pool.pk}">')
        return html[start : html.index("</section>", start)]

    header = '<th scope="col">Punkty</th>'
    assert header not in section(city) and "Głosy na projekty" in section(city)
    assert header in section(district) and "Punkty na projekty" in section(district)
    assert "<td>6</td>" in section(district)  # dp[1]: 4 + 2 points
    # Not the meetings' "Punkty" (agenda items): the header has a context of its own.
    client.cookies["django_language"] = "en"
    english = client.get(reverse("results:edition", args=[edition.year])).content.decode()
    assert "Points for projects" in english and '<th scope="col">Items</th>' not in english
