from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F403


class ProducerOrderSearchForm(oscar_forms.OrderSearchForm):
    """Search a producer's orders by number, date and its own items only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "status", "voucher", "payment_method"):
            del self.fields[name]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    """Oscar's order search, with the statuses named in the visitor's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from shop.labels import label

        self.fields["status"].choices = [
            (value, label(value) if value else text)
            for value, text in self.fields["status"].choices
        ]


class OrderStatusForm(oscar_forms.OrderStatusForm):
    """Oscar's status change, with the statuses named in the visitor's language."""

    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        from shop.labels import label

        self.fields["new_status"].choices = [
            (value, label(value)) for value, _text in self.fields["new_status"].choices
        ]
