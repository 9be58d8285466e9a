"""Certificate scan uploads: a photo of the certificate (JPEG, PNG or WebP, through
exactly the photo checks and processing of `catalogue.images`) or a PDF.

A PDF is checked by its own rules, since it cannot be re-encoded without a PDF
library: its content must start as a PDF does, its name must end in .pdf, it stays
under the photo size limit, and it may not carry active content (scripts, launch
actions, embedded files, XFA forms) — a scanned certificate never needs any. Name
obfuscation (``/J#61vaScript``) is undone before looking.
"""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .images import MAX_UPLOAD_BYTES, process_photo

PDF_MAGIC = b"%PDF-"
ACTIVE_PDF_NAMES = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|XFA|RichMedia|SubmitForm"
    rb"|ImportData|GoToR|GoToE)(?![A-Za-z])"
)
NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

MESSAGES = {
    "too_large": _("The scan is %(size)s; the limit is %(limit)s."),
    "misnamed_pdf": _(
        "This file is a PDF but its name ends in “%(suffix)s”; rename it to end in .pdf."
    ),
    "not_a_pdf": _(
        "This file is not a PDF although its name ends in .pdf: upload the scan as a "
        "PDF, JPEG, PNG or WebP file."
    ),
    "active_pdf": _(
        "This PDF contains scripts, actions or attached files; upload a plain scan."
    ),
    "damaged_pdf": _("The PDF is incomplete or damaged."),
}


def _error(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params)


def check_pdf(upload: File) -> ContentFile:
    """A plain PDF, returned as stored (the caller has checked the size)."""
    upload.seek(0)
    data = upload.read()
    suffix = Path(upload.name or "").suffix.lower()
    if not data.startswith(PDF_MAGIC):
        raise _error("not_a_pdf")
    if suffix != ".pdf":
        raise _error("misnamed_pdf", suffix=suffix or "…")
    if b"%%EOF" not in data[-2048:]:
        raise _error("damaged_pdf")
    unescaped = NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    if ACTIVE_PDF_NAMES.search(unescaped):
        raise _error("active_pdf")
    stem = Path(upload.name).stem[:80] or "certificate"
    return ContentFile(data, name=f"{stem}.pdf")


def process_scan(upload: File) -> ContentFile:
    """A checked scan ready to store: a PDF as it came, or a photo re-encoded."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise _error(
            "too_large",
            size=filesizeformat(upload.size),
            limit=filesizeformat(MAX_UPLOAD_BYTES),
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC or Path(upload.name or "").suffix.lower() == ".pdf":
        return check_pdf(upload)
    return process_photo(upload)


class CertificateScanField(forms.FileField):
    """A scan upload that arrives in `cleaned_data` already checked (and, for a photo,
    processed)."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return process_scan(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "application/pdf,image/jpeg,image/png,image/webp"
        return attrs
