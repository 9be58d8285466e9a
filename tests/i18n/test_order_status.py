"""The guest's order-status page (the link in the confirmation e-mail) shows each
producer's parcel with its status, courier and tracking number, in Thai."""

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
    silk.ship("EF123456789TH")

    # The link asks the guest for the e-mail address of the order first.
    form = client.get(order_status_path(silk.order))["Location"]
    response = client.post(form, {"email": "somsri@example.com"}, follow=True)
    assert response.status_code == 200, response
    html = response.content.decode()

    assert "EF123456789TH" in html
    assert "หมายเลขพัสดุ" in html and "ผู้ให้บริการขนส่ง" in html
    assert html.count('class="parcel-status__item"') == 2  # the chili parcel too
    assert "จัดส่งแล้ว" in html  # the silk parcel's status
