"""Demo product photos drawn with Pillow: a category motif and a captioned band."""

from __future__ import annotations

import colorsys
import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont, ImageOps

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]

_JPEG_QUALITY = 82
_SUPERSAMPLE = 2  # the motif is drawn at twice the size, then reduced: smooth edges
_STAGE_SHARE = 0.6  # the motif's square, as a share of the photo's side
_STAGE_TOP_SHARE = 0.08
_BAND_SHARE = 0.24  # the caption band at the bottom
_MAX_TITLE_LINES = 3
_TITLE_SIZES = (0.056, 0.048, 0.041)  # font sizes to try, as shares of the side
_WHITE: RGB = (255, 255, 255)

# Hue ranges (degrees) a category's palette is drawn from.
_HUE_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "food": ((0, 38),),
    "beverages": ((275, 335), (22, 45), (95, 140)),  # wine, amber juice or coffee, tea
    "textiles": ((215, 250), (315, 350), (40, 52)),  # indigo, silk magenta, gold
    "household": ((14, 32), (30, 45), (170, 195)),  # terracotta, bamboo, celadon
    "herbal": ((80, 150),),
}
_CATEGORY_LABELS = {
    "food": "Food",
    "beverages": "Beverages",
    "textiles": "Textiles & Garments",
    "household": "Household & Decor",
    "herbal": "Herbal Products",
}


@dataclass(frozen=True)
class _Palette:
    backdrop_top: RGB
    backdrop_bottom: RGB
    main: RGB
    accent: RGB
    light: RGB
    deep: RGB


# Draws a category's motif inside a square stage of the given side.
Motif = Callable[[ImageDraw.ImageDraw, random.Random, _Palette, float], None]


def draw_product_photo(
    title_en: str, category: str, seed: int, size: int = 800
) -> bytes:
    """A JPEG product photo drawn with Pillow: a motif for the category and the
    product's name."""
    if category not in _MOTIFS:
        raise ValueError(f"No photo motif for category {category!r}.")
    rng = random.Random(f"{category}:{seed}")
    palette = _palette(rng, category)
    photo = _backdrop(size, palette)
    _place_motif(photo, _MOTIFS[category], rng, palette)
    _draw_caption(
        ImageDraw.Draw(photo), size, title_en, _CATEGORY_LABELS[category], palette
    )
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=_JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _palette(rng: random.Random, category: str) -> _Palette:
    low, high = rng.choice(_HUE_RANGES[category])
    hue = rng.uniform(low, high) / 360
    accent_hue = hue + rng.choice((0.09, 0.5, 0.58))
    return _Palette(
        backdrop_top=_hsv(hue + 0.04, 0.07, 0.99),
        backdrop_bottom=_hsv(hue, rng.uniform(0.16, 0.26), 0.9),
        main=_hsv(hue, rng.uniform(0.55, 0.8), rng.uniform(0.55, 0.82)),
        accent=_hsv(accent_hue, rng.uniform(0.5, 0.75), 0.88),
        light=_hsv(hue, 0.06, 0.98),
        deep=_hsv(hue, 0.55, 0.26),
    )


def _hsv(hue: float, saturation: float, value: float) -> RGB:
    red, green, blue = colorsys.hsv_to_rgb(hue % 1, saturation, value)
    return round(red * 255), round(green * 255), round(blue * 255)


def _mix(colour: RGB, other: RGB, share: float) -> RGB:
    """`colour` moved `share` of the way towards `other`."""
    red, green, blue = (
        round(a + (b - a) * share) for a, b in zip(colour, other, strict=True)
    )
    return red, green, blue


def _backdrop(size: int, palette: _Palette) -> Image.Image:
    """A vertical gradient with a soft shadow where the motif stands."""
    column = ImageOps.colorize(
        Image.linear_gradient("L").resize((1, size)),
        palette.backdrop_top,
        palette.backdrop_bottom,
    )
    photo = column.resize((size, size), Image.Resampling.NEAREST)
    floor = size * (_STAGE_TOP_SHARE + _STAGE_SHARE)
    shadow = _mix(palette.backdrop_bottom, palette.deep, 0.25)
    ImageDraw.Draw(photo).ellipse(
        (size * 0.22, floor - size * 0.03, size * 0.78, floor + size * 0.03),
        fill=shadow,
    )
    return photo


def _place_motif(
    photo: Image.Image,
    motif: Motif,
    rng: random.Random,
    palette: _Palette,
) -> None:
    """Draw the motif on an enlarged copy of its square, then shrink it back."""
    side = round(photo.width * _STAGE_SHARE)
    corner = ((photo.width - side) // 2, round(photo.width * _STAGE_TOP_SHARE))
    enlarged = side * _SUPERSAMPLE
    stage = photo.crop((*corner, corner[0] + side, corner[1] + side)).resize(
        (enlarged, enlarged), Image.Resampling.NEAREST
    )
    motif(ImageDraw.Draw(stage), rng, palette, enlarged)
    photo.paste(stage.reduce(_SUPERSAMPLE), corner)


# Motifs: each draws inside a square stage of side `s` ---------------------------------


def _draw_textiles(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: _Palette, s: float
) -> None:
    """A stack of folded cloths: mudmee ikat diamonds or pha khao ma checks."""
    colours = (palette.main, palette.accent, _mix(palette.main, palette.deep, 0.4))
    slab, fold = s * 0.2, s * 0.004
    for layer, colour in enumerate(colours):
        inset = s * (0.08 + 0.03 * layer + rng.uniform(-0.02, 0.02))
        bottom = s * 0.98 - layer * (slab + s * 0.025)
        box = (inset, bottom - slab, s - inset, bottom)
        draw.rounded_rectangle(box, radius=s * 0.02, fill=colour)
        pattern = _ikat_diamonds if rng.random() < 0.6 else _checks
        pattern(draw, box, colour, palette)
        draw.line(
            (box[0] + s * 0.02, box[1] + fold, box[2] - s * 0.02, box[1] + fold),
            fill=_mix(colour, _WHITE, 0.35),
            width=max(2, round(s * 0.006)),
        )


def _ikat_diamonds(
    draw: ImageDraw.ImageDraw, box: Box, ground: RGB, palette: _Palette
) -> None:
    """Mudmee ikat: a row of nested diamonds between two border lines."""
    left, top, right, bottom = box
    height = bottom - top
    border = height * 0.12
    for y in (top + border * 0.6, bottom - border * 0.6):
        draw.line(
            (left, y, right, y), fill=palette.light, width=max(1, round(border * 0.35))
        )
    middle, half = (top + bottom) / 2, (height - 2 * border) / 2
    count = max(1, int((right - left) / (half * 2)))
    step = (right - left) / count
    for index in range(count):
        centre = left + step * (index + 0.5)
        for scale, colour in (
            (1.0, palette.light),
            (0.68, _mix(ground, palette.deep, 0.35)),
            (0.36, palette.accent if ground != palette.accent else palette.light),
        ):
            h, w = half * scale, step * 0.5 * scale
            draw.polygon(
                (
                    (centre, middle - h),
                    (centre + w, middle),
                    (centre, middle + h),
                    (centre - w, middle),
                ),
                fill=colour,
            )


def _checks(
    draw: ImageDraw.ImageDraw, box: Box, ground: RGB, palette: _Palette
) -> None:
    """Pha khao ma: pale warp stripes crossed by darker weft stripes."""
    left, top, right, bottom = box
    cell = (bottom - top) / 4
    stripe, cross = _mix(ground, palette.light, 0.45), _mix(ground, palette.deep, 0.3)
    x = left + cell * 0.25
    while x < right - cell * 0.5:
        draw.rectangle((x, top, x + cell * 0.5, bottom), fill=stripe)
        x += cell
    y = top + cell * 0.25
    while y < bottom - cell * 0.5:
        draw.rectangle((left, y, right, y + cell * 0.5), fill=cross)
        y += cell


def _draw_food(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: _Palette, s: float
) -> None:
    """A jar of chilli paste under a gingham cover, or a bowl on a banana leaf."""
    if rng.random() < 0.5:
        _jar(draw, rng, palette, s)
    else:
        _bowl(draw, rng, palette, s)


def _jar(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: _Palette, s: float
) -> None:
    width = rng.uniform(0.24, 0.3) * s
    left, right = s / 2 - width, s / 2 + width
    draw.rounded_rectangle(
        (left, s * 0.3, right, s * 0.98), radius=s * 0.07, fill=palette.main
    )
    draw.rounded_rectangle(
        (left + s * 0.04, s * 0.38, left + s * 0.07, s * 0.9),
        radius=s * 0.015,
        fill=_mix(palette.main, _WHITE, 0.35),
    )
    cover = (left - s * 0.04, s * 0.16, right + s * 0.04, s * 0.34)
    draw.rounded_rectangle(cover, radius=s * 0.03, fill=palette.light)
    cell = (cover[3] - cover[1]) / 3
    for row in range(3):
        for column in range(int((cover[2] - cover[0]) / cell)):
            if (row + column) % 2 == 0:
                x, y = cover[0] + column * cell, cover[1] + row * cell
                draw.rectangle((x, y, x + cell, y + cell), fill=palette.accent)
    draw.line(
        (left, s * 0.34, right, s * 0.34), fill=palette.deep, width=round(s * 0.012)
    )
    label = (left + s * 0.06, s * 0.52, right - s * 0.06, s * 0.8)
    draw.rounded_rectangle(label, radius=s * 0.03, fill=palette.light)
    for row, share in enumerate((0.6, 0.4)):
        y = label[1] + (label[3] - label[1]) * (0.35 + 0.3 * row)
        half = (label[2] - label[0]) * share / 2
        draw.line(
            (s / 2 - half, y, s / 2 + half, y),
            fill=palette.deep,
            width=round(s * 0.018),
        )


def _bowl(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: _Palette, s: float
) -> None:
    leaf = _hsv(rng.uniform(0.24, 0.33), 0.6, 0.55)
    _leaf(draw, (s * 0.04, s * 0.86), (s * 0.96, s * 0.7), s * 0.17, leaf)
    food = _mix(palette.main, palette.deep, 0.2)
    draw.chord((s * 0.2, s * 0.3, s * 0.8, s * 0.76), 180, 360, fill=food)
    seeds = _mix(palette.main, palette.light, 0.6)
    for _ in range(40):
        x, y = rng.uniform(0.3, 0.7) * s, rng.uniform(0.4, 0.52) * s
        draw.ellipse((x, y, x + s * 0.018, y + s * 0.018), fill=seeds)
    draw.chord((s * 0.1, s * 0.3, s * 0.9, s * 0.94), 0, 180, fill=palette.light)
    for depth in (0.69, 0.73):  # painted bands, clipped to the bowl's curve
        half = s * 0.4 * math.sqrt(1 - ((depth - 0.62) / 0.32) ** 2)
        draw.line(
            (s / 2 - half, s * depth, s / 2 + half, s * depth),
            fill=palette.accent,
            width=round(s * 0.015),
        )
    draw.rectangle(
        (s * 0.38, s * 0.92, s * 0.62, s * 0.96),
        fill=_mix(palette.light, palette.deep, 0.2),
    )


def _draw_beverages(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: _Palette, s: float
) -> None:
    """A labelled bottle beside a filled glass."""
    shoulder = rng.uniform(0.3, 0.45) * s
    width = rng.uniform(0.13, 0.17) * s
    centre = s * 0.42
    body = (centre - width, shoulder, centre + width, s * 0.98)
    neck = s * 0.045
    draw.polygon(
        (
            (body[0], shoulder + s * 0.06),
            (centre - neck, shoulder - s * 0.12),
            (centre + neck, shoulder - s * 0.12),
            (body[2], shoulder + s * 0.06),
        ),
        fill=palette.main,
    )
    draw.rectangle(
        (centre - neck, s * 0.08, centre + neck, shoulder - s * 0.1), fill=palette.main
    )
    draw.rounded_rectangle(
        (centre - neck * 1.3, s * 0.04, centre + neck * 1.3, s * 0.12),
        radius=s * 0.01,
        fill=palette.accent,
    )
    draw.rounded_rectangle(body, radius=s * 0.04, fill=palette.main)
    draw.rectangle(
        (body[0] + s * 0.03, shoulder + s * 0.05, body[0] + s * 0.05, s * 0.92),
        fill=_mix(palette.main, _WHITE, 0.3),
    )
    label_top = (shoulder + s * 0.98) / 2 - s * 0.08
    draw.rectangle(
        (body[0], label_top, body[2], label_top + s * 0.2), fill=palette.light
    )
    draw.rectangle(
        (body[0], label_top + s * 0.13, body[2], label_top + s * 0.16),
        fill=palette.accent,
    )
    glass = (s * 0.68, s * 0.62, s * 0.9, s * 0.98)
    draw.polygon(
        (
            (glass[0], glass[1]),
            (glass[2], glass[1]),
            (glass[2] - s * 0.02, glass[3]),
            (glass[0] + s * 0.02, glass[3]),
        ),
        fill=_mix(palette.light, palette.main, 0.15),
    )
    draw.polygon(
        (
            (glass[0] + s * 0.012, s * 0.72),
            (glass[2] - s * 0.012, s * 0.72),
            (glass[2] - s * 0.026, glass[3] - s * 0.012),
            (glass[0] + s * 0.026, glass[3] - s * 0.012),
        ),
        fill=palette.main,
    )


def _draw_household(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: _Palette, s: float
) -> None:
    """A woven basket with a handle, or a banded pottery vase."""
    if rng.random() < 0.5:
        _basket(draw, palette, s)
    else:
        _vase(draw, rng, palette, s)


def _basket(draw: ImageDraw.ImageDraw, palette: _Palette, s: float) -> None:
    top, bottom = s * 0.45, s * 0.97
    draw.arc(
        (s * 0.24, s * 0.1, s * 0.76, s * 0.8),
        180,
        360,
        fill=palette.deep,
        width=round(s * 0.035),
    )
    rows = 8
    row_height = (bottom - top) / rows
    weave = _mix(palette.main, palette.light, 0.45)
    for row in range(rows):
        y = top + row * row_height
        inset = s * (0.1 + 0.1 * row / rows)
        left, right = inset, s - inset
        draw.rectangle((left, y, right, y + row_height), fill=palette.main)
        x = left + (row % 2) * row_height
        while x < right:
            draw.rectangle(
                (x, y + 2, min(x + row_height, right), y + row_height - 2), fill=weave
            )
            x += row_height * 2
    draw.rounded_rectangle(
        (s * 0.08, top - s * 0.04, s * 0.92, top + s * 0.02),
        radius=s * 0.02,
        fill=palette.deep,
    )


def _vase(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: _Palette, s: float
) -> None:
    neck, belly = rng.uniform(0.07, 0.11) * s, rng.uniform(0.26, 0.34) * s
    top, bottom = s * 0.06, s * 0.98

    def half_width(t: float) -> float:  # t runs 0 (lip) to 1 (foot)
        return neck + (belly - neck) * math.sin(math.pi * min(1.0, t * 1.15)) ** 1.4

    steps = [i / 40 for i in range(41)]
    right = [(s / 2 + half_width(t), top + (bottom - top) * t) for t in steps]
    left = [(s - x, y) for x, y in reversed(right)]
    draw.polygon(right + left, fill=palette.main)
    for t, colour in (
        (0.3, palette.accent),
        (0.36, palette.light),
        (0.72, palette.accent),
    ):
        y, w = top + (bottom - top) * t, half_width(t)
        draw.line((s / 2 - w, y, s / 2 + w, y), fill=colour, width=round(s * 0.018))
    widest = top + (bottom - top) * 0.435  # where the sine above peaks
    draw.ellipse(
        (
            s / 2 - belly * 0.75,
            widest - s * 0.12,
            s / 2 - belly * 0.6,
            widest + s * 0.12,
        ),
        fill=_mix(palette.main, _WHITE, 0.3),
    )


def _draw_herbal(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: _Palette, s: float
) -> None:
    """A spray of herb leaves behind a bar of herbal soap."""
    root = (s / 2, s * 0.86)
    for index in range(rng.randint(5, 7)):
        angle = math.radians(rng.uniform(-70, 70))
        length = rng.uniform(0.45, 0.62) * s
        tip = (root[0] + length * math.sin(angle), root[1] - length * math.cos(angle))
        green = _mix(palette.main, palette.deep, 0.1 * (index % 3))
        _leaf(draw, root, tip, length * 0.22, green)
    soap = (s * 0.26, s * 0.72, s * 0.74, s * 0.97)
    draw.rounded_rectangle(soap, radius=s * 0.05, fill=palette.light)
    draw.rounded_rectangle(
        (
            soap[0] + s * 0.05,
            soap[1] + s * 0.05,
            soap[2] - s * 0.05,
            soap[3] - s * 0.05,
        ),
        radius=s * 0.03,
        outline=palette.accent,
        width=round(s * 0.012),
    )


def _leaf(
    draw: ImageDraw.ImageDraw,
    base: tuple[float, float],
    tip: tuple[float, float],
    width: float,
    colour: RGB,
) -> None:
    """A pointed leaf from base to tip, with a paler midrib."""
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    length = math.hypot(dx, dy)
    normal = (-dy / length, dx / length)
    steps = [i / 16 for i in range(17)]
    edge = [(t, width / 2 * math.sin(math.pi * t) ** 0.8) for t in steps]
    side_a = [
        (base[0] + dx * t + normal[0] * w, base[1] + dy * t + normal[1] * w)
        for t, w in edge
    ]
    side_b = [
        (base[0] + dx * t - normal[0] * w, base[1] + dy * t - normal[1] * w)
        for t, w in edge
    ]
    draw.polygon(side_a + side_b[::-1], fill=colour)
    draw.line(
        (base, tip), fill=_mix(colour, _WHITE, 0.35), width=max(1, round(width * 0.06))
    )


_MOTIFS: dict[str, Motif] = {
    "food": _draw_food,
    "beverages": _draw_beverages,
    "textiles": _draw_textiles,
    "household": _draw_household,
    "herbal": _draw_herbal,
}


# Caption ------------------------------------------------------------------------------


def _draw_caption(
    draw: ImageDraw.ImageDraw, size: int, title: str, label: str, palette: _Palette
) -> None:
    """A dark band at the bottom: the category in capitals, then the wrapped title."""
    band_top = round(size * (1 - _BAND_SHARE))
    margin = size * 0.06
    draw.rectangle((0, band_top, size, size), fill=palette.deep)
    draw.rectangle(
        (0, band_top, size, band_top + round(size * 0.008)), fill=palette.accent
    )
    small = ImageFont.load_default(size=round(size * 0.028))
    draw.text(
        (margin, band_top + size * 0.03),
        f"OTOP · {label}".upper(),
        font=small,
        fill=_mix(palette.accent, _WHITE, 0.4),
    )
    font, lines = _fit_title(title, size - 2 * margin, size)
    draw.multiline_text(
        (margin, band_top + size * 0.075),
        "\n".join(lines),
        font=font,
        fill=palette.light,
        spacing=round(font.size * 0.2),
    )


def _fit_title(
    title: str, width: float, size: int
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font that fits the title in a few lines; else cut it short."""
    fonts = [ImageFont.load_default(size=round(size * share)) for share in _TITLE_SIZES]
    for font in fonts:
        lines = _wrap(title, font, width)
        if len(lines) <= _MAX_TITLE_LINES:
            return font, lines
    smallest = fonts[-1]
    kept = _wrap(title, smallest, width)[:_MAX_TITLE_LINES]
    while smallest.getlength(f"{kept[-1]} …") > width and " " in kept[-1]:
        kept[-1] = kept[-1].rsplit(" ", 1)[0]
    kept[-1] += " …"
    return smallest, kept


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
