"""Wagtail's page route, accepting Thai slugs (see villages.slugs). Listed in the root
URLconf before Wagtail's own URLs, without a namespace: Wagtail reverses
"wagtail_serve" for every page URL, and its own pattern refuses Thai marks. Served by
Wagtail's view with its routing remembered (villages.routing)."""

from django.urls import re_path

from catalogue.slugs import SLUG_PATTERN

from .routing import serve

wagtail_serve_thai = re_path(rf"^((?:{SLUG_PATTERN}/)*)$", serve, name="wagtail_serve")
