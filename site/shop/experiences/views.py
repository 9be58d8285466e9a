"""The tourist's side of a booking: the booking page of a slot (the form that puts
seats in the basket) and cancelling within the policy."""

from __future__ import annotations

from django import http
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views import generic

from oscar.core.loading import get_model

from shop.order.notifications import order_status_path

from . import bookings
from .forms import BookingForm
from .models import CHILD, CHILD_OPTION, NOTES_OPTION, PHONE_OPTION, Booking, Slot

Option = get_model("catalogue", "Option")


def may_manage(request, booking: Booking) -> bool:
    """The buyer: signed in as the order's owner, or holding the order's secret link
    (a guest, as for Oscar's anonymous order page)."""
    order = booking.line.order
    if order.user_id:
        return request.user.is_authenticated and request.user.pk == order.user_id
    return constant_time_compare(
        request.POST.get("hash", ""), order.verification_hash()
    )


def order_page(order) -> str:
    return order_status_path(order)


class CancelBookingView(generic.View):
    """POST only: cancel one booking, giving its seats back."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        booking = get_object_or_404(
            Booking.objects.select_related("line__order", "slot__experience"), pk=pk
        )
        if not may_manage(request, booking):
            return http.HttpResponseForbidden(_("This is not your booking."))
        try:
            bookings.cancel(booking)
        except bookings.BookingError as refusal:
            messages.error(request, str(refusal))
            return redirect(order_page(booking.line.order))
        refund = bookings.stripe_refund_of(booking)
        if refund is not None:
            messages.success(
                request,
                _(
                    "Your booking is cancelled: ฿%(amount)s goes back to the card or "
                    "PromptPay account you paid with."
                )
                % {"amount": f"{refund.amount / 100:,.2f}"},
            )
        else:
            messages.success(
                request, _("Your booking is cancelled and its seats are free again.")
            )
        return redirect(order_page(booking.line.order))


class SlotBookingView(generic.FormView):
    """A slot's booking page. Village pages link here with a plain GET (so they stay
    cacheable: no CSRF token on them); this page carries the form, and its POST puts
    the seats in the basket through the partner strategy, as Oscar's basket does."""

    template_name = "experiences/slot_booking.html"
    form_class = BookingForm

    def dispatch(self, request, *args, **kwargs):
        self.slot = get_object_or_404(
            Slot.objects.select_related(
                "experience__product__producer", "experience__village_page", "product"
            ).prefetch_related("product__stockrecords"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "slot": self.slot}

    def get_context_data(self, **kwargs):
        info = self.request.strategy.fetch_for_product(self.slot.product)
        return super().get_context_data(
            slot=self.slot,
            experience=self.slot.experience,
            village=self.slot.experience.village_page.localized,
            purchase_info=info,
            bookable=info.availability.is_available_to_buy,
            **kwargs,
        )

    def form_valid(self, form):
        basket, product = self.request.basket, self.slot.product
        info = basket.strategy.fetch_for_product(product)
        wanted = form.seats + basket.product_quantity(product)
        permitted, reason = info.availability.is_purchase_permitted(wanted)
        if not permitted or not info.price.exists:
            form.add_error(None, reason or info.availability.message)
            response = self.form_invalid(form)
            response.status_code = 409
            return response
        options = {
            o.code: o
            for o in Option.objects.filter(
                code__in=[CHILD_OPTION, PHONE_OPTION, NOTES_OPTION]
            )
        }
        contact = [
            {"option": options[PHONE_OPTION], "value": form.cleaned_data["phone"]}
        ]
        if form.cleaned_data["notes"]:
            contact.append(
                {"option": options[NOTES_OPTION], "value": form.cleaned_data["notes"]}
            )
        if form.cleaned_data["adults"]:
            basket.add_product(product, form.cleaned_data["adults"], contact)
        if form.cleaned_data.get("children"):
            child = [{"option": options[CHILD_OPTION], "value": CHILD}, *contact]
            basket.add_product(product, form.cleaned_data["children"], child)
        messages.success(
            self.request,
            _("%(seats)d seat(s) for %(title)s are in your basket.")
            % {"seats": form.seats, "title": self.slot.experience.title},
        )
        return redirect("basket:summary")


def choose_slot(request):
    """The village page's slot choice (a GET form): on to that slot's booking page."""
    pk = request.GET.get("slot", "")
    if not pk.isdigit():
        return http.HttpResponseBadRequest(_("Choose a date to book."))
    slot = get_object_or_404(Slot, pk=int(pk))
    return redirect("experiences:slot", pk=slot.pk)
