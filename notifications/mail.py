"""E-mails in the recipient's language, each with an unsubscribe link that needs no login."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .events import EVENTS, render
from .models import Notification, Subscriber

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
ALL_EVENTS = "*"


def language_of(user) -> str:
    found = Subscriber.objects.filter(user=user).values_list("language", flat=True).first()
    return found or settings.LANGUAGE_CODE


def unsubscribe_token(user, event: str) -> str:
    return signing.dumps({"u": user.pk, "e": event}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    event = data.get("e")
    if event != ALL_EVENTS and event not in EVENTS:
        return None
    return data["u"], event


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def _message(user, subject: str, template: str, context: dict, event: str) -> EmailMessage:
    # Called inside translation.override(language of the recipient).
    unsubscribe = absolute(
        reverse("notifications:unsubscribe", args=[unsubscribe_token(user, event)])
    )
    body = render_to_string(
        template,
        {
            **context,
            "user": user,
            "unsubscribe_url": unsubscribe,
            "settings_url": absolute(reverse("notifications:settings")),
        },
    )
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            # RFC 8058 one-click unsubscribe for mail clients.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": translation.get_language(),
        },
    )


def notice_message(notice: Notification) -> EmailMessage:
    user = notice.recipient
    with translation.override(language_of(user)):
        event = EVENTS[notice.event]
        text = render(notice.event, notice.params)
        subject = _("Wspólnota: %(what)s") % {"what": event.label}
        return _message(
            user,
            subject,
            "notifications/mail/notice.txt",
            {"text": text, "url": absolute(notice.url) if notice.url else ""},
            notice.event,
        )


def digest_message(user, notices: list[Notification]) -> EmailMessage:
    with translation.override(language_of(user)):
        items = [
            {"text": render(n.event, n.params), "url": absolute(n.url) if n.url else ""}
            for n in notices
        ]
        subject = _("Wspólnota: zestawienie dnia (%(count)d)") % {"count": len(items)}
        return _message(
            user, subject, "notifications/mail/digest.txt", {"items": items}, ALL_EVENTS
        )
