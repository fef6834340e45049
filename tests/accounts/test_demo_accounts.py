"""The login page lists the demo accounts, their roles and what to try, in demo mode only."""

import io

import pytest

from workflows.accounts import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    demo.load(io.StringIO())


def test_demo_mode_lists_every_account_with_its_role_and_what_to_try(client, settings, accounts):
    settings.DEMO_MODE = True
    page = client.get("/logowanie/").content.decode()
    assert "Konta demonstracyjne" in page and demo.DEMO_PASSWORD in page
    for username, _name, roles in demo.PEOPLE:
        assert f"<code>{username}</code>" in page
        assert str(roles[0].label) in page
    assert str(demo.TRY["koordynator"]) in page


def test_without_demo_mode_the_login_page_lists_no_accounts(client, settings, accounts):
    settings.DEMO_MODE = False
    page = client.get("/logowanie/").content.decode()
    assert "Konta demonstracyjne" not in page and demo.DEMO_PASSWORD not in page


def test_demo_mode_without_the_demo_loaded_lists_nobody(client, settings):
    settings.DEMO_MODE = True
    assert "Konta demonstracyjne" not in client.get("/logowanie/").content.decode()


def test_every_demo_account_signs_in_with_the_printed_password(accounts, client):
    for username, _name, _roles in demo.PEOPLE:
        form = {"username": username, "password": demo.DEMO_PASSWORD}
        assert client.post("/logowanie/", form).status_code == 302, username
        client.logout()
