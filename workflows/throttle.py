"""Rate limits by client address (django-ratelimit), shared by login and ballot casting.

Behind a proxy set RATELIMIT_IP_META_KEY so the address is the client's, not the proxy's.
"""

import logging

from django.conf import settings
from django_ratelimit.core import get_usage
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# What a cache outage raises (redis-py's errors, or a socket's): only these let a request
# through unlimited. Any other exception is a bug and surfaces.
CACHE_DOWN = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)

log = logging.getLogger(__name__)


def _no_address(group, request) -> str:
    return "unknown"


def address_key(request):
    # A request without an address (an in-process client) shares one bucket, not a 500.
    has_address = request.META.get("REMOTE_ADDR") or getattr(
        settings, "RATELIMIT_IP_META_KEY", None
    )
    return "ip" if has_address else _no_address


def over_limit(request, *, group: str, rate: str, key=None) -> bool:
    """Count this request in `group`; True past the limit."""

    try:
        usage = get_usage(
            request, group=group, key=key or address_key(request), rate=rate, increment=True
        )
    except CACHE_DOWN:
        # The counters live in the cache (Redis): when it is down, votes and logins go on
        # unlimited rather than failing.
        log.warning("rate limit %s not checked: cache unavailable", group, exc_info=True)
        return False
    return usage is not None and usage["should_limit"]
