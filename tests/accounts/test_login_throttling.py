"""Every login form locks a username + IP address out after too many wrong passwords
(django-axes): the right password is refused too until the cool-off ends, the page
says why in Thai and English, and other users log in as usual."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "otop-test-2026"
FORMS = {
    # url: (username field, password field, extra fields, the e-mail is the username)
    "/th/accounts/login/": (
        "login-username",
        "login-password",
        {"login_submit": "Log In"},
    ),
    "/th/dashboard/login/": ("username", "password", {}),
    "/cms/login/": ("username", "password", {}),
    "/django-admin/login/": ("username", "password", {}),
}


@pytest.fixture
def users(settings):
    settings.AXES_FAILURE_LIMIT = 3
    User = get_user_model()
    made = []
    for name in ("somchai", "malee"):
        user = User.objects.create_superuser(name, f"{name}@example.com", PASSWORD)
        made.append(user)
    return made


def login(client: Client, url: str, username: str, password: str):
    user_field, password_field, extra = FORMS[url]
    return client.post(url, {user_field: username, password_field: password, **extra})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", list(FORMS))
def test_three_wrong_passwords_lock_that_user_out_from_that_address(users, url):
    somchai, malee = users
    username = "somchai@example.com" if "accounts" in url else "somchai"
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        response = login(attacker, url, username, "wrong")
        assert not logged_in(attacker)
    response = login(attacker, url, username, PASSWORD)
    assert response.status_code == 429 and not logged_in(attacker)
    page = response.content.decode()
    assert "เข้าสู่ระบบผิดหลายครั้งเกินไป" in page and "Too many failed logins" in page

    # Another user from the same address, and the same user from elsewhere, log in.
    other = "malee@example.com" if "accounts" in url else "malee"
    neighbour = Client(REMOTE_ADDR="203.0.113.7")
    login(neighbour, url, other, PASSWORD)
    assert logged_in(neighbour)
    at_home = Client(REMOTE_ADDR="198.51.100.20")
    login(at_home, url, username, PASSWORD)
    assert logged_in(at_home)


def test_the_lock_ends_after_the_cool_off(users, settings):
    from axes.models import AccessAttempt

    attacker = Client(REMOTE_ADDR="203.0.113.7")
    url = "/th/accounts/login/"
    for _ in range(3):
        login(attacker, url, "somchai@example.com", "wrong")
    assert login(attacker, url, "somchai@example.com", PASSWORD).status_code == 429
    # The cool-off has passed: the attempts are older than AXES_COOLOFF_TIME.
    from datetime import timedelta

    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))
    login(attacker, url, "somchai@example.com", PASSWORD)
    assert logged_in(attacker)
