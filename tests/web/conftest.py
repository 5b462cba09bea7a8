"""The web app served by uvicorn on a free port, a browser-like client's request, and a real
browser: Debian's Chromium headless shell driven by Playwright (skipped without it, failed in CI).

The headless shell is Chromium's engine without the desktop browser around it (what Playwright
itself runs headless): the same pages, scripts and layout; the browser test files ran in 57 s
instead of 92 s with the full `chromium`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.web.app import create_app
from tests.stubs.server import serve

CHROMIUM = Path("/usr/bin/chromium-headless-shell")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium-headless-shell)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is missing (pip install playwright)"
    return None


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """The headless shell, launched once for a module's tests; each test has a context of its own.

    Not once per session: Playwright's synchronous API marks an event loop as running while
    it is open, and the asyncio tests of other modules could not start theirs.
    """
    if reason := _browser_missing():
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """A fresh profile (no cookies, storage or cache from another test), in Makassar's zone."""
    context = chromium.new_context(
        accept_downloads=True, locale="id-ID", timezone_id="Asia/Makassar"
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def base_url(services: Services, faq_indexes: None) -> Iterator[str]:
    """The whole app on 127.0.0.1, the sample branches loaded."""
    with services.sessions.begin() as session:
        seed_if_empty(session)
    with serve(create_app(services)) as url:
        yield url


def post(client: httpx.Client, body: dict[str, object]) -> list[dict[str, object]]:
    """One web chat message; the replies as the page receives them."""
    response = client.post("/chat/messages", json=body)
    assert response.status_code == 200, response.text
    replies: list[dict[str, object]] = response.json()["replies"]
    return replies
