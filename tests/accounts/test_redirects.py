"""Open redirects: every `next` that the site follows stays on the site."""

import pytest

from consultations.services.programmes import create_programme
from notifications.models import Follow
from tests.budget.factories import DistrictFactory
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db

HOSTILE = [
    "https://evil.example/login",
    "//evil.example/login",
    "/\\evil.example/login",
    "http:///evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    " https://evil.example/",
]
SIGNUP = {
    "username": "nowa",
    "display_name": "Nowa",
    "email": "nowa@example.org",
    "password1": "Zielone-Planty-77",
    "password2": "Zielone-Planty-77",
    "privacy_accepted": "on",
}


def stays_on_site(url: str) -> bool:
    return url.startswith("/") and not url.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", HOSTILE)
def test_signup_does_not_follow_a_foreign_next(client, target):
    response = client.post(f"/rejestracja/?next={target}", SIGNUP)
    assert response.status_code == 302
    assert response.url == "/"


def test_signup_follows_a_local_next(client):
    response = client.post("/rejestracja/?next=/budzet/", SIGNUP)
    assert response.url == "/budzet/"


@pytest.mark.parametrize("target", HOSTILE)
def test_login_does_not_follow_a_foreign_next(client, resident, target):
    response = client.post(
        "/logowanie/", {"username": "resident", "password": "pass-1234-test", "next": target}
    )
    assert response.status_code == 302
    assert stays_on_site(response.url)


def test_login_page_does_not_carry_a_foreign_next_into_its_form(client):
    body = client.get("/logowanie/?next=https://evil.example/").content.decode()
    assert '<input type="hidden" name="next" value="">' in body


@pytest.mark.parametrize("target", HOSTILE)
def test_logout_does_not_follow_a_foreign_next(client, resident, target):
    client.force_login(resident)
    response = client.post("/wyloguj/", {"next": target})
    assert response.status_code == 302
    assert stays_on_site(response.url)


@pytest.mark.parametrize("target", HOSTILE)
def test_language_switch_does_not_follow_a_foreign_next(client, target):
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert stays_on_site(response.url)


@pytest.mark.parametrize("target", [*HOSTILE, ""])
def test_transition_form_does_not_follow_a_foreign_next(client, make_user, target):
    staff = make_user(Role.COUNCIL_STAFF)
    programme = create_programme(by=staff, title="Program 2027", year_from=2027)
    client.force_login(staff)
    response = client.post(
        f"/proces/programme/{programme.pk}/start_drafting/", {"reason": "", "next": target}
    )
    assert response.status_code == 302
    assert response.url == f"/proces/programme/{programme.pk}/"


def test_transition_form_follows_a_local_next(client, make_user):
    staff = make_user(Role.COUNCIL_STAFF)
    programme = create_programme(by=staff, title="Program 2027", year_from=2027)
    client.force_login(staff)
    response = client.post(f"/proces/programme/{programme.pk}/start_drafting/", {"next": "/panel/"})
    assert response.url == "/panel/"


@pytest.mark.parametrize("target", HOSTILE)
def test_follow_button_does_not_follow_a_foreign_next(client, resident, target):
    district = DistrictFactory()
    client.force_login(resident)
    response = client.post(f"/obserwuj/district/{district.pk}/", {"next": target})
    assert response.status_code == 302
    assert response.url == "/powiadomienia/"
    assert Follow.objects.get(user=resident).subject == district


def test_follow_button_follows_a_local_next(client, resident):
    district = DistrictFactory()
    client.force_login(resident)
    response = client.post(f"/obserwuj/district/{district.pk}/", {"next": "/dzielnice/"})
    assert response.url == "/dzielnice/"
