"""Product photo uploads: real JPEG, PNG or WebP images only, judged by their content and
checked from the header before a single pixel is decoded; stored re-encoded, scaled down
and without metadata (EXIF, and with it any GPS location).

The order of the checks is the defence: byte size first, then the header (format,
dimensions, animation), and only then decoding, which for JPEG is done at a reduced
scale. A decompression bomb or a 100-megapixel photo never reaches the decoder.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# A JPEG is decoded at 1/2 to 1/8 scale (see process_photo); a PNG or WebP is decoded
# whole, 3 or 4 bytes a pixel, and a tiny file can hold a smooth 40-megapixel image:
# 16 megapixels keeps decoding one under about 150 MB (benchmarks/photo_processing.py).
MAX_PIXELS_BY_FORMAT = {"JPEG": MAX_PIXELS, "PNG": 16_000_000, "WEBP": 16_000_000}
# Stored photos are scaled down to fit this box; thumbnails are made from them.
MAX_SIDE = 2400
JPEG_QUALITY = 86

# Pillow format name -> file name extensions a photo of that format may carry.
ACCEPTED_FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
}

MESSAGES = {
    "too_large": _("The photo is %(size)s; the limit is %(limit)s."),
    "not_an_image": _(
        "This file is not a photo we accept: upload a JPEG, PNG or WebP image."
    ),
    "misnamed": _(
        "This file is a %(format)s image but its name ends in “%(suffix)s”; rename it "
        "to end in %(expected)s."
    ),
    "too_many_pixels": _(
        "The photo is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the "
        "limit is %(limit)s megapixels."
    ),
    "far_too_many_pixels": _(
        "The photo has far more than %(limit)s megapixels, the limit; scale it down."
    ),
    "animated": _("Animated images are not accepted: upload a still photo."),
    "damaged": _("The photo could not be read; the file may be damaged or incomplete."),
}


def _error(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params)


def _open_header(upload: File) -> Image.Image:
    """Identify the image from its header only (Pillow decodes lazily)."""
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow warns between its own limit and twice that; our own cap is lower.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(upload, formats=list(ACCEPTED_FORMATS))
        except Image.DecompressionBombError:
            raise _error("far_too_many_pixels", limit=MAX_PIXELS // 1_000_000) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise _error("not_an_image") from None


def check_photo(upload: File) -> Image.Image:
    """Refuse anything but a still JPEG/PNG/WebP within the size limits; return the
    opened (not yet decoded) image."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise _error(
            "too_large",
            size=filesizeformat(upload.size),
            limit=filesizeformat(MAX_UPLOAD_BYTES),
        )
    image = _open_header(upload)
    suffix = Path(upload.name or "").suffix.lower()
    expected = ACCEPTED_FORMATS[image.format]
    if suffix not in expected:
        raise _error(
            "misnamed",
            format=image.format,
            suffix=suffix or "…",
            expected=" / ".join(expected),
        )
    width, height = image.size
    limit = MAX_PIXELS_BY_FORMAT[image.format]
    if width * height > limit:
        raise _error(
            "too_many_pixels",
            width=width,
            height=height,
            megapixels=round(width * height / 1_000_000),
            limit=limit // 1_000_000,
        )
    if getattr(image, "is_animated", False):
        raise _error("animated")
    return image


def process_photo(upload: File) -> ContentFile:
    """A checked upload re-encoded for storage: upright, at most MAX_SIDE pixels a side,
    sRGB JPEG (or PNG when it has transparency), no EXIF or other metadata."""
    image = check_photo(upload)
    stem = Path(upload.name).stem[:80] or "photo"
    try:
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 scale when that still covers MAX_SIDE.
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))
        icc_profile = image.info.get("icc_profile")
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        ImageOps.exif_transpose(image, in_place=True)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (
            image.mode == "P" and "transparency" in image.info
        )
        out = io.BytesIO()
        if has_alpha:
            image.convert("RGBA").save(
                out, "PNG", optimize=True, icc_profile=icc_profile
            )
            name = f"{stem}.png"
        else:
            image.convert("RGB").save(
                out,
                "JPEG",
                quality=JPEG_QUALITY,
                optimize=True,
                progressive=True,
                icc_profile=icc_profile,
            )
            name = f"{stem}.jpg"
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _error("damaged") from None
    finally:
        image.close()
    return ContentFile(out.getvalue(), name=name)


class ProductPhotoField(forms.FileField):
    """A photo upload that arrives in `cleaned_data` already checked and processed."""

    default_error_messages = {"invalid_image": MESSAGES["not_an_image"]}

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return process_photo(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs
