"""The edition set-up pages: forms come back filled on error, dates in ISO, money with a comma."""

from datetime import timedelta

import pytest
from django.utils import timezone

from budget.models import CityUnit, Edition
from tests.budget.factories import DistrictFactory, EditionFactory

pytestmark = pytest.mark.django_db

SETTINGS = {
    "title": "Budżet Obywatelski 2028",
    "year": "2028",
    "legal_basis": "Uchwała nr I/1/27",
    "total_amount": "2 500 000,50",
    "city_spending": "",
    "categories": ["greenery"],
    "vote_rule": "approval",
    "max_choices": "5",
    "ordinal_points": "",
    "max_points": "10",
    "pool_mode": "one_district",
    "minimum_age": "0",
    "guardian_under": "13",
    "identification": ["pesel"],
    "tie_break": "cheaper_first",
    "correction_days": "7",
}


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_create_an_edition_with_a_decimal_comma(staff_client):
    city = DistrictFactory().city
    response = staff_client.post("/budzet/ustawienia/nowa/", {**SETTINGS, "city": city.pk})
    assert response.status_code == 302, response.content.decode()
    edition = Edition.objects.get(year=2028)
    assert str(edition.total_amount) == "2500000.50"
    assert edition.legal_basis == "Uchwała nr I/1/27"
    listed = staff_client.get("/budzet/ustawienia/").content.decode().replace("\xa0", " ")
    assert "2 500 000,50 zł</td>" in listed and "zł zł" not in listed


def test_a_refused_form_comes_back_filled_with_the_error_at_the_field(staff_client):
    city = DistrictFactory().city
    data = {**SETTINGS, "city": city.pk, "city_spending": "1 000 000 000"}
    response = staff_client.post("/budzet/ustawienia/nowa/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "0,5%" in page and 'value="2 500 000,50"' in page
    assert 'class="govuk-error-summary error-summary"' in page
    assert not Edition.objects.filter(year=2028).exists()


def test_settings_fixed_by_a_started_phase_are_refused_with_the_reason(staff_client):
    edition = EditionFactory(state="submission", year=2030)
    data = {**SETTINGS, "year": edition.year, "total_amount": "1,00"}
    response = staff_client.post(f"/budzet/ustawienia/{edition.pk}/", data)
    assert response.status_code == 400
    assert "przed otwarciem naboru" in response.content.decode()


def test_the_schedule_shows_saved_dates_as_iso_values(staff_client):
    edition = EditionFactory()
    day = (timezone.now() + timedelta(days=30)).date()
    fields = {}
    for n, kind in enumerate(("submission", "verification", "appeals", "voting", "results")):
        fields[f"{kind}_opens"] = (day + timedelta(days=10 * n)).isoformat()
        fields[f"{kind}_closes"] = (day + timedelta(days=10 * n + 5)).isoformat()
    url = f"/budzet/ustawienia/{edition.pk}/harmonogram/"
    assert staff_client.post(url, fields).status_code == 302
    page = staff_client.get(url).content.decode()
    assert f'value="{day.isoformat()}"' in page


def test_a_phase_with_only_a_start_is_refused_and_kept(staff_client):
    edition = EditionFactory()
    url = f"/budzet/ustawienia/{edition.pk}/harmonogram/"
    response = staff_client.post(url, {"voting_opens": "2027-05-01"})
    assert response.status_code == 400
    assert 'value="2027-05-01"' in response.content.decode()


def test_a_unit_gets_its_verifier(staff_client, resident):
    response = staff_client.post(
        "/budzet/jednostki/", {"name": "Zarząd Dróg", "verifiers": [resident.pk]}
    )
    assert response.status_code == 302
    assert list(CityUnit.objects.get(name="Zarząd Dróg").members.all()) == [resident]
    assert resident.groups.filter(name="verifier").exists()


def test_a_copy_keeps_pools_and_moves_the_schedule(staff_client, api_as, staff):
    from tests.budget.conftest import make_edition

    source, _city, _district = make_edition("results_published", "submission", year=2030)
    response = staff_client.post(
        f"/budzet/ustawienia/{source.pk}/kopia/", {"year": source.year + 1}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    copy = Edition.objects.get(year=source.year + 1)
    assert copy.state == "draft" and copy.pools.count() == 2
    first, again = source.phases.first(), copy.phases.first()
    assert again.opens_at.year == first.opens_at.year + 1


@pytest.mark.parametrize(
    "url", ["/budzet/ustawienia/", "/budzet/ustawienia/nowa/", "/budzet/jednostki/"]
)
def test_residents_are_refused_the_set_up_pages(client, resident, url):
    client.force_login(resident)
    assert client.get(url).status_code == 403


def test_a_citywide_pool_and_a_district_pool_with_its_loaded_population(staff_client):
    edition = EditionFactory(year=2030)
    district = DistrictFactory(city=edition.city, number=99, population=42000)
    url = f"/budzet/ustawienia/{edition.pk}/pule/"
    pool = {"amount": "1 000 000,00", "max_project_cost": "500 000", "support_minimum": "0"}
    citywide = {**pool, "district": "", "name": "Pula ogólnomiejska", "population": "90000"}
    assert staff_client.post(url, citywide).status_code == 302
    local = {**pool, "district": str(district.pk), "name": "Pula dzielnicy", "population": ""}
    assert staff_client.post(url, local).status_code == 302
    assert [(p.district_id, p.population) for p in edition.pools.order_by("pk")] == [
        (None, 90000),
        (district.pk, 42000),
    ]
    page = staff_client.get(url).content.decode().replace("\xa0", " ")
    assert "1 000 000,00 zł</td>" in page and "zł zł" not in page


def test_too_many_signatures_are_refused_with_the_cap(staff_client):
    edition = EditionFactory(year=2030)
    url = f"/budzet/ustawienia/{edition.pk}/pule/"
    data = {
        "district": "",
        "name": "Pula",
        "amount": "1000000",
        "max_project_cost": "500000",
        "population": "50000",
        "support_minimum": "51",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert "najwyżej 50" in response.content.decode()


def test_the_set_up_navigation_leads_to_the_rulebook_and_the_counting_rule(staff_client):
    edition = EditionFactory()
    page = staff_client.get(f"/budzet/ustawienia/{edition.pk}/").content.decode()
    assert f"/budzet/edycje/{edition.pk}/zasady/" in page
    assert f"/budzet/ustawienia/{edition.pk}/liczenie/" in page
    rulebook = staff_client.get(f"/budzet/edycje/{edition.pk}/zasady/").content.decode()
    assert f"/budzet/ustawienia/{edition.pk}/pule/" in rulebook


def test_a_thematic_pool_is_added_on_the_pools_page(staff_client):
    edition = EditionFactory()
    district = DistrictFactory(city=edition.city, number=98)
    url = f"/budzet/ustawienia/{edition.pk}/pule/"
    pool = {"amount": "300 000", "max_project_cost": "100 000", "support_minimum": "0"}
    thematic = {**pool, "kind": "thematic", "district": "", "name": "Zielony budżet"}
    thematic["population"] = "90000"
    assert staff_client.post(url, thematic).status_code == 302
    assert edition.pools.get().kind == "thematic"
    refused = staff_client.post(url, {**thematic, "district": str(district.pk)})
    assert refused.status_code == 400
    assert 'id="id_kind_error"' in refused.content.decode()


def test_pools_are_refused_once_submission_is_over(staff_client):
    edition = EditionFactory(state="verification")
    data = {"district": "", "name": "Pula", "amount": "1000", "max_project_cost": "100"}
    data |= {"population": "1000", "support_minimum": "0"}
    response = staff_client.post(f"/budzet/ustawienia/{edition.pk}/pule/", data)
    assert response.status_code == 400
    assert "przed zakończeniem naboru" in response.content.decode()
    assert not edition.pools.exists()


def test_the_counting_rule_is_set_on_a_page_with_its_threshold(staff_client):
    edition = EditionFactory()
    url = f"/budzet/ustawienia/{edition.pk}/liczenie/"
    assert 'value="greedy-threshold"' in staff_client.get(url).content.decode()
    missing = staff_client.post(url, {"tally_rule": "greedy-threshold"})
    assert missing.status_code == 400
    assert 'id="id_score_threshold_error"' in missing.content.decode()
    saved = staff_client.post(url, {"tally_rule": "greedy-threshold", "score_threshold": "50"})
    assert saved.status_code == 302
    edition.refresh_from_db()
    assert (edition.tally_rule, edition.score_threshold) == ("greedy-threshold", 50)


def test_the_counting_rule_is_refused_once_voting_opens(staff_client):
    edition = EditionFactory(state="voting")
    response = staff_client.post(
        f"/budzet/ustawienia/{edition.pk}/liczenie/", {"tally_rule": "mes"}
    )
    assert response.status_code == 400
    assert "po otwarciu głosowania" in response.content.decode()
    edition.refresh_from_db()
    assert edition.tally_rule == "greedy"
