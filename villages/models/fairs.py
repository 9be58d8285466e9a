"""OTOP fairs: OTOP Midyear, OTOP City and provincial fairs, with their producers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..restrictions import public
from ..slugs import ThaiSlugPageForm
from .serving import ServedPage
from .story import StoryPage


class FairIndexPage(ServedPage, Page):
    """Coming and past OTOP fairs."""

    intro = models.TextField(_("introduction"), blank=True)

    base_form_class = ThaiSlugPageForm
    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["villages.HomePage"]
    subpage_types = ["villages.FairPage"]
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("fair index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fairs = (
            public(FairPage.objects.child_of(self).live())
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
        )
        today = timezone.localdate()
        context["coming_fairs"] = fairs.filter(end_date__gte=today).order_by(
            "start_date"
        )
        context["past_fairs"] = fairs.filter(end_date__lt=today).order_by("-start_date")
        return context


class FairPage(StoryPage):
    """An OTOP fair: dates, venue and the producers taking part."""

    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue_name = models.CharField(_("venue"), max_length=160)
    venue_address = models.TextField(_("venue address"), blank=True)
    province = models.ForeignKey(
        "places.Province",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="fair_pages",
        verbose_name=_("province"),
    )
    organizer = models.CharField(
        _("organizer"),
        max_length=160,
        blank=True,
        help_text=_("Leave empty for the Community Development Department."),
    )
    entry_fee = models.DecimalField(
        _("entry fee (baht)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty for free entry."),
    )

    content_panels = [
        *StoryPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldRowPanel(["start_date", "end_date"]),
                "venue_name",
                "venue_address",
                "province",
                FieldRowPanel(["organizer", "entry_fee"]),
            ],
            heading=_("When and where"),
        ),
        *StoryPage.content_panels[1:],
        InlinePanel("participants", heading=_("Participating producers")),
    ]
    parent_page_types = ["villages.FairIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *StoryPage.search_fields,
        index.SearchField("venue_name"),
        index.FilterField("start_date"),
        index.RelatedFields(
            "participants",
            [index.SearchField("booth")],
        ),
    ]

    serve_select_related = ("hero_image", "province")

    class Meta:
        verbose_name = _("OTOP fair")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The last day cannot be before the first day.")}
            )

    @property
    def is_free(self) -> bool:
        return not self.entry_fee

    @property
    def organizer_name(self) -> str:
        return self.organizer or str(DEPARTMENT)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        participants = list(
            self.participants.select_related(
                "producer__tambon__district__province"
            ).filter(producer__in=type(self).registered_producers())
        )
        products = participant_products([p.producer_id for p in participants])
        for participant in participants:
            participant.products = products.get(participant.producer_id, [])
        context["participants"] = participants
        return context

    @staticmethod
    def registered_producers():
        from catalogue.register import Producer

        return Producer.objects.registered()


# The department that runs the OTOP programme and its national fairs.
DEPARTMENT = _("Community Development Department")
DEPARTMENT_URL = "https://www.cdd.go.th/"
PRODUCTS_PER_PARTICIPANT = 3


def participant_products(producer_ids: list[int]) -> dict[int, list]:
    """Up to PRODUCTS_PER_PARTICIPANT listed products of each producer (oldest
    listing first), in one query."""
    from catalogue.models import Product

    if not producer_ids:
        return {}
    found: dict[int, list] = {}
    listed = (
        Product.objects.browsable()
        .filter(producer_id__in=producer_ids)
        .only("pk", "title", "title_en", "title_rtgs", "slug", "producer_id")
        .order_by("producer_id", "pk")
    )
    for product in listed:
        shown = found.setdefault(product.producer_id, [])
        if len(shown) < PRODUCTS_PER_PARTICIPANT:
            shown.append(product)
    return found


class FairParticipant(Orderable):
    """A producer with a booth at the fair."""

    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="participants")
    producer = models.ForeignKey(
        "catalogue.Producer",
        models.CASCADE,
        related_name="+",
        verbose_name=_("producer"),
    )
    booth = models.CharField(_("booth"), max_length=60, blank=True)

    panels = ["producer", "booth"]

    class Meta(Orderable.Meta):
        verbose_name = _("participating producer")
