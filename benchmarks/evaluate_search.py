"""python benchmarks/evaluate_search.py: recall@10, MRR@10 and precision@10 on the evaluation set, for
this search and for the behaviour it replaces (see benchmarks.search_evaluation).

Runs in a throw-away test database (created, migrated and dropped here), so it never
touches the configured database's data.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.django_setup import setup  # noqa: I001  (Django must be set up first)

setup()


from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.runner import DiscoverRunner

from benchmarks.search_evaluation.runner import ENGINES, evaluate


class Command(BaseCommand):
    help = "Print recall@10 and precision@10 of the storefront search on its evaluation set."

    def add_arguments(self, parser):
        parser.add_argument("--engine", action="append", choices=list(ENGINES))
        parser.add_argument(
            "--keepdb", action="store_true", help="reuse the test database"
        )
        parser.add_argument(
            "--misses", action="store_true", help="list imperfect queries"
        )

    def handle(self, *args, engine=None, keepdb=False, misses=False, **options):
        runner = DiscoverRunner(interactive=False, keepdb=keepdb, verbosity=0)
        self.stdout.write(
            "Creating a throw-away test database (migrations take a while)..."
        )
        databases = runner.setup_databases()
        try:
            with transaction.atomic():
                reports = evaluate(engine)
                transaction.set_rollback(True)
        finally:
            runner.teardown_databases(databases)
        self._print(reports, misses)

    def _print(self, reports, misses: bool) -> None:
        queries, held_out = len(reports[0].outcomes), len(reports[0].held_out)
        thai = len(reports[0].held_out_thai)
        self.stdout.write(
            f"\n{queries} evaluation queries (used while building the search), "
            f"{held_out} held-out queries and {thai} held-out Thai compounds and "
            "slips (never tuned against); top 10 results each\n"
        )
        self.stdout.write(
            f"{'engine':<14}{'recall@10':>10}{'MRR@10':>8}{'precision@10':>14}"
            f"{'no results':>12}{'ineligible shown':>18}"
            f"{'held-out recall':>17}{'MRR':>7}{'precision':>11}"
        )
        for report in reports:
            self.stdout.write(
                f"{report.engine:<14}{report.recall:>10.3f}{report.mrr:>8.3f}"
                f"{report.precision:>14.3f}{report.empty:>12}{report.ineligible:>18}"
                f"{report.held_out_recall:>17.3f}{report.held_out_mrr:>7.3f}"
                f"{report.held_out_precision:>11.3f}"
            )
        self.stdout.write(
            "\nheld-out Thai (recall@10 / MRR@10 / precision@10 / no results)"
        )
        for report in reports:
            parts = []
            for kind in ("compound", "thai-typo"):
                found = report.thai(kind)
                if found:
                    n = len(found)
                    parts.append(
                        f"{kind} ({n}): {sum(o.recall for o in found) / n:.3f} / "
                        f"{sum(o.reciprocal_rank for o in found) / n:.3f} / "
                        f"{sum(o.precision for o in found) / n:.3f} / "
                        f"{sum(1 for o in found if not o.found)}"
                    )
            self.stdout.write(f"{report.engine:<14}" + "   ".join(parts))
        kinds = sorted(reports[0].by_kind())
        self.stdout.write("\nrecall@10 by kind of query (number of queries)")
        self.stdout.write(f"{'engine':<14}" + "".join(f"{k:>12}" for k in kinds))
        for report in reports:
            by_kind = report.by_kind()
            self.stdout.write(
                f"{report.engine:<14}"
                + "".join(f"{by_kind[k][0]:>8.2f} ({by_kind[k][1]:>2})" for k in kinds)
            )
        if misses:
            for report in reports:
                self.stdout.write(
                    f"\n{report.engine}: queries below full recall or precision"
                )
                for o in [*report.outcomes, *report.held_out, *report.held_out_thai]:
                    if o.recall < 1 or o.precision < 1:
                        self.stdout.write(
                            f"  {o.query.text!r}: recall {o.recall:.2f} precision "
                            f"{o.precision:.2f}; missing "
                            f"{sorted(o.query.relevant - set(o.found))}; extra "
                            f"{[f for f in o.found if f not in o.query.relevant]}"
                        )


if __name__ == "__main__":
    Command().run_from_argv(["evaluate_search.py", "evaluate_search", *sys.argv[1:]])
