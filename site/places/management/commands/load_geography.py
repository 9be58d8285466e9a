"""manage.py load_geography: regions, provinces, districts and tambons from geothai."""

from django.core.management.base import BaseCommand

from places.loader import load_geography


class Command(BaseCommand):
    help = (
        "Load (or refresh) Thailand's geography from the geothai package. Idempotent."
    )

    def handle(self, *args, **options):
        counts = load_geography()
        self.stdout.write(
            self.style.SUCCESS(
                f"Geography: {counts.regions} regions, {counts.provinces} provinces, "
                f"{counts.districts} districts, {counts.tambons} tambons "
                "(address data: GeoThai, CC BY 4.0)"
            )
        )
