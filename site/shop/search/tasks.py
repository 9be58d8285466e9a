"""Background work of the search (django-tasks, as Wagtail 8 indexes its own pages):
rewriting documents after a save, off the request."""

from __future__ import annotations

from django_tasks import task


@task()
def index_documents(kinds: dict[str, list[int]]) -> int:
    """(Re)write the documents of these products, producers or pages
    ({"product": [ids], "producer": [ids]})."""
    from . import indexing

    return sum(indexing.index(kind, ids) for kind, ids in kinds.items())
