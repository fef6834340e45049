"""Limits on what makes the site send mail (sign-up, a new confirmation link, a password
reset), so no one can use it to flood a mailbox or probe addresses quickly (django-ratelimit).

Every counter counts every request, whether or not an account has the address, so a refusal
says nothing about which addresses exist.
"""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext

from workflows.throttle import over_limit

RATE_PER_ADDRESS = "10/h"  # per client address: sign-ups, new links and reset requests together
RATE_PER_EMAIL = "3/h"  # reset requests for one e-mail address
RATE_PER_USER = "3/h"  # new confirmation links for one account
RETRY_AFTER = 3600


def _email_key(group, request) -> str:
    return request.POST.get("email", "").strip().casefold()


def _user_key(group, request) -> str:
    return str(request.user.pk)


def address_limited(request) -> bool:
    return over_limit(request, group="account-mail", rate=RATE_PER_ADDRESS)


def reset_limited(request) -> bool:
    by_address = address_limited(request)
    by_email = over_limit(request, group="reset-email", rate=RATE_PER_EMAIL, key=_email_key)
    return by_address or by_email


def new_link_limited(request) -> bool:
    by_address = address_limited(request)
    by_user = over_limit(request, group="confirmation-user", rate=RATE_PER_USER, key=_user_key)
    return by_address or by_user


def refused(request, template: str, context: dict):
    """The same page again with the reason, as 429; nothing was sent."""

    messages.error(request, gettext("Zbyt wiele próśb. Spróbuj ponownie za godzinę."))
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
