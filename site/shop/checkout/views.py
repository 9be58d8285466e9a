"""Checkout: Thai address, shipping per producer, cash on delivery or Stripe Checkout.

Oscar's flow (gateway → address → shipping → payment → preview → thank you) with
its steps specialised; everything that decides an order's fate lives in the order,
partner and payment apps.
"""

from __future__ import annotations

import logging

from django import http
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import generic

from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.core.loading import get_class, get_model

import stripe

from places.models import Tambon
from shop.experiences.bookings import bookings_of
from shop.order import statuses
from shop.order.utils import NotEligible
from shop.partner.stock import OutOfStock
from shop.payment import stripe_checkout
from shop.payment.stripe_models import StripeCheckout
from shop.shipping.methods import VILLAGE_PICKUP
from shop.shipping.parcels import parcels

from .forms import PaymentMethodForm, ThaiAddressForm
from .mixins import OrderPlacementMixin
from .payment_methods import (
    CASH_ON_DELIVERY,
    PAY_ON_ARRIVAL,
    STRIPE,
    available_methods,
    method_for,
)

CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
Country = get_model("address", "Country")
Order = get_model("order", "Order")

logger = logging.getLogger("otop.checkout")

IndexView = oscar_views.IndexView
UserAddressUpdateView = oscar_views.UserAddressUpdateView
UserAddressDeleteView = oscar_views.UserAddressDeleteView


class PaymentChoiceMixin:
    """What the buyer may pay with depends on whether anything travels by courier."""

    def by_courier(self) -> bool:
        basket = self.request.basket
        if not basket.is_shipping_required():
            return False
        if self.checkout_session.shipping_method_code(basket) != VILLAGE_PICKUP:
            return True
        method = self.get_shipping_method(basket, self.get_shipping_address(basket))
        return not (method and method.collects_everything(basket))

    def chosen_method(self):
        return method_for(self.checkout_session.payment_method(), self.by_courier())


def thailand():
    """Oscar's addresses need a Country row; this shop ships within Thailand only."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="TH",
        defaults={
            "iso_3166_1_a3": "THA",
            "iso_3166_1_numeric": "764",
            "printable_name": "Thailand",
            "name": "Kingdom of Thailand",
            "is_shipping_country": True,
        },
    )
    return country


class ShippingAddressView(oscar_views.ShippingAddressView):
    """The delivery address, chosen from Thailand's own geography.

    Posting with action=refresh narrows the district and subdistrict lists to what
    was chosen so far (the no-JavaScript way); any other post validates the lot."""

    form_class = ThaiAddressForm
    template_name = "oscar/checkout/shipping_address.html"

    def get_initial(self):
        return dict(self.checkout_session._get("shipping", "thai_address") or {})

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "refresh" and "address_id" not in request.POST:
            form = self.form_class(initial=self._chosen_so_far(request.POST))
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def _chosen_so_far(self, post) -> dict:
        initial = {name: post.get(name, "") for name in self.form_class.base_fields}
        tambon = Tambon.objects.filter(
            code=initial["tambon"], district_id=initial["district"]
        ).first()
        if tambon and not initial["postcode"] and len(tambon.postcodes) == 1:
            initial["postcode"] = tambon.postcodes[0]
        return initial

    def form_valid(self, form):
        thailand()
        self.checkout_session.ship_to_new_address(form.address_fields())
        self.checkout_session._set("shipping", "thai_address", form.choice_fields())
        return redirect(self.get_success_url())


class ShippingMethodView(oscar_views.ShippingMethodView):
    """Each method priced per producer parcel, with the parcels shown."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        basket = self.request.basket
        ctx["quotes"] = [
            {
                "method": method,
                "parcels": parcels(basket, method),
                "charge": method.calculate(basket),
            }
            for method in self._methods
        ]
        return ctx


class PaymentMethodView(
    PaymentChoiceMixin, oscar_views.PaymentMethodView, generic.FormView
):
    """Cash on delivery (or the host on arrival), or card / PromptPay on Stripe's
    page when configured."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    success_url = reverse_lazy("checkout:preview")

    def get(self, request, *args, **kwargs):
        return generic.FormView.get(self, request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return generic.FormView.post(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            methods=available_methods(self.by_courier()), **kwargs
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "by_courier": self.by_courier()}

    def get_initial(self):
        later = CASH_ON_DELIVERY if self.by_courier() else PAY_ON_ARRIVAL
        return {"method": (self.chosen_method() or later).code}

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect(self.get_success_url())

    def get_success_url(self):
        return str(self.success_url)


class PaymentDetailsView(PaymentChoiceMixin, oscar_views.PaymentDetailsView):
    """The order preview, and placing the order (Oscar's view already mixes in our
    OrderPlacementMixin, which its `get_class` finds in this fork).

    Not wrapped in the request's transaction: the order is committed (its stock held)
    before Stripe is called, so that a slow or failing Stripe never holds stock locks
    and never takes an order down with it."""

    @classmethod
    def as_view(cls, **initkwargs):
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def get_pre_conditions(self, request):
        return [*super().get_pre_conditions(request), "check_payment_method_is_chosen"]

    def get_skip_conditions(self, request):
        return []

    def check_payment_method_is_chosen(self, request):
        if self.chosen_method() is None:
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose how you would like to pay."),
            )

    def check_payment_data_is_captured(self, request):
        self.check_payment_method_is_chosen(request)

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:payment-method")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        method = ctx.get("shipping_method")
        ctx["parcels"] = parcels(self.request.basket, method) if method else []
        ctx["payment_method"] = self.chosen_method()
        return ctx

    def handle_payment_details_submission(self, request):
        return redirect("checkout:preview")

    def submit(self, **submission):
        method = self.chosen_method()
        if method is None:
            return redirect("checkout:payment-method")
        submission["order_kwargs"] = submission.get("order_kwargs") or {}
        try:
            order, created = self.place_order_once(method, submission)
        except NotEligible as refusal:
            logger.info(
                "Basket %s: ineligible line at placement", submission["basket"].pk
            )
            response = self.render_preview(self.request, error=str(refusal))
            response.status_code = 409
            return response
        except OutOfStock as shortage:
            logger.info("Basket %s: out of stock at placement", submission["basket"].pk)
            response = self.render_preview(
                self.request,
                error=shortage.message
                if shortage.shortages
                else _("Sorry, one of these products has just sold out."),
            )
            response.status_code = 409
            return response
        self.request.session["checkout_order_id"] = order.id
        if created:
            logger.info("Order %s placed (%s)", order.number, method.code)
        if order.status == statuses.PENDING_PAYMENT:
            self.checkout_session.set_submitted_basket(submission["basket"])
            return self.redirect_to_stripe(order)
        return self.handle_successful_order(order)

    def redirect_to_stripe(self, order):
        success_url = self.request.build_absolute_uri(reverse("checkout:thank-you"))
        cancel_url = self.request.build_absolute_uri(reverse("checkout:stripe-cancel"))
        try:
            checkout = stripe_checkout.open_session(order, success_url, cancel_url)
        except stripe.StripeError:
            logger.exception(
                "Order %s: Stripe session could not be created", order.number
            )
            try:
                stripe_checkout.cancel_open(order)
            except stripe.StripeError:
                logger.exception("Order %s: left for the reconciliation", order.number)
            self.restore_frozen_basket()
            messages.error(
                self.request,
                _(
                    "Card and PromptPay payments are unavailable right now and nothing "
                    "was charged. Please try again, or choose cash on delivery."
                ),
            )
            return redirect("checkout:payment-method")
        if checkout.status != StripeCheckout.Status.OPEN or not checkout.url:
            return redirect("checkout:thank-you")
        logger.info("Order %s: to Stripe session %s", order.number, checkout.session_id)
        return http.HttpResponseRedirect(checkout.url, status=303)


class ThankYouView(oscar_views.ThankYouView):
    """The order as placed, per producer; for Stripe, whether the payment is through."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        order = getattr(self, "object", None)
        if order is not None and order.status != statuses.PENDING_PAYMENT:
            # The checkout is over: the next one starts from a clean slate. (A pending
            # Stripe order keeps it, in case the buyer comes back to pay otherwise.)
            CheckoutSessionData(request).flush()
        return response

    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        order = ctx["order"]
        shipments = list(order.shipments.select_related("partner__producer"))
        # Each line is shown by its product's title, in the page's language.
        lines = list(order.lines.select_related("product__parent").order_by("pk"))
        for shipment in shipments:  # one query for all lines, whatever the producers
            shipment.order_lines = [
                x for x in lines if x.partner_id == shipment.partner_id
            ]
        ctx["shipments"] = shipments
        ctx["stripe_checkout"] = StripeCheckout.objects.filter(order=order).first()
        paid_later = set(order.sources.values_list("source_type__code", flat=True))
        ctx["cash_on_delivery"] = CASH_ON_DELIVERY.code in paid_later
        ctx["pay_on_arrival"] = PAY_ON_ARRIVAL.code in paid_later
        ctx["bookings"] = bookings_of(order)
        return ctx


class StripeCancelView(OrderPlacementMixin, generic.TemplateView):
    """Where Stripe's "back" link leads: pay after all, or choose another way to pay
    (which closes the Stripe session first, then gives the stock back)."""

    template_name = "oscar/checkout/stripe_cancel.html"

    @classmethod
    def as_view(cls, **initkwargs):
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def dispatch(self, request, *args, **kwargs):
        self.checkout_session = CheckoutSessionData(request)
        self.order = Order.objects.filter(
            pk=request.session.get("checkout_order_id"), status=statuses.PENDING_PAYMENT
        ).first()
        if self.order is None:
            return redirect("checkout:thank-you")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["order"] = self.order
        ctx["stripe_checkout"] = StripeCheckout.objects.filter(order=self.order).first()
        ctx["method"] = STRIPE
        return ctx

    def post(self, request, *args, **kwargs):
        if not stripe_checkout.cancel_open(self.order):
            return redirect("checkout:thank-you")  # it was paid after all
        self.restore_frozen_basket()
        messages.info(
            request,
            _("Your card or PromptPay payment was cancelled; choose how to pay."),
        )
        return redirect("checkout:payment-method")
