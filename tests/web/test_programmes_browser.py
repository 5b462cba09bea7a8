"""The programmes page in headless Chromium, for a Pemda and a branch, phone and desktop.

Screenshots go to $SCREENSHOTS when it is set (to look at them), else to the test's tmp dir.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.services import Services
from bot.web.app import create_app
from tests.stubs.server import serve
from tests.web.test_dashboard_browser import WIDER_THAN_SCREEN, log_in
from tests.web.test_programmes_web import programmes  # noqa: F401 - the fixture

LIST = (
    b"NIK,Nama,Tanggal lahir,Pekerjaan,Desa/kelurahan\n"
    b"5103064101900003,Komang Dalung,01-01-1990,Pemulung,Dalung\n"
)


@pytest.fixture
def url(services: Services, programmes: dict[str, int]) -> Iterator[str]:  # noqa: F811
    with serve(create_app(services)) as base:
        yield base


@pytest.mark.parametrize("width", [390, 700, 1280])  # a phone; one on its side; a desktop
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
    assert page.locator("#per-occupation .chart .bar").count() == 2
    assert "Kabupaten Badung" in page.inner_text("#per-regency")
    assert page.locator("text=XLSX dengan NIK").count() == (2 if username == "dps" else 0)
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(folder / f"programmes-{username}-{width}.png"), full_page=True)
    # Nothing runs off the side of the screen, and no table scrolls sideways either.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    sideways = page.evaluate(
        "[...document.querySelectorAll('#per-village .table-wrap, #per-district .table-wrap,"
        " #per-regency .table-wrap')].map(w => w.scrollWidth - w.clientWidth)"
    )
    assert sideways == [0, 0, 0]
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    if username == "dps":  # the file picker speaks Indonesian, and names the file chosen
        picker = page.locator("#per-village label.file").nth(1)
        assert picker.inner_text().split("\n")[-2:] == ["Pilih berkas", "Belum ada berkas dipilih"]
        picker.locator("input[type=file]").set_input_files(
            files=[{"name": "daftar-dalung.csv", "mimeType": "text/csv", "buffer": LIST}]
        )
        assert picker.locator(".chosen").inner_text() == "daftar-dalung.csv"
        assert not picker.locator(".none").is_visible()
        with page.expect_download() as report:
            picker.locator("xpath=..").get_by_text("Impor, unduh laporannya").click()
        assert "diterima" in Path(report.value.path()).read_text(encoding="utf-8-sig")
    if width == 1280:  # a table's cells, the buttons' too: one line under each row
        kinds = page.evaluate(
            "[...document.querySelectorAll('#per-village tbody td')]"
            ".map(td => getComputedStyle(td).display)"
        )
        assert set(kinds) == {"table-cell"}, kinds
