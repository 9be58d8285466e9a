"""The production cache (CACHE_URL=redis://…) against a real Redis, where one runs."""

from __future__ import annotations

import socket
import uuid

import pytest

from config.cache import tolerant

REDIS = ("127.0.0.1", 6379)


def _redis_listens() -> bool:
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _redis_listens(), reason="no Redis at 6379")


@pytest.fixture
def redis_cache():
    from django.utils.module_loading import import_string

    config = tolerant(
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://{REDIS[0]}:{REDIS[1]}/15",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    )
    backend = import_string(config["BACKEND"])
    cache = backend(config["LOCATION"], config)
    yield cache
    cache.delete_many([f"k{n}" for n in range(50)] + ["page"])


def test_values_round_trip_and_are_gone_once_deleted(redis_cache):
    redis_cache.set("page", {"html": "<p>ผ้าไหม</p>", "etag": "v1"}, 60)
    assert redis_cache.get("page") == {"html": "<p>ผ้าไหม</p>", "etag": "v1"}
    assert redis_cache.add("page", "other", 60) is False
    redis_cache.delete("page")
    assert redis_cache.get("page", "gone") == "gone"


def test_many_calls_share_one_connection(redis_cache):
    # A page makes several cache calls; they reuse the pool's one connection.
    for n in range(50):
        redis_cache.set(f"k{n}", n, 60)
        assert redis_cache.get(f"k{n}") == n
    pool = redis_cache._cache._get_connection_pool(True)
    assert len(pool._available_connections) + len(pool._in_use_connections) == 1
