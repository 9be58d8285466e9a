"""Wagtail's Site for a request, remembered by each server process.

Wagtail looks the Site up with a query on every request that serves a page or writes
a page URL (`Site.find_for_request`, cached on the request only). Sites change almost
never: each process keeps the answer per host and port for a minute, and forgets all
of them when a Site is saved or deleted here; another process's change is seen within
the minute. The answer goes where Wagtail looks first (`request._wagtail_site`).
"""

from __future__ import annotations

import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from wagtail.models import Site

SECONDS = 60

_known: dict[tuple[str, int | str], tuple[float, Site | None]] = {}


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs) -> None:
    _known.clear()


class KnownSiteMiddleware:
    """Hands Wagtail the Site it found for this host and port on an earlier request,
    and remembers the one it finds now; it never looks one up itself (a request that
    needs no Site, robots.txt say, touches no database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = (request._get_raw_host(), request.get_port())
        now = time.monotonic()
        known = _known.get(key)
        fresh = known is not None and known[0] > now
        if fresh and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = known[1]
        response = self.get_response(request)
        if not fresh and hasattr(request, "_wagtail_site"):
            if len(_known) > 100:  # hosts are few; made-up ones stay bounded
                _known.clear()
            _known[key] = (now + SECONDS, request._wagtail_site)
        return response
