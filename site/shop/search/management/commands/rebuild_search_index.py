"""manage.py rebuild_search_index: (re)write every search document.

Needed after editing the synonyms or words data files, after bulk changes that send
no signals (raw SQL, `QuerySet.update`, bulk_create), and when moving the index to a
Wagtail backend (SEARCH_INDEX=wagtail, e.g. Elasticsearch). Everyday changes keep the
index current by themselves (shop.search.receivers).
"""

import time

from django.core.management.base import BaseCommand

from shop.search import indexing
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
        for name in kind or SearchDocument.Kind.values:
            started = time.monotonic()
            count = indexing.index_all(name)
            self.stdout.write(
                f"{name}: {count} documents in {time.monotonic() - started:.1f} s"
            )
        dropped = indexing.count_terms()
        self.stdout.write(self.style.SUCCESS(f"Done; {dropped} unused terms dropped."))
