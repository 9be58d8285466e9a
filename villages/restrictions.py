"""Wagtail's view restrictions (private pages), known without a query per request.

Wagtail asks the database on every page it serves whether the page or an ancestor is
private (`Page.get_view_restrictions`: its ancestors, then their restrictions), and a
listing's `.public()` asks for every restriction again. Restrictions and aliases change
only through saves in wagtailcore, which change the content version
(`catalogue.content_version`), so each process keeps, under the current version, the
tree paths of restricted pages and of alias pages; a page outside all of them has no
restriction, and Wagtail is asked only for the others.
"""

from __future__ import annotations

from wagtail.models import Page, PageViewRestriction

from catalogue import content_version
from catalogue.version_memo import VersionMemo

_paths_known = VersionMemo(limit=1)


def _paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(paths of restricted pages, paths of alias pages), under the current version."""
    version = content_version.current()
    known = _paths_known.get(version, "paths")
    if known is None:
        restricted = tuple(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        )
        # Aliases take their source's restrictions (Wagtail follows alias_of): only
        # needed, and only looked up, when some page is restricted.
        aliases = (
            tuple(
                Page.objects.filter(alias_of__isnull=False).values_list(
                    "path", flat=True
                )
            )
            if restricted
            else ()
        )
        known = (restricted, aliases)
        _paths_known.put(version, "paths", known)
    return known


def may_be_private(page: Page) -> bool:
    """Whether Wagtail must be asked: the page or an ancestor is restricted, or is an
    alias (whose source may be)."""
    restricted, aliases = _paths()
    if not restricted:
        return False
    return page.alias_of_id is not None or any(
        page.path.startswith(path) for path in (*restricted, *aliases)
    )


def any_private() -> bool:
    return bool(_paths()[0])


def public(pages):
    """`pages.public()`, without its query for the restrictions when there are none."""
    return pages.public() if any_private() else pages
