"""Django's Redis cache with one client, and so one connection pool, per process.

Django keeps a cache object per context, and under ASGI every request runs in a context of
its own, so the stock backend built a new client for every request that touched the cache:
a new connection pool, so a new TCP connection to Redis, and a redis-py DriverInfo that reads
package metadata from disk. It also built a redis.Redis object for every command (about as
costly as the command itself). Both are thread-safe, and redis-py resets a pool in a forked
worker.
"""

import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property


class SharedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    _shared: dict = {}
    _lock = threading.Lock()

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedRedisCacheClient

    @cached_property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with self._lock:
            if key not in self._shared:
                self._shared[key] = self._class(self._servers, **self._options)
            return self._shared[key]
