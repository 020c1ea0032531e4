"""The Redis cache backend the portal uses in production.

Django's own RedisCacheClient builds a new ``redis.Redis`` object on every cache call. On notice day
the public pages are served almost entirely from the cache, so that construction was a visible share
of each request (docs/benchmarks.md: about 110 µs of 486 µs of worker CPU per page). This client keeps
one ``redis.Redis`` per connection pool instead; redis-py clients over a pool are safe to share
between threads, and the pool itself resets after a fork, so gunicorn workers stay independent.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def validate_key(self, key):
        # Redis keys are binary-safe: the base class's walk over every character, which only warns
        # about keys memcached would refuse, is skipped (two keys per public page served).
        pass
