"""`python3 site/dev.py audit` (CI's pip-audit step): a known vulnerability fails it;
advisory services that cannot answer give a banner saying the packages were NOT
audited (pip-audit alone prints "No known vulnerabilities found" then), and fail it
only when OTOP_AUDIT_REQUIRED is set. pip-audit is replaced by a script that writes
the JSON report pip-audit writes, per service, or fails as pip-audit does offline."""

from __future__ import annotations

import importlib.util
import json
import stat
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {
            "name": "pillow",
            "version": "13.0.0",
            "vulns": [
                {
                    "id": "PYSEC-2099-1",
                    "fix_versions": ["13.0.1"],
                    "aliases": ["CVE-2099-0001"],
                    "description": "…",
                }
            ],
        },
    ],
    "fixes": [],
}
CLEAN = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {"name": "pillow", "version": "13.0.0", "vulns": []},
    ],
    "fixes": [],
}
NOT_FOUND = {
    "dependencies": [
        {
            "name": name,
            "skip_reason": f"Dependency not found on PyPI and could not be audited: {name}",
        }
        for name in ("django", "pillow")
    ],
    "fixes": [],
}


@pytest.fixture
def dev(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("otop_dev", ROOT / "site" / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "install", lambda lock: None)
    monkeypatch.setattr(module, "BIN", tmp_path)
    monkeypatch.setattr(module, "VENV", tmp_path)
    monkeypatch.delenv("OTOP_AUDIT_REQUIRED", raising=False)
    return module


def fake_pip_audit(bin_dir: Path, answers: dict[str, dict | None]) -> None:
    """answers: per service, the report to write, or None to fail as offline."""
    script = bin_dir / "pip-audit"
    script.write_text(
        f"""#!/usr/bin/env python3
import json, sys
answers = json.loads({json.dumps(json.dumps(answers))})
args = sys.argv[1:]
service = args[args.index("--vulnerability-service") + 1]
output = args[args.index("--output") + 1]
if answers[service] is None:
    sys.exit("requests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'")
open(output, "w").write(json.dumps(answers[service]))
print("No known vulnerabilities found", file=sys.stderr)
"""
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_a_known_vulnerability_fails_the_audit(dev, tmp_path, capsys):
    fake_pip_audit(tmp_path, {"pypi": VULNERABLE, "osv": CLEAN})
    with pytest.raises(SystemExit) as failed:
        dev.audit([])
    assert "1 known vulnerabilities" in str(failed.value)
    assert "pillow 13.0.0: PYSEC-2099-1 (fixed in 13.0.1)" in capsys.readouterr().out


def test_a_vulnerability_only_the_second_service_knows_fails_too(dev, tmp_path):
    osv_view = json.loads(json.dumps(VULNERABLE))
    fake_pip_audit(tmp_path, {"pypi": NOT_FOUND, "osv": osv_view})
    with pytest.raises(SystemExit):
        dev.audit([])


def test_services_that_cannot_answer_say_so_plainly(dev, tmp_path, capsys):
    fake_pip_audit(tmp_path, {"pypi": NOT_FOUND, "osv": None})
    dev.audit([])  # no exit: CI goes on, but not silently
    out = capsys.readouterr().out
    assert "DEPENDENCY AUDIT NOT DONE for 2 of 2 packages" in out
    assert "NOT checked" in out and "not a pass" in out
    assert "pypi: 2 skipped" in out and "osv:" in out and "Failed to resolve" in out
    assert "No known vulnerabilities in" not in out


def test_required_audit_fails_when_the_services_cannot_answer(
    dev, tmp_path, monkeypatch
):
    monkeypatch.setenv("OTOP_AUDIT_REQUIRED", "1")
    fake_pip_audit(tmp_path, {"pypi": None, "osv": None})
    with pytest.raises(SystemExit) as failed:
        dev.audit([])
    assert failed.value.code == 3


def test_a_clean_audit_says_how_many_packages_it_checked(dev, tmp_path, capsys):
    fake_pip_audit(tmp_path, {"pypi": CLEAN, "osv": None})
    dev.audit([])  # PyPI answered for everything: OSV is not asked
    assert "No known vulnerabilities in the 2 packages" in capsys.readouterr().out
