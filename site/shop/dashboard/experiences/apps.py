from django.urls import path
from django.utils.translation import gettext_lazy as _

from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class ExperiencesDashboardConfig(OscarDashboardConfig):
    """The host's slot editor: a producer's staff add, edit and close the dated slots
    of the experiences their producer hosts; mounted in the dashboard at experiences/."""

    label = "experiences_dashboard"
    name = "shop.dashboard.experiences"
    verbose_name = _("Village experiences")

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        # Staff, or a producer's members (narrowed to its experiences in the views).
        self.default_permissions = (
            DashboardPermission.staff,
            DashboardPermission.partner_dashboard_access,
        )

    def ready(self):
        from . import views

        self.views = views
        self.configure_permissions()

    def get_urls(self):
        v = self.views
        urls = [
            path("", v.ExperienceListView.as_view(), name="experience-list"),
            path("<int:pk>/", v.SlotListView.as_view(), name="experience-slots"),
            path(
                "<int:pk>/slots/add/",
                v.SlotCreateView.as_view(),
                name="experience-slot-create",
            ),
            path(
                "slots/<int:pk>/",
                v.SlotUpdateView.as_view(),
                name="experience-slot-update",
            ),
            path(
                "slots/<int:pk>/close/",
                v.SlotCloseView.as_view(),
                name="experience-slot-close",
            ),
        ]
        return self.post_process_urls(urls)
