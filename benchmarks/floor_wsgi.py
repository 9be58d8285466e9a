"""The site's WSGI application plus a floor: `/floor/`, a bare Django view returning
30 KB, behind the same middleware on the same server (benchmarks/pages.py).

    gunicorn --pythonpath site,. benchmarks.floor_wsgi:application
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "benchmarks.floor_urls"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
