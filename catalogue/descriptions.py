"""Product descriptions written by producers: a few formatting tags and nothing that
runs or loads anything, since the storefront shows descriptions as HTML."""

from __future__ import annotations

from django.utils.html import linebreaks

from wagtail.whitelist import Whitelister, allow_without_attributes

FORMATTING_TAGS = ("p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "h3", "h4")


class DescriptionWhitelister(Whitelister):
    """Wagtail's HTML whitelister, narrowed: no links, images or attributes."""

    element_rules = {
        name: allow_without_attributes for name in ("[document]", *FORMATTING_TAGS)
    }


def clean_description(text: str) -> str:
    """Plain text becomes paragraphs; HTML keeps only FORMATTING_TAGS."""
    if not text.strip():
        return ""
    if "<" not in text:
        return linebreaks(text.strip(), autoescape=True)
    return DescriptionWhitelister().clean(text)
