"""Pages: the list, the room without JavaScript (forms), and the demo."""

import io

import pytest

from consultations.meetings import demo, services
from consultations.meetings.models import Meeting, QueuedHand, Speech
from consultations.models import SectorTeam

pytestmark = pytest.mark.django_db


def test_meeting_list_query_count_is_constant(client, meeting, django_assert_max_num_queries):
    for n in range(4):
        services.create_meeting(
            team=meeting.team,
            by=meeting.moderator,
            title=f"Spotkanie {n}",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place="Sala",
            agenda=[{"title": "SWOT"}],
        )
    with django_assert_max_num_queries(4):
        response = client.get("/spotkania/")
    assert response.status_code == 200
    assert response.content.decode().count("/spotkania/") >= 5


def test_room_shows_the_current_state_without_javascript(client, item_open, member, expert):
    meeting = item_open.meeting
    services.raise_hand(meeting=meeting, user=expert)
    services.raise_hand(meeting=meeting, user=member)
    services.give_floor(meeting=meeting, by=meeting.moderator)
    html = client.get(f"/spotkania/{meeting.pk}/").content.decode()
    assert 'id="floor-speaker">Ekspert Zaproszony</strong>' in html
    assert f'<li data-user="{member.pk}">Maria Zespołowa' in html
    assert 'aria-current="step"' in html
    assert 'data-limit="120"' in html
    assert "Zgłoś się do głosu" not in html  # an observer gets no controls


def test_participant_raises_a_hand_with_a_plain_form(client, open_meeting, member):
    client.force_login(member)
    page = client.get(f"/spotkania/{open_meeting.pk}/").content.decode()
    assert "Zgłoś się do głosu" in page
    response = client.post(f"/spotkania/{open_meeting.pk}/czynnosc/raise_hand/")
    assert response.status_code == 302
    assert QueuedHand.objects.get().user == member


def test_moderator_controls_work_without_javascript(client, open_meeting, first_item, member):
    services.raise_hand(meeting=open_meeting, user=member)
    client.force_login(open_meeting.moderator)
    client.post(f"/spotkania/{open_meeting.pk}/czynnosc/open_item/", {"item": first_item.pk})
    client.post(f"/spotkania/{open_meeting.pk}/czynnosc/give_floor/", {"user": member.pk})
    assert Speech.objects.get().speaker == member


def test_refusal_on_the_page_is_a_message(client, open_meeting, member):
    client.force_login(member)
    response = client.post(
        f"/spotkania/{open_meeting.pk}/czynnosc/give_floor/", {"user": member.pk}, follow=True
    )
    assert "Tylko moderator tego spotkania może to zrobić." in response.content.decode()


def test_page_transition_by_moderator(client, meeting):
    client.force_login(meeting.moderator)
    client.post(f"/proces/meeting/{meeting.pk}/open/")
    assert Meeting.objects.get().state == "open"


def test_demo_is_idempotent_and_skips_without_teams(make_user):
    out = io.StringIO()
    demo.load(out)
    assert "no sector teams" in out.getvalue() and not Meeting.objects.exists()
    moderator = make_user(username="moderator")
    SectorTeam.objects.create(
        name="ds. aktywizacji grup zagrożonych wykluczeniem", slug="w", moderator=moderator
    )
    demo.load(out)
    demo.load(out)
    meeting = Meeting.objects.get()
    assert [i.section for i in meeting.items.all()] == ["swot", "goals", "actions"]
    assert "moderator prowadzi spotkanie" in meeting.rules
    assert "already present" in out.getvalue()


def test_moderator_gives_the_floor_out_of_turn_on_the_page(client, item_open, expert):
    meeting = item_open.meeting
    client.force_login(meeting.moderator)
    page = client.get(f"/spotkania/{meeting.pk}/").content.decode()
    assert f'<option value="{expert.pk}">Ekspert Zaproszony</option>' in page
    client.post(
        f"/spotkania/{meeting.pk}/czynnosc/give_floor/", {"user": expert.pk, "out_of_turn": "1"}
    )
    assert Speech.objects.get().speaker == expert
