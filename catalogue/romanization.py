"""Thai names in Latin letters, by the Royal Thai General System of Transcription (RTGS).

English pages need a readable name for producers, products and villages that have no
English one. PyThaiNLP's "royin" engine (the Royal Institute's rules) runs offline,
word by word after segmentation: "บ้านดอนหลวง" → "Ban Don Luang". The result is a
starting point that staff may correct (Django admin and Wagtail edit the fields); a
field that is already filled is never overwritten.
"""

from __future__ import annotations

import re
from functools import lru_cache

THAI = re.compile(r"[\u0E00-\u0E7F]")


@lru_cache(maxsize=4096)
def romanize(text: str) -> str:
    """`text` in RTGS, each Thai word capitalised; Latin letters and digits kept."""
    text = (text or "").strip()
    if not THAI.search(text):
        return text
    from pythainlp.tokenize import word_tokenize
    from pythainlp.transliterate import romanize as royin

    words = []
    for word in word_tokenize(text, engine="newmm", keep_whitespace=False):
        if THAI.search(word):
            latin = royin(word, engine="royin").strip()
            if latin:
                words.append(latin[0].upper() + latin[1:])
        elif word.strip():
            words.append(word.strip())
    joined = " ".join(words)
    # No space before closing punctuation or after opening brackets.
    joined = re.sub(r"\s+([,.;:)\]])", r"\1", joined)
    return re.sub(r"([(\[])\s+", r"\1", joined)


def fill_missing(producers, products) -> int:
    """Romanise the blank RTGS fields of these querysets (and villages' English
    names); returns how many rows changed. Works on historical models too (migrations)."""
    changed = 0
    batch = []
    for producer in producers.filter(name_rtgs="").only("pk", "name_th"):
        producer.name_rtgs = romanize(producer.name_th)[:255]
        batch.append(producer)
    producers.model.objects.bulk_update(batch, ["name_rtgs"], batch_size=500)
    changed += len(batch)

    batch = []
    missing_village = producers.filter(village_name_en="").exclude(village_name="")
    for producer in missing_village.only("pk", "village_name"):
        producer.village_name_en = romanize(producer.village_name)[:120]
        batch.append(producer)
    producers.model.objects.bulk_update(batch, ["village_name_en"], batch_size=500)
    changed += len(batch)

    batch = []
    for product in products.filter(title_rtgs="").exclude(title="").only("pk", "title"):
        product.title_rtgs = romanize(product.title)[:255]
        batch.append(product)
        if len(batch) >= 2000:
            products.model.objects.bulk_update(batch, ["title_rtgs"], batch_size=500)
            changed += len(batch)
            batch = []
    products.model.objects.bulk_update(batch, ["title_rtgs"], batch_size=500)
    return changed + len(batch)
