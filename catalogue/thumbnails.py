"""Thumbnails remembered by each server process (`OSCAR_THUMBNAILER`).

sorl-thumbnail looks every thumbnail up in its key-value store (a cache read, and the
database when the cache misses) each time a template asks for one: 24 lookups for a
listing page's cards. A thumbnail is a pure function of its source file's name, its
size and its options (a new photo is a new file name), so once known its URL and
dimensions are kept here, in a bounded per-process memory, and a listing page's cards
cost no lookup at all. Deleting a photo's thumbnails (Oscar does it when the photo is
deleted) forgets them here too.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from oscar.core.thumbnails import SorlThumbnail

LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Thumbnail:
    """What templates read of a thumbnail."""

    url: str
    width: int
    height: int
    name: str

    def __str__(self) -> str:
        return self.url


_known: OrderedDict[tuple, Thumbnail] = OrderedDict()
_lock = Lock()


def _source_name(source) -> str | None:
    name = getattr(source, "name", source)
    return name if isinstance(name, str) and name else None


def forget(source=None) -> None:
    """Forget the thumbnails of one source file (or all of them)."""
    name = _source_name(source) if source is not None else None
    with _lock:
        if name is None:
            _known.clear()
            return
        for key in [key for key in _known if key[0] == name]:
            del _known[key]


class RememberedSorlThumbnail(SorlThumbnail):
    def generate_thumbnail(self, source, **opts):
        name = _source_name(source)
        if name is None:
            return super().generate_thumbnail(source, **opts)
        key = (name, tuple(sorted((k, str(v)) for k, v in opts.items())))
        with _lock:
            known = _known.get(key)
            if known is not None:
                _known.move_to_end(key)
                return known
        made = super().generate_thumbnail(source, **opts)
        if not made or not getattr(made, "name", None):
            return made  # sorl's dummy or an error: ask again next time
        thumbnail = Thumbnail(made.url, made.width, made.height, made.name)
        with _lock:
            _known[key] = thumbnail
            while len(_known) > LIMIT:
                _known.popitem(last=False)
        return thumbnail

    def delete_thumbnails(self, source):
        forget(source)
        return super().delete_thumbnails(source)
