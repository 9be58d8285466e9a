"""Demo landscapes drawn with Pillow: a village scene for each region, and a fair.

Each scene is layered back to front: a sky gradient and sun, the region's horizon
(mountains, karsts, sea or plain), its middle ground (paddies, river, orchards) and
Thai stilt houses in front. Drawn at twice the size and reduced, for smooth edges.
"""

from __future__ import annotations

import colorsys
import io
import math
import random

from PIL import Image, ImageDraw, ImageOps

RGB = tuple[int, int, int]

WIDTH, HEIGHT = 1600, 900
_SUPERSAMPLE = 2
_JPEG_QUALITY = 84

# Horizon and ground for each region (the codes of villages.Region).
_SCENES = {
    "north": ("mountains", "terraces"),
    "northeast": ("plain", "paddies"),
    "central": ("plain", "river"),
    "east": ("hills", "orchard"),
    "west": ("mountains", "river"),
    "south": ("karsts", "sea"),
}


def _hsv(h: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb(h % 1, s, v)
    return round(r * 255), round(g * 255), round(b * 255)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return r, g, bl


def draw_village_scene(region: str, seed: int) -> bytes:
    """A JPEG landscape of a village in the given region."""
    if region not in _SCENES:
        raise ValueError(f"No scene for region {region!r}.")
    rng = random.Random(f"{region}:{seed}")
    w, h = WIDTH * _SUPERSAMPLE, HEIGHT * _SUPERSAMPLE
    evening = rng.random() < 0.35
    image = _sky(w, h, evening)
    draw = ImageDraw.Draw(image)
    horizon_y = h * rng.uniform(0.5, 0.58)
    _sun(draw, rng, w, horizon_y, evening)
    horizon, ground = _SCENES[region]
    _HORIZONS[horizon](draw, rng, w, horizon_y, evening)
    _GROUNDS[ground](draw, rng, w, h, horizon_y)
    for _ in range(rng.randint(2, 4)):
        _stilt_house(
            draw, rng, rng.uniform(0.05, 0.9) * w, h * rng.uniform(0.8, 0.9), w
        )
    if rng.random() < 0.6:
        _sugar_palm(draw, rng, rng.uniform(0.1, 0.9) * w, h * 0.86, h)
    return _jpeg(image.reduce(_SUPERSAMPLE))


def draw_fair_scene(seed: int) -> bytes:
    """A JPEG of fair booths under bunting."""
    rng = random.Random(f"fair:{seed}")
    w, h = WIDTH * _SUPERSAMPLE, HEIGHT * _SUPERSAMPLE
    image = _sky(w, h, evening=True)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.62, w, h), fill=(120, 92, 70))
    colours = [_hsv(rng.random(), 0.65, 0.85) for _ in range(6)]
    booth_w = w / 6
    for i in range(6):
        x = i * booth_w
        colour = colours[i % len(colours)]
        draw.rectangle(
            (x + 20, h * 0.45, x + booth_w - 20, h * 0.8), fill=(250, 240, 225)
        )
        draw.polygon(
            ((x, h * 0.45), (x + booth_w / 2, h * 0.3), (x + booth_w, h * 0.45)),
            fill=colour,
        )
        for j in range(5):
            draw.rectangle(
                (
                    x + 40 + j * (booth_w - 80) / 5,
                    h * 0.62,
                    x + 30 + (j + 1) * (booth_w - 80) / 5,
                    h * 0.7,
                ),
                fill=_mix(colour, (255, 255, 255), 0.3 + 0.1 * j),
            )
    for row in range(2):
        y0 = h * (0.12 + row * 0.1)
        for i in range(24):
            x = i * w / 24
            draw.polygon(
                ((x, y0), (x + w / 24, y0), (x + w / 48, y0 + h * 0.05)),
                fill=colours[(i + row) % len(colours)],
            )
        draw.line((0, y0, w, y0), fill=(90, 60, 40), width=6)
    return _jpeg(image.reduce(_SUPERSAMPLE))


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=_JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _sky(w: int, h: int, evening: bool) -> Image.Image:
    top, bottom = (
        ((52, 74, 140), (250, 170, 110))
        if evening
        else ((90, 160, 225), (215, 235, 245))
    )
    column = ImageOps.colorize(Image.linear_gradient("L").resize((1, h)), top, bottom)
    return column.resize((w, h), Image.Resampling.NEAREST)


def _sun(draw, rng, w, horizon_y, evening) -> None:
    x = rng.uniform(0.15, 0.85) * w
    y = horizon_y * (0.75 if evening else rng.uniform(0.2, 0.4))
    r = w * (0.05 if evening else 0.035)
    glow = (255, 210, 150) if evening else (255, 250, 225)
    draw.ellipse(
        (x - r * 1.6, y - r * 1.6, x + r * 1.6, y + r * 1.6),
        fill=_mix(glow, (255, 255, 255), 0.2),
    )
    draw.ellipse(
        (x - r, y - r, x + r, y + r),
        fill=(255, 196, 90) if evening else (255, 246, 200),
    )


def _ridge(draw, rng, w, base_y, height, roughness, colour) -> None:
    points, x = [(0, base_y + height)], 0.0
    y = base_y + rng.uniform(0, height * 0.5)
    while x <= w:
        points.append((x, y))
        x += w * rng.uniform(0.03, 0.08)
        y = min(
            base_y + height, max(base_y - height, y + rng.uniform(-1, 1) * roughness)
        )
    points += [(w, base_y + height), (w, base_y + height * 3), (0, base_y + height * 3)]
    draw.polygon(points, fill=colour)


def _mountains(draw, rng, w, horizon_y, evening) -> None:
    haze = (150, 150, 190) if evening else (150, 180, 200)
    for layer in range(3):
        colour = _mix(haze, (40, 80, 60), layer / 2.5)
        _ridge(
            draw, rng, w, horizon_y - 220 + layer * 90, 160 - layer * 30, 120, colour
        )


def _hills(draw, rng, w, horizon_y, evening) -> None:
    for layer in range(2):
        colour = _mix((130, 170, 150), (60, 110, 70), layer / 1.5)
        _ridge(draw, rng, w, horizon_y - 80 + layer * 50, 70, 45, colour)


def _plain(draw, rng, w, horizon_y, evening) -> None:
    draw.rectangle((0, horizon_y - 12, w, horizon_y + 12), fill=(110, 150, 110))
    for _ in range(14):  # distant tree lines
        x = rng.uniform(0, w)
        r = rng.uniform(18, 40)
        draw.ellipse(
            (x - r * 2, horizon_y - r, x + r * 2, horizon_y + r * 0.4),
            fill=(70, 110, 75),
        )
    if rng.random() < 0.7:
        _temple(draw, rng.uniform(0.2, 0.8) * w, horizon_y, w)


def _karsts(draw, rng, w, horizon_y, evening) -> None:
    for _ in range(rng.randint(4, 7)):
        x = rng.uniform(0, w)
        width, height = rng.uniform(80, 200), rng.uniform(200, 420)
        colour = _mix((90, 120, 110), (40, 75, 60), rng.random())
        draw.rounded_rectangle(
            (x - width, horizon_y - height, x + width, horizon_y + 10),
            radius=width * 0.8,
            fill=colour,
        )


def _temple(draw, x, base_y, w) -> None:
    """A chedi on its terrace: a bell, a spire and a gilded tip."""
    s = w * 0.03
    gold, white = (220, 170, 60), (240, 235, 225)
    draw.rectangle((x - s * 1.4, base_y - s * 0.5, x + s * 1.4, base_y), fill=white)
    draw.pieslice(
        (x - s, base_y - s * 1.8, x + s, base_y - s * 0.2), 180, 360, fill=white
    )
    draw.polygon(
        ((x - s * 0.35, base_y - s), (x + s * 0.35, base_y - s), (x, base_y - s * 3.4)),
        fill=gold,
    )


def _terraces(draw, rng, w, h, horizon_y) -> None:
    y, band = horizon_y, (h - horizon_y) / 9
    for i in range(9):
        colour = _mix((150, 200, 90), (70, 140, 60), (i % 3) / 3)
        wobble = [
            (x, y + math.sin(x / w * 6 + i) * band * 0.25) for x in range(0, w + 40, 40)
        ]
        draw.polygon([*wobble, (w, h), (0, h)], fill=colour)
        draw.line(wobble, fill=_mix(colour, (40, 70, 30), 0.4), width=5)
        y += band


def _paddies(draw, rng, w, h, horizon_y) -> None:
    draw.rectangle((0, horizon_y, w, h), fill=(140, 190, 80))
    rows = 8
    for i in range(rows):
        y = horizon_y + (h - horizon_y) * (i / rows) ** 1.4
        draw.line((0, y, w, y), fill=(110, 160, 70), width=3 + i)
    for i in range(-6, 14):
        x0 = w / 2 + i * w * 0.02
        draw.line(
            (x0, horizon_y, w / 2 + i * w * 0.16, h), fill=(120, 170, 70), width=4
        )


def _river(draw, rng, w, h, horizon_y) -> None:
    draw.rectangle((0, horizon_y, w, h), fill=(120, 170, 90))
    left = [
        (
            w * 0.45 + math.sin(t / 3) * w * 0.05 - t * w * 0.02,
            horizon_y + t * (h - horizon_y) / 12,
        )
        for t in range(13)
    ]
    right = [
        (w * 0.55 + math.sin(t / 3) * w * 0.05 + t * w * 0.03, y)
        for t, (_, y) in enumerate(left)
    ]
    draw.polygon(left + right[::-1], fill=(95, 150, 175))
    for i in range(2):  # long-tail boats
        x = w * (0.45 + 0.08 * i)
        y = horizon_y + (h - horizon_y) * (0.45 + 0.2 * i)
        draw.polygon(
            ((x - 110, y), (x + 130, y), (x + 90, y + 28), (x - 80, y + 28)),
            fill=(110, 60, 35),
        )


def _orchard(draw, rng, w, h, horizon_y) -> None:
    draw.rectangle((0, horizon_y, w, h), fill=(130, 175, 85))
    for row in range(4):
        y = horizon_y + (h - horizon_y) * (0.15 + row * 0.2)
        r = 30 + row * 22
        for i in range(int(w / (r * 3)) + 1):
            x = i * r * 3 + (row % 2) * r * 1.5
            draw.rectangle(
                (x - r * 0.1, y, x + r * 0.1, y + r * 1.2), fill=(90, 60, 40)
            )
            draw.ellipse(
                (x - r, y - r, x + r, y + r * 0.6),
                fill=_mix((60, 120, 50), (90, 150, 60), rng.random()),
            )
            for _ in range(3):
                fx, fy = (
                    x + rng.uniform(-r * 0.6, r * 0.6),
                    y + rng.uniform(-r * 0.5, r * 0.2),
                )
                draw.ellipse((fx - 8, fy - 8, fx + 8, fy + 8), fill=(230, 150, 40))


def _sea(draw, rng, w, h, horizon_y) -> None:
    draw.rectangle((0, horizon_y, w, h), fill=(60, 150, 180))
    for i in range(12):
        y = horizon_y + (h - horizon_y) * i / 14
        draw.line((0, y, w, y), fill=(110, 190, 210), width=2 + i // 3)
    draw.polygon(
        ((0, h * 0.82), (w * 0.6, h * 0.9), (w, h * 0.8), (w, h), (0, h)),
        fill=(235, 215, 170),
    )


def _stilt_house(draw, rng, x, base_y, w) -> None:
    """A wooden Thai house on stilts with a steep gabled roof."""
    s = w * rng.uniform(0.035, 0.05)
    wood = _mix((120, 75, 45), (160, 105, 60), rng.random())
    roof = _mix((150, 55, 35), (90, 50, 40), rng.random())
    floor_y = base_y - s * 0.9
    for post in (-0.9, -0.3, 0.3, 0.9):
        draw.rectangle(
            (x + post * s - 6, floor_y, x + post * s + 6, base_y), fill=(80, 50, 30)
        )
    draw.rectangle((x - s, floor_y - s * 0.9, x + s, floor_y), fill=wood)
    draw.rectangle(
        (x - s * 0.25, floor_y - s * 0.6, x + s * 0.25, floor_y),
        fill=_mix(wood, (40, 25, 15), 0.5),
    )
    draw.polygon(
        (
            (x - s * 1.35, floor_y - s * 0.8),
            (x + s * 1.35, floor_y - s * 0.8),
            (x, floor_y - s * 2.1),
        ),
        fill=roof,
    )


def _sugar_palm(draw, rng, x, base_y, h) -> None:
    top = base_y - h * rng.uniform(0.3, 0.4)
    draw.line((x, base_y, x + 10, top), fill=(90, 70, 50), width=14)
    for i in range(9):
        angle = math.pi * (1.1 + i / 8 * 0.8)
        draw.line(
            (
                x + 10,
                top,
                x + 10 + math.cos(angle) * 110,
                top + math.sin(angle) * 90 + 60,
            ),
            fill=(50, 100, 50),
            width=12,
        )


_HORIZONS = {
    "mountains": _mountains,
    "hills": _hills,
    "plain": _plain,
    "karsts": _karsts,
}
_GROUNDS = {
    "terraces": _terraces,
    "paddies": _paddies,
    "river": _river,
    "orchard": _orchard,
    "sea": _sea,
}
