"""python benchmarks/search_save_cost.py: what a product save spends on search inside
its request, with the production task queue (django-tasks-db): the time inside the
search's receiver (the OTOP rule's one UPDATE and the enqueued task's INSERT), as the
median and p95 over repeated saves, beside the whole save for scale, and then the
worker's time per indexed product (off the request).

Runs in a throw-away test database (created, migrated and dropped here).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.django_setup import setup  # noqa: I001  (Django must be set up first)

setup()

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models.signals import post_save
from django.test import override_settings
from django.test.runner import DiscoverRunner

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Print the search's share of a product save's request (milliseconds)."

    def add_arguments(self, parser):
        parser.add_argument("--saves", type=int, default=200)

    def handle(self, *args, saves=200, **options):
        runner = DiscoverRunner(interactive=False, verbosity=0)
        databases = runner.setup_databases()
        try:
            with override_settings(TASKS=QUEUE), transaction.atomic():
                self._measure(saves)
                transaction.set_rollback(True)
        finally:
            runner.teardown_databases(databases)

    def _measure(self, saves: int) -> None:
        from catalogue.models import Product
        from shop.search import receivers
        from tests.factories import EligibleProductFactory

        products = [
            EligibleProductFactory(title=f"ผ้าไหมแพรวา ลายที่ {n}") for n in range(20)
        ]
        spent: list[float] = []
        parts: dict[str, list[float]] = {"relist": [], "enqueue": []}
        from shop.search import indexing

        def part(name, function):
            def timed_part(*args, **kwargs):
                started = time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    parts[name].append((time.perf_counter() - started) * 1000)

            return timed_part

        indexing.relist = part("relist", indexing.relist)
        indexing.refresh_many = part("enqueue", indexing.refresh_many)

        def timed(sender, **kwargs):
            started = time.perf_counter()
            receivers.product_saved(sender, **kwargs)
            spent.append((time.perf_counter() - started) * 1000)

        uid = "otop-search-index-product"
        post_save.disconnect(sender=Product, dispatch_uid=uid)
        post_save.connect(timed, sender=Product, dispatch_uid=uid, weak=False)
        whole = []
        try:
            for n in range(saves):
                product = products[n % len(products)]
                product.title = f"ผ้าไหมแพรวา ลายที่ {n}"
                started = time.perf_counter()
                product.save()
                whole.append((time.perf_counter() - started) * 1000)
        finally:
            post_save.disconnect(sender=Product, dispatch_uid=uid)
            post_save.connect(receivers.product_saved, sender=Product, dispatch_uid=uid)
        self.stdout.write(
            f"{saves} product saves, task queue django-tasks-db: search's share "
            f"median {statistics.median(spent):.2f} ms, p95 {percentile(spent, 0.95):.2f} ms "
            f"(the whole save: median {statistics.median(whole):.2f} ms; the OTOP "
            f"rule's UPDATE median {statistics.median(parts['relist']):.2f} ms, the "
            f"task's enqueue median {statistics.median(parts['enqueue']):.2f} ms)"
        )
        from django_tasks_db.models import DBTaskResult

        from shop.search.indexing import index_documents

        queued = list(DBTaskResult.objects.all())
        started = time.perf_counter()
        for result in queued[:100]:
            index_documents.call(*result.args_kwargs["args"])
        per_task = (time.perf_counter() - started) * 1000 / max(1, len(queued[:100]))
        self.stdout.write(
            f"{len(queued)} tasks queued; the worker's indexing: {per_task:.1f} ms a task"
        )


if __name__ == "__main__":
    Command().run_from_argv(["search_save_cost.py", "search_save_cost", *sys.argv[1:]])
