#!/usr/bin/env python3
"""One-command setup for a fresh clone; needs nothing but Python 3.11+.

    python3 site/dev.py start   # install, migrate, load geography + demo data, serve :8000
    python3 site/dev.py test    # install (with test tools) and run the test suite

Dependencies are the pinned lists in pyproject.toml, installed into .venv/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = "/usr/bin/chromium"


def say(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def run(*args: str | Path, **env: str) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env={**os.environ, **env})
    if result.returncode != 0:
        sys.exit(f"FAILED ({result.returncode}): {' '.join(str(a) for a in args)}")


def install(with_tests: bool) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    if with_tests:
        requirements += project["optional-dependencies"]["test"]
    if not PYTHON.exists():
        say(f"Creating the virtual environment in {VENV.name}/")
        run(sys.executable, "-m", "venv", VENV)
    # Skip pip when these exact requirements are already installed.
    stamp = VENV / ".requirements-installed"
    digest = hashlib.sha256("\n".join(sorted(requirements)).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"Installing {len(requirements)} pinned packages")
    run(
        PYTHON,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        *requirements,
    )
    stamp.write_text(digest)


def manage(*args: str) -> None:
    run(PYTHON, ROOT / "manage.py", *args)


def start(args: list[str]) -> None:
    install(with_tests=False)
    say("Migrating the database")
    manage("migrate", "--noinput")
    say("Loading Thailand's geography (GeoThai)")
    manage("load_geography")
    say("Loading the demo shop (first run draws ~1,600 product photos)")
    manage("load_demo")
    say("Serving on http://127.0.0.1:8000/  (Ctrl+C stops)")
    manage("runserver", "127.0.0.1:8000", *args)


def test(args: list[str]) -> None:
    install(with_tests=True)
    if not Path(os.environ.get("OTOP_CHROMIUM", CHROMIUM)).exists():
        print(
            f"note: no Chromium at {CHROMIUM}: browser tests will be skipped "
            "(Debian/Ubuntu: apt-get install chromium).",
            flush=True,
        )
    say("Running the tests")
    result = subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)
    sys.exit(result.returncode)


def main() -> None:
    commands = {"start": start, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
