"""Transitions that need data: the generic pages render their fields and pass them on."""

import pytest

from tests.workflows.engine_app.models import Petition
from workflows.payload import PayloadField, fields_for, from_post
from workflows.registry import get_kind
from workflows.services import advance

pytestmark = pytest.mark.django_db


def test_fields_come_from_the_input_schema():
    kind = get_kind("petition")
    assert fields_for(kind, "accept") == [
        PayloadField(name="note", label="Note", input_type="text", required=False)
    ]
    assert fields_for(kind, "submit") == []
    assert fields_for(kind, "nope") == []


def test_form_keys_and_empty_values_are_not_payload():
    post = {"csrfmiddlewaretoken": "x", "reason": "r", "next": "/", "note": " tak ", "x": " "}
    assert from_post(post) == {"note": "tak"}


def test_object_page_renders_the_payload_field(client, staff, owner):
    petition = Petition.objects.create(
        title="Ławki", owner=owner, signatures=10, signatures_needed=10
    )
    advance(petition, "submit", by=owner)
    client.force_login(staff)
    body = client.get(f"/proces/petition/{petition.pk}/").content.decode()
    assert f'id="petition-{petition.pk}-accept-note" name="note"' in body


def test_payload_reaches_the_transition(client, staff, owner):
    petition = Petition.objects.create(
        title="Ławki", owner=owner, signatures=10, signatures_needed=10
    )
    advance(petition, "submit", by=owner)
    client.force_login(staff)
    client.post(f"/proces/petition/{petition.pk}/accept/", {"note": "Przyjęto na sesji"})
    petition.refresh_from_db()
    assert petition.state == "accepted" and petition.note == "Przyjęto na sesji"


def test_unknown_payload_is_refused_with_the_engines_message(client, staff, owner):
    petition = Petition.objects.create(title="Ławki", owner=owner)
    advance(petition, "submit", by=owner)
    client.force_login(staff)
    response = client.post(f"/proces/petition/{petition.pk}/close/", {"colour": "red"}, follow=True)
    assert "Nieoczekiwane pola: colour." in response.content.decode()
    petition.refresh_from_db()
    assert petition.state == "submitted"


def test_a_transition_that_needs_a_reason_says_so(client, staff, owner):
    petition = Petition.objects.create(title="Ławki", owner=owner)
    advance(petition, "submit", by=owner)
    client.force_login(staff)
    body = client.get(f"/proces/petition/{petition.pk}/").content.decode()
    reason = 'name="reason" maxlength="2000"'
    assert f'id="petition-{petition.pk}-reject-reason" {reason} required>' in body
    assert f'id="petition-{petition.pk}-close-reason" {reason}>' in body
