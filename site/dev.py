#!/usr/bin/env python3
"""One-command setup for a fresh clone; needs nothing but Python 3.11+.

    python3 site/dev.py start   # install, migrate, load geography + demo data, serve :8000
    python3 site/dev.py test    # install (with test tools) and run the test suite
    python3 site/dev.py lint    # install (with test tools), ruff check + format --check
    python3 site/dev.py audit   # pip-audit of requirements.txt: fails on a known vulnerability
    python3 site/dev.py lock    # recompile the lock files after editing pyproject.toml
    python3 site/dev.py lock --upgrade   # ... upgrading every unpinned package

Dependencies are the hashed lock files requirements.txt (start) and
requirements-test.txt (test, lint), compiled from pyproject.toml by uv and installed
exactly, hash-checked, into .venv/.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = "/usr/bin/chromium"
LOCK = "requirements.txt"
TEST_LOCK = "requirements-test.txt"
# The Nu Html Checker for tests/markup (Java's vnu.jar from its npm package), pinned;
# installed by "test" into an ignored folder.
VNU = "vnu-jar@26.9.27"
VNU_DIR = ROOT / ".tools" / "vnu"
# Only "lock" needs uv; a pinned version writes the files the same way for everyone.
UV = "uv==0.13.9"


def say(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def run(*args: str | Path, **env: str) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env={**os.environ, **env})
    if result.returncode != 0:
        sys.exit(f"FAILED ({result.returncode}): {' '.join(str(a) for a in args)}")


def create_venv() -> None:
    if not PYTHON.exists():
        say(f"Creating the virtual environment in {VENV.name}/")
        run(sys.executable, "-m", "venv", VENV)


def install(lock: str) -> None:
    create_venv()
    # Skip pip when this exact lock file is already installed.
    content = (ROOT / lock).read_bytes()
    stamp = VENV / ".requirements-installed"
    digest = hashlib.sha256(content).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    pins = sum(1 for line in content.decode().splitlines() if line[:1].isalnum())
    say(f"Installing {lock} ({pins} pins, hash-checked)")
    # Every package is in the lock, so pip resolves nothing (--no-deps) and refuses
    # any file whose hash is not listed. The venv's own pip (23.2 on Python 3.11)
    # understands hashes and the lock's markers: no pip upgrade, nothing unhashed.
    run(
        PYTHON,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--require-hashes",
        "--no-deps",
        "-r",
        lock,
    )
    stamp.write_text(digest)


def manage(*args: str) -> None:
    run(PYTHON, ROOT / "manage.py", *args)


def start(args: list[str]) -> None:
    install(LOCK)
    say("Migrating the database")
    manage("migrate", "--noinput")
    say("Loading Thailand's geography (GeoThai)")
    manage("load_geography")
    say("Loading the demo shop (first run draws ~1,600 product photos)")
    manage("load_demo")
    say("Serving on http://127.0.0.1:8000/  (Ctrl+C stops)")
    manage("runserver", "127.0.0.1:8000", *args)


def install_vnu() -> None:
    """vnu.jar into .tools/vnu/ (npm, no install scripts: the jar is in the package;
    Java comes from the system). Without npm or Java the markup test skips, unless
    OTOP_REQUIRE_VNU is set (CI), where it fails."""
    package = VNU_DIR / "node_modules" / "vnu-jar" / "package.json"
    version = VNU.rpartition("@")[2]
    if package.exists() and json.loads(package.read_text())["version"] == version:
        return
    npm, java = shutil.which("npm"), shutil.which("java")
    if not npm or not java:
        missing = " and ".join(n for n, p in (("npm", npm), ("java", java)) if not p)
        print(
            f"note: no {missing}: the HTML validity test (tests/markup) will be "
            "skipped (Debian/Ubuntu: apt-get install npm default-jre-headless).",
            flush=True,
        )
        return
    say(f"Installing {VNU} (the Nu Html Checker) into {VNU_DIR.relative_to(ROOT)}/")
    result = subprocess.run(
        [
            npm,
            *("install", "--prefix", str(VNU_DIR), "--no-save", "--ignore-scripts"),
            *("--no-audit", "--no-fund", "--loglevel=error", VNU),
        ],
        cwd=ROOT,
    )
    if result.returncode != 0:
        print(f"note: npm could not install {VNU}", flush=True)


def test(args: list[str]) -> None:
    install(TEST_LOCK)
    install_vnu()
    if not Path(os.environ.get("OTOP_CHROMIUM", CHROMIUM)).exists():
        print(
            f"note: no Chromium at {CHROMIUM}: browser tests will be skipped "
            "(Debian/Ubuntu: apt-get install chromium).",
            flush=True,
        )
    # The whole suite runs on every core (pytest-xdist, a database per worker); a run
    # narrowed to some paths stays in one process, which starts sooner.
    narrowed = any(
        not a.startswith("-") and Path(ROOT, a.split("::")[0]).exists() for a in args
    )
    chosen = any(a.startswith(("-n", "--numprocesses", "--dist")) for a in args)
    if not narrowed and not chosen:
        args = ["-n", "auto", *args]
    say("Running the tests")
    result = subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)
    sys.exit(result.returncode)


def lint(args: list[str]) -> None:
    install(TEST_LOCK)
    paths = args or ["."]
    failed = []
    for command in (["check", *paths], ["format", "--check", *paths]):
        say(f"ruff {' '.join(command)}")
        if subprocess.run([str(BIN / "ruff"), *command], cwd=ROOT).returncode != 0:
            failed.append(f"ruff {command[0]}")
    if failed:
        sys.exit(f"FAILED: {', '.join(failed)}")


def lock(args: list[str]) -> None:
    if args not in ([], ["--upgrade"]):
        sys.exit("usage: python3 site/dev.py lock [--upgrade]")
    create_venv()
    uv = BIN / ("uv.exe" if os.name == "nt" else "uv")
    if not uv.exists():
        say(f"Installing {UV} into {VENV.name}/ (only needed to update the lock)")
        run(
            PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", UV
        )
    # uv keeps the versions already in the output file unless pyproject.toml's pins
    # need others; --upgrade drops that preference. --python-version is the floor of
    # requires-python, so the lock holds on every Python the project supports, and
    # --universal adds the markers for other platforms.
    common = ["--universal", "--python-version", "3.11", "--generate-hashes", *args]
    say(f"Compiling {LOCK} from pyproject.toml")
    run(uv, "pip", "compile", "--quiet", "pyproject.toml", *common, "-o", LOCK)
    # The test lock is constrained by the runtime lock: shared packages keep the
    # runtime versions, so tests run against what start installs.
    say(f"Compiling {TEST_LOCK} (+ the test extra, constrained by {LOCK})")
    run(
        uv,
        "pip",
        "compile",
        "--quiet",
        "pyproject.toml",
        "--extra",
        "test",
        "-c",
        LOCK,
        *common,
        "-o",
        TEST_LOCK,
    )


# pip-audit's advisory services, in the order asked: PyPI's JSON API (PyPA's advisory
# database), then OSV for whatever the first could not answer.
AUDIT_SERVICES = ("pypi", "osv")


def audit_verdict(reports: dict[str, dict]) -> tuple[list[str], list[str], int]:
    """From pip-audit's JSON report per service: the known vulnerabilities (one line
    each), the packages no service could audit, and how many packages there are. A
    package counts as audited when one service answered for it (a "vulns" list, empty
    or not); pip-audit itself reports a package it could not look up as skipped and
    still says "No known vulnerabilities found", which is why this reads the JSON."""
    audited: dict[str, dict] = {}
    names: set[str] = set()
    for report in reports.values():
        for dep in report.get("dependencies", []):
            names.add(dep["name"])
            if "vulns" in dep:
                audited.setdefault(dep["name"], dep)
                if dep["vulns"]:
                    audited[dep["name"]] = dep
    found = [
        f"{dep['name']} {dep['version']}: {vuln['id']}"
        + (
            f" (fixed in {', '.join(vuln['fix_versions'])})"
            if vuln.get("fix_versions")
            else ""
        )
        for dep in audited.values()
        for vuln in dep["vulns"]
    ]
    return found, sorted(names - set(audited)), len(names)


def audit(args: list[str]) -> None:
    """Fails (exit 1) on a known vulnerability in what production installs. When the
    advisory services cannot be reached (offline, or PyPI's per-release JSON is not
    served), says so in a banner and exits 0: a network outage is not a defect of the
    code, and CI stays usable offline; OTOP_AUDIT_REQUIRED=1 makes it exit 3 instead
    (a release pipeline that must not ship unaudited)."""
    install(TEST_LOCK)
    reports: dict[str, dict] = {}
    errors: dict[str, str] = {}
    for service in AUDIT_SERVICES:
        output = VENV / f"audit-{service}.json"
        output.unlink(missing_ok=True)
        say(f"pip-audit of {LOCK} ({service})")
        result = subprocess.run(
            [
                str(BIN / "pip-audit"),
                *("-r", LOCK, "--require-hashes", "--disable-pip"),
                *("--vulnerability-service", service, "--timeout", "20"),
                *("--progress-spinner", "off", "--format", "json"),
                *("--output", str(output), *args),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        try:
            reports[service] = json.loads(output.read_text())
        except (OSError, ValueError):
            errors[service] = (result.stderr.strip().splitlines() or ["no output"])[-1]
            continue
        skipped = [
            d for d in reports[service].get("dependencies", []) if "skip_reason" in d
        ]
        if not skipped:
            break
        errors[service] = f"{len(skipped)} skipped, e.g. {skipped[0]['skip_reason']}"
    found, unaudited, total = audit_verdict(reports)
    if found:
        print("\nKNOWN VULNERABILITIES in " + LOCK + ":", *found, sep="\n  ")
        sys.exit(f"FAILED: {len(found)} known vulnerabilities; upgrade the pins above")
    if unaudited or not total:
        left = len(unaudited) if total else "all"
        lines = [
            f"DEPENDENCY AUDIT NOT DONE for {left} of {total or '?'} packages in {LOCK}:",
            "the advisory services could not answer for them, so they were NOT checked",
            "for known vulnerabilities (this is not a pass).",
            *(f"  {service}: {reason}" for service, reason in errors.items()),
            f"  not audited: {', '.join(unaudited[:12])}{' …' if len(unaudited) > 12 else ''}",
        ]
        bar = "!" * 78
        print(f"\n{bar}", *(f"!! {line}" for line in lines), bar, sep="\n", flush=True)
        if os.environ.get("OTOP_AUDIT_REQUIRED"):
            sys.exit(3)
        return
    print(f"\nNo known vulnerabilities in the {total} packages of {LOCK}.")


def main() -> None:
    commands = {
        "start": start,
        "test": test,
        "lint": lint,
        "lock": lock,
        "audit": audit,
    }
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
