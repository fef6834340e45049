"""E-mail confirmation and password reset through the pages, with mail sent over SMTP to a
real server started by the test (the `smtp` fixture)."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from workflows.accounts.models import Role, User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "nowa",
    "display_name": "Nowa Mieszkanka",
    "email": "nowa@example.org",
    "password1": "Zielone-Planty-77",
    "password2": "Zielone-Planty-77",
    "privacy_accepted": "on",
}
BANNER = "Potwierdź swój adres e-mail"
NEW_PASSWORD = "Kopiec-Kosciuszki-1820"


def link_in(body: str) -> str:
    """The path of the one link in a mail body."""

    (url,) = re.findall(r"https?://\S+", body)
    return urlsplit(url).path


@pytest.fixture
def signed_up(client, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/rejestracja/", SIGNUP)
    assert response.status_code == 302
    return User.objects.get(username="nowa")


@pytest.fixture
def confirmed(make_user):
    return make_user(
        Role.RESIDENT, username="ola", email="ola@example.org", email_confirmed_at=timezone.now()
    )


def test_signup_needs_an_email(client):
    response = client.post("/rejestracja/", SIGNUP | {"email": ""})
    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_sends_a_confirmation_link_that_confirms_once(client, smtp, signed_up):
    (body,) = smtp.to("nowa@example.org")
    assert "nowa" in body
    assert BANNER in client.get("/").content.decode()
    assert client.get("/api/v1/me/").json()["email_confirmed"] is False

    link = link_in(body)
    page = client.get(link)
    assert page.status_code == 200 and "Potwierdzam" in page.content.decode()
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed_at is None  # opening the link alone confirms nothing
    response = client.post(link, follow=True)
    assert "Adres e-mail potwierdzony" in response.content.decode()
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed_at is not None
    assert BANNER not in client.get("/").content.decode()
    assert client.get("/api/v1/me/").json()["email_confirmed"] is True

    confirmed_at = signed_up.email_confirmed_at
    again = client.post(link, follow=True)
    assert "Ten link jest nieważny" in again.content.decode()
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed_at == confirmed_at


def test_an_unconfirmed_resident_signs_in_and_is_told_to_confirm(signed_up):
    client = Client()
    response = client.post("/logowanie/", {"username": "nowa", "password": "Zielone-Planty-77"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert BANNER in body and "/konto/email/" in body
    assert client.get("/api/v1/me/").json()["roles"] == ["resident"]


def test_the_link_confirms_only_for_its_owner_signed_in(smtp, signed_up, make_user):
    link = link_in(smtp.to("nowa@example.org")[0])
    anonymous = Client()
    response = anonymous.post(link)
    assert response.status_code == 302 and response.url.startswith("/logowanie/?next=")
    stranger = Client()
    stranger.force_login(make_user(Role.RESIDENT))
    response = stranger.post(link)
    assert response.status_code == 403
    assert "Ten link jest dla innego konta" in response.content.decode()
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed_at is None
    # The owner signs in through the login page's `next` and lands back on the link.
    owner = Client()
    response = owner.post(
        "/logowanie/", {"username": "nowa", "password": "Zielone-Planty-77", "next": link}
    )
    assert response.url == link
    owner.post(link)
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed_at is not None


def test_a_forged_link_is_refused(client, smtp, signed_up):
    uid = link_in(smtp.to("nowa@example.org")[0]).split("/")[3]
    response = client.post(f"/konto/email/{uid}/forged-token/", follow=True)
    assert "Ten link jest nieważny" in response.content.decode()
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed_at is None


def test_a_new_link_can_be_sent_three_times_an_hour(
    client, smtp, signed_up, django_capture_on_commit_callbacks
):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/konto/email/").status_code == 302
    response = client.post("/konto/email/")
    assert response.status_code == 429
    assert "Zbyt wiele próśb" in response.content.decode()
    bodies = smtp.to("nowa@example.org")
    assert len(bodies) == 4
    # Any link not yet used works, and the first use makes the others useless.
    client.post(link_in(bodies[2]))
    signed_up.refresh_from_db()
    assert signed_up.email_confirmed_at is not None


# --- password reset -----------------------------------------------------------------------


def request_reset(client, address: str):
    return client.post("/haslo/reset/", {"email": address})


def test_password_reset_link_sets_a_new_password_once(client, smtp, confirmed):
    response = request_reset(client, " OLA@example.org ")
    assert response.status_code == 302 and response.url == "/haslo/reset/wyslano/"
    (body,) = smtp.to("ola@example.org")
    link = link_in(body)
    form = client.get(link, follow=True)
    assert "Ustaw hasło" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == "/haslo/reset/gotowe/"
    login = Client().post("/logowanie/", {"username": "ola", "password": NEW_PASSWORD})
    assert login.status_code == 302
    # The same link again: refused, and the password stays.
    again = Client().get(link, follow=True)
    assert "Ten link jest nieważny" in again.content.decode()


def test_reset_answers_the_same_whether_or_not_an_account_has_the_address(
    smtp, confirmed, make_user
):
    make_user(Role.RESIDENT, username="nieznana", email="nowy@example.org")  # unconfirmed
    answers = []
    for address in ["ola@example.org", "nikt@example.org", "nowy@example.org"]:
        response = request_reset(Client(), address)
        answers.append((response.status_code, response.url))
    assert answers == [(302, "/haslo/reset/wyslano/")] * 3
    page = Client().get("/haslo/reset/wyslano/").content.decode()
    assert "Jeśli ten adres jest potwierdzonym adresem konta" in page
    # Only the confirmed address got a mail.
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["ola@example.org"]


def test_reset_requests_are_limited_per_email(smtp, confirmed):
    statuses = [
        request_reset(Client(REMOTE_ADDR=f"10.0.1.{n}"), "ola@example.org").status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert len(smtp.to("ola@example.org")) == 3


def test_reset_requests_are_limited_per_address(smtp, confirmed):
    client = Client(REMOTE_ADDR="10.0.2.1")
    statuses = [request_reset(client, f"ktos{n}@example.org").status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]
    response = request_reset(client, "ola@example.org")
    assert response.status_code == 429
    assert "Zbyt wiele próśb" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert not smtp.messages
    # Another address is not affected.
    assert request_reset(Client(REMOTE_ADDR="10.0.2.2"), "ola@example.org").status_code == 302
    assert len(smtp.to("ola@example.org")) == 1


def test_login_page_links_to_password_reset(client):
    assert 'href="/haslo/reset/"' in client.get("/logowanie/").content.decode()


def test_reset_pages_are_in_english_too(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/haslo/reset/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"


def test_sign_ups_from_one_address_are_limited(smtp, django_capture_on_commit_callbacks):
    client = Client(REMOTE_ADDR="10.0.3.1")
    statuses = []
    for n in range(11):
        with django_capture_on_commit_callbacks(execute=True):
            body = SIGNUP | {"username": f"nowa{n}", "email": f"nowa{n}@example.org"}
            statuses.append(client.post("/rejestracja/", body).status_code)
        client.logout()
    assert statuses == [302] * 10 + [429]
    assert not User.objects.filter(username="nowa10").exists()
    assert len(smtp.messages) == 10
    # A mistake in the form is not counted against the address.
    assert client.post("/rejestracja/", SIGNUP | {"password2": "inne"}).status_code == 200
