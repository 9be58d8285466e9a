"""Blocks of HTML remembered by each server process under everything they show.

Some blocks recur on page after page with the same content (the category menu, a
listing's facet links) and cost a millisecond of template work each time. Each is a
pure function of its key, so a changed input is a different key, never a stale block.
The memory is bounded: it is emptied when full, as the few blocks in use come back at
once. Settings that change every rendering (templates, languages, URLs) forget it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from threading import Lock

from django.core.signals import setting_changed

RENDERING_SETTINGS = frozenset(
    {"ROOT_URLCONF", "LANGUAGES", "TEMPLATES", "FORCE_SCRIPT_NAME"}
)


class RememberedHTML:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._html: dict[Hashable, str] = {}
        self._lock = Lock()
        setting_changed.connect(self._forget_on_setting, weak=False)

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        html = self._html.get(key)
        if html is None:
            html = render()
            with self._lock:
                if len(self._html) >= self.limit:
                    self._html.clear()
                self._html[key] = html
        return html

    def clear(self) -> None:
        with self._lock:
            self._html.clear()

    def _forget_on_setting(self, *, setting: str, **kwargs) -> None:
        if setting in RENDERING_SETTINGS:
            self.clear()
