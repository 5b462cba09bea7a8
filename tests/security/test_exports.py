"""Exports against what a worker can type (issue 15, items 4 and 11): characters XML forbids,
Excel's row limit, and formulas behind a ";" for Excel with Indonesian regional settings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, update

from bot import xlsx
from bot.cli import main
from bot.conversation import Channel, Incoming, Kind
from bot.engine import clean
from bot.exports import csv_chunks, export_rows, write_xlsx
from bot.services import Services
from bot.storage.lead_queries import LeadFilter, Scope
from bot.storage.models import AuditEvent, Lead
from bot.xlsx import Column, SheetFull, write_sheet
from tests.handlers.test_branch_export import document, linked, read_csv
from tests.web.test_dashboard_http import World, login

FORMULA = ("=", "+", "-", "@")


def rename_all(services: Services, name: str, occupation: str) -> None:
    with services.sessions.begin() as session:
        session.execute(update(Lead).values(name=name, occupation=occupation))


def test_characters_xml_forbids_cannot_break_an_xlsx_export(
    services: Services, world: World, tmp_path: Path
) -> None:
    rename_all(services, "Ni Luh\ufffe Sari\uffff", "Petani\uffff")  # stored before the fix
    path = tmp_path / "leads.xlsx"
    with services.sessions() as session:
        assert write_xlsx(export_rows(session, Scope(), LeadFilter()), path) == 3
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    names = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"Ni Luh Sari"}
    columns = [Column("Teks", 10, "free"), Column("Lain", 10, "text")]
    write_sheet(path, columns, [["a\ud800b\udfff", "c\x00\ufffed"]])
    assert openpyxl.load_workbook(path).active["A2"].value == "ab"  # type: ignore[index]


def test_the_input_refuses_what_no_file_may_hold() -> None:
    typed = Incoming(
        channel=Channel.WEB,
        chat_id="w",
        user_id="w",
        kind=Kind.TEXT,
        text="Petani\ud800\uffff\ufffe\x00 kopi 😀",
        payload="occ\udfff",
    )
    cleaned = clean(typed)
    assert (cleaned.text, cleaned.payload) == ("Petani kopi 😀", "occ")


def test_a_sheet_longer_than_excel_allows_is_refused(
    base_url: str, world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(xlsx, "MAX_SHEET_ROWS", 3)  # a header and two rows, like 1,048,576
    columns = [Column("N", 5, "number")]
    assert write_sheet(tmp_path / "ok.xlsx", columns, [[1], [2]]) == 2
    with pytest.raises(SheetFull):
        write_sheet(tmp_path / "long.xlsx", columns, [[1], [2], [3]])
    with login(base_url, "admin") as client:  # three leads for an admin
        refused = client.get("/dashboard/leads/export.xlsx")
        assert refused.status_code == 413 and "CSV" in refused.text
        assert client.get("/dashboard/leads/export.csv").status_code == 200


def test_no_formula_hides_behind_a_semicolon(services: Services, world: World) -> None:
    rename_all(services, "Petani;=2+5;", "Nelayan;@SUM(A1);-1")
    with services.sessions() as session:
        data = b"".join(csv_chunks(export_rows(session, Scope(), LeadFilter())))
    text = data.decode("utf-8-sig")
    for delimiter in (",", ";"):  # English Excel, and Excel with Indonesian regional settings
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            for cell in row:
                assert not cell.startswith(FORMULA), (delimiter, cell)


def test_xlsx_export_over_http_still_opens(base_url: str, world: World, services: Services) -> None:
    rename_all(services, "Komang\uffff", "Petani\ufffe")
    with login(base_url, "admin") as client:
        response = client.get("/dashboard/leads/export.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert {r[3] for r in book.active.iter_rows(min_row=2, values_only=True)} == {"Komang"}  # type: ignore[union-attr]


def test_a_cli_export_with_nik_is_audited(
    services: Services, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("BOT_SECRET_KEY", str(services.settings.secret_key))
    out = tmp_path / "all.csv"
    assert main(["leads", "export", "--output", str(out)]) == 0
    assert main(["leads", "export", "--branch", "DPS", "--output", str(out), "--with-nik"]) == 0
    with services.sessions() as session:
        audit = [(a.actor, a.action, a.rows) for a in session.scalars(select(AuditEvent))]
    assert audit == [("cli", "export_nik", 2)]


def test_an_officer_logins_telegram_export_masks_phones_and_birth_dates(
    services: Services, world: World
) -> None:
    for username, masked in (("wayan", True), ("dps", False)):
        chat = linked(services, username, f"70{len(username)}")
        (made,) = [
            r
            for r in read_csv(document(chat.say("/export")).content)
            if r["Nama"] == "Made Wirawan"
        ]
        assert (made["Nomor HP"] == "0812-3456-7890") is not masked
        assert (made["Tanggal lahir"] == "") is masked
        assert made["NIK"] == "*" * 16
