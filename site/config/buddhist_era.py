"""Dates in the visitor's calendar: Buddhist-era years on Thai pages and e-mails.

Registered as a template builtin (settings TEMPLATES "builtins"), so its `date` filter
replaces Django's everywhere, Oscar's templates included: under Thai the years of
"Y", "y" and "o" are B.E. (C.E. + 543); month and day names come from Django's Thai
formats as before. Other languages and machine-readable formats ("Y-m-d…", "c",
"U", "r") are untouched.
"""

from __future__ import annotations

import datetime

from django import template
from django.template.defaultfilters import date as django_date
from django.utils import dateformat
from django.utils.translation import get_language

BUDDHIST_ERA_OFFSET = 543

register = template.Library()


class BuddhistEraFormat(dateformat.DateFormat):
    def Y(self) -> str:  # noqa: N802  (Django's format character)
        return f"{self.data.year + BUDDHIST_ERA_OFFSET:04d}"

    def y(self) -> str:
        return f"{(self.data.year + BUDDHIST_ERA_OFFSET) % 100:02d}"

    def o(self) -> str:
        return f"{self.data.isocalendar().year + BUDDHIST_ERA_OFFSET}"


# Machine-readable formats (a <time datetime>, an ISO date) stay in the Common Era.
MACHINE_FORMATS = ("Y-m-d", "c", "U", "r")


def thai_calendar() -> bool:
    return (get_language() or "").startswith("th")


def format_date(value, arg: str | None = None) -> str:
    """Django's `date` filter, with B.E. years when the active language is Thai."""
    machine = arg is not None and arg.startswith(MACHINE_FORMATS)
    if machine or not thai_calendar() or not isinstance(value, datetime.date):
        return django_date(value, arg)
    # Let Django resolve the format (a name like SHORT_DATE_FORMAT, or the locale's
    # default) and the time zone, then write the year in the Buddhist era.
    from django.utils.formats import get_format
    from django.utils.timezone import localtime

    fmt = get_format(arg or "DATE_FORMAT") if not arg or arg.isupper() else arg
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = localtime(value)
    try:
        return BuddhistEraFormat(value).format(fmt)
    except AttributeError:
        return ""


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    return format_date(value, arg)
