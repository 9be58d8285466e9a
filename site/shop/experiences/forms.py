"""The booking form of one slot: how many adults (and children, when they pay less),
a phone number for the host, and notes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class BookingForm(forms.Form):
    adults = forms.IntegerField(label=_("Adults"), min_value=0, max_value=50, initial=2)
    children = forms.IntegerField(
        label=_("Children"), min_value=0, max_value=50, initial=0, required=False
    )
    phone = forms.CharField(
        label=_("Phone (for the host)"),
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    notes = forms.CharField(
        label=_("Notes for the host (diet, mobility, arrival time)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, slot, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slot = slot
        if slot.child_price is None:
            del self.fields["children"]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and (data.get("adults") or 0) + (data.get("children") or 0) < 1
        ):
            raise forms.ValidationError(_("Book at least one seat."))
        return data

    @property
    def seats(self) -> int:
        return self.cleaned_data["adults"] + (self.cleaned_data.get("children") or 0)
