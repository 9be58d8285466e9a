"""The five official OTOP product categories."""

from __future__ import annotations

from oscar.core.loading import get_model

# (slug, Thai name, English name, other names an import file may use)
OFFICIAL_CATEGORIES = [
    ("food", "อาหาร", "Food", ()),
    ("beverages", "เครื่องดื่ม", "Beverages", ()),
    (
        "textiles",
        "ผ้า เครื่องแต่งกาย",
        "Textiles and garments",
        ("ผ้าและเครื่องแต่งกาย", "textiles and clothing", "garments"),
    ),
    (
        "household",
        "ของใช้ ของตกแต่ง ของที่ระลึก",
        "Household, decorative and souvenir items",
        ("ของใช้ ของประดับตกแต่ง ของที่ระลึก", "souvenirs", "handicrafts"),
    ),
    (
        "herbal",
        "สมุนไพรที่ไม่ใช่อาหาร",
        "Herbal products (non-food)",
        ("สมุนไพร", "herbal products", "herbal products that are not food"),
    ),
]


def ensure_official_categories() -> dict[str, object]:
    """Create the five categories if missing; return them by slug."""
    Category = get_model("catalogue", "Category")
    existing = {c.slug: c for c in Category.get_root_nodes()}
    for slug, name_th, name_en, _aliases in OFFICIAL_CATEGORIES:
        if slug not in existing:
            existing[slug] = Category.add_root(name=name_th, name_en=name_en, slug=slug)
    return existing


def category_aliases() -> dict[str, str]:
    """Every accepted spelling of a category (lower-cased) mapped to its slug."""
    aliases = {}
    for slug, name_th, name_en, others in OFFICIAL_CATEGORIES:
        for name in (slug, name_th, name_en, *others):
            aliases[" ".join(name.lower().split())] = slug
    return aliases
