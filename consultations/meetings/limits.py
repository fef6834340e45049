"""Per person, per meeting limits on toggling actions (a fixed window in the shared cache)."""

from django.core.cache import cache

from .errors import RateLimited

# Raising and lowering a hand: a person changes their mind, a script floods the queue.
HAND_TOGGLES = 6
CONTRIBUTIONS = 5
WINDOW_SECONDS = 10


def take(action: str, *, meeting_id: int, user_id: int, limit: int, message: str) -> None:
    key = f"meetings:{action}:{meeting_id}:{user_id}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a fresh window
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    if count > limit:
        raise RateLimited(message, retry_after=WINDOW_SECONDS)
