"""Village cards (villages/partials/village_card.html), kept as product cards are
(`catalogue.cards`): per village page, language and content version. A card shows
the page's title, summary, hero picture and place; saving, publishing or
unpublishing a page, or a translation, changes the content version.

A product page's provenance chain (producer → tambon → … → KBO network and village
page) is kept the same way, per producer: it was a fifth of the page's CPU (two
Wagtail pages unpickled and their URLs worked out) and is the same on every product
of the producer. A producer or place saved, or a page published, unpublished or
translated, changes the content version."""

from __future__ import annotations

from catalogue.cards import Cards

VILLAGE_CARDS = Cards("villages/partials/village_card.html", "village", limit=5_000)
PRODUCT_PROVENANCE = Cards(
    "villages/partials/provenance_chain.html",
    "producer",
    limit=20_000,
    context={"show_producer": True},
)
