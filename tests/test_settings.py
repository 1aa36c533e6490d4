"""The settings refuse to boot misconfigured. Each case imports the real settings
module in a fresh interpreter with a controlled environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 50


def load_settings(**env):
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "PORT"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import cooperation.settings as s; print(s.DEBUG, s.PORT, s.ALLOWED_HOSTS)"],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "changeme", "DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
        (
            {"DJANGO_SECRET_KEY": "django-insecure-" + "x" * 40, "DJANGO_ALLOWED_HOSTS": "example.org"},
            "DJANGO_SECRET_KEY",
        ),
        ({"DJANGO_SECRET_KEY": "short", "DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": GOOD_KEY}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "x", "DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG"),
        ({"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "x", "PORT": "eighty"}, "PORT"),
        ({"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "x", "PORT": "0"}, "PORT"),
        ({"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "x", "DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        (
            {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "x", "DATABASE_CONN_MAX_AGE": "-1"},
            "DATABASE_CONN_MAX_AGE",
        ),
    ],
)
def test_settings_refuse_bad_configuration(env, complaint):
    result = load_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_settings_boot_with_production_values():
    result = load_settings(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="example.org", PORT="8080")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "8080", "['example.org']"]


def test_an_empty_database_url_means_the_sqlite_file():
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "PORT"))}
    clean.update(DJANGO_DEBUG="1", DATABASE_URL="")
    result = subprocess.run(
        [sys.executable, "-c", "import cooperation.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3", result.stderr


def test_debug_mode_boots_without_a_key_for_local_development():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_deploy_checks_pass_with_production_values():
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "PORT"))}
    clean.update(DJANGO_SECRET_KEY="p" * 20 + "Q9_-" * 10, DJANGO_ALLOWED_HOSTS="example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
