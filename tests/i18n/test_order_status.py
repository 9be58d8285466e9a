"""The order-status pages (the guest's, through the link in the confirmation e-mail,
and the order in a buyer's account) show each producer's parcel with its status,
courier and tracking number, in the page's language; so does the dispatch e-mail."""

import pytest

from shop.order.notifications import order_status_path
from shop.order.shipments import ProducerShipment
from tests.checkout.shop import build_shop, checkout_up_to_preview, place_order

pytestmark = pytest.mark.django_db


def test_the_guest_sees_each_parcels_tracking_number(client):
    shop = build_shop()
    checkout_up_to_preview(client, (shop.silk, 1), (shop.chili, 1))
    assert place_order(client).status_code == 302
    silk = ProducerShipment.objects.get(partner=shop.weavers.partner)
    silk.accept()
    silk.ship("EF123456789TH", "thailand-post")

    # The link asks the guest for the e-mail address of the order first.
    form = client.get(order_status_path(silk.order))["Location"]
    response = client.post(form, {"email": "somsri@example.com"}, follow=True)
    assert response.status_code == 200, response
    html = response.content.decode()

    assert "EF123456789TH" in html
    assert "หมายเลขพัสดุ" in html and "ผู้ให้บริการขนส่ง: " in html
    assert '<span class="parcel-status__courier">ไปรษณีย์ไทย</span>' in html
    assert html.count('class="parcel-status__item"') == 2  # the chili parcel too
    assert "จัดส่งแล้ว" in html  # the silk parcel's status


def test_the_buyers_account_shows_each_parcels_courier_in_english(
    client, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model
    from django.core import mail

    shop = build_shop()
    buyer = get_user_model().objects.create_user(
        "somsri", "somsri.account@example.com", "otop-demo-2026"
    )
    checkout_up_to_preview(client, (shop.chili, 2), language="en")
    assert place_order(client, language="en").status_code == 302
    chili = ProducerShipment.objects.get(partner=shop.cooks.partner)
    # The guest's order, made the buyer's own: as if placed signed in.
    type(chili.order).objects.filter(pk=chili.order_id).update(user=buyer)
    client.force_login(buyer)
    chili.accept()
    with django_capture_on_commit_callbacks(execute=True):
        chili.ship("KEX0001234567", "kerry")

    html = client.get(f"/en/accounts/orders/{chili.order.number}/").content.decode()
    assert '<span class="parcel-status__courier">Kerry Express (KEX)</span>' in html
    assert "KEX0001234567" in html and "Shipped" in html
    [notice] = [m for m in mail.outbox if "KEX0001234567" in m.body]
    assert "Tracking number: KEX0001234567 (Kerry Express (KEX))" in notice.body
