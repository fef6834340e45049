"""Delivery: retried on SMTP failure, never twice, digests, unsubscribing without a login."""

import pytest
from django.core import mail as django_mail

from notifications import dispatch
from notifications.mail import unsubscribe_token
from notifications.models import Mode, Notification, Preference, Subscriber
from notifications.tasks import enqueue_digests, send_notice_mail

pytestmark = pytest.mark.django_db


def tell(users, key="k1", event="voting_opened", params=None):
    return dispatch.notify(users, event, key, None, params or {"title": "Budżet 2031"})


def test_a_failing_smtp_server_is_retried_and_mails_once(flaky_smtp, work, follower):
    tell([follower])
    work()  # refused twice (451), then accepted, all in one run: the retries are due at once
    assert flaky_smtp.refused == 2
    assert len(flaky_smtp.to(follower.email)) == 1
    notice = Notification.objects.get()
    assert notice.emailed_at is not None and notice.mail_attempts == 3
    send_notice_mail.enqueue(notice.pk)  # a stray duplicate task
    work()
    assert len(flaky_smtp.to(follower.email)) == 1


def test_retries_stop_after_the_last_attempt(settings, flaky_smtp, work, follower):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    tell([follower])
    work()
    notice = Notification.objects.get()
    assert notice.emailed_at is None and notice.mail_attempts == 2 and "451" in notice.mail_error
    assert flaky_smtp.messages == []


def test_the_same_event_is_never_told_twice(smtp, work, follower):
    assert tell([follower]) == 1
    assert tell([follower]) == 0
    work()
    assert Notification.objects.count() == 1 and len(smtp.messages) == 1


def test_digest_collects_the_days_notices_into_one_mail(smtp, work, follower, make_user):
    at_once = make_user(email="odrazu@example.org")
    Preference.objects.create(user=follower, event="voting_opened", mode=Mode.DIGEST)
    Preference.objects.create(user=follower, event="voting_closed", mode=Mode.DIGEST)
    tell([follower, at_once], key="a")
    tell([follower], key="b", event="voting_closed")
    work()
    assert smtp.to(follower.email) == [] and len(smtp.to("odrazu@example.org")) == 1
    assert enqueue_digests() == 1
    work()
    [digest] = smtp.to(follower.email)
    body = digest.get_content()
    assert "Rozpoczęło się głosowanie" in body and "zostało zakończone" in body
    assert enqueue_digests() == 0  # nothing left for tomorrow's digest
    work()
    assert len(smtp.to(follower.email)) == 1


def test_mail_is_in_the_recipients_language(smtp, work, follower, make_user):
    english = make_user(email="reader@example.org")
    Subscriber.objects.create(user=english, language="en")
    tell(
        [follower, english],
        event="followed_changed",
        params={"title": "Park", "kind": "proposal", "state": "rejected"},
    )
    work()
    assert "odrzucony" in smtp.to(follower.email)[0].get_content()
    english_mail = smtp.to("reader@example.org")[0]
    assert "rejected" in english_mail.get_content() and english_mail["Content-Language"] == "en"


def test_no_address_no_mail(smtp, work, make_user):
    silent = make_user(email="")
    tell([silent])
    work()
    assert Notification.objects.get().mail_mode == Mode.NEVER and smtp.messages == []


def test_unsubscribe_link_works_without_signing_in(client, follower):
    tell([follower])
    Notification.objects.update(mail_mode=Mode.IMMEDIATELY)
    url = f"/powiadomienia/wypisz/{unsubscribe_token(follower, 'voting_opened')}/"
    assert client.get(url).status_code == 200  # a confirmation page: scanners only GET
    assert not Preference.objects.exists()
    assert client.post(url).status_code == 200
    assert Preference.objects.get(user=follower, event="voting_opened").mode == Mode.NEVER
    assert Notification.objects.get().mail_mode == Mode.NEVER  # a pending mail is not sent


def test_a_tampered_unsubscribe_link_is_404(client, follower):
    token = unsubscribe_token(follower, "voting_opened")
    assert client.post(f"/powiadomienia/wypisz/{token[:-2]}xx/").status_code == 404
    assert not Preference.objects.exists()


def test_digest_unsubscribe_stops_every_event(client, follower):
    token = unsubscribe_token(follower, "*")
    assert client.post(f"/powiadomienia/wypisz/{token}/").status_code == 200
    assert set(Preference.objects.values_list("mode", flat=True)) == {Mode.NEVER}
    assert Preference.objects.count() > 10


def test_mail_carries_the_unsubscribe_link(smtp, work, follower, client):
    tell([follower])
    work()
    [message] = smtp.messages
    link = message["List-Unsubscribe"].strip("<>")
    assert link in message.get_content()
    assert client.post(link.removeprefix("http://127.0.0.1:8000")).status_code == 200
    assert Preference.objects.get(user=follower).mode == Mode.NEVER
    assert django_mail.outbox == []  # all of it went through the real SMTP server
