"""Bulk changes to the register (imports, demo data): listeners in higher layers (the
shop's search index) are told once, at the end, instead of once per row.

The catalogue cannot import the shop (dependencies run places ← catalogue ← shop), so
a listener registers its own context manager here when its app is ready.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager

_hooks: list[Callable[[], AbstractContextManager]] = []


def on_bulk_change(hook: Callable[[], AbstractContextManager]) -> None:
    """Wrap every bulk change in `hook()` (registered once, from an AppConfig.ready)."""
    if hook not in _hooks:
        _hooks.append(hook)


@contextmanager
def bulk_change() -> Iterator[None]:
    """Make many changes; the registered listeners catch up once on leaving."""
    with ExitStack() as stack:
        for hook in _hooks:
            stack.enter_context(hook())
        yield
