"""Background work of the search (django-tasks, as Wagtail 8 indexes its own pages):
rewriting documents after a save, off the request."""

from __future__ import annotations

from django_tasks import task


@task()
def index_documents(kind: str, ids: list[int]) -> int:
    """(Re)write the documents of these products, producers or pages."""
    from . import indexing

    return indexing.index(kind, ids)
