"""Stored names shown in the visitor's language.

Oscar stores some labels as plain text and prints them as they are: an order's and a
line's status ("Processing"), the names of shipping and payment event types, payment
source types, product classes and countries, the shipping method's name copied onto
the order. Several were stored in whatever language the request that created them had
(a Thai parcel step stored "รับคำสั่งซื้อแล้ว"). Each value we create is listed here
with its translatable label; `label()` gives the label in the active language for the
English value and for its Thai translation alike. Values typed by staff (a shipping
method made in the dashboard) are data and pass through unchanged.

A template builtin (settings TEMPLATES "builtins"): `{{ order.status|label }}`;
Oscar's templates get the filter where they print these values (config.oscar_templates).
The lookup rows Oscar prints by name everywhere (countries, product classes, source
and event types) are given their label when loaded (`translate_stored_names`, connected
by the order app) and keep their stored value when saved.
"""

from __future__ import annotations

from functools import cache

from django import template
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _

register = template.Library()


def _registry() -> dict[str, object]:
    # Imported here: this module is loaded with the template engine, before the apps.
    from shop.order import statuses

    return {
        # Order statuses (Oscar's pipeline; shop.order.statuses).
        **statuses.LABELS,
        # A parcel's steps (ProducerShipment.Status), stored as shipping event types
        # (by code and by name) and offered as line statuses.
        "awaiting_payment": _("Awaiting payment"),
        "Awaiting payment": _("Awaiting payment"),
        "new": _("New order"),
        "New order": _("New order"),
        "accepted": _("Accepted"),
        "Accepted": _("Accepted"),
        "shipped": _("Shipped"),
        "Shipped": _("Shipped"),
        "delivered": _("Delivered"),
        "Delivered": _("Delivered"),
        "cancelled": _("Cancelled"),
        "Complete": _("Complete"),
        "In progress": _("In progress"),
        # Payment source types (shop.checkout.payment_methods) and payment events.
        "Cash on delivery": _("Cash on delivery"),
        "Pay the host on arrival": _("Pay the host on arrival"),
        "Card or PromptPay": _("Card or PromptPay"),
        "Paid": _("Paid"),
        "Refunded": _("Refunded"),
        # Our shipping methods' names, copied onto the order (shop.shipping.methods).
        "Standard parcel (Thailand Post EMS)": _("Standard parcel (Thailand Post EMS)"),
        "Pick up in the village": _("Pick up in the village"),
        # The product class every product belongs to, and the only country.
        "OTOP product": _("OTOP product"),
        "Thailand": _("Thailand"),
        # Oscar's stock alert statuses.
        "Active": _("Active"),
        "Cancelled": _("Cancelled"),
        "Closed": _("Closed"),
        "Unconfirmed": _("Unconfirmed"),
    }


@cache
def _lookup() -> dict[str, object]:
    """Each label under its stored English value and under its Thai translation."""
    labels = _registry()
    found = dict(labels)
    with translation.override("th"):
        for label in labels.values():
            found.setdefault(str(label), label)
    return found


def label(value) -> str:
    """The stored value's label in the active language (unknown values unchanged)."""
    if value is None:
        return ""
    text = str(value)
    found = _lookup().get(text)
    return str(found) if found is not None else text


register.filter("label", label)


# (app label, model, field): rows Oscar prints by this field, in templates and in
# Python (an address summary ends with the country's printable name).
STORED_NAMES = (
    ("address", "Country", "printable_name"),
    ("catalogue", "ProductClass", "name"),
    ("payment", "SourceType", "name"),
    ("order", "ShippingEventType", "name"),
    ("order", "PaymentEventType", "name"),
)


def _show_in_language(sender, instance, **kwargs) -> None:
    field = sender._stored_name_field
    stored = instance.__dict__.get(field)
    if stored and stored in _lookup():
        instance._stored_name = stored
        instance.__dict__[field] = label(stored)


def _keep_stored(sender, instance, **kwargs) -> None:
    field = sender._stored_name_field
    stored = getattr(instance, "_stored_name", None)
    if stored is not None and instance.__dict__.get(field) == label(stored):
        instance.__dict__[field] = stored


def translate_stored_names() -> None:
    from django.apps import apps

    for app_label, model_name, field in STORED_NAMES:
        model = apps.get_model(app_label, model_name)
        model._stored_name_field = field
        post_init.connect(_show_in_language, sender=model, weak=False)
        pre_save.connect(_keep_stored, sender=model, weak=False)


# Names copied onto an order (a line's title, its partner's name) are in the language
# of the checkout; the reader sees the product's and the producer's current names in
# theirs, and the copy only where the product or producer is gone.


def line_title(line) -> str:
    product = getattr(line, "product", None)
    return product.get_title() if product is not None else line.title


def partner_name(partner) -> str:
    if partner is None:
        return ""
    producer = getattr(partner, "producer", None)
    return producer.name if producer is not None else partner.name


def line_partner(line) -> str:
    partner = getattr(line, "partner", None)
    return partner_name(partner) if partner is not None else line.partner_name


register.filter("line_title", line_title)
register.filter("partner_name", partner_name)
register.filter("line_partner", line_partner)
