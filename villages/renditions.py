"""Renditions read from the cache are not written back to it.

`Image.get_renditions()` (every `{% picture %}`) writes the renditions it found back
to the cache unless they are marked `_from_cache`, and Wagtail marks only prefetched
ones: a village page's hero and gallery wrote the twenty renditions it had just read
from the cache back to it on every view (pickled again; a round trip with Redis).
Renditions found in the cache are marked too; those found in the database are still
cached as before."""

from __future__ import annotations

from wagtail.images.models import AbstractImage

_find_existing_renditions = AbstractImage.find_existing_renditions


def _find_existing_renditions_marked(self, *filters) -> dict:
    if self._get_prefetched_renditions() is not None:
        return _find_existing_renditions(self, *filters)
    Rendition = self.get_rendition_model()
    wanted = {
        Rendition.construct_cache_key(self, f.get_cache_key(self), f.spec): f
        for f in filters
    }
    found = {}
    for key, rendition in Rendition.cache_backend.get_many(list(wanted)).items():
        # As Wagtail does: contextual properties such as alt text are the image's.
        rendition.image = self
        rendition._from_cache = True
        found[wanted[key]] = rendition
    if missing := [f for f in filters if f not in found]:
        found.update(_find_existing_renditions(self, *missing))
    return found


def cached_renditions_read_only() -> None:
    """Called once from VillagesConfig.ready()."""
    AbstractImage.find_existing_renditions = _find_existing_renditions_marked
