"""Playwright driving Debian's chromium against Django's live server.

Browsers cannot be downloaded here, so the system chromium is used. Without it the
browser tests skip, unless OTOP_REQUIRE_BROWSER is set (CI), where they fail.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("OTOP_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("OTOP_REQUIRE_BROWSER"):
            pytest.fail(
                f"OTOP_REQUIRE_BROWSER is set but there is no chromium at {CHROMIUM}"
            )
        pytest.skip(f"no chromium at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous, so Django's async guard must stand aside.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving one request at a time on SQLite.

    With the in-memory SQLite test database the server's threads and the test share
    one connection (there is no other way to see the same database). A browser fetches
    a page's scripts in parallel, and two requests in one connection's transaction
    break each other ("cannot commit - no transaction is active" in CI). Django's own
    single-threaded WSGIServer closes each connection after its response, so requests
    queue instead. PostgreSQL gives each thread its own connection and keeps threads.
    """
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import QuietWSGIRequestHandler

    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    if server.thread.connections_override:

        def one_at_a_time(connections_override=None):
            thread = server.thread
            return WSGIServer(
                (thread.host, thread.port),
                QuietWSGIRequestHandler,
                allow_reuse_address=False,
            )

        server.thread._create_server = one_at_a_time
    server.start()
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="th-TH"
    )
    page = context.new_page()
    # Generous: the live server shares 2 cores with the other test worker, and a
    # wait is not a speed check (speed is measured in benchmarks/).
    page.set_default_timeout(45_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under artifacts/screenshots/ (kept by CI)."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def home_pages(transactional_db):
    """The Thai and English home pages, as their data migration makes them.

    A transactional test ends with a flush, which empties what migrations created;
    browser tests that start from the home page put it back first."""
    import importlib

    from django.apps import apps

    from wagtail.models import Locale, Page

    from villages.models import HomePage

    if HomePage.objects.exists():
        return
    if not Page.objects.filter(depth=1).exists():
        Locale.objects.get_or_create(language_code="th")
        Page.add_root(instance=Page(title="Root", slug="root"))
    migration = importlib.import_module("villages.migrations.0002_create_home_pages")
    migration.create_home_pages(apps, None)
