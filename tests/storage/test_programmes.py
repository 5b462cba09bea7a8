"""Village programmes on both databases: budget, categories, quota and waiting list, list
import with its report, and the collective export checked cell by cell."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.crypto import Crypto
from bot.programme_files import (
    collective_rows,
    read_list,
    record_programme_export,
    report_rows,
    write_collective,
)
from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.storage.models import AuditEvent, Enrolment, Lead, Programme
from bot.storage.programmes import (
    ENROLLED,
    WAITING,
    ProgrammeError,
    create_programme,
    describe,
    enrol,
    import_list,
)
from tests.conftest import FIXED_NOW

KEDONGANAN = "51.03.01.1003"
HEADER = "No;NIK;Nama;Tgl. Lahir;Pekerjaan;Desa/Kelurahan;No HP"
# One row of every kind: good, duplicate in the list, bad region, birth date not the NIK's,
# 65 or over, outside the desa, category not admitted, a missing field, bad phone, and a
# good row past the quota that waits.
ROWS = """\
1;5103014101900001;NI KADEK SARI;01-01-1990;Petani;Kedonganan;0812-3456-7890
2;5103015508950002;Made Wirawan;15/08/1995;Nelayan;Kedonganan;
3;5103015508950002;Made Lagi;15/08/1995;Nelayan;Kedonganan;
4;9903014101900003;Ketut Salah;01-01-1990;petani;Kedonganan;
5;5103014101900005;Wayan Beda;02-01-1990;petani;Kedonganan;
6;5103010101550004;Nyoman Sepuh;01-01-1955;Petani;Kedonganan;
7;5103014101900007;Putu Luar;01-01-1990;Petani;Dalung;
8;5103014101900008;Gede Guru;01-01-1990;Guru;Kedonganan;
9;5103014101900009;;01-01-1990;Petani;Kedonganan;
10;5103014101900010;Komang Telpon;01-01-1990;Nelayan;Kedonganan;(0361) 123456
11;5103014101900011;Kadek Ojek;01-01-1990;buruh tani;Kedonganan;
"""


@pytest.fixture
def session(services: Services) -> Iterator[Session]:
    with services.sessions.begin() as s:
        seed_if_empty(s)
        yield s


def village(session: Session, **kwargs: object) -> Programme:
    args: dict[str, object] = {
        "area_code": KEDONGANAN,
        "funding": "SD",
        "now": FIXED_NOW,
        "start": date(2026, 4, 1),
    } | kwargs
    return create_programme(session, **args)  # type: ignore[arg-type]


def write_list(tmp_path: Path, text: str = HEADER + "\n" + ROWS) -> Path:
    path = tmp_path / "daftar.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_budget_for_state_funding_has_no_discount(session: Session) -> None:
    # April-December 2026 is inside PP 50/2025's window: 100 x 16.800 x 12 in full for SD,
    # SG and SA; other funds (SL) get Rp8.400 for those 9 months.
    for funding, budget in (("SD", 20_160_000), ("SG", 20_160_000), ("SL", 12_600_000)):
        assert describe(session, village(session, funding=funding))["budget"] == budget
    with_jht = village(session, programs=["jkk", "jkm", "jht"], quota=10, months=2)
    assert describe(session, with_jht)["budget"] == 10 * 2 * 36_800


def test_a_district_programme_needs_its_quota_and_known_codes(session: Session) -> None:
    with pytest.raises(ProgrammeError, match="quota"):
        create_programme(session, area_code="51.03", funding="SG", now=FIXED_NOW)
    with pytest.raises(ProgrammeError, match="funding"):
        village(session, funding="SX")
    with pytest.raises(ProgrammeError, match="unknown categories"):
        village(session, categories=["astronaut"])
    district = create_programme(session, area_code="51.03", funding="SG", quota=500, now=FIXED_NOW)
    out = describe(session, district)
    # The shipped branches are a guessed mapping: a programme's branch is shown as "contoh".
    assert (out["regency"], out["branch"], out["branch_is_sample"]) == ("51.03", "badung", True)


def test_a_full_programme_keeps_a_waiting_list(session: Session, tmp_path: Path) -> None:
    programme = village(session, quota=2)
    crypto = Crypto("k" * 40)
    rows = read_list(write_list(tmp_path))
    good = [rows[0], rows[1], rows[10]]  # three valid rows for two places
    result = import_list(session, programme, good, crypto=crypto, actor="t", now=FIXED_NOW)
    assert result.accepted == 3 and result.waiting == {4}
    out = describe(session, programme)
    assert (out["enrolled"], out["waiting"]) == (2, 1)
    lead = session.scalars(select(Lead).order_by(Lead.id)).first()
    assert lead is not None
    second = village(session, quota=1)
    assert enrol(session, second, lead, source="self", consent="phone", now=FIXED_NOW).status == (
        ENROLLED
    )
    other = session.scalars(select(Lead).order_by(Lead.id.desc())).first()
    assert other is not None
    assert enrol(session, second, other, source="self", consent="phone", now=FIXED_NOW).status == (
        WAITING
    )


def test_a_list_written_in_batches_keeps_list_order_and_the_quota(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 2 rows: the quota of 3 falls inside the second batch, a bad row in between."""
    monkeypatch.setattr("bot.storage.programmes.IMPORT_BATCH", 2)
    programme = village(session, quota=3)
    rows = read_list(write_list(tmp_path))
    fourth = rows[0] | {"nik": "5103014101900012", "name": "Ketut Keempat"}
    chosen = [rows[0], rows[1], rows[3], rows[10], fourth]  # the third is refused
    result = import_list(
        session, programme, chosen, crypto=Crypto("k" * 40), actor="t", now=FIXED_NOW
    )
    assert (result.accepted, result.refused, result.waiting) == (4, 1, {6})
    stored = session.execute(
        select(Lead.name, Lead.reference, Enrolment.status)
        .join(Enrolment, Enrolment.lead_id == Lead.id)
        .order_by(Enrolment.id)
    ).all()
    assert [(name, status) for name, _, status in stored] == [
        ("Ni Kadek Sari", ENROLLED),
        ("Made Wirawan", ENROLLED),
        ("Kadek Ojek", ENROLLED),
        ("Ketut Keempat", WAITING),
    ]
    assert [ref for _, ref, _ in stored] == [result.references[n] for n in (2, 3, 5, 6)]


def test_a_category_not_admitted_is_refused(session: Session, tmp_path: Path) -> None:
    programme = village(session, categories=["fisher"])
    rows = read_list(write_list(tmp_path))
    result = import_list(
        session, programme, rows[:2], crypto=Crypto("k" * 40), actor="t", now=FIXED_NOW
    )
    assert [row.problems for row in result.rows] == [["category.not_admitted"], []]
    fisher = session.scalars(select(Lead)).one()
    farmers = village(session, categories=["farmer"])
    with pytest.raises(ProgrammeError, match="not admitted"):
        enrol(session, farmers, fisher, source="officer", consent="paper", now=FIXED_NOW)


def test_a_list_import_reports_every_bad_row(session: Session, tmp_path: Path) -> None:
    programme = village(session, quota=2)
    result = import_list(
        session,
        programme,
        read_list(write_list(tmp_path)),
        crypto=Crypto("k" * 40),
        actor="staff:bali",
        now=FIXED_NOW,
    )
    report = [
        row[:5] + [bool(re.fullmatch(r"JMS-\w{4}-\w{4}", row[5]))] for row in report_rows(result)
    ]
    assert report == [
        ["Baris", "NIK", "Nama", "Hasil", "Masalah", False],
        ["2", "5103••••••••0001", "Ni Kadek Sari", "diterima", "", True],
        ["3", "5103••••••••0002", "Made Wirawan", "diterima", "", True],
        ["4", "5103••••••••0002", "Made Lagi", "ditolak",
         "duplicate.list: NIK sama dengan baris sebelumnya di daftar ini", False],
        ["5", "9903••••••••0003", "Ketut Salah", "ditolak",
         "nik.region: Kode wilayah NIK tidak ada", False],
        ["6", "5103••••••••0005", "Wayan Beda", "ditolak",
         "nik.birth_date_mismatch: Tanggal lahir berbeda dengan yang tertera di NIK", False],
        ["7", "5103••••••••0004", "Nyoman Sepuh", "ditolak",
         "age.over_limit: Berusia 65 tahun atau lebih: melewati batas usia pendaftaran pertama",
         False],
        ["8", "5103••••••••0007", "Putu Luar", "ditolak",
         "village.outside: Tinggal di luar desa atau kabupaten program", False],
        ["9", "5103••••••••0008", "Gede Guru", "ditolak",
         "category.not_admitted: Pekerjaan tidak termasuk dalam program ini", False],
        ["10", "5103••••••••0009", "", "ditolak", "missing.name: Nama tidak diisi", False],
        ["11", "5103••••••••0010", "Komang Telpon", "ditolak",
         "phone.invalid: Nomor HP bukan nomor seluler Indonesia", False],
        ["12", "5103••••••••0011", "Kadek Ojek", "daftar tunggu", "", True],
    ]  # fmt: skip
    assert (result.accepted, result.refused) == (3, 8)
    leads = session.scalars(select(Lead).order_by(Lead.id)).all()
    assert [(lead.channel, lead.consent_version, lead.phone) for lead in leads] == [
        ("list", "village", "+6281234567890"),
        ("list", "village", ""),
        ("list", "village", ""),
    ]
    # The same list again: every NIK now has a registration, nothing is stored twice.
    again = import_list(
        session, programme, read_list(write_list(tmp_path)), crypto=Crypto("k" * 40),
        actor="t", now=FIXED_NOW,
    )  # fmt: skip
    assert again.accepted == 0 and "duplicate.lead" in again.rows[0].problems
    assert session.scalar(select(func.count()).select_from(Enrolment)) == 3


def test_an_xlsx_list_with_date_cells_reads_like_csv(session: Session, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["NIK", "Nama Lengkap", "Tanggal Lahir", "Pekerjaan", "Desa", "No. HP"])
    sheet.append(
        [5103014101900001, "Ni Kadek Sari", date(1990, 1, 1), "Petani", "KEDONGANAN", None]
    )
    sheet.append([None, None, None, None, None, None])
    path = tmp_path / "daftar.xlsx"
    book.save(path)
    rows = read_list(path)
    result = import_list(
        session, village(session), rows, crypto=Crypto("k" * 40), actor="t", now=FIXED_NOW
    )
    assert len(rows) == 1 and result.accepted == 1, result.rows[0].problems


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_collective_export_cell_by_cell(session: Session, tmp_path: Path, fmt: str) -> None:
    crypto = Crypto("k" * 40)
    programme = village(session, quota=1)
    import_list(
        session,
        programme,
        read_list(write_list(tmp_path))[:2],
        crypto=crypto,
        actor="t",
        now=FIXED_NOW,
    )
    rows = collective_rows(session, programme, reveal=crypto.decrypt)
    record_programme_export(session, programme, actor="staff:bali", rows=len(rows), now=FIXED_NOW)
    path = tmp_path / f"kolektif.{fmt}"
    write_collective(rows, path, fmt)
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(path).active
        cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
        born: object = cells[1][2].date()
    else:
        with path.open(encoding="utf-8-sig") as fh:
            cells = list(csv.reader(fh))
        born = cells[1][2]
    assert cells[0] == [
        "NIK", "Nama", "Tanggal lahir", "Alamat", "Pekerjaan", "Program", "Kode sumber dana",
        "Pemberi iuran",
    ]  # fmt: skip
    assert len(cells) == 2  # the second row waits: it is not registered
    assert cells[1][:2] == ["5103014101900001", "Ni Kadek Sari"]
    assert born == (date(1990, 1, 1) if fmt == "xlsx" else "1990-01-01")
    assert cells[1][3:] == [
        "Kedonganan, Kuta, Kab. Badung, Bali",
        "Petani",
        "JKK+JKM",
        "SD",
        "Desa Kedonganan, Kuta, Kabupaten Badung",
    ]
    audit = session.scalars(select(AuditEvent)).one()
    assert (audit.actor, audit.action, audit.rows) == ("staff:bali", "export_nik", 1)
    assert collective_rows(session, programme, reveal=None)[0][0] == "*" * 16
