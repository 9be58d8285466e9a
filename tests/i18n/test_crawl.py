"""Every page in the visitor's language: a crawl of the storefront, account, basket,
checkout, order status, producer dashboard and review desk as each role in Thai and
English. /en/ pages show no Thai script and /th/ pages no English UI words, except
data people typed, names marked up in their language (lang="th" / lang="en"), codes
(translate="no"), and the words in allowlist.txt.

Findings go to artifacts/i18n-crawl.txt (one section per role and language); any
finding fails. `I18N_DUMP=<folder>` also saves each crawled page there, to look into one.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import translation

import pytest

from .crawl import crawl, report
from .world import ROLES, build_world

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module (and per xdist worker); rolled back at the end."""
    with django_db_blocker.unblock(), translation.override("th"):
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)


def write_report(result) -> None:
    sections = ARTIFACTS / "i18n-crawl"
    sections.mkdir(parents=True, exist_ok=True)
    (sections / f"{result.role}-{result.language}.txt").write_text(
        report([result]), encoding="utf-8"
    )
    combined = "".join(
        p.read_text(encoding="utf-8") for p in sorted(sections.glob("*.txt"))
    )
    (ARTIFACTS / "i18n-crawl.txt").write_text(combined, encoding="utf-8")


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_speaks_the_visitors_language(world, db, role, language):
    result = crawl(world.client(role), role, language, world.start_urls, world.typed)
    write_report(result)

    assert len(result.pages) >= 10, result.pages  # the crawl reached the site
    assert not result.errors, result.errors
    assert not result.findings, report([result])
