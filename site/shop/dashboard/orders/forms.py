from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F403


class ProducerOrderSearchForm(oscar_forms.OrderSearchForm):
    """Search a producer's orders by number, date and its own items only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "status", "voucher", "payment_method"):
            del self.fields[name]
