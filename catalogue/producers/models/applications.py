"""An online application to join the OTOP register, with the fields of the paper form."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.register import Producer

from ..membership import join_producer


class ProducerApplication(models.Model):
    """A producer's application to be registered; staff approve or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="producer_applications",
        verbose_name=_("applicant"),
    )
    kind = models.CharField(
        _("type of producer"), max_length=20, choices=Producer.Kind.choices
    )
    name_th = models.CharField(
        _("name of the group or business (Thai)"), max_length=255
    )
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    members = models.PositiveIntegerField(
        _("number of members"),
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
    )
    tambon = models.ForeignKey(
        "places.Tambon", models.PROTECT, related_name="+", verbose_name=_("tambon")
    )
    village_name = models.CharField(_("village"), max_length=120, blank=True)
    moo = models.PositiveSmallIntegerField(
        _("moo (village number)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(99)],
    )
    contact_name = models.CharField(_("contact person"), max_length=255)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("e-mail"), blank=True)
    products = models.TextField(_("what you make"), max_length=2000)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("reason given to the applicant"), blank=True)
    producer = models.OneToOneField(
        Producer,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("registered producer"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("producer application")
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=models.Q(status="pending"),
                name="one_pending_application_per_applicant",
            )
        ]

    def __str__(self) -> str:
        return self.name_th

    @transaction.atomic
    def approve(
        self, by, registration_number: str, expires_on: date | None = None
    ) -> Producer:
        """Register the producer (with its Oscar partner) and make the applicant its staff."""
        application = type(self).objects.select_for_update().get(pk=self.pk)
        if application.status != self.Status.PENDING:
            raise ValidationError(_("This application has already been decided."))
        if Producer.objects.filter(registration_number=registration_number).exists():
            raise ValidationError(
                _("Registration number %(number)s is already in the register."),
                params={"number": registration_number},
            )
        producer = Producer.objects.create(
            registration_number=registration_number,
            kind=self.kind,
            name_th=self.name_th,
            name_en=self.name_en,
            tambon=self.tambon,
            village_name=self.village_name,
            moo=self.moo,
            phone=self.phone,
            email=self.email or self.applicant.email,
            status=Producer.Status.ACTIVE,
            registered_on=timezone.localdate(),
            expires_on=expires_on,
        )
        join_producer(self.applicant, producer)
        self._decide(self.Status.APPROVED, by, producer=producer)
        return producer

    @transaction.atomic
    def reject(self, by, reason: str) -> None:
        if not reason.strip():
            raise ValidationError(
                _("Tell the applicant why the application is rejected.")
            )
        application = type(self).objects.select_for_update().get(pk=self.pk)
        if application.status != self.Status.PENDING:
            raise ValidationError(_("This application has already been decided."))
        self._decide(self.Status.REJECTED, by, reason=reason.strip())

    def _decide(self, status: str, by, **values) -> None:
        self.status, self.decided_by, self.decided_at = status, by, timezone.now()
        for name, value in values.items():
            setattr(self, name, value)
        self.save()
