"""A producer group chooses its language: its new-order notices are written in it and
its dashboard opens in it; the buyer's e-mails keep the buyer's language."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

import pytest

from catalogue.producers.membership import join_producer
from tests.checkout.shop import build_shop, checkout_up_to_preview, place_order

pytestmark = pytest.mark.django_db


def member_client(shop) -> Client:
    User = get_user_model()
    member = User.objects.filter(username="member").first()
    if member is None:
        member = User.objects.create_user("member", "member@donluang.example", "x")
        join_producer(member, shop.weavers)
    client = Client()
    client.force_login(member)
    return client


def test_a_member_chooses_english_and_the_dashboard_follows():
    shop = build_shop()
    client = member_client(shop)
    page = client.get("/th/dashboard/").content.decode()
    assert 'id="producer-language"' in page and "ภาษาของอีเมลและแผงควบคุม" in page

    response = client.post("/th/producer/language/", {"language": "en"})
    assert response.status_code == 302 and response["Location"] == "/en/dashboard/"
    shop.weavers.refresh_from_db()
    assert shop.weavers.language == "en"
    page = client.get("/en/dashboard/").content.decode()
    assert "E-mails and the dashboard are now in English." in page

    # Next time (a new session), the dashboard opens in English once; the language
    # switcher still works after that.
    client = member_client(shop)
    response = client.get("/th/dashboard/")
    assert response.status_code == 302 and response["Location"] == "/en/dashboard/"
    assert client.get("/th/dashboard/").status_code == 200


def test_staff_are_never_redirected(admin_client):
    build_shop()
    assert admin_client.get("/th/dashboard/").status_code == 200


def test_the_producer_notice_is_in_the_producers_language_the_buyers_in_theirs(
    django_capture_on_commit_callbacks,
):
    shop = build_shop()
    shop.weavers.language = "en"
    shop.weavers.save()
    client = Client()
    checkout_up_to_preview(
        client, (shop.silk, 1), (shop.chili, 1), email="somsri@example.com"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert place_order(client).status_code == 302

    [weavers] = [m for m in mail.outbox if "weavers@otop.example" in m.to]
    assert "A buyer has ordered your products" in weavers.body
    assert "Hand-woven mudmee silk" in weavers.body  # the product's English title
    assert "Thailand" in weavers.body and "ประเทศไทย" not in weavers.body
    [boonmee] = [m for m in mail.outbox if "boonmee@otop.example" in m.to]
    assert "A buyer has ordered your products" not in boonmee.body  # Thai, as chosen
    [buyer] = [m for m in mail.outbox if "somsri@example.com" in m.to]
    assert "ขอบคุณ" in buyer.body
