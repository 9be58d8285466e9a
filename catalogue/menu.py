"""The category menu shown on every page, cached so that it costs no query per page."""

from django.core.cache import cache

from oscar.core.loading import get_model

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
