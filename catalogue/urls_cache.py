"""`reverse()` remembered: a listing page reverses the same few URL patterns for every
product card (its page, its add-to-basket form), about 100 times a page, and each
reverse() walks Django's resolver, quotes and checks the result.

A reverse() depends on the view name and arguments, the active language (the
`/th/`, `/en/` prefix), the script prefix and the URLconf: all are in the key, so the
answer is exactly reverse()'s. The memory is per process and bounded; Django's own
URL caches are cleared with it when a setting changes (tests).
"""

from __future__ import annotations

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=50_000)
def _reverse(
    viewname: str,
    args: tuple,
    kwargs: tuple,
    current_app: str | None,
    language: str | None,
    prefix: str,
    urlconf,
) -> str:
    return reverse(
        viewname,
        args=args,
        kwargs=dict(kwargs),
        current_app=current_app,
        urlconf=urlconf,
    )


def cached_reverse(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs), remembered."""
    return remembered_reverse(viewname, (), kwargs)


def remembered_reverse(
    viewname: str, args=(), kwargs=None, current_app: str | None = None
) -> str:
    """reverse(viewname, args, kwargs, current_app), remembered when the arguments
    are text and numbers (anything else is reversed unremembered)."""
    kwargs = kwargs or {}
    values = (*args, *kwargs.values())
    if not all(type(value) in _REMEMBERED_TYPES for value in values):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _reverse(
        viewname,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        get_language(),
        get_script_prefix(),
        get_urlconf(),
    )


# Exact types: a str subclass (a SafeString, a lazy translation) reverses the same,
# but a model instance or a bool could be equal to a remembered value and differ.
_REMEMBERED_TYPES = frozenset({str, int})


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _reverse.cache_clear()
