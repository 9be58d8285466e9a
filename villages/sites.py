"""Wagtail's Site for a request, remembered by each server process.

Wagtail looks the Site up with a query on every request that serves a page or writes
a page URL (`Site.find_for_request`, cached on the request only). Sites change
almost never, and a change to one is a content change (`catalogue.content_version`),
so each process keeps the answer per host and port under the content version, and
puts it where Wagtail looks first (`request._wagtail_site`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from wagtail.models import Site

from catalogue import content_version

_known: dict[tuple[str, int | str], tuple[str, Site | None]] = {}


def site_for(request: HttpRequest) -> Site | None:
    key = (request._get_raw_host(), request.get_port())
    version = content_version.current()
    known = _known.get(key)
    if known is not None and known[0] == version:
        return known[1]
    site = Site._find_for_request(request)
    if len(_known) > 100:  # hosts are few; a flood of made-up ones stays bounded
        _known.clear()
    _known[key] = (version, site)
    return site


class KnownSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for(request)
        return self.get_response(request)
