"""Lets a benchmark script run as `python benchmarks/<script>.py` (or with `-m`): the
project's source roots on sys.path and Django set up with the configured settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup(settings: str = "config.settings.dev") -> None:
    for path in (ROOT, ROOT / "site"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()
