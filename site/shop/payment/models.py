"""Oscar's payment models, plus what we keep of Stripe Checkout."""

from oscar.apps.payment.models import *  # noqa: E402,F403

from .stripe_models import StripeCheckout, StripeEvent, StripeRefund  # noqa: F401
