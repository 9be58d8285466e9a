"""manage.py rebuild_search_index: (re)write every search document and hand it to the
search backend.

Needed after editing the synonyms or words data files, after bulk changes that send
no signals (raw SQL, `QuerySet.update`, bulk_create), and when moving the index to
another backend (SEARCH_URL, e.g. OpenSearch). Everyday changes keep the index
current by themselves (shop.search.receivers, through tasks).
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from shop.search import indexing, vocabulary
from shop.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild the storefront search index (products, producers, pages)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=SearchDocument.Kind.values,
            help="only these kinds of document (default: all)",
        )

    def handle(self, *args, kind=None, **options):
        if not kind:
            self._prepare_search_servers()
        for name in kind or SearchDocument.Kind.values:
            started = time.monotonic()
            count = indexing.index_all(name)
            self.stdout.write(
                f"{name}: {count} documents in {time.monotonic() - started:.1f} s"
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchdocument")
                cursor.execute("ANALYZE wagtailsearch_indexentry")
        vocabulary.changed()
        self.stdout.write(self.style.SUCCESS("Done."))

    def _prepare_search_servers(self) -> None:
        """A search server's index for the documents is made anew: its settings
        (whitespace analyser) and its mapping (texts and filter fields)."""
        from wagtail.search.backends import get_search_backends

        for backend in get_search_backends(with_auto_update=True):
            if backend.query_compiler_class.HANDLES_ORDER_BY_EXPRESSIONS:
                continue  # a database backend: nothing to prepare
            index = backend.get_index_for_model(SearchDocument)
            index.reset()
            index.add_model(SearchDocument)
            self.stdout.write(f"{index.name}: made anew on the search server")
