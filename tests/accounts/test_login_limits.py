"""Password guessing: django-axes counts failures per normalised account name and address
together, on the login page and the token API alike."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT
RIGHT = "pass-1234-test"
# Spellings of "ola" that the form and the API read as one account name.
PADDED = ["ola", " ola", "ola ", "  ola\t", "OLA", " Ola "]


def page(address="10.0.0.1") -> Client:
    return Client(REMOTE_ADDR=address)


def api(address="10.0.0.1") -> APIClient:
    return APIClient(REMOTE_ADDR=address)


def page_login(client, username, password):
    return client.post("/logowanie/", {"username": username, "password": password})


def api_login(client, username, password):
    body = {"username": username, "password": password}
    return client.post("/api/v1/auth/token/", body, format="json")


def spellings(n: int) -> list[str]:
    return [PADDED[i % len(PADDED)] for i in range(n)]


@pytest.fixture
def ola(make_user):
    return make_user(Role.RESIDENT, username="ola")


def test_page_counts_padded_spellings_as_one_account(ola):
    client = page()
    for name in spellings(LIMIT - 1):
        assert page_login(client, name, "zgaduję").status_code == 200
    assert page_login(client, " ola  ", "zgaduję").status_code == 429
    # Locked: even the right password is refused, before it is checked.
    response = page_login(client, "ola", RIGHT)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Zbyt wiele nieudanych prób logowania na to konto" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_api_counts_padded_spellings_as_one_account(ola):
    client = api()
    for name in spellings(LIMIT - 1):
        assert api_login(client, name, "zgaduję").status_code == 400
    response = api_login(client, "  OLA ", "zgaduję")
    assert response.status_code == 429
    response = api_login(client, "ola", RIGHT)
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert "Zbyt wiele nieudanych prób logowania na to konto" in error["message"]
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert not Token.objects.exists()


def test_page_and_api_share_one_counter(ola):
    for n in range(LIMIT):
        login = page_login if n % 2 else api_login
        login(page() if n % 2 else api(), "ola", "zgaduję")
    assert page_login(page(), "ola", RIGHT).status_code == 429
    assert api_login(api(), "ola", RIGHT).status_code == 429


# Each door with the status of a successful login.
DOORS = [(page_login, page, 302), (api_login, api, 200)]


@pytest.mark.parametrize("login, client, signed_in", DOORS)
def test_a_lockout_does_not_reach_the_owner_elsewhere_or_other_accounts(
    login, client, signed_in, ola, make_user
):
    make_user(Role.RESIDENT, username="ela")
    attacker = client("10.0.0.66")
    for _ in range(LIMIT):
        login(attacker, "ola", "zgaduję")
    assert login(attacker, "ola", RIGHT).status_code == 429
    # The attacker's own address can still sign in as another account...
    assert login(attacker, "ela", RIGHT).status_code == signed_in
    # ...and the owner signs in from their own address.
    assert login(client("10.0.0.7"), "ola", RIGHT).status_code == signed_in


def test_json_logins_from_one_address_do_not_lock_everyone(ola, make_user):
    make_user(Role.RESIDENT, username="ela")
    client = api()
    for n in range(LIMIT * 2):
        assert api_login(client, f"konto{n}", "nie").status_code == 400
    assert api_login(client, "ela", RIGHT).status_code == 200
    assert api_login(client, "ola", RIGHT).status_code == 200


@pytest.mark.parametrize("login, client, signed_in", DOORS)
def test_the_right_password_works_after_the_cool_off(login, client, signed_in, ola):
    attacker = client()
    for _ in range(LIMIT):
        login(attacker, "ola", "zgaduję")
    assert login(attacker, "ola", RIGHT).status_code == 429
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    with time_machine.travel(later):
        assert login(attacker, "ola", RIGHT).status_code == signed_in


def test_a_success_resets_the_count(ola):
    client = page()
    for _ in range(LIMIT - 1):
        page_login(client, "ola", "zgaduję")
    assert page_login(client, "ola", RIGHT).status_code == 302
    for _ in range(LIMIT - 1):
        assert page_login(Client(REMOTE_ADDR="10.0.0.1"), "ola", "zgaduję").status_code == 200


def test_one_address_gets_a_limited_number_of_attempts_across_accounts():
    client = page("10.0.0.9")
    statuses = [page_login(client, f"konto{n}", "x").status_code for n in range(31)]
    assert statuses == [200] * 30 + [429]
    response = api_login(api("10.0.0.9"), "konto99", "x")
    assert response.status_code == 429
    assert "z tego adresu" in response.json()["error"]["message"]


def test_ipv6_neighbours_in_one_slash_64_are_one_address(ola):
    for n in range(LIMIT):
        page_login(page(f"2001:db8:1:2::{n + 1:x}"), "ola", "zgaduję")
    assert page_login(page("2001:db8:1:2::ffff"), "ola", RIGHT).status_code == 429
    assert page_login(page("2001:db8:1:3::1"), "ola", RIGHT).status_code == 302
