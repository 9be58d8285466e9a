"""Buddhist-era years on Thai pages: Django's `date` filter is replaced everywhere
(Oscar's templates included) by one that writes B.E. years under Thai."""

import datetime
import re

from django.template import engines
from django.utils import translation

import pytest

from tests.villages.conftest import home, places, site  # noqa: F401  (fixtures)

FAIR_DAY = datetime.date(2027, 6, 20)


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("language", "source", "expected"),
    [
        ("th", "{{ d|date }}", "20 มิถุนายน 2570"),
        ("th", '{{ d|date:"j E Y" }}', "20 มิถุนายน 2570"),
        ("th", '{{ d|date:"SHORT_DATE_FORMAT" }}', "20 มิ.ย. 2570"),
        ("th", '{{ d|date:"d/m/y" }}', "20/06/70"),
        ("th", "{{ d|date:'Y-m-d' }}", "2027-06-20"),  # machine-readable: C.E.
        ("en", "{{ d|date }}", "June 20, 2027"),
    ],
)
def test_the_date_filter_writes_the_visitors_calendar(language, source, expected):
    with translation.override(language):
        assert render(source, d=FAIR_DAY) == expected


def test_a_thai_datetime_is_in_bangkok_time_and_buddhist_era():
    placed = datetime.datetime(2026, 12, 31, 20, 30, tzinfo=datetime.UTC)
    with translation.override("th"):
        assert render("{{ t|date:'DATETIME_FORMAT' }}", t=placed) == (
            "1 มกราคม 2570, 3:30"
        )


@pytest.mark.django_db
def test_the_thai_fair_page_dates_its_fair_in_the_buddhist_era(client, site):  # noqa: F811
    html = client.get(site["fair"].get_url()).content.decode()
    # What a reader sees: no tags, no JSON-LD (schema.org dates are C.E., as they must be).
    visible = re.sub(
        r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S)
    )
    assert "20 มิถุนายน 2570" in visible and "28 มิถุนายน 2570" in visible
    assert "2027" not in visible
    assert '<time datetime="2027-06-20">' in html  # machines read C.E.
