#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

# site/ is a source root holding the `config` package (a package named `site`
# cannot be imported: the standard library's `site` module always wins).
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
