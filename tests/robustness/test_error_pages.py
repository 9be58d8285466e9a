"""The error pages: 404 in the visitor's language, 400 and 500 in both at once and
without the database (Django renders them with no request context)."""

from django.test import RequestFactory
from django.views.defaults import server_error

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, text",
    [("/th/no-such-page/", "ไม่พบหน้านี้"), ("/en/no-such-page/", "Page not found")],
)
def test_the_404_page_speaks_the_visitors_language(client, url, text):
    response = client.get(url)
    assert response.status_code == 404
    assert text in response.content.decode()


def test_the_500_page_renders_without_the_database():
    # No django_db mark: any query would fail the test.
    response = server_error(RequestFactory().get("/th/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "ขออภัย เกิดข้อผิดพลาด" in page and "Sorry, something went wrong" in page
    assert "/static/css/site.css" in page
