"""Lead exports for branch staff and the Pemda: one row builder, written as CSV or XLSX.

Both stream: rows come from the database in batches (`yield_per`), CSV is written chunk by
chunk, XLSX with XlsxWriter's constant_memory mode (each row goes to a temp file as it is
written), so memory stays flat for a million leads. Cells are typed the way Excel expects:
real dates and numbers with formats, phone numbers as text (the leading 0 survives), and
text that Excel would run as a formula (= + - @, tab, CR first) is neutralised.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter  # type: ignore[import-untyped]
from sqlalchemy import Engine, String, cast, create_engine, func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from bot.domain.regions import region_name
from bot.i18n import N_, Translator
from bot.storage.lead_queries import LeadFilter, Scope, filter_clause, scope_clause
from bot.storage.models import Branch, Lead, Officer

Cell = str | int | date | datetime | None
Progress = Callable[[int], None]
NIK_MASK = "*" * 16
_FORMULA_CHARS = "=+-@\t\r"
_BATCH = 5000

STATUS_LABELS = {
    "baru": N_("New"),
    "dihubungi": N_("Contacted"),
    "terdaftar": N_("Registered"),
    "tidak_berminat": N_("Not interested"),
    "tidak_dapat_dihubungi": N_("Unreachable"),
    "duplikat": N_("Duplicate"),
}
GENDERS = {"L": N_("Male"), "P": N_("Female")}


@dataclass(frozen=True)
class Column:
    """One column: its (translatable) header, how its cells are typed, its width in Excel."""

    header: str
    kind: str  # text | free (typed by people) | phone | date | datetime | money | number
    width: int


COLUMNS = (
    Column(N_("Reference"), "text", 16),
    Column(N_("Registered at"), "datetime", 17),
    Column(N_("Status"), "text", 20),
    Column(N_("Name"), "free", 28),
    Column("NIK", "text", 18),
    Column(N_("Date of birth"), "date", 12),
    Column(N_("Gender"), "text", 11),
    Column(N_("Phone"), "phone", 16),
    Column(N_("Regency/city code"), "text", 10),
    Column(N_("Regency/city"), "text", 22),
    Column(N_("Kecamatan code"), "text", 11),
    Column(N_("Kecamatan"), "text", 20),
    Column(N_("Desa/kelurahan code"), "text", 15),
    Column(N_("Desa/kelurahan"), "text", 20),
    Column(N_("Address"), "free", 30),
    Column(N_("Occupation"), "free", 20),
    Column(N_("Monthly income (Rp)"), "money", 16),
    Column(N_("Programs"), "text", 14),
    Column(N_("Payment period (months)"), "number", 10),
    Column(N_("Interested in a sponsored scheme"), "text", 10),
    Column(N_("Officer"), "free", 22),
    Column(N_("Officer code"), "text", 10),
    Column(N_("Branch office"), "text", 12),
    Column(N_("Channel"), "text", 10),
)


_READERS: dict[str, Engine] = {}


def read_engine(db: Engine) -> Engine:
    """An engine for long reads, which must not hold SQLite's write lock.

    On SQLite the app's engine opens every transaction with BEGIN IMMEDIATE (the write lock);
    an export must not hold that for seconds, so it reads through a plain engine (WAL: readers
    never block the writer). PostgreSQL: the same engine.
    """
    if db.dialect.name != "sqlite":
        return db
    url = db.url.render_as_string(hide_password=False)
    if url not in _READERS:
        _READERS[url] = create_engine(url, connect_args={"timeout": 30})
    return _READERS[url]


def headers() -> list[str]:
    """Column titles, always in Indonesian: the files go to Indonesian offices and scripts."""
    t = Translator("id")
    return [t.gettext(c.header) for c in COLUMNS]


@lru_cache(maxsize=100_000)
def _region(code: str | None) -> str | None:
    return region_name(code) if code else None


def local_phone(e164: str) -> str:
    """`+6281234567890` → `081234567890`: how staff dial it, and a leading 0 Excel must keep."""
    return "0" + e164[3:] if e164.startswith("+62") else e164


def neutralise(value: str) -> str:
    """Text a spreadsheet would evaluate gets a leading apostrophe (OWASP CSV injection)."""
    return "'" + value if value[:1] in _FORMULA_CHARS and value else value


def _raw(column: Any) -> Any:
    """The column without SQLAlchemy's per-value result processing (parsed below, cached)."""
    return type_coerce(column, NullType())


class _Parse:
    """Turn raw driver values into cell values fast: SQLite gives text, psycopg Python types.

    Dates of birth, program lists and region names repeat endlessly; each is parsed once.
    """

    def __init__(self) -> None:
        self.days: dict[object, date | None] = {}
        self.programs: dict[object, str] = {}

    def day(self, value: object) -> date | None:
        if isinstance(value, date) or value is None:
            return value
        if (found := self.days.get(value)) is None:
            found = self.days[value] = date.fromisoformat(str(value)[:10])
        return found

    def program_list(self, value: object) -> str:
        key = value if isinstance(value, str) else json.dumps(value)
        if (found := self.programs.get(key)) is None:
            codes = json.loads(key) if key else []
            found = self.programs[key] = ", ".join(str(p).upper() for p in codes or ())
        return found


def _local_minute(session: Session) -> Any:
    """`created_at` as WIB "YYYY-MM-DD HH:MM" text, computed by the database (fast)."""
    if session.get_bind().dialect.name == "postgresql":
        text = func.to_char(func.timezone("Asia/Jakarta", Lead.created_at), "YYYY-MM-DD HH24:MI")
    else:
        text = func.strftime("%Y-%m-%d %H:%M", Lead.created_at, "+7 hours")
    return type_coerce(text, NullType())


def export_rows(
    session: Session,
    scope: Scope,
    f: LeadFilter,
    *,
    reveal_nik: Callable[[bytes], str] | None = None,
) -> Iterator[list[Cell]]:
    """The filtered list's rows, oldest first, streamed; NIK in clear only with `reveal_nik`."""
    t = Translator("id")
    statuses = {k: t.gettext(v) for k, v in STATUS_LABELS.items()}
    genders = {k: t.gettext(v) for k, v in GENDERS.items()}
    yes, no = t.gettext("Yes"), t.gettext("No")
    parse = _Parse()
    stmt = (
        select(
            Lead.reference,
            _local_minute(session),
            Lead.status,
            Lead.name,
            _raw(Lead.nik_encrypted) if reveal_nik else Lead.id,
            _raw(Lead.birth_date),
            Lead.gender,
            Lead.phone,
            Lead.regency_code,
            Lead.district_code,
            Lead.village_code,
            Lead.address,
            Lead.occupation,
            _raw(Lead.monthly_income),
            _raw(cast(Lead.programs, String)),
            Lead.payment_period,
            _raw(Lead.sponsored_interest),
            Officer.name,
            Officer.code,
            Branch.code,
            Lead.channel,
        )
        .join(Branch, Branch.id == Lead.branch_id)
        .outerjoin(Officer, Officer.id == Lead.officer_id)
        .where(*scope_clause(scope), *filter_clause(f))
        .order_by(Lead.created_at, Lead.id)
        .execution_options(yield_per=_BATCH)
    )
    for (
        ref,
        created,
        status,
        name,
        nik,
        born,
        gender,
        phone,
        regency,
        district,
        village,
        address,
        occupation,
        income,
        programs,
        period,
        sponsored,
        officer,
        officer_code,
        branch,
        channel,
    ) in session.connection().execute(stmt):
        yield [
            ref,
            datetime.fromisoformat(created),
            statuses.get(status, status),
            name,
            reveal_nik(bytes(nik)) if reveal_nik else NIK_MASK,
            parse.day(born),
            genders.get(gender, gender),
            "0" + phone[3:] if phone.startswith("+62") else phone,
            regency,
            _region(regency),
            district,
            _region(district),
            village,
            _region(village),
            address,
            occupation,
            None if income is None else int(income),
            parse.program_list(programs),
            period,
            yes if sponsored else no,
            officer,
            officer_code,
            branch,
            channel,
        ]


def _phone(value: str) -> str:
    if value.isdigit() and len(value) > 8:
        return f"{value[:4]}-{value[4:8]}-{value[8:]}"  # dashes: Excel keeps it as text, the 0 too
    return neutralise(value)


def csv_chunks(rows: Iterator[list[Cell]], progress: Progress | None = None) -> Iterator[bytes]:
    """UTF-8 with a BOM (Excel then reads the accents right), in chunks of about 1,000 rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    free = [i for i, c in enumerate(COLUMNS) if c.kind == "free"]
    phone = next(i for i, c in enumerate(COLUMNS) if c.kind == "phone")
    count = 0
    yield codecs.BOM_UTF8
    for row in rows:  # dates, numbers and None the csv module writes as Excel reads them
        for i in free:
            if (value := row[i]) and value[0] in _FORMULA_CHARS:  # type: ignore[index]
                row[i] = "'" + value  # type: ignore[operator]
        row[phone] = _phone(row[phone])  # type: ignore[arg-type]
        writer.writerow(row)
        count += 1
        if count % 1000 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            if progress:
                progress(count)
    yield buffer.getvalue().encode("utf-8")
    if progress:
        progress(count)


def write_csv(rows: Iterator[list[Cell]], out: BinaryIO, progress: Progress | None = None) -> None:
    for chunk in csv_chunks(rows, progress):
        out.write(chunk)


def _cell_writer(sheet: Any, kind: str, formats: dict[str, Any], quoted: Any) -> Any:
    """The worksheet call that writes one column's cells, chosen once per column."""
    if kind in ("date", "datetime", "money", "number"):
        write = sheet.write_datetime if kind in ("date", "datetime") else sheet.write_number
        fmt = formats[kind]
        return lambda row, col, value: write(row, col, value, fmt)
    if kind == "free":

        def free(row: int, col: int, value: str) -> None:
            sheet.write_string(row, col, value, quoted if value[0] in _FORMULA_CHARS else None)

        return free
    return sheet.write_string


def write_xlsx(rows: Iterator[list[Cell]], path: Path, progress: Progress | None = None) -> int:
    """Write an .xlsx to `path` in constant memory; returns the number of rows."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(path.parent)})
    try:
        sheet = book.add_worksheet("Leads")
        bold = book.add_format({"bold": True, "bg_color": "#E8F0E8", "border": 1})
        formats: dict[str, Any] = {
            "date": book.add_format({"num_format": "dd/mm/yyyy"}),
            "datetime": book.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
            "money": book.add_format({"num_format": '"Rp"#,##0'}),
            "phone": book.add_format({"num_format": "@"}),
            "number": None,
        }
        quoted = book.add_format({"quote_prefix": True})
        for index, column in enumerate(COLUMNS):
            sheet.set_column(
                index,
                index,
                column.width,
                formats["phone"] if column.kind in ("phone", "text", "free") else None,
            )
        sheet.write_row(0, 0, headers(), bold)
        sheet.freeze_panes(1, 0)
        writers = [_cell_writer(sheet, c.kind, formats, quoted) for c in COLUMNS]
        count = 0
        for count, row in enumerate(rows, start=1):
            for col, (write, value) in enumerate(zip(writers, row, strict=True)):
                if value is not None:
                    write(count, col, value)
            if progress and count % 1000 == 0:
                progress(count)
        sheet.autofilter(0, 0, max(count, 1), len(COLUMNS) - 1)
        if progress:
            progress(count)
    finally:
        book.close()
    return count
