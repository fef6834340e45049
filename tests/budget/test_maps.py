"""A proposal's optional point on the map: accepted inside the city, refused outside it (page
and API); the maps of a proposal, of the edition's proposals and of the winners."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import Proposal

from .factories import ProposalFactory
from .test_pages import many_proposals

pytestmark = pytest.mark.django_db

WAWEL = {"latitude": "50.054444", "longitude": "19.935556"}
WARSAW = {"latitude": "52.229676", "longitude": "21.012229"}


def map_points(html: str, name: str) -> list[dict]:
    """The markers a map reads: the JSON its data-points attribute names."""

    element = re.search(rf'<div class="proposal-map" id="{name}"[^>]*>', html)
    assert element, f"no map {name} on the page"
    points_id = re.search(r'data-points="([^"]+)"', element.group(0)).group(1)
    data = re.search(rf'<script id="{points_id}" type="application/json">(.*?)</script>', html)
    return json.loads(data.group(1)) or []


def draft(author, pool, **fields):
    return ProposalFactory(pool=pool, author=author, state="draft", **fields)


def create(client, edition, pool, **point):
    return client.post(
        "/api/v1/budget/proposals/",
        {"edition": edition.pk, "pool": pool.pk, "title": "Ławki pod Wawelem", **point},
        format="json",
    )


def test_api_accepts_a_point_inside_the_city(api_as, author, submission):
    edition, city, _ = submission
    response = create(api_as(author), edition, city, **WAWEL)
    assert response.status_code == 201, response.json()
    assert (response.json()["latitude"], response.json()["longitude"]) == (
        "50.054444",
        "19.935556",
    )
    proposal = Proposal.objects.get()
    assert (proposal.latitude, proposal.longitude) == (Decimal("50.054444"), Decimal("19.935556"))


def test_api_refuses_a_point_outside_the_city(api_as, author, submission):
    edition, city, _ = submission
    response = create(api_as(author), edition, city, **WARSAW)
    assert response.status_code == 400
    error = response.json()["error"]
    assert "poza granicami miasta" in error["message"]
    assert error["details"]["field"] == "latitude"
    assert not Proposal.objects.exists()


def test_api_refuses_half_a_point(api_as, author, submission):
    edition, city, _ = submission
    response = create(api_as(author), edition, city, latitude="50.06")
    assert response.status_code == 400
    assert "obie współrzędne" in response.json()["error"]["message"]


def test_api_edits_and_removes_the_point_of_a_draft(api_as, author, submission):
    _, city, _ = submission
    proposal = draft(author, city)
    client, url = api_as(author), f"/api/v1/budget/proposals/{proposal.pk}/"
    assert client.patch(url, WAWEL, format="json").status_code == 200
    assert client.patch(url, WARSAW, format="json").status_code == 400
    proposal.refresh_from_db()
    assert proposal.latitude == Decimal("50.054444")
    response = client.patch(url, {"latitude": None, "longitude": None}, format="json")
    assert response.status_code == 200 and response.json()["latitude"] is None
    proposal.refresh_from_db()
    assert (proposal.latitude, proposal.longitude) == (None, None)


def test_wizard_saves_the_point_chosen_on_the_map(client, author, submission):
    _, city, _ = submission
    proposal = draft(author, city)
    client.force_login(author)
    url = reverse("budget:proposal-edit", args=[proposal.pk, "opis"])
    page = client.get(url).content.decode()
    assert 'name="latitude"' in page and 'data-pick="true"' in page
    response = client.post(url, {"description": "Ławki", "location": "Wawel", **WAWEL})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.latitude == Decimal("50.054444")


def test_wizard_without_a_point_leaves_it_empty(client, author, submission):
    _, city, _ = submission
    proposal = draft(author, city)
    client.force_login(author)
    url = reverse("budget:proposal-edit", args=[proposal.pk, "opis"])
    form = {"description": "Ławki", "location": "Wawel", "latitude": "", "longitude": ""}
    assert client.post(url, form).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.location, proposal.latitude, proposal.longitude) == ("Wawel", None, None)


def test_wizard_refuses_a_point_outside_the_city_with_400(client, author, submission):
    _, city, _ = submission
    proposal = draft(author, city)
    client.force_login(author)
    url = reverse("budget:proposal-edit", args=[proposal.pk, "opis"])
    response = client.post(url, {"description": "Ławki", "location": "Warszawa", **WARSAW})
    assert response.status_code == 400
    assert "Punkt leży poza granicami miasta" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.location, proposal.latitude) == ("ul. Przykładowa", None)


def test_proposal_page_shows_its_point_on_a_map(client, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted", **WAWEL)
    page = client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()
    assert map_points(page, "proposal-map") == [
        {
            "id": proposal.pk,
            "title": proposal.title,
            "lat": 50.054444,
            "lon": 19.935556,
            "url": reverse("budget:proposal", args=[proposal.pk]),
        }
    ]
    assert "vendor/leaflet/leaflet.js" in page
    # Tests run without tiles (MAP_TILE_URL empty): the map draws markers only.
    assert 'data-tiles=""' in page


def test_proposal_without_a_point_has_no_map(client, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    page = client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()
    assert 'class="proposal-map"' not in page and "leaflet.js" not in page


def test_map_view_of_the_list_shows_the_filtered_points(client, author, submission):
    edition, city, district = submission
    park = ProposalFactory(pool=city, author=author, state="submitted", **WAWEL)
    ProposalFactory(pool=district, author=author, state="submitted", **WAWEL)
    ProposalFactory(pool=city, author=author, state="submitted")  # no point
    draft(author, city, **WAWEL)  # not public
    url = reverse("budget:proposals", args=[edition.year])
    page = client.get(url, {"widok": "mapa", "district": "city"}).content.decode()
    assert [p["id"] for p in map_points(page, "proposals-map")] == [park.pk]
    assert 'aria-current="page">Mapa' in page
    assert "card-grid" not in page


@pytest.mark.parametrize("count", [5, 3000])
def test_map_view_runs_a_constant_number_of_queries(
    client, author, submission, count, django_assert_max_num_queries
):
    edition, city, _ = submission
    many_proposals(city, author, count)
    Proposal.objects.update(latitude=Decimal("50.06"), longitude=Decimal("19.94"))
    with django_assert_max_num_queries(6):
        response = client.get(
            reverse("budget:proposals", args=[edition.year]), {"widok": "mapa", "q": "Projekt"}
        )
    assert len(map_points(response.content.decode(), "proposals-map")) == count


@pytest.mark.parametrize(
    "point",
    [
        {"latitude": "1e400", "longitude": "19.9"},
        {"latitude": "NaN", "longitude": "19.9"},
        {"latitude": "północ", "longitude": "19.9"},
        {"latitude": [50], "longitude": "19.9"},
        {"latitude": True, "longitude": "19.9"},
    ],
)
def test_api_refuses_what_is_not_a_coordinate_with_400(api_as, author, submission, point):
    edition, city, _ = submission
    response = create(api_as(author), edition, city, **point)
    assert response.status_code == 400
    assert not Proposal.objects.exists()
