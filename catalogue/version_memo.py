"""A per-process memory that lasts as long as one content version.

Some things a page needs are expensive to find and change only when the storefront's
content does (`catalogue.content_version`): a product's card, the page a path routes
to, which pages are private. Each server process keeps them here under the current
version; the first lookup under a new version forgets all of them at once. The memory
is bounded (it is emptied when full: a new version empties it soon anyway), and keeps
nothing under a version made while the cache is down.
"""

from __future__ import annotations

from collections.abc import Hashable
from threading import Lock
from typing import Any

from . import content_version


class VersionMemo:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[Hashable, Any] = {}
        self._version: str | None = None
        self._lock = Lock()

    def _under(self, version: str) -> dict[Hashable, Any]:
        with self._lock:
            if self._version != version:
                self._values = {}
                self._version = version
            return self._values

    def get(self, version: str, key: Hashable, default: Any = None) -> Any:
        return self._under(version).get(key, default)

    def get_many(self, version: str, keys) -> dict[Hashable, Any]:
        """{key: value or None} for each key, all read under the same version."""
        values = self._under(version)
        return {key: values.get(key) for key in keys}

    def put(self, version: str, key: Hashable, value: Any) -> None:
        if version.startswith(content_version.UNCACHED):
            return
        with self._lock:
            if self._version != version:
                return  # the version moved on while the value was being made
            if len(self._values) >= self.limit:
                self._values.clear()
            self._values[key] = value

    def clear(self) -> None:
        with self._lock:
            self._values = {}
            self._version = None
