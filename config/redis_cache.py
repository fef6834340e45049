"""Django's Redis cache with one client, and so one connection pool, per process.

Django keeps a cache object per context, and under ASGI every request runs in a context of
its own, so the stock backend built a new client for every request that touched the cache:
a new connection pool, so a new TCP connection to Redis, and a redis-py DriverInfo that reads
package metadata from disk. The client and its pools are thread-safe, and redis-py resets a
pool in a forked worker.
"""

import threading

from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property


class SharedRedisCache(RedisCache):
    _clients: dict = {}
    _lock = threading.Lock()

    @cached_property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._class(self._servers, **self._options)
            return self._clients[key]
