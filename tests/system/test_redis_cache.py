"""Django's cache shares one Redis client per process (config/redis_cache.py)."""

import contextvars

import pytest
from django.conf import settings
from django.core.cache import caches

from config.redis_cache import SharedRedisCache


def client_in_new_context(alias="default"):
    # Under ASGI each request runs in a context of its own, with its own cache object.
    return contextvars.Context().run(lambda: caches[alias]._cache)


def test_requests_in_their_own_contexts_share_one_client_and_pool():
    if settings.CACHES["default"]["BACKEND"] != "config.redis_cache.SharedRedisCache":
        pytest.skip("the cache is not Redis (set REDIS_URL)")
    first, second = client_in_new_context(), client_in_new_context()
    assert first is second
    assert first._get_connection_pool(False) is second._get_connection_pool(False)


def test_caches_of_different_servers_or_options_stay_apart():
    def client(location, **options):
        return SharedRedisCache(location, {"OPTIONS": options})._cache

    one = client("redis://127.0.0.1:6379/14")
    assert client("redis://127.0.0.1:6379/14") is one
    assert client("redis://127.0.0.1:6379/15") is not one
    assert client("redis://127.0.0.1:6379/14", max_connections=5) is not one


def test_commands_reuse_one_redis_object_per_pool():
    cache = SharedRedisCache("redis://127.0.0.1:6379/14", {})._cache
    assert cache.get_client() is cache.get_client(write=True)
