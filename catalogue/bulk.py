"""Bulk changes to the register (imports, demo data): listeners in higher layers (the
shop's search index) are told once, at the end, instead of once per row.

The catalogue cannot import the shop (dependencies run places ← catalogue ← shop), so
a listener registers its own context manager here when its app is ready.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager

from django.db import connection

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


def refresh_planner_statistics() -> None:
    """ANALYZE the whole PostgreSQL database after a bulk load, so that the planner
    knows the new rows. Autovacuum would do it eventually, or never where it is off:
    without statistics the planner took the demo's KBO page 140 ms of database time
    instead of 3 (nested loops over tables it believed empty). SQLite is left to its
    own heuristics, which the project's queries are written for.

    Not inside a transaction (a test's, or a caller's atomic block): ANALYZE writes
    the tables' row counts in place, kept even if the rows are rolled back, and a
    planner told that a table of thousands holds one row nests loops for minutes."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
