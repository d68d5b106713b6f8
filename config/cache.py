"""The cache as the pages use it: Redis, where an outage slows nothing for long and breaks nothing.

Sessions (cached_db) and anything else read on the way to a page use the "default" cache, this one: a Redis
error or timeout is logged and answered as a miss (a read returns the default, a write is dropped), so a Redis
blip costs a database read of the session instead of signing everybody out or failing every page. After a
failure the process leaves Redis alone for `PAUSE_AFTER_FAILURE` seconds (every call a miss at once), so a hung
Redis costs one timeout per process and pause, not one per cache call of every page.

The limits on sending codes use the "limits" cache, Django's plain RedisCache, whose errors reach
accounts.sending_limits: that one fails closed (no code is sent while the limits cannot be counted).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PAUSE_AFTER_FAILURE = 10.0  # seconds


def _forgiving(name: str, on_error: Callable[..., Any]) -> Callable[..., Any]:
    method = getattr(RedisCache, name)

    def call(self: ForgivingRedisCache, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() < self.paused_until:
            return on_error(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            self.paused_until = time.monotonic() + PAUSE_AFTER_FAILURE
            logger.warning("Redis cache %s failed; misses for %.0f s: %s", name, PAUSE_AFTER_FAILURE, error)
            return on_error(*args, **kwargs)

    call.__name__ = name
    call.__doc__ = method.__doc__
    return call


def _default(key: Any, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


class KeptClientsRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one redis-py client per connection pool.

    Django's makes a new `redis.Redis` on every cache call, and redis-py's constructor builds its table of
    ~170 response callbacks each time: about 60 µs, half of a session read from the cache, on every page. A
    client holds no connection of its own (the pool does, and is fork-safe), so one per pool serves every call."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django keeps each server's pool for the cache client's lifetime (not in django-stubs: private).
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class ForgivingRedisCache(RedisCache):
    # Per process and cache: Django makes one instance per alias and thread, so this is kept on the class.
    _paused_until: dict[str, float] = {}

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._location = server
        self._class = KeptClientsRedisCacheClient

    @property
    def paused_until(self) -> float:
        return self._paused_until.get(self._location, 0.0)

    @paused_until.setter
    def paused_until(self, value: float) -> None:
        self._paused_until[self._location] = value

    get = _forgiving("get", _default)
    get_many = _forgiving("get_many", lambda *args, **kwargs: {})
    has_key = _forgiving("has_key", lambda *args, **kwargs: False)
    set = _forgiving("set", lambda *args, **kwargs: None)
    add = _forgiving("add", lambda *args, **kwargs: False)
    set_many = _forgiving("set_many", lambda data, *args, **kwargs: list(data))
    touch = _forgiving("touch", lambda *args, **kwargs: False)
    delete = _forgiving("delete", lambda *args, **kwargs: False)
    delete_many = _forgiving("delete_many", lambda *args, **kwargs: None)
