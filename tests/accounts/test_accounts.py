import pytest
from django.core.exceptions import ValidationError

from workflows.accounts.models import Organisation, Role, User
from workflows.accounts.roles import has_role, represents

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("krs", ["123", "00001234567", "00001234a6", ""])
def test_krs_must_be_ten_digits(krs):
    with pytest.raises(ValidationError) as error:
        Organisation(name="Fundacja", krs=krs).full_clean()
    assert "krs" in error.value.message_dict


def test_valid_krs_is_accepted():
    Organisation(name="Fundacja", krs="0000123456").full_clean()


def test_signup_creates_a_resident_and_signs_in(client):
    response = client.post(
        "/rejestracja/",
        {
            "username": "nowa",
            "display_name": "Nowa Mieszkanka",
            "email": "nowa@example.org",
            "password1": "Zielone-Planty-77",
            "password2": "Zielone-Planty-77",
            "privacy_accepted": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nowa")
    assert has_role(user, Role.RESIDENT)
    assert client.get("/api/v1/me/").json()["roles"] == ["resident"]


def test_signup_errors_are_shown_next_to_fields(client):
    response = client.post("/rejestracja/", {"username": "", "password1": "a", "password2": "b"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not User.objects.exists()


def test_login_page_signs_in(client, resident):
    response = client.post("/logowanie/", {"username": "resident", "password": "pass-1234-test"})
    assert response.status_code == 302
    assert client.get("/api/v1/me/").json()["username"] == "resident"


def test_token_auth_for_the_api(api, resident):
    token = api.post(
        "/api/v1/auth/token/", {"username": "resident", "password": "pass-1234-test"}
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").json()["authenticated"] is True


def test_anonymous_me(api):
    assert api.get("/api/v1/me/").json()["authenticated"] is False


def test_roles_and_representation(make_user):
    staff = make_user(Role.COUNCIL_STAFF)
    rep = make_user(Role.ORGANISATION_REP)
    org = Organisation.objects.create(name="Fundacja", krs="0000000001")
    org.representatives.add(rep)
    assert has_role(staff, Role.COUNCIL_STAFF) and not has_role(rep, Role.COUNCIL_STAFF)
    assert represents(rep, org) and not represents(staff, org)


def test_administrator_holds_every_global_role(make_user):
    from workflows.accounts.roles import is_coordinating_team, is_council_staff

    admin = make_user(Role.ADMINISTRATOR)
    assert is_council_staff(admin) and is_coordinating_team(admin)


def test_home_page_renders_with_skip_link_and_language_switch(client):
    body = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in body
    assert 'name="language" value="en"' in body


def test_english_switch(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/").headers["Content-Language"] == "en"
