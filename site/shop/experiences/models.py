"""Village experiences sold like products: an experience is an Oscar parent product
of the "experience" class, each dated slot one of its child products, the seats of a
slot its child's stock record (`num_in_stock`), so Oscar's stock, basket and the
order locking of `shop.partner.stock` guard seats exactly as they guard units.

The village is a Wagtail page. The shop cannot import the villages app (layers run
places ← catalogue ← shop ← villages), so an experience points at the page through
Wagtail's own `Page` model; the villages app lets editors choose it among village
pages and shows the slots on the page.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalogue.urls_cache import cached_reverse

EXPERIENCE_CLASS = "experience"  # the slug of the experiences' Oscar product class
CHILD_OPTION = "participant"  # basket line option: "child" marks a child's seats
PHONE_OPTION = "booking-phone"
NOTES_OPTION = "booking-notes"
CHILD = "child"
# Where a listing's prefetch leaves a slot product's stock records (Slot.stockrecord).
SEAT_RECORDS = "seat_records"


def _english() -> bool:
    return (get_language() or "th").startswith("en")


class Language(models.TextChoices):
    THAI = "th", _("Thai")
    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")


class Experience(models.Model):
    """A visit a village offers (workshop, homestay night, guided walk), hosted by a
    registered producer; its title, description and host are its Oscar product's."""

    product = models.OneToOneField(
        "catalogue.Product",
        models.CASCADE,
        related_name="experience",
        verbose_name=_("product"),
        limit_choices_to={
            "parent__isnull": True,
            "product_class__slug": EXPERIENCE_CLASS,
        },
    )
    village_page = models.ForeignKey(
        "wagtailcore.Page",
        models.PROTECT,
        related_name="+",
        verbose_name=_("village page"),
    )
    meeting_point = models.CharField(_("meeting point"), max_length=255)
    meeting_point_en = models.CharField(
        _("meeting point (English)"), max_length=255, blank=True
    )
    cancellation_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before the start)"), default=48
    )

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")

    def __str__(self) -> str:
        return self.product.get_title()

    @property
    def title(self) -> str:
        return self.product.get_title()

    @property
    def host(self):
        return self.product.producer

    @property
    def localized_meeting_point(self) -> str:
        return (
            self.meeting_point_en
            if _english() and self.meeting_point_en
            else self.meeting_point
        )


class Slot(models.Model):
    """One dated session of an experience; its seats are its product's stock."""

    experience = models.ForeignKey(
        Experience, models.CASCADE, related_name="slots", verbose_name=_("experience")
    )
    product = models.OneToOneField(
        "catalogue.Product",
        models.CASCADE,
        related_name="slot",
        verbose_name=_("product"),
        limit_choices_to={"parent__isnull": False},
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))
    cutoff_hours = models.PositiveSmallIntegerField(
        _("booking closes (hours before the start)"), default=12
    )
    # Kept with the slot so the rule is a plain indexed comparison in every query.
    booking_closes_at = models.DateTimeField(_("booking closes at"), editable=False)
    meeting_point = models.CharField(
        _("meeting point"),
        max_length=255,
        blank=True,
        help_text=_("Leave blank to use the experience's meeting point."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=32,
        default=Language.THAI,
        help_text=_("Language codes, comma-separated (th, en, zh)."),
    )
    child_price = models.DecimalField(
        _("price per child"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave blank when children pay the full price."),
    )
    closed_at = models.DateTimeField(_("closed by the host"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        indexes = [models.Index(fields=["booking_closes_at"])]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at)
        return f"{self.experience} {when:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        self.booking_closes_at = self.starts_at - timedelta(hours=self.cutoff_hours)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """Its booking page (remembered: a village page links every slot)."""
        return cached_reverse("experiences:slot", pk=self.pk)

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def localized_meeting_point(self) -> str:
        if _english() and not self.meeting_point:
            return self.experience.localized_meeting_point
        return self.meeting_point or self.experience.localized_meeting_point

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.language_codes]

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def cancellable_until(self):
        return self.starts_at - timedelta(hours=self.experience.cancellation_hours)

    @property
    def stockrecord(self):
        # Listings prefetch the stock records (to SEAT_RECORDS: Django then builds
        # no related queryset per slot); all(), not first(), reads a prefetch too.
        records = getattr(self.product, SEAT_RECORDS, None)
        if records is None:
            records = self.product.stockrecords.all()
        return next(iter(records), None)

    @property
    def seats_left(self) -> int:
        record = self.stockrecord
        return max(record.net_stock_level, 0) if record else 0

    @property
    def price(self) -> Decimal | None:
        record = self.stockrecord
        return record.price if record else None


class Booking(models.Model):
    """The seats one order line holds on a slot, as the host follows them."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")
        CANCELLED = "cancelled", _("Cancelled")

    slot = models.ForeignKey(
        Slot, models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    line = models.OneToOneField(
        "order.Line", models.CASCADE, related_name="booking", verbose_name=_("line")
    )
    participants = models.PositiveSmallIntegerField(_("participants"))
    children = models.BooleanField(_("children's seats"), default=False)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.BOOKED
    )
    # The buyer's language when booking: the e-mails about the booking use it.
    language = models.CharField(_("language"), max_length=8, default="th")
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slot__starts_at", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self) -> str:
        return f"{self.slot} × {self.participants}"

    @property
    def order(self):
        return self.line.order

    @property
    def is_cancellable(self) -> bool:
        """Within the experience's free cancellation policy."""
        return (
            self.status == self.Status.BOOKED
            and timezone.now() <= self.slot.cancellable_until
        )
