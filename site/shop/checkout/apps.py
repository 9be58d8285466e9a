from django.urls import path

import oscar.apps.checkout.apps as apps
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def ready(self):
        super().ready()
        # The address lists belong to places; checkout serves them at its own URL.
        from places.views import AddressOptionsView

        self.thai_address_options_view = AddressOptionsView
        self.stripe_cancel_view = get_class("checkout.views", "StripeCancelView")

    def get_urls(self):
        urls = [
            path(
                "address-options/",
                self.thai_address_options_view.as_view(),
                name="thai-address-options",
            ),
            path(
                "stripe/cancel/",
                self.stripe_cancel_view.as_view(),
                name="stripe-cancel",
            ),
        ]
        return super().get_urls() + self.post_process_urls(urls)
