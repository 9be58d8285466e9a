"""A shared cache of anonymous pages, in Django's cache (Redis in production).

Why not Django's UpdateCacheMiddleware/FetchFromCacheMiddleware: they key a page on
the values of the headers it varies on, and every page here varies on Cookie (the
session), so each visitor with any cookie at all (the CSRF cookie, an analytics
cookie) would get a cache of their own; their only invalidation is time, where a
price change must show on the next request; they send `max-age` for browsers rather
than `public, s-maxage` for a shared cache; and a cache that is down raises (a 500)
instead of rendering the page. This middleware keeps their rules for what may be
stored (GET, 200, no cookie set, no `private`/`no-store`) and uses Django's own
conditional-response and header helpers.

A page is shared only between visitors for whom it is the same page (`keys.py`); it
is stored with a gzip copy made once (anonymous pages carry no secret, so compressing
them cannot leak one: BREACH needs a secret beside attacker-controlled text; personal
pages, which carry CSRF tokens, are sent uncompressed), with an ETag and Last-Modified
for revalidation (304), and `Cache-Control: public, max-age=0, s-maxage=…` so that a
reverse proxy or CDN may hold it too (`Vary: Cookie` keeps personal pages apart there).
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from catalogue import content_version

from .keys import is_personal, is_shareable, page_key

logger = logging.getLogger(__name__)

# Headers the cache sets itself on every copy it serves.
OWN_HEADERS = {
    "cache-control",
    "content-encoding",
    "content-length",
    "etag",
    "expires",
    "last-modified",
    "set-cookie",
    "vary",
}
# A page that varies on anything else (Accept-Language outside the language prefixes,
# say) is not the same page for every anonymous visitor of its URL.
SHAREABLE_VARY = {"cookie", "accept-encoding"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not is_shareable(request):
            response = self.get_response(request)
            if is_personal(request) and "Cache-Control" not in response:
                patch_cache_control(response, private=True)
            return response

        version, page_version = content_version.current_with_page(
            request.path_info, seconds
        )
        request._otop_content_version = version  # catalogue.cards.request_version
        key = page_key(request, f"{version}:{page_version}")
        entry = _cache_get(key)
        if entry is None:
            response = self.get_response(request)
            # Oscar's "recently viewed" cookie, set on every product page, would make
            # each one personal: anonymous visitors browse without that history (it
            # is kept once they have a basket or sign in).
            response.cookies.pop(settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME, None)
            # A HEAD is rendered as a GET (views answer HEAD with the GET's page; the
            # server drops the body): its page is stored for the GETs that follow.
            if not _storable(request, response) or not response.content:
                return response
            entry = _entry(response)
            _cache_set(key, entry, seconds)
        return _response(request, entry)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a CSRF token was rendered
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if control & {"private", "no-store", "no-cache"}:
        return False
    vary = {
        header.strip().lower()
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header.strip()
    }
    return vary <= SHAREABLE_VARY


def _entry(response: HttpResponse) -> dict:
    body = response.content
    return {
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in OWN_HEADERS
        ],
        "body": body,
        # mtime=0: the same bytes (and ETag) from every process.
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
        "etag": hashlib.sha256(body).hexdigest()[:32],
        "stored": int(time.time()),
    }


def _response(request: HttpRequest, entry: dict) -> HttpResponse:
    compressed = "gzip" in request.headers.get("Accept-Encoding", "") and len(
        entry["gzip"]
    ) < len(entry["body"])
    response = HttpResponse(entry["gzip"] if compressed else entry["body"])
    for name, value in entry["headers"]:
        response[name] = value
    etag = '"{}{}"'.format(entry["etag"], "-gzip" if compressed else "")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(entry["stored"])
    if compressed:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    patch_cache_control(response, public=True, max_age=0, s_maxage=_shared_max_age())
    return get_conditional_response(
        request, etag=etag, last_modified=entry["stored"], response=response
    )


def _shared_max_age() -> int:
    """How long a proxy or CDN may keep a page without asking: never past midnight in
    Bangkok, when registrations that expire that day drop out."""
    now = timezone.localtime()
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    return max(
        0,
        min(settings.PAGE_CACHE_SHARED_SECONDS, int((midnight - now).total_seconds())),
    )


def _cache_get(key: str) -> dict | None:
    try:
        return cache.get(key)
    except Exception:  # a cache that is down: render the page
        logger.warning("page cache unavailable", exc_info=True)
        return None


def _cache_set(key: str, entry: dict, seconds: int) -> None:
    try:
        cache.set(key, entry, seconds)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
