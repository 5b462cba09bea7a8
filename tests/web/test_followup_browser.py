"""Follow-up pages in headless Chromium: the overdue filter and marker, the window and the
template picker on a lead, the templates page; at phone (390 px) and desktop (1280 px) width.

Screenshots go to $SCREENSHOTS when it is set (to look at them), else to the test's tmp dir.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from bot.services import Services
from bot.storage.models import Lead
from tests.web.test_dashboard_browser import (  # noqa: F401 (fixtures)
    WIDER_THAN_SCREEN,
    log_in,
    site,
)
from tests.web.test_dashboard_http import World

WIDTHS = (390, 1280)


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("width", WIDTHS)
def test_overdue_leads_window_and_templates_in_a_browser(
    browser: Any,  # noqa: F811
    site: tuple[str, World],  # noqa: F811
    services: Services,
    tmp_path: Path,
    width: int,
) -> None:
    url, world = site
    with services.sessions.begin() as session:  # nobody called Made by the promised day
        session.execute(
            update(Lead).where(Lead.id == world.dps_lead).values(call_by=date(2026, 11, 18))
        )
    folder = shots(tmp_path)
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, url, "admin")
    page.goto(url + "/dashboard/templates")
    page.fill("#name", "status_pendaftaran")
    page.fill("#params", "reference, status")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "status_pendaftaran" in page.inner_text("table.leads")
    page.screenshot(path=str(folder / f"templates-{width}.png"), full_page=True)
    page.goto(url + "/dashboard/")
    assert page.inner_text("#overdue strong") == "1"
    page.screenshot(path=str(folder / f"overview-{width}.png"), full_page=True)

    page.goto(url + "/dashboard/leads")
    page.select_option("#overdue", "1")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/dashboard/leads?*overdue=1*")
    rows = page.locator("table.leads tbody tr")
    assert rows.count() == 1
    assert "Made Wirawan" in rows.inner_text() and "Terlambat" in rows.inner_text()
    page.screenshot(path=str(folder / f"leads-overdue-{width}.png"), full_page=True)

    page.click("text=Made Wirawan")
    page.wait_for_url(f"{url}/dashboard/leads/{world.dps_lead}")
    card = page.inner_text("#chat")
    assert "Kirim pesan ke pekerja" in card  # a Telegram chat: no window, text always
    assert page.locator("#message-text").count() == 1 and "Jendela" not in card
    assert "18 November 2026" in page.inner_text("dl.fields")
    page.screenshot(path=str(folder / f"lead-{width}.png"), full_page=True)
    for path in ("/dashboard/", "/dashboard/leads?overdue=1", "/dashboard/templates"):
        page.goto(url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
        assert page.evaluate(WIDER_THAN_SCREEN) == [], path
