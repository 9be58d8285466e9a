import oscar.apps.dashboard.orders.apps as apps
from oscar.core.loading import get_class


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "shop.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        # Order-wide figures, notes and the buyer's address are the department's:
        # a producer works on its own lines only (see views.py).
        for name in ("order-stats", "order-detail-note", "order-shipping-address"):
            self.permissions_map[name] = DashboardPermission.get("order", "view_order")
