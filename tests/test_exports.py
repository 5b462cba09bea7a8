"""Exports as Excel and a script read them: typed cells, text phones, no formulas, NIK only when allowed."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from bot.cli import main
from bot.crypto import Crypto
from bot.exports import (
    COLUMNS,
    Cell,
    csv_chunks,
    csv_field,
    export_rows,
    headers,
    neutralise,
    write_xlsx,
)
from bot.services import Services
from bot.storage.lead_queries import LeadFilter, Scope
from bot.storage.models import Branch, Lead, Officer, Staff
from bot.xlsx import Column, write_sheet
from tests.web.test_dashboard_http import NIK, World, _lead, bali_night_lead, seed


@pytest.fixture
def world(services: Services) -> World:
    return seed(services)


def _branch_id(services: Services, code: str) -> int:
    with services.sessions() as session:
        return session.scalars(select(Branch.id).where(Branch.code == code)).one()


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_rows_are_typed_for_excel_and_safe(services: Services, world: World) -> None:
    scope = Scope(branch_id=_branch_id(services, "DPS"))
    with services.sessions() as session:
        data = b"".join(csv_chunks(export_rows(session, scope, LeadFilter())))
    rows = read_csv(data)
    assert [r["Nama"] for r in rows] == ['\'=HYPERLINK("http://x")', "Made Wirawan"]  # oldest first
    made = rows[1]
    assert made["Tanggal daftar"] == "2026-11-21 17:30"  # WITA: Denpasar is in Bali
    assert made["Tanggal lahir"] == "1990-03-12"
    assert made["Nomor HP"] == "0812-3456-7890"
    assert made["Penghasilan per bulan (Rp)"] == "2500000"
    assert (made["Kode kabupaten/kota"], made["Kabupaten/kota"]) == ("51.03", "Kabupaten Badung")
    assert (made["Kode kecamatan"], made["Kecamatan"]) == ("51.03.06", "Kuta Utara")
    assert (made["Kode desa/kelurahan"], made["Desa/kelurahan"]) == ("51.03.06.2006", "Dalung")
    assert (
        made["Program"] == "JKK, JKM"
        and made["Status"] == "Baru"
        and made["Kantor cabang"] == "DPS"
    )
    assert made["Petugas"] == "Wayan Sudarsana" and made["NIK"] == "*" * 16


def test_xlsx_has_real_dates_numbers_text_phones_and_no_formulas(
    services: Services, world: World, tmp_path: Path
) -> None:
    path = tmp_path / "leads.xlsx"
    crypto = Crypto(services.settings.secret_key)
    with services.sessions() as session:
        count = write_xlsx(
            export_rows(session, Scope(), LeadFilter(), reveal_nik=crypto.decrypt), path
        )
    assert count == 3
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    head = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(head, sheet[4], strict=True)}  # newest: Made Wirawan
    assert row["Nama"].value == "Made Wirawan"
    assert row["Tanggal daftar"].value == datetime(2026, 11, 21, 16, 30)
    assert row["Tanggal daftar"].number_format == "dd/mm/yyyy hh:mm"
    assert row["Tanggal lahir"].value == datetime(1990, 3, 12)
    assert row["Penghasilan per bulan (Rp)"].value == 2_500_000
    assert "Rp" in row["Penghasilan per bulan (Rp)"].number_format
    assert row["Nomor HP"].value == "081234567890" and row["Nomor HP"].data_type == "s"
    assert row["NIK"].value == NIK and row["NIK"].data_type == "s"
    formula = {h: c for h, c in zip(head, sheet[2], strict=True)}["Nama"]
    assert formula.value == '=HYPERLINK("http://x")' and formula.data_type == "s"
    assert formula.quotePrefix  # Excel shows it as text and never evaluates it


@pytest.mark.parametrize("value", ["=1+1", "+62", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(value: str) -> None:
    assert neutralise(value) == "'" + value
    assert neutralise("Made") == "Made"


def test_cli_staff_add_and_leads_export(
    services: Services,
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("BOT_SECRET_KEY", str(services.settings.secret_key))
    assert (
        main(
            [
                "staff",
                "add",
                "--username",
                "kepala",
                "--password",
                "sandi-panjang-1",
                "--role",
                "branch_admin",
                "--branch",
                "BDG",
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["role"] == "branch_admin"
    assert main(["staff", "add", "--username", "x", "--password", "pendek", "--role", "admin"]) == 1
    assert (
        main(
            [
                "staff",
                "add",
                "--username",
                "y",
                "--password",
                "sandi-panjang-1",
                "--role",
                "branch_admin",
            ]
        )
        == 1
    )
    assert "a branch_admin needs --branch CODE" in capsys.readouterr().err
    with services.sessions() as session:
        staff = session.scalars(select(Staff).where(Staff.username == "kepala")).one()
        assert staff.password_hash.startswith("$argon2id$") and staff.branch_id is not None

    out = tmp_path / "dps.csv"
    assert (
        main(
            [
                "leads",
                "export",
                "--branch",
                "DPS",
                "--since",
                "2026-11-21",
                "--until",
                "2026-11-21",
                "--status",
                "baru",
                "--format",
                "csv",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    assert [r["Nama"] for r in read_csv(out.read_bytes())] == ["Made Wirawan"]
    xlsx = tmp_path / "all.xlsx"
    assert main(["leads", "export", "--format", "xlsx", "--output", str(xlsx), "--with-nik"]) == 0
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None and sheet.max_row == 4 and sheet["E2"].value == NIK
    assert capsys.readouterr().err == ""  # no progress bar when stderr is not a terminal
    assert main(["leads", "export", "--branch", "NOPE", "--output", str(out)]) == 1


def _csv_module(rows: Iterable[list[Cell]]) -> bytes:
    """The file as the csv module writes it: what the export wrote before it joined fields itself."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    free = [i for i, c in enumerate(COLUMNS) if c.kind == "free"]
    phone = next(i for i, c in enumerate(COLUMNS) if c.kind == "phone")
    for row in rows:
        for i in free:
            row[i] = neutralise(row[i]) if isinstance(row[i], str) else row[i]
        local = str(row[phone])
        dashed = local.isdigit() and len(local) > 8
        row[phone] = f"{local[:4]}-{local[4:8]}-{local[8:]}" if dashed else neutralise(local)
        writer.writerow(row)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize(
    "value", ["", "Made", 'Ni Luh "Dayu"', "Jl. Raya, No. 7", "baris\nbaru", "a\rb", "Ñoman ✓", '"']
)
def test_a_csv_field_is_quoted_as_the_csv_module_quotes_it(value: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([value, "x"])
    assert f"{csv_field(value)},x\r\n" == buffer.getvalue()


def test_csv_of_awkward_values_is_byte_for_byte_the_csv_modules(
    services: Services, world: World
) -> None:
    """Quotes, commas, line breaks, formulas, accents, a foreign phone and empty cells."""
    crypto = Crypto(services.settings.secret_key)
    with services.sessions.begin() as session:
        officer = session.get(Officer, world.wayan)
        assert officer is not None
        officer.name = 'Wayan "Sudi", S.E.'
        dps = officer.branch_id
        for n, (name, phone) in enumerate(
            [
                ('Ni Luh "Dayu" Putri', "+6281234500001"),
                ("Ketut, S.Pd.\nbaris dua", "+6591234567"),
                ("-5 atau @SUM(A1)", "+62812"),
                ("\tÑoman\r", "=1+1"),
            ]
        ):
            lead_id = _lead(
                session, crypto, f"x{n}", name, officer, dps, "51.03", None, None, phone
            )
            lead = session.get(Lead, lead_id)
            assert lead is not None
            lead.address = None if n % 2 else 'Gg. "Mawar", No. 3'
            lead.occupation = "+ojol, antar" if n % 2 else "petani"
            lead.monthly_income = None if n == 3 else lead.monthly_income
    with services.sessions() as session:
        ours = b"".join(csv_chunks(export_rows(session, Scope(), LeadFilter())))
        reference = _csv_module(export_rows(session, Scope(), LeadFilter()))
    assert ours == reference
    names = [r["Nama"] for r in read_csv(ours)]
    assert "'-5 atau @SUM(A1)" in names and "'\tÑoman\r" in names and 'Ni Luh "Dayu" Putri' in names


def test_registered_at_and_the_days_are_the_branchs_own_zone(
    services: Services, world: World
) -> None:
    """A Bali lead at 16:30 UTC came in on 21 November at 00:30 WITA; all branches stay WIB."""
    dps = _branch_id(services, "DPS")
    bali_night_lead(services, dps, "c9")

    def registered(scope: Scope, day: date) -> dict[str, str]:
        with services.sessions() as session:
            rows = export_rows(session, scope, LeadFilter(since=day, until=day))
            data = b"".join(csv_chunks(rows))
        return {r["Nama"]: r["Tanggal daftar"] for r in read_csv(data)}

    assert registered(Scope(branch_id=dps), date(2026, 11, 21)) == {
        "Komang Larut": "2026-11-21 00:30",
        "Made Wirawan": "2026-11-21 17:30",
    }
    assert registered(Scope(branch_id=dps), date(2026, 11, 20)) == {}
    assert registered(Scope(), date(2026, 11, 20)) == {
        "Komang Larut": "2026-11-20 23:30",  # WIB
        "Siti Nurhaliza": "2026-11-20 16:30",
    }


def test_xlsx_text_is_escaped_and_keeps_what_xml_allows(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    columns = [Column("Text", 10, "text"), Column("Free", 10, "free")]
    rows = [["A & B <b>", "=x\x01\x0b\tend"], ["Ñoman ✓", "plain"]]
    assert write_sheet(path, columns, rows) == 2
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert [[c.value for c in r] for r in sheet.iter_rows(min_row=2)] == [
        ["A & B <b>", "=x\tend"],  # control characters XML 1.0 forbids are dropped
        ["Ñoman ✓", "plain"],
    ]


def test_the_channel_reads_as_on_the_dashboard_in_csv_and_xlsx(
    services: Services, world: World, tmp_path: Path
) -> None:
    """Staff read "Telegram", "WhatsApp", "daftar desa" in the file, as on the lead's page,
    not the stored codes (telegram, whatsapp, list)."""
    with services.sessions.begin() as session:
        leads = session.scalars(select(Lead).order_by(Lead.created_at, Lead.id)).all()
        for lead, channel in zip(leads, ("list", "whatsapp", "telegram"), strict=True):
            lead.channel = channel
    shown = ["daftar desa", "WhatsApp", "Telegram"]
    with services.sessions() as session:
        rows = read_csv(b"".join(csv_chunks(export_rows(session, Scope(), LeadFilter()))))
        path = tmp_path / "leads.xlsx"
        write_xlsx(export_rows(session, Scope(), LeadFilter()), path)
    assert [row["Kanal"] for row in rows] == shown
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    column = [c.value for c in sheet[1]].index("Kanal")
    assert [row[column].value for row in sheet.iter_rows(min_row=2)] == shown
