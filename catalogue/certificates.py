"""Product standards and certificates: the legal standards a product (or its producer)
holds — อย., มผช., มอก., GI, Halal, GAP/GMP, organic — with number, issuer, dates and a
scan.

A certificate counts (badge on the product page, open data, facets) only while it is
verified by staff and not past its expiry date. That is a query-time filter,
`CertificateQuerySet.current()`: an expired certificate drops off on its date by
itself and nothing is deleted.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .register import Producer


class CertificateQuerySet(models.QuerySet):
    def verified(self) -> CertificateQuerySet:
        return self.filter(status=Certificate.Status.VERIFIED)

    def current(self, on: date | None = None) -> CertificateQuerySet:
        """Verified certificates in force on `on` (today by default)."""
        on = on or timezone.localdate()
        return self.verified().filter(
            Q(issued_on__isnull=True) | Q(issued_on__lte=on),
            Q(expires_on__isnull=True) | Q(expires_on__gte=on),
        )

    def covering(self, product) -> CertificateQuerySet:
        """Those of the product itself (its parent's, for a variant) and those its
        producer holds for all of its products."""
        rated = product.parent if product.is_child else product
        return self.filter(
            Q(product_id=rated.pk)
            | Q(product__isnull=True, producer_id=rated.producer_id)
        )

    def covering_ref(self, product_ref="pk") -> CertificateQuerySet:
        """`covering()` for a subquery over products: `product_ref` names the outer
        product's key (an OuterRef name, or an expression of OuterRefs)."""
        if isinstance(product_ref, str):
            product_ref = models.OuterRef(product_ref)
        return self.filter(
            Q(product_id=product_ref)
            | Q(product__isnull=True, producer_id=models.OuterRef("producer_id"))
        )

    def expiring(self, within: timedelta) -> CertificateQuerySet:
        """Verified certificates whose expiry falls between today and `within` from
        today (the review desk reminds staff before they drop off)."""
        today = timezone.localdate()
        return self.verified().filter(
            expires_on__gte=today, expires_on__lte=today + within
        )


class Certificate(models.Model):
    """A standard or certificate held by one product, or by a producer for all its
    products; shown only once staff have verified it."""

    class Kind(models.TextChoices):
        FDA = "fda", _("Thai FDA (อย.)")
        COMMUNITY = "community", _("Community product standard (มผช.)")
        TISI = "tisi", _("Thai industrial standard (มอก.)")
        GI = "gi", _("Geographical indication (GI)")
        HALAL = "halal", _("Halal")
        GAP = "gap", _("Good agricultural practice (GAP)")
        GMP = "gmp", _("Good manufacturing practice (GMP)")
        ORGANIC = "organic", _("Organic")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    producer = models.ForeignKey(
        Producer,
        models.CASCADE,
        related_name="certificates",
        verbose_name=_("producer"),
    )
    # Blank: the producer holds it for all of its products (e.g. GMP for its kitchen).
    product = models.ForeignKey(
        "catalogue.Product",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("product"),
    )
    kind = models.CharField(_("standard"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("certificate number"), max_length=64)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    scan = models.FileField(
        _("scan (image or PDF)"), upload_to="certificates/%Y/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        app_label = "catalogue"
        ordering = ["kind", "number"]
        verbose_name = _("certificate")
        indexes = [
            models.Index(fields=["product", "status", "expires_on"]),
            models.Index(fields=["status", "expires_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=models.F("issued_on")),
                name="certificate_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def short_name(self) -> str:
        """The badge text: the Thai abbreviation or the standard's initials."""
        return SHORT_NAMES[self.kind]

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (
            self.status == self.Status.VERIFIED
            and (self.issued_on is None or self.issued_on <= today)
            and (self.expires_on is None or self.expires_on >= today)
        )

    def verify(self, by) -> None:
        self.status, self.verified_by, self.verified_at = (
            self.Status.VERIFIED,
            by,
            timezone.now(),
        )
        self.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])


SHORT_NAMES = {
    Certificate.Kind.FDA: _("Thai FDA"),
    Certificate.Kind.COMMUNITY: _("TCPS"),
    Certificate.Kind.TISI: _("TIS"),
    Certificate.Kind.GI: "GI",
    Certificate.Kind.HALAL: _("Halal"),
    Certificate.Kind.GAP: "GAP",
    Certificate.Kind.GMP: "GMP",
    Certificate.Kind.ORGANIC: _("Organic"),
}
