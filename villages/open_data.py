"""Open data at fixed addresses: /open-data/producers.csv, products.csv, kbo.csv and
villages.geojson (no language prefix: the files are bilingual), and the page that
describes them, /th/open-data/ and /en/open-data/.

Every file is answered with an ETag over a fingerprint of its data (a few aggregate
queries, never the rows), so a client that has it gets 304 Not Modified; the CSV
files are streamed from the database in batches (`catalogue.open_data`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max
from django.http import JsonResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition, require_safe
from django.views.generic import TemplateView

from wagtail.models import Page

from catalogue import open_data as catalogue_data
from catalogue.open_data import Column, csv_chunks, fingerprint

from .models import KboNetworkPage, VillagePage

MAX_AGE = 60 * 60
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _thai_pages(model):
    return model.objects.live().public().filter(locale__language_code="th")


def _english_titles(pages) -> dict:
    """{translation key: (English title, English URL path)} of the pages' English
    versions, in one query."""
    keys = [page.translation_key for page in pages]
    english = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys, locale__language_code="en")
        .only("title", "url_path", "translation_key")
    )
    return {page.translation_key: page for page in english}


def _pages_version(model) -> tuple:
    return tuple(
        model.objects.live()
        .aggregate(n=Count("pk"), changed=Max("last_published_at"))
        .values()
    )


# --- KBO networks -------------------------------------------------------------------

KBO_COLUMNS = [
    Column("province_code", _("two-digit DOPA province code")),
    Column("province_th", _("province (Thai)")),
    Column("province_en", _("province (English)")),
    Column("name_th", _("network page title (Thai)")),
    Column("name_en", _("network page title (English)")),
    Column("members", _("number of member enterprises listed")),
    Column("contact_name", _("contact person")),
    Column("contact_phone", _("phone")),
    Column("contact_email", _("e-mail")),
    Column("url", _("the network's page (Thai)")),
    Column("url_en", _("the network's page (English)")),
]


def kbo_networks():
    return (
        _thai_pages(KboNetworkPage)
        .select_related("province")
        .annotate(member_count=Count("members"))
        .order_by("province_id")
    )


def kbo_rows(request):
    networks = list(kbo_networks())
    english = _english_titles(networks)
    for network in networks:
        other = english.get(network.translation_key)
        yield [
            network.province_id,
            network.province.name_th,
            network.province.name_en,
            network.title,
            other.title if other else "",
            network.member_count,
            network.contact_name,
            network.contact_phone,
            network.contact_email,
            network.get_full_url(request),
            other.get_full_url(request) if other else "",
        ]


def kbo_names_by_province() -> dict[str, str]:
    return dict(kbo_networks().values_list("province_id", "title"))


# --- villages -----------------------------------------------------------------------

VILLAGE_PROPERTIES = [
    Column("name_th", _("village name (Thai)")),
    Column("name_en", _("village name (English)")),
    Column("tambon_code", _("six-digit DOPA tambon code")),
    Column("province_th", _("province (Thai)")),
    Column("province_en", _("province (English)")),
    Column("url", _("the village's page (Thai)")),
    Column("url_en", _("the village's page (English)")),
]


def mapped_villages():
    return (
        _thai_pages(VillagePage)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("tambon__district__province")
        .order_by("path")
    )


def villages_geojson(request) -> dict:
    villages = list(mapped_villages())
    english = _english_titles(villages)
    features = []
    for village in villages:
        other = english.get(village.translation_key)
        province = village.tambon.district.province
        features.append(
            {
                "type": "Feature",
                # GeoJSON (RFC 7946): WGS84, longitude first.
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(village.longitude), float(village.latitude)],
                },
                "properties": {
                    "name_th": village.title,
                    "name_en": other.title if other else "",
                    "tambon_code": village.tambon_id,
                    "province_th": province.name_th,
                    "province_en": province.name_en,
                    "url": village.get_full_url(request),
                    "url_en": other.get_full_url(request) if other else "",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


# --- the files ----------------------------------------------------------------------


@dataclass(frozen=True)
class DataFile:
    name: str
    title: str
    description: str
    columns: list[Column]
    version: Callable[[], tuple]
    geography: bool = False  # carries GeoThai place names or codes


FILES = {
    "producers.csv": DataFile(
        "producers.csv",
        _("OTOP producers"),
        _(
            "Every producer in the OTOP register (pending applications excluded), "
            "with its place and KBO network."
        ),
        catalogue_data.PRODUCER_COLUMNS,
        lambda: (catalogue_data.producers_version(), _pages_version(KboNetworkPage)),
        geography=True,
    ),
    "products.csv": DataFile(
        "products.csv",
        _("OTOP products on sale"),
        _(
            "The products the shop lists: public, OPC-rated, from a producer whose "
            "registration is in force today."
        ),
        catalogue_data.PRODUCT_COLUMNS,
        catalogue_data.products_version,
        geography=True,
    ),
    "villages.geojson": DataFile(
        "villages.geojson",
        _("OTOP tourism villages"),
        _(
            "A GeoJSON FeatureCollection: one Point (WGS84 longitude, latitude) for "
            "each village page with a map position."
        ),
        VILLAGE_PROPERTIES,
        lambda: _pages_version(VillagePage),
        geography=True,
    ),
    "kbo.csv": DataFile(
        "kbo.csv",
        _("KBO networks"),
        _("The provinces' KBO networks (knowledge-based OTOP), with their contacts."),
        KBO_COLUMNS,
        lambda: _pages_version(KboNetworkPage),
    ),
}


def _etag(name: str):
    def etag(request, *args, **kwargs) -> str:
        return fingerprint(name, request.get_host(), FILES[name].version())

    return etag


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _csv(name: str, rows) -> StreamingHttpResponse:
    columns = FILES[name].columns
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in csv_chunks(columns, rows)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return _cacheable(response)


@require_safe
@condition(etag_func=_etag("producers.csv"))
def producers_csv(request):
    kbo = kbo_names_by_province()
    rows = catalogue_data.producer_rows(lambda p: kbo.get(p, ""), _base_url(request))
    return _csv("producers.csv", rows)


@require_safe
@condition(etag_func=_etag("products.csv"))
def products_csv(request):
    return _csv("products.csv", catalogue_data.product_rows(_base_url(request)))


@require_safe
@condition(etag_func=_etag("kbo.csv"))
def kbo_csv(request):
    return _csv("kbo.csv", kbo_rows(request))


@require_safe
@condition(etag_func=_etag("villages.geojson"))
def villages_file(request):
    response = JsonResponse(
        villages_geojson(request),
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )
    return _cacheable(response)


class OpenDataView(TemplateView):
    """What each file holds, its columns, the licence and when its data last changed."""

    template_name = "villages/open_data.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        files = []
        for data_file in FILES.values():
            files.append(
                {
                    "file": data_file,
                    "url": f"/open-data/{data_file.name}",
                    "changed": _last_change(data_file.version()),
                }
            )
        ctx.update(
            files=files,
            licence_url=LICENCE_URL,
            generated=timezone.localtime(),
            language=translation.get_language(),
        )
        return ctx


def _last_change(version):
    """The latest timestamp inside a file's version (its data's last change)."""
    if isinstance(version, dict):
        version = list(version.values())
    if isinstance(version, (list, tuple)):
        found = [_last_change(item) for item in version]
        found = [f for f in found if f is not None]
        return max(found) if found else None
    return version if isinstance(version, datetime) else None
