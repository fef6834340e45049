"""Operational programmes (Gdańsk style): set up by staff with a coordinator and a team,
competitions belonging to one, and a 31 May report per operational programme besides the
city-wide one."""

from decimal import Decimal

import pytest

from grants.models import Competition, CooperationReport, OperationalProgramme
from tests.consultations.factories import TaskAreaFactory
from tests.grants.factories import OrganisationFactory
from tests.grants.test_report import competition, offer

pytestmark = pytest.mark.django_db
URL = "/api/v1/grants/operational-programmes/"


@pytest.fixture
def people(make_user):
    return [make_user(username=name) for name in ("koordynatorka", "zespol1", "zespol2")]


def test_staff_set_up_an_operational_programme_through_the_api(api_as, staff, people):
    area = TaskAreaFactory(number=5)
    body = {
        "name": "Zdrowie i sport",
        "coordinator": "koordynatorka",
        "team": ["zespol1", "zespol2"],
        "task_areas": [area.pk],
    }
    response = api_as(staff).post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["team"] == ["zespol1", "zespol2"]
    assert response.json()["task_areas"] == [5]
    again = api_as(staff).post(URL, body, format="json")
    assert again.status_code == 409
    unknown = api_as(staff).post(URL, body | {"name": "Inny", "team": ["nikt"]}, format="json")
    assert unknown.status_code == 400
    assert "nikt" in unknown.json()["error"]["message"]


def test_residents_may_not_set_one_up(api_as, resident, people):
    body = {"name": "Kultura", "coordinator": "koordynatorka"}
    assert api_as(resident).post(URL, body, format="json").status_code == 403
    assert OperationalProgramme.objects.count() == 0


def test_staff_set_up_one_from_the_page(client, staff, resident, people):
    area = TaskAreaFactory(number=6)
    form = {
        "name": "Kultura",
        "coordinator": "koordynatorka",
        "team": "zespol1\nzespol2",
        "task_areas": [area.pk],
    }
    client.force_login(resident)
    assert client.post("/programy-operacyjne/", form).status_code == 403
    client.force_login(staff)
    response = client.post("/programy-operacyjne/", form)
    assert response.status_code == 302
    made = OperationalProgramme.objects.get()
    assert made.coordinator.username == "koordynatorka"
    assert sorted(u.username for u in made.team.all()) == ["zespol1", "zespol2"]
    page = client.get("/programy-operacyjne/").content.decode()
    assert "Kultura" in page and "zespol2" in page
    refused = client.post("/programy-operacyjne/", form | {"name": "Sport", "coordinator": "x"})
    assert refused.status_code == 200
    assert "Nie ma osób o loginach: x" in refused.content.decode()


def test_a_report_per_operational_programme_and_the_city_wide_one(client, api_as, staff, people):
    health, culture = TaskAreaFactory(number=5), TaskAreaFactory(number=6)
    programme = OperationalProgramme.objects.create(name="Zdrowie", coordinator=people[0])
    programme.task_areas.add(health)
    inside, outside = competition(health), competition(culture)
    Competition.objects.filter(pk=inside.pk).update(operational_programme=programme)
    offer(inside, OrganisationFactory(), "granted", "1000")
    offer(outside, OrganisationFactory(), "granted", "2000")
    client.force_login(staff)
    assert client.post("/sprawozdania-z-programu/", {"year": 2027}).status_code == 302
    response = client.post(
        "/sprawozdania-z-programu/", {"year": 2027, "operational_programme": programme.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/sprawozdania-z-programu/2027/?program={programme.pk}"
    city = CooperationReport.objects.get(year=2027, operational_programme=None)
    own = CooperationReport.objects.get(year=2027, operational_programme=programme)
    assert city.figures["competitions"]["totals"]["amount"] == "3000.00"
    assert own.figures["competitions"]["totals"]["amount"] == "1000.00"
    assert Decimal(own.figures["granted_total"]) == Decimal("1000.00")
    page = client.get(f"/sprawozdania-z-programu/2027/?program={programme.pk}")
    assert page.status_code == 200
    assert "Zdrowie" in page.content.decode()
    assert client.get("/sprawozdania-z-programu/2027/?program=999999").status_code == 404
    data = api_as(staff).get(f"/api/v1/grants/reports/2027/?program={programme.pk}").json()
    assert data["id"] == f"cooperation-report-2027-op-{programme.pk}"
    assert api_as(staff).get("/api/v1/grants/reports/2027/").json()["id"] == (
        "cooperation-report-2027"
    )
    again = api_as(staff).post(
        "/api/v1/grants/reports/",
        {"year": 2027, "operational_programme": programme.pk},
        format="json",
    )
    assert again.status_code == 201
    assert CooperationReport.objects.filter(year=2027).count() == 2


def test_a_competition_belongs_to_an_operational_programme(api_as, staff, people):
    from tests.grants.test_competitions import announcement

    programme = OperationalProgramme.objects.create(name="Zdrowie", coordinator=people[0])
    client = api_as(staff)
    body = announcement(operational_programme=programme.pk, correction_days=14)
    response = client.post("/api/v1/grants/competitions/", body, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["operational_programme"], response.json()["correction_days"]) == (
        programme.pk,
        14,
    )
    unknown = client.post(
        "/api/v1/grants/competitions/", announcement(operational_programme=999999), format="json"
    )
    assert unknown.status_code == 400
    too_long = client.post(
        "/api/v1/grants/competitions/", announcement(correction_days=61), format="json"
    )
    assert too_long.status_code == 400
