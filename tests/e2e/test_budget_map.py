"""The map in the browser: the author clicks the map on the proposal form and the point's
latitude and longitude are filled in and saved; the proposal's page shows it as a marker.
The tests run without tiles (MAP_TILE_URL empty): the map draws its markers only."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from budget.models import Proposal
from tests.budget.conftest import make_edition
from tests.budget.factories import ProposalFactory
from tests.e2e.conftest import describe_violations
from tests.e2e.test_budget_flow import person
from workflows.accounts.models import Role

pytestmark = pytest.mark.e2e


def test_author_chooses_the_point_on_the_map(page, live_url, login, axe_check):
    _, city_pool, _ = make_edition("submission", "submission")
    author = person("autorka", Role.RESIDENT)
    proposal = ProposalFactory(pool=city_pool, author=author, state="draft", location="")
    login(page, author)
    page.goto(f"{live_url}/budzet/projekty/{proposal.pk}/edycja/opis/")
    latitude = page.locator("input[name=latitude]")
    longitude = page.locator("input[name=longitude]")
    expect(latitude).to_have_value("")
    the_map = page.get_by_role("region", name="Mapa: wskaż miejsce projektu")
    expect(the_map).to_have_class(re.compile(r"\bleaflet-container\b"), timeout=10_000)
    the_map.click()  # its middle: the middle of the city
    expect(latitude).to_have_value(re.compile(r"^50\.\d{6}$"))
    expect(longitude).to_have_value(re.compile(r"^(19|20)\.\d{6}$"))
    expect(page.get_by_text("Wybrany punkt: ")).to_be_visible()
    assert axe_check(page) == [], describe_violations(axe_check(page))

    page.get_by_label("Opis projektu").fill("Ławki i zieleń.")
    page.get_by_label("Lokalizacja").fill("Rynek Główny")
    chosen = (latitude.input_value(), longitude.input_value())
    page.get_by_role("button", name="Zapisz i dalej").click()
    expect(page.get_by_label("Szacowany koszt (zł)")).to_be_visible()
    proposal.refresh_from_db()
    assert (proposal.latitude, proposal.longitude) == tuple(Decimal(v) for v in chosen)


def test_author_removes_the_point_and_the_page_shows_a_marker(page, live_url, login, axe_check):
    _, city_pool, _ = make_edition("submission", "submission")
    author = person("autor", Role.RESIDENT)
    proposal = ProposalFactory(
        pool=city_pool, author=author, state="draft", latitude="50.054444", longitude="19.935556"
    )
    login(page, author)
    page.goto(f"{live_url}/budzet/projekty/{proposal.pk}/")
    marker = page.get_by_role("button", name=proposal.title)
    expect(marker).to_be_visible(timeout=10_000)
    assert axe_check(page) == [], describe_violations(axe_check(page))

    page.goto(f"{live_url}/budzet/projekty/{proposal.pk}/edycja/opis/")
    expect(page.locator("input[name=latitude]")).to_have_value("50.054444")
    page.get_by_role("button", name="Usuń punkt z mapy").click()
    expect(page.locator("input[name=latitude]")).to_have_value("")
    page.get_by_role("button", name="Zapisz i dalej").click()
    expect(page.get_by_label("Szacowany koszt (zł)")).to_be_visible()
    assert Proposal.objects.get(pk=proposal.pk).latitude is None


def test_list_map_view_shows_markers_that_lead_to_their_proposals(page, live_url, axe_check):
    edition, city_pool, district_pool = make_edition("submission", "submission")
    author = person("autorka", Role.RESIDENT)
    wawel = ProposalFactory(
        pool=city_pool,
        author=author,
        state="submitted",
        title="Ławki pod Wawelem",
        latitude="50.054444",
        longitude="19.935556",
    )
    ProposalFactory(
        pool=district_pool,
        author=author,
        state="submitted",
        title="Skwer w Nowej Hucie",
        latitude="50.071",
        longitude="20.037",
    )
    page.goto(f"{live_url}/budzet/{edition.year}/projekty/")
    page.get_by_role("link", name="Mapa", exact=True).click()
    # "2 projekty" once the Polish catalogue gives the plural its forms.
    expect(page.get_by_text(re.compile(r"^2 projekt\S* z punktem na mapie"))).to_be_visible()
    marker = page.get_by_role("button", name="Ławki pod Wawelem")
    expect(marker).to_be_visible(timeout=10_000)
    expect(page.get_by_role("button", name="Skwer w Nowej Hucie")).to_be_visible()
    assert axe_check(page) == [], describe_violations(axe_check(page))
    marker.click()
    page.get_by_role("link", name="Ławki pod Wawelem").click()
    expect(page).to_have_url(f"{live_url}/budzet/projekty/{wawel.pk}/")


def test_keyboard_marks_the_middle_of_the_map(page, live_url, login):
    _, city_pool, _ = make_edition("submission", "submission")
    author = person("autorka", Role.RESIDENT)
    proposal = ProposalFactory(pool=city_pool, author=author, state="draft")
    login(page, author)
    page.goto(f"{live_url}/budzet/projekty/{proposal.pk}/edycja/opis/")
    the_map = page.get_by_role("region", name="Mapa: wskaż miejsce projektu")
    expect(the_map).to_have_class(re.compile(r"\bleaflet-container\b"), timeout=10_000)
    the_map.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=latitude]")).to_have_value(re.compile(r"^50\.\d{6}$"))
    expect(page.get_by_role("button", name="Usuń punkt z mapy")).to_be_visible()
