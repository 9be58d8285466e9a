"""The search vocabulary kept as data: Thai<->English synonyms (data/synonyms.txt), the
words the Thai segmenter keeps whole (data/words.txt), place names in both scripts
(geothai's provinces, the six regions) and stop words.

Everything here is static, so documents and queries are analysed with exactly the same
vocabulary; changing a data file needs `manage.py rebuild_search_index`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import geothai

DATA = Path(__file__).resolve().parent / "data"

# Grammatical words that carry no meaning on their own in a product search.
THAI_STOP_WORDS = frozenset(
    "และ กับ ของ ที่ ใน จาก ด้วย โดย หรือ แบบ เป็น มี ได้ ให้ ซึ่ง นี้ นั้น ไป มา อยู่ "
    "จะ ก็ แต่ ว่า เพื่อ อย่าง สำหรับ ทุก ๆ".split()
)
ENGLISH_STOP_WORDS = frozenset(
    "a an and the of in on for with from by to at is are it its or as be this that "
    "your our all".split()
)
STOP_WORDS = THAI_STOP_WORDS | ENGLISH_STOP_WORDS

# Regions as villages/geography_loader.py names them, with everyday alternatives.
REGION_SYNONYMS = {
    "north": ("ภาคเหนือ", "north", "northern", "northern thailand"),
    "northeast": (
        "ภาคตะวันออกเฉียงเหนือ",
        "northeast",
        "north east",
        "northeastern",
        "ตะวันออกเฉียงเหนือ",
        "อีสาน",
        "ภาคอีสาน",
        "isan",
        "isaan",
        "esan",
    ),
    "west": ("ภาคตะวันตก", "west", "western"),
    "central": ("ภาคกลาง", "central", "central thailand"),
    "east": ("ภาคตะวันออก", "east", "eastern"),
    "south": ("ภาคใต้", "south", "southern", "ปักษ์ใต้", "southern thailand"),
}


def concept_key(name: str) -> str:
    """An ASCII, one-word name for a concept: "Chiang Mai" -> "chiangmai"."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _data_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def synonym_groups() -> dict[str, tuple[str, ...]]:
    """Concept -> the words and phrases that mean it (not yet analysed)."""
    groups: dict[str, list[str]] = {}

    def add(concept: str, members) -> None:
        groups.setdefault(concept_key(concept), []).extend(members)

    for line in _data_lines("synonyms.txt"):
        if ">" in line:
            continue
        concept, *members = (part.strip() for part in line.split("|"))
        add(concept, [concept, *members])
    for code, names in REGION_SYNONYMS.items():
        add(code, names)
    for province in geothai.provinces():
        add(province.name_en, [province.name_th, province.name_en])
    return {key: tuple(dict.fromkeys(members)) for key, members in groups.items()}


@cache
def place_concepts() -> frozenset[str]:
    """Concepts that are places: the only ones a place name may carry."""
    names = [*REGION_SYNONYMS, *(p.name_en for p in geothai.provinces())]
    return frozenset(concept_key(name) for name in names)


@cache
def lexicon_words(*, places: bool = True) -> frozenset[str]:
    """The words of the synonyms (both scripts, lower-case; with or without the
    place names): real words that spelling correction must leave alone."""
    skip = set() if places else place_concepts()
    return frozenset(
        word
        for concept, members in synonym_groups().items()
        if concept not in skip
        for member in (concept, *members)
        for word in member.lower().split()
    )


@cache
def broader_concepts() -> dict[str, tuple[str, ...]]:
    """Concept -> narrower concepts a query for it also finds ("souvenir > food")."""
    broader = {}
    for line in _data_lines("synonyms.txt"):
        if ">" in line:
            concept, narrower = line.split(">", 1)
            broader[concept_key(concept)] = tuple(
                concept_key(n) for n in narrower.split()
            )
    return broader


@cache
def product_words() -> frozenset[str]:
    """Thai product words of the data files (words.txt and the synonyms)."""
    words = set(_data_lines("words.txt"))
    for members in synonym_groups().values():
        words.update(m for m in members if _is_thai(m) and " " not in m)
    return frozenset(words)


@cache
def segmenter_words() -> frozenset[str]:
    """Thai words the segmenter must keep whole, on top of PyThaiNLP's dictionary."""
    words = set(product_words())
    for province in geothai.provinces():
        words.add(province.name_th)
        for district in geothai.districts(province.code):
            words.add(re.sub(r"^(อำเภอ|เขต)", "", district.name_th))
    return frozenset(words)


@cache
def compound_heads() -> frozenset[str]:
    """Thai product words worth finding inside a compound (ไหม in ผ้าไหม).

    Only these are split out, because PyThaiNLP's dictionary splits almost any word
    into real but unrelated words (ทุเรียน = ทุ + เรียน, แหนม = แห + นม).
    """
    return frozenset(
        word for word in product_words() if len(word) >= 3 and word not in STOP_WORDS
    )


def _is_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)
