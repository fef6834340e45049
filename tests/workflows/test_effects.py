"""Declared effects: advance() runs a transition's effect in its transaction, and only its own."""

from dataclasses import replace

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.workflows.engine_app.models import Petition
from workflows.models import AuditEntry
from workflows.registry import get_kind, register
from workflows.services import advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def effects():
    """Declare effects on the test petition kind for one test; yields the calls they saw."""

    original = get_kind("petition")
    calls = []

    def declare(**declared):
        register(replace(original, effects=declared))
        return calls

    yield declare
    register(original)


def test_an_effect_runs_on_its_transition_only(effects, petition, owner, staff):
    calls = effects(accept=lambda obj, *, by, payload: calls.append(obj.state))
    advance(petition, "submit", by=owner)
    assert calls == []
    Petition.objects.filter(pk=petition.pk).update(signatures=10)
    advance(petition, "accept", by=staff)
    assert calls == ["accepted"]


def test_an_effect_receives_the_locked_saved_object_the_actor_and_the_payload(
    effects, petition, owner, staff
):
    def remember(obj, *, by, payload):
        stored = Petition.objects.get(pk=obj.pk)
        calls.append((obj, stored.state, stored.note, by, payload))

    calls = effects(accept=remember)
    advance(petition, "submit", by=owner)
    Petition.objects.filter(pk=petition.pk).update(signatures=10)
    returned = advance(petition, "accept", by=staff, note="zgodnie z regulaminem")
    [(obj, stored_state, stored_note, by, payload)] = calls
    assert obj is returned and obj is not petition
    assert (stored_state, stored_note) == ("accepted", "zgodnie z regulaminem")
    assert by == staff
    assert payload == {"note": "zgodnie z regulaminem"}


def test_what_an_effect_returns_is_kept_in_the_audit_entry(effects, petition, owner):
    effects(submit=lambda obj, *, by, payload: {"copies": 2})
    advance(petition, "submit", by=owner)
    entry = AuditEntry.objects.get(action="submit")
    assert entry.payload == {"effect": {"copies": 2}}


def test_a_failing_effect_rolls_back_the_state_change_and_the_audit_entry(effects, petition, owner):
    def fail(obj, *, by, payload):
        Petition.objects.filter(pk=obj.pk).update(note="zapisane przez efekt")
        raise RuntimeError("drukarka nie działa")

    effects(submit=fail)
    with pytest.raises(RuntimeError, match="drukarka"):
        advance(petition, "submit", by=owner)
    petition.refresh_from_db()
    assert (petition.state, petition.note) == ("draft", "")
    assert not AuditEntry.objects.exists()


def test_an_effect_of_an_unknown_transition_is_refused_at_registration(effects):
    with pytest.raises(ImproperlyConfigured, match="sign"):
        effects(sign=lambda obj, *, by, payload: None)
