"""The annex to the budget resolution: selected projects by implementing unit, as CSV too."""

import pytest
from django.urls import reverse

from budget.models import CityUnit, Edition, Implementation
from budget.results.services import count_edition
from workflows.models import AuditEntry
from workflows.services import SYSTEM

from .conftest import cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def selected(closed, api_as, staff):
    """Citywide 600k and 300k selected, the district's 300k; two units named for three."""

    edition, city, district, cp, dp = closed(vote_rule="approval", tally_rule="greedy")
    cast(edition, city, cp[0], cp[1])
    cast(edition, city, cp[0], cp[2])
    cast(edition, city, cp[0], cp[3], cp[2])
    cast(edition, district, dp[0])
    count_edition(edition, by=SYSTEM, seed=7)
    Edition.objects.filter(pk=edition.pk).update(state="results_published")
    edition.refresh_from_db()
    roads = CityUnit.objects.create(name="Zarząd Dróg Miasta Krakowa")
    greenery = CityUnit.objects.create(name="Zarząd Zieleni Miejskiej")
    client = api_as(staff)
    for proposal, unit in ((cp[0], roads), (cp[2], greenery), (dp[0], greenery)):
        url = f"/api/v1/budget/implementations/{proposal.pk}/"
        assert client.post(url, {"unit": unit.pk}, format="json").status_code == 200
    return edition, cp, dp, roads, greenery


def annex_url(edition):
    return f"/api/v1/budget/editions/{edition.pk}/annex/"


def resolution(client, edition, **fields):
    body = {"resolution_number": "Uchwała nr XX/500/27", "resolution_date": "2027-12-18"}
    url = f"/api/v1/budget/editions/{edition.pk}/budget-resolution/"
    return client.post(url, {**body, **fields}, format="json")


def test_annex_groups_selected_projects_by_implementing_unit(
    selected, api, django_assert_max_num_queries
):
    edition, cp, dp, _roads, _greenery = selected
    # The edition (4), whether its results are visible (4), the annex (1): not per project.
    with django_assert_max_num_queries(9):
        groups = api.get(annex_url(edition)).json()
    assert [(g["unit_name"], g["total"]) for g in groups] == [
        ("Zarząd Dróg Miasta Krakowa", "600000.00"),
        ("Zarząd Zieleni Miejskiej", "600000.00"),
    ]
    assert sorted(p["id"] for p in groups[1]["projects"]) == sorted([cp[2].pk, dp[0].pk])


def test_annex_follows_amended_results(selected, api, api_as, staff):
    edition, cp, _dp, _roads, _greenery = selected
    body = {
        "proposal": cp[0].pk,
        "change": "withdraw",
        "reason": "Brak zgody zarządcy terenu.",
        "resolution_number": "Uchwała nr XII/345/27",
        "resolution_date": "2027-03-02",
    }
    url = f"/api/v1/budget/editions/{edition.pk}/results/amendments/"
    assert api_as(staff).post(url, body, format="json").status_code == 201
    groups = api.get(annex_url(edition)).json()
    listed = {p["id"]: g["unit_name"] for g in groups for p in g["projects"]}
    assert cp[0].pk not in listed
    # Moved up, no unit yet: listed apart, last.
    assert listed[cp[1].pk] is None and listed[cp[3].pk] is None
    assert groups[-1]["unit"] is None and groups[-1]["total"] == "600000.00"


def test_annex_csv_lists_each_project_with_its_unit_and_amount(selected, client):
    edition, cp, _dp, _roads, _greenery = selected
    response = client.get(reverse("budget:annex-csv", args=[edition.year]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("jednostka realizująca,nr projektu,tytuł projektu,pula,kwota")
    assert (
        f"Zarząd Dróg Miasta Krakowa,{cp[0].pk},{cp[0].title},Pula ogólnomiejska,600000.00,,"
        in (lines)
    )
    assert lines[-1] == "Razem,,,,1200000.00,,"


def test_annex_page_shows_units_and_the_form_to_staff_only(selected, client, staff):
    edition = selected[0]
    url = reverse("budget:annex", args=[edition.year])
    html = client.get(url).content.decode()
    assert "Zarząd Dróg Miasta Krakowa" in html and "Pobierz załącznik (CSV)" in html
    assert "Odnotuj uchwałę" not in html
    client.force_login(staff)
    assert "Odnotuj uchwałę" in client.get(url).content.decode()


def test_annex_is_hidden_until_results_are_published(selected, api, client):
    edition = selected[0]
    Edition.objects.filter(pk=edition.pk).update(state="voting_closed")
    assert api.get(annex_url(edition)).status_code == 409
    assert client.get(reverse("budget:annex-csv", args=[edition.year])).status_code == 409


def test_staff_record_the_budget_resolution_on_every_selected_project(selected, api_as, staff):
    edition, cp, dp, *_ = selected
    implementation = Implementation.objects.get(proposal=cp[2])
    implementation.delete()
    response = resolution(api_as(staff), edition)
    assert response.status_code == 409
    assert cp[2].title in response.json()["error"]["message"]
    client = api_as(staff)
    client.post(f"/api/v1/budget/implementations/{cp[2].pk}/", {"unit": selected[4].pk})
    response = resolution(client, edition)
    assert response.status_code == 200
    projects = [p for g in response.json() for p in g["projects"]]
    assert {p["budget_resolution_number"] for p in projects} == {"Uchwała nr XX/500/27"}
    assert {p["budget_resolution_date"] for p in projects} == {"2027-12-18"}
    audited = AuditEntry.objects.filter(kind="proposal", action="budget_resolution")
    assert sorted(int(e.object_id) for e in audited) == sorted([cp[0].pk, cp[2].pk, dp[0].pk])
    assert all(e.by_id == staff.pk for e in audited)
    tracked = client.get("/api/v1/budget/implementations/", {"edition": edition.pk}).json()
    assert {
        (r["budget_resolution_number"], r["budget_resolution_date"]) for r in tracked["results"]
    } == {("Uchwała nr XX/500/27", "2027-12-18")}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"resolution_number": " "}, "resolution_number"),
        ({"resolution_date": "18.12"}, "resolution_date"),
    ],
)
def test_budget_resolution_needs_its_number_and_date(selected, api_as, staff, fields, field):
    response = resolution(api_as(staff), selected[0], **fields)
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert not Implementation.objects.exclude(budget_resolution_number="").exists()


def test_resident_may_not_record_the_budget_resolution(selected, api_as, resident, client):
    edition = selected[0]
    assert resolution(api_as(resident), edition).status_code == 403
    client.force_login(resident)
    url = reverse("budget:budget-resolution", args=[edition.year])
    client.post(url, {"resolution_number": "X", "resolution_date": "2027-12-18"})
    assert not Implementation.objects.exclude(budget_resolution_number="").exists()


def test_staff_record_the_budget_resolution_on_the_page(selected, client, staff):
    edition = selected[0]
    client.force_login(staff)
    url = reverse("budget:budget-resolution", args=[edition.year])
    body = {"resolution_number": "Uchwała nr XX/500/27", "resolution_date": "2027-12-18"}
    page = client.post(url, body, follow=True).content.decode()
    assert "Uchwała budżetowa odnotowana przy 3 projektach." in page
    assert "Uchwała nr XX/500/27, 18 grudnia 2027" in page
