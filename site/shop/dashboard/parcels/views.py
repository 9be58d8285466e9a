"""The producer's side of an order: the parcels it must send (its own lines only),
and the steps it takes: accept, ship with a tracking number, delivered."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from shop.order.shipments import Courier, ProducerShipment, ShipmentTransitionError


def shipments_of(user):
    """The parcels the producers this user works for have to send (their partner's
    users); bookings of village experiences alone never travel (the host follows
    them at experiences/host/)."""
    return (
        ProducerShipment.objects.to_send()
        .filter(partner__users=user)
        .exclude(status=ProducerShipment.Status.AWAITING_PAYMENT)
        .select_related("order__shipping_address", "partner")
        .order_by("-order__date_placed")
    )


class ShipForm(forms.Form):
    courier = forms.ChoiceField(
        label=_("Courier"), choices=[("", "—"), *Courier.choices]
    )
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=64)


class ShipmentListView(LoginRequiredMixin, generic.ListView):
    template_name = "oscar/order/producer_shipments.html"
    context_object_name = "shipments"
    paginate_by = 50

    def get_queryset(self):
        return shipments_of(self.request.user)


class ShipmentDetailView(LoginRequiredMixin, generic.DetailView):
    template_name = "oscar/order/producer_shipment.html"
    context_object_name = "shipment"

    def get_queryset(self):
        return shipments_of(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            ship_form=kwargs.pop("ship_form", ShipForm()), **kwargs
        )

    def post(self, request, *args, **kwargs):
        self.object = shipment = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        action = request.POST.get("action")
        try:
            if action == "accept":
                shipment.accept()
            elif action == "ship":
                form = ShipForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(
                        self.get_context_data(ship_form=form)
                    )
                shipment.ship(
                    form.cleaned_data["tracking_number"], form.cleaned_data["courier"]
                )
            elif action == "deliver":
                shipment.deliver()
            else:
                return redirect(request.path)
        except ShipmentTransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Parcel: %(status)s.") % {"status": shipment.get_status_display()},
            )
        return redirect(request.path)
