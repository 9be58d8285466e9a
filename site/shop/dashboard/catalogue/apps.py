import oscar.apps.dashboard.catalogue.apps as apps
from oscar.core.loading import get_class


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    name = "shop.dashboard.catalogue"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        # Producers have no use for the lookup (it feeds the recommendations form,
        # which they do not get) and it would list every producer's products.
        self.permissions_map["catalogue-product-lookup"] = DashboardPermission.get(
            "catalogue", "view_product"
        )
