"""The OTOP producer register and OPC (OTOP Product Champion) star ratings."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from oscar.core.loading import get_model

# The OPC selection began in 2003 (B.E. 2546); years are stored in the Common Era.
FIRST_OPC_YEAR = 2003
BUDDHIST_ERA_OFFSET = 543


class ProducerQuerySet(models.QuerySet):
    def registered(self) -> ProducerQuerySet:
        """Producers whose registration is in force today (active and not expired)."""
        today = timezone.localdate()
        return self.filter(status=Producer.Status.ACTIVE).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today)
        )

    def lapsing(self, within: timedelta) -> ProducerQuerySet:
        """Active registrations that expire within `within` from today, or already have
        (their products are hidden until staff renew them)."""
        horizon = timezone.localdate() + within
        return self.filter(status=Producer.Status.ACTIVE, expires_on__lte=horizon)

    def for_listing(self, *, with_products_only: bool = False) -> ProducerQuerySet:
        """Registered producers, each annotated with `num_products` (its eligible listed
        products) and its place joined, in one query."""
        Product = get_model("catalogue", "Product")
        counts = (
            Product.objects.eligible()
            .filter(producer=models.OuterRef("pk"), parent__isnull=True)
            .order_by()
            .values("producer")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        producers = (
            self.registered()
            .annotate(
                num_products=Coalesce(
                    models.Subquery(counts, output_field=models.IntegerField()),
                    models.Value(0),
                )
            )
            .select_related("tambon__district__province")
            .order_by("name_th")
        )
        if with_products_only:
            producers = producers.filter(num_products__gt=0)
        return producers


class Producer(models.Model):
    """A registered OTOP producer: a community group, a single owner or an SME."""

    class Kind(models.TextChoices):
        COMMUNITY_GROUP = "community_group", _("Community producer group")
        SINGLE_OWNER = "single_owner", _("Single owner")
        SME = "sme", _("SME")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        EXPIRED = "expired", _("Expired")

    registration_number = models.CharField(
        _("registration number"), max_length=32, unique=True
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    # Shown on English pages, beside the Thai name, while there is no English one.
    name_rtgs = models.CharField(
        _("name in Latin letters (RTGS)"),
        max_length=255,
        blank=True,
        help_text=_("Filled in from the Thai name when left blank."),
    )
    tambon = models.ForeignKey(
        "places.Tambon",
        models.PROTECT,
        related_name="producers",
        verbose_name=_("tambon"),
    )
    village_name = models.CharField(_("village"), max_length=120, blank=True)
    village_name_en = models.CharField(
        _("village (English)"),
        max_length=120,
        blank=True,
        help_text=_("Filled in from the Thai name (RTGS) when left blank."),
    )
    moo = models.PositiveSmallIntegerField(
        _("moo (village number)"), null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The group's notices (new orders) and its dashboard are in this language.
    language = models.CharField(
        _("language for e-mails and the dashboard"),
        max_length=8,
        choices=[("th", _("Thai")), ("en", _("English"))],
        default=settings.LANGUAGE_CODE,
    )
    status = models.CharField(
        _("registration status"),
        max_length=12,
        choices=Status.choices,
        default=Status.PENDING,
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    expires_on = models.DateField(_("registration expires on"), null=True, blank=True)
    # Each producer sells through its own Oscar partner; the partner's users are its staff.
    partner = models.OneToOneField(
        "partner.Partner", models.PROTECT, related_name="producer", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProducerQuerySet.as_manager()

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("producer")
        indexes = [models.Index(fields=["status", "expires_on"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        from .romanization import romanize

        if not self.name_rtgs:
            self.name_rtgs = romanize(self.name_th)[:255]
        if self.village_name and not self.village_name_en:
            self.village_name_en = romanize(self.village_name)[:120]
        if self.partner_id is None:
            Partner = get_model("partner", "Partner")
            self.partner = Partner.objects.create(name=self.name_th[:128])
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        """The name in the visitor's language: on English pages the English name, or
        the Thai one in Latin letters (RTGS) while there is none."""
        if (get_language() or "th").startswith("en"):
            return self.name_en or self.name_rtgs or self.name_th
        return self.name_th

    @property
    def village(self) -> str:
        if (get_language() or "th").startswith("en"):
            return self.village_name_en or self.village_name
        return self.village_name

    @property
    def is_registered(self) -> bool:
        """Whether the registration is in force today."""
        return self.status == self.Status.ACTIVE and (
            self.expires_on is None or self.expires_on >= timezone.localdate()
        )


class OpcRating(models.Model):
    """The OPC star rating a product was awarded in one selection year."""

    product = models.ForeignKey(
        "catalogue.Product",
        models.CASCADE,
        related_name="opc_ratings",
        verbose_name=_("product"),
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    year = models.PositiveSmallIntegerField(
        _("selection year (C.E.)"),
        validators=[MinValueValidator(FIRST_OPC_YEAR), MaxValueValidator(2100)],
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("OPC star rating")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "year"], name="one_opc_rating_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="opc_stars_1_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_OPC_YEAR), name="opc_year_after_2003"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stars}★ ({self.year})"

    @property
    def year_be(self) -> int:
        return self.year + BUDDHIST_ERA_OFFSET
