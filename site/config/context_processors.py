"""Template context processors of the project."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from oscar.core.loading import get_class, get_model

from config.robots import is_noindex

SearchForm = get_class("search.forms", "SearchForm")


def notifications(request: HttpRequest) -> dict:
    """Oscar's unread-notification count, counted only by a template that shows it
    (Oscar's processor counts on every page a signed-in visitor sees; only the
    account pages' navigation shows the number)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        Notification = get_model("communication", "Notification")
        return Notification.objects.filter(recipient=user, date_read=None).count()

    return {"num_unread_notifications": SimpleLazyObject(count)}


def search_form(request: HttpRequest) -> dict:
    """Oscar's site-wide `search_form`, built only by a template that shows it (Oscar's
    processor builds the form for every template rendered with a request, and the
    storefront's header has its own search box)."""
    return {"search_form": SimpleLazyObject(lambda: SearchForm(request.GET))}


def robots(request: HttpRequest) -> dict:
    """`noindex` for account, basket and checkout pages (see config.robots)."""
    return {"noindex": is_noindex(request)}
