"""Analytics counters as one atomic upsert: INSERT … ON CONFLICT DO UPDATE SET n = n + k.

Oscar's receivers run UPDATE, then INSERT when nothing matched: two concurrent first
views both INSERT, one gets a unique violation, and inside ATOMIC_REQUESTS that breaks
the whole request. Django's bulk_create(update_conflicts=True) can only *set* a column
to the inserted value, not add to it, so the statement is written here. PostgreSQL and
SQLite (3.24+) share this syntax. A signed-in product view writes three rows:
`run_together` sends them to PostgreSQL as one statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models
from django.db.models.sql import InsertQuery

Statement = tuple[str, list[Any]]


def add(
    model: type[models.Model],
    key: str,
    rows: Mapping[Any, Mapping[str, Any]],
    *,
    replace: tuple[str, ...] = (),
) -> None:
    """For each `rows[key value] = {field: amount}`, add the amounts to that record,
    creating it at the fields' defaults first; fields in `replace` are set instead."""
    run_together([upsert(model, key, rows, replace=replace)])


def upsert(
    model: type[models.Model],
    key: str,
    rows: Mapping[Any, Mapping[str, Any]],
    *,
    replace: tuple[str, ...] = (),
) -> Statement | None:
    """`add()`'s statement (None when there is nothing to add), for `run_together`."""
    if not rows:
        return None
    meta = model._meta
    key_field = meta.get_field(key)
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    params: list[Any] = []
    values = []
    # One key order for every statement: two upserts of several rows never wait
    # for each other's locks in opposite orders.
    for key_value in sorted(rows):
        amounts = rows[key_value]
        for field in fields:
            value = key_value if field is key_field else amounts.get(field.name)
            if value is None and field is not key_field:
                value = field.get_default() if field.name not in amounts else None
            params.append(field.get_db_prep_save(value, connection))
        values.append("(" + ", ".join(["%s"] * len(fields)) + ")")
    changed = {name for amounts in rows.values() for name in amounts}
    assignments = []
    for field in fields:
        if field.name not in changed:
            continue
        column = quote(field.column)
        if field.name in replace:
            assignments.append(f"{column} = excluded.{column}")
        else:
            assignments.append(f"{column} = {table}.{column} + excluded.{column}")
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES {', '.join(values)} "
        f"ON CONFLICT ({quote(key_field.column)}) DO UPDATE SET {', '.join(assignments)}"
    )
    return sql, params


def insert(obj: models.Model) -> Statement:
    """The INSERT that `obj.save()` would run for a new row (fields' pre_save, such as
    auto_now_add, included; no RETURNING: the new key is not read)."""
    # Django's own InsertQuery and compiler, as Model._do_insert() uses them, so the
    # row is written exactly as save() writes it.
    meta = obj._meta
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    query = InsertQuery(type(obj))
    query.insert_values(fields, [obj])
    ((sql, params),) = query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


def run_together(statements: Iterable[Statement | None]) -> None:
    """The statements in order; on PostgreSQL as one (data-modifying WITH clauses, one
    round trip and one transaction), elsewhere one after another. PostgreSQL runs
    such clauses on one snapshot, none seeing another's rows: give it statements
    that write different rows (a product view's three go to three tables), never
    two upserts of the same key."""
    statements = [statement for statement in statements if statement]
    if not statements:
        return
    if connection.vendor == "postgresql" and len(statements) > 1:
        *first, (last_sql, last_params) = statements
        clauses = ", ".join(f"w{n} AS ({sql})" for n, (sql, _p) in enumerate(first))
        statements = [
            (
                f"WITH {clauses} {last_sql}",
                [p for _sql, params in first for p in params] + list(last_params),
            )
        ]
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
