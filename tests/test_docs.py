"""Guard: every environment variable the settings read is documented in README and .env.example."""

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SETTINGS = (PROJECT / "cooperation" / "settings.py").read_text()
# Variables only the test run sets are documented in README alone.
TEST_ONLY = {"DATABASE_TEST_NAME"}


def _variables_read() -> set[str]:
    names = set(re.findall(r"env(?:bool|int|list|rate|database)\(\s*\"([A-Z_]+)\"", SETTINGS))
    names |= set(re.findall(r"os\.environ(?:\.get\()?\[?\(?\"([A-Z_]+)\"", SETTINGS))
    return names


def test_the_settings_read_the_variables_this_guard_expects():
    # If this fails the regular expressions above no longer see the settings' readers.
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "PORT", "DJANGO_DEBUG"} <= _variables_read()


def test_every_variable_is_in_the_readme():
    readme = (PROJECT / "README.md").read_text()
    assert sorted(name for name in _variables_read() if f"`{name}`" not in readme) == []


def test_every_variable_is_in_env_example():
    example = (PROJECT / ".env.example").read_text()
    missing = [name for name in _variables_read() - TEST_ONLY if not re.search(rf"^#? ?{name}=", example, re.M)]
    assert missing == []
