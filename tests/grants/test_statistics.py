"""Statistics per year, task area and form: the figures against a hand-worked fixture, public
figures only, constant queries, the page, its CSV and the API."""

import csv
import io
from decimal import Decimal

import pytest

from grants.models import CostLine, Offer
from grants.small import SmallGrant
from tests.consultations.factories import TaskAreaFactory
from tests.grants.factories import OrganisationFactory
from tests.grants.test_report import competition, initiatives, offer, small

pytestmark = pytest.mark.django_db


def ask(made: Offer, grant: str) -> Offer:
    CostLine.objects.create(
        offer=made,
        name="Koszt",
        quantity=Decimal("1"),
        unit_cost=Decimal(grant),
        from_grant=Decimal(grant),
        from_own=Decimal("0"),
    )
    CostLine.objects.create(
        offer=made,
        name="Drugi koszt",
        quantity=Decimal("1"),
        unit_cost=Decimal("100"),
        from_grant=Decimal("100"),
        from_own=Decimal("0"),
    )
    return made


@pytest.fixture
def figures(make_user):
    """Hand-worked.

    2027, area 3, supporting: two competitions (one with results, one still being scored).
      With results: A asks 20 100 and gets 15 000; B asks 30 100 and gets nothing.
      Being scored: C asks 10 100 and is decided 8 000, not public yet (not funded here).
      So 2 competitions, 3 offers, 1 funded, requested 60 300, granted 15 000.
    2027, area 3, entrusting: one competition, no offers.
    2027, area 7, small grants: A granted 6 000, B refused asking 3 000; one waiting to be
      published (not counted): 2 offers, 1 funded, requested 9 000, granted 6 000.
    2027, area 7, local initiative: one agreed (city 12 000), one rejected (city 9 000):
      2 applications, 1 funded, requested 21 000, granted 12 000.
    2026, area 7, supporting: one competition, D asks 5 100 and gets 5 000.
    Not counted: a draft competition, a cancelled one, a draft offer."""

    social, ecology = TaskAreaFactory(number=3), TaskAreaFactory(number=7)
    a, b, c, d = (OrganisationFactory(name=f"Fundacja {x}") for x in "ABCD")
    author = make_user(username="rep")
    for organisation in (a, b):
        organisation.representatives.add(author)
    first = competition(social)
    ask(offer(first, a, "granted", "15000"), "20000")
    ask(offer(first, b, "not_granted"), "30000")
    ask(offer(first, c, "draft"), "99999")
    ask(offer(competition(social, state="scored"), c, "granted", "8000"), "10000")
    competition(social, state="published", form="entrusting")
    ask(offer(competition(ecology, year=2026), d, "granted", "5000"), "5000")
    ask(offer(competition(ecology, state="draft"), a, "submitted"), "1000")
    ask(offer(competition(ecology, state="cancelled"), a, "granted", "7777"), "7777")
    for organisation, state, amount in [(a, "granted", "6000"), (b, "refused", "3000")]:
        grant, _state = small(organisation, ecology, state, amount)
        SmallGrant.objects.filter(pk=grant.pk).update(state=state)
    small(a, ecology, "submitted", "8000")
    initiatives(author, ecology, [("agreement_signed", "12000"), ("rejected", "9000")])


EXPECTED = [
    [2027, 3, "supporting", 2, 3, 1, "60300.00", "15000.00"],
    [2027, 3, "entrusting", 1, 0, 0, "0.00", "0.00"],
    [2027, 7, "small_grant", 0, 2, 1, "9000.00", "6000.00"],
    [2027, 7, "local_initiative", 0, 2, 1, "21000.00", "12000.00"],
    [2026, 7, "supporting", 1, 1, 1, "5100.00", "5000.00"],
]
KEYS = ["year", "task_area", "kind", "competitions", "offers", "funded", "requested", "granted"]


def test_the_api_figures_match_the_hand_worked_fixture(api, figures):
    response = api.get("/api/v1/grants/statistics/")
    assert response.status_code == 200
    rows = [[row[k] for k in KEYS] for row in response.json()["rows"]]
    assert rows == EXPECTED
    totals = {(r["year"], r["kind"]): r for r in response.json()["totals"]}
    assert totals[(2027, "supporting")]["granted"] == "15000.00"
    only_2026 = api.get("/api/v1/grants/statistics/", {"year": 2026}).json()["rows"]
    assert [[row[k] for k in KEYS] for row in only_2026] == [EXPECTED[-1]]


def test_a_bad_year_is_a_400(api, client):
    assert api.get("/api/v1/grants/statistics/", {"year": "dwa"}).status_code == 400
    assert client.get("/konkursy/statystyki/", {"rok": "1900"}).status_code == 400


def test_the_page_and_its_csv(client, figures):
    page = client.get("/konkursy/statystyki/", {"rok": 2027})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<caption" in html and 'scope="row"' in html
    assert "inicjatywa lokalna" in html
    download = client.get("/konkursy/statystyki.csv", {"rok": 2027})
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode().lstrip("\ufeff"))))
    assert rows[0][:4] == ["year", "task_area", "task_area_name", "kind"]
    assert len(rows) == 1 + 4
    assert rows[1][4:] == ["2", "3", "1", "60300.00", "15000.00"]


def test_statistics_take_constant_queries(api, figures, django_assert_max_num_queries):
    with django_assert_max_num_queries(6) as few:
        api.get("/api/v1/grants/statistics/")
    area = TaskAreaFactory(number=11)
    for _i in range(20):
        made = competition(area)
        for _j in range(5):
            ask(offer(made, OrganisationFactory(), "granted", "100"), "100")
    with django_assert_max_num_queries(len(few)):
        response = api.get("/api/v1/grants/statistics/")
    row = next(r for r in response.json()["rows"] if r["task_area"] == 11)
    assert (row["competitions"], row["offers"], row["granted"]) == (20, 100, "10000.00")
