"""Tests: fast hashing, local-memory cache, a throw-away media folder."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off, so that tests see every render (its context, its queries); the page cache's own
# tests turn it on (tests/pagecache).
PAGE_CACHE_SECONDS = 0
MEDIA_ROOT = tempfile.mkdtemp(prefix="otop-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STRIPE_SECRET_KEY = "sk_test_otop"
STRIPE_WEBHOOK_SECRET = "whsec_test_otop"
# Every search reads the indexed vocabulary afresh (it is cheap on a test catalogue).
SEARCH_VOCABULARY_SECONDS = 0
