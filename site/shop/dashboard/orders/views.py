"""Oscar's order dashboard, narrowed for a producer's staff.

Oscar shows a partner user every order that has one of its lines, in full: every line,
the order total, the buyer's e-mail and billing address, notes and payments. A producer
here sees, of such an order, only its own lines (`Line.partner` is one of its partners)
and what it needs to ship them: the delivery name, address and phone. It can mark its
own lines shipped, or move them along the line status pipeline, and nothing else;
order-wide actions stay with the department's staff. Naming another producer's order,
line or selection answers 403 or 404.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F403
from oscar.core.compat import UnicodeCSVWriter
from oscar.core.loading import get_model
from oscar.core.utils import datetime_combine, format_datetime

from .forms import ProducerOrderSearchForm

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEventType = get_model("order", "ShippingEventType")

PRODUCER_LINE_ACTIONS = ("change_line_statuses", "create_shipping_event")


def own_lines(user):
    """Order lines that `user` may see: all for staff, their partners' for others."""
    if user.is_staff:
        return Line.objects.all()
    return Line.objects.filter(partner__users=user)


def producer_orders(user):
    """Orders with a line of one of `user`'s partners, annotated with that share only."""
    lines = own_lines(user).filter(order=OuterRef("pk")).order_by().values("order")
    return (
        Order.objects.filter(pk__in=own_lines(user).values("order_id"))
        .select_related("shipping_address")
        .annotate(
            own_quantity=Coalesce(
                Subquery(lines.annotate(n=Sum("quantity")).values("n")),
                0,
                output_field=IntegerField(),
            ),
            own_total=Subquery(
                lines.annotate(t=Sum("line_price_incl_tax")).values("t"),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            ),
        )
    )


class OrderListView(oscar_views.OrderListView):
    PRODUCER_CSV_COLUMNS = {
        "number": _("Order number"),
        "date": _("Date of purchase"),
        "num_items": _("Number of items"),
        "value": _("Value of your items"),
        "line_statuses": _("Status of your items"),
        "shipping_address_name": _("Deliver to name"),
    }

    def dispatch(self, request, *args, **kwargs):
        self.producer_view = not request.user.is_staff
        if self.producer_view:
            self.form_class = ProducerOrderSearchForm
        return super().dispatch(request, *args, **kwargs)

    def get_actions(self):
        if self.producer_view:
            return {"download_selected_orders": None}
        return super().get_actions()

    def post(self, request, *args, **kwargs):
        if self.producer_view and request.POST.get("action") not in self.get_actions():
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_selected_ids(self, request):
        ids = super().get_selected_ids(request)
        if self.producer_view:
            try:
                posted = {int(pk) for pk in request.POST.getlist("selected_order")}
            except ValueError:
                raise PermissionDenied from None
            if not posted <= set(ids):
                raise PermissionDenied(_("You can only act on orders with your items."))
        return ids

    def get_queryset(self):
        if not self.producer_view:
            return super().get_queryset()
        # Orders to ship: one holding only bookings of the producer's experiences
        # has nothing to send (the host follows it at experiences/host/).
        travelling = own_lines(self.request.user).exclude(
            Q(product__product_class__requires_shipping=False)
            | Q(product__parent__product_class__requires_shipping=False)
        )
        self.base_queryset = (
            producer_orders(self.request.user)
            .filter(pk__in=travelling.values("order_id"))
            .order_by("-date_placed")
        )
        queryset = self.base_queryset
        self.form = self.form_class(self.request.GET)
        if not self.form.is_valid():
            return queryset
        data = self.form.cleaned_data
        # Only searches on the producer's own lines and the order's number and date:
        # a search on another producer's items or the buyer's other details would
        # answer questions about them.
        if data["order_number"]:
            queryset = queryset.filter(number__istartswith=data["order_number"])
        line_filters = {
            "title__istartswith": data["product_title"],
            "upc": data["upc"],
            "partner_sku": data["partner_sku"],
        }
        for lookup, value in line_filters.items():
            if value:
                matching = own_lines(self.request.user).filter(**{lookup: value})
                queryset = queryset.filter(pk__in=matching.values("order_id"))
        if data["date_from"]:
            queryset = queryset.filter(
                date_placed__gte=datetime_combine(data["date_from"], datetime.time.min)
            )
        if data["date_to"]:
            queryset = queryset.filter(
                date_placed__lt=datetime_combine(data["date_to"], datetime.time.max)
            )
        return queryset

    def get_search_filter_descriptions(self):
        if self.producer_view:
            return []
        return super().get_search_filter_descriptions()

    def get_template_names(self):
        if self.producer_view:
            return ["oscar/dashboard/orders/producer_order_list.html"]
        return super().get_template_names()

    def download_selected_orders(self, request, orders):
        if not self.producer_view:
            return super().download_selected_orders(request, orders)
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = (
            f"attachment; filename={self.get_download_filename(request)}"
        )
        writer = UnicodeCSVWriter(open_file=response)
        writer.writerow(self.PRODUCER_CSV_COLUMNS.values())
        orders = producer_orders(request.user).filter(pk__in=[o.pk for o in orders])
        statuses = {}
        for order_id, status in (
            own_lines(request.user)
            .filter(order__in=orders)
            .values_list("order_id", "status")
        ):
            statuses.setdefault(order_id, set()).add(status or "-")
        for order in orders.order_by("-date_placed"):
            address = order.shipping_address
            writer.writerow(
                [
                    order.number,
                    format_datetime(order.date_placed, "DATETIME_FORMAT"),
                    order.own_quantity,
                    f"{order.own_total or 0:.2f}",
                    ", ".join(sorted(statuses.get(order.pk, ()))),
                    address.name if address else "",
                ]
            )
        return response


class OrderDetailView(oscar_views.OrderDetailView):
    def get_template_names(self):
        if not self.request.user.is_staff:
            return ["oscar/dashboard/orders/producer_order_detail.html"]
        return super().get_template_names()

    def get_order_lines(self):
        return self.object.lines.filter(
            pk__in=own_lines(self.request.user).values("pk")
        )

    def handle_order_action(self, request, order, action):
        if not request.user.is_staff:
            raise PermissionDenied(_("Order-wide changes are made by the department."))
        return super().handle_order_action(request, order, action)

    def handle_line_action(self, request, order, action):
        if not request.user.is_staff:
            if action not in PRODUCER_LINE_ACTIONS:
                raise PermissionDenied
            requested = set(request.POST.getlist("selected_line"))
            own = {
                str(pk) for pk in self.get_order_lines().values_list("pk", flat=True)
            }
            if not requested <= own:
                raise PermissionDenied(_("You can only act on your own items."))
        return super().handle_line_action(request, order, action)

    def get_context_data(self, **kwargs):
        if self.request.user.is_staff:
            return super().get_context_data(**kwargs)
        # Only what a producer may see: its lines, their shipping and the address.
        ctx = DetailView.get_context_data(self, **kwargs)
        lines = self.get_order_lines().select_related("product", "stockrecord")
        ctx["lines"] = lines
        ctx["own_total"] = sum((line.line_price_incl_tax for line in lines), 0)
        ctx["shipping_events"] = (
            self.object.shipping_events.filter(lines__in=lines)
            .distinct()
            .select_related("event_type")
            .prefetch_related("line_quantities__line")
        )
        ctx["shipping_event_types"] = ShippingEventType.objects.all()
        ctx["line_statuses"] = {
            status for line in lines for status in line.available_statuses()
        }
        return ctx


class LineDetailView(oscar_views.LineDetailView):
    def get_object(self, queryset=None):
        line = super().get_object(queryset)
        if not own_lines(self.request.user).filter(pk=line.pk).exists():
            raise Http404
        return line
