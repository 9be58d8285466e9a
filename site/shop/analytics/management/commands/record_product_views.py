"""Move the product views counted in the cache into Oscar's analytics (cron)."""

from django.core.management.base import BaseCommand

from oscar.core.loading import get_model

from shop.analytics import product_views


class Command(BaseCommand):
    help = (
        "Add the anonymous product views counted in the cache to Oscar's product "
        "records (Dashboard → Reports). Run it every few minutes."
    )

    def handle(self, *args, **options) -> None:
        moved = product_views.record(get_model("catalogue", "Product"))
        self.stdout.write(f"{moved} product views recorded.")
