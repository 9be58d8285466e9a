"""What every story page shares: a hero image with its alt text, an intro and a story."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import StoryBlock
from ..slugs import ThaiSlugPageForm
from .serving import ServedPage


class StoryPage(ServedPage, Page):
    """Abstract: a page with a hero image, an intro and a StreamField story."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("story"))

    base_form_class = ThaiSlugPageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(["hero_image", "hero_alt"], heading=_("Hero image")),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError(
                {"hero_alt": _("Describe the hero image: alt text is required.")}
            )

    @property
    def summary(self) -> str:
        """A sentence for cards, meta descriptions and OpenGraph."""
        return self.search_description or self.intro
