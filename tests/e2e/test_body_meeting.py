"""A Civic Dialogue Commission meets in the meeting room: its chair opens the meeting and puts
the commission's opinion on a chapter to the vote, the members vote in their own browsers,
the chair closes the vote, and the adopted opinion appears with the chapter."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bodies.models import Body, BodyKind, Membership, OpinionState
from bodies.services import request_opinion
from consultations.meetings import services
from tests.consultations.factories import ProgrammeFactory, force_state, published_chapter
from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role

pytestmark = pytest.mark.e2e

PASSWORD = "pass-1234-test"
OPINION = "Komisja opiniuje rozdział o ekologii pozytywnie i prosi o cel dotyczący zieleni."


def person(username: str, name: str) -> User:
    return User.objects.create_user(username, password=PASSWORD, display_name=name)


@pytest.fixture
def commission(live_url):
    body = Body.objects.create(
        kind=BodyKind.DIALOGUE_COMMISSION,
        name="Komisja Dialogu Obywatelskiego ds. Ekologii",
        legal_basis="Zarządzenie Prezydenta Miasta Krakowa",
        term_start=date(2024, 1, 1),
    )
    people = {
        "chair": person("kdo-przewodniczaca", "Ewa Przewodnicząca"),
        "m1": person("kdo-czlonek1", "Jan Członek"),
        "m2": person("kdo-czlonek2", "Ola Członkini"),
    }
    for key, user in people.items():
        role = "chair" if key == "chair" else "member"
        Membership.objects.create(body=body, person=user, role=role, term_start=date(2024, 1, 1))
    staff = person("urzednik-e2e", "Urzędnik")
    grant_role(staff, Role.COUNCIL_STAFF)
    programme = ProgrammeFactory()
    chapter = published_chapter(programme)
    force_state(programme, "comments_open")
    opinion = request_opinion(
        by=staff,
        body=body,
        target=chapter,
        subject=f"Opinia o rozdziale: {chapter.title}",
        due_on=timezone.localdate() + timedelta(days=14),
    )
    start = timezone.now()
    meeting = services.create_meeting(
        body=body,
        by=people["chair"],
        title="Posiedzenie Komisji Dialogu Obywatelskiego ds. Ekologii",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Urząd Miasta Krakowa, sala 201",
        agenda=[{"title": "Opinia o rozdziale programu współpracy"}],
    )
    return {"meeting": meeting, "people": people, "opinion": opinion, "chapter": chapter}


def test_a_commission_adopts_its_opinion_on_a_chapter_by_vote(
    live_url, login, new_page, commission, axe_check
):
    meeting, people = commission["meeting"], commission["people"]
    room = f"{live_url}/spotkania/{meeting.pk}/"
    chair = new_page()
    login(chair, people["chair"])
    chair.goto(room)
    chair.get_by_role("button", name="Rozpocznij spotkanie").click()
    expect(chair.locator("#meeting-state")).to_have_text("trwa")
    chair.get_by_role("button", name="Otwórz punkt").click()
    expect(chair.locator("#put-to-vote")).to_be_visible()
    assert axe_check(chair) == []
    chair.select_option("#vote-kind", "opinion")
    chair.select_option("#vote-stance", "with_remarks")
    chair.fill("#vote-motion-text", OPINION)
    chair.get_by_role("button", name="Poddaj pod głosowanie").click()
    expect(chair.locator("#vote-text")).to_contain_text("cel dotyczący zieleni")

    for key in ("m1", "m2"):
        member = new_page()
        login(member, people[key])
        member.goto(room)
        expect(member.locator("#vote-text")).to_contain_text("cel dotyczący zieleni")
        if key == "m1":  # the ballot as a member sees it
            assert axe_check(member) == []
        member.check("#cast-vote input[value=for]")
        member.get_by_role("button", name="Oddaj głos").click()
        expect(member.locator("#you-voted")).to_be_visible()
    # The chair's own vote, and the count the others' votes brought over the websocket.
    chair.reload()
    chair.check("#cast-vote input[value=for]")
    chair.get_by_role("button", name="Oddaj głos").click()
    expect(chair.locator("#vote-cast")).to_have_text("3")

    chair.get_by_role("button", name="Zamknij głosowanie i ogłoś wynik").click()
    expect(chair.locator("#agenda")).to_contain_text("przyjęte w głosowaniu")
    expect(chair.locator("#agenda")).to_contain_text("za 3, przeciw 0")

    commission["opinion"].refresh_from_db()
    assert commission["opinion"].state == OpinionState.ADOPTED
    programme_page = new_page()
    chapter = commission["chapter"]
    programme_page.goto(f"{live_url}/konsultacje/{chapter.programme_id}/")
    opinions = programme_page.locator(f"#rozdzial-{chapter.pk} .chapter-opinions")
    expect(opinions).to_contain_text("Komisja Dialogu Obywatelskiego ds. Ekologii")
    expect(opinions).to_contain_text("pozytywna z uwagami")
    expect(opinions).to_contain_text("cel dotyczący zieleni")
    assert axe_check(programme_page) == []
