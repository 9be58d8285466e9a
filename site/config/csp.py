"""Content-Security-Policy: strict on the storefront, looser on the staff back offices.

The storefront (every page a buyer, tourist or producer sees) has no inline script,
no inline style and no `style=` attribute: scripts and styles come from our own static
files, so its policy allows `'self'` and nothing inline. No nonces either: the shared
page cache (shop.pagecache) hands the same bytes to every anonymous visitor, and a
per-request nonce in the page would have to differ between them. The header is the
same for every request, so it may be cached with the page, or added in front of it.

The back offices are other people's templates, which we do not rewrite:
- Oscar's dashboard (`/<lang>/dashboard/`) starts every page with an inline
  `$(function () { … })` script whose body is filled by each template's `onbodyload`
  block, and its templates and TinyMCE write `style=` attributes;
- Wagtail's admin (`/cms/`) puts inline `<script>` start-up code and style attributes
  in its pages and widgets, and shows uploaded images as `blob:` previews;
They get `'unsafe-inline'` for scripts and styles; everything else stays `'self'`, so
they still load nothing from another site (Oscar's jQuery is served from our static
files: templates/oscar/dashboard/base.html), only this site frames them, and their forms
post only here. Only staff and producers' members reach them, signed in.
Django's admin (`/django-admin/`) needs nothing inline: it keeps the strict policy.
"""

from __future__ import annotations

import re

from django.conf import settings

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# Stripe Checkout is a redirect after our own form post ("place order"); Chrome
# applies form-action to where the post is redirected, so Stripe's host is listed.
STRIPE_CHECKOUT = "https://checkout.stripe.com"
# Wagtail's embed block (village stories) shows videos in these players' iframes.
VIDEO_PLAYERS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]


def storefront_policy(media_origins: list[str]) -> dict:
    """The policy of every page outside the back offices. `media_origins`: where
    uploaded photos are served from when that is not this site (a CDN, S3)."""
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF, "data:", *media_origins],
            "media-src": [SELF, *media_origins],
            "font-src": [SELF],
            "connect-src": [SELF],
            "frame-src": VIDEO_PLAYERS,
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF, STRIPE_CHECKOUT],
            "frame-ancestors": [NONE],  # as X-Frame-Options: DENY
        }
    }


# What the back offices get instead (directives replaced; the rest as above).
BACK_OFFICE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],  # Wagtail's live preview panel…
    "frame-ancestors": [SELF],  # …which frames /cms/…/preview/ pages
}

BACK_OFFICE_PATH = re.compile(r"^/cms/|^/[a-z]{2}(?:-[a-z]+)?/dashboard/")


class PathPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the back offices' policy on their own paths."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.replace is None and BACK_OFFICE_PATH.match(request.path_info):
            parts.replace = {
                **BACK_OFFICE,
                "img-src": [*BACK_OFFICE["img-src"], *settings.CSP_MEDIA_ORIGINS],
            }
        return parts
