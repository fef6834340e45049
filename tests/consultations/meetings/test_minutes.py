"""Minutes: generated from the record, edited by the moderator, published as a page and PDF."""

import pytest

from consultations.meetings import services
from consultations.meetings.minutes import generate
from consultations.meetings.models import Meeting
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(item_open, moderator, member, expert):
    """A meeting with one discussed item, two speeches, a contribution and a decision."""

    meeting = item_open.meeting
    services.raise_hand(meeting=meeting, user=member)
    services.raise_hand(meeting=meeting, user=expert)
    services.give_floor(meeting=meeting, by=moderator)
    services.give_floor(meeting=meeting, by=moderator)
    services.add_contribution(meeting=meeting, user=member, text="Brak lokali dla organizacji.")
    services.record_decision(
        meeting=meeting, by=moderator, outcome="consensus", text="Słaba strona: brak lokali."
    )
    return services.close_meeting(meeting=meeting, by=moderator)


def test_generated_minutes_hold_the_whole_record(held):
    text = generate(held)
    assert "Protokół spotkania: Spotkanie Zespołu Branżowego" in text
    assert "Moderator: Tomasz Moderator" in text
    present = text.split("Obecni:")[1].split("Nieobecni")[0]
    assert "Maria Zespołowa" in present and "Ekspert Zaproszony" in present
    assert "Ewa Społeczna" in text.split("Nieobecni uczestnicy:")[1]  # invited organisation
    assert "- Maria Zespołowa, " in text and "- Ekspert Zaproszony, " in text
    assert "Maria Zespołowa: Brak lokali dla organizacji." in text
    assert "- [konsensus osiągnięty] Słaba strona: brak lokali." in text
    assert "2. Określenie celów współpracy" in text and "Punkt nie był omawiany." in text


def test_closing_the_meeting_ends_the_floor_and_the_item(held):
    assert held.state == "closed" and held.current_item is None
    assert not held.speeches.filter(ended_at__isnull=True).exists()
    item_closed = held.items.get(position=1).closed_at
    assert item_closed is not None and item_closed <= held.closed_at


def test_overrun_is_written_in_the_minutes(held):
    speech = held.speeches.last()
    held.speeches.filter(pk=speech.pk).update(ended_at=speech.started_at + _seconds(200))
    assert "przekroczenie o 1:20" in generate(held)


def _seconds(n):
    from datetime import timedelta

    return timedelta(seconds=n)


def test_moderator_edits_then_publishes(api_as, held, moderator):
    client = api_as(moderator)
    draft = client.get(f"/api/v1/meetings/{held.pk}/minutes/").json()
    assert draft["edited"] is False and "Obecni:" in draft["text"]
    response = client.put(
        f"/api/v1/meetings/{held.pk}/minutes/", {"text": "Protokół poprawiony."}, format="json"
    )
    assert response.status_code == 200
    assert client.post(f"/api/v1/meetings/{held.pk}/minutes/publish/").status_code == 200
    meeting = Meeting.objects.get()
    assert (meeting.state, meeting.minutes) == ("published", "Protokół poprawiony.")
    assert AuditEntry.objects.filter(action="edit_minutes").exists()


def test_unedited_minutes_are_frozen_on_publication(held, moderator):
    published = services.publish_minutes(meeting=held, by=moderator)
    assert published.minutes == generate(held)


def test_minutes_of_a_published_meeting_cannot_be_edited(api_as, held, moderator):
    services.publish_minutes(meeting=held, by=moderator)
    response = api_as(moderator).put(
        f"/api/v1/meetings/{held.pk}/minutes/", {"text": "Zmiana"}, format="json"
    )
    assert response.status_code == 409


def test_minutes_of_an_open_meeting_cannot_be_edited(api_as, open_meeting, moderator):
    response = api_as(moderator).put(
        f"/api/v1/meetings/{open_meeting.pk}/minutes/", {"text": "Za wcześnie"}, format="json"
    )
    assert response.status_code == 409


def test_only_the_moderator_edits_and_publishes(api_as, held, member):
    client = api_as(member)
    put = client.put(f"/api/v1/meetings/{held.pk}/minutes/", {"text": "x"}, format="json")
    assert put.status_code == 403
    assert client.post(f"/api/v1/meetings/{held.pk}/minutes/publish/").status_code == 403
    assert client.get(f"/api/v1/meetings/{held.pk}/minutes/").status_code == 403


def test_published_minutes_page_and_pdf_are_public(client, work, held, moderator):
    assert client.get(f"/spotkania/{held.pk}/protokol/").status_code == 404
    services.publish_minutes(meeting=held, by=moderator)
    page = client.get(f"/spotkania/{held.pk}/protokol/")
    assert page.status_code == 200
    assert "Słaba strona: brak lokali." in page.content.decode()
    assert client.get(f"/spotkania/{held.pk}/protokol.pdf").status_code in (200, 202)
    work()  # the worker renders the PDF (for the download and the BIP bundle alike)
    pdf = client.get(f"/spotkania/{held.pk}/protokol.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_moderator_edits_minutes_on_the_page(client, held, moderator):
    client.force_login(moderator)
    response = client.post(f"/spotkania/{held.pk}/protokol/", {"text": "Nowa treść"})
    assert response.status_code == 302
    assert Meeting.objects.get().minutes == "Nowa treść"
    client.post(f"/proces/meeting/{held.pk}/publish_minutes/")
    assert Meeting.objects.get().state == "published"


def test_closing_on_the_staff_page_ends_the_floor_for_everyone(
    client, item_open, moderator, member
):
    from consultations.meetings.models import AgendaItem, QueuedHand, Speech

    meeting = item_open.meeting
    services.raise_hand(meeting=meeting, user=member)
    services.give_floor(meeting=meeting, by=moderator)
    services.raise_hand(meeting=meeting, user=moderator)
    client.force_login(moderator)
    client.post(f"/proces/meeting/{meeting.pk}/close/")
    assert Meeting.objects.get().state == "closed"
    assert not QueuedHand.objects.filter(meeting=meeting).exists()
    assert not Speech.objects.filter(meeting=meeting, ended_at=None).exists()
    assert not AgendaItem.objects.filter(meeting=meeting, closed_at=None).exclude(opened_at=None)


def test_minutes_published_through_the_generic_api_are_frozen_and_public(
    held, moderator, api_as, api, client
):
    response = api_as(moderator).post(
        f"/api/v1/workflows/meeting/{held.pk}/transitions/publish_minutes/"
    )
    assert response.status_code == 200
    frozen = Meeting.objects.get().minutes
    assert frozen.startswith("Protokół spotkania")
    assert api.get(f"/api/v1/meetings/{held.pk}/minutes/").json()["text"] == frozen
    assert frozen.splitlines()[0] in client.get(f"/spotkania/{held.pk}/protokol/").content.decode()


def test_minutes_before_publication_are_the_moderators_only(held, api, client, member, api_as):
    assert api.get(f"/api/v1/meetings/{held.pk}/minutes/").status_code == 403
    assert api_as(member).get(f"/api/v1/meetings/{held.pk}/minutes/").status_code == 403
    assert client.get(f"/spotkania/{held.pk}/protokol/").status_code == 404
