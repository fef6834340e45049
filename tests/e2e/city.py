"""Steps of a city setting itself up in the browser from an empty database, shared by the
tests that start there: each is what a person does on the pages, asserting what they show."""

import re
from datetime import timedelta

from playwright.sync_api import expect

CSV = b"number,roman,name,population\n1,I,Srodmiescie,45000\n2,II,Oliwa,20500\n"
STAFF_PASSWORD = "Zielony-Park-2027"
PHASES = ("zgłaszanie projektów", "weryfikacja", "odwołania", "głosowanie", "ogłoszenie wyników")
POOLS = (
    ("cała gmina (pula ogólnomiejska)", "Pula ogólnomiejska"),
    ("I Srodmiescie", "Pula Śródmieście"),
    ("II Oliwa", "Pula Oliwa"),
)


def load_districts(page, base) -> None:
    """The administrator loads the city's districts and their population from CSV."""

    page.goto(f"{base}/panel/")
    page.get_by_role("link", name="Dzielnice i liczba mieszkańców (CSV)").click()
    page.get_by_label("Miasto").fill("Nadmorze")
    page.get_by_label("Plik CSV z dzielnicami").set_input_files(
        {"name": "dzielnice.csv", "mimeType": "text/csv", "buffer": CSV}
    )
    page.get_by_role("button", name="Wczytaj dzielnice").click()
    expect(page.locator(".messages")).to_contain_text("wczytano dzielnic: 2")


def invite(page, base, username, role_label):
    """The administrator invites a person with a role; returns the invitation link."""

    page.goto(f"{base}/panel/osoby/")
    page.get_by_label("Login").fill(username)
    page.get_by_label(role_label, exact=True).check()
    page.get_by_role("button", name="Zaproś").click()
    return page.locator(".notice code").inner_text()


def set_password(page, link):
    """The invited person sets a password from the link; the page is left at the login form."""

    page.goto(link)
    page.fill("#id_new_password1", STAFF_PASSWORD)
    page.fill("#id_new_password2", STAFF_PASSWORD)
    page.get_by_role("button", name="Ustaw hasło").click()
    expect(page).to_have_url(re.compile(r"/haslo/reset/gotowe/$"))
    page.goto(re.sub(r"/haslo/.*", "/logowanie/", link))


def sign_in(page, username, password=STAFF_PASSWORD) -> None:
    """Signs in on the login form the page shows."""

    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    expect(page.get_by_role("button", name="Wyloguj")).to_be_visible()


def join(admin, new_page, base, username, role_label):
    """Invited by the administrator, a person sets a password and signs in in a browser
    of their own, which is returned."""

    link = invite(admin, base, username, role_label)
    page = new_page()
    set_password(page, link)
    sign_in(page, username)
    return page


def fill_edition(page, city_spending) -> None:
    """Staff fill the new edition's settings (3 mln zł of `city_spending`) and create it."""

    page.get_by_label("Miasto").select_option(label="Nadmorze")
    page.get_by_label("Nazwa edycji").fill("Budżet Obywatelski Nadmorza 2027")
    page.get_by_label("Rok").fill("2027")
    page.get_by_label("Podstawa prawna").fill("Uchwała nr XII/100/26")
    page.get_by_label("Kwota budżetu obywatelskiego").fill("3 000 000,00")
    page.get_by_label("Wydatki miasta").fill(city_spending)
    page.get_by_role("button", name="Utwórz edycję").click()


def add_pools(page) -> None:
    """On the edition's pools page: a citywide and two district pools."""

    for area, name in POOLS:
        page.locator("#id_district").select_option(label=area)
        page.get_by_label("Nazwa puli").fill(name)
        page.get_by_label("Kwota puli").fill("1 000 000,00")
        page.get_by_label("Najwyższy koszt projektu").fill("500 000")
        if area.startswith("cała"):
            page.get_by_label("Liczba mieszkańców obszaru").fill("65500")
        page.get_by_role("button", name="Zapisz pulę").click()
        expect(page.locator(".messages")).to_contain_text(name)


def set_schedule(page, start, days) -> None:
    """On the edition's schedule page: the phases one after another from `start`, each
    `days` days long."""

    for n, kind in enumerate(PHASES):
        group = page.get_by_role("group", name=kind)
        group.get_by_label("od").fill((start + timedelta(days=days * n)).isoformat())
        group.get_by_label("do").fill((start + timedelta(days=days * n + days - 1)).isoformat())
    page.get_by_role("button", name="Zapisz harmonogram").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano harmonogram")


def add_unit(page, base, name, verifier) -> None:
    page.goto(f"{base}/budzet/jednostki/")
    page.get_by_label("Nazwa jednostki").fill(name)
    page.get_by_label(verifier, exact=True).check()
    page.get_by_role("button", name="Zapisz jednostkę").click()
    expect(page.locator(".messages")).to_contain_text(name)


def add_team(page, base, name, moderator, members=()) -> None:
    page.goto(f"{base}/konsultacje/zespoly/")
    page.get_by_label("Nazwa zespołu").fill(name)
    page.get_by_label("Moderator").select_option(label=moderator)
    for member in members:
        page.get_by_label(member, exact=True).check()
    page.get_by_role("button", name="Zapisz zespół").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano zespół")


def new_programme(page, base) -> None:
    page.goto(f"{base}/konsultacje/nowy/")
    page.get_by_label("Tytuł programu").fill("Program współpracy na 2028 rok")
    page.get_by_label("Od roku").fill("2028")
    page.get_by_role("button", name="Utwórz program").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Program współpracy na 2028 rok")


def add_chapters(page, teams) -> None:
    """On the programme's chapters page: one chapter for each sector team."""

    for team in teams:
        page.get_by_label("Zespół sektorowy").select_option(label=team)
        page.get_by_role("button", name="Dodaj rozdział").click()
        expect(page.locator(".messages")).to_contain_text("Dodano rozdział")


def take(page, button: str, **fields: str) -> None:
    """Take a transition from the generic process page: fill its fields, press its button."""

    form = page.locator("form.transition-form").filter(
        has=page.get_by_role("button", name=button, exact=True)
    )
    for label, value in fields.items():
        form.get_by_label(label, exact=False).fill(value)
    form.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Zmieniono stan.")


def cast(page, pesel: str) -> None:
    """On the ballot's confirmation page: identify and cast the vote."""

    # By name: the guardian's fields ("PESEL rodzica…") share the labels' words.
    page.locator("[name=pesel]").fill(pesel)
    page.locator("[name=first_name]").fill("Anna")
    page.locator("[name=last_name]").fill("Nowak")
    page.locator("[name=residence_declared]").check()
    page.get_by_role("button", name="Oddaj głos").click()
