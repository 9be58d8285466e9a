"""Uploads a photo form must refuse, written to disk as real files.

Each is what it says: the PNG bomb is a valid 20000 × 20000 PNG (400 megapixels that
compress to under half a megabyte), the JPEG really has 100 megapixels, the GIF really
has 500 frames.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

# name -> (file name as uploaded, error the (Thai) form must show)
EXPECTED_ERRORS = {
    "png_bomb": ("bomb.png", "เกินขีดจำกัด 40 ล้านพิกเซลไปมาก"),
    "jpeg_100_megapixels": ("huge.jpg", "10000 × 10000 พิกเซล (100 ล้านพิกเซล)"),
    "gif_500_frames": ("animation.gif", "ไม่ใช่รูปภาพที่รับได้"),
    "eleven_megabytes": ("large.jpg", "รูปภาพมีขนาด 11.0 MB เกินขีดจำกัด 10.0 MB"),
    "png_named_jpg": ("disguised.jpg", "เป็นรูปภาพ PNG แต่ชื่อไฟล์ลงท้ายด้วย “.jpg”"),
    "svg_with_script": ("logo.svg", "ไม่ใช่รูปภาพที่รับได้"),
    "text_named_png": ("notes.png", "ไม่ใช่รูปภาพที่รับได้"),
    # Not in the list: under the 40-megapixel cap, but a PNG is decoded whole.
    "smooth_png_40_megapixels": ("scan.png", "เกินขีดจำกัด 16 ล้านพิกเซล"),
}


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A grey PNG whose pixel data inflates to width × height bytes."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + one byte a pixel
    idat = (
        b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_100_megapixels() -> bytes:
    image = Image.new("L", (10_000, 10_000), 128)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=50)
    return buffer.getvalue()


def gif_500_frames() -> bytes:
    frames = [Image.new("P", (64, 64), i % 256) for i in range(500)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=20)
    return buffer.getvalue()


def eleven_megabytes() -> bytes:
    """A real JPEG photo followed by padding up to 11 MB (as some cameras append)."""
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (20, 120, 60)).save(buffer, "JPEG")
    photo = buffer.getvalue()
    return photo + b"\x00" * (11 * 1024 * 1024 - len(photo))


def png_named_jpg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def svg_with_script() -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b"<script>fetch('/th/dashboard/').then(r => alert(document.cookie))</script>"
        b'<rect width="100" height="100" fill="red"/></svg>'
    )


def smooth_png_40_megapixels() -> bytes:
    """A 7300 × 5470 scan of smooth tones: 0.1 MB on disk, 120 MB decoded."""
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((7300, 5470)).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def text_named_png() -> bytes:
    return "ราคาส่ง 350 บาท\nขั้นต่ำ 10 ชิ้น\n".encode()


def write_all(directory: Path) -> dict[str, Path]:
    """Write every hostile upload into `directory`; returns name -> path."""
    makers = {
        "png_bomb": png_bomb,
        "jpeg_100_megapixels": jpeg_100_megapixels,
        "gif_500_frames": gif_500_frames,
        "eleven_megabytes": eleven_megabytes,
        "png_named_jpg": png_named_jpg,
        "svg_with_script": svg_with_script,
        "text_named_png": text_named_png,
        "smooth_png_40_megapixels": smooth_png_40_megapixels,
    }
    paths = {}
    for name, make in makers.items():
        path = directory / EXPECTED_ERRORS[name][0]
        if not path.exists():
            path.write_bytes(make())
        paths[name] = path
    return paths
