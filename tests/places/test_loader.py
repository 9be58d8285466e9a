"""`load_geography()` loads Thailand's regions, provinces, districts and tambons from
geothai, and loading again changes nothing."""

from __future__ import annotations

import hashlib
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import geothai
import pytest

from places.loader import load_geography
from places.models import District, Province, Region, Tambon

pytestmark = pytest.mark.django_db

EXPECTED = {Region: 6, Province: 77, District: 928, Tambon: 7436}
PROVINCES_PER_REGION = {
    "North": 9,
    "Northeast": 20,
    "West": 5,
    "Central": 22,
    "East": 7,
    "South": 14,
}


def counts() -> dict:
    return {model: model.objects.count() for model in EXPECTED}


def fingerprint() -> str:
    """A hash of every row of every geography table."""
    digest = hashlib.sha256()
    for model in EXPECTED:
        fields = [f.attname for f in model._meta.concrete_fields]
        for row in model.objects.order_by("pk").values_list(*fields):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_loads_every_region_province_district_and_tambon():
    result = load_geography()

    assert counts() == EXPECTED
    assert (result.regions, result.provinces, result.districts, result.tambons) == (
        6,
        77,
        928,
        7436,
    )


def test_second_load_changes_nothing():
    load_geography()
    before = fingerprint()

    with CaptureQueriesContext(connection) as queries:
        load_geography()

    assert counts() == EXPECTED
    assert fingerprint() == before
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_load_repairs_an_edited_row():
    load_geography()
    before = fingerprint()
    Tambon.objects.filter(code="500101").update(name_en="Somewhere else", postcodes=[])

    load_geography()

    assert fingerprint() == before


def test_provinces_per_region():
    load_geography()

    per_region = {
        region.name_en: region.provinces.count() for region in Region.objects.all()
    }
    assert per_region == PROVINCES_PER_REGION
    assert list(Region.objects.values_list("name_en", flat=True)) == list(
        PROVINCES_PER_REGION
    )


def test_spot_checks():
    load_geography()

    chiang_mai = Province.objects.get(code="50")
    assert (chiang_mai.name_th, chiang_mai.name_en) == ("เชียงใหม่", "Chiang Mai")
    assert chiang_mai.region.name_en == "North"
    assert chiang_mai.region.name_th == "ภาคเหนือ"
    assert Province.objects.get(name_en="Bangkok").region.code == "central"

    si_phum = Tambon.objects.select_related("district__province").get(code="500101")
    assert (si_phum.name_th, si_phum.district.name_en) == ("ศรีภูมิ", "Mueang Chiang Mai")
    assert si_phum.province == chiang_mai
    assert si_phum.postcodes == ["50200"]

    # Served by two post offices: both postcodes are kept.
    assert Tambon.objects.get(code="100203").postcodes == ["10300", "10303"]


def test_tambons_with_several_postcodes_keep_them_all():
    load_geography()

    expected = {
        s.code: list(s.postal_codes)
        for p in geothai.provinces()
        for d in geothai.districts(p.code)
        for s in geothai.subdistricts(d.code)
        if len(s.postal_codes) > 1
    }
    assert len(expected) == 160
    stored = dict(
        Tambon.objects.filter(code__in=expected).values_list("code", "postcodes")
    )
    assert stored == expected


def test_command_reports_the_counts():
    out = StringIO()

    call_command("load_geography", stdout=out)

    assert counts() == EXPECTED
    assert "6 regions, 77 provinces, 928 districts, 7436 tambons" in out.getvalue()
    assert "GeoThai" in out.getvalue()
