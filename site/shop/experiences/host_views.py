"""The host's side: its bookings by date (participants, contact, notes), who came,
and closing a slot. A host is a producer; its staff are its partner's users, as for
parcels. Everything is narrowed to the slots of the user's own producers: another
host's slot or booking answers 404."""

from __future__ import annotations

from datetime import timedelta

from django import http
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views import generic

from . import bookings
from .models import Booking, Slot

# Past slots stay on the list this long, so that attendance can be recorded.
RECENT = timedelta(days=7)


def slots_of(user):
    """Slots of the experiences hosted by the producers this user works for."""
    return Slot.objects.filter(experience__product__producer__partner__users=user)


def bookings_of(user):
    return Booking.objects.filter(
        slot__experience__product__producer__partner__users=user
    )


class HostBookingsView(LoginRequiredMixin, generic.TemplateView):
    template_name = "experiences/host_bookings.html"

    def get_context_data(self, **kwargs):
        day = parse_date(self.request.GET.get("date", "") or "")
        slots = slots_of(self.request.user)
        if day is not None:
            slots = slots.filter(starts_at__date=day)
        else:
            slots = slots.filter(starts_at__gte=timezone.now() - RECENT)
        # The bookings of orders still standing (an unpaid Stripe order that expired
        # gave its seats back), each with its order for the contact.
        standing = (
            Booking.objects.exclude(line__order__status="Cancelled")
            .select_related("line__order__shipping_address")
            .order_by("pk")
        )
        slots = (
            slots.select_related("experience__product", "product")
            .prefetch_related(
                "product__stockrecords", Prefetch("bookings", queryset=standing)
            )
            .order_by("starts_at", "pk")
        )
        return super().get_context_data(
            slots=list(slots[:200]),
            day=day,
            statuses=Booking.Status,
            **kwargs,
        )


class BookingAttendanceView(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        booking = get_object_or_404(bookings_of(request.user), pk=pk)
        try:
            bookings.mark(booking, request.POST.get("status", ""))
        except bookings.BookingError as refusal:
            return http.HttpResponseBadRequest(str(refusal))
        messages.success(request, _("Attendance recorded."))
        return redirect("experiences:host")


class CloseSlotView(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        slot = get_object_or_404(slots_of(request.user), pk=pk)
        bookings.close(slot)
        messages.success(request, _("This date is closed: nobody else can book it."))
        return redirect("experiences:host")
