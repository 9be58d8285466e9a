"""Pages listed in the visitor's language, untranslated ones included."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language

from wagtail.query import PageQuerySet


def visitor_language() -> str:
    """The visitor's language ("th", "en")."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


class InLanguageQuerySet(PageQuerySet):
    """Listed pages (villages, KBO networks) in one language."""

    def in_language(self, language: str):
        """The pages in `language`, and the Thai pages nobody has translated into it
        yet: `villages.page_urls` serves those under the language's prefix, so a
        tourist reading in English still finds every village and KBO network."""
        own = Q(locale__language_code=language)
        if language == settings.LANGUAGE_CODE:
            return self.filter(own)
        translated = (
            self.model._default_manager.live()
            .filter(locale__language_code=language)
            .values("translation_key")
        )
        untranslated = Q(locale__language_code=settings.LANGUAGE_CODE) & ~Q(
            translation_key__in=translated
        )
        return self.filter(own | untranslated)
