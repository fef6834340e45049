"""The civic budget in the browser: a resident submits a proposal through the wizard, a
verifier admits it to the vote, a resident votes within the rule and cannot vote twice."""

import pytest
from playwright.sync_api import expect

from budget.models import Ballot, CityUnit, Edition, Proposal
from budget.services.rulebook import rulebook_apply_preset
from tests.budget.conftest import make_edition
from tests.budget.factories import ProposalFactory
from tests.budget.pesel import adult
from tests.e2e.city import cast
from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role

pytestmark = pytest.mark.e2e

PASSWORD = "pass-1234-test"


def person(username: str, *roles: Role) -> User:
    user = User.objects.create_user(username, password=PASSWORD, display_name=username.title())
    for role in roles:
        grant_role(user, role)
    return user


def test_resident_submits_a_proposal_through_the_wizard(page, live_url, login):
    edition, city_pool, _ = make_edition("submission", "submission")
    login(page, person("autorka", Role.RESIDENT))
    page.goto(f"{live_url}/budzet/{edition.year}/zglos/")
    page.get_by_label("Tytuł projektu").fill("Rowerownia przy Szkole Podstawowej nr 12")
    page.get_by_label("Pula").select_option(str(city_pool.pk))
    page.get_by_label("Kategoria").select_option(label="drogi, chodniki, rowery")
    page.get_by_role("button", name="Zapisz i dalej").click()
    # Saved as a draft after the first step.
    proposal = Proposal.objects.get(title="Rowerownia przy Szkole Podstawowej nr 12")
    assert proposal.state == "draft"
    page.get_by_label("Opis projektu").fill("Zadaszone stojaki na 40 rowerów.")
    page.get_by_label("Lokalizacja").fill("ul. Szkolna 1")
    page.get_by_role("button", name="Zapisz i dalej").click()
    page.get_by_label("Szacowany koszt (zł)").fill("80000")
    page.get_by_role("button", name="Zapisz i dalej").click()
    page.goto(f"{live_url}/budzet/projekty/{proposal.pk}/")
    page.get_by_role("button", name="Złóż projekt", exact=True).click()
    expect(page.get_by_text("złożony").first).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert (proposal.location, str(proposal.estimated_cost)) == ("ul. Szkolna 1", "80000.00")


def test_verifier_assesses_and_admits_a_proposal(page, live_url, login):
    _, city_pool, _ = make_edition("verification", "verification")
    verifier = person("weryfikatorka", Role.VERIFIER)
    unit = CityUnit.objects.create(name="Zarząd Zieleni Miejskiej", short_name="ZZM")
    unit.members.add(verifier)
    proposal = ProposalFactory(
        pool=city_pool,
        author=person("autor", Role.RESIDENT),
        state="formally_passed",
        unit=unit,
        title="Łąka kwietna na Błoniach",
    )
    login(page, verifier)
    page.goto(f"{live_url}/budzet/weryfikacja/")
    page.get_by_role("link", name="Łąka kwietna na Błoniach").click()
    page.get_by_label("Koszt po weryfikacji (zł)").fill("95000")
    page.get_by_label("Uzasadnienie zmiany kosztu").fill("Koszt nasion i przygotowania gleby.")
    page.get_by_label("Projekt jest wykonalny").check()
    page.get_by_label("Projekt jest zgodny z prawem").check()
    page.get_by_label("Własność terenu").select_option(index=0)
    page.get_by_label("Roczny koszt utrzymania (zł)").fill("5000")
    page.get_by_role("button", name="Zapisz ocenę").click()
    page.get_by_role("button", name="Dopuść do głosowania").click()
    expect(page.get_by_text("dopuszczony do głosowania").first).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert str(proposal.verified_cost) == "95000.00"


def test_resident_votes_within_the_rule_and_is_refused_a_second_vote(page, live_url, new_page):
    edition, city_pool, district_pool = make_edition("voting", "voting")
    author = person("autor", Role.RESIDENT)
    city = [
        ProposalFactory(pool=city_pool, author=author, state="on_ballot", title=f"Park {n}")
        for n in range(1, 5)
    ]
    ProposalFactory(pool=district_pool, author=author, state="on_ballot", title="Skwer")
    pesel = adult()
    vote_url = f"{live_url}/budzet/{edition.year}/glosuj/"

    page.goto(vote_url)
    # Over the rule (at most 3 in a pool): the page explains and nothing is cast.
    for project in city:
        page.get_by_label(project.title, exact=True).check()
    page.get_by_role("button", name="Dalej: sprawdź wybór").click()
    expect(page.get_by_role("alert")).to_contain_text("najwyżej 3")
    assert not Ballot.objects.exists()

    page.goto(vote_url)
    for project in city[:3]:
        page.get_by_label(project.title, exact=True).check()
    page.get_by_role("button", name="Dalej: sprawdź wybór").click()
    expect(page.get_by_role("heading", name="Sprawdź swój wybór")).to_be_visible()
    cast(page, pesel)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dziękujemy — głos został oddany")
    ballot = Ballot.objects.get()
    expect(page.get_by_role("status")).to_contain_text(ballot.receipt)
    assert ballot.choices.count() == 3

    # The same person in another browser: refused, and the ballot box is unchanged.
    again = new_page()
    again.goto(vote_url)
    again.get_by_label(city[3].title, exact=True).check()
    again.get_by_role("button", name="Dalej: sprawdź wybór").click()
    cast(again, pesel)
    expect(again.get_by_role("alert")).to_be_visible()
    expect(again.get_by_role("heading", level=1)).not_to_have_text(
        "Dziękujemy — głos został oddany"
    )
    assert Ballot.objects.count() == 1


def test_warsaw_ballot_has_its_own_limit_for_the_district_and_the_citywide_pool(page, live_url):
    edition, city_pool, district_pool = make_edition("appeals", "voting")
    staff = person("urzednik", Role.COUNCIL_STAFF)
    rulebook_apply_preset(edition_id=edition.pk, by=staff, preset="warszawa_2022_2025")
    Edition.objects.filter(pk=edition.pk).update(state="voting")
    author = person("autor", Role.RESIDENT)
    for n in range(11):
        ProposalFactory(pool=city_pool, author=author, state="on_ballot", title=f"Park {n}")
    for n in range(16):
        ProposalFactory(pool=district_pool, author=author, state="on_ballot", title=f"Skwer {n}")
    page.goto(f"{live_url}/budzet/{edition.year}/glosuj/?dzielnica={district_pool.pk}")
    city, district = page.locator(".ballot-pool").nth(0), page.locator(".ballot-pool").nth(1)
    expect(city).to_contain_text("Wybierz najwyżej 10 projektów.")
    expect(district).to_contain_text("Wybierz najwyżej 15 projektów.")
    for n in range(11):
        page.get_by_label(f"Park {n}", exact=True).check()
    for n in range(13):
        page.get_by_label(f"Skwer {n}", exact=True).check()
    # Polish plural forms from the script catalogue: 2 "projekty", 1 "projekt".
    expect(district.locator(".remaining")).to_contain_text("Do wyboru: 2 projekty")
    page.get_by_label("Skwer 13", exact=True).check()
    expect(district.locator(".remaining")).to_contain_text("Do wyboru: 1 projekt")
    page.get_by_label("Skwer 14", exact=True).check()
    # 11 of 10 citywide: over by one; 15 of 15 district: nothing left, no error.
    expect(city.locator(".remaining")).to_contain_text("Za dużo o 1 projekt")
    expect(district.locator(".remaining")).to_contain_text("Do wyboru: 0")
    page.get_by_role("button", name="Dalej: sprawdź wybór").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "W puli ogólnomiejskiej możesz wybrać najwyżej 10 projektów"
    )
    # The refused page keeps the choices: one citywide project less is within the rule.
    page.get_by_label("Park 10", exact=True).uncheck()
    expect(page.locator(".ballot-pool").nth(0).locator(".remaining")).to_contain_text(
        "Do wyboru: 0"
    )
    page.get_by_role("button", name="Dalej: sprawdź wybór").click()
    expect(page.get_by_role("heading", name="Sprawdź swój wybór")).to_be_visible()
    cast(page, adult())
    expect(page.get_by_role("heading", level=1)).to_have_text("Dziękujemy — głos został oddany")
    assert Ballot.objects.get().choices.count() == 25
