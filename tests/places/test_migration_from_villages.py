"""Geography moved from `villages` to `places` without touching a table: a database
made before the move migrates and keeps every row, on SQLite and PostgreSQL alike.

`test_a_database_made_by_the_previous_main_migrates` runs `migrate` on a SQLite file
created by the main branch before the move (its migrate, load_geography and a small
load_demo; see data/README.md). The other test migrates this database back to the
state before the move, writes rows with the historical models, and forward again.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

PREVIOUS_MAIN = Path(__file__).parent / "data" / "previous_main.sqlite3.gz"
BEFORE_THE_MOVE = [
    ("villages", "0003_village_kbo_story_fair_pages"),
    ("catalogue", "0035_product_producer_required"),
    ("producers", "0001_initial"),
    ("places", None),
]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_move_are_found_after_it():
    _migrate(BEFORE_THE_MOVE)
    executor = MigrationExecutor(connection)  # reloads what is applied now
    applied = [
        m
        for m in executor.loader.applied_migrations
        if m in executor.loader.graph.nodes
    ]
    old = executor.loader.project_state(applied).apps
    region = old.get_model("villages", "Region").objects.create(
        code="north", name_th="ภาคเหนือ", name_en="North", sort_order=1
    )
    province = old.get_model("villages", "Province").objects.create(
        code="50", name_th="เชียงใหม่", name_en="Chiang Mai", region=region
    )
    district = old.get_model("villages", "District").objects.create(
        code="5013", name_th="สันกำแพง", name_en="San Kamphaeng", province=province
    )
    tambon = old.get_model("villages", "Tambon").objects.create(
        code="501306",
        name_th="ออนใต้",
        name_en="On Tai",
        district=district,
        postcodes=["50130"],
    )
    partner = old.get_model("partner", "Partner").objects.create(name="ทอผ้า")
    old.get_model("catalogue", "Producer").objects.create(
        registration_number="OTOP-50-000001",
        name_th="กลุ่มทอผ้า",
        kind="community_group",
        tambon=tambon,
        partner=partner,
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    assert ContentType.objects.filter(app_label="villages", model="tambon").exists()

    _migrate(executor.loader.graph.leaf_nodes())

    from catalogue.register import Producer
    from places.models import Tambon

    producer = Producer.objects.select_related(
        "tambon__district__province__region"
    ).get(registration_number="OTOP-50-000001")
    assert producer.tambon.name_en == "On Tai"
    assert producer.tambon.district.province.region.name_th == "ภาคเหนือ"
    assert Tambon.objects.get(code="501306").postcodes == ["50130"]
    assert not ContentType.objects.filter(app_label="villages", model="tambon").exists()
    assert ContentType.objects.filter(app_label="places", model="tambon").count() == 1


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'django_migrations'"
            )
        ]
        return {
            t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables
        }


# Derived data, rebuilt by `manage.py rebuild_search_index` after migrating (README):
# search 0003 drops the old engine's postings and recreates the FTS5 table with Thai
# marks as word characters.
SEARCH_INDEX_TABLES = {
    "search_posting",
    "search_term",
    "wagtailsearch_indexentry_fts_data",
    "wagtailsearch_indexentry_fts_idx",
}


def test_a_database_made_by_the_previous_main_migrates(tmp_path):
    copy = tmp_path / "previous_main.sqlite3"
    with gzip.open(PREVIOUS_MAIN) as packed, copy.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    before = _counts(copy)
    assert before["villages_tambon"] == 7436  # the whole geography
    assert before["catalogue_producer"] > 0 and before["wagtailcore_page"] > 0

    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{copy}",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "places.0001_initial... OK" in result.stdout

    after = _counts(copy)
    lost = {
        t: (n, after.get(t))
        for t, n in before.items()
        if after.get(t, 0) < n and t not in SEARCH_INDEX_TABLES
    }
    assert lost == {}
    with sqlite3.connect(copy) as db:
        labels = dict(
            db.execute(
                "SELECT model, app_label FROM django_content_type "
                "WHERE model IN ('region', 'province', 'district', 'tambon')"
            )
        )
        orphans = db.execute(
            "SELECT COUNT(*) FROM catalogue_producer p "
            "LEFT JOIN villages_tambon t ON t.code = p.tambon_id WHERE t.code IS NULL"
        ).fetchone()[0]
    assert labels == dict.fromkeys(
        ["region", "province", "district", "tambon"], "places"
    )
    assert orphans == 0
