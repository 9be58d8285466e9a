"""The facet links of a page of product results, their HTML remembered.

A category page at 100,000 products shows ~100 facet options (77 provinces among
them), and rendering them through the template costs ~35 µs an option: a tenth of
the page. The same block recurs for every visitor of the same listing with the same
counts, so its HTML is remembered per process under everything it shows (language,
script prefix, each option's label, count, link and state, the active filters): a
changed count or label is a different key, never a stale block.
"""

from __future__ import annotations

from threading import Lock

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

register = template.Library()

FACETS_TEMPLATE = "oscar/search/partials/facets.html"
REMEMBERED_LIMIT = 256

_remembered: dict[tuple, str] = {}
_lock = Lock()


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
    key = _key(facets, active_filters)
    html = _remembered.get(key)
    if html is None:
        html = render_to_string(
            FACETS_TEMPLATE, {"facets": facets, "active_filters": active_filters}
        )
        with _lock:
            if len(_remembered) >= REMEMBERED_LIMIT:
                _remembered.clear()
            _remembered[key] = html
    return html


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"TEMPLATES", "LANGUAGES", "FORCE_SCRIPT_NAME"}:
        with _lock:
            _remembered.clear()
