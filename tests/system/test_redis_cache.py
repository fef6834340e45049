"""Django's cache shares one Redis connection pool per process (config/redis_cache.py)."""

import contextvars

import pytest
from django.conf import settings
from django.core.cache import caches

from config.redis_cache import SharedConnectionPool


def pool_in_new_context():
    # Under ASGI each request runs in a context of its own, with its own cache object.
    return contextvars.Context().run(lambda: caches["default"]._cache._get_connection_pool(False))


def test_requests_in_their_own_contexts_share_one_pool():
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        pytest.skip("the cache is not Redis (set REDIS_URL)")
    first, second = pool_in_new_context(), pool_in_new_context()
    assert isinstance(first, SharedConnectionPool)
    assert first is second


def test_pools_of_different_servers_stay_apart():
    one = SharedConnectionPool.from_url("redis://127.0.0.1:6379/14")
    assert SharedConnectionPool.from_url("redis://127.0.0.1:6379/14") is one
    assert SharedConnectionPool.from_url("redis://127.0.0.1:6379/15") is not one
    assert SharedConnectionPool.from_url("redis://127.0.0.1:6379/14", max_connections=5) is not one
