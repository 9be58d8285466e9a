"""A queryset's SQL compiled once and bound again with new values.

Django compiles a queryset's SQL from its expression tree on every evaluation: it
has no prepared-statement cache. For the product page's statements (the OTOP rule,
six joined models, thirteen annotations, its prefetches) that was ~3.7 ms of CPU a
request, more than PostgreSQL spends running them. `Prepared(queryset, "pk")` compiles
`queryset.filter(pk=...)` the first time and afterwards only puts the new value in
the compiled statement's parameters; rows become model instances, select_related
objects, annotations and prefetches exactly as the queryset would give them, through
Django's own iterable (only the compiler is handed over ready).

Make one where the queryset is built once (`eligibility.made_today`): the statement
is as fixed as the queryset it came from, and lives as long as it. A value that sits
elsewhere than in a filter of the model's own fields (a subquery's, an annotation's,
a lookup across a relation) takes `Prepared.built(build, name=field, ...)`: `build`
makes the queryset from its values, and is called once, with stand-ins.
"""

from __future__ import annotations

import copy
import itertools
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, QuerySet, prefetch_related_objects
from django.db.models.constants import LOOKUP_SEP
from django.db.models.fields.related_descriptors import ReverseManyToOneDescriptor
from django.db.models.sql import Query

# Stand-ins for the filter values while compiling: each must come out of the
# compiler as one parameter of its own, so they are values no page would ask for.
_STAND_IN_NUMBERS = itertools.count(-(2**31) + 7919)


class _ReadyQuery(Query):
    """A query whose compiler is already compiled (see `Prepared.fetch`)."""

    ready_compiler = None

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self.ready_compiler


@cache
def _bound_compiler_class(compiler_class: type) -> type:
    class Bound(compiler_class):
        statement: tuple[str, tuple] = ("", ())

        def as_sql(self, with_limits=True, with_col_aliases=False):
            return self.statement

    Bound.__name__ = f"Bound{compiler_class.__name__}"
    return Bound


class Prepared:
    """`queryset.filter(<name>=value, ...)`, compiled once per database."""

    def __init__(self, queryset: QuerySet, *names: str) -> None:
        self._setup(
            queryset, {name: _value_field(queryset.model, name) for name in names}
        )

    @classmethod
    def built(cls, build: Callable[..., QuerySet], **fields: Field) -> Prepared:
        """`build(**values)`, compiled once per database: for values `filter()` on the
        model's own fields cannot place. `fields[name]` is the field whose values
        `name` takes (it prepares them and bounds integers)."""
        prepared = cls.__new__(cls)
        # Made before a database is chosen: integers the default database can hold.
        stand_ins = {
            name: cls._stand_in(field, DEFAULT_DB_ALIAS)
            for name, field in fields.items()
        }
        prepared._setup(build(**stand_ins), fields, stand_ins)
        return prepared

    def _setup(
        self,
        queryset: QuerySet,
        fields: dict[str, Field],
        stand_ins: dict | None = None,
    ) -> None:
        self.fields = fields
        # Built: the queryset already holds these stand-ins where its values go.
        self._built_with = stand_ins
        self._compiled: dict[str, tuple] = {}
        # A queryset's prefetches of reverse foreign keys (a product's stock records,
        # its images) are prepared statements too when one object is found: Django
        # builds, compiles and runs each prefetch's `IN` query again every time.
        self._related: dict[str, tuple[Prepared, object]] = {}
        other_lookups = []
        for lookup in queryset._prefetch_related_lookups:
            descriptor = (
                getattr(queryset.model, lookup, None)
                if isinstance(lookup, str)
                else None
            )
            if isinstance(descriptor, ReverseManyToOneDescriptor):
                foreign_key = descriptor.field
                rows = foreign_key.model._default_manager.all()
                self._related[lookup] = (
                    Prepared(rows, foreign_key.attname),
                    foreign_key,
                )
            else:
                other_lookups.append(lookup)
        if self._related:
            queryset = queryset.prefetch_related(None).prefetch_related(*other_lookups)
        self.queryset = queryset

    def fetch(self, **values) -> list:
        """The objects `queryset.filter(**values)` gives, as a list."""
        if values.keys() != self.fields.keys():
            raise TypeError(f"fetch() takes exactly {sorted(self.fields)}")
        queryset = self.queryset.all()
        db = queryset.db
        compiled = self._compiled.get(db) or self._compile(queryset, db)
        template, sql, params, positions = compiled
        bound = list(params)
        connection = connections[db]
        for name, position in positions.items():
            field = self.fields[name]
            value = field.get_db_prep_value(values[name], connection, prepared=False)
            if not self._in_range(field, value, db):
                return []  # as Django's lookups answer: nothing (not a database error)
            bound[position] = value
        compiler = copy.copy(template)
        compiler.connection = connection  # this thread's connection
        compiler.statement = (sql, tuple(bound))
        query = queryset.query.clone()
        query.__class__ = _ReadyQuery
        query.ready_compiler = compiler
        # The setter makes a values_list() queryset give dicts (Django's QuerySet.query
        # setter, for a pickled query): its own iterable is kept.
        iterable = queryset._iterable_class
        queryset.query = query
        queryset._iterable_class = iterable
        found = list(queryset)
        if len(found) == 1 and self._related:
            self.attach_related(found[0])
        elif found and self._related:
            prefetch_related_objects(found, *self._related)
        return found

    def attach_related(self, obj) -> None:
        """Each prepared reverse relation of `obj` (a row of the queryset's model)
        fetched and cached on it as Django's prefetch leaves it (`prefetch_one_level`):
        `obj.<name>.all()` reads the rows, each row's foreign key already points at
        `obj`."""
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        for name, (prepared, foreign_key) in self._related.items():
            rows = prepared.fetch(**{foreign_key.attname: obj.pk})
            for row in rows:
                foreign_key.set_cached_value(row, obj)
            related = getattr(obj, name).get_queryset()
            related._result_cache = rows
            related._prefetch_done = True
            cache[foreign_key.remote_field.cache_name] = related

    def _compile(self, queryset: QuerySet, db: str) -> tuple:
        if self._built_with is not None:
            stand_ins = self._built_with
        else:
            stand_ins = {
                name: self._stand_in(field, db) for name, field in self.fields.items()
            }
            queryset = queryset.filter(**stand_ins)
        compiler = queryset.query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        positions = {}
        for name, value in stand_ins.items():
            # As the compiler leaves it (a UUID is text on SQLite, a date a string).
            value = self.fields[name].get_db_prep_value(
                value, compiler.connection, prepared=False
            )
            found = [i for i, param in enumerate(params) if param == value]
            if len(found) != 1:
                raise ValueError(f"{name!r} is not one parameter of the statement")
            positions[name] = found[0]
        compiler.__class__ = _bound_compiler_class(compiler.__class__)
        compiled = (compiler, sql, tuple(params), positions)
        self._compiled[db] = compiled
        return compiled

    @staticmethod
    def _stand_in(field, db: str):
        kind = field.get_internal_type()
        if kind in _INTEGERS:
            number = next(_STAND_IN_NUMBERS)
            low, high = connections[db].ops.integer_field_range(kind)
            if (low is not None and number < low) or (
                high is not None and number > high
            ):
                # A small or positive field: Django answers a value it cannot hold
                # with no SQL at all (EmptyResultSet), so the stand-in is one it can.
                number = high - 7 - next(_STAND_IN_NUMBERS) % 1000
            return number
        if kind == "UUIDField":
            return uuid.UUID(int=2**64 + next(_STAND_IN_NUMBERS))
        if kind == "DateTimeField":
            return _STAND_IN_TIME + timedelta(microseconds=next(_STAND_IN_NUMBERS))
        return f"\x00stand-in-{next(_STAND_IN_NUMBERS)}"

    @staticmethod
    def _in_range(field, value, db: str) -> bool:
        kind = field.get_internal_type()
        if kind not in _INTEGERS:
            return True
        low, high = connections[db].ops.integer_field_range(kind)
        return (low is None or value >= low) and (high is None or value <= high)


def _value_field(model, name: str):
    """The field whose values `name` takes: a foreign key's are its target's, a
    reverse or many-to-many relation's are the related model's keys. `name` may lead
    through relations (`experience__village_page__translation_key`) and end in a
    comparison (`booking_closes_at__gt`), whose values are the field's own."""
    *path, last = name.split(LOOKUP_SEP)
    if last in _COMPARISONS and path:
        name = LOOKUP_SEP.join(path)
    *relations, last = name.split(LOOKUP_SEP)
    for part in relations:
        model = _field_of(model, part).related_model
        if model is None:
            raise ValueError(f"{name!r}: {part!r} is not a relation")
    field = _field_of(model, last)
    if field.is_relation and field.concrete and (field.many_to_one or field.one_to_one):
        return field.target_field
    if field.is_relation:
        return field.related_model._meta.pk
    return field


def _field_of(model, name: str):
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


# Lookups whose value is one value of the field (not `in`, `range`, `isnull`).
_COMPARISONS = {"exact", "gt", "gte", "lt", "lte"}
# Stand-in dates: far in the past, each a microsecond apart.
_STAND_IN_TIME = datetime(1000, 1, 1, tzinfo=UTC)


_INTEGERS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
