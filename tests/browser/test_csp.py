"""The Content-Security-Policy, in a real browser: every storefront page a buyer goes
through (home, region, village, catalogue, category, product, search, basket, each
checkout step, the Stripe redirect, the confirmation, the account) carries the strict
policy and the browser reports no violation; so does Django's admin; the dashboard
and Wagtail's admin carry their looser one, still work (their scripts run) and load
nothing from another site.

A violation shows up twice in Chromium, and both are listened for: the console's
"Refused to …" message and the `securitypolicyviolation` event (recorded by a script
Playwright injects, which CSP does not govern)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from shop.payment.stripe_models import StripeCheckout
from tests.payment.fake_stripe import stripe_replaced
from tests.producers.shop import PASSWORD, make_staff, make_user
from tests.villages.conftest import home, places, site  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Watch:
    """What the browser says about one tab: CSP violations, other sites asked for."""

    def __init__(self, page, base: str):
        self.page = page
        self.console: list[str] = []
        self.foreign: list[str] = []
        self.policies: dict[str, str] = {}
        self.origin = urlsplit(base).netloc
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("request", self._request)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.console.append(message.text)

    def _request(self, request) -> None:
        host = urlsplit(request.url).netloc
        if request.url.startswith("http") and host != self.origin:
            self.foreign.append(request.url)

    def _response(self, response) -> None:
        url = urlsplit(response.url)
        if response.request.resource_type == "document" and url.netloc == self.origin:
            path = url.path
            self.policies[path] = response.headers.get("content-security-policy", "")

    def check(self, where: str) -> None:
        self.page.wait_for_load_state("load")
        events = self.page.evaluate("window.__csp || []")
        assert not events and not self.console, f"{where}: {events} {self.console}"


def strict(policy: str) -> None:
    directives = dict(
        part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip()
    )
    assert directives["script-src"] == "'self'", policy
    assert directives["style-src"] == "'self'", policy
    assert directives["default-src"] == "'self'", policy
    assert "unsafe" not in policy and "nonce" not in policy, policy


def test_storefront_pages_and_checkout_steps_keep_the_strict_policy(
    live_server,
    page,
    screenshot,
    site,  # noqa: F811
):
    base = live_server.url
    watch = Watch(page, base)
    page.route(
        "https://checkout.stripe.com/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<h1>Stripe (stand-in)</h1>"
        ),
    )

    def visit(path: str) -> None:
        response = page.goto(base + path)
        assert response.status == 200, path
        watch.check(path)

    visit("/th/")
    page.locator("a.tile--region").filter(has_text="ภาคเหนือ").click()
    watch.check("region")
    page.get_by_role("link", name="บ้านออนใต้", exact=True).first.click()
    watch.check("village")
    visit("/en/")
    visit("/th/catalogue/")
    page.locator(".category-nav a").first.click()
    watch.check("category")
    visit("/th/search/?q=ผ้าไหม")
    page.fill("#site-search-q", "ผ้า")  # the suggestions' script fetches (connect-src)
    page.wait_for_timeout(600)
    watch.check("search suggestions")
    visit("/th/catalogue/")
    page.locator(".product-card__title a").filter(has_text="ผ้าไหมยกดอก").click()
    watch.check("product")
    page.locator("form.add-to-basket [type=submit]").first.click()
    watch.check("added to basket")
    visit("/th/basket/")

    with stripe_replaced():
        # Stripe: up to the redirect to Stripe's page (form-action lets it through).
        start_checkout(page, base, watch)
        page.check("input[name=method][value=stripe]")
        page.locator("form.payment-methods button[type=submit]").click()
        page.wait_for_url(re.compile(r"/th/checkout/preview/$"))
        watch.check("preview")
        page.locator("#place-order").click()
        page.wait_for_url(re.compile(r"^https://checkout\.stripe\.com/"))
        assert StripeCheckout.objects.count() == 1

    # Cash on delivery, to the confirmation.
    visit("/th/catalogue/")
    page.locator(".product-card__title a").filter(has_text="ร่มกระดาษสา").click()
    page.locator("form.add-to-basket [type=submit]").first.click()
    start_checkout(page, base, watch)
    page.check("input[name=method][value=cash-on-delivery]")
    page.locator("form.payment-methods button[type=submit]").click()
    page.wait_for_url(re.compile(r"/th/checkout/preview/$"))
    page.locator("#place-order").click()
    page.wait_for_url(re.compile(r"/th/checkout/thank-you/$"))
    watch.check("thank you")
    screenshot("csp-checkout-thank-you")

    # A buyer's account pages (Oscar's templates, in ours).
    make_user("buyer-csp@example.com")
    page.goto(f"{base}/th/accounts/login/")
    page.fill("#id_login-username", "buyer-csp@example.com")
    page.fill("#id_login-password", PASSWORD)
    page.locator("button[name=login_submit]").click()
    watch.check("login")
    for path in (
        "/th/accounts/",
        "/th/accounts/profile/",
        "/th/accounts/orders/",
        "/th/accounts/addresses/",
        "/th/accounts/wishlists/create/",
    ):
        visit(path)

    assert len(watch.policies) >= 15, watch.policies
    for path, policy in watch.policies.items():
        assert policy, f"{path} has no Content-Security-Policy"
        strict(policy)
    assert all("checkout.stripe.com" in url for url in watch.foreign), watch.foreign


def start_checkout(page, base: str, watch: Watch) -> None:
    page.goto(f"{base}/th/basket/")
    page.locator("a[href='/th/checkout/']").first.click()
    watch.check("checkout gateway")
    if page.locator("input[name=username]").count():
        page.fill("input[name=username]", "somsri@example.com")
        page.check("input[name=options][value=anonymous]")
        gateway = page.locator("form", has=page.locator("input[name=username]"))
        gateway.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/th/checkout/shipping-address/$"))
    watch.check("shipping address")
    page.fill("input[name=first_name]", "สมศรี")
    page.fill("input[name=last_name]", "ใจดี")
    page.fill("input[name=phone_number]", "081-234-5678")
    page.fill("input[name=line1]", "99/1 ถนนหน้าพระลาน")
    page.select_option("select[name=province]", "50")  # thai-address.js fetches
    page.wait_for_selector(
        "select[name=district] option[value='5013']", state="attached"
    )
    page.select_option("select[name=district]", "5013")
    page.wait_for_selector(
        "select[name=tambon] option[value='501306']", state="attached"
    )
    page.select_option("select[name=tambon]", "501306")
    watch.check("address script")
    page.locator("button[name=action][value=continue]").click()
    page.wait_for_url(re.compile(r"/th/checkout/(shipping-method|payment-method)/$"))
    if "shipping-method" in page.url:
        watch.check("shipping method")
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/th/checkout/payment-method/$"))
    watch.check("payment method")


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/th/dashboard/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("#dashboard_login_form [type=submit]").click()
    page.wait_for_url(f"{base}/th/dashboard/")


def test_back_offices_work_under_their_own_policy_with_local_assets(
    live_server,
    page,
    site,  # noqa: F811
):
    base = live_server.url
    watch = Watch(page, base)
    make_staff()
    admin = make_user("root-csp@example.com", is_staff=True, is_superuser=True)

    log_in(page, base, "cdd-staff@otop.example")
    for path in (
        "/th/dashboard/",
        "/th/dashboard/catalogue/",
        "/th/dashboard/orders/",
        "/th/dashboard/review/",
    ):
        response = page.goto(base + path)
        assert response.status == 200, path
        watch.check(path)
        # Oscar's dashboard script started (it needs the local jQuery).
        assert page.evaluate("typeof window.jQuery") == "function", path
        assert page.evaluate("typeof window.oscar") == "object", path
    page.goto(base + "/th/dashboard/catalogue/")
    page.locator("table a[href*='/dashboard/catalogue/products/']").first.click()
    watch.check("product edit")
    page.context.clear_cookies()

    log_in(page, base, admin.email)
    for path in ("/cms/", "/cms/pages/", f"/cms/pages/{site['village'].pk}/edit/"):
        response = page.goto(base + path)
        assert response.status == 200, path
        watch.check(path)
    # Wagtail's page editor came alive (its scripts ran): the tabs are interactive.
    assert page.locator("[data-w-tabs-target='trigger']").count() > 0
    page.goto(base + "/django-admin/")  # signed in already, as a superuser
    watch.check("django admin")
    page.goto(base + "/django-admin/auth/user/")
    watch.check("django admin users")
    # The Wagtail user bar, on a storefront page, for an editor.
    response = page.goto(base + "/th/")
    watch.check("home with the user bar")
    assert page.locator("wagtail-userbar").count() == 1

    assert not watch.foreign, watch.foreign
    for path, policy in watch.policies.items():
        if re.match(r"^/cms/|^/th/dashboard/", path):
            assert "script-src 'self' 'unsafe-inline'" in policy, (path, policy)
            assert "default-src 'self'" in policy, (path, policy)
        else:
            strict(policy)
