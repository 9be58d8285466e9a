"""The host's slot editor in the dashboard. A producer's staff see only the
experiences their producer hosts (`hosted_by`): another host's experience or slot
answers 404, by URL or by form. Staff of the department see every experience."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import generic

from oscar.core.loading import get_model

from shop.experiences import bookings
from shop.experiences.catalogue import add_slot
from shop.experiences.dates import short_date, time_of_day
from shop.experiences.models import Experience, Slot
from shop.partner import stock

from .forms import SlotForm

StockRecord = get_model("partner", "StockRecord")


def hosted_by(user):
    """The experiences this user may edit the slots of."""
    experiences = Experience.objects.select_related("product", "village_page")
    if user.is_staff:
        return experiences
    return experiences.filter(product__producer__partner__users=user)


def slots_of(user):
    return Slot.objects.filter(experience__in=hosted_by(user))


def booked_seats(slot: Slot) -> int:
    record = slot.stockrecord
    return (record.num_allocated or 0) if record else 0


class ExperienceListView(generic.ListView):
    template_name = "oscar/dashboard/experiences/experience_list.html"
    context_object_name = "experiences"

    def get_queryset(self):
        now = timezone.now()
        return (
            hosted_by(self.request.user)
            .annotate(
                upcoming=Count(
                    "slots",
                    filter=Q(slots__starts_at__gte=now, slots__closed_at__isnull=True),
                )
            )
            .order_by("product__title", "pk")
        )


class ExperienceMixin:
    def get_experience(self) -> Experience:
        return get_object_or_404(hosted_by(self.request.user), pk=self.kwargs["pk"])


class SlotListView(ExperienceMixin, generic.TemplateView):
    template_name = "oscar/dashboard/experiences/slot_list.html"

    def get_context_data(self, **kwargs):
        experience = self.get_experience()
        slots = (
            experience.slots.filter(starts_at__gte=timezone.now())
            .select_related("product")
            .prefetch_related("product__stockrecords")
            .order_by("starts_at", "pk")
        )
        return super().get_context_data(
            experience=experience, slots=list(slots[:200]), **kwargs
        )


class SlotCreateView(ExperienceMixin, generic.FormView):
    template_name = "oscar/dashboard/experiences/slot_form.html"
    form_class = SlotForm

    def dispatch(self, request, *args, **kwargs):
        self.experience = self.get_experience()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(experience=self.experience, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        slot = add_slot(
            self.experience,
            starts_at=data["starts_at"],
            seats=data["seats"],
            price=data["price"],
            duration_minutes=data["duration_minutes"],
            cutoff_hours=data["cutoff_hours"],
            languages=data["languages"],
            child_price=data["child_price"],
            meeting_point=data["meeting_point"],
        )
        messages.success(
            self.request,
            _("Added %(when)s: %(seats)d seats.")
            % {"when": when(slot), "seats": data["seats"]},
        )
        return redirect("dashboard:experience-slots", pk=self.experience.pk)


class SlotUpdateView(generic.FormView):
    template_name = "oscar/dashboard/experiences/slot_form.html"
    form_class = SlotForm

    def dispatch(self, request, *args, **kwargs):
        self.slot = get_object_or_404(
            slots_of(request.user)
            .select_related("experience__product", "product")
            .prefetch_related("product__stockrecords"),
            pk=kwargs["pk"],
        )
        if self.slot.is_closed:
            raise Http404("closed")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "slot": self.slot,
            "booked": booked_seats(self.slot),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            experience=self.slot.experience,
            slot=self.slot,
            booked=booked_seats(self.slot),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        with transaction.atomic():
            # The seats are stock: locked as order placement locks them, so a
            # booking placed meanwhile is counted before the seats change.
            record = stock.lock([self.slot.stockrecord.pk])[self.slot.stockrecord.pk]
            if data["seats"] < (record.num_allocated or 0):
                form.add_error(
                    "seats",
                    _("%(booked)d seats are booked: there cannot be fewer.")
                    % {"booked": record.num_allocated},
                )
                return self.form_invalid(form)
            record.num_in_stock = data["seats"]
            record.price = data["price"]
            record.save(update_fields=["num_in_stock", "price", "date_updated"])
            slot = self.slot
            for name in (
                "starts_at",
                "duration_minutes",
                "cutoff_hours",
                "languages",
                "child_price",
                "meeting_point",
            ):
                setattr(slot, name, data[name])
            slot.save()
            _retitle(slot)
        messages.success(self.request, _("Saved %(when)s.") % {"when": when(slot)})
        return redirect("dashboard:experience-slots", pk=slot.experience_id)


class SlotCloseView(generic.View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        slot = get_object_or_404(slots_of(request.user), pk=pk)
        bookings.close(slot)
        messages.success(
            request,
            _("%(when)s is closed: nobody else can book it.") % {"when": when(slot)},
        )
        return redirect("dashboard:experience-slots", pk=slot.experience_id)


def when(slot: Slot) -> str:
    return f"{short_date(slot.starts_at)} {time_of_day(slot.starts_at)}"


def _retitle(slot: Slot) -> None:
    """The slot's product title carries its date (basket, order, e-mails)."""
    product, parent = slot.product, slot.experience.product
    with translation.override("th"):
        product.title = f"{parent.title} · {when(slot)}"
    if parent.title_en:
        with translation.override("en"):
            product.title_en = f"{parent.title_en} · {when(slot)}"
    product.save(update_fields=["title", "title_en", "date_updated"])
