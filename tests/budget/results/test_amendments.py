"""Results the council amends: a withdrawn or added project, the box re-counted with it."""

import pytest
from django.urls import reverse

from budget.models import Edition, Proposal
from budget.results.models import ProjectResult, ResultAmendment, TallyRun
from budget.results.services import count_edition
from workflows.models import AuditEntry
from workflows.services import SYSTEM

from .conftest import cast

pytestmark = pytest.mark.django_db

RESOLUTION = {
    "resolution_number": "Uchwała nr XII/345/27 Rady Miasta",
    "resolution_date": "2027-03-02",
}
WHY = "Zarządca terenu odmówił zgody na budowę."


def url(edition, suffix=""):
    return f"/api/v1/budget/editions/{edition.pk}/results/{suffix}"


def states(projects):
    found = dict(Proposal.objects.values_list("pk", "state"))
    return [found[p.pk] for p in projects]


@pytest.fixture
def counted(closed):
    """Citywide pool 1 000 000 zł; costs 600k, 400k, 300k, 200k. Votes 3, 1, 2, 1: greedy
    takes 600k and 300k (100k left); 200k and 400k (1 vote each, the cheaper first in the
    tie) do not fit. The district pool: 300k (1 vote) selected, 250k not."""

    edition, city, district, cp, dp = closed(vote_rule="approval", tally_rule="greedy")
    cast(edition, city, cp[0], cp[1])
    cast(edition, city, cp[0], cp[2])
    cast(edition, city, cp[0], cp[3], cp[2])
    cast(edition, district, dp[0])
    count_edition(edition, by=SYSTEM, seed=7)
    Edition.objects.filter(pk=edition.pk).update(state="results_published")
    edition.refresh_from_db()
    assert states(cp) == ["selected", "not_selected", "selected", "not_selected"]
    return edition, city, district, cp, dp


def amend(client, edition, proposal, change, fields=None):
    body = {"proposal": proposal.pk, "change": change, "reason": WHY, **RESOLUTION}
    return client.post(url(edition, "amendments/"), {**body, **(fields or {})}, format="json")


def test_withdrawn_project_lets_the_next_ones_move_up(counted, api_as, staff):
    edition, _city, _district, cp, dp = counted
    response = amend(api_as(staff), edition, cp[0], "withdraw")
    assert response.status_code == 201, response.content
    # Without 600k: 300k (700k left), then the tie of 1 vote: 200k (cheaper) and 400k fit.
    assert states(cp) == ["not_selected", "selected", "selected", "selected"]
    assert states(dp) == ["selected", "not_selected"]  # another pool: untouched
    amendment = response.json()["amendments"][0]
    assert (amendment["change"], amendment["reason"]) == ("withdraw", WHY)
    assert amendment["resolution_number"] == RESOLUTION["resolution_number"]
    assert (amendment["moved_in"], amendment["moved_out"]) == ([cp[1].pk, cp[3].pk], [cp[0].pk])
    pool = amendment["pools"][str(cp[0].pool_id)]
    assert pool["spent"] == "900000"
    assert [row["id"] for row in pool["projects"] if row["selected"]] == [
        cp[2].pk,
        cp[3].pk,
        cp[1].pk,
    ]
    withdrawn = next(row for row in pool["projects"] if row["id"] == cp[0].pk)
    assert withdrawn["change"] == "withdraw" and WHY in withdrawn["reason"]
    assert "XII/345/27" in withdrawn["reason"]
    # The original results stay as they were counted.
    original = response.json()["pools"]
    city = next(p for p in original if p["id"] == cp[0].pool_id)
    assert [p["id"] for p in city["projects"] if p["selected"]] == [cp[0].pk, cp[2].pk]


def test_added_project_is_bought_first_and_displaces_the_last(counted, api_as, staff):
    edition, _city, _district, cp, _dp = counted
    response = amend(api_as(staff), edition, cp[1], "add")
    assert response.status_code == 201, response.content
    # 400k forced in (600k left): 600k (3 votes) fits exactly, 300k no longer does.
    assert states(cp) == ["selected", "selected", "not_selected", "not_selected"]
    amendment = ResultAmendment.objects.get()
    assert (amendment.moved_in, amendment.moved_out) == ([cp[1].pk], [cp[2].pk])
    rows = amendment.pools[str(cp[0].pool_id)]["projects"]
    assert [(r["id"], r["order"]) for r in rows if r["selected"]] == [(cp[1].pk, 1), (cp[0].pk, 2)]


def test_a_second_count_of_the_same_box_gives_the_same_result(counted, api_as, staff):
    edition, _city, _district, cp, _dp = counted
    client = api_as(staff)
    assert amend(client, edition, cp[0], "withdraw").status_code == 201
    assert amend(client, edition, cp[0], "add").status_code == 201
    assert states(cp) == ["selected", "not_selected", "selected", "not_selected"]
    second = ResultAmendment.objects.get(number=2)
    assert sorted(second.moved_out) == sorted([cp[1].pk, cp[3].pk])
    original = set(
        ProjectResult.objects.filter(pool=cp[0].pool, selected=True).values_list(
            "proposal_id", flat=True
        )
    )
    rows = second.pools[str(cp[0].pool_id)]["projects"]
    assert {r["id"] for r in rows if r["selected"]} == original
    run = TallyRun.objects.get()
    entries = AuditEntry.objects.filter(kind="edition", action="amend_results").order_by("id")
    assert [e.payload["effect"]["amendment"] for e in entries] == [1, 2]
    assert all(e.payload["effect"]["input_digest"] == run.input_digest for e in entries)
    assert all(e.payload["effect"]["seed"] == 7 for e in entries)


def test_amendment_is_audited_on_the_edition_and_each_moved_project(counted, api_as, staff):
    edition, _city, _district, cp, _dp = counted
    amend(api_as(staff), edition, cp[0], "withdraw")
    entry = AuditEntry.objects.get(kind="edition", action="amend_results")
    assert entry.reason == WHY and entry.by_id == staff.pk
    assert entry.payload["resolution_number"] == RESOLUTION["resolution_number"]
    assert entry.payload["effect"]["moved_out"] == [cp[0].pk]
    moved = AuditEntry.objects.filter(kind="proposal", action__in=["select", "not_select"])
    moved = moved.filter(reason__startswith="Zmiana wyników nr 1")
    assert sorted((int(e.object_id), e.to_state) for e in moved) == sorted(
        [(cp[0].pk, "not_selected"), (cp[1].pk, "selected"), (cp[3].pk, "selected")]
    )


def test_resident_may_not_amend(counted, api_as, resident):
    edition, _city, _district, cp, _dp = counted
    response = amend(api_as(resident), edition, cp[0], "withdraw")
    assert response.status_code == 403
    assert "pracownik urzędu" in response.json()["error"]["message"]
    assert not ResultAmendment.objects.exists()
    assert states(cp)[0] == "selected"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reason": ""}, "reason", "uzasadnienie"),
        ({"resolution_number": " "}, "resolution_number", "uchwałę lub decyzję"),
        ({"resolution_date": "2 marca"}, "resolution_date", "RRRR-MM-DD"),
        ({"change": "swap"}, "change", "withdraw"),
        ({"proposal": "abc"}, "proposal", "projekt tej edycji"),
    ],
)
def test_amendment_without_its_reason_or_resolution_is_refused(
    counted, api_as, staff, fields, field, message
):
    edition, _city, _district, cp, _dp = counted
    response = amend(api_as(staff), edition, cp[0], "withdraw", fields)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["details"]["field"] == field and message in error["message"]
    assert not ResultAmendment.objects.exists()
    assert not AuditEntry.objects.filter(action="amend_results").exists()


def test_project_of_another_edition_is_refused(counted, closed, api_as, staff):
    edition = counted[0]
    foreign = closed()[3][0]
    response = amend(api_as(staff), edition, foreign, "withdraw")
    assert response.status_code == 400


@pytest.mark.parametrize(("index", "change"), [(1, "withdraw"), (0, "add")])
def test_withdraw_only_selected_add_only_not_selected(counted, api_as, staff, index, change):
    edition, _city, _district, cp, _dp = counted
    response = amend(api_as(staff), edition, cp[index], change)
    assert response.status_code == 409
    assert response.json()["error"]["message"].startswith(("Wycofać", "Dodać"))


def test_project_in_implementation_is_not_moved(counted, api_as, staff):
    edition, _city, _district, cp, _dp = counted
    Proposal.objects.filter(pk=cp[2].pk).update(state="in_implementation")
    # Adding 400k would push 300k out, and its works have begun.
    response = amend(api_as(staff), edition, cp[1], "add")
    assert response.status_code == 409
    assert "w realizacji" in response.json()["error"]["message"]
    assert not ResultAmendment.objects.exists()


def test_not_counted_edition_refuses_amendments(closed, api_as, staff):
    edition, _city, _district, cp, _dp = closed(state="voting")
    response = amend(api_as(staff), edition, cp[0], "withdraw")
    assert response.status_code == 409
    closed_box = closed()
    response = amend(api_as(staff), closed_box[0], closed_box[3][0], "withdraw")
    assert response.status_code == 409
    assert "nie zostały jeszcze policzone" in response.json()["error"]["message"]


def test_changed_box_is_not_recounted(counted, api_as, staff):
    edition, city, _district, cp, _dp = counted
    cast(edition, city, cp[1])  # a ballot appears after the count
    response = amend(api_as(staff), edition, cp[0], "withdraw")
    assert response.status_code == 409
    assert "SHA-256" in response.json()["error"]["message"]


def test_staff_amends_on_the_page_and_everyone_sees_both_results(
    counted, client, staff, resident, django_assert_max_num_queries
):
    edition, _city, _district, cp, _dp = counted
    page = reverse("results:edition", args=[edition.year])
    client.force_login(resident)
    body = {"proposal": cp[0].pk, "change": "withdraw", "reason": WHY, **RESOLUTION}
    client.post(reverse("results:amend", args=[edition.year]), body)
    assert not ResultAmendment.objects.exists()
    assert "Zmień wyniki" not in client.get(page).content.decode()
    client.force_login(staff)
    refused = client.post(reverse("results:amend", args=[edition.year]), {**body, "reason": ""})
    assert refused.status_code == 302 and not ResultAmendment.objects.exists()
    response = client.post(reverse("results:amend", args=[edition.year]), body, follow=True)
    assert "Wyniki zmienione (zmiana nr 1)" in response.content.decode()
    client.logout()
    with django_assert_max_num_queries(12):
        html = client.get(page).content.decode()
    assert "Zmiany wyników" in html and WHY in html and RESOLUTION["resolution_number"] in html
    assert "Wyniki po zmianach w puli" in html and "Przestały być wybrane" in html
    assert html.count("Wynik pierwotny") == 1


def test_ordinal_recount_keeps_the_points_each_position_gave(closed, api_as, staff):
    edition, city, _district, cp, _dp = closed(
        vote_rule="ordinal", ordinal_points=[3, 2, 1], tally_rule="greedy"
    )
    cast(edition, city, cp[3], cp[1])  # 200k: 3, 400k: 2
    cast(edition, city, cp[3], cp[2])  # 200k: 3, 300k: 2
    cast(edition, city, cp[2])  # 300k: 3
    cast(edition, city, cp[0])  # 600k: 3
    count_edition(edition, by=SYSTEM, seed=3)
    # 200k (6), 300k (5) fit; 600k (3) does not; 400k (2) does.
    assert states(cp) == ["not_selected", "selected", "selected", "selected"]
    response = amend(api_as(staff), edition, cp[3], "withdraw")
    assert response.status_code == 201, response.content
    # Still 300k: 5, 600k: 3, 400k: 2 (moving the second choices up would give 400k 3 points
    # and, cheaper in the tie, the place of 600k).
    assert states(cp) == ["selected", "not_selected", "selected", "not_selected"]


def test_equal_shares_recount_with_ballots_left_empty(closed, api_as, staff):
    edition, city, _district, cp, _dp = closed(vote_rule="approval", tally_rule="mes")
    cast(edition, city, cp[0])
    cast(edition, city, cp[0])
    cast(edition, city, cp[2])
    count_edition(edition, by=SYSTEM, seed=3)
    # 1 000 000 zł / 3 voters: two pay 600k together, the third 300k; nobody backs the rest.
    assert states(cp) == ["selected", "not_selected", "selected", "not_selected"]
    response = amend(api_as(staff), edition, cp[0], "withdraw")
    assert response.status_code == 201, response.content
    # Its two voters have nothing left on their ballots; their share is not given to others.
    assert states(cp) == ["not_selected", "not_selected", "selected", "not_selected"]
    assert response.json()["amendments"][0]["moved_in"] == []


def test_generic_object_page_labels_the_amendment_fields(counted, client, staff):
    edition = counted[0]
    client.force_login(staff)
    body = client.get(f"/proces/edition/{edition.pk}/").content.decode()
    assert "Projekt (numer)" in body and "Uchwała lub decyzja (numer)" in body
    assert f'id="edition-{edition.pk}-amend_results-resolution_date"' in body
    assert 'name="resolution_date" type="date"' in body
