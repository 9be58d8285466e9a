"""Demo product photos drawn with Pillow: the product on a table, lit from one side.

No text is drawn: a photo is the same in Thai and English, and its product is told
apart by its shape, colours and pattern, all chosen from the product's seed (one
category's motifs, a palette from the category's hues, a table surface, props).
"""

from __future__ import annotations

import colorsys
import functools
import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]

_JPEG_QUALITY = 82
_SUPERSAMPLE = 2  # the product is drawn at twice the size, then reduced: smooth edges
_STAGE_SHARE = 0.66  # the product's square, as a share of the photo's side
_FLOOR_SHARE = 0.88  # where the product stands, from the top
_TABLE_SHARE = 0.6  # where the table's back edge meets the wall
_TABLE_SPREAD = 1.6  # the table's far edge, as a multiple of the photo's width
_WHITE: RGB = (255, 255, 255)
_BLACK: RGB = (0, 0, 0)

# Hue ranges (degrees) a category's palette is drawn from.
_HUE_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "food": ((0, 38),),
    "beverages": ((275, 335), (22, 45), (95, 140)),  # wine, amber juice or coffee, tea
    "textiles": ((215, 250), (315, 350), (40, 52)),  # indigo, silk magenta, gold
    "household": ((14, 32), (30, 45), (170, 195)),  # terracotta, bamboo, celadon
    "herbal": ((80, 150),),
}
CATEGORIES = tuple(_HUE_RANGES)


@dataclass(frozen=True)
class _Palette:
    wall_top: RGB
    wall_bottom: RGB
    main: RGB
    accent: RGB
    light: RGB
    deep: RGB


# Draws a category's motif inside a square stage of the given side.
Motif = Callable[[ImageDraw.ImageDraw, random.Random, "_Palette", float], None]


def draw_product_photo(category: str, seed: int, size: int = 800) -> bytes:
    """A JPEG photo of a product of the category; the seed (the product's id) picks
    its shape, colours, table and props, so two products rarely look alike."""
    if category not in _MOTIFS:
        raise ValueError(f"No photo motif for category {category!r}.")
    rng = random.Random(f"{category}:{seed}")
    palette = _palette(rng, category)
    photo = _room(size, rng, palette)
    product, outline = _draw_product(size, _MOTIFS[category], rng, palette)
    side = product.width
    floor = size * _FLOOR_SHARE
    corner = (round((size - side) / 2 + rng.uniform(-0.06, 0.06) * size), 0)
    corner = (corner[0], round(floor - side))
    _cast_shadow(photo, outline, corner)
    box = (*corner, corner[0] + side, corner[1] + side)
    photo.paste(_lit(product, box, size), corner, outline)
    _props(ImageDraw.Draw(photo), rng, palette, size, floor, (box[0], box[2]))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=_JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _palette(rng: random.Random, category: str) -> _Palette:
    low, high = rng.choice(_HUE_RANGES[category])
    hue = rng.uniform(low, high) / 360
    accent_hue = hue + rng.choice((0.09, 0.5, 0.58))
    wall_hue = hue + rng.choice((0.0, 0.08, 0.5))
    return _Palette(
        wall_top=_hsv(wall_hue + 0.03, rng.uniform(0.03, 0.08), 0.97),
        wall_bottom=_hsv(wall_hue, rng.uniform(0.1, 0.2), 0.86),
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


@functools.lru_cache(maxsize=32)
def _gradient(size: tuple[int, int], start: int, end: int, across: bool) -> Image.Image:
    """A greyscale ramp from `start` to `end`, top to bottom (or left to right);
    the same few are asked for every photo, so they are kept (do not draw on them)."""
    ramp = Image.linear_gradient("L").point(
        lambda v: round(start + (end - start) * v / 255)
    )
    if across:
        ramp = ramp.rotate(90, expand=True).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return ramp.resize(size, Image.Resampling.BILINEAR)


# The room: a wall with a soft pool of light, and a table -----------------------------


def _room(size: int, rng: random.Random, palette: _Palette) -> Image.Image:
    table_top = round(size * _TABLE_SHARE)
    wall = ImageOps.colorize(
        _gradient((1, table_top), 0, 255, across=False),
        palette.wall_top,
        palette.wall_bottom,
    ).resize((size, table_top), Image.Resampling.NEAREST)
    # Light falls on the wall from the upper left or right, through a blurred disc.
    glow = Image.new("L", (64, 64 * table_top // size or 1), 0)
    centre = rng.choice((0.25, 0.75)) * 64
    ImageDraw.Draw(glow).ellipse((centre - 26, -20, centre + 26, 36), fill=110)
    glow = glow.filter(ImageFilter.GaussianBlur(9)).resize(wall.size)
    wall.paste(_mix(palette.wall_top, _WHITE, 0.7), (0, 0), glow)

    photo = Image.new("RGB", (size, size))
    photo.paste(wall, (0, 0))
    height = size - table_top
    # Drawn flat at half scale (it is soft anyway), then stretched into perspective:
    # seen from above the front edge, the far side looks narrower.
    half = height // 2
    flat = rng.choice(_TABLES)(round(size * _TABLE_SPREAD / 2), half, rng, palette)
    margin = size * (_TABLE_SPREAD - 1) / 4
    table = flat.transform(
        (size // 2, half),
        Image.Transform.QUAD,
        (0, 0, margin, half, margin + size / 2, half, flat.width, 0),
        Image.Resampling.BILINEAR,
    ).resize((size, height), Image.Resampling.BILINEAR)
    # Nearer the camera, the table is lit less.
    table = ImageChops.multiply(table, _rgb_gradient(table.size, 255, 205))
    photo.paste(table, (0, table_top))
    ImageDraw.Draw(photo).line(
        (0, table_top, size, table_top),
        fill=_mix(palette.wall_bottom, _BLACK, 0.25),
        width=max(1, size // 260),
    )
    return photo


def _wood(size: int, height: int, rng: random.Random, palette: _Palette) -> Image.Image:
    """Planks of teak or rubberwood, running away from the camera, with grain."""
    base = _hsv(
        rng.uniform(0.05, 0.09), rng.uniform(0.35, 0.55), rng.uniform(0.45, 0.7)
    )
    table = Image.new("RGB", (size, height), base)
    draw = ImageDraw.Draw(table)
    planks = rng.randint(4, 7)
    width = size / planks
    for plank in range(planks):
        left = plank * width
        tone = _mix(base, rng.choice((_WHITE, _BLACK)), rng.uniform(0.02, 0.12))
        draw.rectangle((left, 0, left + width, height), fill=tone)
        for _ in range(6):  # grain: long thin wavering lines
            x = left + rng.uniform(0.1, 0.9) * width
            sway = rng.uniform(-0.08, 0.08) * width
            draw.line(
                ((x, 0), (x + sway, height / 2), (x - sway, height)),
                fill=_mix(tone, _BLACK, rng.uniform(0.08, 0.16)),
                width=max(1, size // 400),
            )
        draw.line(
            (left, 0, left, height),
            fill=_mix(tone, _BLACK, 0.35),
            width=size // 300 + 1,
        )
    return table


def _mat(size: int, height: int, rng: random.Random, palette: _Palette) -> Image.Image:
    """A woven bamboo or pandan mat: strips over two and under two (a twill)."""
    straw = _hsv(
        rng.uniform(0.1, 0.15), rng.uniform(0.3, 0.45), rng.uniform(0.72, 0.86)
    )
    dark = _mix(straw, _BLACK, 0.16)
    table = Image.new("RGB", (size, height), straw)
    draw = ImageDraw.Draw(table)
    cell = size / rng.randint(40, 56)
    gap = max(1, round(cell * 0.12))
    for row in range(int(height / cell) + 1):
        for column in range(int(size / cell) + 1):
            x, y = column * cell, row * cell
            if (row + column) % 4 < 2:  # the strip runs across here
                draw.rectangle((x, y + gap, x + cell, y + cell - gap), fill=straw)
            else:
                draw.rectangle((x + gap, y, x + cell - gap, y + cell), fill=dark)
    return table


def _cloth(
    size: int, height: int, rng: random.Random, palette: _Palette
) -> Image.Image:
    """A plain cotton cloth, sometimes with a woven stripe near the front."""
    cloth = _mix(palette.light, palette.wall_bottom, rng.uniform(0.1, 0.4))
    table = Image.new("RGB", (size, height), cloth)
    draw = ImageDraw.Draw(table)
    for y in range(0, height, max(2, size // 200)):  # the weave
        draw.line((0, y, size, y), fill=_mix(cloth, _BLACK, 0.03))
    if rng.random() < 0.6:
        top = height * rng.uniform(0.6, 0.75)
        draw.rectangle((0, top, size, top + height * 0.08), fill=palette.accent)
        draw.rectangle(
            (0, top + height * 0.1, size, top + height * 0.12), fill=palette.deep
        )
    return table


_TABLES = (_wood, _mat, _cloth)


# The product: drawn on a transparent layer, lit, and casting a shadow -----------------


class _Pen:
    """Draws each shape twice: in colour, and in white on the outline mask (cheaper
    than drawing on a transparent layer and reducing it)."""

    def __init__(self, colour: Image.Image, outline: Image.Image) -> None:
        self._colour, self._outline = ImageDraw.Draw(colour), ImageDraw.Draw(outline)

    def __getattr__(self, name: str) -> Callable[..., None]:
        paint, cut = getattr(self._colour, name), getattr(self._outline, name)

        def both(*args, **kwargs) -> None:
            paint(*args, **kwargs)
            for key in ("fill", "outline"):
                if kwargs.get(key) is not None:
                    kwargs[key] = 255
            cut(*args, **kwargs)

        return both


def _draw_product(
    size: int, motif: Motif, rng: random.Random, palette: _Palette
) -> tuple[Image.Image, Image.Image]:
    """The motif in colour, and its outline as a mask, both `side` square."""
    side = round(size * _STAGE_SHARE * rng.uniform(0.9, 1.05))
    big = (side * _SUPERSAMPLE,) * 2
    colour, outline = Image.new("RGB", big, palette.wall_bottom), Image.new("L", big)
    motif(_Pen(colour, outline), rng, palette, big[0])  # type: ignore[arg-type]
    return colour.reduce(_SUPERSAMPLE), outline.reduce(_SUPERSAMPLE)


def _lit(
    product: Image.Image, box: tuple[int, int, int, int], size: int
) -> Image.Image:
    """Light from the upper left: the product darkens to the right and towards its
    foot (`box`: where the product sits in the photo)."""
    return ImageChops.multiply(product, _shade((size, size)).crop(box))


@functools.lru_cache(maxsize=8)
def _rgb_gradient(size: tuple[int, int], start: int, end: int) -> Image.Image:
    return Image.merge("RGB", [_gradient(size, start, end, across=False)] * 3)


@functools.lru_cache(maxsize=8)
def _shade(size: tuple[int, int]) -> Image.Image:
    ramp = ImageChops.multiply(
        _gradient(size, 255, 185, across=True), _gradient(size, 255, 215, across=False)
    )
    return Image.merge("RGB", [ramp] * 3)


def _cast_shadow(
    photo: Image.Image, outline: Image.Image, corner: tuple[int, int]
) -> None:
    """A soft shadow behind and to the right of the product, where it meets the table:
    its outline squashed flat onto the table, blurred, at small scale."""
    scale = 8
    small = (max(4, outline.width // scale),) * 2
    flat = outline.resize((small[0], max(1, small[1] // 5)), Image.Resampling.BILINEAR)
    margin = 3
    shadow = Image.new("L", (small[0] + 2 * margin, flat.height + 2 * margin))
    shadow.paste(flat, (margin, margin))
    shadow = shadow.filter(ImageFilter.GaussianBlur(1.2)).point(lambda v: v * 0.55)
    shadow = shadow.resize(
        (shadow.width * scale, shadow.height * scale), Image.Resampling.BILINEAR
    )
    left = corner[0] - margin * scale + round(outline.width * 0.04)
    top = corner[1] + outline.height - shadow.height + margin * scale
    photo.paste((35, 28, 24), (left, top), shadow)


def _props(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    palette: _Palette,
    big: float,
    floor: float,
    taken: tuple[float, float],
) -> None:
    """A few small things on the table beside the product: chillies, leaves, pebbles."""
    for _ in range(rng.randint(0, 3)):
        side = rng.choice((-1, 1))
        x = (
            taken[0] - rng.uniform(0.04, 0.1) * big
            if side < 0
            else taken[1] + rng.uniform(0.04, 0.1) * big
        )
        if not 0.12 * big < x < 0.88 * big:
            continue
        y = floor + rng.uniform(-0.03, 0.05) * big
        kind = rng.random()
        if kind < 0.4:  # a leaf lying down
            length = rng.uniform(0.1, 0.16) * big
            angle = rng.uniform(-0.5, 0.5)
            tip = (
                x + side * length * math.cos(angle),
                y - length * math.sin(angle) * 0.4,
            )
            _leaf(
                draw,
                (x, y),
                tip,
                length * 0.35,
                _hsv(rng.uniform(0.24, 0.33), 0.6, 0.5),
            )
        elif kind < 0.75:  # a dried chilli
            length = rng.uniform(0.09, 0.13) * big
            red = _hsv(rng.uniform(0.98, 1.02), 0.85, rng.uniform(0.55, 0.8))
            _leaf(
                draw, (x, y), (x + side * length, y - length * 0.2), length * 0.3, red
            )
            draw.line(
                (x, y, x - side * length * 0.15, y - length * 0.15),
                fill=(60, 110, 40),
                width=max(2, round(big * 0.004)),
            )
        else:  # pebbles or seeds, in the palette's light colour
            r = rng.uniform(0.014, 0.024) * big
            for step in range(rng.randint(2, 4)):
                cx = x + side * step * r * 2.2
                draw.ellipse(
                    (cx - r, y - r * 0.7, cx + r, y + r * 0.7),
                    fill=_mix(palette.light, palette.deep, rng.uniform(0.1, 0.4)),
                )


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
    # An emblem, not a word: the same jar in Thai and English.
    cx, cy = s / 2, (label[1] + label[3]) / 2
    r = (label[3] - label[1]) * 0.32
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=palette.accent)
    _leaf(
        draw,
        (cx - r * 0.6, cy + r * 0.5),
        (cx + r * 0.7, cy - r * 0.6),
        r * 0.7,
        palette.deep,
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
