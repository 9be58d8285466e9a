"""The facet links of a page of product results, their HTML remembered.

A category page at 100,000 products shows ~100 facet options (77 provinces among
them), and rendering them through the template costs ~35 µs an option: a tenth of
the page. The same block recurs for every visitor of the same listing with the same
counts, so its HTML is remembered per process under everything it shows (language,
script prefix, each option's label, count, link and state, the active filters): a
changed count or label is a different key, never a stale block.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from catalogue.remembered_html import RememberedHTML

register = template.Library()

FACETS_TEMPLATE = "oscar/search/partials/facets.html"
_remembered = RememberedHTML(limit=256)


def _key(facets: list[dict], active_filters: list[dict]) -> tuple:
    return (
        get_language(),
        get_script_prefix(),
        tuple(
            (
                str(facet["label"]),
                tuple(
                    (str(o["label"]), o["count"], o["url"], o["selected"])
                    for o in facet["options"]
                ),
            )
            for facet in facets
        ),
        tuple((str(f["label"]), f["url"]) for f in active_filters),
    )


@register.simple_tag(takes_context=True)
def facet_links(context: template.Context) -> str:
    """FACETS_TEMPLATE for the context's `facets` and `active_filters`."""
    facets = context.get("facets") or []
    active_filters = context.get("active_filters") or []
    return _remembered.get_or_render(
        _key(facets, active_filters),
        lambda: render_to_string(
            FACETS_TEMPLATE, {"facets": facets, "active_filters": active_filters}
        ),
    )
