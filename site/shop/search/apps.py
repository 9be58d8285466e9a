from django.urls import path

import oscar.apps.search.apps as apps
from oscar.core.loading import get_class


class SearchConfig(apps.SearchConfig):
    name = "shop.search"

    def ready(self):
        super().ready()
        from . import receivers

        receivers.connect()
        # Imports and demo data rewrite the index once, at the end.
        from catalogue.bulk import on_bulk_change

        from .indexing import batch

        on_bulk_change(batch)
        self.suggest_view = get_class("search.views", "SuggestView")

    def get_urls(self):
        return self.post_process_urls(
            [
                path("", self.search_view.as_view(), name="search"),
                path("suggest/", self.suggest_view.as_view(), name="suggest"),
            ]
        )
