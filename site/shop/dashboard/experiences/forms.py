"""The host's slot form: when, how long, how many seats, at what price, in which
languages, where to meet, and when booking closes."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.experiences.models import Language, Slot


class SlotForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=60 * 24 * 14
    )
    seats = forms.IntegerField(label=_("Seats"), min_value=0, max_value=1000)
    price = forms.DecimalField(
        label=_("Price per person (baht)"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
    )
    child_price = forms.DecimalField(
        label=_("Price per child (baht)"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_("Leave blank when children pay the full price."),
    )
    cutoff_hours = forms.IntegerField(
        label=_("Booking closes (hours before the start)"),
        min_value=0,
        max_value=24 * 14,
        initial=12,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Language.THAI],
    )
    meeting_point = forms.CharField(
        label=_("Meeting point"),
        max_length=255,
        required=False,
        help_text=_("Leave blank to use the experience's meeting point."),
    )

    def __init__(self, *args, slot: Slot | None = None, booked: int = 0, **kwargs):
        self.slot, self.booked = slot, booked
        if slot is not None:
            local = timezone.localtime(slot.starts_at)
            record = slot.stockrecord
            kwargs.setdefault(
                "initial",
                {
                    "date": local.date(),
                    "time": local.time().replace(second=0, microsecond=0),
                    "duration_minutes": slot.duration_minutes,
                    "seats": record.num_in_stock if record else 0,
                    "price": record.price if record else None,
                    "child_price": slot.child_price,
                    "cutoff_hours": slot.cutoff_hours,
                    "languages": slot.language_codes,
                    "meeting_point": slot.meeting_point,
                },
            )
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "languages":
                field.widget.attrs.setdefault("class", "form-control")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        starts_at = timezone.make_aware(datetime.combine(data["date"], data["time"]))
        # The form shows minutes: a slot made elsewhere to the second has not moved.
        moved = self.slot is None or starts_at != self.slot.starts_at.replace(
            second=0, microsecond=0
        )
        data["starts_at"] = starts_at if moved else self.slot.starts_at
        if (
            moved
            and starts_at - timedelta(hours=data["cutoff_hours"]) <= timezone.now()
        ):
            self.add_error("date", _("This date and time have passed their cut-off."))
        if self.slot is not None and self.booked and moved:
            self.add_error(
                "date",
                _(
                    "Tourists have booked this date: close it and add another "
                    "instead of moving it."
                ),
            )
        if data["seats"] < self.booked:
            self.add_error(
                "seats",
                _("%(booked)d seats are booked: there cannot be fewer.")
                % {"booked": self.booked},
            )
        if data.get("child_price") is not None and data["child_price"] > data["price"]:
            self.add_error(
                "child_price", _("A child's price cannot be above the full price.")
            )
        data["languages"] = ",".join(data["languages"])
        return data
