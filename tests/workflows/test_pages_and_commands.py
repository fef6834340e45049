"""The engine's pages (state, buttons, reasons, history) and its management commands."""

import pytest
from django.core.management import CommandError, call_command

from tests.workflows.engine_app.models import Petition
from workflows.accounts.models import User
from workflows.services import advance

pytestmark = pytest.mark.django_db


def test_object_page_shows_buttons_reasons_and_history(client, petition, owner, staff):
    advance(petition, "submit", by=owner)
    client.force_login(staff)
    body = client.get(f"/proces/petition/{petition.pk}/").content.decode()
    assert "złożona" in body
    assert f'action="/proces/petition/{petition.pk}/reject/"' in body
    assert "Zebrano 0 z 10 wymaganych podpisów." in body
    # The history in the names people read, not the code's.
    assert "<td>Złóż</td><td>szkic → złożona</td>" in body
    assert "draft → submitted" not in body


def test_button_takes_the_transition_through_the_engine(client, petition, owner, staff):
    advance(petition, "submit", by=owner)
    client.force_login(staff)
    response = client.post(
        f"/proces/petition/{petition.pk}/reject/", {"reason": "Poza kompetencjami"}, follow=True
    )
    assert Petition.objects.get().state == "rejected"
    assert "Zmieniono stan." in response.content.decode()


def test_refused_button_shows_the_reason_and_changes_nothing(client, petition, make_user):
    client.force_login(make_user(username="stranger"))
    response = client.post(f"/proces/petition/{petition.pk}/submit/", follow=True)
    assert "Tylko autor może złożyć petycję." in response.content.decode()
    assert Petition.objects.get().state == "draft"


def test_anonymous_button_redirects_to_login(client, petition):
    response = client.post(f"/proces/petition/{petition.pk}/submit/")
    assert response.status_code == 302 and "/logowanie/" in response.url


def test_hidden_object_page_is_404(client, petition, make_user):
    Petition.objects.filter(pk=petition.pk).update(is_public=False)
    client.force_login(make_user(username="stranger"))
    assert client.get(f"/proces/petition/{petition.pk}/").status_code == 404


def test_workflow_graph_command(capsys):
    call_command("workflow_graph", "petition")
    assert "draft --> submitted: submit (Złóż)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Unknown kind"):
        call_command("workflow_graph", "nope")


def test_load_demo_twice_adds_nothing(capsys):
    call_command("load_demo")
    users = User.objects.count()
    call_command("load_demo")
    assert User.objects.count() == users
    out = capsys.readouterr().out
    assert "demo-krakow-2026" in out and "urzednik" in out
