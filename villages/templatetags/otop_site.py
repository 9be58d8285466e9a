"""Site-wide template tags: the language switcher and the footer's region list."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context: template.Context, language: str) -> str:
    """The current page in another language: the same URL under that language's prefix."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.inclusion_tag("partials/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict:
    """A no-JavaScript switcher: one small POST form to `set_language` per other language,
    whose `next` is this page under the other prefix (the view also sets the cookie)."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    languages = [
        {
            "code": code,
            "name": name,
            "is_current": code == current,
            "url": translate_url(path, code) if request else f"/{code}/",
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "languages": languages,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def page_range(page_obj) -> list:
    """Page numbers around the current one, with `…` gaps (Paginator.ELLIPSIS)."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    )
