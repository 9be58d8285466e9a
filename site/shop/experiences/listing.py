"""What a village page shows of its experiences: the upcoming bookable slots, with
seats left, in a fixed number of queries, and their list rendered once per content
version for the slots shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from oscar.core.loading import get_model

from catalogue import content_version
from catalogue.cards import request_version
from catalogue.eligibility import made_today
from catalogue.statements import Prepared
from catalogue.version_memo import VersionMemo

from .models import SEAT_RECORDS, Experience, Slot
from .rules import bookable_slots, bookable_slots_but_cutoff

StockRecord = get_model("partner", "StockRecord")

# What the slot list and its structured data read (village_slots.html,
# villages.seo.experience_events): the rest of five rows a slot is not loaded.
SLOT_FIELDS = (
    "starts_at",
    "duration_minutes",
    "meeting_point",
    "languages",
    "product__id",
    "experience__meeting_point",
    "experience__meeting_point_en",
    *(
        f"experience__product__{name}"
        for name in (
            "structure",
            "parent",
            "title",
            "title_en",
            "title_rtgs",
            "description",
            "description_en",
        )
    ),
    *(
        f"experience__product__producer__{name}"
        for name in ("registration_number", "name_th", "name_en", "name_rtgs")
    ),
)
SEATS = StockRecord.objects.only("product", "price", "num_in_stock", "num_allocated")


@dataclass
class ExperienceListing:
    experience: Experience
    slots: list[Slot] = field(default_factory=list)


VILLAGE = "experience__village_page__translation_key"  # either language's page
CUTOFF = "booking_closes_at__gt"


def _shown_statement() -> Prepared:
    # The same statement on every village page but for the village and the time:
    # building and compiling it was ~1 ms of Django a view (the rule's joins and its
    # registered-producer subquery), so it is compiled once a day (the subquery
    # reads the date).
    return Prepared(
        bookable_slots_but_cutoff().values_list("experience_id", "pk"),
        VILLAGE,
        CUTOFF,
    )


class VillageSlots:
    """A village page's upcoming bookable slots, up to `per_experience` of each of
    its experiences (either language's page), soonest first: which ones in one light
    statement; the slots themselves, with their experiences, hosts and seats left
    (`listings`, what iterating gives), loaded only when asked for. The slot list
    and its JSON-LD are remembered per content version for the slots shown, so a
    view that finds them remembered loads none of it (~120 model instances of five
    joined tables, and their stock records' statement)."""

    def __init__(self, village_page, per_experience: int = 8) -> None:
        statement = made_today("village page slots shown", _shown_statement)
        rows = statement.fetch(
            **{VILLAGE: village_page.translation_key, CUTOFF: timezone.now()}
        )
        slots: dict[int, list[int]] = {}
        for experience_id, slot_id in rows:
            ids = slots.setdefault(experience_id, [])
            if len(ids) < per_experience:
                ids.append(slot_id)
        self.shown = tuple((experience, *ids) for experience, ids in slots.items())

    def __bool__(self) -> bool:
        return bool(self.shown)

    def __iter__(self):
        return iter(self.listings)

    @cached_property
    def listings(self) -> list[ExperienceListing]:
        wanted = [slot_id for _experience, *ids in self.shown for slot_id in ids]
        if not wanted:
            return []
        # The rule again: a slot closed since the first statement is left out.
        slots = (
            bookable_slots()
            .filter(pk__in=wanted)
            .select_related("experience__product__producer", "product")
            .only(*SLOT_FIELDS)
            .prefetch_related(
                Prefetch("product__stockrecords", queryset=SEATS, to_attr=SEAT_RECORDS)
            )
        )
        listings: dict[int, ExperienceListing] = {}
        for slot in slots:
            listings.setdefault(
                slot.experience_id, ExperienceListing(slot.experience)
            ).slots.append(slot)
        return list(listings.values())


def upcoming(village_page, per_experience: int = 8) -> VillageSlots:
    """Bookable slots of the experiences of this village (either language's page)."""
    return VillageSlots(village_page, per_experience)


TEMPLATE = "experiences/partials/village_slots.html"
# (language, time zone, the experiences and slots shown) -> the list's HTML
_slot_lists = VersionMemo(2_000)


def slot_list(listings: VillageSlots, request: HttpRequest) -> SafeString:
    """The village page's list of bookable slots (TEMPLATE), from memory when this
    content version has rendered the same slots already.

    Its two dozen slots were a sixth of the page's CPU (a date, a price, the seats
    left in a plural, a link and a form field each). What it shows changes only with
    the content version (saves of experiences, slots, their products and stock
    records: seats sold or given back, `shop.experiences.freshness`) or with which
    slots are still bookable (a cut-off passing, no save at all): the slots shown
    are in the key, with the language and time zone its text and links are in."""
    version = request_version(request)
    if version.startswith(content_version.UNCACHED):
        return _render_slot_list(listings)
    key = (get_language(), timezone.get_current_timezone_name(), shown(listings))
    html = _slot_lists.get(version, key)
    if html is None:
        html = _render_slot_list(listings)
        _slot_lists.put(version, key, html)
    return html


def shown(listings: VillageSlots | list[ExperienceListing]) -> tuple:
    """Which experiences and slots `listings` shows, as a key for what is made of
    them under a content version (which covers what they say)."""
    if isinstance(listings, VillageSlots):
        return listings.shown
    return tuple(
        (listing.experience.pk, *(slot.pk for slot in listing.slots))
        for listing in listings
    )


def _render_slot_list(listings: VillageSlots) -> SafeString:
    return mark_safe(get_template(TEMPLATE).render({"experiences": listings}))
