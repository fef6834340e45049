"""A city runs its year in the browser, from an empty database with one administrator, each
person on the pages of their role: the cooperation programme from its sector teams' drafts to
the council's resolution, and the civic budget from the call for proposals to a project being
built. The clock moves the days the law asks for (a comment window of at least seven days,
the budget's phases) with time_machine, as in tests/setup/test_city_year_api.py, which walks
the same year through the API."""

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from budget.models import Ballot, Implementation, Proposal
from consultations.models import Comment, Programme
from tests.budget.pesel import adult
from tests.e2e.city import (
    add_chapters,
    add_pools,
    add_team,
    add_unit,
    cast,
    fill_edition,
    join,
    load_districts,
    new_programme,
    set_schedule,
    take,
)
from tests.e2e.conftest import PASSWORD, describe_violations
from workflows.accounts.models import User
from workflows.timeutil import city_tz

pytestmark = pytest.mark.e2e

TEAMS = ("Zespół ds. kultury", "Zespół ds. sportu")
PROGRAMME = "Program współpracy na 2028 rok"
PROPOSAL = "Park kieszonkowy przy Morskiej"


def days_later(days: int):
    """The city's clock `days` days from today, at noon, running on (pages and server)."""

    noon = datetime.combine(timezone.localdate() + timedelta(days=days), time(12), city_tz())
    return time_machine.travel(noon, tick=True)


@pytest.fixture
def admin_page(page, live_url, login):
    """The administrator, the only account of an empty database, signed in."""

    login(page, User.objects.create_superuser("admin", "admin@example.org", PASSWORD))
    return page


def sign_up(page, base, username: str) -> None:
    """A resident makes an account on the sign-up page."""

    page.goto(f"{base}/rejestracja/")
    page.fill("#id_username", username)
    page.fill("#id_display_name", username.title())
    page.fill("#id_email", f"{username}@example.org")
    page.fill("#id_password1", "Nadmorze-Molo-2027")
    page.fill("#id_password2", "Nadmorze-Molo-2027")
    page.get_by_label("Zapoznałam/zapoznałem się z informacją").check()
    page.get_by_role("button", name="Załóż konto").click()
    expect(page.get_by_role("button", name="Wyloguj")).to_be_visible()


def test_the_cooperation_programme_from_drafts_to_the_council_resolution(
    admin_page, live_url, new_page
):
    staff = join(admin_page, new_page, live_url, "urzednik", "pracownik urzędu")
    member = join(admin_page, new_page, live_url, "czlonek", "członek zespołu sektorowego")
    coordinator = join(admin_page, new_page, live_url, "koordynatorka", "mieszkaniec")

    # Staff set the programme up: teams, the programme, its chapters, sections, coordinators.
    for team in TEAMS:
        add_team(staff, live_url, team, "czlonek", members=["czlonek"])
    new_programme(staff, live_url)
    staff.get_by_role("link", name="Rozdziały").click()
    add_chapters(staff, TEAMS)
    staff.get_by_role("link", name="Treść programu").click()
    for label, text in (
        ("1. Cel główny", "Partnerstwo miasta i organizacji."),
        ("1. Cele szczegółowe", "Wzmocnienie organizacji."),
        ("2. Zasady współpracy", "Pomocniczość, suwerenność stron, partnerstwo."),
        ("3. Zakres przedmiotowy", "Zadania publiczne z art. 4 ustawy."),
        ("7. Sposób realizacji", "Konkursy ofert."),
        ("8. Wysokość środków", "12 500 000,50"),
        ("9. Sposób oceny", "Wskaźniki w sprawozdaniu."),
        ("10. Informacja o sposobie tworzenia", "Zespoły sektorowe i konsultacje."),
        ("11. Tryb powoływania", "Komisje powołuje Prezydent."),
    ):
        staff.get_by_label(label).fill(text)
    staff.get_by_role("group", name="4. Formy współpracy").get_by_label(
        "otwarte konkursy ofert"
    ).check()
    staff.get_by_role("group", name="5. Priorytetowe zadania publiczne").get_by_role(
        "checkbox"
    ).first.check()
    staff.get_by_role("button", name="Zapisz treść").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Przed przekazaniem Radzie Miasta")
    for n in range(1, 12):
        item = staff.locator(".task-list-item").filter(has_text=f"Sekcja {n}:")
        expect(item).to_contain_text("Gotowe")
    staff.get_by_role("link", name="Zespół koordynujący").click()
    staff.get_by_label("Nazwa zespołu").fill("Zespół koordynujący programu")
    staff.get_by_label("koordynatorka", exact=True).check()
    staff.get_by_role("button", name="Zapisz skład").click()
    expect(staff.locator(".messages")).to_contain_text("Zapisano skład zespołu koordynującego")
    staff.get_by_role("link", name="Etapy i historia").click()
    take(staff, "Rozpocznij prace zespołów sektorowych")
    process = staff.url

    # The sector teams' member writes each chapter's draft and publishes it.
    member.goto(f"{live_url}/konsultacje/")
    member.get_by_role("link", name=PROGRAMME).first.click()
    for team in TEAMS:
        chapter = member.get_by_role("region", name=team)
        chapter.get_by_role("link", name="Edytuj szkic rozdziału").click()
        expect(member.get_by_role("heading", level=1)).to_contain_text(team)
        member.get_by_role("group", name=re.compile("^Blok 1")).get_by_label("Treść").fill(
            f"Więcej zajęć dla mieszkańców: {team.lower()}."
        )
        member.get_by_role("button", name="Zapisz szkic").click()
        expect(member.locator(".messages")).to_contain_text("Zapisano szkic (wersja 1)")
        member.get_by_role("button", name="Opublikuj wersję 1").click()
        expect(member.locator(".messages")).to_contain_text("Opublikowano wersję 1 rozdziału")
        expect(chapter).to_contain_text("Wersja 1")

    # Staff publish the drafts with a comment window of eight days and open it.
    today = timezone.localdate()
    staff.goto(process)
    take(
        staff,
        "Opublikuj projekty i ogłoś termin uwag",
        **{
            "początek zbierania uwag": f"{today.isoformat()}T00:00",
            "koniec zbierania uwag": f"{(today + timedelta(days=8)).isoformat()}T00:00",
        },
    )
    take(staff, "Otwórz zbieranie uwag")
    expect(staff.locator("[data-live-state]")).to_have_text("zbieranie uwag")

    # A resident signs up and comments on a paragraph.
    resident = new_page()
    sign_up(resident, live_url, "mieszkanka")
    resident.goto(f"{live_url}/konsultacje/")
    resident.get_by_role("link", name=PROGRAMME).first.click()
    resident.get_by_role("link", name="Zgłoś uwagę do tego zapisu").first.click()
    resident.select_option("#id_kind", label="zmiana zapisu")
    resident.fill("#id_proposed_wording", "Zajęcia także dla seniorów.")
    resident.fill("#id_justification", "Seniorzy też chcą ćwiczyć.")
    resident.get_by_role("button", name="Wyślij uwagę").click()
    expect(resident.locator(".messages")).to_contain_text("uwaga została zgłoszona")

    with days_later(9):
        # The window has closed: staff close it, the coordinating team answers every comment.
        staff.goto(process)
        take(staff, "Zamknij zbieranie uwag")
        coordinator.goto(process)
        take(coordinator, "Rozpocznij odpowiadanie na uwagi")
        expect(coordinator.get_by_text("Bez odpowiedzi pozostało uwag: 1")).to_be_visible()
        programme = Programme.objects.get()
        coordinator.goto(f"{live_url}/konsultacje/{programme.pk}/")
        coordinator.get_by_role("link", name="Kolejka odpowiedzi").click()
        coordinator.get_by_role("link", name=re.compile("^Odpowiedz")).click()
        coordinator.get_by_label("Rozstrzygnięcie").select_option(label="uwzględniona")
        coordinator.get_by_label("Uzasadnienie odpowiedzi").fill("Dodano zajęcia dla seniorów.")
        coordinator.get_by_role("button", name="Zapisz odpowiedź").click()
        expect(coordinator.locator(".messages")).to_contain_text("Zapisano odpowiedź.")
        expect(coordinator.get_by_text("bez odpowiedzi: 0")).to_be_visible()
        coordinator.goto(process)
        take(coordinator, "Zatwierdź tekst końcowy")
        take(coordinator, "Opublikuj raport z konsultacji")

        # The checklist is complete: staff take the programme through the council.
        staff.goto(f"{live_url}/konsultacje/{programme.pk}/lista-kontrolna/")
        expect(staff.locator(".notice")).to_contain_text("Program jest kompletny")
        staff.goto(process)
        take(staff, "Przekaż projekt Radzie Miasta")
        take(staff, "Odnotuj pierwsze czytanie")
        take(staff, "Odnotuj drugie czytanie")
        take(
            staff,
            "Odnotuj przyjęcie uchwały",
            **{
                "Numer uchwały": "XX/200/27",
                "Data uchwały": (today + timedelta(days=9)).isoformat(),
                "Głosy za": "30",
                "Głosy przeciw": "1",
            },
        )
        expect(staff.locator("[data-live-state]")).to_have_text("przyjęty uchwałą")

    programme.refresh_from_db()
    assert (programme.state, programme.resolution_number) == ("adopted", "XX/200/27")
    comment = Comment.objects.get()
    assert comment.author.username == "mieszkanka"
    assert comment.answer.decision == "accepted"
    assert all(chapter.versions.get().is_published for chapter in programme.chapters.all())


def test_the_civic_budget_from_the_call_for_proposals_to_a_project_being_built(
    admin_page, live_url, new_page, axe_check
):
    load_districts(admin_page, live_url)
    staff = join(admin_page, new_page, live_url, "urzednik", "pracownik urzędu")
    verifier = join(
        admin_page, new_page, live_url, "weryfikator", "weryfikator (jednostka miejska)"
    )

    # Staff set the edition up; its phases follow each other, two days each, from today.
    add_unit(staff, live_url, "Zarząd Zieleni", "weryfikator")
    staff.goto(f"{live_url}/panel/")
    staff.get_by_role("link", name="Edycje budżetu obywatelskiego: ustawienia").click()
    staff.get_by_role("link", name="Nowa edycja").click()
    fill_edition(staff, "500 000 000")
    expect(staff.get_by_role("heading", level=1)).to_contain_text("Pule")
    add_pools(staff)
    staff.get_by_role("link", name="Harmonogram").click()
    set_schedule(staff, timezone.localdate(), days=2)
    staff.get_by_role("link", name="Etapy i historia").click()
    take(staff, "Otwórz nabór projektów")
    process = staff.url

    # A resident signs up and submits a proposal through the wizard.
    resident = new_page()
    sign_up(resident, live_url, "autorka")
    resident.goto(f"{live_url}/budzet/2027/")
    resident.get_by_role("link", name="Zgłoś projekt").first.click()
    resident.get_by_label("Tytuł projektu").fill(PROPOSAL)
    resident.get_by_label("Pula").select_option(label="Pula ogólnomiejska — do 500 000 zł")
    resident.get_by_label("Kategoria").select_option(index=1)
    resident.get_by_role("button", name="Zapisz i dalej").click()
    resident.get_by_label("Opis projektu").fill("Zieleń i ławki między blokami.")
    resident.get_by_label("Lokalizacja").fill("ul. Morska 1")
    resident.get_by_role("button", name="Zapisz i dalej").click()
    resident.get_by_label("Szacowany koszt (zł)").fill("300000")
    resident.get_by_role("button", name="Zapisz i dalej").click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(PROPOSAL)
    resident.get_by_role("button", name="Złóż projekt", exact=True).click()
    expect(resident.get_by_text("złożony").first).to_be_visible()
    proposal = Proposal.objects.get(title=PROPOSAL)

    with days_later(2):
        # Verification: staff pass the formal check and assign the unit, which admits it.
        staff.goto(process)
        take(staff, "Zamknij nabór, rozpocznij weryfikację")
        staff.goto(f"{live_url}/budzet/weryfikacja/")
        staff.get_by_role("link", name=PROPOSAL).click()
        staff.get_by_label("Jednostka weryfikująca").select_option(label="Zarząd Zieleni")
        staff.get_by_role("button", name="Ocena formalna pozytywna").click()
        expect(staff.locator(".messages")).to_contain_text("Zapisano decyzję.")
        expect(staff.locator(".govuk-summary-list")).to_contain_text("Zarząd Zieleni")

        verifier.goto(f"{live_url}/budzet/weryfikacja/")
        verifier.get_by_role("link", name=PROPOSAL).click()
        verifier.get_by_label("Koszt po weryfikacji (zł)").fill("300000")
        verifier.get_by_label("Projekt jest wykonalny").check()
        verifier.get_by_label("Projekt jest zgodny z prawem").check()
        verifier.get_by_label("Własność terenu").select_option(index=0)
        verifier.get_by_role("button", name="Zapisz ocenę").click()
        expect(verifier.locator(".messages")).to_contain_text("Zapisano ocenę merytoryczną.")
        verifier.get_by_role("button", name="Dopuść do głosowania").click()
        expect(verifier.get_by_text("dopuszczony do głosowania").first).to_be_visible()

    with days_later(4):
        staff.goto(process)
        take(staff, "Otwórz odwołania")

    with days_later(6):
        staff.goto(process)
        take(staff, "Opublikuj listę i otwórz głosowanie")
        expect(staff.locator("[data-live-state]")).to_contain_text("głosowanie")
        # A resident votes for the project, identified by PESEL.
        resident.goto(f"{live_url}/budzet/2027/")
        resident.get_by_role("link", name="Głosuj").first.click()
        resident.get_by_label(PROPOSAL, exact=True).check()
        resident.get_by_role("button", name="Dalej: sprawdź wybór").click()
        expect(resident.get_by_role("heading", name="Sprawdź swój wybór")).to_be_visible()
        cast(resident, adult())
        expect(resident.get_by_role("heading", level=1)).to_have_text(
            "Dziękujemy — głos został oddany"
        )

    with days_later(8):
        # Staff close the box, count the votes, publish the results.
        staff.goto(process)
        take(staff, "Zamknij głosowanie i zamroź urnę")
        staff.goto(f"{live_url}/budzet/2027/wyniki/")
        staff.get_by_role("button", name="Policz głosy").click()
        expect(staff.locator(".messages")).to_contain_text("Głosy policzone.")
        staff.goto(process)
        take(staff, "Ogłoś wyniki")
        resident.goto(f"{live_url}/budzet/2027/wyniki/")
        expect(resident.locator("main")).to_contain_text(PROPOSAL)

        # The selected project: staff name the unit that builds it, which starts the works.
        staff.goto(f"{live_url}/budzet/projekty/{proposal.pk}/")
        violations = axe_check(staff)
        assert not violations, describe_violations(violations)
        staff.get_by_label("Jednostka realizująca").select_option(label="Zarząd Zieleni")
        staff.get_by_role("button", name="Wskaż jednostkę realizującą").click()
        expect(staff.locator(".messages")).to_contain_text("Jednostka realizująca: Zarząd Zieleni")
        staff.get_by_role("button", name="Rozpocznij realizację").click()
        expect(staff.locator(".messages")).to_contain_text("Zapisano decyzję.")
        resident.goto(f"{live_url}/budzet/2027/realizacja/")
        row = resident.get_by_role("row").filter(has_text=PROPOSAL)
        expect(row).to_contain_text("Zarząd Zieleni")

    proposal.refresh_from_db()
    assert proposal.state == "in_implementation"
    assert Implementation.objects.get(proposal=proposal).unit.name == "Zarząd Zieleni"
    assert Ballot.objects.count() == 1
