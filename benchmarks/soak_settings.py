"""Settings of the server that benchmarks/soak.py runs: the production settings (or, with
SOAK_BASE=dev, the embedded default's), served over plain HTTP on loopback, with
Stripe's API at the soak's fake Stripe server (SOAK_STRIPE_URL) instead of Stripe.

What differs from production, and why:
- plain HTTP on 127.0.0.1: no HTTPS redirect, no Secure flag on cookies (a client on
  http:// would not send them back), no HSTS;
- static files by name, without collectstatic's manifest (the soak fetches pages, not
  their assets);
- `stripe.api_base`: the SDK's requests go to the fake, through the SDK's own HTTP
  client (the same boundary tests/payment/fake_stripe.py replaces in-process).
"""

import os

import stripe

if os.environ.get("SOAK_BASE") == "dev":
    from config.settings.dev import *  # noqa: F403
else:
    from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The soak's clients all come from 127.0.0.1: login throttling per username + IP
# still applies (they never give a wrong password).

stripe.api_base = os.environ["SOAK_STRIPE_URL"]
STRIPE_SECRET_KEY = "sk_test_soak"
STRIPE_WEBHOOK_SECRET = os.environ.get("SOAK_WEBHOOK_SECRET", "whsec_test_otop")
