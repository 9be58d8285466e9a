"""What every page type of the site shares for serving it with few queries."""

from __future__ import annotations

from wagtail.models import PageViewRestriction

from ..restrictions import may_be_private


class ServedPage:
    """Mixed into every page type: its view restrictions known from memory
    (villages.restrictions), and what its template reads, joined when villages.routing
    loads it."""

    serve_select_related: tuple[str, ...] = ()

    @classmethod
    def serve_annotations(cls) -> dict:
        """Annotations villages.routing adds to the query that loads the page."""
        return {}

    def get_view_restrictions(self):
        if not may_be_private(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
