"""The site shell in a real browser: language switch, sign-up, the staff dashboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import live_ready
from tests.workflows.engine_app.models import Petition
from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role
from workflows.services import advance

pytestmark = pytest.mark.e2e

PASSWORD = "pass-1234-test"


def test_english_switch_translates_the_page_and_back(page, live_url):
    page.goto(f"{live_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("link", name="Przejdź do treści")).to_be_attached()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(f"{live_url}/logowanie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_role("button", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logowanie")


def test_resident_signs_up_and_is_signed_in(page, live_url):
    page.goto(f"{live_url}/")
    page.get_by_role("link", name="Załóż konto").first.click()
    page.fill("#id_username", "ala.kowalska")
    page.fill("#id_display_name", "Ala Kowalska")
    page.fill("#id_email", "ala@example.org")
    page.fill("#id_password1", "Krakow-Wawel-2026")
    page.fill("#id_password2", "Krakow-Wawel-2026")
    page.get_by_label("Zapoznałam/zapoznałem się z informacją").check()
    page.get_by_role("button", name="Załóż konto").click()
    expect(page.get_by_role("button", name="Wyloguj")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Witamy w serwisie Wspólnota")
    expect(page.locator(".account")).to_contain_text("Ala Kowalska")
    user = User.objects.get(username="ala.kowalska")
    assert user.check_password("Krakow-Wawel-2026")
    assert user.groups.filter(name=Role.RESIDENT.value).exists()


def test_signup_errors_are_shown_next_to_the_fields(page, live_url):
    page.goto(f"{live_url}/rejestracja/")
    page.fill("#id_username", "jan")
    page.fill("#id_password1", "Krakow-Wawel-2026")
    page.fill("#id_password2", "inne-haslo-2026")
    page.get_by_role("button", name="Załóż konto").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".has-error").first).to_be_visible()
    assert not User.objects.filter(username="jan").exists()


def test_staff_take_a_transition_from_the_dashboard(page, live_url, login):
    owner = User.objects.create_user("owner", password=PASSWORD)
    staff = User.objects.create_user("urzednik", password=PASSWORD)
    grant_role(staff, Role.COUNCIL_STAFF)
    petition = Petition.objects.create(title="Ławki na Plantach", owner=owner)
    login(page, staff)
    page.goto(f"{live_url}/")
    page.get_by_role("link", name="Panel urzędu").click()
    expect(page).to_have_url(re.compile(r"/panel/$"))
    # The overview says what waits; the full list with the forms is one click away.
    expect(page.locator("main")).to_contain_text("Ławki na Plantach")
    page.locator("a[href='/panel/petition/']").first.click()
    expect(page).to_have_url(re.compile(r"/panel/petition/$"))
    row = page.get_by_role("row").filter(has_text="Ławki na Plantach")
    expect(row).to_contain_text("Tylko autor może złożyć petycję.")
    row.get_by_label("Uzasadnienie: Zamknij").fill("Zgłoszenie wycofane przez autora")
    row.get_by_role("button", name="Zamknij").click()
    expect(page.locator(".messages")).to_contain_text("Zmieniono stan.")
    expect(page.get_by_role("row").filter(has_text="Ławki na Plantach")).to_contain_text(
        "zamknięta"
    )
    petition.refresh_from_db()
    assert petition.state == "closed"


def test_resident_is_refused_the_dashboard_with_a_reason(page, live_url, login):
    resident = User.objects.create_user("mieszkanka", password=PASSWORD)
    grant_role(resident, Role.RESIDENT)
    login(page, resident)
    expect(page.get_by_role("link", name="Panel urzędu")).to_have_count(0)
    response = page.goto(f"{live_url}/panel/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Brak dostępu do panelu urzędu")


def test_home_feed_shows_a_change_live(page, live_url, new_page, login):
    owner = User.objects.create_user("owner", password=PASSWORD)
    staff = User.objects.create_user("urzednik", password=PASSWORD)
    grant_role(staff, Role.COUNCIL_STAFF)
    petition = Petition.objects.create(title="Ławki na Plantach", owner=owner)
    advance(petition, "submit", by=owner)
    page.goto(f"{live_url}/")
    live_ready(page, f"petition.{petition.pk}")
    page.evaluate("window.notReloaded = true")
    feed = page.locator("#feed-list li").first
    expect(feed).to_contain_text("Ławki na Plantach")
    expect(feed).to_contain_text("złożona")

    other = new_page()
    login(other, staff)
    other.goto(f"{live_url}/proces/petition/{petition.pk}/")
    other.get_by_role("button", name="Zamknij").click()
    expect(other.locator(".messages")).to_contain_text("Zmieniono stan.")

    expect(page.locator("#feed-list li").first).to_contain_text("zamknięta")
    expect(page.locator("#live-announcer")).to_have_text("Nowa zmiana w mieście")
    assert page.evaluate("window.notReloaded") is True
