"""Wagtail's page routing, remembered per content version.

Wagtail routes every request from the site's root down, one query per URL segment to
find the child by its slug and one more for its specific page, after a query for the
active Locale (`Page.route_for_request` → `root_page.localized.specific.route()`):
five to seven queries before a village or KBO page starts to render, on every request.
What a path routes to changes only when a page is saved, moved, published or
unpublished, or a Site or Locale changes, and each of those changes the content version
(`catalogue.content_version`: every save in wagtailcore and villages, Wagtail's publish
and unpublish signals).

So each server process remembers, under the current version, which page (its id and
specific class, and Wagtail's route arguments) a site, language and path routed to.
The next request for it loads that one specific page, with what its template reads
(`serve_select_related`, `serve_annotations`), in one query (a statement compiled
once per page type: `catalogue.statements.Prepared`), and hands it to Wagtail's own
`serve` view as its routing answer (`request._wagtail_route_for_request`, where `route_for_request`
looks first), so Wagtail's hooks, view restrictions and `page.serve()` run unchanged.
The first request for a path is routed by Wagtail itself. This goes below Wagtail's
public API (the request attribute) because Wagtail offers no hook around its routing
and overriding `route()` per page type still costs the walk from the root.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from catalogue import content_version
from catalogue.eligibility import made_today
from catalogue.statements import Prepared
from catalogue.version_memo import VersionMemo

LIMIT = (
    5_000  # paths remembered per process (pages are few; made-up paths are not kept)
)

# (site, language, path) -> (page model, page pk, route args, route kwargs)
_routes = VersionMemo(LIMIT)


def _serving_queryset(model: type[Page]):
    pages = model._default_manager.select_related(
        *getattr(model, "serve_select_related", ())
    )
    if annotations := getattr(model, "serve_annotations", dict)():
        pages = pages.annotate(**annotations)
    return pages


def load_for_serving(model: type[Page], pk: int) -> Page | None:
    """The specific page `pk` with what its template reads, in one query.

    Its SQL (the page's table joined to its parents', what its template reads and the
    annotations) took Django ~1.3 ms to build and compile on every request, the same
    each time but for the id: it is compiled once per page type (and day, in case an
    annotation reads the date)."""
    statement = made_today(
        ("serving", model), lambda: Prepared(_serving_queryset(model), "pk")
    )
    found = statement.fetch(pk=pk)
    return found[0] if found else None


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's `serve`, with its routing answered from memory when it can be."""
    site = Site.find_for_request(request)
    if site is None or hasattr(request, "_wagtail_route_for_request"):
        return wagtail_views.serve(request, path)
    version = content_version.current()
    key = (site.pk, get_language(), path)
    known = _routes.get(version, key)
    if known is not None:
        model, pk, args, kwargs = known
        page = load_for_serving(model, pk)
        if page is not None and page.live:
            request._wagtail_route_for_request = RouteResult(page, args, kwargs)
    if not hasattr(request, "_wagtail_route_for_request"):
        route = Page.route_for_request(request, path)
        if route is not None:
            page, args, kwargs = route
            # The same page as a remembered route gives (what its template reads
            # joined), so both render it in the same number of queries.
            loaded = load_for_serving(type(page), page.pk)
            if loaded is not None:
                request._wagtail_route_for_request = RouteResult(loaded, args, kwargs)
                _routes.put(
                    version, key, (type(page), page.pk, tuple(args), dict(kwargs))
                )
    return wagtail_views.serve(request, path)
