"""Browser tests: Playwright for Python driving Debian's Chromium at /usr/bin/chromium
(CI installs it with apt; Playwright's own browser download is never used).

They fail, not skip, when Chromium is missing: a skipped browser test would hide that
the dashboard was never drawn.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per module (the machine has two cores)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}: install it with "
            "`apt-get install chromium chromium-driver` (Playwright's browser download is not used)."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop running in this thread, and Django
    # then refuses database access from it as "async-unsafe". The tests use the database
    # only from this one thread, to set it up and to read it, never from the loop's tasks;
    # the live server answers from its own thread. So it is allowed here, for these tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
