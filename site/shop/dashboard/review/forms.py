from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oscar.core.loading import get_model

from catalogue.certificates import Certificate
from catalogue.descriptions import clean_description
from catalogue.images import ProductPhotoField
from catalogue.producers.models import ListingRevision, ListingRevisionPhoto
from catalogue.producers.models.revisions import CONTENT_FIELDS
from catalogue.producers.ratings import common_era, selection_years
from catalogue.register import Producer
from catalogue.scans import CertificateScanField

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

MAX_NEW_PHOTOS = 6


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(ProductPhotoField):
    """Several photo uploads in one field; each is checked and processed on its own,
    and each refusal is reported with the file's name."""

    def __init__(self, *args, max_files: int = MAX_NEW_PHOTOS, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultiplePhotoInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [
            d for d in (data if isinstance(data, (list, tuple)) else [data]) if d
        ]
        if len(uploads) > self.max_files:
            raise ValidationError(
                _("At most %(n)s photos at a time."), params={"n": self.max_files}
            )
        photos, errors = [], []
        for upload in uploads:
            try:
                photos.append(super().clean(upload, initial))
            except ValidationError as exc:
                errors.extend(f"{upload.name}: {message}" for message in exc.messages)
        if errors:
            raise ValidationError(errors)
        return photos


class PhotoChoiceField(forms.ModelMultipleChoiceField):
    """Photos to tick; the template shows each as a thumbnail."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        # As strings, bound or not, so a template can tell which boxes are ticked.
        prepared = super().prepare_value(value)
        if isinstance(prepared, (list, tuple)):
            return [str(pk) for pk in prepared]
        return prepared


class ListingRevisionForm(forms.ModelForm):
    """A producer's proposed title, description, categories and photos for a product."""

    removed_images = PhotoChoiceField(
        queryset=None, required=False, label=_("Take these photos down")
    )
    dropped_photos = PhotoChoiceField(
        queryset=None, required=False, label=_("Drop these proposed photos")
    )
    new_photos = MultiplePhotoField(
        label=_("Add photos"),
        help_text=_("JPEG, PNG or WebP, up to 10 MB and 40 megapixels each."),
    )

    class Meta:
        model = ListingRevision
        fields = [*CONTENT_FIELDS, "categories", "removed_images"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8}),
            "description_en": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        revision, product = self.instance, self.instance.product
        if product.is_child:
            del self.fields["categories"]
            del self.fields["description"], self.fields["description_en"]
        else:
            self.fields["categories"].queryset = Category.objects.order_by("path")
            self.fields["categories"].required = True
            if revision.pk is None:
                self.initial["categories"] = list(product.categories.all())
        self.fields["removed_images"].queryset = product.images.all()
        if revision.pk is None:
            del self.fields["dropped_photos"]
        else:
            self.fields["dropped_photos"].queryset = revision.new_photos.all()

    def clean_description(self) -> str:
        return self._clean_text("description")

    def clean_description_en(self) -> str:
        return self._clean_text("description_en")

    def _clean_text(self, name: str) -> str:
        text = self.cleaned_data[name]
        # What the shop already shows was vetted; only new text is cleaned.
        if text == getattr(self.instance.product, name):
            return text
        return clean_description(text)

    def clean(self):
        data = super().clean()
        product = self.instance.product
        unchanged_text = all(
            data.get(name, getattr(product, name)) == getattr(product, name)
            for name in CONTENT_FIELDS
        )
        unchanged_categories = "categories" not in data or set(
            data["categories"]
        ) == set(product.categories.all())
        kept_photos = (
            self.instance.pk
            and self.instance.new_photos.exclude(
                pk__in=[p.pk for p in data.get("dropped_photos", [])]
            ).exists()
        )
        proposed_certificates = self.instance.pk and self.instance.certificates.exists()
        if (
            unchanged_text
            and unchanged_categories
            and not data.get("removed_images")
            and not data.get("new_photos")
            and not kept_photos
            and not proposed_certificates
        ):
            raise ValidationError(
                _("Nothing is different from what the shop shows now.")
            )
        return data

    def save(self, commit: bool = True) -> ListingRevision:
        revision = super().save()
        for photo in self.cleaned_data.get("dropped_photos") or []:
            photo.original.delete(save=False)
            photo.delete()
        order = revision.new_photos.count()
        for position, content in enumerate(
            self.cleaned_data["new_photos"], start=order
        ):
            ListingRevisionPhoto.objects.create(
                revision=revision, original=content, display_order=position
            )
        return revision


class DecisionForm(forms.Form):
    """Approve, or reject with a reason the producer or applicant will read."""

    reason = forms.CharField(
        label=_("Reason (required to reject)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ApplicationApprovalForm(forms.Form):
    registration_number = forms.CharField(label=_("Registration number"), max_length=32)
    expires_on = forms.DateField(
        label=_("Registration expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_registration_number(self) -> str:
        number = self.cleaned_data["registration_number"].strip()
        if Producer.objects.filter(registration_number=number).exists():
            raise ValidationError(
                _("This registration number is already in the register.")
            )
        return number


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Producer
        fields = ["status", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"})}


class RatingForm(forms.Form):
    """Stars for one product or a whole selection round."""

    products = forms.ModelMultipleChoiceField(
        queryset=Product.objects.filter(parent__isnull=True),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Select at least one product.")},
    )
    stars = forms.TypedChoiceField(
        label=_("Stars"), coerce=int, choices=[(n, "★" * n) for n in range(1, 6)]
    )
    year = forms.IntegerField(
        label=_("Selection year"), help_text=_("B.E. (2568) or C.E. (2025)")
    )

    def clean_year(self) -> int:
        year = common_era(self.cleaned_data["year"])
        if year not in selection_years():
            raise ValidationError(_("OPC selections began in 2003 (B.E. 2546)."))
        return year


class OpcFileForm(forms.Form):
    file = forms.FileField(
        label=_("OPC results (CSV)"),
        help_text=_("The same columns as `import_registry --opc`."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload


class CertificateForm(forms.ModelForm):
    """A certificate a producer proposes (or staff record) for a product, or for all
    of the producer's products."""

    FOR_PRODUCT, FOR_PRODUCER = "product", "producer"

    applies_to = forms.ChoiceField(
        label=_("Applies to"),
        choices=[
            (FOR_PRODUCT, _("this product")),
            (FOR_PRODUCER, _("all of our products")),
        ],
        initial=FOR_PRODUCT,
        widget=forms.RadioSelect,
    )
    scan = CertificateScanField(
        label=_("Scan of the certificate"),
        help_text=_("PDF, JPEG, PNG or WebP, up to 10 MB."),
    )

    class Meta:
        model = Certificate
        fields = ["kind", "number", "issuer", "issued_on", "expires_on", "scan"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("The expiry date is before the issue date."))
        if expires and expires < timezone.localdate():
            self.add_error("expires_on", _("This certificate has already expired."))
        return data


class CertificateFileForm(forms.Form):
    file = forms.FileField(
        label=_("Certificates (CSV)"),
        help_text=_("The same columns as `import_registry --certificates`."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload
