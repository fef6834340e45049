"""One Redis connection pool per process for Django's cache.

Django keeps a cache object per context, and under ASGI every request runs in a context of
its own, so the stock RedisCache built a new pool, and with it a new TCP connection to Redis,
for every request that touched the cache: about 2 ms of server CPU per ballot (its refusal
limit). Pools are thread-safe and redis-py resets them in a forked worker.
"""

import threading

from redis import ConnectionPool


class SharedConnectionPool(ConnectionPool):
    _shared: dict = {}
    _lock = threading.Lock()

    @classmethod
    def from_url(cls, url, **kwargs):
        # driver_info is a new (unhashable) object per cache object, the same in content.
        key = (url, repr(sorted((k, v) for k, v in kwargs.items() if k != "driver_info")))
        with cls._lock:
            if key not in cls._shared:
                cls._shared[key] = super().from_url(url, **kwargs)
            return cls._shared[key]
