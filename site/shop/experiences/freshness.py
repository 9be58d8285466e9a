"""Village pages show seats left, and the shared page cache (`shop.pagecache`) keeps
pages under the storefront's content version (`catalogue.content_version`): whatever
changes what a village page shows of its experiences must retire that version.

- Seats sold or given back change a slot's stock record (Oscar's allocate and
  cancel_allocation send its post_save). The catalogue retires only the slot
  product's own page for a stock movement (`catalogue.stock_movements`), so
  `seats_moved` bumps the version for a slot's.
- Slots and experiences live in this app, which the content version does not watch:
  their saves and deletes bump it here, and so does closing a slot (an update()).
- A slot drops off its village page when its booking cut-off passes, with no save at
  all. The earliest cut-off still ahead is kept in the cache; the first page request
  after it bumps the version (one cache read per anonymous page request).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from catalogue import content_version

logger = logging.getLogger(__name__)

NEXT_CUTOFF = "otop:experiences:next-cutoff"
# With no cut-off ahead, look again after this long anyway (nothing is lost: any new
# slot clears the key).
IDLE = timedelta(hours=6)


def changed(sender=None, **kwargs) -> None:
    """Something a village page shows of its experiences changed."""
    if kwargs.get("raw"):
        return
    content_version.bump_now_and_on_commit()
    _forget_next_cutoff()


def seats_moved(sender, instance, raw=False, **kwargs) -> None:
    """post_save of a stock record: a slot's seats left show on its village page."""
    from .models import Slot

    if not raw and Slot.objects.filter(product_id=instance.product_id).exists():
        changed()


def _forget_next_cutoff() -> None:
    try:
        cache.delete(NEXT_CUTOFF)
    except Exception:
        logger.warning("experiences: cache unavailable", exc_info=True)


def _next_cutoff(now: datetime) -> float:
    from .models import Slot

    due = Slot.objects.filter(
        closed_at__isnull=True, booking_closes_at__gt=now
    ).aggregate(due=Min("booking_closes_at"))["due"]
    return (due or now + IDLE).timestamp()


def retire_passed_cutoffs(now: datetime | None = None) -> bool:
    """Bump the content version if a booking cut-off has passed since the last look;
    True if it did."""
    now = now or timezone.now()
    try:
        due = cache.get(NEXT_CUTOFF)
        if due is None:
            cache.set(NEXT_CUTOFF, _next_cutoff(now), timeout=None)
            return False
        if now.timestamp() < due:
            return False
        content_version.bump()
        cache.set(NEXT_CUTOFF, _next_cutoff(now), timeout=None)
        return True
    except Exception:  # a cache that is down caches no page either
        logger.warning("experiences: cache unavailable", exc_info=True)
        return False


class SlotCutoffMiddleware:
    """Before the page cache: a page cached before a cut-off is not served after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PAGE_CACHE_SECONDS and request.method in ("GET", "HEAD"):
            retire_passed_cutoffs()
        return self.get_response(request)


def connect() -> None:
    from oscar.core.loading import get_model

    from .models import Experience, Slot

    post_save.connect(
        seats_moved,
        sender=get_model("partner", "StockRecord"),
        dispatch_uid="otop-experiences-seats",
    )
    for model in (Experience, Slot):
        for signal in (post_save, post_delete):
            signal.connect(
                changed, sender=model, dispatch_uid=f"otop-experiences-{model.__name__}"
            )
