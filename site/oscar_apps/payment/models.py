"""Oscar's payment models, plus what we keep of Stripe Checkout."""

from .stripe_models import StripeCheckout, StripeEvent  # noqa: F401

from oscar.apps.payment.models import *  # noqa: E402,F403
