"""The meeting room in two browsers at once: a participant raises a hand, the moderator gives
the floor, both see it live (websockets through the ASGI live server of conftest.py)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.meetings import services
from consultations.models import SectorTeam
from tests.e2e.conftest import live_ready
from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role

pytestmark = pytest.mark.e2e

PASSWORD = "pass-1234-test"


@pytest.fixture
def room(live_url):
    moderator = User.objects.create_user(
        "moderator", password=PASSWORD, display_name="Tomasz Moderator"
    )
    member = User.objects.create_user("czlonek", password=PASSWORD, display_name="Maria Zespołowa")
    grant_role(moderator, Role.MODERATOR)
    grant_role(member, Role.SECTOR_TEAM_MEMBER)
    team = SectorTeam.objects.create(
        name="ds. aktywizacji grup zagrożonych wykluczeniem",
        slug="wykluczenie",
        moderator=moderator,
    )
    team.members.add(member)
    start = timezone.now()
    meeting = services.create_meeting(
        team=team,
        by=moderator,
        title="Spotkanie Zespołu Branżowego ds. Wykluczenia Społecznego",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Urząd Miasta Krakowa",
        speaking_limit_seconds=120,
        agenda=[{"title": "Analiza SWOT", "section": "swot"}, {"title": "Cele"}],
    )
    services.open_meeting(meeting=meeting, by=moderator)
    services.open_item(meeting=meeting, item_id=meeting.items.first().pk, by=moderator)
    return {"meeting": meeting, "moderator": moderator, "member": member}


def test_participant_raises_a_hand_and_sees_the_floor_given(browser, live_url, login, room):
    url = f"{live_url}/spotkania/{room['meeting'].pk}/"
    contexts = [browser.new_context(locale="pl-PL", timezone_id="Europe/Warsaw") for _ in "mp"]
    mod_context, part_context = contexts
    moderator, participant = mod_context.new_page(), part_context.new_page()
    login(moderator, room["moderator"])
    login(participant, room["member"])
    moderator.goto(url)
    participant.goto(url)
    # The pages must not reload: every change below arrives over the websocket.
    for page in (moderator, participant):
        live_ready(page, f"meeting.{room['meeting'].pk}")
        page.evaluate("window.__sameDocument = true")

    participant.get_by_role("button", name="Zgłoś się do głosu").click()
    expect(moderator.locator("#queue")).to_contain_text("Maria Zespołowa")
    expect(participant.get_by_role("button", name="Wycofaj zgłoszenie")).to_be_visible()
    expect(participant.get_by_role("button", name="Zgłoś się do głosu")).to_be_hidden()

    moderator.get_by_role("button", name="Udziel głosu następnej osobie").click()
    expect(participant.locator("#floor-speaker")).to_have_text("Maria Zespołowa")
    expect(participant.locator("#live-announcer")).to_have_text("Głos otrzymuje Maria Zespołowa")
    # The time left changes every second (and the first figure depends on the clocks).
    expect(participant.locator("#countdown")).to_have_text(re.compile(r"^Pozostało: \d+:\d\d$"))
    expect(participant.locator("#queue")).to_contain_text("Nikt nie czeka w kolejce.")
    expect(moderator.locator("#floor-speaker")).to_have_text("Maria Zespołowa")
    for page in (moderator, participant):
        assert page.evaluate("window.__sameDocument") is True
    mod_context.close()
    part_context.close()


def test_room_is_keyboard_usable_and_has_no_serious_axe_violations(
    browser, live_url, login, room, axe_check
):
    # axe-core is injected as an inline script, which the site's CSP rightly refuses.
    context = browser.new_context(locale="pl-PL", bypass_csp=True)
    page = context.new_page()
    login(page, room["member"])
    page.goto(f"{live_url}/spotkania/{room['meeting'].pk}/")
    expect(page.locator("#queue")).to_contain_text("Nikt nie czeka w kolejce.")
    button = page.get_by_role("button", name="Zgłoś się do głosu")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#queue")).to_contain_text("Maria Zespołowa")
    violations = axe_check(page)
    assert violations == [], violations
    context.close()


def test_late_joiner_sees_the_running_countdown(page, live_url, room):
    meeting, member = room["meeting"], room["member"]
    services.raise_hand(meeting=meeting, user=member)
    services.give_floor(meeting=meeting, by=room["moderator"])
    # The speech started 150 s ago on the server's clock: 30 s over the 120 s limit.
    meeting.speeches.update(started_at=timezone.now() - timedelta(seconds=150))
    page.goto(f"{live_url}/spotkania/{meeting.pk}/")
    expect(page.locator("#countdown")).to_contain_text("Przekroczono czas o 0:3")
    expect(page.locator("#countdown")).to_have_class("overrun")
