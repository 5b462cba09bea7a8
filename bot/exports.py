"""Lead exports for branch staff and the Pemda: one row builder, written as CSV or XLSX.

Both stream: rows come from the database in batches, CSV is written chunk by chunk, XLSX
row by row into the zip (bot.xlsx), so memory stays flat for a million leads. Cells are
typed the way Excel expects: real dates and numbers with formats, phone numbers as text
(the leading 0 survives), and text that Excel would run as a formula (= + - @, tab, CR
first, or after a ";", on which Excel may split) is neutralised. Days and
times are the branch in view's (`view_zone`: WITA for a Bali office, WIB when an admin
exports every branch).

Speed (a million rows in seconds): the driver's values are used as they come, dates and
JSON as text and numerics cast in SQL; officers and branches are read once; repeating
values (labels, regions, programs, hours) are finished once; CSV fields are quoted by the
same builder and joined, since the csv module costs about 50 ns a character.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import (
    BigInteger,
    Engine,
    Select,
    String,
    cast,
    create_engine,
    func,
    null,
    select,
)
from sqlalchemy.orm import Session

from bot.domain.regions import region_name
from bot.domain.validation import mask_phone
from bot.i18n import N_, Translator
from bot.storage.lead_queries import LeadFilter, Scope, filter_clause, scope_clause, view_zone
from bot.storage.models import LIST_CHANNEL, Branch, Lead, Officer
from bot.xlsx import Column, write_sheet

#: A cell: text, a whole number, or None. Dates travel as ISO text ("2026-11-21 16:30",
#: "1990-03-12"): CSV writes them as they are, which Excel reads as dates; the XLSX writer
#: turns them into real date cells. Formatting a million date objects would cost seconds.
Cell = str | int | None
Progress = Callable[[int], None]
NIK_MASK = "*" * 16
_FORMULA_CHARS = "=+-@\t\r"
_AFTER_SEMICOLON = re.compile(r";(?=[=+\-@\t\r])")
_BATCH = 600  # rows a fetch; under the GC's 700-object threshold, a batch never triggers it
_MEMO = 50_000  # values kept per column

STATUS_LABELS = {
    "baru": N_("New"),
    "dihubungi": N_("Contacted"),
    "terdaftar": N_("Registered"),
    "tidak_berminat": N_("Not interested"),
    "tidak_dapat_dihubungi": N_("Unreachable"),
    "duplikat": N_("Duplicate"),
}
GENDERS = {"L": N_("Male"), "P": N_("Female")}
#: How a lead's channel reads, in the dashboard and the exports alike (stored as its code).
CHANNEL_LABELS = {
    "web": N_("web chat"),
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "terminal": N_("terminal"),
    LIST_CHANNEL: N_("desa list"),
}


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


def local_phone(e164: str) -> str:
    """`+6281234567890` → `081234567890`: how staff dial it, and a leading 0 Excel must keep."""
    return "0" + e164[3:] if e164.startswith("+62") else e164


def neutralise(value: str) -> str:
    """Text a spreadsheet would evaluate gets an apostrophe (OWASP CSV injection).

    At the start, and after every ";": Excel with Indonesian regional settings splits CSV
    lines on ";" (quotes only count at a field's start there), so "Petani;=2+5" would
    otherwise give a cell "=2+5".
    """
    if ";" in value:
        value = _AFTER_SEMICOLON.sub(";'", value)
    return "'" + value if value[:1] in _FORMULA_CHARS and value else value


def csv_field(value: str) -> str:
    """`value` as the csv module's QUOTE_MINIMAL writer gives it: quoted if it has , " CR LF."""
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value


def _program_list(raw: str | None) -> str:
    """`["jkk", "jkm"]` (JSON text) → `JKK, JKM`."""
    return ", ".join(str(p).upper() for p in (json.loads(raw) if raw else None) or ())


class _Memo(dict[Any, Any]):
    """A lookup that computes a missing key's value once and keeps it, up to _MEMO keys.

    Export values repeat (statuses, regions, programs, occupations); a column of distinct
    values (incomes, in theory) must not fill the memory.
    """

    def __init__(self, compute: Callable[[Any], Any], known: dict[Any, Any] | None = None) -> None:
        super().__init__(known or {})
        self.compute = compute

    def __missing__(self, key: Any) -> Any:
        value = self.compute(key)
        if len(self) < _MEMO:
            self[key] = value
        return value


class _Cells:
    """How the row builder finishes values: as typed cells (XLSX, or anyone reading rows)."""

    @staticmethod
    def text(value: Any) -> Any:
        return value

    free = text  # typed by people: the XLSX writer neutralises it with a cell style
    number = text
    row: Callable[[tuple[Any, ...]], Any] = list

    @staticmethod
    def phone(e164: str) -> Any:
        return local_phone(e164)


class _CsvFields(_Cells):
    """…as CSV fields: quoted like the csv module, formulas neutralised, phones with dashes."""

    @staticmethod
    def text(value: str | None) -> str:
        return "" if value is None else csv_field(value)

    @staticmethod
    def free(value: str | None) -> str:
        return csv_field(neutralise(value)) if value else ""

    @staticmethod
    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    row = ",".join

    @staticmethod
    def phone(e164: str) -> str:
        value = "0" + e164[3:] if e164.startswith("+62") else e164
        if value.isdigit() and len(value) > 8:
            return f"{value[:4]}-{value[4:8]}-{value[8:]}"  # dashes: Excel keeps it text, the 0 too
        return csv_field(neutralise(value))


def _select(dialect: str, reveal: bool) -> Select[Any]:
    """The export's columns as the builder reads them: dates as UTC text, numbers and JSON cast.

    Driver values are used as they come (no SQLAlchemy result types): psycopg would turn
    timestamps, numerics and JSONB into objects, which costs more than the rest of a row.
    """
    pg = dialect == "postgresql"  # SQLite keeps "2026-11-21 09:30:00.000000" and "1990-03-12"
    created = (
        func.to_char(func.timezone("UTC", Lead.created_at), "YYYY-MM-DD HH24:MI")
        if pg
        else Lead.created_at
    )
    born = func.to_char(Lead.birth_date, "YYYY-MM-DD") if pg else Lead.birth_date
    return select(
        Lead.reference,
        created,
        Lead.status,
        Lead.name,
        Lead.nik_encrypted if reveal else null(),
        born,
        Lead.gender,
        Lead.phone,
        Lead.regency_code,
        Lead.district_code,
        Lead.village_code,
        Lead.address,
        Lead.occupation,
        cast(Lead.monthly_income, BigInteger),
        cast(Lead.programs, String),
        Lead.payment_period,
        Lead.sponsored_interest,
        Lead.officer_id,
        Lead.branch_id,
        Lead.channel,
    )


def _driver_rows(session: Session, stmt: Select[Any]) -> Iterator[list[Any]]:
    """The statement's rows as the driver gives them, in batches, without per-row SQLAlchemy.

    PostgreSQL streams them (psycopg's chunked `stream`): the server goes on sending while
    this process formats, where a server-side cursor would wait on every FETCH. SQLite's
    cursor steps through the table as rows are fetched. Either way memory stays flat.
    """
    connection = session.connection()
    dialect = connection.dialect
    compiled = stmt.compile(dialect=dialect)
    sql, params = str(compiled), compiled.construct_params()  # no IN lists: those expand later
    for name, bind in compiled.binds.items():  # what SQLAlchemy does before a driver call
        if name in params and (process := bind.type.dialect_impl(dialect).bind_processor(dialect)):
            params[name] = process(params[name])
    driver: Any = connection.connection.driver_connection
    if dialect.name == "postgresql":  # closing the stream early cancels the query
        with driver.cursor() as cursor, closing(cursor.stream(sql, params, size=_BATCH)) as rows:
            while batch := list(islice(rows, _BATCH)):
                yield batch
        return
    with closing(driver.cursor()) as cursor:
        cursor.execute(sql, [params[name] for name in compiled.positiontup or ()])
        while batch := cursor.fetchmany(_BATCH):
            yield batch


class LeadRows(Iterator[list[Cell]]):
    """The export's rows, oldest first, read from the database in batches when first asked for.

    Iterating gives typed cells (XLSX). `csv_lines()` gives the same rows as CSV lines from
    the same builder: finishing each value while the row is built, and joining the fields
    at once (a line is one string, nothing for the garbage collector to scan), is what keeps
    a CSV of a million leads within seconds.
    """

    def __init__(
        self,
        session: Session,
        scope: Scope,
        f: LeadFilter,
        reveal_nik: Callable[[bytes], str] | None = None,
        mask_contact: bool = False,
    ) -> None:
        self._session, self._scope, self._filter, self._reveal = session, scope, f, reveal_nik
        self._mask_contact = mask_contact
        self._cells: Iterator[list[Cell]] | None = None

    def __next__(self) -> list[Cell]:
        if self._cells is None:
            self._cells = chain.from_iterable(self._batches(_Cells))
        return next(self._cells)

    def csv_lines(self) -> Iterator[list[str]]:
        """The rows as CSV lines without their line ends, a batch at a time."""
        return self._batches(_CsvFields)

    def _batches(self, fmt: type[_Cells]) -> Iterator[list[Any]]:
        session, reveal = self._session, self._reveal
        zone = view_zone(session, self._scope, self._filter)
        t = Translator("id")
        text, free, number, phone = fmt.text, fmt.free, fmt.number, fmt.phone
        # "2026-11-20 16" (UTC) → "2026-11-21 00" (WITA) once an hour, not once a row; the
        # minutes stay as they are, Indonesia's offsets being whole hours
        hours = _Memo(
            lambda hour: (
                datetime.strptime(hour, "%Y-%m-%d %H")
                .replace(tzinfo=UTC)
                .astimezone(zone)
                .strftime("%Y-%m-%d %H")
            )
        )
        labels = {k: t.gettext(v) for k, v in (STATUS_LABELS | GENDERS | CHANNEL_LABELS).items()}
        statuses = genders = channels = _Memo(lambda key: text(labels.get(key, key)))
        yes, no, mask = text(t.gettext("Yes")), text(t.gettext("No")), text(NIK_MASK)
        births: Callable[[Any], Any] = _same
        phones: Callable[[str], Any] = phone
        if self._mask_contact:  # a role without the NIK permission: no phone, no birth date
            phones = _Memo(lambda e164: text(mask_phone(e164))).__getitem__
            births = _Memo(lambda _born: text(None), {}).__getitem__
        regions = _Memo(lambda code: (text(code), text(region_name(code) if code else None)))
        programs = _Memo(lambda raw: text(_program_list(raw)))
        occupations, numbers = _Memo(free), _Memo(number)
        officers = _Memo(
            lambda _: (free(None), text(None)),
            {
                i: (free(name), text(code))
                for i, name, code in session.execute(select(Officer.id, Officer.name, Officer.code))
            },
        )
        branches = _Memo(
            lambda _: text(None),
            {i: text(code) for i, code in session.execute(select(Branch.id, Branch.code))},
        )
        stmt = (
            _select(session.get_bind().dialect.name, reveal is not None)
            .where(*scope_clause(self._scope), *filter_clause(self._filter, zone))
            .order_by(Lead.created_at, Lead.id)
        )
        row = fmt.row
        for batch in _driver_rows(session, stmt):
            yield [
                row(
                    (
                        ref,
                        hours[created[:13]] + created[13:16],
                        statuses[status],
                        free(name),
                        text(reveal(bytes(nik))) if reveal else mask,
                        births(born),
                        genders[gender],
                        phones(e164),
                        *regions[regency],
                        *regions[district],
                        *regions[village],
                        free(address),
                        occupations[occupation],
                        numbers[income],
                        programs[program_list],
                        numbers[period],
                        yes if sponsored else no,
                        *officers[officer],
                        branches[branch],
                        channels[channel],
                    )
                )
                for (
                    ref,
                    created,
                    status,
                    name,
                    nik,
                    born,
                    gender,
                    e164,
                    regency,
                    district,
                    village,
                    address,
                    occupation,
                    income,
                    program_list,
                    period,
                    sponsored,
                    officer,
                    branch,
                    channel,
                ) in batch
            ]


def _same(value: Any) -> Any:
    return value


def export_rows(
    session: Session,
    scope: Scope,
    f: LeadFilter,
    *,
    reveal_nik: Callable[[bytes], str] | None = None,
    mask_contact: bool = False,
) -> LeadRows:
    """The filtered list's rows, oldest first, streamed; NIK in clear only with `reveal_nik`.

    With `mask_contact` (a role without the NIK permission) the phone number is masked and
    the birth date left out too.

    Dates are days, and times shown, in the zone of the branch in view (`view_zone`).
    """
    return LeadRows(session, scope, f, reveal_nik, mask_contact)


def csv_chunks(rows: LeadRows, progress: Progress | None = None) -> Iterator[bytes]:
    """UTF-8 with a BOM (Excel then reads the accents right), CRLF lines, a batch a chunk.

    Dates, numbers and empty cells are written as Excel reads them.
    """
    yield codecs.BOM_UTF8 + (",".join(map(csv_field, headers())) + "\r\n").encode("utf-8")
    count = 0
    for lines in rows.csv_lines():
        count += len(lines)
        yield ("\r\n".join(lines) + "\r\n").encode("utf-8")
        if progress:
            progress(count)
    if progress:
        progress(count)


def write_csv(rows: LeadRows, out: BinaryIO, progress: Progress | None = None) -> None:
    for chunk in csv_chunks(rows, progress):
        out.write(chunk)


def write_xlsx(rows: Iterable[list[Cell]], path: Path, progress: Progress | None = None) -> int:
    """Write an .xlsx to `path`, streaming (bot.xlsx); returns the number of rows."""
    t = Translator("id")
    columns = [replace(c, header=t.gettext(c.header)) for c in COLUMNS]
    return write_sheet(path, columns, rows, progress)
