"""Password-reset forms (the storefront's and Wagtail's) are throttled per address and
per IP address: over the limit the visitor gets a Thai and English 429 page and no
e-mail goes out; other addresses and other clients are unaffected; the count does not
depend on whether the address has an account."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

import pytest

pytestmark = pytest.mark.django_db

FORMS = ["/th/password-reset/", "/cms/password_reset/"]


@pytest.fixture(autouse=True)
def limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    settings.PASSWORD_RESET_LIMIT_PER_IP = 5
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def users():
    User = get_user_model()
    for name in ("somchai", "malee"):
        User.objects.create_superuser(name, f"{name}@example.com", "otop-test-2026")


def ask(client: Client, url: str, email: str):
    return client.post(url, {"email": email})


def throttled(response) -> bool:
    page = response.content.decode()
    return (
        response.status_code == 429
        and "ขอรีเซ็ตรหัสผ่านบ่อยเกินไป" in page
        and "Too many password-reset requests" in page
    )


@pytest.mark.parametrize("url", FORMS)
def test_an_address_gets_three_resets_an_hour_then_a_429_and_no_mail(users, url):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        response = ask(client, url, "somchai@example.com")
        assert response.status_code == 302
    assert len(mail.outbox) == 3
    response = ask(client, url, "Somchai@Example.com ")  # the same address, restyled
    assert throttled(response)
    assert len(mail.outbox) == 3
    # From another client too: the limit protects the mailbox, wherever asked from.
    assert throttled(
        ask(Client(REMOTE_ADDR="198.51.100.9"), url, "somchai@example.com")
    )
    # Malee is unaffected.
    assert (
        ask(Client(REMOTE_ADDR="198.51.100.9"), url, "malee@example.com").status_code
        == 302
    )
    assert len(mail.outbox) == 4


def test_one_client_asking_for_many_addresses_is_stopped(users):
    flood = Client(REMOTE_ADDR="203.0.113.50")
    for number in range(5):
        # Unknown addresses count the same (the answer must not tell them apart).
        assert ask(flood, FORMS[0], f"nobody{number}@example.com").status_code == 302
    assert throttled(ask(flood, FORMS[0], "malee@example.com"))
    assert len(mail.outbox) == 0
    # Another client, same address: fine.
    assert (
        ask(Client(REMOTE_ADDR="192.0.2.1"), FORMS[0], "malee@example.com").status_code
        == 302
    )
    assert len(mail.outbox) == 1


def test_the_forms_themselves_and_other_posts_are_not_counted(users):
    client = Client(REMOTE_ADDR="203.0.113.8")
    for _ in range(10):
        assert client.get(FORMS[0]).status_code == 200
    assert ask(client, FORMS[0], "somchai@example.com").status_code == 302


def test_a_cache_that_cannot_be_reached_lets_resets_through(users, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", down)
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        assert ask(client, FORMS[0], "somchai@example.com").status_code == 302
    assert len(mail.outbox) == 5
