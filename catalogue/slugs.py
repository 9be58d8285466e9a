"""Slugs that keep Thai readable.

Django's `slugify` drops Thai vowel and tone marks (they are combining characters, not
`\\w`), turning ผ้าไหม into ผาไหม; Oscar's URL patterns reject them for the same reason.
"""

import re
import unicodedata

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# Word characters, hyphens, and the whole Thai block (U+0E00–U+0E7F, marks included).
SLUG_PATTERN = r"[-\w\u0E00-\u0E7F]+"

validate_thai_slug = RegexValidator(
    rf"^{SLUG_PATTERN}\Z",
    _("Use letters (Thai or Latin), numbers, hyphens or underscores."),
    "invalid",
)


def thai_slugify(value: str, allow_unicode: bool = True) -> str:
    """Lower-case, hyphen-separated slug that keeps Thai characters intact."""
    value = unicodedata.normalize("NFC", str(value)).lower()
    value = re.sub(r"[^-\w\s\u0E00-\u0E7F]", "", value)
    return re.sub(r"[-\s]+", "-", value).strip("-_")
