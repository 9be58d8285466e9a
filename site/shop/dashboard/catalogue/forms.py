"""Oscar's product forms, split between the department's staff and producers.

Staff choose a product's producer and may change anything. A producer's staff never
choose the producer (a new product gets theirs), never see the fields that decide
whether a product is listed (public status, product code, SEO), and on a product that
is under review (see producers.models.revisions.needs_review) the title and description
are disabled: Django then ignores whatever is posted for them, so they can only change
through a listing revision.
"""

from django import forms
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403
from oscar.core.loading import get_model
from oscar.forms.widgets import ImageInput

from catalogue.descriptions import clean_description
from catalogue.images import ProductPhotoField
from catalogue.producers.membership import producers_of
from catalogue.producers.models.revisions import CONTENT_FIELDS, needs_review

Producer = get_model("catalogue", "Producer")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

# Fields a producer's staff never edit on the product form.
STAFF_ONLY_FIELDS = (
    "producer",
    "title_rtgs",
    "is_public",
    "upc",
    "is_discountable",
    "slug",
    "meta_title",
    "meta_description",
)


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [
            "producer",
            "title",
            "title_en",
            "title_rtgs",
            "upc",
            "description",
            "description_en",
            "weight_grams",
            "is_public",
            "is_discountable",
            "structure",
            "slug",
            "meta_title",
            "meta_description",
        ]
        widgets = {
            **oscar_forms.ProductForm.Meta.widgets,
            "description_en": oscar_forms.forms.Textarea(attrs={"class": "wysiwyg"}),
        }

    def __init__(self, product_class, *args, user=None, **kwargs):
        self.user = user
        super().__init__(product_class, *args, **kwargs)
        if "producer" in self.fields:
            self.fields["producer"].queryset = Producer.objects.order_by("name_th")
        if self.instance.pk is not None or self.instance.parent_id:
            # A product never moves to another producer; a variant has its parent's.
            self.fields.pop("producer", None)
        if user is not None and not user.is_staff:
            self._narrow_for_producer(user)

    def _narrow_for_producer(self, user) -> None:
        for name in STAFF_ONLY_FIELDS:
            self.fields.pop(name, None)
        if self.instance.pk is None and not self.instance.parent_id:
            own = list(producers_of(user))
            if len(own) == 1:
                self.instance.producer = own[0]
            else:
                self.fields["producer"] = forms.ModelChoiceField(
                    queryset=producers_of(user), label=_("producer")
                )
        if needs_review(self.instance):
            for name in CONTENT_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    # Shown as it is stored, without the rich text editor.
                    self.fields[name].widget.attrs["class"] = "no-widget-init"
                    self.fields[name].help_text = _(
                        "Changes to the title and description go through “Propose a "
                        "change” and appear in the shop once staff approve them."
                    )

    def clean_description(self) -> str:
        return self._clean_producer_text("description")

    def clean_description_en(self) -> str:
        return self._clean_producer_text("description_en")

    def _clean_producer_text(self, name: str) -> str:
        text = self.cleaned_data.get(name, "")
        if (
            self.user is None
            or self.user.is_staff
            or text == getattr(self.instance, name)
        ):
            return text
        return clean_description(text)

    def delete_non_child_fields(self):
        super().delete_non_child_fields()
        self.fields.pop("description_en", None)


class StockRecordForm(oscar_forms.StockRecordForm):
    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        if not user.is_staff and "partner" in self.fields:
            partners = self.fields["partner"].queryset
            if len(partners) == 1:
                # Nothing to choose: the producer's own partner.
                self.fields["partner"].widget = forms.HiddenInput()
                self.fields["partner"].initial = partners[0]

    def clean(self):
        """Stock may not drop below what orders already hold. Oscar's form saves the
        whole row, num_allocated included, as it was read when the form was built: an
        order placed meanwhile lost its allocation, and stock set below the held
        units broke the database's check (a 500), both found by benchmarks/soak.py.
        The row is locked here until the request's transaction ends, so what is
        checked is what is saved, and orders wait for the edit (they lock it too)."""
        cleaned = super().clean()
        in_stock = cleaned.get("num_in_stock")
        if self.instance.pk is None or in_stock is None:
            return cleaned
        rows = StockRecord.objects.filter(pk=self.instance.pk)
        if connection.in_atomic_block:
            rows = rows.select_for_update()
        held = rows.values_list("num_allocated", flat=True).first() or 0
        self.instance.num_allocated = held
        if in_stock < held:
            self.add_error(
                "num_in_stock",
                _("At least %(held)s: that many are held for orders not yet shipped.")
                % {"held": held},
            )
        return cleaned


class StoredImageInput(ImageInput):
    """Oscar's image widget, previewing only photos already stored.

    Oscar's widget thumbnails any upload that is not held in memory, so a form sent
    back with an error would hand a refused (perhaps hostile) upload to the thumbnailer.
    """

    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        if not isinstance(value, FieldFile):
            ctx["image_url"] = ""
        return ctx


class ProductImageForm(oscar_forms.ProductImageForm):
    original = ProductPhotoField(label=_("Original"), widget=StoredImageInput())
