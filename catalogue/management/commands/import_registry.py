"""manage.py import_registry: load the OTOP register and OPC results from CSV files."""

from django.core.management.base import BaseCommand, CommandError

from catalogue.bulk import bulk_change, refresh_planner_statistics
from catalogue.certificate_import import CERTIFICATE_COLUMNS, import_certificates
from catalogue.registry_import import (
    OPC_COLUMNS,
    REGISTER_COLUMNS,
    ImportReport,
    RegistryFileError,
    import_opc,
    import_register,
    iter_lines,
    read_rows,
)


class Command(BaseCommand):
    help = (
        "Import the OTOP producer register and/or OPC star-rating results (CSV, UTF-8). "
        "Idempotent: importing the same files again changes nothing. Bad rows are "
        "reported with their line number and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--register", help=f"register CSV ({', '.join(REGISTER_COLUMNS)})"
        )
        parser.add_argument("--opc", help=f"OPC results CSV ({', '.join(OPC_COLUMNS)})")
        parser.add_argument(
            "--certificates",
            help=f"standards and certificates CSV ({', '.join(CERTIFICATE_COLUMNS)})",
        )

    def handle(self, *args, register=None, opc=None, certificates=None, **options):
        if not register and not opc and not certificates:
            raise CommandError(
                "Give --register FILE, --opc FILE, --certificates FILE, or several."
            )
        # Read both files before writing anything, so a wrong file changes nothing.
        batches = []
        for path, columns, importer in (
            (register, REGISTER_COLUMNS, import_register),
            (opc, OPC_COLUMNS, import_opc),
            (certificates, CERTIFICATE_COLUMNS, import_certificates),
        ):
            if path:
                batches.append((path, importer, self._read(path, columns)))
        report = ImportReport()
        # The search index is brought up to date once, after the last row.
        with bulk_change():
            for path, importer, rows in batches:
                self.stdout.write(f"{path}: {len(rows)} rows")
                importer(rows, report, progress=self._progress)
        refresh_planner_statistics()
        self.stdout.write(self.style.SUCCESS(f"Done. {report.summary()}"))
        for line in iter_lines(report):
            self.stdout.write(self.style.WARNING(line))

    def _read(self, path, columns):
        try:
            with open(path, "rb") as f:
                return read_rows(f, columns)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        except RegistryFileError as exc:
            raise CommandError(f"{path}: {exc}") from None

    def _progress(self, done: int, total: int) -> None:
        if done % 250 == 0 or done == total:
            self.stdout.write(f"  {done}/{total} rows ({100 * done // total}%)")
