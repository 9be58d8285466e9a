"""Village cards (villages/partials/village_card.html), kept as product cards are
(`catalogue.cards`): per village page, language and content version. A card shows
the page's title, summary, hero picture and place; saving, publishing or
unpublishing a page, or a translation, changes the content version."""

from __future__ import annotations

from catalogue.cards import Cards

VILLAGE_CARDS = Cards("villages/partials/village_card.html", "village", limit=5_000)
