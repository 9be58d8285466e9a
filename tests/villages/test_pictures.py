"""A page's pictures (`{% picture %}` of its hero and gallery) are made once per
content version (villages.pictures): the next view shows the same HTML without
looking a rendition up, and a changed image or a deleted rendition shows at once."""

from __future__ import annotations

import re

from django.core.files.storage import default_storage

from wagtail.images import get_image_model

import pytest

from .conftest import drawn_image

pytestmark = pytest.mark.django_db

Image = get_image_model()
Rendition = Image.get_rendition_model()


def hero(client, page) -> str:
    html = client.get(page.url).content.decode()
    return re.search(r"<picture>.*?</picture>", html, re.S)[0]


def files(picture: str) -> list[str]:
    """The media paths of the picture's renditions."""
    return re.findall(r"/media/(images/[^\s\"]+)", picture)


def test_the_next_view_shows_the_same_picture_without_looking_renditions_up(
    client, site, monkeypatch
):
    village = site["village"]
    first = hero(client, village)
    looked_up = []
    real = Image.get_renditions
    monkeypatch.setattr(
        Image,
        "get_renditions",
        lambda self, *filters: looked_up.append(filters) or real(self, *filters),
    )

    assert hero(client, village) == first
    assert files(first) and all(default_storage.exists(f) for f in files(first))
    # The hero's own three sizes and formats are not asked for again (its OpenGraph
    # and JSON-LD image, a plain rendition, still is).
    assert all(len(filters) == 1 for filters in looked_up)


def test_a_moved_focal_point_shows_on_the_next_view(client, site):
    village = site["village"]
    before = files(hero(client, village))
    image = village.hero_image
    image.focal_point_x, image.focal_point_y = 40, 20
    image.focal_point_width = image.focal_point_height = 30
    image.save()

    after = files(hero(client, village))

    assert after and set(after).isdisjoint(before)
    assert all(default_storage.exists(f) for f in after)


def test_deleted_renditions_are_drawn_again_not_linked(client, site):
    village = site["village"]
    hero(client, village)
    Rendition.objects.filter(image=village.hero_image).delete()

    after = files(hero(client, village))

    assert after and all(default_storage.exists(f) for f in after)


def test_each_image_has_its_own_picture(client, site):
    village = site["village"]
    first = hero(client, village)
    village.hero_image = drawn_image("Another village")
    village.save_revision().publish()

    assert hero(client, village) != first
