"""The open-data register of a year's grants, CSV and JSON, with stable identifiers."""

import csv
import io
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from grants.models import Competition, CostLine, Offer
from tests.grants.conftest import add_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(published, org):
    granted = add_offer(org["a"], published)
    refused = add_offer(org["b"], published, grant="30000.00", own="5000.00")
    Offer.objects.filter(pk=granted.pk).update(
        state="granted", score=Decimal("72.00"), granted=Decimal("15000.00")
    )
    Offer.objects.filter(pk=refused.pk).update(
        state="not_granted", score=Decimal("59.00"), decision_reason="Za mało punktów."
    )
    add_offer(org["b"], published)  # a draft is never listed
    with time_machine.travel(timezone.datetime(2027, 2, 10, 12, tzinfo=timezone.UTC)):
        Competition.objects.filter(pk=published.pk).update(
            state="results_published", results_published_at=timezone.now()
        )
    return published, granted, refused


def test_the_json_register_lists_every_decided_offer_of_the_year(api, decided):
    competition, granted, refused = decided
    rows = api.get("/api/v1/grants/register/2027.json").json()
    assert [(r["id"], r["granted"], r["reason"]) for r in rows] == [
        (f"offer-{granted.pk}", "15000.00", ""),
        (f"offer-{refused.pk}", "", "Za mało punktów."),
    ]
    assert rows[0]["competition_id"] == f"competition-{competition.pk}"
    assert (rows[0]["requested"], rows[0]["score"], rows[0]["krs"]) == (
        "18000.00",
        "72.00",
        granted.organisation.krs,
    )
    assert api.get("/api/v1/grants/register/2026.json").json() == []


def test_the_csv_register_has_the_same_rows(api, decided):
    response = api.get("/api/v1/grants/register/2027.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["id"] for r in rows] == [f"offer-{decided[1].pk}", f"offer-{decided[2].pk}"]
    assert rows[0]["organisation"] == "Fundacja A"


def test_results_not_yet_published_stay_out_of_the_register(api, published, org):
    Offer.objects.filter(pk=add_offer(org["a"], published).pk).update(
        state="granted", granted=Decimal("1000")
    )
    assert api.get(f"/api/v1/grants/register/{timezone.now().year}.json").json() == []


def test_a_year_out_of_range_is_refused(api):
    assert api.get("/api/v1/grants/register/1999.json").status_code == 400


def test_lists_of_offers_take_constant_queries(
    api, api_as, staff, decided, org, django_assert_max_num_queries
):
    competition = decided[0]
    urls = [
        "/api/v1/grants/register/2027.json",
        "/api/v1/grants/register/2027.csv",
        f"/api/v1/grants/competitions/{competition.pk}/",
        f"/api/v1/grants/competitions/{competition.pk}/offers/",
        f"/konkursy/{competition.pk}/",
    ]
    client = api_as(staff)
    counts = query_counts(client, urls, django_assert_max_num_queries)
    for n in range(30):
        offer = add_offer(org["a" if n % 2 else "b"], competition)
        Offer.objects.filter(pk=offer.pk).update(state="not_granted", score=Decimal(n))
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            response = client.get(url)
        assert response.status_code == 200
    assert len(api.get("/api/v1/grants/register/2027.json").json()) == 32


def query_counts(client, urls, django_assert_max_num_queries) -> dict[str, int]:
    """The queries each page takes now (at most 20), to hold it to as the rows grow."""
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(20) as few:
            assert client.get(url).status_code == 200
        counts[url] = len(few)
    return counts


def test_lists_of_a_thousand_offers_take_the_same_queries_as_of_three(
    api_as, staff, decided, org, django_assert_max_num_queries
):
    competition = decided[0]
    urls = [
        "/api/v1/grants/register/2027.json",
        "/api/v1/grants/register/2027.csv",
        f"/api/v1/grants/competitions/{competition.pk}/offers/",
        f"/konkursy/{competition.pk}/",
    ]
    client = api_as(staff)
    counts = query_counts(client, urls, django_assert_max_num_queries)
    model = Offer.objects.filter(competition=competition).first()
    offers = Offer.objects.bulk_create(
        Offer(
            competition=competition,
            organisation=org["a" if n % 2 else "b"],
            created_by=model.created_by,
            title=f"Oferta {n}",
            starts_on=model.starts_on,
            ends_on=model.ends_on,
            state="not_granted",
            score=Decimal(n % 100),
            decision_reason="Za mało punktów.",
        )
        for n in range(1000)
    )
    CostLine.objects.bulk_create(
        CostLine(
            offer=offer,
            name="Koszt",
            quantity=Decimal("1"),
            unit_cost=Decimal("20000.00"),
            from_grant=Decimal("18000.00"),
            from_own=Decimal("2000.00"),
        )
        for offer in offers
    )
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            response = client.get(url)
        assert response.status_code == 200
    assert len(client.get("/api/v1/grants/register/2027.json").json()) == 1002
