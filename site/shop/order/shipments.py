"""One producer's part of an order: its lines, its parcel, its own fulfilment.

A basket may hold products of several producers; each producer packs and ships its
own lines, so each (order, producer) pair gets a shipment with its own status and
tracking number. Oscar's shipping events record the same steps line by line.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from oscar.core.loading import get_class, get_model

from . import statuses

# Payment sources paid in person (shop.checkout.payment_methods.PAID_IN_PERSON).
PAID_IN_PERSON = ("cash-on-delivery", "pay-on-arrival")


class ShipmentTransitionError(Exception):
    """A fulfilment step that does not follow from the shipment's current status."""


def travelling_lines():
    """Order lines of the shipment in the outer query that go by courier (or are
    collected): all but bookings, whose product class needs no shipping."""
    Line = get_model("order", "Line")
    return Line.objects.filter(
        order_id=models.OuterRef("order_id"), partner_id=models.OuterRef("partner_id")
    ).exclude(
        models.Q(product__product_class__requires_shipping=False)
        | models.Q(product__parent__product_class__requires_shipping=False)
    )


class ShipmentQuerySet(models.QuerySet):
    def to_send(self):
        """Parcels with something to send: a producer's part of an order that holds
        only bookings of village experiences never travels."""
        return self.filter(models.Exists(travelling_lines()))

    def visits_only(self):
        return self.exclude(models.Exists(travelling_lines()))


class Courier(models.TextChoices):
    """The carriers Thai community producers send parcels with."""

    THAILAND_POST = "thailand-post", _("Thailand Post")
    KERRY = "kerry", _("Kerry Express (KEX)")
    FLASH = "flash", _("Flash Express")
    JT = "jt", _("J&T Express")
    NINJA_VAN = "ninja-van", _("Ninja Van")
    BEST = "best", _("Best Express")
    OTHER = "other", _("Another courier")


class ProducerShipment(models.Model):
    """The lines of one order that one producer ships, with their own fulfilment status."""

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        NEW = "new", _("New order")
        ACCEPTED = "accepted", _("Accepted")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    order = models.ForeignKey(
        "order.Order", models.CASCADE, related_name="shipments", verbose_name=_("order")
    )
    partner = models.ForeignKey(
        "partner.Partner",
        models.PROTECT,
        related_name="shipments",
        verbose_name=_("producer"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    lines_total = models.DecimalField(
        _("products total"), max_digits=12, decimal_places=2
    )
    shipping_charge = models.DecimalField(
        _("shipping"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    courier = models.CharField(
        _("courier"), max_length=20, choices=Courier.choices, blank=True
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    objects = ShipmentQuerySet.as_manager()

    class Meta:
        app_label = "order"
        ordering = ["order", "pk"]
        verbose_name = _("producer shipment")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "partner"], name="one_shipment_per_producer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order.number} / {self.partner.name}"

    @property
    def total(self) -> Decimal:
        return self.lines_total + self.shipping_charge

    @property
    def lines(self):
        return self.order.lines.filter(partner_id=self.partner_id).order_by("pk")

    @property
    def producer(self):
        return getattr(self.partner, "producer", None)

    # Fulfilment steps, taken by the producer. Each locks the order so that two
    # clicks (or a producer and staff) cannot both apply a step.

    def accept(self) -> None:
        self._step({self.Status.NEW}, self.Status.ACCEPTED, "accepted_at")

    def ship(self, tracking_number: str, courier: str = "") -> None:
        tracking_number = tracking_number.strip()
        if not tracking_number:
            raise ShipmentTransitionError(_("A tracking number is needed to ship."))
        self._step(
            {self.Status.NEW, self.Status.ACCEPTED},
            self.Status.SHIPPED,
            "shipped_at",
            tracking_number=tracking_number,
            courier=courier,
        )

    def deliver(self) -> None:
        self._step({self.Status.SHIPPED}, self.Status.DELIVERED, "delivered_at")

    def visited(self) -> None:
        """A part of an order that holds only bookings: the visits took place (the
        host recorded who came), so it counts as delivered (settlement)."""
        self._step(
            {self.Status.NEW, self.Status.ACCEPTED},
            self.Status.DELIVERED,
            "delivered_at",
        )

    def _step(self, allowed: set, to: str, stamp: str, **fields) -> None:
        # Imported here: both modules load models of this app.
        from shop.partner import stock

        from .notifications import ShipmentNotifications

        with transaction.atomic():
            order = (
                get_model("order", "Order")
                .objects.select_for_update()
                .get(pk=self.order_id)
            )
            current = type(self).objects.get(pk=self.pk)
            if current.status not in allowed:
                raise ShipmentTransitionError(
                    _("This parcel is %(status)s; it cannot become %(to)s.")
                    % {
                        "status": current.get_status_display(),
                        "to": self.Status(to).label,
                    }
                )
            self.status = to
            setattr(self, stamp, timezone.now())
            for name, value in fields.items():
                setattr(self, name, value)
            self.save()
            self._record_shipping_event(order, to)
            if to == self.Status.SHIPPED:
                stock.consume(self.lines)
            if to == self.Status.DELIVERED:
                self._collect_cash(order)
                # A part whose bookings were all cancelled has nothing to deliver.
                done = (self.Status.DELIVERED, self.Status.CANCELLED)
                if not order.shipments.exclude(status__in=done).exists():
                    order.set_status(statuses.COMPLETE)
            if to == self.Status.SHIPPED:
                transaction.on_commit(lambda: ShipmentNotifications().dispatched(self))

    def _record_shipping_event(self, order, status: str) -> None:
        EventType = get_model("order", "ShippingEventType")
        # Stored in English (the msgid), whatever the request's language: shown
        # through shop.labels in the reader's.
        with translation.override("en"):
            name = str(self.Status(status).label)
        event_type, _created = EventType.objects.get_or_create(
            code=status, defaults={"name": name}
        )
        lines = list(self.lines)
        get_class("order.processing", "EventHandler")().handle_shipping_event(
            order,
            event_type,
            lines,
            [line.quantity for line in lines],
            reference=self.tracking_number,
        )

    def _collect_cash(self, order) -> None:
        """Cash on delivery (the courier collected this parcel's total) or paid to the
        host on arrival."""
        source = order.sources.filter(source_type__code__in=PAID_IN_PERSON).first()
        if source is not None:
            source.debit(self.total, reference=self.tracking_number)
