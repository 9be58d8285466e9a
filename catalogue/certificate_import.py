"""Imports product standards and certificates from CSV, the way the register is
imported (`registry_import`): each row in its own savepoint, bad rows reported with
their line number and reason, the same file twice changes nothing.

Certificates from a file come from the department's own records: they are stored
verified. The key is producer + product + standard + number.
"""

from __future__ import annotations

from django.utils import timezone

from oscar.core.loading import get_model

from .certificates import Certificate
from .register import Producer
from .registry_import import (
    ImportReport,
    Progress,
    Row,
    RowError,
    _apply,
    _date,
    _require,
    _run,
)

Product = get_model("catalogue", "Product")

CERTIFICATE_COLUMNS = ["producer", "standard", "number"]

# What the department's spreadsheets call each standard.
STANDARDS = {
    **{kind.value: kind for kind in Certificate.Kind},
    "อย.": Certificate.Kind.FDA,
    "อย": Certificate.Kind.FDA,
    "thai fda": Certificate.Kind.FDA,
    "มผช.": Certificate.Kind.COMMUNITY,
    "มผช": Certificate.Kind.COMMUNITY,
    "tcps": Certificate.Kind.COMMUNITY,
    "มอก.": Certificate.Kind.TISI,
    "มอก": Certificate.Kind.TISI,
    "tis": Certificate.Kind.TISI,
    "ฮาลาล": Certificate.Kind.HALAL,
    "อินทรีย์": Certificate.Kind.ORGANIC,
    "เกษตรอินทรีย์": Certificate.Kind.ORGANIC,
    "สิ่งบ่งชี้ทางภูมิศาสตร์": Certificate.Kind.GI,
}


def import_certificates(
    rows: list[tuple[int, Row]],
    report: ImportReport | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    producers: dict[str, Producer] = {}
    known = ", ".join(kind.value for kind in Certificate.Kind)

    def producer_for(reference: str) -> Producer:
        if reference not in producers:
            found = (
                Producer.objects.filter(registration_number=reference).first()
                or Producer.objects.filter(name_th=reference).first()
            )
            if found is None:
                raise RowError(f"unknown producer {reference!r} (not in the register)")
            producers[reference] = found
        return producers[reference]

    def product_for(row: Row, producer: Producer):
        code, title = row.get("product_code", ""), row.get("product", "")
        if not code and not title:
            return None  # the producer's, for all of its products
        lookup = {"upc": code} if code else {"title": title}
        product = Product.objects.filter(
            producer=producer, parent__isnull=True, **lookup
        ).first()
        if product is None:
            raise RowError(
                f"unknown product {code or title!r} of producer "
                f"{producer.registration_number}"
            )
        return product

    def apply_row(row: Row, report: ImportReport) -> None:
        _require(row, CERTIFICATE_COLUMNS)
        kind = STANDARDS.get(" ".join(row["standard"].lower().split()))
        if kind is None:
            raise RowError(f"unknown standard {row['standard']!r} (use {known})")
        producer = producer_for(row["producer"])
        product = product_for(row, producer)
        issued = _date(row.get("issued_on", ""), "issued_on")
        expires = _date(row.get("expires_on", ""), "expires_on")
        if issued and expires and expires < issued:
            raise RowError(f"expires_on {row['expires_on']!r} is before issued_on")
        values = {
            "issuer": row.get("issuer", ""),
            "issued_on": issued,
            "expires_on": expires,
            "status": Certificate.Status.VERIFIED,
        }
        certificate = Certificate.objects.filter(
            producer=producer, product=product, kind=kind, number=row["number"]
        ).first()
        if certificate is None:
            Certificate.objects.create(
                producer=producer,
                product=product,
                kind=kind,
                number=row["number"],
                verified_at=timezone.now(),
                **values,
            )
            report.created["certificates"] += 1
        elif _apply(certificate, values):
            certificate.verified_at = certificate.verified_at or timezone.now()
            certificate.save()
            report.updated["certificates"] += 1
        else:
            report.unchanged["certificates"] += 1

    return _run(rows, apply_row, report or ImportReport(), progress)
