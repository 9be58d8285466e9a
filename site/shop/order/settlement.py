"""What each producer is owed: a monthly statement per producer.

One basket pays several producers; each producer's part of an order is its parcel
(`ProducerShipment`: its lines' total plus the shipping charged for it). The shop
receives the money — the courier remits what it collected on delivery, Stripe pays
out what was paid online — and passes each producer its share:

    owed = parcels delivered in the month (products + shipping), except those paid
             to the producer in person
           − refunds recorded against the producer's parcels in the month
           − what has already been transferred for that month

A parcel counts in the month it was delivered (Bangkok time), under the way its order
was paid: cash on delivery (the courier remits it to the shop), Stripe, or paid to the
host on arrival (village experiences and goods collected there: the money never passes
through the shop, so it is shown but not owed). A part of an order that holds only
bookings counts as delivered once the host has recorded who came; one whose bookings
were all cancelled is never delivered, and the refunds against it (Stripe gave the
money back) are not taken off anything. Everything is summed in the database, in baht
to the satang (DecimalField), one grouped query per figure, whatever the number of
producers or parcels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Sum
from django.utils.translation import gettext_lazy as _

from oscar.core.loading import get_model

from .shipments import ProducerShipment

ZERO = Decimal("0.00")
CASH_ON_DELIVERY = "cash-on-delivery"
PAY_ON_ARRIVAL = "pay-on-arrival"


def month_start(value: date) -> date:
    return value.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def _bounds(month: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(month, time.min, zone),
        datetime.combine(next_month(month), time.min, zone),
    )


class ParcelRefund(models.Model):
    """Money given back to a buyer for (part of) one producer's parcel, by staff."""

    shipment = models.ForeignKey(
        ProducerShipment,
        models.PROTECT,
        related_name="refunds",
        verbose_name=_("parcel"),
    )
    amount = models.DecimalField(
        _("amount (baht)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    reason = models.CharField(_("reason"), max_length=255)
    refunded_on = models.DateField(_("refunded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "order"
        ordering = ["refunded_on", "pk"]
        verbose_name = _("parcel refund")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="parcel_refund_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.shipment} −{self.amount}"


class SettlementPayment(models.Model):
    """A bank transfer to a producer for one month's statement."""

    partner = models.ForeignKey(
        "partner.Partner",
        models.PROTECT,
        related_name="settlement_payments",
        verbose_name=_("producer"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    amount = models.DecimalField(_("amount (baht)"), max_digits=12, decimal_places=2)
    reference = models.CharField(_("bank transfer reference"), max_length=64)
    paid_at = models.DateTimeField(auto_now_add=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        app_label = "order"
        ordering = ["month", "pk"]
        verbose_name = _("settlement payment")
        indexes = [models.Index(fields=["partner", "month"])]

    def __str__(self) -> str:
        return f"{self.partner} {self.month:%Y-%m}: {self.amount} ({self.reference})"


@dataclass
class Statement:
    """One producer's month."""

    partner: object
    month: date
    parcels: int = 0
    products: Decimal = ZERO
    shipping: Decimal = ZERO
    cash_on_delivery: Decimal = ZERO
    online: Decimal = ZERO
    on_arrival: Decimal = ZERO  # paid to the producer itself: not owed
    refunds: Decimal = ZERO
    paid: Decimal = ZERO
    payments: list = field(default_factory=list)

    @property
    def collected(self) -> Decimal:
        """What the shop received for the producer (courier and Stripe)."""
        return self.cash_on_delivery + self.online

    @property
    def owed(self) -> Decimal:
        return self.collected - self.refunds

    @property
    def balance(self) -> Decimal:
        """What is still to transfer (negative: the producer was paid too much)."""
        return self.owed - self.paid

    @property
    def is_settled(self) -> bool:
        return bool(self.payments) and self.balance == ZERO

    @property
    def registration_number(self) -> str:
        producer = getattr(self.partner, "producer", None)
        return producer.registration_number if producer else ""


def statements(month: date, partners=None) -> list[Statement]:
    """Every producer's statement for `month` that has anything in it (or only those
    of `partners`, a Partner queryset), by producer name."""
    Partner = get_model("partner", "Partner")
    Source = get_model("payment", "Source")
    start, end = _bounds(month)
    delivered = ProducerShipment.objects.filter(
        status=ProducerShipment.Status.DELIVERED,
        delivered_at__gte=start,
        delivered_at__lt=end,
    )
    refunds = ParcelRefund.objects.filter(
        refunded_on__gte=month, refunded_on__lt=next_month(month)
    ).exclude(shipment__status=ProducerShipment.Status.CANCELLED)
    payments = SettlementPayment.objects.filter(month=month)
    if partners is not None:
        delivered = delivered.filter(partner__in=partners)
        refunds = refunds.filter(shipment__partner__in=partners)
        payments = payments.filter(partner__in=partners)

    def paid_by(code: str) -> Exists:
        return Exists(
            Source.objects.filter(order_id=OuterRef("order_id"), source_type__code=code)
        )

    found: dict[int, Statement] = {}

    def of(partner_id: int) -> Statement:
        if partner_id not in found:
            found[partner_id] = Statement(partner=None, month=month)
        return found[partner_id]

    for row in (
        delivered.annotate(
            cod=paid_by(CASH_ON_DELIVERY), on_arrival=paid_by(PAY_ON_ARRIVAL)
        )
        .order_by()
        .values("partner_id", "cod", "on_arrival")
        .annotate(
            parcels=Count("pk"),
            products=Sum("lines_total"),
            shipping=Sum("shipping_charge"),
        )
    ):
        statement = of(row["partner_id"])
        statement.parcels += row["parcels"]
        statement.products += row["products"]
        statement.shipping += row["shipping"]
        if row["cod"]:
            statement.cash_on_delivery += row["products"] + row["shipping"]
        elif row["on_arrival"]:
            statement.on_arrival += row["products"] + row["shipping"]
        else:
            statement.online += row["products"] + row["shipping"]
    for row in (
        refunds.order_by().values("shipment__partner_id").annotate(total=Sum("amount"))
    ):
        of(row["shipment__partner_id"]).refunds += row["total"]
    for payment in payments.order_by("pk"):
        statement = of(payment.partner_id)
        statement.paid += payment.amount
        statement.payments.append(payment)

    by_id = Partner.objects.select_related("producer").in_bulk(list(found))
    for partner_id, statement in found.items():
        statement.partner = by_id[partner_id]
    return sorted(found.values(), key=lambda s: (s.partner.name, s.partner.pk))


def statement_for(partner, month: date) -> Statement:
    Partner = get_model("partner", "Partner")
    found = statements(month, Partner.objects.filter(pk=partner.pk))
    return found[0] if found else Statement(partner=partner, month=month)


def months_with_activity(partners=None) -> list[date]:
    """The months in which the producers had a delivered parcel, refund or payment,
    newest first."""
    zone = ZoneInfo(settings.TIME_ZONE)
    delivered = ProducerShipment.objects.filter(
        status=ProducerShipment.Status.DELIVERED, delivered_at__isnull=False
    )
    refunds = ParcelRefund.objects.all()
    payments = SettlementPayment.objects.all()
    if partners is not None:
        delivered = delivered.filter(partner__in=partners)
        refunds = refunds.filter(shipment__partner__in=partners)
        payments = payments.filter(partner__in=partners)
    months = {
        month_start(d.date())
        for d in delivered.datetimes("delivered_at", "month", tzinfo=zone)
    }
    months |= {d for d in refunds.dates("refunded_on", "month")}
    months |= set(payments.values_list("month", flat=True))
    return sorted(months, reverse=True)
