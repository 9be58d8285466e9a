"""The OTOP rule on every storefront path: only public products of a producer whose
registration is in force, with at least one OPC rating, are listed, shown, found, put
in a basket or ordered.

Each test pairs an eligible control product with an ineligible one (one variant per
way of breaking the rule), so that "absent" is never true just because a page is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.urls import reverse

from oscar.core.loading import get_class, get_model
from oscar.test.factories import CountryFactory

import pytest

from catalogue.models import OpcRating, Producer, Product
from shop.order.utils import NotEligible
from tests.factories import (
    INELIGIBLE_VARIANTS,
    CategoryFactory,
    ChildProductFactory,
    EligibleProductFactory,
    ParentProductFactory,
    UserFactory,
    make_ineligible_product,
)
from tests.factories.catalogue import yesterday

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Order = get_model("order", "Order")
OrderLine = get_model("order", "Line")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")

pytestmark = pytest.mark.django_db

# A word every test product's title shares, so one search finds them all if allowed.
WORD = "ผ้าไหมมัดหมี่"


def control_product(**kwargs) -> Product:
    return EligibleProductFactory(title=f"{WORD} ต้นแบบ", **kwargs)


def ineligible_product(variant: str, **kwargs) -> Product:
    return make_ineligible_product(variant, title=f"{WORD} {variant}", **kwargs)


def listed(response) -> list[Product]:
    assert response.status_code == 200
    return list(response.context["products"])


def html(response) -> str:
    return response.content.decode()


def user_messages(response, level: int | None = None) -> list[str]:
    return [
        str(m)
        for m in get_messages(response.wsgi_request)
        if level is None or m.level == level
    ]


def basket_add(client, product: Product, **data):
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, **data}
    )


# --- Listing, category, detail, search ---------------------------------------------


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_catalogue_list_shows_only_eligible_products(client, variant):
    control = control_product()
    hidden = ineligible_product(variant)

    response = client.get(reverse("catalogue:index"))

    assert listed(response) == [control]
    assert control.title in html(response)
    assert hidden.title not in html(response)


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_category_page_shows_only_eligible_products(client, variant):
    textiles = CategoryFactory(name="ผ้า เครื่องแต่งกาย", name_en="Textiles and clothing")
    control = control_product(categories=[textiles])
    hidden = ineligible_product(variant, categories=[textiles])

    response = client.get(textiles.get_absolute_url())

    assert listed(response) == [control]
    assert control.title in html(response)
    assert hidden.title not in html(response)


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_detail_page_is_404_for_ineligible_product(client, variant):
    control = control_product()
    hidden = ineligible_product(variant)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    response = client.get(control.get_absolute_url())
    assert response.status_code == 200
    assert control.title in html(response)


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_search_finds_only_eligible_products(client, variant):
    control = control_product()
    hidden = ineligible_product(variant)

    response = client.get(reverse("search:search"), {"q": WORD})

    assert listed(response) == [control]
    assert control.title in html(response)
    assert hidden.title not in html(response)


# --- Basket --------------------------------------------------------------------------


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_basket_refuses_ineligible_product(client, variant):
    hidden = ineligible_product(variant)

    response = basket_add(client, hidden)

    assert response.status_code == 302
    assert Line.objects.count() == 0
    errors = user_messages(response, message_levels.ERROR)
    assert errors and all(errors), "the customer is told why nothing was added"


def test_basket_accepts_eligible_product(client):
    control = control_product()

    response = basket_add(client, control)

    assert response.status_code == 302
    assert list(Line.objects.values_list("product", "quantity")) == [(control.pk, 1)]
    assert user_messages(response, message_levels.SUCCESS)
    assert not user_messages(response, message_levels.ERROR)


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_strategy_refuses_ineligible_product(variant):
    control = control_product()
    hidden = ineligible_product(variant)
    strategy = Selector().strategy()

    refused = strategy.fetch_for_product(hidden)
    assert not refused.availability.is_available_to_buy
    assert not refused.price.exists
    assert refused.stockrecord is None
    accepted = strategy.fetch_for_product(control)
    assert accepted.availability.is_purchase_permitted(1) == (True, "")
    assert accepted.price.currency == "THB"


# --- Checkout ------------------------------------------------------------------------

# The checkout's Thai address form: province → district → tambon (DOPA codes of the
# geography factories' Si Phum, Mueang Chiang Mai), postcode checked against the tambon.
SHIPPING_ADDRESS = {
    "first_name": "สมหญิง",
    "last_name": "ใจดี",
    "line1": "99 หมู่ 3 ถนนช้างคลาน",
    "province": "50",
    "district": "5001",
    "tambon": "500101",
    "postcode": "50200",
    "phone_number": "+66812345678",
}


def _suspend(product: Product) -> None:
    product.producer.status = Producer.Status.SUSPENDED
    product.producer.save()


# How an eligible product, already in a basket, stops being eligible (one per variant).
BECOME_INELIGIBLE: dict[str, Callable[[Product], None]] = {
    "pending": lambda p: Producer.objects.filter(pk=p.producer_id).update(
        status=Producer.Status.PENDING
    ),
    "suspended": _suspend,
    "expired": lambda p: Producer.objects.filter(pk=p.producer_id).update(
        status=Producer.Status.EXPIRED
    ),
    "lapsed": lambda p: Producer.objects.filter(pk=p.producer_id).update(
        expires_on=yesterday()
    ),
    "unrated": lambda p: OpcRating.objects.filter(product=p).delete(),
    "not_public": lambda p: Product.objects.filter(pk=p.pk).update(is_public=False),
}


def test_every_variant_can_lapse_at_checkout():
    assert sorted(BECOME_INELIGIBLE) == sorted(INELIGIBLE_VARIANTS)


@pytest.fixture
def customer(client):
    CountryFactory(
        iso_3166_1_a2="TH", printable_name="Thailand", is_shipping_country=True
    )
    user = UserFactory()
    client.force_login(user)
    return user


def checkout_up_to_preview(client) -> None:
    """Walk Oscar's checkout with the current basket as far as the order preview."""
    response = client.get(reverse("checkout:index"))
    assert response.url == reverse("checkout:shipping-address")
    response = client.post(reverse("checkout:shipping-address"), SHIPPING_ADDRESS)
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("checkout:shipping-method")
    # One shipping method: Oscar skips ahead on its own, to the choice of payment.
    response = client.get(reverse("checkout:shipping-method"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("checkout:payment-method")
    client.post(reverse("checkout:payment-method"), {"method": "cash-on-delivery"})
    assert client.get(reverse("checkout:preview")).status_code == 200


def place_order(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def test_checkout_places_order_for_eligible_product(client, customer):
    control = control_product()
    basket_add(client, control)
    checkout_up_to_preview(client)

    response = place_order(client)

    assert response.status_code == 302
    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.user == customer
    assert [line.product for line in order.lines.all()] == [control]


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_checkout_refuses_product_that_became_ineligible(client, customer, variant):
    product = control_product()
    assert basket_add(client, product).status_code == 302
    assert Line.objects.filter(product=product).count() == 1
    checkout_up_to_preview(client)

    BECOME_INELIGIBLE[variant](product)

    # The basket page flags the line ...
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    assert any(product.title in w for w in response.context["basket_warnings"])
    line = Basket.objects.get(owner=customer).all_lines()[0]
    info = Selector().strategy(user=customer).fetch_for_line(line)
    assert not info.availability.is_purchase_permitted(line.quantity)[0]
    # ... every checkout step sends the customer back to it, saying why ...
    for step in ("checkout:index", "checkout:preview"):
        response = client.get(reverse(step))
        assert response.status_code == 302
        assert response.url == reverse("basket:summary")
        assert any(product.title in m for m in user_messages(response))
    # ... and submitting the order preview places no order.
    response = place_order(client)
    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    assert Order.objects.count() == 0
    assert Basket.objects.get(owner=customer).status == Basket.OPEN


@pytest.mark.parametrize("variant", [None, *INELIGIBLE_VARIANTS])
def test_order_placement_refuses_basket_with_ineligible_line(variant):
    """Oscar's OrderCreator, below the checkout views (what a payment callback would
    call), with the total worked out while the product was still eligible."""
    product = control_product()
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product)
    shipping = Free()
    charge = shipping.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    if variant:
        BECOME_INELIGIBLE[variant](product)

    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    place = partial(
        OrderCreator().place_order,
        basket=basket,
        total=total,
        shipping_method=shipping,
        shipping_charge=charge,
    )
    if variant is None:
        assert place().lines.get().product == product
        return
    with pytest.raises(NotEligible, match=product.title):
        place()
    assert Order.objects.count() == 0
    assert OrderLine.objects.count() == 0


# --- Lapsing -------------------------------------------------------------------------


def _visible(client, product: Product) -> dict[str, bool]:
    """Where the storefront shows the product: list, detail, search."""
    return {
        "list": product in listed(client.get(reverse("catalogue:index"))),
        "detail": client.get(product.get_absolute_url()).status_code == 200,
        "search": product in listed(client.get(reverse("search:search"), {"q": WORD})),
    }


def _suspend_producer(producer: Producer) -> None:
    producer.status = Producer.Status.SUSPENDED


def _expire_producer_yesterday(producer: Producer) -> None:
    producer.expires_on = yesterday()


@pytest.mark.parametrize("lapse", [_suspend_producer, _expire_producer_yesterday])
def test_lapsed_registration_hides_products_without_deleting_them(client, lapse):
    product = control_product()
    other = control_product()  # another producer's product stays
    assert _visible(client, product) == {"list": True, "detail": True, "search": True}

    producer = product.producer
    lapse(producer)
    producer.save()

    assert not any(_visible(client, product).values())
    assert _visible(client, other) == {"list": True, "detail": True, "search": True}
    assert Product.objects.filter(pk=product.pk).exists()
    assert OpcRating.objects.filter(product=product).count() == 1
    assert product.stockrecords.count() == 1

    # Renewing the registration brings the same product back.
    producer.status, producer.expires_on = Producer.Status.ACTIVE, None
    producer.save()
    assert _visible(client, product) == {"list": True, "detail": True, "search": True}


# --- Variants (child products) -------------------------------------------------------


@pytest.mark.parametrize("variant", INELIGIBLE_VARIANTS)
def test_child_of_ineligible_parent_is_refused(client, variant):
    child = ChildProductFactory(
        **{"parent__title": f"{WORD} {variant}", f"parent__{variant}": True}
    )
    assert child.stockrecords.count() == 1

    info = Selector().strategy().fetch_for_product(child)
    assert not info.availability.is_available_to_buy
    assert basket_add(client, child).status_code == 302
    assert basket_add(client, child.parent, child_id=child.pk).status_code == 302
    assert Line.objects.count() == 0
    assert client.get(child.get_absolute_url()).status_code == 404
    assert client.get(child.parent.get_absolute_url()).status_code == 404
    assert child.parent not in listed(client.get(reverse("catalogue:index")))


def test_child_of_eligible_parent_is_sold(client):
    parent = ParentProductFactory(title=f"{WORD} ต้นแบบ")
    child = ChildProductFactory(parent=parent)

    assert basket_add(client, parent, child_id=child.pk).status_code == 302
    assert basket_add(client, child).status_code == 302
    assert list(Line.objects.values_list("product", "quantity")) == [(child.pk, 2)]
    assert parent in listed(client.get(reverse("catalogue:index")))
    assert client.get(parent.get_absolute_url()).status_code == 200
