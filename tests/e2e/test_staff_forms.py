"""Staff work on pages, in the browser over the demo city: a new programme refused by the
30 November rule and saved with a written justification; a moderator planning a meeting."""

import pytest
from playwright.sync_api import expect

from consultations.meetings.models import Meeting
from consultations.models import Programme
from tests.e2e.conftest import describe_violations
from tests.e2e.test_accessibility import sign_in

pytestmark = pytest.mark.e2e


def test_staff_start_a_programme_past_the_deadline_with_a_justification(
    demo_city, live_url, page, axe_check
):
    sign_in(page, live_url, "urzednik")
    page.goto(f"{live_url}/konsultacje/")
    page.get_by_role("link", name="Nowy program współpracy").click()
    page.get_by_label("Tytuł programu").fill("Program współpracy na 2030 rok")
    page.get_by_label("Od roku").fill("2030")
    page.get_by_label("Cel główny").fill("Partnerstwo gminy i organizacji.")
    page.locator("#id_task_areas_2").check()
    page.get_by_label("drugie czytanie i głosowanie").fill("2029-11-29")
    page.get_by_role("button", name="Utwórz program").click()
    expect(page.locator(".error-summary")).to_contain_text("do 30 listopada")
    assert not Programme.objects.filter(year_from=2030).exists()
    violations = axe_check(page)
    assert not violations, describe_violations(violations)
    page.get_by_label("Pisemne uzasadnienie").fill("Sesja nadzwyczajna Rady Miasta.")
    page.get_by_role("button", name="Utwórz program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Program współpracy na 2030 rok")
    programme = Programme.objects.get(year_from=2030)
    assert programme.milestones.get().planned_on.isoformat() == "2029-11-29"


def test_a_moderator_plans_a_meeting(demo_city, live_url, page, axe_check):
    sign_in(page, live_url, "moderator")
    page.goto(f"{live_url}/spotkania/")
    page.get_by_role("link", name="Zaplanuj spotkanie").click()
    page.get_by_label("Zespół sektorowy").select_option(label="Zespół ds. kultury")
    page.get_by_label("Tytuł spotkania").fill("Spotkanie w sprawie celów")
    page.get_by_label("Początek").fill("2027-01-12T10:00")
    page.get_by_label("Koniec").fill("2027-01-12T09:00")
    page.get_by_label("Miejsce").fill("Urząd Miasta Krakowa, sala 201")
    page.locator("#id_agenda-0-title").fill("Cele współpracy")
    page.get_by_role("button", name="Zaplanuj spotkanie").click()
    expect(page.locator("#id_ends_at_error")).to_contain_text("po jego początku")
    violations = axe_check(page)
    assert not violations, describe_violations(violations)
    page.get_by_label("Koniec").fill("2027-01-12T12:00")
    page.get_by_role("button", name="Zaplanuj spotkanie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spotkanie w sprawie celów")
    meeting = Meeting.objects.get(title="Spotkanie w sprawie celów")
    assert [i.title for i in meeting.items.all()] == ["Cele współpracy"]
    assert meeting.team.name == "Zespół ds. kultury"
