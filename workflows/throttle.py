"""Rate limits by client address (django-ratelimit), shared by login and ballot casting.

Behind a proxy set RATELIMIT_IP_META_KEY so the address is the client's, not the proxy's.
"""

import logging

from django.conf import settings
from django.core.cache import caches

# The address bucket the library counts by (masked per RATELIMIT_IPV4/IPV6_MASK), so a limit
# reached in one /64 cannot be dodged by changing the rest of an IPv6 address. Pinned.
from django_ratelimit.core import _get_ip, get_usage

log = logging.getLogger(__name__)


def _no_address(group, request) -> str:
    return "unknown"


def address_key(request):
    # A request without an address (an in-process client) shares one bucket, not a 500.
    has_address = request.META.get("REMOTE_ADDR") or getattr(
        settings, "RATELIMIT_IP_META_KEY", None
    )
    return "ip" if has_address else _no_address


def over_limit(request, *, group: str, rate: str, key=None, count: bool = True) -> bool:
    """Count this request in `group`, True past the limit; with `count=False`, True when the
    limit is used up already (so the next counted request would be refused).

    Checking without counting runs on every ballot, so it reads one marker that counting
    sets once the limit is used up, instead of the library's add-then-get."""

    key = key or address_key(request)
    if not count and key not in ("ip", _no_address):
        raise ValueError("a check without counting is by address only")
    try:
        spent = _spent_marker(request, group, key)
        if not count:
            return _cache().get(spent) is not None
        usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
        if usage is not None and usage["count"] >= usage["limit"] and spent:
            _cache().set(spent, 1, timeout=max(usage["time_left"], 1))
    except Exception:
        # The counters live in the cache (Redis): when it is down, votes and logins go on
        # unlimited rather than failing.
        log.warning("rate limit %s not checked: cache unavailable", group, exc_info=True)
        return False
    return usage is not None and usage["should_limit"]


def _spent_marker(request, group: str, key) -> str | None:
    """The marker's cache key; None for limits by something other than the address."""

    if key == "ip":
        return f"ratelimit-spent:{group}:{_get_ip(request)}"
    if key is _no_address:
        return f"ratelimit-spent:{group}:{_no_address(group, request)}"
    return None


def _cache():
    return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
