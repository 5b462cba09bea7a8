"""The dashboard against a staff member who goes too far, or a cookie that outlives its owner
(issue 15, items 6, 9, 10 and 13), over real HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import logging
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from bot.cli import main
from bot.services import Services
from bot.storage.login_limits import ADDRESS, USERNAME
from bot.storage.models import AuditEvent
from bot.web.app import create_app
from tests.conftest import FIXED_NOW
from tests.stubs.server import serve
from tests.web.test_dashboard_http import CSRF, NIK, PASSWORD, World, csrf_of, login

PHONE = "081234567890"  # Made Wirawan's, as the list shows it ("0812-3456-7890" in CSV)


def rows_of(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text[:300]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_nik_export_is_a_post_with_the_csrf_token_and_is_audited(
    base_url: str, world: World, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    with login(base_url, "dps") as client:
        linked = rows_of(client.get("/dashboard/leads/export.csv?nik=1"))  # a link elsewhere
        assert linked and {row["NIK"] for row in linked} == {"*" * 16}
        assert client.post("/dashboard/leads/export.csv", data={"nik": "1"}).status_code == 403
        token = csrf_of(client)
        caplog.set_level(logging.INFO)
        form = {"csrf": token, "nik": "1", "q": "0812 3456 7890", "status": "baru"}
        exported = rows_of(client.post("/dashboard/leads/export.csv", data=form))
        assert [row["NIK"] for row in exported] == [NIK]
        xlsx = client.post("/dashboard/leads/export.xlsx", data={"csrf": token, "nik": "1"})
        assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    with services.sessions() as session:
        audit = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(a.actor, a.action, a.rows) for a in audit] == [
        ("staff:dps", "export_nik", 1),
        ("staff:dps", "export_nik", 2),
    ]
    assert audit[0].at == FIXED_NOW or audit[0].at.replace(tzinfo=FIXED_NOW.tzinfo) == FIXED_NOW
    described = json.loads(audit[0].detail)
    assert described["status"] == "baru" and "3456" not in described["q"]
    logged = caplog.text
    assert "export with NIK by staff:dps" in logged and "3456" not in logged


def test_officers_see_phone_numbers_and_birth_dates_masked(base_url: str, world: World) -> None:
    lead = f"/dashboard/leads/{world.dps_lead}"
    with login(base_url, "wayan") as client:
        for page in (client.get("/dashboard/leads").text, client.get(lead).text):
            assert "0812" in page and PHONE not in page and "0812-3456-7890" not in page
        assert "12 Maret 1990" not in client.get(lead).text
        (row,) = rows_of(client.get("/dashboard/leads/export.csv"))
        assert row["Nama"] == "Made Wirawan" and row["Tanggal lahir"] == ""
        assert row["Nomor HP"].startswith("0812") and "3456" not in row["Nomor HP"]
    with login(base_url, "dps") as client:  # a branch admin calls the workers
        assert PHONE in client.get(lead).text and "12 Maret 1990" in client.get(lead).text
        made = next(
            r
            for r in rows_of(client.get("/dashboard/leads/export.csv"))
            if r["Nama"] == "Made Wirawan"
        )
        assert made["Tanggal lahir"] == "1990-03-12" and made["Nomor HP"] == "0812-3456-7890"


def test_logout_ends_a_copied_cookie(base_url: str, world: World) -> None:
    with login(base_url, "dps") as client:
        copied = dict(client.cookies)
        token = csrf_of(client)
        assert client.post("/dashboard/logout", data={"csrf": token}).status_code == 303
    with httpx.Client(base_url=base_url, cookies=copied) as thief:
        assert thief.get("/dashboard/leads", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    "command",
    [
        ["staff", "deactivate", "--username", "dps"],
        ["staff", "password", "--username", "dps", "--password", "sandi-baru-4567"],
    ],
)
def test_the_cli_ends_open_sessions(
    base_url: str,
    world: World,
    services: Services,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("BOT_SECRET_KEY", str(services.settings.secret_key))
    with login(base_url, "dps") as client:
        assert main(command) == 0
        assert client.get("/dashboard/leads").status_code == 303
    assert main(["staff", "deactivate", "--username", "nobody"]) == 1


def test_an_idle_session_ends(
    base_url: str, world: World, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    with login(base_url, "dps") as client:
        later = FIXED_NOW + timedelta(minutes=20)
        monkeypatch.setattr(services.engine, "clock", lambda: later)
        assert client.get("/dashboard/leads").status_code == 200  # in use: renewed
        later += timedelta(minutes=25)
        assert client.get("/dashboard/leads").status_code == 200
        later += timedelta(minutes=31)
        assert client.get("/dashboard/leads").status_code == 303


def test_failed_logins_slow_down_every_worker_whatever_address_is_forwarded(
    services: Services, world: World
) -> None:
    """Two processes' worth of apps on one database, both trusting the proxy's address."""
    options = {"proxy_headers": True, "forwarded_allow_ips": "127.0.0.1"}
    with (
        serve(create_app(services), **options) as one,
        serve(create_app(services), **options) as two,
    ):

        def attempt(url: str, username: str, password: str, forwarded: str) -> httpx.Response:
            with httpx.Client(base_url=url, headers={"X-Forwarded-For": forwarded}) as client:
                token = CSRF.search(client.get("/dashboard/login").text).group(1)  # type: ignore[union-attr]
                data = {"username": username, "password": password, "csrf": token}
                return client.post("/dashboard/login", data=data)

        for n in range(USERNAME.free):
            wrong = attempt((one, two)[n % 2], "dps", "bukan-sandinya", f"203.0.113.{n}")
            assert wrong.status_code == 401
        slowed = attempt(two, "dps", PASSWORD, "198.51.100.77")  # a fresh address, another worker
        assert slowed.status_code == 429 and slowed.headers["Retry-After"] == "5"
        # a colleague behind the same shared proxy address is slowed at most a minute, not locked
        for n in range(ADDRESS.free):
            attempt(one, f"guess{n}", "bukan-sandinya", "192.0.2.1")
        colleague = attempt(two, "bdg", PASSWORD, "192.0.2.1")
        assert colleague.status_code == 429
        assert int(colleague.headers["Retry-After"]) <= ADDRESS.cap.total_seconds()
