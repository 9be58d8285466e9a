"""Wagtail page types: the home page (village, KBO and story pages build on it)."""

from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page: OTOP products, villages and regions."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, "intro"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
