"""Limits on password guessing: per address and per account name (django-ratelimit).

Both the login page and the token API count failed and successful attempts alike, so a
guesser cannot reset the count by logging into an account of their own.
"""

from workflows.throttle import over_limit

# A person mistyping gets several tries; a script does not.
RATE_PER_ADDRESS = "30/m"
RATE_PER_USERNAME = "10/m"
MESSAGE = "Zbyt wiele prób logowania. Odczekaj minutę i spróbuj ponownie."
RETRY_AFTER = 60


def login_limited(request) -> bool:
    """Count this attempt; True when any limit is exceeded."""

    if request.method != "POST":
        return False
    by_address = over_limit(request, group="login", rate=RATE_PER_ADDRESS)
    by_name = over_limit(request, group="login", rate=RATE_PER_USERNAME, key="post:username")
    return by_address or by_name
