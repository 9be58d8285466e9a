"""The evaluation queries: what buyers type (Thai, English, both, with typos, by place
and by idea) and the products of `catalogue.ITEMS` a buyer would want for each, judged
by hand. Relevance is about the product, not the words: a knitted yarn hat (ไหมพรม) is
not silk, corn milk is not rice, a hom mali spirit is not jasmine rice.
"""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    text: str
    relevant: frozenset[str]
    kind: str  # thai, english, mixed, typo, place, idea


def _q(text: str, kind: str, *keys: str) -> Query:
    return Query(text, frozenset(keys), kind)


SILK = (
    "silk-mudmee-chonnabot",
    "silk-praewa",
    "silk-brocade-lamphun",
    "silk-scarf-surin",
    "silk-plain-chaiyaphum",
)
COTTON = (
    "cotton-indigo-sakon",
    "cotton-blanket-nan",
    "mud-cotton-shawl",
    "fisherman-pants",
    "morhom-shirt",
    "pakhaoma",
    "hilltribe-bag",
)
HERBAL = (
    "balm-cooling",
    "balm-phaya-yo",
    "yellow-oil",
    "herbal-compress",
    "turmeric-soap",
    "goat-milk-soap",
    "kaffir-shampoo",
    "turmeric-cream",
    "pocket-inhaler",
    "citronella-spray",
    "coconut-oil",
    "thanaka",
    "andrographis",
    "aloe-gel",
)
NORTHEAST = (
    "silk-mudmee-chonnabot",
    "silk-praewa",
    "silk-scarf-surin",
    "silk-plain-chaiyaphum",
    "cotton-indigo-sakon",
    "mud-cotton-shawl",
    "dankwian-vase",
    "kratip",
    "carved-candle",
    "yellow-oil",
    "naem-ubon",
    "kun-chiang",
    "moo-yor",
    "jasmine-rice",
    "riceberry",
    "mulberry-tea",
    "mulberry-wine",
    "mamao-wine",
    "sato",
    "hom-mali-spirit",
)
CHIANG_MAI = (
    "sarong-teen-chok",
    "yarn-beanie",
    "bosang-umbrella",
    "teak-elephant",
    "lacquer-bowl",
    "nam-prik-num",
    "sai-ua",
    "khaep-mu",
)
BALM = ("balm-cooling", "balm-phaya-yo")
POTTERY = ("dankwian-vase", "kokret-earthenware", "dragon-jar")
CHILLI_PASTE = ("nam-prik-narok", "nam-prik-num", "nam-prik-pao")
COFFEE = ("doi-chang-coffee", "chumphon-robusta")
TEA = ("oolong-tea", "mulberry-tea", "butterfly-pea-tea")
SOAP = ("turmeric-soap", "goat-milk-soap")
DURIAN = ("durian-chips", "durian-pia")
COCONUT = ("coconut-oil", "candied-coconut", "thong-muan")

QUERIES: tuple[Query, ...] = (
    # Thai: compounds, sub-words, product words
    _q("ผ้าไหม", "thai", *SILK),
    _q("ไหม", "thai", *SILK),
    _q("มัดหมี่", "thai", "silk-mudmee-chonnabot"),
    _q("ผ้าฝ้าย", "thai", *COTTON),
    _q("ฝ้าย", "thai", *COTTON),
    _q("ยาหม่อง", "thai", *BALM),
    _q("สมุนไพร", "thai", *HERBAL, "sai-ua"),
    _q("ข้าวหอมมะลิ", "thai", "jasmine-rice"),
    _q("น้ำพริก", "thai", *CHILLI_PASTE),
    _q("กาแฟ", "thai", *COFFEE),
    _q("ชา", "thai", *TEA),
    _q("ไวน์", "thai", "mulberry-wine", "mamao-wine"),
    _q("สบู่", "thai", *SOAP),
    _q("ทุเรียน", "thai", *DURIAN),
    _q("กล้วย", "thai", "dried-banana", "banana-honey"),
    _q("เครื่องปั้นดินเผา", "thai", *POTTERY),
    _q(
        "จักสาน",
        "thai",
        "bamboo-basket",
        "kratip",
        "water-hyacinth-bag",
        "krajood-bag",
        "reed-mat",
        "bamboo-lamp",
    ),
    _q("ผ้าซิ่น", "thai", "sarong-teen-chok"),
    _q("ตีนจก", "thai", "sarong-teen-chok"),
    _q("ร่ม", "thai", "bosang-umbrella"),
    _q("ช้าง", "thai", "teak-elephant"),
    _q("เบญจรงค์", "thai", "benjarong-set"),
    _q("แหนม", "thai", "naem-ubon"),
    _q("หมู", "thai", "naem-ubon", "sai-ua", "kun-chiang", "moo-yor", "khaep-mu"),
    _q("ไรซ์เบอร์รี่", "thai", "riceberry"),
    _q("ลำไย", "thai", "longan-honey"),
    _q("ทานาคา", "thai", "thanaka"),
    _q("กันยุง", "thai", "citronella-spray"),
    _q("มังกร", "thai", "dragon-jar"),
    _q("ผักตบ", "thai", "water-hyacinth-bag"),
    _q("หม้อห้อม", "thai", "morhom-shirt"),
    _q("ข้าวแต๋น", "thai", "khao-taen"),
    _q("แพรวา", "thai", "silk-praewa"),
    _q("เครื่องเขิน", "thai", "lacquer-bowl"),
    _q("มะพร้าว", "thai", *COCONUT),
    _q("ทุเรียนกวน", "thai", "durian-pia"),
    # by place, by idea
    _q(
        "ของฝาก เชียงใหม่",
        "idea",
        "nam-prik-num",
        "sai-ua",
        "khaep-mu",
        "bosang-umbrella",
        "teak-elephant",
        "lacquer-bowl",
    ),
    _q("ผ้าไหมขอนแก่น", "place", "silk-mudmee-chonnabot"),
    _q("อีสาน", "place", *NORTHEAST),
    _q(
        "ของฝากภาคใต้",
        "idea",
        "krajood-bag",
        "cashews",
        "salted-mackerel",
        "fish-crackers",
    ),
    _q("chiang mai", "place", *CHIANG_MAI),
    _q(
        "isan food",
        "idea",
        "naem-ubon",
        "kun-chiang",
        "moo-yor",
        "jasmine-rice",
        "riceberry",
    ),
    # English
    _q("silk", "english", *SILK),
    _q("herbal balm", "english", *BALM),
    _q("indigo", "english", "cotton-indigo-sakon", "morhom-shirt"),
    _q("cotton", "english", *COTTON),
    _q("basket", "english", "bamboo-basket", "kratip"),
    _q("pottery", "english", *POTTERY),
    _q("coffee", "english", *COFFEE),
    _q("tea", "english", *TEA),
    _q("wine", "english", "mulberry-wine", "mamao-wine", "sato"),
    _q("chilli paste", "english", *CHILLI_PASTE),
    _q("soap", "english", *SOAP),
    _q("honey", "english", "longan-honey"),
    _q("jasmine rice", "english", "jasmine-rice"),
    _q("durian", "english", *DURIAN),
    _q("umbrella", "english", "bosang-umbrella"),
    _q("mosquito repellent", "english", "citronella-spray"),
    _q("elephant", "english", "teak-elephant"),
    _q("thai silk scarf", "english", "silk-scarf-surin"),
    _q("lacquerware", "english", "lacquer-bowl"),
    _q("coconut", "english", *COCONUT),
    # Thai and English together
    _q("ผ้าไหม silk", "mixed", *SILK),
    _q("chiang mai ร่ม", "mixed", "bosang-umbrella"),
    _q("coffee เชียงราย", "mixed", "doi-chang-coffee"),
    _q("ยาหม่อง herbal", "mixed", *BALM),
    _q("soap ขมิ้น", "mixed", "turmeric-soap"),
    # English typos
    _q("slik", "typo", *SILK),
    _q("coffe", "typo", *COFFEE),
    _q("potery", "typo", *POTTERY),
    _q("bambo basket", "typo", "bamboo-basket"),
    _q("tumeric soap", "typo", "turmeric-soap"),
    _q("lacquer bowel", "typo", "lacquer-bowl"),
    _q("chilli pste", "typo", *CHILLI_PASTE),
    _q("embroidred bag", "typo", "hilltribe-bag"),
    _q("durain", "typo", *DURIAN),
)

# Written after the synonyms and the rest of the search were settled and never tuned
# against: the figures for these are the honest estimate for queries nobody has seen.
HELD_OUT: tuple[Query, ...] = (
    _q(
        "ผ้าทอมือ",
        "thai",
        "silk-mudmee-chonnabot",
        "silk-scarf-surin",
        "cotton-indigo-sakon",
        "pakhaoma",
        "cotton-blanket-nan",
        "karen-cloth",
    ),
    _q("ผ้าคราม", "thai", "cotton-indigo-sakon", "morhom-shirt"),
    _q("ผ้าพันคอ", "thai", "silk-scarf-surin"),
    _q("กระเป๋า", "thai", "water-hyacinth-bag", "krajood-bag", "hilltribe-bag"),
    _q("ของฝากจันทบุรี", "idea", "durian-chips", "reed-mat"),
    _q("เทียน", "thai", "carved-candle"),
    _q("ข้าว", "thai", "jasmine-rice", "riceberry"),
    _q("ปลา", "thai", "salted-mackerel", "pla-som", "fish-crackers", "nam-prik-narok"),
    _q(
        "เครื่องดื่ม",
        "thai",
        "doi-chang-coffee",
        "chumphon-robusta",
        "oolong-tea",
        "mulberry-tea",
        "butterfly-pea-tea",
        "mulberry-wine",
        "mamao-wine",
        "sato",
        "roselle-juice",
        "palm-sap",
        "phulae-pineapple",
        "chumphon-cacao",
        "corn-milk",
        "hom-mali-spirit",
    ),
    _q("น้ำผลไม้", "thai", "roselle-juice", "phulae-pineapple"),
    _q(
        "ภาคเหนือ",
        "place",
        "sarong-teen-chok",
        "yarn-beanie",
        "bosang-umbrella",
        "teak-elephant",
        "lacquer-bowl",
        "nam-prik-num",
        "sai-ua",
        "khaep-mu",
        "silk-brocade-lamphun",
        "morhom-shirt",
        "hilltribe-bag",
        "cotton-blanket-nan",
        "silver-bowl-nan",
        "sa-paper-notebook",
        "khao-taen",
        "longan-honey",
        "grass-broom",
        "pla-som",
        "doi-chang-coffee",
        "oolong-tea",
        "andrographis",
        "phulae-pineapple",
    ),
    _q("pork sausage", "english", "sai-ua", "kun-chiang"),
    _q("fermented pork", "english", "naem-ubon"),
    _q("dried fruit", "english", "dried-banana", "mango-leather", "sweet-tamarind"),
    _q("woven bag", "english", "water-hyacinth-bag", "krajood-bag", "hilltribe-bag"),
    _q("massage oil", "english", "yellow-oil", "coconut-oil"),
    _q(
        "ceramic",
        "english",
        "dankwian-vase",
        "kokret-earthenware",
        "dragon-jar",
        "benjarong-set",
    ),
    _q("shrimp paste", "english", "kapi"),
    _q("phuket batik", "place", "batik-phuket"),
    _q("ubon", "place", "naem-ubon", "moo-yor", "carved-candle"),
    _q("tea ชาเขียว", "mixed", "oolong-tea", "mulberry-tea", "butterfly-pea-tea"),
    _q("cofee", "typo", "doi-chang-coffee", "chumphon-robusta"),
    _q("shampo", "typo", "kaffir-shampoo"),
    _q("umbrela", "typo", "bosang-umbrella"),
    _q("hony", "typo", "longan-honey"),
    _q("cashew nuts", "english", "cashews"),
)

# Written with the move to Wagtail's search backends (issue 12), before its query
# expansion was written, and never tuned against: compounds that the synonym list
# does not have, and one-character Thai slips (a missing, extra or wrong tone mark
# or vowel) in product words.
HELD_OUT_THAI: tuple[Query, ...] = (
    _q("ผ้าไหมสุรินทร์", "compound", "silk-scarf-surin"),
    _q("กระเป๋าสาน", "compound", "water-hyacinth-bag", "krajood-bag"),
    _q("ข้าวเหนียว", "compound", "kratip", "sato"),
    _q("ชาสมุนไพร", "compound", "mulberry-tea", "butterfly-pea-tea"),
    _q("น้ำผึ้งป่า", "compound", "longan-honey"),
    _q("ไม้ไผ่สาน", "compound", "bamboo-basket", "bamboo-lamp"),
    _q(
        "ผ้าฝ้ายทอมือ",
        "compound",
        "cotton-blanket-nan",
        "cotton-indigo-sakon",
        "pakhaoma",
    ),
    _q("สบู่สมุนไพร", "compound", "turmeric-soap"),
    _q("ขนมเปี๊ยะ", "compound", "durian-pia"),
    _q("แกะสลักไม้", "compound", "teak-elephant"),
    _q("มัดหมี", "thai-typo", "silk-mudmee-chonnabot"),
    _q("ยาหมอง", "thai-typo", *BALM),
    _q("ทุเรืยน", "thai-typo", *DURIAN),
    _q("น้ำพรึก", "thai-typo", *CHILLI_PASTE),
    _q("ผ้าไหม้", "thai-typo", *SILK),
    _q("สบุ่", "thai-typo", *SOAP),
    _q("กลวย", "thai-typo", "dried-banana", "banana-honey"),
    _q("มะพราว", "thai-typo", *COCONUT),
    _q("ตะกรา", "thai-typo", "bamboo-basket"),
    _q("เครื่องเขีน", "thai-typo", "lacquer-bowl"),
    _q("ข้าวหอมมะลี", "thai-typo", "jasmine-rice"),
)
