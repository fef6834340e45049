"""greedy-threshold editions: the threshold is set with the rule, counted, shown, and
carried through the pabulib export and import."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from budget.models import Edition, Proposal
from budget.results.models import ProjectResult
from budget.results.services import count_edition
from budget.tally import read_pb
from workflows.services import SYSTEM

from ..factories import EditionFactory
from .conftest import SMALL_PB, cast

pytestmark = pytest.mark.django_db


def put_counting(client, edition, **data):
    return client.put(f"/api/v1/budget/editions/{edition.pk}/counting/", data, format="json")


def field_of(response):
    return response.json()["error"]["details"]["field"]


def test_staff_sets_greedy_threshold_with_its_threshold(api_as, staff):
    edition = EditionFactory(state="submission")
    response = put_counting(
        api_as(staff), edition, tally_rule="greedy-threshold", score_threshold=50
    )
    assert response.status_code == 200, response.json()
    assert response.json()["tally_rule"] == "greedy-threshold"
    assert response.json()["score_threshold"] == 50
    edition.refresh_from_db()
    assert (edition.tally_rule, edition.score_threshold) == ("greedy-threshold", 50)


def test_residents_and_verifiers_cannot_set_the_counting_rule(api_as, resident, verifier):
    edition = EditionFactory(state="submission")
    for user in (resident, verifier):
        response = put_counting(
            api_as(user), edition, tally_rule="greedy-threshold", score_threshold=5
        )
        assert response.status_code == 403
    edition.refresh_from_db()
    assert (edition.tally_rule, edition.score_threshold) == ("greedy", None)


@pytest.mark.parametrize(
    "data",
    [
        {"tally_rule": "greedy-threshold"},
        {"tally_rule": "greedy-threshold", "score_threshold": None},
        {"tally_rule": "greedy-threshold", "score_threshold": -1},
        {"tally_rule": "greedy-threshold", "score_threshold": "dużo"},
        {"tally_rule": "greedy", "score_threshold": 10},
        {"tally_rule": "mes", "score_threshold": 0},
    ],
)
def test_threshold_missing_invalid_or_without_its_rule_is_a_400_naming_it(api_as, staff, data):
    edition = EditionFactory()
    response = put_counting(api_as(staff), edition, **data)
    assert response.status_code == 400
    assert field_of(response) == "score_threshold"
    edition.refresh_from_db()
    assert edition.score_threshold is None


def test_counting_rule_is_fixed_once_voting_opens(api_as, staff):
    edition = EditionFactory(state="voting")
    response = put_counting(
        api_as(staff), edition, tally_rule="greedy-threshold", score_threshold=1
    )
    assert response.status_code == 409


@pytest.fixture
def counted(closed):
    edition, city, district, cp, dp = closed(tally_rule="greedy-threshold", score_threshold=3)
    for _ in range(4):
        cast(edition, city, cp[2], cp[3])
    cast(edition, city, cp[1])  # 1 vote: below the threshold
    cast(edition, district, dp[0])
    count_edition(edition, by=SYSTEM, seed=7)
    return edition, city, district, cp, dp


def test_count_leaves_out_projects_below_the_threshold(counted):
    edition, _city, _district, cp, dp = counted
    states = {p.pk: p.state for p in Proposal.objects.filter(edition=edition)}
    assert states[cp[2].pk] == states[cp[3].pk] == "selected"
    # Both would still fit in the money left: only the threshold keeps them out.
    assert states[cp[1].pk] == states[dp[0].pk] == "not_selected"
    assert ProjectResult.objects.get(proposal=cp[1]).reason.startswith("Poniżej progu: 1,")


def test_results_page_shows_the_threshold(counted, client, staff):
    edition = counted[0]
    client.force_login(staff)
    page = client.get(reverse("results:edition", args=[edition.year])).content.decode()
    assert "Próg: najmniej głosów projektu" in page
    assert "<dd>3</dd>" in page


def test_export_carries_the_threshold_and_import_reads_it_back(counted, tmp_path):
    edition, city, *_ = counted
    call_command("export_edition_pb", str(edition.pk), str(tmp_path))
    path = next(p for p in tmp_path.glob("*.pb") if read_pb(p).meta["district"] == city.name)
    meta = read_pb(path).meta
    assert meta["rule"] == "greedy-threshold" and meta["min_project_score_threshold"] == "3"
    # The import refuses a city and year that exist: make room for the same file.
    Edition.objects.filter(pk=edition.pk).update(year=1999)
    call_command("import_pb_edition", str(path))
    imported = Edition.objects.exclude(pk=edition.pk).get()
    assert (imported.tally_rule, imported.score_threshold) == ("greedy-threshold", 3)


def test_import_without_the_threshold_of_greedy_threshold_is_refused(tmp_path):
    path = tmp_path / "Poland_Test_2031.pb"
    path.write_text(SMALL_PB.format(rule="greedy-threshold", threshold=""))
    with pytest.raises(CommandError, match="greedy-threshold"):
        call_command("import_pb_edition", str(path))
    assert not Edition.objects.exists()


def test_import_with_the_threshold_counts_with_it(tmp_path):
    path = tmp_path / "Poland_Test_2031.pb"
    path.write_text(
        SMALL_PB.format(rule="greedy-threshold", threshold="min_project_score_threshold;2\n")
    )
    call_command("import_pb_edition", str(path))
    edition = Edition.objects.get()
    assert edition.score_threshold == 2
    count_edition(edition, by=SYSTEM)
    assert dict(Proposal.objects.values_list("title", "state")) == {
        "A": "selected",
        "B": "not_selected",
    }
