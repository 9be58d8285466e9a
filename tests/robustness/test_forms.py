"""Every form of the storefront, account, basket, checkout, reviews, wishlists, the
producer's dashboard, the review desk and the login pages, posted back with one field
spoiled at a time and with garbled or missing formset management data: never a 5xx,
nothing stored with a NUL byte, and no posted value shown unescaped."""

from __future__ import annotations

from urllib.parse import quote_from_bytes, quote_plus

from django.apps import apps
from django.db import connection, models
from django.test import Client

import pytest

from .hostile import MARKER, WIDE, Form, field_values, post_forms
from .world import build_world

pytestmark = pytest.mark.django_db

NOT_POSTED = ("logout", "delete", "/i18n/")  # would end the session or the fixture


def encode(pairs: list[tuple[str, str | bytes]]) -> str:
    def one(value):
        return (
            quote_from_bytes(value) if isinstance(value, bytes) else quote_plus(value)
        )

    return "&".join(f"{quote_plus(k)}={one(v)}" for k, v in pairs)


def variants(form: Form):
    """(what, data) pairs: each field spoiled in turn, then the management forms."""
    data = form.data()
    for index, (name, _, kind) in enumerate(form.fields):
        if name == "csrfmiddlewaretoken":
            continue
        values = field_values(kind)
        if not WIDE:  # two values a field, in turn, so that every kind is sent
            values = [values[index % len(values)], values[(index + 1) % len(values)]]
        for value in values:
            spoilt = [(n, value if n == name else v) for n, v in data]
            yield f"{name}={str(value)[:20]!r}", spoilt
    management = form.management()
    if management:
        yield "no management form", [(n, v) for n, v in data if n not in management]
        for garble in ("abc", "-1", "99999999999"):
            yield (
                f"management={garble}",
                [(n, garble if n in management else v) for n, v in data],
            )


def fuzz(client: Client, pages: list[str]) -> tuple[int, list[str]]:
    client.raise_request_exception = False
    failures, requests = [], 0
    for page in pages:
        response = client.get(page)
        requests += 1
        if response.status_code >= 500:
            failures.append(f"GET {page} → {response.status_code}")
            continue
        if response.status_code != 200:
            failures.append(f"GET {page} → {response.status_code} (fixture?)")
            continue
        for form in post_forms(response.content.decode(), page):
            if any(word in form.action for word in NOT_POSTED):
                continue
            action = form.action.split("#")[0] or page
            for what, data in variants(form):
                answer = client.post(
                    action,
                    encode(data),
                    content_type="application/x-www-form-urlencoded",
                )
                requests += 1
                if answer.status_code >= 500:
                    failures.append(f"POST {action} {what} → {answer.status_code}")
                elif MARKER in answer.content.decode(errors="replace"):
                    failures.append(f"POST {action} {what} → marker unescaped")
    for page in pages:  # what was stored, shown again
        body = client.get(page).content.decode(errors="replace")
        if MARKER in body:
            failures.append(f"GET {page} after the posts → marker unescaped")
    return requests, failures


def stored_nul() -> list[str]:
    if connection.vendor == "postgresql":
        return []  # PostgreSQL refuses NUL in text outright (not even in a lookup)
    # A LIKE pattern holding NUL is cut at the NUL by SQLite (it would match every row):
    # look for the byte itself.
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if not model._meta.managed:  # e.g. a view that only some databases have
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField | models.TextField):
                    cursor.execute(
                        f"SELECT 1 FROM {quote(model._meta.db_table)} "
                        f"WHERE instr(CAST({quote(field.column)} AS BLOB), X'00') > 0 LIMIT 1"
                    )
                    if cursor.fetchone():
                        found.append(f"{model._meta.label}.{field.name}")
    return found


def test_no_form_answers_5xx_to_hostile_values():
    world = build_world()
    shop = world.shop
    silk, chili = shop.silk.get_absolute_url(), shop.chili.get_absolute_url()
    roles = {
        "guest": (
            world.guest,
            [
                silk,
                "/th/accounts/login/",
                "/th/password-reset/",
                "/th/basket/",
                "/th/checkout/shipping-address/",
                "/th/checkout/payment-method/",
                "/th/checkout/preview/",
                f"{chili}reviews/add/",
                "/th/dashboard/login/",
                "/django-admin/login/",
                "/cms/login/",
            ],
        ),
        "buyer": (
            world.buyer,
            [
                "/th/basket/",
                f"{silk}reviews/add/",
                "/th/accounts/profile/edit/",
                "/th/accounts/change-password/",
                "/th/accounts/addresses/add/",
                "/th/accounts/wishlists/create/",
                f"/th/accounts/wishlists/{world.wishlist_key}/update/",
                "/th/producers/apply/",
            ],
        ),
        "producer": (
            world.producer,
            [
                f"/th/dashboard/catalogue/products/{shop.silk.pk}/",
                "/th/producer/shipments/",
            ],
        ),
        "staff": (
            world.staff,
            [
                "/th/dashboard/review/",
                f"/th/dashboard/review/applications/{world.application_pk}/",
                "/th/dashboard/review/ratings/",
            ],
        ),
    }
    failures, total = [], 0
    for role, (client, pages) in roles.items():
        requests, found = fuzz(client, pages)
        total += requests
        failures += [f"{role}: {f}" for f in found]
    print(f"\n{total} requests, {len(failures)} failures")
    assert not failures, "\n".join(failures[:80])
    assert stored_nul() == []
