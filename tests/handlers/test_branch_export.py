"""Branch staff in Telegram through the real engine and database: link a login with a one-time
code, then `/export` the leads as a document (CSV, XLSX), in the login's scope, NIK masked."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from bot.channels.telegram import build_application
from bot.cli import main
from bot.config import Secret
from bot.conversation import Channel, Document, Incoming, Kind, Reply
from bot.services import Services
from bot.storage.models import Officer, Staff
from bot.storage.staff import find_by_username, issue_link_code
from handlers import branch
from tests.conftest import FIXED_NOW, Chat, texts
from tests.handlers.test_officer_flow import telegram_text
from tests.stubs.server import serve
from tests.stubs.telegram_api import TOKEN, TelegramStub
from tests.web.test_dashboard_http import NIK, World, bali_night_lead, seed

MASKED = "*" * 16


@pytest.fixture
def world(services: Services) -> World:
    """Leads in Denpasar (today, 3 days ago) and Bandung (yesterday); logins admin, dps, bdg, wayan."""
    return seed(services)


def link_code(services: Services, username: str, at: Any = FIXED_NOW) -> str:
    with services.sessions.begin() as session:
        staff = find_by_username(session, username)
        assert staff is not None
        return issue_link_code(session, staff, at)


def staff(services: Services, username: str) -> Staff:
    with services.sessions() as session:
        return session.scalars(select(Staff).where(Staff.username == username)).one()


def linked(services: Services, username: str, user_id: str) -> Chat:
    chat = Chat(services, Channel.TELEGRAM, user_id)
    assert "terhubung dengan login" in texts(chat.say(f"staf {link_code(services, username)}"))
    return chat


def document(replies: list[Reply]) -> Document:
    files = [reply.document for reply in replies if reply.document]
    assert len(files) == 1, texts(replies)
    return files[0]


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data: bytes) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    head, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [dict(zip(head, row, strict=True)) for row in rows]


# ---------------------------------------------------------------- linking


def test_a_branch_admin_links_with_the_code_the_cli_prints(
    services: Services,
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("BOT_SECRET_KEY", str(services.settings.secret_key))
    assert main(["staff", "link", "--username", "dps"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith("staf ") and len(printed) == len("staf 482913")
    assert staff(services, "dps").link_code_hash not in (None, printed[5:])  # only a hash is kept
    assert main(["staff", "link", "--username", "nobody"]) == 1

    replies = Chat(services, Channel.TELEGRAM, "5001").say(f"Staf {printed[5:]}")
    assert "Akun Telegram ini sekarang terhubung dengan login dps" in texts(replies)
    row = staff(services, "dps")
    assert row.telegram_user_id == "5001" and row.link_code_hash is None


def test_a_code_works_once_expires_and_wrong_codes_are_limited(
    services: Services, world: World
) -> None:
    code = link_code(services, "dps")
    assert "terhubung" in texts(Chat(services, Channel.TELEGRAM, "5001").say(f"staf {code}"))
    thief = Chat(services, Channel.TELEGRAM, "6666")
    assert "tidak berlaku" in texts(thief.say(f"staf {code}"))  # used already
    old = link_code(services, "bdg", at=FIXED_NOW - timedelta(minutes=31))
    assert "tidak berlaku" in texts(thief.say(f"staff {old[:3]} {old[3:]}"))  # expired
    for guess in range(3):
        thief.say(f"staf 10000{guess}")
    assert "Terlalu banyak kode yang salah" in texts(
        thief.say(f"staf {link_code(services, 'bdg')}")
    )
    assert staff(services, "bdg").telegram_user_id is None
    assert "hanya untuk staf kantor cabang" in texts(thief.say("/export"))


def test_linking_and_exports_only_in_a_private_telegram_chat(
    services: Services, world: World
) -> None:
    code = link_code(services, "dps")
    web = Chat(services, Channel.WEB, "w1")
    assert "Staf kantor cabang memakai ini di Telegram" in texts(web.say(f"staf {code}"))
    group = Incoming(
        channel=Channel.TELEGRAM,
        chat_id="-100200",
        user_id="5001",
        kind=Kind.TEXT,
        text=f"staf {code}",
        message_id="g1",
    )
    assert "bukan di grup" in texts(services.engine.handle(group))
    chat = Chat(services, Channel.TELEGRAM, "5001")
    assert "terhubung" in texts(chat.say(f"staf {code}"))  # the code was not spent
    in_group = services.engine.handle(replace(group, text="/export", message_id="g2"))
    assert "bukan di grup" in texts(in_group) and not any(r.document for r in in_group)


# ---------------------------------------------------------------- exports


def test_export_csv_of_the_last_30_days_is_audited(
    services: Services, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    chat = linked(services, "dps", "5001")
    caplog.set_level(logging.INFO, logger="handlers.branch")
    sent = document(chat.say("/export"))
    assert sent.filename == "leads-DPS-20261023-20261121.csv" and sent.mime_type == "text/csv"
    assert sent.caption == (
        "Pendaftar Denpasar, 23 Oktober 2026 s.d. 21 November 2026: 2 baris. NIK disamarkan."
    )
    rows = read_csv(sent.content)
    assert [r["Nama"] for r in rows] == ['\'=HYPERLINK("http://x")', "Made Wirawan"]
    assert {r["Kantor cabang"] for r in rows} == {"DPS"} and {r["NIK"] for r in rows} == {MASKED}
    assert rows[1]["Nomor HP"] == "0812-3456-7890"
    assert NIK.encode() not in sent.content
    audit = (
        f"telegram export by staff:dps (id {staff(services, 'dps').id}): "
        "csv, 2026-10-23 to 2026-11-21, 2 rows"
    )
    assert audit in caplog.text


def test_export_xlsx_for_a_period(services: Services, world: World) -> None:
    chat = linked(services, "dps", "5001")
    sent = document(chat.say("/export xlsx 2"))  # 20 and 21 November (WITA)
    assert sent.filename == "leads-DPS-20261120-20261121.xlsx"
    assert sent.mime_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    (row,) = read_xlsx(sent.content)
    assert row["Nama"] == "Made Wirawan" and row["NIK"] == MASKED
    assert row["Nomor HP"] == "081234567890" and row["Penghasilan per bulan (Rp)"] == 2_500_000
    assert document(chat.say("ekspor excel 7 hari")).filename == "leads-DPS-20261115-20261121.xlsx"
    assert document(chat.say("/export xls 2 days")).filename == "leads-DPS-20261120-20261121.xlsx"
    unknown = chat.say("/export pdf")  # not an export's word: no file
    assert unknown and not any(reply.document or reply.deferred for reply in unknown)


def test_each_login_sees_only_its_own_leads(services: Services, world: World) -> None:
    names = {}
    for username, user_id in (("bdg", "7001"), ("wayan", "7002"), ("admin", "7003")):
        sent = document(linked(services, username, user_id).say("export"))
        names[username] = (sent.filename, sorted(r["Nama"] for r in read_csv(sent.content)))
    assert names["bdg"] == ("leads-BDG-20261023-20261121.csv", ["Siti Nurhaliza"])
    assert names["wayan"] == (
        "leads-DPS-20261023-20261121.csv",
        ["Made Wirawan"],
    )  # an officer: own
    assert names["admin"][0] == "leads-SEMUA-20261023-20261121.csv"
    assert len(names["admin"][1]) == 3


def test_anyone_else_is_refused_politely(services: Services, world: World) -> None:
    for channel, user_id in ((Channel.TELEGRAM, "9001"), (Channel.WEB, "w9")):
        replies = Chat(services, channel, user_id).say("/export xlsx")
        assert "Maaf, ekspor data hanya untuk staf kantor cabang" in texts(replies)
        assert not any(r.document for r in replies)
    question = texts(Chat(services, Channel.TELEGRAM, "9002").say("ekspor barang ke luar negeri"))
    assert "hanya untuk staf" not in question  # not an export command: the FAQ answers

    chat = linked(services, "dps", "5001")
    with services.sessions.begin() as session:
        session.scalars(select(Staff).where(Staff.username == "dps")).one().active = False
    assert "hanya untuk staf" in texts(chat.say("/export"))  # a deactivated login stops at once


def test_empty_periods_bad_days_and_too_many_rows(
    services: Services, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = linked(services, "bdg", "7001")
    assert "Tidak ada pendaftar pada 21 November 2026 s.d. 21 November 2026" in texts(
        chat.say("/export 1")
    )
    assert "1 sampai 366" in texts(chat.say("/export 400"))
    monkeypatch.setattr(
        branch, "MAX_ROWS", 0
    )  # the limit, not the behaviour: seeding 50,001 is slow
    replies = chat.say("/export")
    assert "Ada 1 pendaftar" in texts(replies) and "dashboard" in texts(replies)
    assert not any(r.document for r in replies)


def test_days_are_the_branchs_own_as_in_the_file(
    services: Services, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Denpasar is in WITA: a lead at 00:30 there on 21 November is that day's, as in its row."""
    with services.sessions() as session:
        dps = session.scalars(select(Officer.branch_id).where(Officer.id == world.wayan)).one()
    bali_night_lead(services, dps)  # 21 Nov 00:30 WITA, 20 Nov 23:30 WIB
    denpasar, bandung = linked(services, "dps", "5001"), linked(services, "bdg", "7001")
    now = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)
    monkeypatch.setattr(services.engine, "clock", lambda: now)
    sent = document(denpasar.say("/export 1"))
    assert sent.filename == "leads-DPS-20261121-20261121.csv"
    assert sent.caption == (
        "Pendaftar Denpasar, 21 November 2026 s.d. 21 November 2026: 2 baris. NIK disamarkan."
    )
    rows = {r["Nama"]: r["Tanggal daftar"] for r in read_csv(sent.content)}
    assert rows["Komang Larut"] == "2026-11-21 00:30" and len(rows) == 2

    now = datetime(2026, 11, 20, 16, 45, tzinfo=UTC)  # 00:45 WITA: already 21 November in Bali
    assert document(denpasar.say("/export 1")).filename == "leads-DPS-20261121-20261121.csv"
    sent = document(bandung.say("/export 1"))  # 23:45 WIB: still 20 November in Bandung
    assert sent.filename == "leads-BDG-20261120-20261120.csv"
    assert [r["Nama"] for r in read_csv(sent.content)] == ["Siti Nurhaliza"]


# ---------------------------------------------------------------- through the Bot API


@pytest.fixture
def telegram_api() -> Iterator[tuple[TelegramStub, str]]:
    telegram = TelegramStub()
    with serve(telegram.app) as url:
        yield telegram, url


async def test_export_through_the_bot_api(
    services: Services, world: World, telegram_api: tuple[TelegramStub, str]
) -> None:
    telegram, url = telegram_api
    settings = replace(
        services.settings, telegram_bot_token=Secret(TOKEN), telegram_api_url=f"{url}/bot"
    )
    application = build_application(settings, services.engine, polling=True)
    async with application:
        await application.start()
        assert application.updater
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            telegram.push(telegram_text(910001, f"staf {link_code(services, 'dps')}"))
            (linked_reply,) = await telegram.wait_for("sendMessage", 1)
            telegram.push(telegram_text(910002, "/export xlsx"))
            (sent,) = await telegram.wait_for("sendDocument", 1)
        finally:
            await application.updater.stop()
            await application.stop()
    assert "terhubung dengan login dps" in linked_reply["text"]
    assert sent["chat_id"] == linked_reply["chat_id"] == 123456789
    assert sent["caption"].startswith("Pendaftar Denpasar, 23 Oktober 2026 s.d. 21 November 2026")
    assert sent["document"]["filename"] == "leads-DPS-20261023-20261121.xlsx"
    rows = read_xlsx(sent["document"]["content"])
    assert [r["Nama"] for r in rows] == ['=HYPERLINK("http://x")', "Made Wirawan"]
    assert {r["NIK"] for r in rows} == {MASKED}
