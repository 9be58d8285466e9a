"""Indexing off the request: a save enqueues a task (django-tasks; the database queue
in production, run by `manage.py db_worker`), and what the OTOP rule decides takes
effect at once, before any task has run."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest
from django_tasks import default_task_backend

from catalogue.models import Producer
from tests.factories import EligibleProductFactory

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def search(client, words: str):
    response = client.get(reverse("search:search"), {"q": words})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return sorted(p.title for p in response.context["products"])


def stars(response) -> int:
    for facet in response.context["facets"]:
        if facet["name"] == "stars":
            return sum(o["count"] for o in facet["options"])
    return 0


def test_a_save_enqueues_the_indexing_instead_of_doing_it(client):
    product = EligibleProductFactory(title="กาแฟคั่วบด", title_en="")
    with override_settings(TASKS=QUEUED):
        product.title = "ผ้าไหมแพรวา"
        product.save()
        queued = [r.task.name for r in default_task_backend.results]
        assert "index_documents" in queued
        # Not written yet: the old words still find it, the new ones not yet.
        assert titles(search(client, "กาแฟ")) == ["ผ้าไหมแพรวา"]
        assert titles(search(client, "แพรวา")) == []
        for result in default_task_backend.results:
            result.task.call(*result.args, **result.kwargs)  # what a worker does
    assert titles(search(client, "แพรวา")) == ["ผ้าไหมแพรวา"]
    assert titles(search(client, "กาแฟ")) == []


@pytest.mark.parametrize("lapse", ["hidden", "suspended", "unrated"])
def test_an_ineligible_product_is_out_at_once_before_its_task_runs(client, lapse):
    product = EligibleProductFactory(title="ผ้าไหมแพรวา", title_en="")
    other = EligibleProductFactory(title="ผ้าไหมยกดอก", title_en="")
    assert stars(search(client, "ผ้าไหม")) == 2

    with override_settings(TASKS=QUEUED):
        if lapse == "hidden":
            product.is_public = False
            product.save()
        elif lapse == "suspended":
            product.producer.status = Producer.Status.SUSPENDED
            product.producer.save()
        else:
            product.opc_ratings.get().delete()
        assert default_task_backend.results  # its rewrite is still waiting

        response = search(client, "ผ้าไหม")
        assert titles(response) == [other.title]
        assert response.context["paginator"].count == 1
        assert stars(response) == 1


@pytest.mark.django_db(transaction=True)  # the worker closes its connections
@override_settings(TASKS=DATABASE)
def test_the_database_queue_and_its_worker_index_a_new_product(client):
    product = EligibleProductFactory(
        title="ตะกร้าไม้ไผ่สาน", title_en="", stockrecords__price=Decimal("250")
    )
    assert titles(search(client, "ตะกร้า")) == []  # queued, not yet indexed

    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO())

    assert titles(search(client, "ตะกร้า")) == [product.title]


def test_a_worker_s_rewrite_shows_on_cached_pages(client, settings):
    """The page cache is keyed by the content version; the save bumped it before the
    worker rewrote the document, so the worker bumps it again when it has."""
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_SHARED_SECONDS = 60
    product = EligibleProductFactory(title="กาแฟคั่วบด", title_en="")
    with override_settings(TASKS=QUEUED):
        product.title = "ผ้าไหมแพรวา"
        product.save()
        assert titles(search(client, "แพรวา")) == []  # now held by the page cache
        held = search(client, "แพรวา")
        assert held.context is None  # served by the page cache, not rendered
        assert "ผ้าไหมแพรวา" not in held.content.decode()
        for result in default_task_backend.results:
            result.task.call(*result.args, **result.kwargs)  # what a worker does
    response = search(client, "แพรวา")
    assert "ผ้าไหมแพรวา" in response.content.decode()
