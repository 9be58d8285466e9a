"""/robots.txt and /favicon.ico: fixed answers, made without the database.

robots.txt keeps crawlers out of what is personal or endless: the basket, checkout,
accounts (wish lists included), a producer's parcels, the hosts' bookings, the
back offices, and search results (any query string), in both languages; and points
them to the sitemap. Paths come from the URL map, so they follow it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

PRIVATE = [
    "basket:summary",
    "checkout:index",
    "customer:summary",
    "dashboard:index",
    "producer:shipments",  # not all of /producer/: /producers/ is public
    "producer:statements",
    "experiences:host",
]
LANGUAGE_FREE = ["/cms/", "/django-admin/"]
# Pages that carry `<meta name="robots" content="noindex">` as well (robots.txt only
# stops crawling; a link from elsewhere can still get a disallowed URL indexed).
NOINDEX_NAMESPACES = {"basket", "checkout", "customer"}
# Oscar mounts the password-reset pages outside the customer namespace.
NOINDEX_URL_NAMES = {
    "password-reset",
    "password-reset-done",
    "password-reset-confirm",
    "password-reset-complete",
}


def is_noindex(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return match.url_name in NOINDEX_URL_NAMES or bool(
        NOINDEX_NAMESPACES.intersection(match.namespaces)
    )


def disallowed() -> list[str]:
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths += [reverse(name) for name in PRIVATE]
            paths.append(reverse("search:search") + "?")  # results: any query string
    return paths + LANGUAGE_FREE


@transaction.non_atomic_requests
@require_safe
@cache_control(public=True, max_age=24 * 3600)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallowed()]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@transaction.non_atomic_requests
@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """Browsers ask for /favicon.ico where a page names no icon (files, the API)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
