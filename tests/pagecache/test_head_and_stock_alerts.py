"""HEAD requests and out-of-stock product pages come from the shared cache too; the
stock-alert form of an out-of-stock page carries no CSRF token, and is accepted only
from this site's own pages."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from oscar.core.loading import get_model

import pytest

from .pages import get, text

pytestmark = pytest.mark.django_db

ProductAlert = get_model("customer", "ProductAlert")


def test_a_head_request_stores_the_page_for_the_gets_after_it(client, site):
    url = "/th/catalogue/"
    head = client.head(url)
    assert head.status_code == 200 and not head.content
    assert "public" in head["Cache-Control"] and not head.cookies

    page, queries = get(client, url)
    assert queries == 0, "the GET after a HEAD renders the page again"
    assert "ผ้าไหมยกดอก" in text(page)

    again = client.head(url)
    assert again.status_code == 200 and again["ETag"] == page["ETag"]


def out_of_stock(site):
    silk = site["products"]["silk"]
    record = silk.stockrecords.get()
    record.num_in_stock = 0
    record.save()
    return silk


def test_an_out_of_stock_product_page_is_shared(client, site):
    silk = out_of_stock(site)
    url = silk.get_absolute_url()
    first, _ = get(client, url)
    assert first.status_code == 200
    assert not first.cookies, "a CSRF cookie makes the page personal"
    assert "public" in first["Cache-Control"]
    assert 'id="alert_form"' in text(first)
    assert "csrfmiddlewaretoken" not in text(first)

    again, queries = get(client, url)
    assert queries == 0 and again.content == first.content


@pytest.fixture
def browser():
    """A client that enforces CSRF checks, as a real browser session meets them."""
    return Client(enforce_csrf_checks=True)


def alert_action(browser, product) -> str:
    page = text(browser.get(product.get_absolute_url()))
    form = re.search(r'<form id="alert_form"[^>]+action="([^"]+)"', page)
    assert form, "no stock-alert form"
    return form.group(1)


def test_the_alert_form_asks_for_an_alert_from_this_site(browser, site):
    silk = out_of_stock(site)
    response = browser.post(
        alert_action(browser, silk),
        {"email": "somchai@example.com"},
        headers={"sec-fetch-site": "same-origin", "origin": "http://testserver"},
    )
    assert response.status_code == 302
    alert = ProductAlert.objects.get(product=silk)
    assert alert.email == "somchai@example.com"
    assert len(mail.outbox) == 1  # Oscar's confirmation e-mail


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"sec-fetch-site": "cross-site", "origin": "https://evil.example"},
        {"sec-fetch-site": "same-origin", "origin": "https://evil.example"},
    ],
)
def test_anything_else_is_asked_to_confirm(browser, site, headers):
    silk = out_of_stock(site)
    response = browser.post(
        alert_action(browser, silk), {"email": "somchai@example.com"}, headers=headers
    )
    assert response.status_code == 200
    assert not ProductAlert.objects.exists()
    page = text(response)
    assert "csrfmiddlewaretoken" in page
    assert f'action="/th/accounts/alerts/create/{silk.pk}/"' in page
    assert 'value="somchai@example.com"' in page

    # Pressing its button (with the token) asks for the alert.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    confirmed = browser.post(
        f"/th/accounts/alerts/create/{silk.pk}/",
        {"email": "somchai@example.com", "csrfmiddlewaretoken": token},
    )
    assert confirmed.status_code == 302
    assert ProductAlert.objects.filter(product=silk).count() == 1
