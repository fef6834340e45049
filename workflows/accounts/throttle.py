"""Limits on password guessing: per address and per account name (django-ratelimit).

Both the login page and the token API count failed and successful attempts alike, so a
guesser cannot reset the count by logging into an account of their own.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

# A person mistyping gets several tries; a script does not. Behind a proxy set
# RATELIMIT_IP_META_KEY so the address is the client's, not the proxy's.
RATE_PER_ADDRESS = "30/m"
RATE_PER_USERNAME = "10/m"
MESSAGE = "Zbyt wiele prób logowania. Odczekaj minutę i spróbuj ponownie."
RETRY_AFTER = 60


def _no_address(group, request) -> str:
    return "unknown"


def login_limited(request) -> bool:
    """Count this attempt; True when any limit is exceeded."""

    # A request without an address (an in-process client) shares one bucket, not a 500.
    has_address = request.META.get("REMOTE_ADDR") or getattr(
        settings, "RATELIMIT_IP_META_KEY", None
    )
    limited = False
    for key, rate in (("ip" if has_address else _no_address, RATE_PER_ADDRESS),
                      ("post:username", RATE_PER_USERNAME)):  # fmt: skip
        limited |= is_ratelimited(
            request, group="login", key=key, rate=rate, method="POST", increment=True
        )
    return limited
