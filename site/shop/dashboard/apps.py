from django.apps import apps
from django.urls import include, path

import oscar.apps.dashboard.apps as dashboard_apps


class DashboardConfig(dashboard_apps.DashboardConfig):
    """Oscar's dashboard, plus the department's review desk (producers/dashboard)
    and the hosts' slot editor (experiences/)."""

    name = "shop.dashboard"

    def ready(self):
        super().ready()
        from oscar.forms.widgets import DateTimeWidgetMixin

        # Oscar's date pickers (dashboard and account filters), with valid markup.
        DateTimeWidgetMixin.template_name = "shop/forms/date_time_picker.html"
        self.review_app = apps.get_app_config("review_dashboard")
        self.experiences_app = apps.get_app_config("experiences_dashboard")

    def get_urls(self):
        urls = super().get_urls()
        urls.append(path("review/", include(self.review_app.urls[0])))
        urls.append(path("experiences/", include(self.experiences_app.urls[0])))
        return urls
