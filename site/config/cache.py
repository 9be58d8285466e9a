"""Django's RedisCache, made to behave like a cache that is merely empty when Redis is
down: every page reads the cache (Wagtail's site root paths, the page cache, the menu),
and a cache is an optimisation, so losing it must slow pages down, never fail them.
Django's backend raises redis' ConnectionError out of every call instead.

It also keeps one `redis.Redis` client per connection pool: Django's client builds a
new one for every call (~90 µs of CPU each, six or seven calls a page), although a
client is only a thread-safe handle on its pool.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionError, TimeoutError)


def _tolerant(method, fallback):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE:
            logger.warning("Redis cache unreachable: %s without it", method.__name__)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    return call


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, handing out one `redis.Redis` per pool instead of a new one
    per call (the pools, their connections and every command are Django's)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    """RedisCache whose calls answer "not cached" while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get = _tolerant(RedisCache.get, lambda key, default=None, **kw: default)
    get_many = _tolerant(RedisCache.get_many, {})
    has_key = _tolerant(RedisCache.has_key, False)
    add = _tolerant(RedisCache.add, False)
    set = _tolerant(RedisCache.set, None)
    set_many = _tolerant(RedisCache.set_many, lambda data, *a, **kw: list(data))
    touch = _tolerant(RedisCache.touch, False)
    delete = _tolerant(RedisCache.delete, False)
    delete_many = _tolerant(RedisCache.delete_many, None)
    clear = _tolerant(RedisCache.clear, False)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE:
            raise ValueError(f"Key '{key}' not found (Redis unreachable)") from None


def tolerant(config: dict) -> dict:
    """A CACHES entry with Django's RedisCache replaced by TolerantRedisCache, and
    short socket timeouts so that a Redis that hangs costs a page little."""
    if config.get("BACKEND") == "django.core.cache.backends.redis.RedisCache":
        config = {**config, "BACKEND": "config.cache.TolerantRedisCache"}
        options = config.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.25)
    return config
