"""Oscar's order models, with our status pipeline and per-producer shipments.

Custom models are declared above Oscar's import so that Oscar skips its own versions.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oscar.apps.order.abstract_models import AbstractOrder

from . import statuses
from .settlement import ParcelRefund, SettlementPayment  # noqa: F401  (models of this app)
from .shipments import ProducerShipment  # noqa: F401  (a model of this app)


class Order(AbstractOrder):
    """A customer's order: one payment, one or more producers' shipments."""

    pipeline = statuses.PIPELINE
    # The buyer's language at checkout: their e-mails are written in it.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta(AbstractOrder.Meta):
        pass

    @property
    def status_label(self) -> str:
        return str(statuses.LABELS.get(self.status, self.status))

    @property
    def is_awaiting_payment(self) -> bool:
        return self.status == statuses.PENDING_PAYMENT


from oscar.apps.order.models import *  # noqa: E402,F403
