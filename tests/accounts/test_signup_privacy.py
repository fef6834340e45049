"""Sign-up shows the privacy notice (art. 13 RODO) and needs its acknowledgement, whose moment
is kept; the new resident is welcomed on the page and in the mail with the confirmation link."""

import pytest
from django.utils import timezone

from tests.accounts.test_email import SIGNUP, link_in
from workflows.accounts.models import User

pytestmark = pytest.mark.django_db


def test_signup_page_shows_the_privacy_notice_and_the_checkbox(client):
    page = client.get("/rejestracja/").content.decode()
    assert "Informacja o przetwarzaniu danych osobowych" in page
    for part in ("Administrator danych", "Gmina Miejska Kraków", "art. 6 ust. 1 lit. e RODO"):
        assert part.lower() in page.lower()
    assert "Okres przechowywania" in page and "Twoje prawa" in page
    assert 'type="checkbox" id="id_privacy_accepted" name="privacy_accepted"' in page
    assert '<label class="govuk-label govuk-checkboxes__label" for="id_privacy_accepted">' in page


def test_signup_without_the_acknowledgement_is_refused_with_a_clear_message(client):
    unticked = {k: v for k, v in SIGNUP.items() if k != "privacy_accepted"}
    response = client.post("/rejestracja/", unticked)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Aby założyć konto, potwierdź, że znasz informację" in page
    assert 'aria-describedby="id_privacy_accepted_error"' in page
    assert not User.objects.exists()


def test_the_moment_of_acknowledgement_is_kept(client):
    before = timezone.now()
    assert client.post("/rejestracja/", SIGNUP).status_code == 302
    accepted = User.objects.get(username="nowa").privacy_accepted_at
    assert accepted is not None and before <= accepted <= timezone.now()


def test_new_resident_is_welcomed_on_the_page(client):
    page = client.post("/rejestracja/", SIGNUP, follow=True).content.decode()
    assert "Witamy w serwisie Wspólnota, Nowa Mieszkanka!" in page
    assert "Potwierdź adres e-mail linkiem" in page


def test_the_welcome_mail_carries_the_confirmation_link(
    client, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/rejestracja/", SIGNUP)
    (message,) = smtp.messages
    assert message["Subject"] == "Witamy w serwisie Wspólnota: potwierdź adres e-mail"
    (body,) = smtp.to("nowa@example.org")
    assert body.startswith("Witamy w serwisie Wspólnota!")
    assert link_in(body).startswith("/konto/email/")


def test_a_link_asked_for_again_is_not_a_welcome(client, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/rejestracja/", SIGNUP)
        client.post("/konto/email/")
    first, again = smtp.messages
    assert first["Subject"].startswith("Witamy")
    assert again["Subject"] == "Wspólnota: potwierdź adres e-mail"
    assert smtp.to("nowa@example.org")[1].startswith("Dzień dobry")
