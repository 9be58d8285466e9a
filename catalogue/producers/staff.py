"""The department's staff group: the model permissions Oscar 4 asks of staff users in the
catalogue and order dashboards (being `is_staff` alone only opens the other sections)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DEPARTMENT_GROUP = "Community Development Department"
DEPARTMENT_APPS = ("catalogue", "partner", "order", "producers")
# Shipping events a producer can record on its own lines.
SHIPPING_EVENTS = [("shipped", _("Shipped"))]


def ensure_department_group() -> Group:
    group, _created = Group.objects.get_or_create(name=DEPARTMENT_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=DEPARTMENT_APPS)
    # Dashboard access is the producers' narrowed way in; staff see everything.
    group.permissions.set(permissions.exclude(Q(codename="dashboard_access")))
    return group


def ensure_shipping_events() -> None:
    from oscar.core.loading import get_model

    ShippingEventType = get_model("order", "ShippingEventType")
    for code, name in SHIPPING_EVENTS:
        ShippingEventType.objects.get_or_create(code=code, defaults={"name": str(name)})


def set_up(sender, **kwargs) -> None:
    """post_migrate: runs after every app's permissions exist."""
    ensure_department_group()
    ensure_shipping_events()
