"""The facets of product results: which document column each one counts, and how its
values read on the page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from oscar.core.loading import get_model

from catalogue import content_version
from catalogue.templatetags.otop_catalogue import opc_year
from catalogue.version_memo import VersionMemo
from places.models import Province, Region

Category = get_model("catalogue", "Category")

# Price bands in baht: (lowest, highest inclusive or None); a band's number is its
# position + 1 and is what documents store.
PRICE_BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 99),
    (100, 299),
    (300, 999),
    (1000, 2999),
    (3000, None),
)


def price_band(price: Decimal | None) -> int | None:
    if price is None:
        return None
    for number, (low, high) in enumerate(PRICE_BANDS, start=1):
        if price >= low and (high is None or price < high + 1):
            return number
    return None


def price_band_label(number: int) -> str:
    low, high = PRICE_BANDS[number - 1]
    if high is None:
        return _("฿%(low)s and up") % {"low": f"{low:,}"}
    return f"฿{low:,}–{high:,}"


@dataclass(frozen=True)
class Facet:
    name: str  # the query-string parameter
    column: str  # the SearchDocument column (a FilterField) it counts
    label: str
    numeric: bool = True

    def filter(self, documents, value):
        return documents.filter(**{self.column: value})

    def counts(self, facet: dict) -> dict[str, int]:
        """{value: count} from a backend's facet() answer."""
        return {str(value): n for value, n in facet.items() if value not in (None, "")}


class CertificateFacet(Facet):
    """A product can hold several kinds of certificate: the column lists them as
    " gi halal " and a kind's count is the sum over the combinations holding it."""

    def filter(self, documents, value):
        return documents.filter(**{f"{self.column}__contains": f" {value} "})

    def counts(self, facet: dict) -> dict[str, int]:
        counts: dict[str, int] = {}
        for combination, n in facet.items():
            for kind in (combination or "").split():
                counts[kind] = counts.get(kind, 0) + n
        return counts


def certificate_value(kinds) -> str:
    """The column's value for a product's certificate kinds."""
    kinds = sorted(set(kinds))
    return f" {' '.join(kinds)} " if kinds else ""


FACETS: tuple[Facet, ...] = (
    Facet("category", "category_id", _("Category")),
    Facet("stars", "stars", _("OPC stars")),
    Facet("year", "selection_year", _("Selection year")),
    Facet("region", "region_id", _("Region"), numeric=False),
    Facet("province", "province_id", _("Province"), numeric=False),
    Facet("price", "price_band", _("Price")),
    CertificateFacet("certificate", "certificates", _("Certificate"), numeric=False),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}


# Names of every category, region and province in each language, under the content
# version (a renamed category bumps it): read once a version by each process instead
# of three queries on every listing and search page.
_names = VersionMemo(limit=8)


def _place_and_category_names() -> dict[str, dict[str, str]]:
    version = content_version.current()
    key = translation.get_language()
    names = _names.get(version, key)
    if names is None:
        names = {
            "category": {
                str(category.pk): category.display_name
                for category in Category.objects.only("pk", "name", "name_en")
            },
            "region": {region.pk: region.name for region in Region.objects.all()},
            "province": {
                province.pk: province.name for province in Province.objects.all()
            },
        }
        _names.put(version, key, names)
    return names


def value_labels(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    """Display labels for the facet values present in `counts`."""
    labels: dict[str, dict[str, str]] = {name: {} for name in counts}
    names = _place_and_category_names()
    for facet in ("category", "region", "province"):
        for value in counts.get(facet, {}):
            if value in names[facet]:
                labels[facet][value] = names[facet][value]
    for value in counts.get("stars", {}):
        labels["stars"][value] = "★" * int(value)
    for value in counts.get("year", {}):
        labels["year"][value] = opc_year(int(value))
    for value in counts.get("price", {}):
        labels["price"][value] = price_band_label(int(value))
    if counts.get("certificate"):
        from catalogue.certificates import Certificate

        names = dict(Certificate.Kind.choices)
        for value in counts["certificate"]:
            labels["certificate"][value] = str(names.get(value, value))
    return labels
