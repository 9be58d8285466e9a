from django.urls import path
from django.utils.translation import gettext_lazy as _

from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class


class ReviewDashboardConfig(OscarDashboardConfig):
    """The department's review desk (staff only) and the producer's page for proposing
    changes to a listed product; mounted in the dashboard at review/."""

    label = "review_dashboard"
    name = "shop.dashboard.review"
    verbose_name = _("OTOP review desk")
    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        producer_or_staff = (
            DashboardPermission.get("catalogue", "view_product", "change_product"),
            DashboardPermission.partner_dashboard_access,
        )
        self.permissions_map = {
            "product-revision": producer_or_staff,
            "product-revision-withdraw": producer_or_staff,
            "product-certificates": producer_or_staff,
        }

    def ready(self):
        from . import views

        self.views = views
        self.configure_permissions()

    def get_urls(self):
        v = self.views
        urls = [
            path("", v.ReviewDeskView.as_view(), name="otop-review"),
            path(
                "applications/<int:pk>/",
                v.ApplicationDecisionView.as_view(),
                name="otop-application",
            ),
            path(
                "revisions/<int:pk>/",
                v.RevisionDecisionView.as_view(),
                name="otop-revision",
            ),
            path(
                "registrations/<int:pk>/",
                v.RegistrationUpdateView.as_view(),
                name="otop-registration",
            ),
            path("ratings/", v.RatingsView.as_view(), name="otop-ratings"),
            path(
                "ratings/import/",
                v.RatingsImportView.as_view(),
                name="otop-ratings-import",
            ),
            path(
                "products/<int:pk>/revision/",
                v.ProductRevisionView.as_view(),
                name="product-revision",
            ),
            path(
                "certificates/import/",
                v.CertificatesImportView.as_view(),
                name="otop-certificates-import",
            ),
            path(
                "products/<int:pk>/certificates/",
                v.ProductCertificatesView.as_view(),
                name="product-certificates",
            ),
            path(
                "products/<int:pk>/revision/withdraw/",
                v.ProductRevisionWithdrawView.as_view(),
                name="product-revision-withdraw",
            ),
        ]
        return self.post_process_urls(urls)
