"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright.

Log in, filter, change a status with a note, download both exports and read them back, and
a branch admin refused another branch's lead; on a phone-sized screen too. Without
/usr/bin/chromium-headless-shell the tests skip locally and fail under CI=true.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bot.services import Services
from bot.web.app import create_app
from tests.stubs.server import serve
from tests.web.test_dashboard_http import PASSWORD, World, seed


@pytest.fixture
def site(services: Services) -> Iterator[tuple[str, World]]:
    world = seed(services)
    with serve(create_app(services)) as url:
        yield url, world


# What sticks out past the screen's right edge (inside a scrolling box or not), as tag.class.
WIDER_THAN_SCREEN = (
    "[...document.querySelectorAll('body *')]"
    ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
    ".map(e => e.tagName + '.' + e.className)"
)


def log_in(page: Any, url: str, username: str) -> None:
    page.goto(url + "/dashboard/leads")
    assert "/dashboard/login" in page.url
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/dashboard/leads")


def test_a_branch_admin_follows_up_and_exports(
    browser: Any, site: tuple[str, World], tmp_path: Path
) -> None:
    url, world = site
    page = browser.new_page()
    log_in(page, url, "dps")
    assert page.locator("table.leads tbody tr").count() == 2

    page.fill("#q", "wira")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/dashboard/leads?*q=wira*")
    assert page.locator("table.leads tbody tr").count() == 1

    page.click("text=Made Wirawan")
    page.wait_for_url(f"{url}/dashboard/leads/{world.dps_lead}")
    assert page.inner_text("#nik") == "5103********0001"
    page.select_option("#new-status", "dihubungi")
    page.fill("#note", "Sudah ditelepon, datang ke kantor Senin")
    page.click("text=Simpan")
    page.wait_for_load_state()
    history = page.inner_text("table:has(tr.event)")
    assert "Baru → Dihubungi" in history and "Sudah ditelepon, datang ke kantor Senin" in history
    page.click("text=Tampilkan NIK")
    page.wait_for_load_state()
    assert page.inner_text("#nik") == "5103061203900001"

    page.goto(url + "/dashboard/leads")
    with page.expect_download() as csv_download:
        page.click("form[method=get] button[formaction$='export.csv']")
    csv_path = tmp_path / "leads.csv"
    csv_download.value.save_as(csv_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["Nama"] for r in rows} == {"Made Wirawan", '\'=HYPERLINK("http://x")'}
    assert {r["Status"] for r in rows} == {"Dihubungi", "Baru"}
    assert {r["NIK"] for r in rows} == {"*" * 16}

    with page.expect_download() as xlsx_download:  # with NIK: the POST form, audited
        page.click("form[method=post] button[formaction$='export.xlsx']")
    xlsx_path = tmp_path / "leads.xlsx"
    xlsx_download.value.save_as(xlsx_path)
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("Nomor referensi", "Tanggal daftar", "Status", "Nama")
    made = next(v for v in values if v[3] == "Made Wirawan")
    assert made[4] == "5103061203900001" and made[7] == "081234567890"

    denied = page.goto(f"{url}/dashboard/leads/{world.bdg_lead}")
    assert denied is not None and denied.status == 404
    assert "Tidak ditemukan" in page.inner_text("h1")


def test_on_a_phone_the_pages_fit_the_screen(browser: Any, site: tuple[str, World]) -> None:
    url, world = site
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, url, "admin")
    for path in (
        "/dashboard/",
        "/dashboard/leads",
        f"/dashboard/leads/{world.dps_lead}",
        "/dashboard/officers",
    ):
        page.goto(url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
        assert page.evaluate(WIDER_THAN_SCREEN) == [], path
    page.goto(url + "/dashboard/")
    assert page.locator("#funnel .chart .bar").count() == 5
    # The name and "Keluar" share the title's line, the pages' links under them (they were
    # under all three lines of links: the page began a fifth of the screen lower).
    title = page.locator("header strong").bounding_box()
    out = page.locator("header button:has-text('Keluar')").bounding_box()
    links = page.locator("header nav").bounding_box()
    assert title and out and links
    assert abs(out["y"] + out["height"] / 2 - (title["y"] + title["height"] / 2)) < title["height"]
    assert links["y"] >= title["y"] + title["height"] - 1
    # The filters two to a row, the search box across: the list starts a screen higher.
    page.goto(url + "/dashboard/leads")
    since, until = page.locator("#since").bounding_box(), page.locator("#until").bounding_box()
    search, form = page.locator("#q").bounding_box(), page.locator("form.filters").bounding_box()
    assert since and until and search and form
    assert since["y"] == until["y"] and until["x"] > since["x"] + since["width"]
    assert search["width"] > form["width"] * 0.8
    # A date is typed and shown the Indonesian way, not in the browser's mm/dd/yyyy.
    assert "hh/bb/tttt" in page.inner_text("label[for=since]")
    assert page.get_attribute("#since", "type") is None
    page.fill("#since", "20/11/2026")
    page.fill("#until", "21 Nov 2026")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/dashboard/leads?*since=20%2F11%2F2026*")
    assert page.input_value("#since") == "20/11/2026" and page.input_value("#until") == "21/11/2026"
    assert "20 November 2026 – 21 November 2026" in page.inner_text("#dates-chosen")


@pytest.mark.parametrize("width", [390, 1280])
def test_cards_say_what_each_line_is_and_the_day_chart_is_readable(
    browser: Any, site: tuple[str, World], width: int, tmp_path: Path
) -> None:
    """On a phone each list row is a card: every line starts with its column's name, as the
    hidden header would have said. The charts' text stays between 11 and 20 px, the day chart
    as wide as its card."""
    url, world = site
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, url, "admin")
    before = (
        "[...document.querySelectorAll(SELECTOR)]"
        ".map(td => getComputedStyle(td, '::before').content)"
    )
    for path, selector, first in (
        ("/dashboard/leads", "table.leads tbody tr:first-child td", "Tanggal"),
        ("/dashboard/officers", "table.leads tbody tr:first-child td[data-label]", "Nama"),
        (f"/dashboard/leads/{world.dps_lead}", "tr.event td[data-label]", "Waktu"),
    ):
        page.goto(url + path)
        labels = page.evaluate(before.replace("SELECTOR", repr(selector)))
        if width == 390:
            assert labels and all(label.endswith(': "') for label in labels), (path, labels)
            assert labels[0] == f'"{first}: "', (path, labels)
        else:
            assert set(labels) == {"none"}, (path, labels)  # a table: the header says it
            # and every cell a table cell: a flex cell drew its row's line apart from the others'
            kinds = page.evaluate(
                "[...document.querySelectorAll('table tbody td')]"
                ".map(td => getComputedStyle(td).display)"
            )
            assert set(kinds) == {"table-cell"}, (path, kinds)
    page.goto(url + "/dashboard/")
    sizes = page.evaluate(  # the charts' dates and labels, in pixels on screen
        "[...document.querySelectorAll('.chart.days .axis span, .chart.bars .label')]"
        ".map(t => parseFloat(getComputedStyle(t).fontSize))"
    )
    assert sizes and all(11 <= size <= 20 for size in sizes), sizes
    # The day chart spans its card, on a desktop as on a phone (it stopped at 640 px).
    spans = page.evaluate(
        "(() => { const card = document.querySelector('#per-day');"
        " const inner = card.clientWidth - parseFloat(getComputedStyle(card).paddingLeft)"
        " - parseFloat(getComputedStyle(card).paddingRight);"
        " return document.querySelector('#per-day svg').getBoundingClientRect().width / inner; })()"
    )
    assert spans > 0.99, spans
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(folder / f"overview-admin-{width}.png"), full_page=True)
