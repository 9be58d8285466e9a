"""E-mails in the buyer's language (the language of checkout, stored on the order),
linking to SITE_URL, from the configured sender."""

from django.conf import settings
from django.core import mail
from django.test import Client

import pytest

from shop.order.shipments import ProducerShipment
from tests.checkout.shop import build_shop, checkout_up_to_preview, place_order

pytestmark = pytest.mark.django_db

THAI = "ยืนยันคำสั่งซื้อ"


def buy(language: str, capture):
    shop = build_shop()
    client = Client()
    checkout_up_to_preview(
        client, (shop.silk, 1), email="tourist@example.com", language=language
    )
    with capture(execute=True):  # the e-mails leave once the order is committed
        assert place_order(client, language).status_code == 302
    order = shop.silk.line_set.get().order
    return shop, order


def buyer_mail(address: str = "tourist@example.com"):
    return [m for m in mail.outbox if address in m.to]


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_confirmation_is_in_the_language_of_checkout(
    language, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://otop.example"
    settings.OSCAR_FROM_EMAIL = "OTOP <orders@otop.example>"
    shop, order = buy(language, django_capture_on_commit_callbacks)

    assert order.language == language
    [confirmation] = buyer_mail()
    body = confirmation.body
    link = f"https://otop.example/{language}/accounts/order-status/{order.number}/"
    assert link in body
    assert "example.com" not in body.replace("tourist@example.com", "")
    assert confirmation.from_email == "OTOP <orders@otop.example>"
    if language == "th":
        assert confirmation.subject.startswith(THAI), confirmation.subject
        assert "ขอบคุณ" in body and "Thank you" not in body
    else:
        assert confirmation.subject == f"Confirmation of order {order.number}"
        assert "Thank you for your order" in body and "ขอบคุณ" not in body


def test_the_dispatch_notice_follows_the_order_language(
    django_capture_on_commit_callbacks,
):
    shop, order = buy("en", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    parcel = ProducerShipment.objects.get(order=order)
    with django_capture_on_commit_callbacks(execute=True):
        parcel.accept()
        parcel.ship("EF123456789TH")

    [notice] = buyer_mail()
    assert "EF123456789TH" in notice.body
    assert "has sent your parcel" in notice.subject
    assert f"{settings.SITE_URL}/en/" in notice.body
