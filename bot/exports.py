"""Lead exports for branch staff and the Pemda: one row builder, written as CSV or XLSX.

Both stream: rows come from the database in batches (`yield_per`), CSV is written chunk by
chunk, XLSX row by row into the zip (bot.xlsx), so memory stays flat for a million leads.
Cells are typed the way Excel expects: real dates and numbers with formats, phone numbers as
text (the leading 0 survives), and text that Excel would run as a formula (= + - @, tab,
CR first) is neutralised.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine, String, cast, create_engine, func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from bot.domain.regions import region_name
from bot.i18n import N_, Translator
from bot.storage.lead_queries import LeadFilter, Scope, filter_clause, scope_clause
from bot.storage.models import Branch, Lead, Officer
from bot.xlsx import Column, write_sheet

#: A cell: text, a whole number, or None. Dates travel as ISO text ("2026-11-21 16:30",
#: "1990-03-12"): CSV writes them as they are, which Excel reads as dates; the XLSX writer
#: turns them into real date cells. Formatting a million date objects would cost seconds.
Cell = str | int | None
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


COLUMNS = (
    Column(N_("Reference"), 16, "text"),
    Column(N_("Registered at"), 17, "datetime"),
    Column(N_("Status"), 20, "text"),
    Column(N_("Name"), 28, "free"),
    Column("NIK", 18, "text"),
    Column(N_("Date of birth"), 12, "date"),
    Column(N_("Gender"), 11, "text"),
    Column(N_("Phone"), 16, "phone"),
    Column(N_("Regency/city code"), 10, "text"),
    Column(N_("Regency/city"), 22, "text"),
    Column(N_("Kecamatan code"), 11, "text"),
    Column(N_("Kecamatan"), 20, "text"),
    Column(N_("Desa/kelurahan code"), 15, "text"),
    Column(N_("Desa/kelurahan"), 20, "text"),
    Column(N_("Address"), 30, "free"),
    Column(N_("Occupation"), 20, "free"),
    Column(N_("Monthly income (Rp)"), 16, "money"),
    Column(N_("Programs"), 14, "text"),
    Column(N_("Payment period (months)"), 10, "number"),
    Column(N_("Interested in a sponsored scheme"), 10, "text"),
    Column(N_("Officer"), 22, "free"),
    Column(N_("Officer code"), 10, "text"),
    Column(N_("Branch office"), 12, "text"),
    Column(N_("Channel"), 10, "text"),
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

    Program lists repeat endlessly; each distinct one is formatted once.
    """

    def __init__(self) -> None:
        self.programs: dict[object, str] = {}

    @staticmethod
    def day(value: object) -> str | None:
        """ISO "YYYY-MM-DD" (SQLite stores it so; psycopg gives a date)."""
        if value is None or isinstance(value, str):
            return value
        return value.isoformat()  # type: ignore[attr-defined,no-any-return]

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
            created,
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


def write_xlsx(rows: Iterator[list[Cell]], path: Path, progress: Progress | None = None) -> int:
    """Write an .xlsx to `path`, streaming (bot.xlsx); returns the number of rows."""
    t = Translator("id")
    columns = [replace(c, header=t.gettext(c.header)) for c in COLUMNS]
    return write_sheet(path, columns, rows, progress)
