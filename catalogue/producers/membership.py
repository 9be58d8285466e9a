"""Which accounts work for which producer.

A producer's staff are the users of its Oscar partner (several accounts may belong to one
producer: a community group has several members). Membership also grants Oscar's
`partner.dashboard_access` permission, which opens the dashboard narrowed to the
producer's own products and order lines — exactly what Oscar's own partner dashboard
does when staff link a user to a partner, so either way gives the same result.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import QuerySet

from catalogue.register import Producer


def dashboard_access() -> Permission:
    return Permission.objects.get(
        codename="dashboard_access", content_type__app_label="partner"
    )


@transaction.atomic
def join_producer(user, producer: Producer) -> None:
    """Make `user` one of `producer`'s staff (never Django or Wagtail staff)."""
    producer.partner.users.add(user)
    if not user.is_staff:
        user.user_permissions.add(dashboard_access())


@transaction.atomic
def leave_producer(user, producer: Producer) -> None:
    producer.partner.users.remove(user)
    if not user.partners.exists():
        user.user_permissions.remove(dashboard_access())


def producers_of(user) -> QuerySet[Producer]:
    """The producers `user` works for (none for anonymous users)."""
    if not user.is_authenticated:
        return Producer.objects.none()
    return Producer.objects.filter(partner__users=user)


def is_producer_staff(user) -> bool:
    """A producer's member working in the narrowed dashboard (not the department's staff)."""
    return user.is_authenticated and not user.is_staff and user.partners.exists()


def notice_addresses(producer: Producer) -> list[str]:
    """Where the producer's notices go: its own address and those of its staff (its
    partner's users), each once."""
    addresses = [producer.email] if producer.email else []
    partner = getattr(producer, "partner", None)
    if partner is not None:
        addresses += [user.email for user in partner.users.all() if user.email]
    return list(dict.fromkeys(address.lower() for address in addresses))
