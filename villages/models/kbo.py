"""KBO networks (Knowledge-Based OTOP): one per province, teaching and supporting its
producers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from catalogue.models import Product
from catalogue.register import Producer

from ..blocks import TopicBlock
from ..restrictions import public
from ..slugs import ThaiSlugPageForm
from .languages import InLanguageQuerySet, visitor_language
from .serving import ServedPage
from .story import StoryPage

SHOWN_PRODUCTS = 8


class KboIndexPage(ServedPage, Page):
    """The list of provincial KBO networks."""

    intro = models.TextField(_("introduction"), blank=True)

    base_form_class = ThaiSlugPageForm
    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["villages.HomePage"]
    subpage_types = ["villages.KboNetworkPage"]
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("KBO network index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = (
            public(KboNetworkPage.objects.live())
            .in_language(visitor_language())
            .select_related("province__region", "locale")
            .order_by("province__region__sort_order", "province__name_en")
        )
        return context


class KboNetworkPage(StoryPage):
    """A province's KBO network: what it teaches, its members, whom it supports."""

    objects = PageManager.from_queryset(InLanguageQuerySet)()

    province = models.ForeignKey(
        "places.Province",
        models.PROTECT,
        related_name="kbo_pages",
        verbose_name=_("province"),
    )
    topics = StreamField(
        [("topic", TopicBlock())],
        blank=True,
        verbose_name=_("what the network teaches"),
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)

    serve_select_related = ("hero_image", "province__region")

    content_panels = [
        *StoryPage.content_panels[:1],
        "province",
        *StoryPage.content_panels[1:],
        FieldPanel("topics"),
        InlinePanel("members", heading=_("Members")),
        MultiFieldPanel(
            ["contact_name", "contact_phone", "contact_email", "address"],
            heading=_("Contact"),
        ),
    ]
    parent_page_types = ["villages.KboIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *StoryPage.search_fields,
        index.SearchField("topics"),
        index.FilterField("province"),
        index.RelatedFields(
            "province", [index.SearchField("name_th"), index.SearchField("name_en")]
        ),
        index.RelatedFields(
            "members", [index.SearchField("name"), index.SearchField("role")]
        ),
    ]

    class Meta:
        verbose_name = _("KBO network")

    def clean(self) -> None:
        super().clean()
        others = KboNetworkPage.objects.filter(
            province_id=self.province_id, locale_id=self.locale_id
        ).exclude(translation_key=self.translation_key)
        if self.province_id and others.exists():
            raise ValidationError(
                {"province": _("This province already has a KBO network page.")}
            )

    def producers(self):
        """The registered producers of the province that have eligible products."""
        return Producer.objects.filter(
            tambon__district__province_id=self.province_id
        ).for_listing(with_products_only=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = Product.objects.listed().filter(
            producer__tambon__district__province_id=self.province_id
        )[:SHOWN_PRODUCTS]
        context["members"] = self.members.select_related("producer")
        return context


class KboMember(Orderable):
    """A person on the network's committee, or a member producer."""

    page = ParentalKey(KboNetworkPage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=160)
    role = models.CharField(_("role"), max_length=120, blank=True)
    producer = models.ForeignKey(
        "catalogue.Producer",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("producer"),
    )

    panels = ["name", "role", "producer"]

    class Meta(Orderable.Meta):
        verbose_name = _("member")
