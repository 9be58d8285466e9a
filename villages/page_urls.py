"""Wagtail's page route, accepting Thai slugs (see villages.slugs). Listed in the root
URLconf before Wagtail's own URLs, without a namespace: Wagtail reverses
"wagtail_serve" for every page URL, and its own pattern refuses Thai marks. Served by
Wagtail's view with its routing remembered (villages.routing).

A page nobody has translated yet is still served in the other language, at its own
path under that language's prefix (/en/<the Thai page's path>): the site's interface
in English around the Thai content, marked as Thai, with the romanised title (see
`untranslated_page` in otop_site). The language switcher links there.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import re_path
from django.utils import translation

from wagtail import views as wagtail_views
from wagtail.models import Locale, Site

from catalogue.slugs import SLUG_PATTERN

from .routing import serve as serve_routed


def serve(request: HttpRequest, path: str) -> HttpResponse:
    try:
        return serve_routed(request, path)
    except Http404:
        source = _untranslated(request, path)
        if source is None:
            raise
        page, args, kwargs = source
        translated = (
            page.get_translations().live().filter(locale=Locale.get_active()).first()
        )
        if translated is not None:  # a translation exists: that is the page here
            return redirect(translated.get_url(request))
        request._wagtail_route_for_request = source
        request.otop_untranslated = True  # read by the templates (otop_site)
        return wagtail_views.serve(request, path)


def _untranslated(request: HttpRequest, path: str):
    """The route of `path` in the default language's page tree, when the active
    language is another one and its own tree has no such page."""
    default = settings.LANGUAGE_CODE
    if (translation.get_language() or default) == default:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.get_translation_or_none(
        Locale.objects.filter(language_code=default).first()
    )
    if root is None:
        return None
    try:
        return root.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


wagtail_serve_thai = re_path(rf"^((?:{SLUG_PATTERN}/)*)$", serve, name="wagtail_serve")
