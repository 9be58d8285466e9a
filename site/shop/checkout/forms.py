"""Checkout forms: a Thai delivery address and the choice of payment method."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oscar.apps.checkout.forms import *  # noqa: F403  (Oscar's other checkout forms)
from oscar.apps.checkout.forms import GatewayForm as OscarGatewayForm

import phonenumbers
from phonenumber_field.phonenumber import PhoneNumber

from places.address import (
    PlaceChoiceField,
    districts_of,
    label,
    normalize_postcode,
    provinces,
    tambons_of,
)
from places.models import District, Province, Tambon

from .payment_methods import available_methods

BANGKOK = "10"


class GatewayForm(OscarGatewayForm):
    """Oscar's "who are you?" form. The password is only needed by returning
    customers, so the browser must not demand it (without JavaScript, its `required`
    attribute blocked guests); the server still checks what each option needs."""

    use_required_attribute = False


class ThaiPhoneNumberField(forms.CharField):
    """A Thai mobile or landline number, in any usual spelling (081-234-5678,
    02 123 4567, +66 81 234 5678)."""

    default_error_messages = {
        "invalid": _("Enter a Thai phone number, e.g. 081 234 5678 or 02 123 4567."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            number = phonenumbers.parse(value, "TH")
        except phonenumbers.NumberParseException:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        if not phonenumbers.is_valid_number_for_region(number, "TH"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return PhoneNumber.from_string(value, region="TH")


class ThaiAddressForm(forms.Form):
    """A delivery address in Thailand: province → district → subdistrict (tambon)
    from the official geography, the postcode checked against the tambon.

    Without JavaScript the buyer picks the province, presses "update lists", then the
    district, and so on; the server narrows each list to the previous choice and
    validates the combination, whatever was posted."""

    first_name = forms.CharField(label=_("First name"), max_length=255)
    last_name = forms.CharField(label=_("Last name"), max_length=255)
    phone_number = ThaiPhoneNumberField(
        label=_("Phone"),
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    line1 = forms.CharField(
        label=_("House number, village (moo), soi, road"), max_length=255
    )
    province = PlaceChoiceField(
        label=_("Province"), queryset=Province.objects.none(), to_field_name="code"
    )
    district = PlaceChoiceField(
        label=_("District"), queryset=District.objects.none(), to_field_name="code"
    )
    tambon = PlaceChoiceField(
        label=_("Subdistrict"), queryset=Tambon.objects.none(), to_field_name="code"
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        # Room for "10 200" or Thai digits with spaces: normalised in clean().
        max_length=16,
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
        ),
    )
    # Offered when the postcode is not one we know for the subdistrict: the buyer may
    # know better than our data (a new post office, a data error).
    postcode_confirmed = forms.BooleanField(
        label=_("This postcode is right: use it as I typed it"), required=False
    )
    notes = forms.CharField(
        label=_("Delivery instructions"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        province, district = self._chosen("province"), self._chosen("district")
        self.fields["province"].queryset = provinces()
        self.fields["district"].queryset = districts_of(province)
        self.fields["tambon"].queryset = tambons_of(district, province)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
        # Hooks for the optional script that refreshes the lists as the buyer chooses.
        self.fields["province"].widget.attrs["data-thai-address"] = "province"
        self.fields["district"].widget.attrs["data-thai-address"] = "district"
        self.fields["tambon"].widget.attrs["data-thai-address"] = "tambon"
        self.fields["postcode"].widget.attrs["data-thai-address"] = "postcode"

    def _chosen(self, name: str) -> str | None:
        value = self.data.get(self.add_prefix(name)) if self.is_bound else None
        if value is None:
            value = self.initial.get(name)
        return getattr(value, "pk", value) or None

    @property
    def is_complete_choice(self) -> bool:
        """Whether every level of the address has a choice (else: show the next list)."""
        return all(self._chosen(name) for name in ("province", "district", "tambon"))

    def clean(self):
        data = super().clean()
        tambon = data.get("tambon")
        if tambon is None:
            return data
        postcodes = list(tambon.postcodes)
        postcode = normalize_postcode(data.get("postcode") or "")
        if not postcode and len(postcodes) == 1:
            postcode = postcodes[0]
        self.unknown_postcode = False
        if not postcode:
            self.add_error(
                "postcode",
                _("Choose the postcode of this subdistrict: %(codes)s.")
                % {"codes": ", ".join(postcodes)},
            )
        elif not (len(postcode) == 5 and postcode.isdigit()):
            self.add_error(
                "postcode", _("A postcode has five digits, for example 10200.")
            )
        elif postcode not in postcodes and not data.get("postcode_confirmed"):
            self.unknown_postcode = True
            self.add_error(
                "postcode",
                _(
                    "%(postcode)s is not a postcode we know for %(tambon)s (we know "
                    "%(codes)s). Check it, or tick the box below if it is right."
                )
                % {
                    "postcode": postcode,
                    "tambon": label(tambon),
                    "codes": ", ".join(postcodes),
                },
            )
        data["postcode"] = postcode
        return data

    def address_fields(self) -> dict:
        """The fields of Oscar's ShippingAddress, written the Thai way: the tambon,
        district and province in Thai (as Thailand Post reads them)."""
        data = self.cleaned_data
        tambon, district, province = data["tambon"], data["district"], data["province"]
        bangkok = province.code == BANGKOK
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone_number": data["phone_number"],
            "line1": data["line1"],
            "line3": ("แขวง" if bangkok else "ตำบล") + tambon.name_th,
            "line4": district.name_th if bangkok else "อำเภอ" + district.name_th,
            "state": province.name_th,
            "postcode": data["postcode"],
            "country_id": "TH",
            "notes": data["notes"],
        }

    def choice_fields(self) -> dict:
        """What to keep in the session to show this form again as it was filled in."""
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone_number": data["phone_number"].as_national,
            "line1": data["line1"],
            "province": data["province"].code,
            "district": data["district"].code,
            "tambon": data["tambon"].code,
            "postcode": data["postcode"],
            "postcode_confirmed": bool(data.get("postcode_confirmed")),
            "notes": data["notes"],
        }


class PaymentMethodForm(forms.Form):
    """How the buyer pays: cash on delivery (or paying the host on arrival, when
    nothing is delivered) always; card and PromptPay through Stripe when the site has
    Stripe keys."""

    method = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect)

    def __init__(self, *args, by_courier: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [
            (method.code, method.label) for method in available_methods(by_courier)
        ]
