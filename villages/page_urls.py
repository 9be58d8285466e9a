"""Wagtail's page route, accepting Thai slugs (see villages.slugs). Listed in the root
URLconf before Wagtail's own URLs, without a namespace: Wagtail reverses
"wagtail_serve" for every page URL, and its own pattern refuses Thai marks."""

from django.urls import re_path

from wagtail import views as wagtail_views

from catalogue.slugs import SLUG_PATTERN

wagtail_serve_thai = re_path(
    rf"^((?:{SLUG_PATTERN}/)*)$", wagtail_views.serve, name="wagtail_serve"
)
