from django.urls import path

import oscar.apps.search.apps as apps
from oscar.core.loading import get_class


class SearchConfig(apps.SearchConfig):
    name = "oscar_apps.search"

    def ready(self):
        super().ready()
        from . import receivers

        receivers.connect()
        self.suggest_view = get_class("search.views", "SuggestView")

    def get_urls(self):
        return self.post_process_urls(
            [
                path("", self.search_view.as_view(), name="search"),
                path("suggest/", self.suggest_view.as_view(), name="suggest"),
            ]
        )
