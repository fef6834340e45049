import pytest
from django.urls import reverse

from budget.models import Edition
from budget.results.models import TallyRun
from budget.results.services import count_edition
from workflows.services import SYSTEM

from .conftest import cast

pytestmark = pytest.mark.django_db


def url(edition, suffix=""):
    return f"/api/v1/budget/editions/{edition.pk}/results/{suffix}"


def publish(edition):
    Edition.objects.filter(pk=edition.pk).update(state="results_published")
    edition.refresh_from_db()


@pytest.fixture
def counted(closed):
    edition, city, district, cp, dp = closed()
    cast(edition, city, cp[0], cp[1])
    cast(edition, city, cp[0])
    cast(edition, district, dp[0])
    count_edition(edition, by=SYSTEM, seed=1)
    return edition, city, district, cp, dp


@pytest.mark.parametrize("who", ["anonymous", "resident", "staff"])
def test_votes_never_shown_while_voting_is_open(closed, who, request, api, api_as):
    edition, city, _district, cp, _dp = closed(state="voting")
    cast(edition, city, cp[0])
    client = api if who == "anonymous" else api_as(request.getfixturevalue(who))
    response = client.get(url(edition))
    assert response.status_code == 409
    assert "votes" not in response.content.decode()
    assert response.json()["error"]["code"]
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("results:edition", args=[edition.year]))
    assert page.status_code == 409
    assert cp[0].title not in page.content.decode()


def test_closed_box_results_hidden_from_residents_until_published(counted, api, api_as, resident):
    edition = counted[0]
    assert api.get(url(edition)).status_code == 409
    assert api_as(resident).get(url(edition)).status_code == 409


def test_staff_previews_before_publication(counted, api_as, staff):
    edition = counted[0]
    body = api_as(staff).get(url(edition)).json()
    assert body["seed"] == 1 and len(body["pools"]) == 2


def test_published_results_per_pool_and_project(counted, api):
    edition, city, _district, cp, _dp = counted
    publish(edition)
    body = api.get(url(edition)).json()
    pool = next(p for p in body["pools"] if p["id"] == city.pk)
    assert pool["amount"] == "1000000.00" and pool["spent"] == "1000000.00"
    assert (pool["voters"], pool["voters_with_winner"], pool["winner_share"]) == (2, 2, 1.0)
    first = pool["projects"][0]
    assert (first["id"], first["votes"], first["selected"]) == (cp[0].pk, 2, True)
    assert first["reason"].startswith("Zmieścił się")
    assert body["input_digest"] == TallyRun.objects.get().input_digest


def test_staff_counts_through_the_api(closed, api_as, staff, resident):
    edition, city, _district, cp, _dp = closed()
    cast(edition, city, cp[3])
    assert api_as(resident).post(url(edition, "count/")).status_code == 403
    response = api_as(staff).post(url(edition, "count/"))
    assert response.status_code == 201
    assert response.json()["rule"] == "greedy"
    assert api_as(staff).post(url(edition, "count/")).status_code == 409


def test_count_refused_while_voting(closed, api_as, staff):
    edition, *_ = closed(state="voting")
    assert api_as(staff).post(url(edition, "count/")).status_code == 409
    assert not TallyRun.objects.exists()


def test_results_api_query_count_is_constant(closed, api, django_assert_max_num_queries):
    edition, city, district, cp, dp = closed()
    for i in range(12):
        cast(edition, city, cp[i % 4], cp[(i + 1) % 4])
        cast(edition, district, dp[i % 2])
    count_edition(edition, by=SYSTEM)
    publish(edition)
    with django_assert_max_num_queries(8):
        assert api.get(url(edition)).status_code == 200


def test_results_page_published(counted, client, django_assert_max_num_queries):
    edition, _city, _district, cp, _dp = counted
    publish(edition)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("results:edition", args=[edition.year]))
    html = page.content.decode()
    assert page.status_code == 200
    assert cp[0].title in html and "Zmieścił się w puli" in html
    assert "<meter" in html and "<table" in html and ">2 · wybrany</text>" in html
    assert "1\u00a0000\u00a0000\u00a0zł z 1\u00a0000\u00a0000\u00a0zł" in html
    assert "2 z 2 głosujących" in html
    assert "nie oddano" not in html


def test_results_page_preview_and_count_for_staff(closed, client, staff):
    edition, city, _district, cp, _dp = closed()
    cast(edition, city, cp[3])
    client.force_login(staff)
    page = client.get(reverse("results:edition", args=[edition.year]))
    assert page.status_code == 409 and "Policz głosy" in page.content.decode()
    response = client.post(reverse("results:count", args=[edition.year]))
    assert response.status_code == 302
    page = client.get(reverse("results:edition", args=[edition.year]))
    assert page.status_code == 200 and "Podgląd" in page.content.decode()


def test_resident_cannot_count_through_the_page(closed, client, resident):
    edition, *_ = closed()
    client.force_login(resident)
    client.post(reverse("results:count", args=[edition.year]))
    assert not TallyRun.objects.exists()


def test_results_endpoints_are_documented_with_their_errors(api):
    paths = api.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    results = paths["/api/v1/budget/editions/{id}/results/"]["get"]
    assert {"200", "404", "409"} <= set(results["responses"])
    count = paths["/api/v1/budget/editions/{id}/results/count/"]["post"]
    assert {"201", "403", "404", "409"} <= set(count["responses"])
