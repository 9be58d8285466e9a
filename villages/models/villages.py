"""OTOP tourism villages (OVC, OTOP Village Champion) and their index page."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from catalogue.eligibility import made_today
from catalogue.models import Product
from catalogue.register import Producer
from catalogue.statements import Prepared
from shop.experiences.listing import upcoming

from ..restrictions import public
from ..slugs import ThaiSlugPageForm
from .languages import InLanguageQuerySet, visitor_language
from .serving import ServedPage
from .story import StoryPage

PRODUCTS_PER_PAGE = 24


class VillageIndexPage(ServedPage, Page):
    """The list of OTOP tourism villages, grouped by region."""

    intro = models.TextField(_("introduction"), blank=True)

    base_form_class = ThaiSlugPageForm
    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["villages.HomePage"]
    subpage_types = ["villages.VillagePage"]
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("village index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        villages = (
            public(VillagePage.objects.live())
            .in_language(visitor_language())
            .for_listing()
        )
        context["regions"] = villages_by_region(villages)
        return context


def villages_by_region(villages) -> list[tuple]:
    """Village pages grouped under their region, regions in their usual order."""
    groups = defaultdict(list)
    for village in villages:
        groups[village.tambon.district.province.region].append(village)
    return sorted(groups.items(), key=lambda item: item[0].sort_order)


class VillagePageQuerySet(InLanguageQuerySet):
    def for_listing(self) -> VillagePageQuerySet:
        """What a village card shows, in a fixed number of queries."""
        return self.select_related(
            "tambon__district__province__region", "hero_image", "locale"
        ).prefetch_related("hero_image__renditions")


class VillagePage(StoryPage):
    """An OTOP tourism village: its story, what to see and do, and what it makes.

    Its producers are the registered producers of its tambon (of one moo, when given)
    plus any the editor adds; its products are their eligible products plus any the
    editor adds.
    """

    tambon = models.ForeignKey(
        "places.Tambon",
        models.PROTECT,
        related_name="village_pages",
        verbose_name=_("tambon"),
    )
    moo = models.PositiveSmallIntegerField(
        _("moo (village number)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave blank to include every producer of the tambon; give a number to "
            "include only the producers of that moo."
        ),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    how_to_get_there = RichTextField(
        _("how to get there"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    seasons = models.CharField(
        _("opening seasons"),
        max_length=255,
        blank=True,
        help_text=_("When to visit, e.g. “All year; silk festival in December”."),
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)

    objects = PageManager.from_queryset(VillagePageQuerySet)()
    serve_select_related = ("hero_image", "tambon__district__province__region")

    content_panels = [
        *StoryPage.content_panels,
        MultiFieldPanel(
            [
                "tambon",
                "moo",
                FieldRowPanel(["latitude", "longitude"]),
            ],
            heading=_("Location"),
        ),
        InlinePanel("offerings", heading=_("Attractions, experiences and homestays")),
        FieldPanel("how_to_get_there"),
        FieldPanel("seasons"),
        MultiFieldPanel(
            ["contact_name", "contact_phone", "contact_email"], heading=_("Contact")
        ),
        InlinePanel("extra_producers", heading=_("More producers of this village")),
        InlinePanel("extra_products", heading=_("More products to show")),
    ]
    parent_page_types = ["villages.VillageIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *StoryPage.search_fields,
        index.SearchField("how_to_get_there"),
        index.SearchField("seasons"),
        index.FilterField("tambon"),
        index.RelatedFields(
            "tambon",
            [
                index.SearchField("name_th"),
                index.SearchField("name_en"),
                index.RelatedFields(
                    "district",
                    [
                        index.SearchField("name_th"),
                        index.SearchField("name_en"),
                        index.RelatedFields(
                            "province",
                            [
                                index.SearchField("name_th"),
                                index.SearchField("name_en"),
                            ],
                        ),
                    ],
                ),
            ],
        ),
        index.RelatedFields(
            "offerings", [index.SearchField("name"), index.SearchField("description")]
        ),
    ]

    class Meta:
        verbose_name = _("OTOP tourism village")

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    # -- who and what belongs to the village -----------------------------------------

    @classmethod
    def serve_annotations(cls) -> dict:
        # Few villages have picks: the query that loads the page says whether this one
        # has any, so a page without them needs no query for each kind.
        return {
            "has_picked_producers": Exists(
                VillageProducer.objects.filter(page=OuterRef("pk"))
            ),
            "has_picked_products": Exists(
                VillageProduct.objects.filter(page=OuterRef("pk"))
            ),
        }

    @cached_property
    def _picked_producer_ids(self) -> list[int]:
        if not getattr(self, "has_picked_producers", True):
            return []
        return [p.producer_id for p in self.extra_producers.all() if p.producer_id]

    @cached_property
    def _picked_product_ids(self) -> list[int]:
        if not getattr(self, "has_picked_products", True):
            return []
        return [p.product_id for p in self.extra_products.all() if p.product_id]

    def _local(self, prefix: str = "") -> Q:
        """Producers of this village's tambon (and moo), as a filter on `prefix`."""
        local = Q(**{f"{prefix}tambon_id": self.tambon_id})
        if self.moo is not None:
            local &= Q(**{f"{prefix}moo": self.moo})
        return local

    def producers(self):
        """Registered producers of the village, with their eligible product counts."""
        if picked := self._picked_producer_ids:
            return Producer.objects.filter(
                self._local() | Q(pk__in=picked)
            ).for_listing()
        # Without picks, every village asks the same statement but for its tambon (and
        # moo): compiled once a day (its count subquery is the OTOP rule, ~2 ms of
        # Django to build and compile on every view).
        local = {"tambon": self.tambon_id}
        if self.moo is not None:
            local["moo"] = self.moo
        statement = made_today(
            ("village producers", *local),
            lambda: Prepared(Producer.objects.for_listing(), *local),
        )
        return statement.fetch(**local)

    def products(self):
        """Eligible products of the village's producers and the editor's picks."""
        wanted = self._local("producer__")
        if picked := self._picked_producer_ids:
            wanted |= Q(producer_id__in=picked)
        if picked := self._picked_product_ids:
            wanted |= Q(pk__in=picked)
        return Product.objects.listed().filter(wanted)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.products(), PRODUCTS_PER_PAGE)
        context["products"] = paginator.get_page(request.GET.get("page"))
        # The producers' list: {% page_producers page %} (remembered per version).
        context["offerings"] = list(self.offerings.all())
        context["experiences"] = upcoming(self)
        # Joined when villages.routing loads the page (serve_select_related).
        context["place"] = self.tambon
        return context

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=14/{self.latitude}/{self.longitude}"
        )


class VillageOffering(Orderable):
    """Something a visitor can see, do or stay in at the village."""

    class Kind(models.TextChoices):
        ATTRACTION = "attraction", _("Attraction")
        EXPERIENCE = "experience", _("Experience")
        HOMESTAY = "homestay", _("Homestay")

    page = ParentalKey(VillagePage, on_delete=models.CASCADE, related_name="offerings")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    price = models.DecimalField(
        _("price (baht)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave blank when it is free."),
    )
    price_unit = models.CharField(
        _("price per"),
        max_length=60,
        blank=True,
        help_text=_("e.g. “person”, “night”, “group of up to 10”."),
    )
    duration = models.CharField(_("duration"), max_length=60, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (people)"), null=True, blank=True
    )

    panels = [
        "kind",
        "name",
        "description",
        FieldRowPanel(["price", "price_unit"]),
        FieldRowPanel(["duration", "capacity"]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("attraction, experience or homestay")


class VillageProducer(Orderable):
    """A producer the editor adds to a village (outside its tambon or moo)."""

    page = ParentalKey(
        VillagePage, on_delete=models.CASCADE, related_name="extra_producers"
    )
    producer = models.ForeignKey(
        "catalogue.Producer",
        models.CASCADE,
        related_name="+",
        verbose_name=_("producer"),
    )

    panels = ["producer"]


class VillageProduct(Orderable):
    """A product the editor adds to a village page (shown only while eligible)."""

    page = ParentalKey(
        VillagePage, on_delete=models.CASCADE, related_name="extra_products"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        models.CASCADE,
        related_name="+",
        verbose_name=_("product"),
    )

    panels = ["product"]
