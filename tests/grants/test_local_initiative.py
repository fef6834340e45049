"""Local initiative (art. 19b–19h): residents apply with their own contribution, the city
assesses on the resolution's weighted criteria, decides, signs the agreement."""

from datetime import date
from decimal import Decimal

import pytest

from grants.initiative import InitiativeCriterion, InitiativeResolution, LocalInitiative
from tests.consultations.factories import TaskAreaFactory
from tests.grants.conftest import transition

pytestmark = pytest.mark.django_db
API = "/api/v1/grants/initiatives/"
PAGES = "/inicjatywa-lokalna/"


@pytest.fixture
def resolution():
    """The council's criteria: engagement 60% (0–10 points), purpose 40% (0–5); at least
    60 points. Hand-worked: 7 and 3 points give 7/10×60 + 3/5×40 = 66; 5 and 2 give 46."""

    made = InitiativeResolution.objects.create(
        number="LXX/1234/27", adopted_on=date(2027, 1, 20), min_score=Decimal("60")
    )
    made.engagement = InitiativeCriterion.objects.create(
        resolution=made, name="Zaangażowanie mieszkańców", weight=60, max_points=10
    )
    made.purpose = InitiativeCriterion.objects.create(
        resolution=made, name="Celowość zadania", weight=40, max_points=5
    )
    return made


def body(**fields):
    return {
        "task_area": TaskAreaFactory(number=12).pk,
        "group_name": "Mieszkańcy ulicy Wiśniowej",
        "title": "Skwer przy Wiśniowej",
        "description": "Nasadzenia i ławki; mieszkańcy sadzą i pielęgnują.",
        "place": "Skwer przy ul. Wiśniowej",
        "carried_out_from": "2027-04-01",
        "carried_out_to": "2027-06-30",
        "work_hours": 120,
        "work_value": "3600.00",
        "in_kind_value": "500.00",
        "money_value": "0",
        "city_contribution": "12000.00",
        **fields,
    }


def applied(api_as, user, **fields):
    response = api_as(user).post(API, body(**fields), format="json")
    assert response.status_code == 201, response.json()
    return LocalInitiative.objects.get(pk=response.json()["id"])


def assess(api_as, user, initiative, resolution, engagement, purpose):
    points = {str(resolution.engagement.pk): engagement, str(resolution.purpose.pk): purpose}
    return api_as(user).post(f"{API}{initiative.pk}/assessment/", {"points": points}, format="json")


def test_residents_apply_directly_with_their_contribution(api_as, resident, resolution):
    initiative = applied(api_as, resident)
    assert (initiative.applicant, initiative.organisation, initiative.state) == (
        resident,
        None,
        "submitted",
    )
    assert initiative.residents_contribution == Decimal("4100.00")
    assert initiative.resolution == resolution


def test_through_an_organisation_only_its_representative_applies(api_as, org, resolution):
    made = applied(api_as, org["a"].rep, organisation=org["a"].pk)
    assert made.organisation == org["a"]
    refused = api_as(org["b"].rep).post(API, body(organisation=org["a"].pk), format="json")
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"work_value": "0", "in_kind_value": "0", "money_value": "0"}, "work_value"),
        ({"city_contribution": "-5"}, "city_contribution"),
        ({"carried_out_to": "2027-01-01"}, "carried_out_to"),
        ({"title": ""}, "title"),
    ],
)
def test_a_bad_application_is_refused_naming_the_field(api_as, resident, resolution, fields, field):
    response = api_as(resident).post(API, body(**fields), format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert not LocalInitiative.objects.exists()


def test_without_the_councils_criteria_no_application_is_taken(api_as, resident, api):
    assert api.post(API, body(), format="json").status_code == 403
    response = api_as(resident).post(API, body(), format="json")
    assert response.status_code == 409
    assert "kryteriów" in response.json()["error"]["message"]


def test_assessed_above_the_threshold_accepted_agreement_and_completion(
    api_as, resident, staff, resolution
):
    initiative = applied(api_as, resident)
    boss = api_as(staff)
    early = transition(boss, "local_initiative", initiative, "assess")
    assert early.status_code == 409 and "każdego kryterium" in early.json()["error"]["message"]
    assert assess(api_as, staff, initiative, resolution, 7, 3).status_code == 200
    assert transition(boss, "local_initiative", initiative, "assess").status_code == 200
    initiative.refresh_from_db()
    assert initiative.score == Decimal("66.00")
    assert transition(boss, "local_initiative", initiative, "accept").status_code == 200
    no_number = transition(boss, "local_initiative", initiative, "sign_agreement")
    assert no_number.status_code == 400
    signed = transition(
        boss, "local_initiative", initiative, "sign_agreement", agreement_number="IL/7/2027"
    )
    assert signed.status_code == 200
    assert transition(boss, "local_initiative", initiative, "complete").status_code == 200
    initiative.refresh_from_db()
    assert (initiative.state, initiative.agreement_number) == ("completed", "IL/7/2027")
    again = assess(api_as, staff, initiative, resolution, 1, 1)
    assert again.status_code == 409


def test_an_application_below_the_criteria_is_not_accepted(api_as, resident, staff, resolution):
    initiative = applied(api_as, resident)
    boss = api_as(staff)
    assess(api_as, staff, initiative, resolution, 5, 2)
    transition(boss, "local_initiative", initiative, "assess")
    refused = transition(boss, "local_initiative", initiative, "accept")
    assert refused.status_code == 409
    assert "46.00 pkt" in refused.json()["error"]["message"]
    assert "60.00 pkt" in refused.json()["error"]["message"]
    assert transition(boss, "local_initiative", initiative, "reject").status_code == 400
    rejected = transition(boss, "local_initiative", initiative, "reject", reason="Poniżej progu.")
    assert rejected.status_code == 200
    initiative.refresh_from_db()
    assert (initiative.state, initiative.decision_reason) == ("rejected", "Poniżej progu.")


@pytest.mark.parametrize(
    ("engagement", "purpose"), [(11, 3), (-1, 3), ("siedem", 3)], ids=["over", "negative", "text"]
)
def test_points_out_of_range_are_refused(api_as, resident, staff, resolution, engagement, purpose):
    initiative = applied(api_as, resident)
    response = assess(api_as, staff, initiative, resolution, engagement, purpose)
    assert response.status_code == 400
    assert not initiative.assessments.exists()


def test_only_staff_assess_and_decide(api_as, resident, make_user, staff, resolution):
    initiative = applied(api_as, resident)
    assert assess(api_as, resident, initiative, resolution, 7, 3).status_code == 403
    missing = api_as(staff).post(
        f"{API}{initiative.pk}/assessment/",
        {"points": {str(resolution.engagement.pk): 7}},
        format="json",
    )
    assert missing.status_code == 400
    assess(api_as, staff, initiative, resolution, 7, 3)
    assert transition(api_as(resident), "local_initiative", initiative, "assess").status_code in (
        403,
        404,
    )
    initiative.refresh_from_db()
    assert initiative.state == "submitted"


def test_an_application_is_public_once_the_city_assessed_it(
    api, api_as, resident, make_user, staff, resolution
):
    initiative = applied(api_as, resident)
    other = make_user(username="sasiad")
    assert api.get(f"{API}{initiative.pk}/").status_code == 404
    assert api_as(other).get(API).json() == []
    assert api_as(resident).get(f"{API}{initiative.pk}/").status_code == 200
    assess(api_as, staff, initiative, resolution, 7, 3)
    transition(api_as(staff), "local_initiative", initiative, "assess")
    assert api.get(f"{API}{initiative.pk}/").json()["score"] == "66.00"
    assert [row["id"] for row in api.get(API).json()] == [initiative.pk]


def test_from_the_pages_residents_apply_and_staff_assess(client, resident, staff, resolution):
    client.force_login(resident)
    form = body(task_area=TaskAreaFactory(number=12).pk)
    form.pop("money_value")
    response = client.post(f"{PAGES}nowy/", {**form, "money_value": "0", "organisation": ""})
    assert response.status_code == 302, response.content.decode()[-2000:]
    initiative = LocalInitiative.objects.get()
    own = client.get(f"{PAGES}{initiative.pk}/").content.decode()
    assert "Zapisz ocenę" not in own and "4\xa0100,00\xa0zł" in own
    assert client.post(f"{PAGES}{initiative.pk}/", {}).status_code == 403
    client.force_login(staff)
    points = {str(resolution.engagement.pk): "7", str(resolution.purpose.pk): "3"}
    assert client.post(f"{PAGES}{initiative.pk}/", points).status_code == 302
    client.post(f"/proces/local_initiative/{initiative.pk}/assess/", {})
    page = client.get(f"{PAGES}{initiative.pk}/").content.decode()
    assert "66,00 pkt (próg 60,00 pkt)" in page and "Przyjmij wniosek do realizacji" in page


def test_the_list_takes_constant_queries(
    client, resident, resolution, django_assert_max_num_queries
):
    area = TaskAreaFactory(number=12)

    def make(n):
        for i in range(n):
            LocalInitiative.objects.create(
                resolution=resolution,
                task_area=area,
                applicant=resident,
                group_name="Sąsiedzi",
                title=f"Inicjatywa {i}",
                description="Opis.",
                place="Osiedle",
                carried_out_from=date(2027, 4, 1),
                carried_out_to=date(2027, 5, 1),
                work_value=Decimal("100"),
                in_kind_value=Decimal("0"),
                money_value=Decimal("0"),
                city_contribution=Decimal("1000"),
            )

    make(2)
    client.force_login(resident)
    with django_assert_max_num_queries(20) as few:
        client.get(PAGES)
    make(20)
    with django_assert_max_num_queries(len(few)):
        page = client.get(PAGES).content.decode()
    assert page.count("Inicjatywa ") >= 22
