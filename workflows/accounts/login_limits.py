"""Limits on password guessing, for the login page and the token API alike.

- django-axes counts failed logins per account name *and* address together
  (`AXES_LOCKOUT_PARAMETERS` in the settings): after `AXES_FAILURE_LIMIT` failures that pair
  is refused, even with the right password, until `AXES_COOLOFF_TIME` has passed since its last
  failure. A guesser can lock only their own pair, never the owner signing in from elsewhere.
- Across all account names, one address gets `RATE_PER_ADDRESS` attempts (django-ratelimit),
  so a script cannot try one common password on thousands of accounts.
"""

import ipaddress
import unicodedata
from collections.abc import Mapping

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext

from workflows.redirects import safe_next
from workflows.throttle import over_limit

RATE_PER_ADDRESS = "30/m"
ADDRESS_RETRY_AFTER = 60
USERNAME_MAX = 150  # Django's username length; longer input cannot be an account


def login_name(request, credentials: dict | None = None) -> str:
    """The account name as counted: NFKC and stripped, as the login form and the token API
    read it, then case-folded, so " Ola", "ola  " and "OLA" are one counter. Django treats
    usernames as case-sensitive, so folding only merges counters, never accounts."""

    if credentials and "username" in credentials:
        raw = credentials["username"]
    else:
        data = getattr(request, "data", None)  # the token API's parsed JSON or form body
        raw = (data if isinstance(data, Mapping) else request.POST).get("username")
    return unicodedata.normalize("NFKC", str(raw or "")).strip().casefold()[:USERNAME_MAX]


def client_address(request) -> str | None:
    """The client's address; IPv6 as its /64 network, which one subscriber usually holds
    whole (otherwise every address in it would be a fresh pair for the same guesser)."""

    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR") or "")
    except ValueError:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def cooloff_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def locked_out_message() -> str:
    return gettext(
        "Zbyt wiele nieudanych prób logowania na to konto z tego adresu. "
        "Spróbuj ponownie za %(minutes)d min."
    ) % {"minutes": max(1, cooloff_seconds() // 60)}


def address_message() -> str:
    return gettext("Zbyt wiele prób logowania z tego adresu. Odczekaj minutę i spróbuj ponownie.")


def address_flooded(request) -> bool:
    """Count this attempt against the address; True past `RATE_PER_ADDRESS`."""

    return over_limit(request, group="login", rate=RATE_PER_ADDRESS)


def login_refused_page(request, message: str, retry_after: int):
    """The login page again, with the reason, as 429 (nothing was checked)."""

    messages.error(request, message)
    context = {"form": AuthenticationForm(request), "next": safe_next(request)}
    response = render(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def locked_out_page(request, *args):
    """AXES_LOCKOUT_CALLABLE: what a locked-out page login gets."""

    return login_refused_page(request, locked_out_message(), cooloff_seconds())
