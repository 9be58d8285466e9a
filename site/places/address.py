"""The address options checkout offers: provinces, districts and tambons, ordered and
labelled in the visitor's language."""

from __future__ import annotations

import unicodedata

from django import forms
from django.db.models import QuerySet
from django.utils.translation import get_language

from .models import District, Province, Tambon


def _english() -> bool:
    return (get_language() or "th").startswith("en")


def label(place) -> str:
    """A place's name in the visitor's language (Thai when it has no English name)."""
    return place.name_en if _english() and place.name_en else place.name_th


def _order() -> str:
    return "name_en" if _english() else "name_th"


def provinces() -> QuerySet[Province]:
    return Province.objects.order_by(_order())


def districts_of(province_code: str | None) -> QuerySet[District]:
    return District.objects.filter(province_id=province_code).order_by(_order())


def tambons_of(
    district_code: str | None, province_code: str | None = None
) -> QuerySet[Tambon]:
    tambons = Tambon.objects.filter(district_id=district_code)
    if province_code is not None:
        tambons = tambons.filter(district__province_id=province_code)
    return tambons.order_by(_order())


class PlaceChoiceField(forms.ModelChoiceField):
    """A province, district or tambon, listed in the visitor's language."""

    def label_from_instance(self, obj) -> str:
        return label(obj)


def normalize_postcode(value: str) -> str:
    """A postcode as typed, in ASCII digits: Thai digits (๑๐๒๐๐) read as the same
    number, spaces and dashes ("10 200", "10-200") dropped."""
    digits = []
    for char in value or "":
        if char.isspace() or char in "-‐‑–—.":
            continue
        number = unicodedata.decimal(char, None)
        digits.append(str(number) if number is not None else char)
    return "".join(digits)
