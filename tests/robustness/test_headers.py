"""Production headers: the Content-Security-Policy on every kind of page (cached ones
included), the back offices' looser policy, robots.txt and the favicon without the
database, the dashboard's jQuery from our own files, and `check --deploy` clean with
the production settings. (tests/browser/test_csp.py checks the policies in a browser.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pagecache.pages import get, storefront_urls
from tests.producers.shop import make_staff
from tests.villages.conftest import home, places, site  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(
        part.strip().split(" ", 1) for part in policy.split(";") if part.strip()
    )


def assert_strict(response, where) -> None:
    policy = directives(response)
    assert policy["default-src"] == "'self'", where
    assert policy["script-src"] == "'self'", where
    assert policy["style-src"] == "'self'", where
    assert policy["object-src"] == "'none'", where
    assert policy["frame-ancestors"] == "'none'", where
    assert "unsafe" not in response["Content-Security-Policy"], where
    assert "nonce" not in response["Content-Security-Policy"], where


@pytest.mark.django_db
def test_every_cached_storefront_page_carries_the_same_strict_policy(
    client,
    site,  # noqa: F811
    settings,
):
    settings.PAGE_CACHE_SECONDS = 3600
    for name, url in storefront_urls(site).items():
        first, _ = get(client, url)
        again, queries = get(client, url)
        assert first.status_code == again.status_code == 200, name
        assert queries == 0, (name, "not served from the cache")
        assert_strict(first, name)
        assert directives(again) == directives(first), name
        assert again.content == first.content, name  # no per-request nonce inside


@pytest.mark.django_db
def test_error_pages_and_personal_pages_are_strict_too(client, site):  # noqa: F811
    for url in ("/th/basket/", "/th/checkout/", "/th/accounts/login/", "/th/nowhere/"):
        assert_strict(client.get(url), url)


@pytest.mark.django_db
def test_back_offices_have_their_looser_policy_and_local_jquery(client, site):  # noqa: F811
    client.force_login(make_staff())
    dashboard = client.get("/th/dashboard/")
    assert dashboard.status_code == 200
    policy = directives(dashboard)
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    html = dashboard.content.decode()
    assert "/static/oscar/js/jquery/jquery.min.js" in html
    assert "googleapis" not in html and "document.write" not in html
    assert "'unsafe-inline'" in client.get("/cms/login/")["Content-Security-Policy"]
    assert_strict(client.get("/django-admin/login/"), "django admin")
    # Only the dashboard's own prefix: a storefront path that merely contains it is not.
    assert_strict(client.get("/th/catalogue/?q=/th/dashboard/"), "catalogue")


def test_robots_txt_keeps_crawlers_out_of_personal_pages_without_the_database(client):
    # No django_db mark: any query (or transaction) would fail the test.
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "public" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for language in ("th", "en"):
        for path in ("basket/", "checkout/", "accounts/", "dashboard/", "search/?"):
            assert f"Disallow: /{language}/{path}" in lines
        # /producer/shipments/ is private, /producers/ (the directory) is not.
        assert f"Disallow: /{language}/producer/shipments/" in lines
        assert f"Disallow: /{language}/producer" not in lines
        assert f"Disallow: /{language}/catalogue/" not in lines
    assert "Disallow: /cms/" in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"
    assert client.post("/robots.txt").status_code == 405


def test_favicon_ico_points_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def test_deploy_check_is_clean_with_the_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-for-the-check-0123456789",
        "ALLOWED_HOSTS": "shop.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    env.pop("DEBUG", None)
    # Set by the browser tests' fixture (tests/browser/conftest.py) when they ran first.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout
    # And the HSTS it promises: a year, subdomains, preload.
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, 'site'); import django; django.setup();"
            "from django.conf import settings as s;"
            "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
            " s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shown.stdout.split() == ["31536000", "True", "True", "True"], shown.stderr
