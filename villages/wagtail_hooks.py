"""Wagtail admin: searchable choosers for the register's producers, the listed
products and the 7,436 tambons (a plain <select> of them would be unusable); the
village experiences, which editors attach to village pages."""

from functools import reduce
from operator import or_

from django import forms
from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from shop.experiences.models import Experience


def name_search_form(*fields: str) -> type[BaseFilterForm]:
    """A chooser filter form searching the given fields (these models are not in
    Wagtail's search index)."""

    class NameSearchForm(BaseFilterForm):
        q = forms.CharField(
            label=_("Search term"),
            widget=forms.TextInput(attrs={"placeholder": _("Search")}),
            required=False,
        )

        def filter(self, objects):
            if query := self.cleaned_data.get("q", "").strip():
                objects = objects.filter(
                    reduce(or_, (Q(**{f"{f}__icontains": query}) for f in fields))
                )
                self.is_searching, self.search_query = True, query
            return objects

    return NameSearchForm


class SearchableChooserViewSet(ChooserViewSet):
    """A chooser whose search box looks in `search_fields`."""

    search_fields: tuple[str, ...] = ()

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def construct_view(self, view_class, **kwargs):
        if hasattr(view_class, "filter_form_class"):
            kwargs.setdefault(
                "filter_form_class", name_search_form(*self.search_fields)
            )
        return super().construct_view(view_class, **kwargs)


class ProducerChooserViewSet(SearchableChooserViewSet):
    model = "catalogue.Producer"
    icon = "group"
    choose_one_text = _("Choose a producer")
    choose_another_text = _("Choose another producer")
    url_prefix = "otop-producer-chooser"
    per_page = 30
    search_fields = ("name_th", "name_en", "registration_number")

    def get_object_list(self):
        return self.model_class.objects.select_related("tambon__district__province")


class ProductChooserViewSet(SearchableChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    url_prefix = "otop-product-chooser"
    per_page = 30
    search_fields = ("title", "title_en", "upc")

    def get_object_list(self):
        # Only products that may be listed can be featured.
        return self.model_class.objects.browsable().select_related("producer")


class TambonChooserViewSet(SearchableChooserViewSet):
    model = "places.Tambon"
    icon = "site"
    choose_one_text = _("Choose a tambon")
    choose_another_text = _("Choose another tambon")
    url_prefix = "otop-tambon-chooser"
    per_page = 30
    search_fields = ("name_th", "name_en", "code", "district__name_th")

    def get_object_list(self):
        return self.model_class.objects.select_related("district__province")


producer_chooser_viewset = ProducerChooserViewSet("otop_producer_chooser")
product_chooser_viewset = ProductChooserViewSet("otop_product_chooser")
tambon_chooser_viewset = TambonChooserViewSet("otop_tambon_chooser")


@hooks.register("register_admin_viewset")
def register_choosers():
    return [producer_chooser_viewset, product_chooser_viewset, tambon_chooser_viewset]


class ExperienceViewSet(ModelViewSet):
    """Editors attach each experience (an Oscar product its host sells, with dated
    slots) to a village page, and keep its meeting point and cancellation policy."""

    model = Experience
    icon = "date"
    menu_label = _("Village experiences")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["__str__", "village_page", "meeting_point", "cancellation_hours"]
    panels = [
        FieldPanel("product"),
        PageChooserPanel("village_page", page_type="villages.VillagePage"),
        FieldPanel("meeting_point"),
        FieldPanel("meeting_point_en"),
        FieldPanel("cancellation_hours"),
    ]

    def get_queryset(self, request):
        return Experience.objects.select_related("product", "village_page")


@hooks.register("register_admin_viewset")
def register_experiences():
    return ExperienceViewSet("village_experiences")
