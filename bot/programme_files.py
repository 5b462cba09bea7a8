"""Files of a village programme: a village's list in, its report and the collective list out.

A list (CSV or XLSX) is read; the row-by-row validation report and the collective list a
branch needs to register the group are written.

Lists come from village spreadsheets: headers are matched loosely (`header_field`), cells
may be numbers or dates. Headers of the files written are Indonesian, like the leads export.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy.orm import Session

from bot.domain.programmes import CATEGORY_LABELS, PROBLEMS, category_of, header_field
from bot.domain.regions import region
from bot.domain.validation import mask_nik
from bot.exports import NIK_MASK, neutralise
from bot.i18n import N_, Translator
from bot.storage.audit import EXPORT_WITH_NIK
from bot.storage.models import AuditEvent, Programme
from bot.storage.programmes import ENROLLED, ImportResult, members
from bot.xlsx import Column, write_sheet

Cell = str | int | float | date | datetime | None

REPORT_COLUMNS = (N_("Row"), "NIK", N_("Name"), N_("Result"), N_("Problems"), N_("Reference"))
RESULTS = {"accepted": N_("accepted"), "waiting": N_("waiting list"), "refused": N_("refused")}
COLLECTIVE = (
    Column("NIK", 18, "text"),
    Column(N_("Name"), 28, "free"),
    Column(N_("Date of birth"), 12, "date"),
    Column(N_("Address"), 40, "free"),
    Column(N_("Occupation"), 20, "free"),
    Column(N_("Programs"), 14, "text"),
    Column(N_("Funding code"), 8, "text"),
    Column(N_("Sponsor"), 28, "text"),
)


class ListFileError(ValueError):
    """The file cannot be read as a list; the message says why."""


def _keyed(header: Sequence[Cell], rows: Iterator[Sequence[Cell]]) -> Iterator[dict[str, Cell]]:
    fields = [header_field(str(h)) if h is not None else None for h in header]
    if "nik" not in fields:
        raise ListFileError("no NIK column in the first row")
    for row in rows:
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        yield {f: v for f, v in zip(fields, row, strict=False) if f is not None}


def read_list(path: Path) -> list[dict[str, Cell]]:
    """The rows of a CSV (`,` or `;`, UTF-8 with or without BOM) or XLSX list, by field name."""
    if path.suffix.lower() == ".xlsx":
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            rows = book.worksheets[0].iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                raise ListFileError("the sheet is empty")
            return list(_keyed(header, rows))
        finally:
            book.close()
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    reader = csv.reader(io.StringIO(text), dialect)
    header_row = next(reader, None)
    if header_row is None:
        raise ListFileError("the file is empty")
    return list(_keyed(header_row, iter(reader)))


def report_rows(result: ImportResult, locale: str = "id") -> Iterator[list[str]]:
    """The validation report, header first: one line per row, problems spelled out."""
    t = Translator(locale)
    yield [t.gettext(h) for h in REPORT_COLUMNS]
    for row in result.rows:
        outcome = (
            "refused" if row.problems else "waiting" if row.number in result.waiting else "accepted"
        )
        nik = mask_nik(row.nik.nik) if row.nik else (mask_nik(row.raw_nik) if row.raw_nik else "")
        yield [
            str(row.number),
            nik,
            neutralise(row.name),
            t.gettext(RESULTS[outcome]),
            "; ".join(f"{code}: {t.gettext(PROBLEMS[code])}" for code in row.problems),
            result.references.get(row.number, ""),
        ]


def write_report(result: ImportResult, path: Path, locale: str = "id") -> None:
    """The report as CSV (UTF-8 with BOM, so Excel reads it right)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(report_rows(result, locale))


def sponsor(programme: Programme) -> str:
    """The sponsor as staff write it: "Desa Kedonganan, Kuta, Kabupaten Badung"."""
    place = region(programme.area_code)
    if place is None:
        return programme.area_code
    if len(programme.area_code.split(".")) == 4:
        return f"Desa {place.name}, {place.parents[0]}, {place.parents[1]}"
    return place.name


def _address(written: str | None, village_code: str | None) -> str:
    place = region(village_code) if village_code else None
    where = place.label if place else ""
    return ", ".join(part for part in (written, where) if part)


def collective_rows(
    session: Session, programme: Programme, *, reveal: Callable[[bytes], str] | None
) -> list[list[Cell]]:
    """The collective list: one row an enrolled worker, NIK in clear only with `reveal`.

    The waiting list is not registered, so it is not in the list.
    """
    t = Translator("id")
    who = sponsor(programme)
    programs = "+".join(p.upper() for p in programme.programs)
    rows: list[list[Cell]] = []
    for lead in members(session, programme, ENROLLED):
        nik = reveal(lead.nik_encrypted) if reveal else NIK_MASK
        category = category_of(lead.occupation)
        occupation = t.gettext(CATEGORY_LABELS[category]) if category else lead.occupation
        rows.append(
            [
                nik,
                lead.name,
                lead.birth_date,
                _address(lead.address, lead.village_code),
                occupation,
                programs,
                programme.funding,
                who,
            ]
        )
    return rows


def record_programme_export(
    session: Session, programme: Programme, *, actor: str, rows: int, now: datetime
) -> None:
    """Audit a collective export with NIK, as the leads exports are audited."""
    detail = json.dumps({"programme": programme.id}, sort_keys=True)
    session.add(AuditEvent(at=now, actor=actor, action=EXPORT_WITH_NIK, detail=detail, rows=rows))
    session.flush()


def write_collective(rows: list[list[Cell]], path: Path, fmt: str) -> None:
    """The collective list as XLSX or CSV, headers in Indonesian."""
    t = Translator("id")
    headers = [t.gettext(c.header) for c in COLLECTIVE]
    if fmt == "xlsx":
        columns = [Column(h, c.width, c.kind) for h, c in zip(headers, COLLECTIVE, strict=True)]
        write_sheet(path, columns, rows)
        return
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(
                [v.isoformat() if isinstance(v, date) else neutralise(str(v or "")) for v in row]
            )
