"""Oscar's partner models; a stock record may never promise more than it holds.

Custom models are declared above Oscar's import so that Oscar skips its own versions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord


class Partner(AbstractPartner):
    """A producer's selling account; named as its producer, in the visitor's language."""

    class Meta(AbstractPartner.Meta):
        pass

    def __str__(self) -> str:
        # `name` is the producer's Thai name, copied when the producer was created.
        producer = getattr(self, "producer", None)
        return producer.name if producer is not None else super().__str__()


class StockRecord(AbstractStockRecord):
    """A producer's price and stock for one product."""

    class Meta(AbstractStockRecord.Meta):
        constraints = [
            # The last line of defence against overselling: whatever the code does,
            # the database refuses an allocation beyond the stock on hand.
            models.CheckConstraint(
                condition=models.Q(num_allocated__lte=models.F("num_in_stock")),
                name="stock_allocated_within_stock",
                violation_error_message=_("More units allocated than in stock."),
            ),
            models.CheckConstraint(
                condition=models.Q(num_allocated__gte=0),
                name="stock_allocated_not_negative",
            ),
        ]


from oscar.apps.partner.models import *  # noqa: E402,F403
