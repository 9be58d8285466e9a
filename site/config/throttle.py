"""Password-reset throttling, on Django's cache (Redis in production).

A password-reset form sends an e-mail to whatever address it is given, to anyone who
asks: without a limit it mails-bombs a buyer, or lets one client probe or flood the
mail server. Each POST to a reset form (the storefront's and Wagtail's; Oscar's
dashboard and Django's admin have none) counts against the address asked for and
against the client's IP address (as django-axes sees it, AXES_IPWARE_PROXY_COUNT
included), whether or not the address has an account (so the answer reveals nothing).
Over either limit within the window, the request is answered 429 with a Thai and
English page, and no e-mail is sent.

The counters are fixed windows: `cache.add` starts one, `cache.incr` counts (both
atomic in Redis and in local memory). With a cache that cannot be reached the
requests are let through (a warning is logged): a cache outage must not stop buyers
from resetting their passwords. django-axes, which throttles the logins, counts failed
logins, not requests, so it cannot do this; django-ratelimit could, at the price of a
dependency for one decorator.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from axes.helpers import get_client_ip_address

logger = logging.getLogger("otop.throttle")

RESET_VIEWS = {"password-reset", "wagtailadmin_password_reset"}


def hit(key: str, seconds: int) -> int:
    """Count one request in this window; how many there were (0: cache unavailable)."""
    try:
        if cache.add(key, 1, seconds):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.add(key, 1, seconds)
            return 1
    except Exception:
        logger.warning("password-reset throttle: cache unavailable", exc_info=True)
        return 0


def over_limit(request) -> bool:
    seconds = settings.PASSWORD_RESET_WINDOW_MINUTES * 60
    address = request.POST.get("email", "").strip().lower()
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    ip = get_client_ip_address(request) or "unknown"
    counts = [
        (
            hit(f"throttle:reset:address:{digest}", seconds),
            settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
        ),
        (hit(f"throttle:reset:ip:{ip}", seconds), settings.PASSWORD_RESET_LIMIT_PER_IP),
    ]
    return any(count > limit for count, limit in counts)


class PasswordResetThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            request.method != "POST"
            or match is None
            or match.view_name not in RESET_VIEWS
        ):
            return None
        if not over_limit(request):
            return None
        logger.warning(
            "password-reset requests throttled from %s", get_client_ip_address(request)
        )
        return render(request, "password_reset_throttled.html", status=429)
