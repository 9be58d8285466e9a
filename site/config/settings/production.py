"""Production: refuses to start without a secret key, allowed hosts and a database."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not env(required, default=""):
        raise ImproperlyConfigured(f"{required} must be set in production")

DEBUG = False
# WhiteNoise serves the collected static files (runserver does it in development).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"]["BACKEND"] = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
)
# HTTPS only. Behind a proxy that terminates TLS, the proxy says so in
# X-Forwarded-Proto (and must overwrite any such header a client sends); a plain-HTTP
# request is redirected to HTTPS (SECURE_SSL_REDIRECT=false if the proxy does it).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: browsers use HTTPS only, for a year, on the shop's host and its subdomains.
# `preload` lets the apex domain be submitted to the browsers' preload list
# (hstspreload.org), so that even a first visit (a buyer on café Wi-Fi, before any
# HSTS header reached them) never goes over plain HTTP: a shop with logins, addresses
# and payments has no page to offer over HTTP. The list accepts only an apex domain
# sending a year, includeSubDomains and preload; on a subdomain (shop.example.go.th)
# the directive does nothing. Turn either off, with the environment, when other
# subdomains of the domain still need plain HTTP (check --deploy then says so).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
