"""The cooperation programme consultation in the browser, over the demo city.

A resident signs up and comments on a paragraph while another browser watches the programme
page: the comment appears there without a reload. Then the consultation is taken to the end
the way the city does it: staff close the comments, the coordinating team answers every
comment and publishes the report, staff record the council's readings and vote: "adopted".
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bodies.models import BodyKind, OpinionRequest
from consultations.models import Comment, Programme
from tests.e2e.city import take
from tests.e2e.conftest import DEMO_PASSWORD, live_ready
from workflows.accounts.models import User

pytestmark = pytest.mark.e2e


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/logowanie/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    expect(page.get_by_role("button", name="Wyloguj")).to_be_visible()


def open_and_wait_for_live(page, url: str) -> None:
    """Open a programme's page and wait until its websocket receives the page's stream."""

    page.goto(url)
    live_ready(page, page.locator("#programme").get_attribute("data-stream"))


@pytest.fixture
def programme(demo_city) -> Programme:
    return Programme.objects.get(state="comments_open")


def test_resident_comments_on_a_paragraph_and_another_browser_sees_it_live(
    new_page, live_url, programme
):
    url = f"{live_url}/konsultacje/{programme.pk}/"
    watcher = new_page()
    open_and_wait_for_live(watcher, url)
    watcher.evaluate("window.notReloaded = true")
    before = Comment.objects.filter(programme=programme).count()
    expect(watcher.locator("#comment-total")).to_have_text(str(before))

    resident = new_page()
    resident.goto(f"{live_url}/rejestracja/")
    resident.fill("#id_username", "jan.kowalski")
    resident.fill("#id_display_name", "Jan Kowalski")
    resident.fill("#id_email", "jan@example.org")
    resident.fill("#id_password1", "Krakow-Wawel-2026")
    resident.fill("#id_password2", "Krakow-Wawel-2026")
    resident.get_by_label("Zapoznałam/zapoznałem się z informacją").check()
    resident.get_by_role("button", name="Załóż konto").click()
    expect(resident.get_by_role("button", name="Wyloguj")).to_be_visible()

    resident.goto(url)
    paragraph = resident.locator(".block-action").first
    anchor = paragraph.get_attribute("id")
    paragraph.get_by_role("link", name="Zgłoś uwagę").click()
    resident.select_option("#id_kind", label="zmiana zapisu")
    resident.fill("#id_proposed_wording", "Otwarty konkurs ofert ogłaszany do końca stycznia.")
    resident.fill("#id_justification", "Organizacje potrzebują czasu na przygotowanie ofert.")
    resident.get_by_role("button", name="Wyślij uwagę").click()
    expect(resident.locator(".messages")).to_contain_text("uwaga została zgłoszona")

    expect(watcher.locator("#comment-list")).to_contain_text(
        "Organizacje potrzebują czasu na przygotowanie ofert."
    )
    total = Comment.objects.filter(programme=programme).count()
    expect(watcher.locator("#comment-total")).to_have_text(str(total))
    assert watcher.evaluate("window.notReloaded") is True
    comment = Comment.objects.get(author=User.objects.get(username="jan.kowalski"))
    assert comment.anchor == anchor and comment.programme_id == programme.pk


def test_staff_and_coordinators_take_the_consultation_to_adopted(new_page, live_url, programme):
    # The comment period of the demo programme has run its course.
    Programme.objects.filter(pk=programme.pk).update(
        comments_open_at=timezone.now() - timedelta(days=30),
        comments_close_at=timezone.now() - timedelta(minutes=1),
    )
    process = f"{live_url}/proces/programme/{programme.pk}/"
    staff = new_page()
    sign_in(staff, live_url, "urzednik")
    coordinator = new_page()
    sign_in(coordinator, live_url, "koordynator")

    staff.goto(process)
    take(staff, "Zamknij zbieranie uwag")

    coordinator.goto(process)
    take(coordinator, "Rozpocznij odpowiadanie na uwagi")
    # The final text cannot be approved while a comment has no answer: the page says why.
    expect(coordinator.get_by_text("Bez odpowiedzi pozostało uwag")).to_be_visible()
    for comment in Comment.objects.filter(programme=programme):
        coordinator.goto(f"{live_url}/konsultacje/uwagi/{comment.pk}/odpowiedz/")
        coordinator.select_option("#id_decision", index=1)
        coordinator.fill("#id_reason", "Zespół koordynujący rozpatrzył uwagę na posiedzeniu.")
        coordinator.get_by_role("button", name="Zapisz odpowiedź").click()
        expect(coordinator.locator(".messages")).to_contain_text("Zapisano odpowiedź.")
    coordinator.goto(process)
    take(coordinator, "Zatwierdź tekst końcowy")
    take(coordinator, "Opublikuj raport z konsultacji")

    # Meanwhile the public-benefit council gave its opinion (recorded by staff on its page):
    # the programme goes to the council with it.
    opinion = OpinionRequest.objects.get(object_id=programme.pk, body__kind=BodyKind.RDPP)
    staff.goto(f"{live_url}/organy/opinie/{opinion.pk}/")
    staff.get_by_label("treść opinii").fill("Rada opiniuje projekt pozytywnie.")
    staff.get_by_label("data podjęcia").fill(timezone.localdate().isoformat())
    for select in staff.locator("select[name^=vote_]").all():
        select.select_option("for")
    staff.get_by_role("button", name="Zapisz opinię").click()
    expect(staff.locator(".messages")).to_contain_text("Odnotowano opinię.")
    staff.goto(process)
    take(staff, "Przekaż projekt Radzie Miasta")
    take(staff, "Odnotuj pierwsze czytanie")
    take(staff, "Odnotuj drugie czytanie")
    take(
        staff,
        "Odnotuj przyjęcie uchwały",
        **{
            "Numer uchwały": "XLII/1234/26",
            "Data uchwały": "2026-11-25",
            "Głosy za": "30",
            "Głosy przeciw": "5",
        },
    )
    expect(staff.locator("[data-live-state]")).to_have_text("przyjęty uchwałą")
    programme.refresh_from_db()
    assert programme.state == "adopted"
    assert programme.resolution_number == "XLII/1234/26"
