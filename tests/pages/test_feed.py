"""The home page's "what changed" feed: latest transitions of what the person may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.workflows.engine_app.models import Petition
from workflows.feed import recent_changes
from workflows.services import advance

pytestmark = pytest.mark.django_db


def submitted(petitions, owner, n: int, **fields) -> list[Petition]:
    made = petitions(n, **fields)
    for petition in made:
        advance(petition, "submit", by=owner)
    return made


def test_feed_lists_transitions_newest_first_with_labels(petitions, owner, resident):
    first, second = submitted(petitions, owner, 2)
    changes = recent_changes(resident)
    assert [c.label for c in changes] == [str(second), str(first)]
    assert changes[0].action == "Złóż" and changes[0].state_label == "złożona"
    assert changes[0].url == f"/proces/petition/{second.pk}/"
    assert changes[0].stream == f"petition.{second.pk}"


def test_feed_leaves_out_what_the_person_may_not_see(petitions, owner, resident):
    (hidden,) = submitted(petitions, owner, 1, is_public=False)
    assert recent_changes(resident) == []
    assert [c.label for c in recent_changes(owner)] == [str(hidden)]


def test_feed_is_limited(petitions, owner, resident):
    submitted(petitions, owner, 5)
    assert len(recent_changes(resident, limit=3)) == 3


def test_feed_queries_do_not_grow_with_changes(petitions, owner, resident):
    submitted(petitions, owner, 2)
    with CaptureQueriesContext(connection) as few:
        recent_changes(resident)
    submitted(petitions, owner, 8)
    with CaptureQueriesContext(connection) as many:
        assert len(recent_changes(resident)) == 10
    assert len(many.captured_queries) == len(few.captured_queries)


def test_home_shows_the_feed_and_its_streams(client, petitions, owner):
    (petition,) = submitted(petitions, owner, 1)
    body = client.get("/").content.decode()
    assert 'id="feed"' in body and f'data-streams="petition.{petition.pk}"' in body
    assert f'href="/proces/petition/{petition.pk}/"' in body


def test_feed_fragment_for_live_refresh(client, petitions, owner):
    (petition,) = submitted(petitions, owner, 1)
    body = client.get("/zmiany/").content.decode()
    assert body.startswith('<ol class="feed" id="feed-list">')
    assert str(petition) in body and "<html" not in body


def test_feed_escapes_user_text(client, petitions, owner):
    (petition,) = submitted(petitions, owner, 1)
    Petition.objects.filter(pk=petition.pk).update(title="<script>alert(1)</script>")
    body = client.get("/zmiany/").content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body


def test_feed_shows_transitions_not_other_audited_actions(petitions, owner, resident):
    from workflows.services import record

    (petition,) = submitted(petitions, owner, 1)
    record(petition, "add_signature", by=owner)
    assert [c.action for c in recent_changes(resident)] == ["Złóż"]
