"""Which requests the page cache may answer, and the key of their page.

A page is shared only between visitors for whom it is the same page: no session (so
not signed in, no flash messages kept in it), no basket and no flash-message cookie.
Any other cookie (the CSRF cookie, analytics) does not change what a page shows.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest

from catalogue import content_version

# Cookies that make a page personal: the header shows "My account" and the basket
# count, a page may carry flash messages.
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name


def personal_cookies() -> tuple[str, ...]:
    return (
        settings.SESSION_COOKIE_NAME,
        settings.OSCAR_BASKET_COOKIE_OPEN,
        MESSAGES_COOKIE,
    )


def is_personal(request: HttpRequest) -> bool:
    """Whether this visitor may see something on a page that others do not."""
    return any(name in request.COOKIES for name in personal_cookies())


def is_shareable(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not is_personal(request)


@cache
def release() -> str:
    """A fingerprint of the templates and compiled translations this process runs: a
    deployment that changes them must not be served pages cached by the previous one
    (code changes restart the server; the key changes with the files it renders)."""
    roots = [Path(settings.BASE_DIR) / "templates", *map(Path, settings.LOCALE_PATHS)]
    digest = hashlib.sha1()
    for root in roots:
        for folder, _dirs, files in sorted(os.walk(root)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                digest.update(f"{path}:{os.stat(path).st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def page_key(request: HttpRequest, version: str | None = None) -> str:
    """The cache key of this request's page: its absolute URL (language prefix and query
    string included) under the current content version."""
    version = version or content_version.current()
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"otop:page:{release()}:{version}:{digest}"
