"""Dates of slots as visitors read them: Thai with the Buddhist Era year, or English."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache, wraps

from django.utils import timezone, translation
from django.utils.formats import date_format

from catalogue.register import BUDDHIST_ERA_OFFSET


def _thai() -> bool:
    return (translation.get_language() or "th").startswith("th")


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _remembered(function):
    """A date's text per language and time zone, remembered: a village page writes the
    same slot dates on every view, and date_format() is slow."""
    remembered = lru_cache(maxsize=4096)(lambda value, language, zone: function(value))

    @wraps(function)
    def text(value):
        return remembered(
            value, translation.get_language(), timezone.get_current_timezone_name()
        )

    return text


@_remembered
def long_date(value: date | datetime) -> str:
    """“วันเสาร์ที่ 5 ธันวาคม 2569” / “Saturday 5 December 2026”."""
    value = _local(value)
    if _thai():
        return f"{date_format(value, 'วันlที่ j F')} {value.year + BUDDHIST_ERA_OFFSET}"
    return date_format(value, "l j F Y")


def short_date(value: date | datetime) -> str:
    """“5 ธ.ค. 2569” / “5 Dec 2026”."""
    value = _local(value)
    if _thai():
        return f"{date_format(value, 'j b')} {value.year + BUDDHIST_ERA_OFFSET}"
    return date_format(value, "j M Y")


@_remembered
def time_of_day(value: datetime) -> str:
    """“09:30 น.” / “09:30”."""
    text = f"{_local(value):%H:%M}"
    return f"{text} น." if _thai() else text


def long_datetime(value: datetime) -> str:
    return f"{long_date(value)} {time_of_day(value)}"
