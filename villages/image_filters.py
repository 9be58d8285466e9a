"""One Wagtail image `Filter` per spec, per process.

Wagtail's `{% image %}`, `{% srcset_image %}` and `{% picture %}` tags build new
`Filter` objects on every render (`ImageNode.get_filter`,
`SrcsetImageNode.get_filters`), and so does `get_rendition("spec")`. A filter's
`operations` (the spec parsed, the `register_image_operations` hooks asked, an
operation object made for each part) is a cached_property of that instance, so it was
worked out again for every picture: it is what `Filter.get_cache_key()` reads to find
each rendition, ~0.2 ms per picture of a village page. A filter is a value of its
spec (Wagtail compares and hashes filters by spec) and the hooks are registered when
the apps load, so one instance per spec serves every render.
"""

from __future__ import annotations

from functools import lru_cache

from wagtail.images.models import Filter
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, SrcsetImageNode


@lru_cache(maxsize=1024)
def filter_for(spec: str) -> Filter:
    """The process's `Filter` for `spec` ("fill-1200x630|format-jpeg")."""
    return Filter(spec=spec)


def _get_filter(node: ImageNode) -> Filter:
    return filter_for("|".join(node.filter_specs))


def _get_filters(node: SrcsetImageNode) -> list[Filter]:
    return [filter_for(spec) for spec in Filter.expand_spec(node.filter_specs)]


def image_tags_share_filters() -> None:
    """Called once from VillagesConfig.ready(). Replaces the tags' filter factories
    (Wagtail internals: the two methods their render() calls)."""
    ImageNode.get_filter = _get_filter
    SrcsetImageNode.get_filters = _get_filters
