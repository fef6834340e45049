"""E-mail confirmation: a signed, expiring link that stops working once used.

The token is Django's password-reset token machinery with its own salt; its hash covers the
address and the confirmation time, so it dies when the address is confirmed or changed.
"""

import logging

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from .models import User

log = logging.getLogger(__name__)


class EmailConfirmationTokens(PasswordResetTokenGenerator):
    key_salt = "workflows.accounts.email_confirmation"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.email_confirmed_at}{timestamp}"


tokens = EmailConfirmationTokens()


def confirmation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("email-confirm", args=[uid, tokens.make_token(user)])


def user_of(uidb64: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=pk).first()


def send_confirmation(user: User, *, base_url: str, welcome: bool = False) -> None:
    """Send the link (after sign-up, in a welcome message); a mail server that fails is
    logged (the owner can ask again), never raised into a registration already committed."""

    context = {
        "user": user,
        "link": base_url.rstrip("/") + confirmation_path(user),
        "welcome": welcome,
    }
    subject = render_to_string("accounts/emails/confirm_subject.txt", context)
    body = render_to_string("accounts/emails/confirm_body.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [user.email])
    except Exception:
        log.warning("confirmation mail to user %s not sent", user.pk, exc_info=True)
