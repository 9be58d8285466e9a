"""Listing revisions: a producer's proposed title, description, categories and photos for a
product that is (or has been) on sale, held apart until staff approve them.

The live product is not touched while a revision waits: the shop keeps selling the
approved version. Price and stock are not part of a revision; they change at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oscar.core.loading import get_model

from catalogue.certificates import Certificate

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")

CONTENT_FIELDS = ("title", "title_en", "description", "description_en")


def needs_review(product) -> bool:
    """Whether a producer's change to this product's content must wait for staff.

    A product under an OPC rating has been vetted (and may be on sale): changing what it
    says or shows needs approval. An unrated product is never listed, so its producer
    edits it freely until staff rate it.
    """
    if product.pk is None:
        return False
    rated = product.parent if product.is_child else product
    return rated.opc_ratings.exists()


class ListingRevisionQuerySet(models.QuerySet):
    def pending(self) -> ListingRevisionQuerySet:
        return self.filter(status=ListingRevision.Status.PENDING)


class ListingRevision(models.Model):
    """Proposed content for a listed product, waiting for (or decided by) staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    product = models.ForeignKey(
        Product, models.CASCADE, related_name="revisions", verbose_name=_("product")
    )
    title = models.CharField(_("title (Thai)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    categories = models.ManyToManyField(
        "catalogue.Category", blank=True, related_name="+", verbose_name=_("categories")
    )
    # Certificates proposed with this change (pending until the change is decided).
    certificates = models.ManyToManyField(
        "catalogue.Certificate",
        blank=True,
        related_name="revisions",
        verbose_name=_("proposed certificates"),
    )
    removed_images = models.ManyToManyField(
        ProductImage, blank=True, related_name="+", verbose_name=_("photos to remove")
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason given to the producer"), blank=True)

    objects = ListingRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["updated_at"]
        verbose_name = _("listing revision")
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(status="pending"),
                name="one_pending_revision_per_product",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.title}"

    @classmethod
    def draft_for(cls, product, user) -> ListingRevision:
        """The product's pending revision, or a new one starting from the live content."""
        pending = cls.objects.pending().filter(product=product).first()
        if pending:
            return pending
        return cls(
            product=product,
            submitted_by=user,
            **{name: getattr(product, name) for name in CONTENT_FIELDS},
        )

    def changes(self) -> dict[str, tuple]:
        """What approving would change: {field: (live value, proposed value)}."""
        product = self.product
        changed = {
            name: (getattr(product, name), getattr(self, name))
            for name in CONTENT_FIELDS
            if getattr(product, name) != getattr(self, name)
        }
        if not product.is_child:
            live = set(product.categories.all())
            proposed = set(self.categories.all())
            if live != proposed:
                changed["categories"] = (live, proposed)
        removed = list(self.removed_images.all())
        added = list(self.new_photos.all())
        if removed or added:
            changed["images"] = (removed, added)
        proposed_certificates = list(self.certificates.all())
        if proposed_certificates:
            live = list(Certificate.objects.current().covering(product))
            changed["certificates"] = (live, proposed_certificates)
        return changed

    @transaction.atomic
    def approve(self, by) -> None:
        """Put the proposed content live, in one transaction."""
        revision = self._lock_pending()
        product = Product.objects.select_for_update().get(pk=revision.product_id)
        for name in CONTENT_FIELDS:
            setattr(product, name, getattr(revision, name))
        product.save()
        if not product.is_child:
            proposed = set(revision.categories.values_list("pk", flat=True))
            ProductCategory.objects.filter(product=product).exclude(
                category_id__in=proposed
            ).delete()
            live = set(product.categories.values_list("pk", flat=True))
            ProductCategory.objects.bulk_create(
                ProductCategory(product=product, category_id=pk)
                for pk in proposed - live
            )
        for image in revision.removed_images.all():
            image.delete()
        order = product.images.count()
        for photo in revision.new_photos.order_by("display_order", "pk"):
            # The file moves to the product as it is: it was checked and processed on upload.
            ProductImage.objects.create(
                product=product,
                original=photo.original.name,
                caption=photo.caption,
                display_order=order,
            )
            order += 1
        revision.new_photos.all().delete()
        for certificate in revision.certificates.filter(
            status=Certificate.Status.PENDING
        ):
            certificate.verify(by)
        revision._decide(self.Status.APPROVED, by)
        self.refresh_from_db()

    @transaction.atomic
    def reject(self, by, reason: str) -> None:
        if not reason.strip():
            raise ValidationError(_("Tell the producer why the change is rejected."))
        revision = self._lock_pending()
        for photo in revision.new_photos.all():
            photo.original.delete(save=False)
        revision.new_photos.all().delete()
        revision.certificates.filter(status=Certificate.Status.PENDING).update(
            status=Certificate.Status.REJECTED
        )
        revision._decide(self.Status.REJECTED, by, reason=reason.strip())
        self.refresh_from_db()

    @transaction.atomic
    def withdraw(self) -> None:
        """The producer takes the proposal back; nothing of it is kept."""
        revision = self._lock_pending()
        for photo in revision.new_photos.all():
            photo.original.delete(save=False)
        for certificate in revision.certificates.filter(
            status=Certificate.Status.PENDING
        ):
            certificate.scan.delete(save=False)
            certificate.delete()
        revision.delete()

    def _lock_pending(self) -> ListingRevision:
        revision = type(self).objects.select_for_update().get(pk=self.pk)
        if revision.status != self.Status.PENDING:
            raise ValidationError(_("This change has already been decided."))
        return revision

    def _decide(self, status: str, by, reason: str = "") -> None:
        self.status, self.decided_by, self.decided_at = status, by, timezone.now()
        self.reason = reason
        self.save()


class ListingRevisionPhoto(models.Model):
    """A new photo proposed in a revision (already checked and processed on upload)."""

    revision = models.ForeignKey(
        ListingRevision, models.CASCADE, related_name="new_photos"
    )
    original = models.ImageField(
        _("photo"), upload_to=settings.OSCAR_IMAGE_FOLDER, max_length=255
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    display_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("proposed photo")

    def __str__(self) -> str:
        return self.original.name
