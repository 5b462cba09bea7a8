"""Branch offices and the regencies they serve: CSV import, listing, and routing a lead.

The CSV has one row per (branch, regency): ``branch_code,branch_name,province,regency_code``
and optional columns: ``is_default`` (1/true/ya) naming the office that takes leads from
regencies no branch serves; ``phone``, ``address`` and ``hours`` (``Mon-Fri 08:00-15:30``,
bot/domain/office_hours.py), what a worker is told about their office. A file without these
columns leaves them as they were; an empty value clears them. Lines starting with ``#`` are
comments. Importing is idempotent:
a branch is updated by code, an area moves to the branch that lists it last.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain import chatwords
from bot.domain.office_hours import OfficeHours
from bot.storage.models import Branch, BranchArea

REQUIRED_COLUMNS = ("branch_code", "branch_name", "province", "regency_code")
CONTACT_COLUMNS = ("phone", "address", "hours")
_REGENCY = re.compile(r"^\d{2}\.\d{2}$")


def _yes(cell: str) -> bool:
    """Whether a CSV cell says yes ("1", "true", "ya": chatwords' ``file_yes`` table)."""
    return chatwords.phrase_value(cell, "file_yes") == "yes"


class BranchImportError(ValueError):
    """The CSV cannot be imported; the message names the line."""


@dataclass(frozen=True)
class ImportResult:
    """How many distinct branches and regencies the file named."""

    branches: int
    areas: int


def _rows(text: str) -> list[dict[str, str]]:
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BranchImportError(f"missing column(s): {', '.join(missing)}")
    rows = []
    for number, row in enumerate(reader, start=2):
        clean = {k: (v or "").strip() for k, v in row.items() if k}
        if not all(clean.get(c) for c in REQUIRED_COLUMNS):
            raise BranchImportError(f"data line {number}: every column needs a value")
        if not _REGENCY.match(clean["regency_code"]):
            raise BranchImportError(
                f"data line {number}: regency_code {clean['regency_code']!r} is not like 51.03"
            )
        if hours := clean.get("hours"):
            try:
                OfficeHours.parse(hours)
            except ValueError as error:
                raise BranchImportError(f"data line {number}: {error}") from None
        rows.append(clean)
    return rows


def import_branches(session: Session, source: Path | str) -> ImportResult:
    """Load offices and areas from a CSV file path or CSV text; safe to run again."""
    text = source.read_text(encoding="utf-8-sig") if isinstance(source, Path) else source
    rows = _rows(text)
    branches = {b.code: b for b in session.scalars(select(Branch))}
    new_default = next((r["branch_code"] for r in rows if _yes(r.get("is_default", ""))), None)
    for row in rows:
        branch = branches.get(row["branch_code"])
        if branch is None:
            branch = Branch(code=row["branch_code"], name="", province="", is_default=False)
            session.add(branch)
            branches[branch.code] = branch
        branch.name, branch.province = row["branch_name"], row["province"]
        for column in CONTACT_COLUMNS:
            if column in row:
                setattr(branch, column, row[column] or None)
    if new_default:  # one default office: the file that names one replaces the old one
        for branch in branches.values():
            branch.is_default = branch.code == new_default
    session.flush()
    areas = {a.regency_code: a for a in session.scalars(select(BranchArea))}
    for row in rows:
        branch_id = branches[row["branch_code"]].id
        if area := areas.get(row["regency_code"]):
            area.branch_id = branch_id
        else:
            area = BranchArea(regency_code=row["regency_code"], branch_id=branch_id)
            areas[row["regency_code"]] = area
            session.add(area)
    session.flush()
    codes = {row["branch_code"] for row in rows}
    return ImportResult(len(codes), len({row["regency_code"] for row in rows}))


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(Branch))


def list_branches(session: Session) -> list[dict[str, object]]:
    """Every branch with its regencies: ``[{"code", "name", "regencies": ["51.03", …]}]``."""
    served: dict[int, list[str]] = {}
    for area in session.scalars(select(BranchArea).order_by(BranchArea.regency_code)):
        served.setdefault(area.branch_id, []).append(area.regency_code)
    return [
        {"code": b.code, "name": b.name, "regencies": served.get(b.id, [])}
        for b in session.scalars(select(Branch).order_by(Branch.code))
    ]


def branch_for_regency(session: Session, regency_code: str) -> tuple[Branch, bool]:
    """The branch serving `regency_code`, and False; else the default branch, and True (flagged).

    Without a branch marked default, the first imported one takes the flagged leads, so a lead
    is never lost; staff reassign it. Raises LookupError only when no branch exists at all.
    """
    area = session.get(BranchArea, regency_code)
    if area is not None:
        return session.get_one(Branch, area.branch_id), False
    return default_branch(session), True


def default_branch(session: Session) -> Branch:
    """The office marked default, else the first imported; LookupError if there is none."""
    fallback = session.scalars(
        select(Branch).order_by(Branch.is_default.desc(), Branch.id).limit(1)
    ).first()
    if fallback is None:
        raise LookupError("no branches imported: run `python -m bot branches import FILE.csv`")
    return fallback


SEED = Path(__file__).resolve().parent.parent / "seed" / "branches.csv"


def seed_if_empty(session: Session, source: Path = SEED) -> ImportResult | None:
    """Import the shipped sample when no branch exists yet, so a fresh install routes leads."""
    return import_branches(session, source) if is_empty(session) else None


@cache
def _sample_areas() -> frozenset[tuple[str, str]]:
    return frozenset(
        (row["branch_code"].strip(), row["regency_code"].strip())
        for row in _rows(SEED.read_text(encoding="utf-8-sig"))
    )


def is_sample_mapping(session: Session) -> bool:
    """Whether the branches are still the shipped sample (a guessed mapping, shown as "contoh")."""
    sample = _sample_areas()
    stored = session.execute(
        select(Branch.code, BranchArea.regency_code).join(
            BranchArea, BranchArea.branch_id == Branch.id
        )
    )
    return {(code, regency) for code, regency in stored} == sample
