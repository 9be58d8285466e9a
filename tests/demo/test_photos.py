"""The demo photo drawer: language-neutral pictures, one per product, quickly drawn.

No test can prove a picture holds no writing; these prove what can be: the drawer is
never given the product's name, never loads a font nor calls Pillow's text drawing,
and two products of the same category never look alike.
"""

import io
import itertools

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from demo.photos import CATEGORIES, draw_product_photo


@pytest.mark.parametrize("category", CATEGORIES)
def test_photo_is_a_jpeg_of_the_requested_size(category):
    photo = Image.open(io.BytesIO(draw_product_photo(category, 1, 320)))
    assert photo.format == "JPEG"
    assert photo.size == (320, 320)


def test_photos_are_deterministic_and_differ_by_seed():
    first = draw_product_photo("textiles", seed=1)
    assert first == draw_product_photo("textiles", seed=1)
    assert first != draw_product_photo("textiles", seed=2)


def test_no_text_is_drawn_and_no_font_is_loaded(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the photo drawer drew text")

    for name in ("text", "multiline_text", "textbbox", "textlength"):
        monkeypatch.setattr(ImageDraw.ImageDraw, name, refuse)
    for name in ("load_default", "truetype", "load"):
        monkeypatch.setattr(ImageFont, name, refuse)
    for category, seed in itertools.product(CATEGORIES, range(8)):
        draw_product_photo(category, seed, 240)


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


@pytest.mark.parametrize("category", CATEGORIES)
def test_two_products_of_a_category_never_look_alike(category):
    """40 products of one category, compared pairwise as 32×32 thumbnails (what a
    shopper sees of a grid at a glance): each pair differs by at least 5 of 255 on
    average per pixel and channel, and most by far more (measured: minimum about 7,
    median about 27)."""
    thumbnails = [
        Image.open(io.BytesIO(draw_product_photo(category, seed, 200))).resize((32, 32))
        for seed in range(40)
    ]
    differences = sorted(
        _mean_difference(a, b) for a, b in itertools.combinations(thumbnails, 2)
    )
    assert differences[0] >= 5
    assert differences[len(differences) // 2] >= 15
