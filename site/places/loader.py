"""Loads Thailand's regions, provinces, districts and tambons from the pinned `geothai`
package (DOPA data, CC BY 4.0, credit "GeoThai") and the region table shipped here."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

import geothai

from .models import District, Province, Region, Tambon

PROVINCE_REGIONS = Path(__file__).resolve().parent / "data" / "province_regions.csv"
# Postcodes that two independent datasets give for a subdistrict and geothai lacks
# (data/README.md): accepted beside geothai's, after them.
POSTCODE_ADDITIONS = Path(__file__).resolve().parent / "data" / "postcode_additions.csv"

# The six regions of the National Geographical Committee, in display order.
REGIONS = [
    ("north", "North", "ภาคเหนือ"),
    ("northeast", "Northeast", "ภาคตะวันออกเฉียงเหนือ"),
    ("west", "West", "ภาคตะวันตก"),
    ("central", "Central", "ภาคกลาง"),
    ("east", "East", "ภาคตะวันออก"),
    ("south", "South", "ภาคใต้"),
]


@dataclass
class GeographyCounts:
    regions: int
    provinces: int
    districts: int
    tambons: int


def _province_regions() -> dict[str, str]:
    by_english = {en: code for code, en, _th in REGIONS}
    with PROVINCE_REGIONS.open(encoding="utf-8") as f:
        return {
            row["province_code"]: by_english[row["region_en"]]
            for row in csv.DictReader(f)
        }


def postcode_additions() -> dict[str, list[str]]:
    """Tambon code → the extra postcodes of data/postcode_additions.csv."""
    additions: dict[str, list[str]] = {}
    with POSTCODE_ADDITIONS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            additions.setdefault(row["tambon_code"], []).append(row["postcode"])
    return additions


def with_additions(code: str, postcodes, additions: dict[str, list[str]]) -> list[str]:
    found = list(postcodes)
    return found + [p for p in additions.get(code, []) if p not in found]


def _sync(model, rows: list, fields: list[str]) -> None:
    """Insert missing rows and update changed ones, in bulk (idempotent)."""
    existing = model.objects.in_bulk()
    new, changed = [], []
    for row in rows:
        current = existing.get(row.pk)
        if current is None:
            new.append(row)
        elif any(getattr(current, f) != getattr(row, f) for f in fields):
            changed.append(row)
    model.objects.bulk_create(new, batch_size=1000)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=500)


@transaction.atomic
def load_geography(province_codes: Iterable[str] | None = None) -> GeographyCounts:
    """Load (or refresh) every region, and the provinces with the given DOPA codes (all
    77 when None) with their districts and tambons."""
    wanted = set(province_codes) if province_codes is not None else None
    regions = [
        Region(code=code, name_en=en, name_th=th, sort_order=i)
        for i, (code, en, th) in enumerate(REGIONS)
    ]
    _sync(Region, regions, ["name_en", "name_th", "sort_order"])

    region_of = _province_regions()
    additions = postcode_additions()
    provinces, districts, tambons = [], [], []
    for p in geothai.provinces():
        if wanted is not None and p.code not in wanted:
            continue
        provinces.append(
            Province(
                code=p.code,
                name_th=p.name_th,
                name_en=p.name_en,
                region_id=region_of[p.code],
            )
        )
        for d in geothai.districts(p.code):
            districts.append(
                District(
                    code=d.code,
                    name_th=d.name_th,
                    name_en=d.name_en,
                    province_id=p.code,
                )
            )
            for s in geothai.subdistricts(d.code):
                tambons.append(
                    Tambon(
                        code=s.code,
                        name_th=s.name_th,
                        name_en=s.name_en,
                        district_id=d.code,
                        postcodes=with_additions(s.code, s.postal_codes, additions),
                    )
                )
    _sync(Province, provinces, ["name_th", "name_en", "region_id"])
    _sync(District, districts, ["name_th", "name_en", "province_id"])
    _sync(Tambon, tambons, ["name_th", "name_en", "district_id", "postcodes"])
    return GeographyCounts(
        Region.objects.count(),
        Province.objects.count(),
        District.objects.count(),
        Tambon.objects.count(),
    )
