"""The results page draws each pool as an SVG bar chart (the table stays as its text
alternative) and the selected projects that have a point on a map."""

import re

import pytest
from django.urls import reverse

from budget.models import Edition, Proposal
from budget.results.services import count_edition
from workflows.services import SYSTEM

from ..factories import ProposalFactory
from ..test_maps import map_points
from .conftest import cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(closed):
    """Citywide pool (1 000 000 zł): 600 000 zł with 2 votes and 400 000 zł with 1 are
    selected, the other two (no votes) are not; the district's project with 1 vote is."""

    edition, city, district, cp, dp = closed()
    cast(edition, city, cp[0], cp[1])
    cast(edition, city, cp[0])
    cast(edition, district, dp[0])
    points = {cp[0]: ("50.054444", "19.935556"), cp[2]: ("50.07", "19.95"), dp[0]: ("50.1", "20")}
    for proposal, (lat, lon) in points.items():
        Proposal.objects.filter(pk=proposal.pk).update(latitude=lat, longitude=lon)
    count_edition(edition, by=SYSTEM, seed=1)
    Edition.objects.filter(pk=edition.pk).update(state="results_published")
    return edition, city, district, cp, dp


def chart(page: str, pool) -> str:
    found = re.search(
        rf'<svg class="results-chart__svg"[^>]*aria-labelledby="chart-{pool.pk}-title.*?</svg>',
        page,
        re.S,
    )
    assert found, f"no chart for {pool}"
    return found.group(0)


def bars(svg: str) -> list[dict]:
    return [
        {"proposal": int(p), "width": int(w), "value": int(v), "selected": s == "true"}
        for w, p, v, s in re.findall(
            r'<rect class="results-chart__bar"[^>]*width="(\d+)"[^>]*data-proposal="(\d+)"'
            r' data-value="(\d+)" data-selected="(\w+)"',
            svg,
        )
    ]


def test_each_pool_has_a_chart_with_a_bar_per_project(client, published):
    edition, city, district, cp, dp = published
    page = client.get(reverse("results:edition", args=[edition.year])).content.decode()
    assert bars(chart(page, city)) == [
        {"proposal": cp[0].pk, "width": 470, "value": 2, "selected": True},
        {"proposal": cp[1].pk, "width": 235, "value": 1, "selected": True},
        {"proposal": cp[2].pk, "width": 0, "value": 0, "selected": False},
        {"proposal": cp[3].pk, "width": 0, "value": 0, "selected": False},
    ]
    assert [b["proposal"] for b in bars(chart(page, district)) if b["selected"]] == [dp[0].pk]


def test_chart_is_an_image_with_a_title_a_description_and_the_budget_line(client, published):
    edition, city, *_ = published
    svg = chart(client.get(reverse("results:edition", args=[edition.year])).content.decode(), city)
    assert 'role="img"' in svg
    assert f'<title id="chart-{city.pk}-title">Głosy na projekty w puli' in svg
    assert "Wybrane projekty: 2 z 4." in svg
    line = re.search(r'<line class="results-chart__budget"[^>]*y1="(\d+)"', svg)
    title_y = re.findall(r'<text class="results-chart__title" x="0" y="(\d+)"', svg)
    titles = [int(y) for y in title_y]
    # The pool's money ends between the selected projects and the others.
    assert line and titles[1] < int(line.group(1)) < titles[2]
    million = "1\u00a0000\u00a0000\u00a0zł"
    assert f"Kwota puli: {million}, wybrane projekty: {million}." in svg


def test_winners_map_shows_the_selected_projects_with_a_point(client, published):
    edition, _, _, cp, dp = published
    page = client.get(reverse("results:edition", args=[edition.year])).content.decode()
    points = map_points(page, "winners-map")
    # cp[1] is selected without a point, cp[2] has a point but was not selected.
    assert sorted(p["id"] for p in points) == sorted([cp[0].pk, dp[0].pk])
    assert {p["lat"] for p in points} == {50.054444, 50.1}


@pytest.mark.parametrize("extra", [0, 30])
def test_results_page_runs_a_constant_number_of_queries(
    client, closed, author, extra, django_assert_max_num_queries
):
    edition, city, _district, cp, _dp = closed()
    more = [
        ProposalFactory(pool=city, author=author, state="on_ballot", latitude=50.06, longitude=19.9)
        for _ in range(extra)
    ]
    for proposal in [*cp, *more]:
        cast(edition, city, proposal)
    count_edition(edition, by=SYSTEM, seed=1)
    Edition.objects.filter(pk=edition.pk).update(state="results_published")
    with django_assert_max_num_queries(9):
        response = client.get(reverse("results:edition", args=[edition.year]))
    assert response.content.decode().count('class="results-chart__bar"') == 6 + extra


def test_no_winner_with_a_point_no_map(client, published):
    edition = published[0]
    Proposal.objects.update(latitude=None, longitude=None)
    page = client.get(reverse("results:edition", args=[edition.year])).content.decode()
    assert 'id="winners-map"' not in page and "leaflet.js" not in page
    assert 'class="results-chart__svg"' in page
