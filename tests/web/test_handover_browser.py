"""The handover inbox in headless Chromium: a branch admin reads, answers and closes; another
branch's admin sees nothing; the pages fit a phone. Screenshots at 390 and 1280 px are kept
in the test's temporary directory (`--basetemp` to keep them) for a person to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.services import Services
from bot.storage.handovers import WORKER, add_message, open_handover
from bot.storage.models import Contact
from tests.conftest import FIXED_NOW
from tests.web.test_dashboard_browser import log_in, site
from tests.web.test_dashboard_http import World

__all__ = ["site"]  # the fixture, used by name


def hand_over(services: Services) -> int:
    """Made Wirawan's chat (the Denpasar lead) handed to staff, with two messages."""
    with services.sessions.begin() as session:
        contact = session.scalars(select(Contact).where(Contact.user_id == "c1")).one()
        handover, _ = open_handover(session, contact, "c1", "asked", FIXED_NOW)
        add_message(session, handover, WORKER, "bicara dengan petugas", FIXED_NOW)
        add_message(
            session,
            handover,
            WORKER,
            "Pak, saya sudah daftar minggu lalu tapi belum ada yang menelepon. "
            "Apakah saya harus datang ke kantor membawa KTP?",
            FIXED_NOW,
        )
        return handover.id


def test_a_branch_admin_answers_and_closes_a_handover(
    browser: Any, site: tuple[str, World], services: Services, tmp_path: Path
) -> None:
    url, _ = site
    number = hand_over(services)
    page = browser.new_page()
    log_in(page, url, "dps")
    page.click("header >> text=Pengalihan")
    page.wait_for_url(url + "/dashboard/handovers/")
    rows = page.locator("table.handovers tbody tr")
    assert rows.count() == 1 and "Minta bicara dengan petugas" in rows.first.inner_text()
    rows.first.locator("a").click()
    page.wait_for_url(f"{url}/dashboard/handovers/{number}")
    conversation = page.inner_text("ol.messages")
    assert "belum ada yang menelepon" in conversation
    assert "Made Wirawan" in page.inner_text("dl.fields")
    page.fill("#reply", "Tidak perlu, Pak Made. Petugas kami menelepon besok pagi.")
    with page.expect_navigation():
        page.click("button.primary")
    assert (
        page.locator("li.message.staff")
        .inner_text()
        .endswith("Tidak perlu, Pak Made. Petugas kami menelepon besok pagi.")
    )
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{url}/dashboard/handovers/{number}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (width, overflow)
        page.screenshot(path=str(tmp_path / f"handover-{width}.png"), full_page=True)
        page.goto(f"{url}/dashboard/handovers/")
        page.screenshot(path=str(tmp_path / f"inbox-{width}.png"), full_page=True)
        assert (tmp_path / f"handover-{width}.png").stat().st_size > 0
    page.goto(f"{url}/dashboard/handovers/{number}")
    with page.expect_navigation():
        page.click("text=Tutup: kembalikan chat ke bot")
    assert "Ditutup oleh staff:dps" in page.inner_text("main")
    page.goto(f"{url}/dashboard/handovers/")
    assert "Tidak ada pengalihan yang terbuka" in page.inner_text("table.handovers")


def test_another_branch_sees_no_handover(
    browser: Any, site: tuple[str, World], services: Services
) -> None:
    url, _ = site
    number = hand_over(services)
    page = browser.new_page()
    log_in(page, url, "bdg")
    page.goto(url + "/dashboard/handovers/")
    assert "Tidak ada pengalihan yang terbuka" in page.inner_text("table.handovers")
    response = page.goto(f"{url}/dashboard/handovers/{number}")
    assert response is not None and response.status == 404
