"""Monthly statements of what each producer is owed (`shop.order.settlement`): a
producer's own, at /producer/statements/, and every producer's for staff on the
review desk, where staff also record refunds and mark a statement paid. Both export
CSV (UTF-8 with a BOM, like the open data)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from oscar.core.loading import get_model

from shop.order.settlement import (
    ParcelRefund,
    SettlementPayment,
    Statement,
    month_start,
    months_with_activity,
    next_month,
    statement_for,
    statements,
)
from shop.order.shipments import ProducerShipment

Partner = get_model("partner", "Partner")

MONTH = re.compile(r"^(\d{4})-(\d{2})$")

CSV_COLUMNS = [
    ("month", _("Month")),
    ("registration_number", _("Registration number")),
    ("producer", _("Producer")),
    ("parcels", _("Delivered parcels")),
    ("products", _("Products (baht)")),
    ("shipping", _("Shipping charged (baht)")),
    ("cash_on_delivery", _("Collected by the courier (baht)")),
    ("online", _("Paid online (baht)")),
    ("on_arrival", _("Paid to the producer on arrival, not owed (baht)")),
    ("refunds", _("Refunds (baht)")),
    ("owed", _("Owed (baht)")),
    ("paid", _("Transferred (baht)")),
    ("balance", _("Still to transfer (baht)")),
    ("references", _("Bank transfer references")),
]


def parse_month(value: str | None) -> date:
    """`YYYY-MM`, or this month when not given; anything else is a 404."""
    if not value:
        return month_start(timezone.localdate())
    match = MONTH.match(value)
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
        raise Http404(_("No such month."))
    return date(int(match[1]), int(match[2]), 1)


def statements_csv(rows: list[Statement], name: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for s in rows:
        writer.writerow(
            [
                f"{s.month:%Y-%m}",
                s.registration_number,
                s.partner.name,
                s.parcels,
                s.products,
                s.shipping,
                s.cash_on_delivery,
                s.online,
                s.on_arrival,
                s.refunds,
                s.owed,
                s.paid,
                s.balance,
                " ".join(p.reference for p in s.payments),
            ]
        )
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class MonthMixin:
    def get_month(self) -> date:
        return parse_month(self.kwargs.get("month") or self.request.GET.get("month"))


# --- a producer's own ---------------------------------------------------------------


def own_partners(user):
    return Partner.objects.filter(users=user)


class OwnStatementsView(LoginRequiredMixin, MonthMixin, generic.TemplateView):
    """The statements of the producers this user works for, month by month."""

    template_name = "oscar/order/producer_statements.html"

    def get(self, request, *args, **kwargs):
        partners = own_partners(request.user)
        if not partners.exists():
            raise Http404(_("You do not work for a producer."))
        self.month = self.get_month()
        self.rows = [
            statement_for(partner, self.month) for partner in partners.order_by("pk")
        ]
        if request.GET.get("format") == "csv":
            return statements_csv(self.rows, f"statement-{self.month:%Y-%m}.csv")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            month=self.month,
            statements=self.rows,
            months=months_with_activity(own_partners(self.request.user)),
        )
        return ctx


# --- staff --------------------------------------------------------------------------


class SettlementView(MonthMixin, generic.TemplateView):
    """Every producer's statement for a month, with totals; CSV with ?format=csv."""

    template_name = "producers/dashboard/settlement.html"

    def get(self, request, *args, **kwargs):
        self.month = self.get_month()
        self.rows = statements(self.month)
        if request.GET.get("format") == "csv":
            return statements_csv(self.rows, f"settlement-{self.month:%Y-%m}.csv")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        total = Statement(partner=None, month=self.month)
        for s in self.rows:
            for name in (
                "parcels",
                "products",
                "shipping",
                "cash_on_delivery",
                "online",
                "on_arrival",
                "refunds",
                "paid",
            ):
                setattr(total, name, getattr(total, name) + getattr(s, name))
        ctx.update(
            month=self.month,
            statements=self.rows,
            total=total,
            months=months_with_activity(),
        )
        return ctx


class PaymentForm(forms.Form):
    reference = forms.CharField(label=_("Bank transfer reference"), max_length=64)
    amount = forms.DecimalField(
        label=_("Amount transferred (baht)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )


class RefundForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=128)
    amount = forms.DecimalField(
        label=_("Amount refunded (baht)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=255)
    refunded_on = forms.DateField(
        label=_("Refunded on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, partner=None, **kwargs):
        self.partner = partner
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        number = data.get("order_number")
        if number:
            shipment = ProducerShipment.objects.filter(
                order__number=number.strip(), partner=self.partner
            ).first()
            if shipment is None:
                self.add_error(
                    "order_number", _("This producer has no parcel in that order.")
                )
            else:
                data["shipment"] = shipment
                refunded = sum(
                    (r.amount for r in shipment.refunds.all()), Decimal("0.00")
                )
                amount = data.get("amount")
                if amount is not None and refunded + amount > shipment.total:
                    self.add_error(
                        "amount",
                        _(
                            "More than the parcel's %(total)s baht (already refunded: "
                            "%(refunded)s)."
                        )
                        % {"total": shipment.total, "refunded": refunded},
                    )
        return data


class StatementView(MonthMixin, generic.TemplateView):
    """One producer's month for staff: its parcels, refunds and transfers; record a
    refund or mark it paid."""

    template_name = "producers/dashboard/statement.html"

    def dispatch(self, request, *args, **kwargs):
        self.partner = get_object_or_404(
            Partner.objects.select_related("producer"), pk=kwargs["partner"]
        )
        self.month = self.get_month()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        statement = statement_for(self.partner, self.month)
        ctx.update(
            partner=self.partner,
            month=self.month,
            statement=statement,
            payment_form=kwargs.get("payment_form")
            or PaymentForm(
                initial={"amount": statement.balance if statement.balance > 0 else None}
            ),
            refund_form=kwargs.get("refund_form")
            or RefundForm(
                partner=self.partner, initial={"refunded_on": timezone.localdate()}
            ),
            refunds=ParcelRefund.objects.filter(
                shipment__partner=self.partner,
                refunded_on__gte=self.month,
                refunded_on__lt=next_month(self.month),
            ).select_related("shipment__order"),
        )
        return ctx

    @transaction.atomic
    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "refund":
            form = RefundForm(request.POST, partner=self.partner)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(refund_form=form))
            ParcelRefund.objects.create(
                shipment=form.cleaned_data["shipment"],
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                refunded_on=form.cleaned_data["refunded_on"],
                recorded_by=request.user,
            )
            messages.success(request, _("The refund is recorded."))
        else:
            form = PaymentForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(payment_form=form))
            SettlementPayment.objects.create(
                partner=self.partner,
                month=self.month,
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"].strip(),
                paid_by=request.user,
            )
            messages.success(request, _("The transfer is recorded."))
        return redirect(
            "dashboard:otop-statement",
            partner=self.partner.pk,
            month=f"{self.month:%Y-%m}",
        )
