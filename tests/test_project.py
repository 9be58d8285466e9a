"""The project as a whole: system checks pass and the models match the migrations."""

from io import StringIO

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
