"""Settle what Stripe's webhooks missed; run it every few minutes (cron, systemd timer)."""

from django.core.management.base import BaseCommand

from shop.checkout.payment_methods import stripe_enabled
from shop.payment.reconciliation import run


class Command(BaseCommand):
    help = (
        "Match recent Stripe Checkout Sessions with orders (marking paid orders paid) and "
        "close pending orders whose payment time is over, releasing their stock."
    )

    def handle(self, *args, **options) -> None:
        if not stripe_enabled():
            self.stdout.write(
                "Stripe is not configured (STRIPE_SECRET_KEY): nothing to do."
            )
            return
        for line in run().lines():
            self.stdout.write(line)
