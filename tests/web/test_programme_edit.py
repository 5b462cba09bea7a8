"""Programmes created and edited in the dashboard: role and branch checks, CSRF, audit, budget."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.services import Services
from bot.storage.models import AuditEvent, Enrolment, Programme
from bot.web.app import create_app
from tests.stubs.server import serve
from tests.web.test_dashboard_browser import log_in
from tests.web.test_dashboard_http import csrf_of, login
from tests.web.test_programmes_web import KEDONGANAN, programmes  # noqa: F401 - the fixture

CHANGE = {
    "funding": "SA",
    "quota": "150",
    "months": "6",
    "start": "Januari 2027",  # a month as the field shows it
    "jht": "1",
    "categories": ["fisher", "farmer"],
}


@pytest.fixture
def url(services: Services, programmes: dict[str, int]) -> Iterator[str]:  # noqa: F811
    with serve(create_app(services)) as base:
        yield base


def _row(services: Services, programme_id: int) -> dict[str, object]:
    with services.sessions() as session:
        p = session.get_one(Programme, programme_id)
        return {
            "funding": p.funding,
            "programs": p.programs,
            "quota": p.quota,
            "start_month": p.start_month,
            "months": p.months,
            "categories": p.categories,
        }


def _audits(services: Services) -> list[tuple[str, str, dict[str, object]]]:
    with services.sessions() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(a.actor, a.action, json.loads(a.detail)) for a in rows]


def test_a_branch_admin_edits_a_programme_and_the_budget_follows(
    services: Services,
    url: str,
    programmes: dict[str, int],  # noqa: F811
) -> None:
    pid = programmes[KEDONGANAN]
    before = _row(services, pid)
    with login(url, "dps") as client:
        form = client.get(f"/dashboard/programmes/{pid}/edit")
        assert form.status_code == 200
        assert "Rp20.160.000" in form.text  # 100 × Rp16.800 × 12, no discount (SD)
        assert "100 pekerja × Rp16.800 sebulan × 12 bulan" in form.text
        token = csrf_of(client)
        too_small = client.post(
            f"/dashboard/programmes/{pid}/edit", data={**CHANGE, "quota": "1", "csrf": token}
        )
        assert too_small.status_code == 400
        assert "kuota tidak boleh di bawah tempat yang sudah terisi" in too_small.text
        assert _row(services, pid) == before
        saved = client.post(f"/dashboard/programmes/{pid}/edit", data={**CHANGE, "csrf": token})
        assert saved.status_code == 303
        assert saved.headers["location"] == f"/dashboard/programmes/#programme-{pid}"
        page = client.get("/dashboard/programmes/").text
    assert _row(services, pid) == {
        "funding": "SA",
        "programs": ["jkk", "jkm", "jht"],
        "quota": 150,
        "start_month": date(2027, 1, 1),
        "months": 6,
        "categories": ["fisher", "farmer"],
    }
    assert "Rp33.120.000" in page  # 150 × Rp36.800 (JKK+JKM+JHT at Rp1 juta) × 6, no discount
    assert _audits(services) == [
        (
            "staff:dps",
            "programme_edit",
            {
                "programme": pid,
                "funding": ["SD", "SA"],
                "programs": [["jkk", "jkm"], ["jkk", "jkm", "jht"]],
                "quota": [100, 150],
                "start_month": ["2026-11", "2027-01"],
                "months": [12, 6],
                "categories": [before["categories"], ["fisher", "farmer"]],
            },
        )
    ]


def test_a_larger_quota_moves_the_waiting_list_up(
    services: Services,
    url: str,
    programmes: dict[str, int],  # noqa: F811
) -> None:
    pid = programmes[KEDONGANAN]
    with services.sessions.begin() as session:
        session.get_one(Programme, pid).quota = 2
        first = session.scalars(select(Enrolment).order_by(Enrolment.id)).first()
        assert first is not None
        first.status = "waiting"  # one of the two waits, as if the quota had been 1
    with login(url, "dps") as client:
        data = {"funding": "SD", "quota": "2", "months": "12", "csrf": csrf_of(client)}
        assert client.post(f"/dashboard/programmes/{pid}/edit", data=data).status_code == 303
    with services.sessions() as session:
        statuses = session.scalars(select(Enrolment.status).order_by(Enrolment.id)).all()
    assert statuses == ["enrolled", "enrolled"]


def test_a_branch_admin_adds_a_programme_audited(services: Services, url: str) -> None:
    with login(url, "dps") as client:
        data = {"area": "51.03.06", "funding": "SD", "csrf": csrf_of(client)}
        assert client.post("/dashboard/programmes/", data=data).status_code == 400, "a kecamatan"
        data = {"area": "51.03.01.1001", "funding": "SG", "quota": "40", "months": "3",
                "start": "Febuari 2027", "categories": ["scavenger"], "csrf": data["csrf"]}  # fmt: skip
        typo = client.post("/dashboard/programmes/", data=data)  # not today's month instead
        assert typo.status_code == 400 and "Tulis bulan seperti 11/2026" in typo.text
        data["start"] = "02/2027"
        assert client.post("/dashboard/programmes/", data=data).status_code == 303
    with services.sessions() as session:
        added = session.scalars(select(Programme).where(Programme.area_code == "51.03.01.1001"))
        pid = added.one().id
    assert _audits(services) == [
        (
            "staff:dps",
            "programme_create",
            {
                "programme": pid,
                "area": "51.03.01.1001",
                "funding": "SG",
                "programs": ["jkk", "jkm"],
                "quota": 40,
                "start_month": "2027-02",
                "months": 3,
                "categories": ["scavenger"],
            },
        )
    ]


@pytest.mark.parametrize(
    ("username", "status"),
    [("bdg", 404), ("badung", 403), ("wayan", 403)],  # another branch; the Pemda; an officer
)
def test_only_the_programmes_branch_admins_may_edit(
    services: Services,
    url: str,
    programmes: dict[str, int],  # noqa: F811
    username: str,
    status: int,
) -> None:
    pid = programmes[KEDONGANAN]
    before = _row(services, pid)
    with login(url, username) as client:
        token = csrf_of(client) if username != "badung" else ""
        assert client.get(f"/dashboard/programmes/{pid}/edit").status_code == status
        edited = client.post(f"/dashboard/programmes/{pid}/edit", data={**CHANGE, "csrf": token})
        assert edited.status_code == status
    assert _row(services, pid) == before and _audits(services) == []


def test_an_edit_without_the_csrf_token_is_refused(
    services: Services,
    url: str,
    programmes: dict[str, int],  # noqa: F811
) -> None:
    pid = programmes[KEDONGANAN]
    before = _row(services, pid)
    with login(url, "dps") as client:
        assert client.post(f"/dashboard/programmes/{pid}/edit", data=CHANGE).status_code == 403
    assert _row(services, pid) == before


@pytest.mark.parametrize("width", [390, 1280])
def test_editing_in_the_browser_on_a_phone_and_a_desktop(
    browser: Any,  # noqa: F811
    url: str,
    programmes: dict[str, int],  # noqa: F811
    width: int,
    tmp_path: Path,
) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, url, "dps")
    page.goto(url + "/dashboard/programmes/")
    page.screenshot(path=str(tmp_path / f"programmes-{width}.png"), full_page=True)
    page.locator(f"#programme-{programmes[KEDONGANAN]}").get_by_text("Ubah").click()
    page.wait_for_url(url + f"/dashboard/programmes/{programmes[KEDONGANAN]}/edit")
    assert "Rp20.160.000" in page.inner_text("#budget")
    assert "(contoh)" not in page.inner_text("main")  # the test imports its own branch mapping
    page.screenshot(path=str(tmp_path / f"programme-edit-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.fill("#quota", "120")
    page.fill("#months", "6")
    page.click("button[type=submit].primary")
    page.wait_for_url(url + f"/dashboard/programmes/#programme-{programmes[KEDONGANAN]}")
    row = page.inner_text(f"#programme-{programmes[KEDONGANAN]}")
    assert "2 / 120" in row and "Rp12.096.000" in row  # 120 × Rp16.800 × 6
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_lead_page_says_how_consent_was_given(
    services: Services,
    url: str,
    programmes: dict[str, int],  # noqa: F811
) -> None:
    from bot.storage.models import Lead

    with services.sessions.begin() as session:
        listed, other = session.scalars(select(Lead).where(Lead.channel == "list")).all()
        other.consent_version = "paper"  # as a village officer's declaration leaves it
        ids = listed.id, other.id
    with login(url, "dps") as client:
        assert "Dari daftar, persetujuan oleh desa" in client.get(f"/dashboard/leads/{ids[0]}").text
        assert "Di kertas, dinyatakan oleh petugas" in client.get(f"/dashboard/leads/{ids[1]}").text
