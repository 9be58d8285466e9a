"""The project as a whole: system checks pass and the models match the migrations."""

import os
import subprocess
import sys
from io import StringIO

from django.conf import settings
from django.core.management import call_command

import pytest


def test_system_checks_pass():
    call_command("check", fail_level="WARNING", stdout=StringIO())


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=out)
    except SystemExit:  # raised by --check when a migration is missing
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")


def test_production_settings_refuse_to_start_without_secrets():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR / "site",
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr
