from django.db.models import Sum

from oscar.apps.dashboard import views as oscar_views
from oscar.apps.dashboard.views import *  # noqa: F403
from oscar.core.loading import get_model

from catalogue.producers.membership import producers_of
from catalogue.producers.models import ListingRevision
from shop.dashboard.parcels.language import LanguageForm

Product = get_model("catalogue", "Product")
Line = get_model("order", "Line")


class IndexView(oscar_views.IndexView):
    """Oscar's overview for staff; for a producer, figures on its own products and
    lines only (Oscar's non-staff figures include whole orders, other producers'
    lines and open baskets)."""

    def get(self, request, *args, **kwargs):
        from shop.dashboard.parcels.language import language_redirect

        return language_redirect(request) or super().get(request, *args, **kwargs)

    def get_stats(self):
        user = self.request.user
        if user.is_staff:
            return super().get_stats()
        products = Product.objects.filter(producer__in=producers_of(user))
        lines = Line.objects.filter(partner__users=user)
        return {
            "producers": producers_of(user),
            "language_form": LanguageForm(
                initial={
                    "language": producers_of(user)
                    .values_list("language", flat=True)
                    .first()
                }
            ),
            "total_products": products.count(),
            "pending_revisions": ListingRevision.objects.pending()
            .filter(product__in=products)
            .count(),
            "total_orders": lines.values("order_id").distinct().count(),
            "total_lines": lines.count(),
            "total_revenue": lines.aggregate(total=Sum("line_price_incl_tax"))["total"]
            or 0,
        }
