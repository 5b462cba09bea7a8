"""The programmes page in headless Chromium, for a Pemda and a branch, phone and desktop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.services import Services
from bot.web.app import create_app
from tests.stubs.server import serve
from tests.web.test_dashboard_browser import browser, log_in  # noqa: F401 - the fixture
from tests.web.test_programmes_web import programmes  # noqa: F401 - the fixture


@pytest.fixture
def url(services: Services, programmes: dict[str, int]) -> Iterator[str]:  # noqa: F811
    with serve(create_app(services)) as base:
        yield base


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("username", ["badung", "dps"])  # the Pemda; the branch serving it
def test_the_programmes_page_on_a_phone_and_a_desktop(
    browser: Any,  # noqa: F811
    url: str,
    username: str,
    width: int,
    tmp_path: Path,
) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, url, username)
    page.click("text=Program desa & pemda")
    page.wait_for_url(url + "/dashboard/programmes/")
    rows = page.locator("#per-village tbody tr")
    assert rows.count() == 2
    kedonganan = rows.nth(0).inner_text()
    assert "Desa Kedonganan, Kuta, Kabupaten Badung" in kedonganan and "2 / 100" in kedonganan
    assert "Desa Dalung, Kuta Utara, Kabupaten Badung" in rows.nth(1).inner_text()
    assert page.locator("#per-occupation svg rect").count() == 2
    assert "Kabupaten Badung" in page.inner_text("#per-regency")
    assert page.locator("text=XLSX dengan NIK").count() == (2 if username == "dps" else 0)
    page.screenshot(path=str(tmp_path / f"programmes-{username}-{width}.png"), full_page=True)
    # Nothing runs off the side of a phone's screen but the tables' own scroll boxes.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
