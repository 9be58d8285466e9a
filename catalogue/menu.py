"""The category menu shown on every page, cached so that it costs no query per page,
and its HTML remembered so that it costs no template rendering either."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.urls import get_script_prefix

from oscar.core.loading import get_model

from .remembered_html import RememberedHTML

MENU_CACHE_KEY = "otop:menu-categories"
MENU_CACHE_SECONDS = 300


def menu_categories() -> list:
    """The top-level browsable categories, cached: one query per cache period, not per page.

    Category objects are cached, not their names, so `display_name` still follows the
    visitor's language; a root category's URL needs no query (no ancestors to look up).
    """
    categories = cache.get(MENU_CACHE_KEY)
    if categories is None:
        Category = get_model("catalogue", "Category")
        categories = list(Category.objects.browsable().filter(depth=1).order_by("path"))
        cache.set(MENU_CACHE_KEY, categories, MENU_CACHE_SECONDS)
    return categories


def forget_menu_categories(**kwargs) -> None:
    """Signal receiver (connected in CatalogueConfig.ready). A tree move (treebeard's
    move()) sends no signal: the timeout bounds that staleness."""
    cache.delete(MENU_CACHE_KEY)


# (language, script prefix, the categories as they show, current category, on the
# catalogue's index) -> the menu's HTML. The categories' own fields are in the key: an
# edit shows at once.
_rendered = RememberedHTML(limit=64)


def menu_html(
    categories: list,
    language: str | None,
    current_pk: int | None,
    on_index: bool,
    render: Callable[[], str],
) -> str:
    """`render()`'s HTML of the menu, remembered per process for these inputs: the
    menu's links (reverse() for each category) and translations cost ~1 ms of
    template work on every page, for the same few menus."""
    key = (
        language,
        get_script_prefix(),
        tuple((c.pk, c.path, c.slug, c.name, c.name_en) for c in categories),
        current_pk,
        on_index,
    )
    return _rendered.get_or_render(key, render)
