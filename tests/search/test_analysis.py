"""The text analysis's own speed-ups keep PyThaiNLP's answers."""

from __future__ import annotations

import pytest
from pythainlp.util import normalize as pythainlp_normalize

from shop.search import analysis


@pytest.mark.parametrize(
    "text",
    [
        "เเปลก",  # two Sara E: Sara Ae
        "นานาาา ดีีีี",  # repeated vowels
        "ก้ำ ก่่่า",  # tone marks out of order, repeated
        "๊กคำ ่ที่สอง",  # dangling marks
        "พ ุ่มดอกไม้\u200bครับ",  # a space before a mark, a zero-width space
        "ผ้าไหมมัดหมี่  ทอมือ\n\nจาก  สุรินทร์",
    ],
)
def test_thai_normalisation_is_pythainlp_s(text):
    assert analysis._normalise_thai(text) == pythainlp_normalize(text)


def test_accented_latin_is_folded_and_thai_kept():
    assert analysis.tokenise("Café ผ้าไหม Crème") == [
        "cafe",
        *analysis.tokenise("ผ้าไหม"),
        "creme",
    ]
