"""schema.org structured data (JSON-LD) for villages, producers, products, KBO networks,
fairs and stories. Only what the page itself shows goes in: eligible products only."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oscar.core.loading import get_model

from catalogue.cards import names_of

from .image_filters import filter_for

SCHEMA = "https://schema.org"


def absolute(request: HttpRequest, url: str | None) -> str | None:
    return request.build_absolute_uri(url) if url else None


def _clean(data: dict) -> dict:
    """Drop empty values, so the markup never claims what is not known."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def image_url(request: HttpRequest, image, spec: str = "fill-1200x630") -> str | None:
    if image is None:
        return None
    return absolute(request, image.get_rendition(filter_for(f"{spec}|format-jpeg")).url)


def address_of(tambon) -> dict:
    district, province = tambon.district, tambon.district.province
    return _clean(
        {
            "@type": "PostalAddress",
            "addressLocality": f"{tambon.name}, {district.name}",
            "addressRegion": province.name,
            "postalCode": tambon.postcodes[0] if tambon.postcodes else None,
            "addressCountry": "TH",
        }
    )


def producer_url(request: HttpRequest, producer) -> str:
    return absolute(
        request,
        reverse("producers:profile", args=[producer.registration_number]),
    )


def producer_summary(request: HttpRequest, producer) -> dict:
    return {
        "@type": "Organization",
        "name": producer.name,
        "url": producer_url(request, producer),
    }


def products_item_list(request: HttpRequest, products: Iterable) -> dict | None:
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "url": absolute(request, product.get_absolute_url()),
            "name": product.get_title(),
        }
        for position, product in enumerate(names_of(products), start=1)
    ]
    if not items:
        return None
    return {"@context": SCHEMA, "@type": "ItemList", "itemListElement": items}


def product_data(request: HttpRequest, product, purchase_info, image_url_: str | None):
    """Product with its Offer (price in baht, availability) and its producer."""
    producer = product.producer
    offer = None
    price = purchase_info.price if purchase_info else None
    if price is not None and price.exists:
        amount = price.incl_tax if price.is_tax_known else price.excl_tax
        available = purchase_info.availability.is_available_to_buy
        offer = {
            "@type": "Offer",
            "price": f"{amount:.2f}",
            "priceCurrency": price.currency,
            "availability": f"{SCHEMA}/{'InStock' if available else 'OutOfStock'}",
            "url": absolute(request, product.get_absolute_url()),
            "seller": producer_summary(request, producer),
        }
    category = product.primary_category
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Product",
            "name": product.get_title(),
            "description": _plain(product.localized_description),
            "image": image_url_,
            "sku": product.upc,
            "url": absolute(request, product.get_absolute_url()),
            "category": category.display_name if category else None,
            "brand": {"@type": "Brand", "name": producer.name},
            "manufacturer": producer_summary(request, producer),
            "countryOfOrigin": {"@type": "Country", "name": "TH"},
            "offers": offer,
        }
    )


def _offer_terms(products) -> dict[int, dict]:
    """{product id: price, currency and availability} of a page of listed products,
    from each one's stock record, in one query of the stock records: the page's
    products are not loaded with the cards' prefetches for it (a producer page's
    cards are kept, `catalogue.cards`)."""
    StockRecord = get_model("partner", "StockRecord")
    records = (
        StockRecord.objects.filter(product__in=[product.pk for product in products])
        .annotate(
            track_stock=Coalesce(
                "product__product_class__track_stock",
                "product__parent__product_class__track_stock",
            )
        )
        .order_by("product_id", "pk")
    )
    terms: dict[int, dict] = {}
    for record in records:
        if record.product_id in terms or record.price is None:
            terms.setdefault(record.product_id, {})
            continue
        available = not record.track_stock or record.net_stock_level > 0
        terms[record.product_id] = {
            "price": f"{record.price:.2f}",
            "priceCurrency": record.price_currency,
            "availability": f"{SCHEMA}/{'InStock' if available else 'OutOfStock'}",
        }
    return terms


def kbo_member(request: HttpRequest, member) -> dict:
    """A member enterprise (named as its producer) is an Organization; a person (on
    the committee, perhaps for a producer) a Person who works for it."""
    producer = member.producer
    enterprise = None
    if producer is not None:
        enterprise = _clean(
            {
                "@type": "Organization",
                "name": producer.name,
                "url": producer_url(request, producer)
                if producer.is_registered
                else None,
            }
        )
        if member.name.strip() in {producer.name_th, producer.name_en, producer.name}:
            return _clean({**enterprise, "description": member.role})
    return _clean(
        {
            "@type": "Person",
            "name": member.name,
            "jobTitle": member.role,
            "worksFor": enterprise,
        }
    )


def producer_data(request: HttpRequest, producer, products: Iterable) -> dict:
    names = names_of(products)
    offers = _offer_terms(names)
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Organization",
            "name": producer.name,
            "alternateName": producer.name_en
            if producer.name != producer.name_en
            else producer.name_th,
            "identifier": producer.registration_number,
            "url": producer_url(request, producer),
            "telephone": producer.phone,
            "email": producer.email,
            "address": address_of(producer.tambon),
            "makesOffer": [
                {
                    "@type": "Offer",
                    **offers.get(product.pk, {}),
                    "itemOffered": {
                        "@type": "Product",
                        "name": product.get_title(),
                        "url": absolute(request, product.get_absolute_url()),
                    },
                }
                for product in names
            ],
        }
    )


def village_data(request: HttpRequest, page, place) -> dict:
    geo = None
    if page.latitude is not None and page.longitude is not None:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    return _clean(
        {
            "@context": SCHEMA,
            "@type": ["TouristAttraction", "Place"],
            "name": page.title,
            "description": page.summary,
            "url": absolute(request, page.get_url(request)),
            "image": image_url(request, page.hero_image),
            "address": address_of(place),
            "geo": geo,
            "hasMap": page.map_url,
            "telephone": page.contact_phone,
            "isAccessibleForFree": True,
        }
    )


def kbo_data(request: HttpRequest, page, members: Iterable) -> dict:
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Organization",
            "name": page.title,
            "description": page.summary,
            "url": absolute(request, page.get_url(request)),
            "areaServed": {"@type": "AdministrativeArea", "name": page.province.name},
            "telephone": page.contact_phone,
            "email": page.contact_email,
            "member": [kbo_member(request, m) for m in members],
        }
    )


def fair_data(request: HttpRequest, page, participants: Iterable) -> dict:
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Event",
            "name": page.title,
            "description": page.summary,
            "url": absolute(request, page.get_url(request)),
            "image": image_url(request, page.hero_image),
            "startDate": page.start_date.isoformat(),
            "endDate": page.end_date.isoformat(),
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
            "location": _clean(
                {
                    "@type": "Place",
                    "name": page.venue_name,
                    "address": page.venue_address,
                }
            ),
            "organizer": fair_organizer(page),
            "offers": fair_offer(request, page),
            "isAccessibleForFree": True if page.is_free else None,
            "performer": [producer_summary(request, p.producer) for p in participants],
        }
    )


def fair_organizer(page) -> dict:
    """The Community Development Department (the OTOP programme's owner), unless the
    editor named another organizer (a provincial fair's office, say)."""
    from .models.fairs import DEPARTMENT_URL

    return _clean(
        {
            "@type": "GovernmentOrganization" if not page.organizer else "Organization",
            "name": page.organizer_name,
            "url": None if page.organizer else DEPARTMENT_URL,
        }
    )


def fair_offer(request: HttpRequest, page) -> dict:
    """Entry to the fair: free (price 0) or its fee, in baht; on sale until its last
    day."""
    from django.utils import timezone

    on = page.end_date >= timezone.localdate()
    return {
        "@type": "Offer",
        "name": str(_("Free entry") if page.is_free else _("Entry")),
        "price": f"{page.entry_fee or 0:.2f}",
        "priceCurrency": "THB",
        "availability": f"{SCHEMA}/{'InStock' if on else 'Discontinued'}",
        "validThrough": page.end_date.isoformat(),
        "url": absolute(request, page.get_url(request)),
    }


def story_data(request: HttpRequest, page, producer) -> dict:
    return _clean(
        {
            "@context": SCHEMA,
            "@type": "Article",
            "headline": page.title,
            "description": page.summary,
            "url": absolute(request, page.get_url(request)),
            "image": image_url(request, page.hero_image),
            "datePublished": page.first_published_at.isoformat()
            if page.first_published_at
            else None,
            "about": producer_summary(request, producer),
            "inLanguage": page.locale.language_code,
        }
    )


def _plain(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html or "").split())


def experience_events(request: HttpRequest, page, place, listings: Iterable) -> list:
    """Each upcoming slot of the village's experiences: an Event whose offer says the
    price per person and whether seats are left (the page shows the same)."""
    events = []
    address = address_of(place)
    for listing in listings:
        experience = listing.experience
        # The same for every slot of the experience.
        description = _plain(experience.product.localized_description)
        organizer = producer_summary(request, experience.host)
        for slot in listing.slots:
            url = absolute(request, slot.get_absolute_url())
            seats = slot.seats_left
            events.append(
                _clean(
                    {
                        "@context": SCHEMA,
                        "@type": ["Event", "TouristTrip"],
                        "name": experience.title,
                        "description": description,
                        "url": url,
                        "startDate": slot.starts_at.isoformat(),
                        "endDate": slot.ends_at.isoformat(),
                        "eventStatus": f"{SCHEMA}/EventScheduled",
                        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
                        "inLanguage": slot.language_codes,
                        "location": _clean(
                            {
                                "@type": "Place",
                                "name": f"{slot.localized_meeting_point}, {page.title}",
                                "address": address,
                            }
                        ),
                        "organizer": organizer,
                        "offers": {
                            "@type": "Offer",
                            "price": f"{slot.price:.2f}",
                            "priceCurrency": "THB",
                            "availability": f"{SCHEMA}/"
                            + ("InStock" if seats else "SoldOut"),
                            "url": url,
                        },
                        "remainingAttendeeCapacity": seats,
                    }
                )
            )
    return events
