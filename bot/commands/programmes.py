"""`programmes add|list|import|export`: village and district programmes, for scripts.

`import` exits 0 even when rows are refused: the report says which and why, and the
summary on stdout how many were accepted and refused. Nothing of a list is stored unless
every valid row is.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.config import Settings
from bot.crypto import Crypto
from bot.programme_files import (
    ListFileError,
    collective_rows,
    read_list,
    record_programme_export,
    write_collective,
    write_report,
)
from bot.storage.db import transaction
from bot.storage.models import Programme
from bot.storage.programmes import ProgrammeError, create_programme, describe, import_list


def _month(text: str) -> date:
    return datetime.strptime(text, "%Y-%m").date()


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    now = datetime.now(UTC)
    with transaction(settings.database_url) as session:
        try:
            programme = create_programme(
                session,
                area_code=args.village or args.regency,
                funding=args.funding,
                now=now,
                quota=args.quota,
                months=args.months,
                programs=args.programs.split(","),
                start=args.start,
                categories=args.categories.split(",") if args.categories else (),
            )
        except ProgrammeError as exc:
            print(f"cannot add the programme: {exc}", file=sys.stderr)
            return 1
        out = describe(session, programme)
    if args.json:
        keys = ("id", "village" if args.village else "regency", "funding", "quota", "months")
        print(json.dumps({k: out[k] for k in (*keys, "budget")}))
    else:
        print(f"programme {out['id']} added, budget Rp{out['budget']:,}".replace(",", "."))
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    with transaction(settings.database_url) as session:
        rows = [describe(session, p) for p in session.scalars(select(Programme).order_by("id"))]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        where = row.get("village") or row.get("regency")
        branch = f"{row['branch']} (contoh)" if row["branch_is_sample"] else row["branch"]
        print(
            f"{row['id']}\t{where}\t{row['name']}\t{row['funding']}\t"
            f"{row['enrolled']}/{row['quota']} (+{row['waiting']} waiting)\t{row['months']} months"
            f"\t{branch}"
        )
    return 0


def _programme(session: Any, programme_id: int) -> Programme | None:
    programme = session.get(Programme, programme_id)
    if programme is None:
        print(f"no programme {programme_id}", file=sys.stderr)
    return programme  # type: ignore[no-any-return]


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    try:
        rows = read_list(args.file)
    except (ListFileError, OSError, ValueError) as exc:
        print(f"cannot read {args.file}: {exc}", file=sys.stderr)
        return 1
    with transaction(settings.database_url) as session:
        programme = _programme(session, args.id)
        if programme is None:
            return 1
        result = import_list(
            session,
            programme,
            rows,
            crypto=Crypto(settings.secret_key),
            actor="cli",
            now=datetime.now(UTC),
        )
    write_report(result, args.report)
    print(
        f"{result.accepted} accepted ({len(result.waiting)} on the waiting list), "
        f"{result.refused} refused; report: {args.report}"
    )
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """The collective list with NIK (the command line is an admin's), audited first."""
    now = datetime.now(UTC)
    with transaction(settings.database_url) as session:
        programme = _programme(session, args.id)
        if programme is None:
            return 1
        rows = collective_rows(session, programme, reveal=Crypto(settings.secret_key).decrypt)
        record_programme_export(session, programme, actor="cli", rows=len(rows), now=now)
    write_collective(rows, args.output, args.format)
    print(f"{len(rows)} rows written to {args.output}")
    return 0


def register(commands: Any) -> None:
    """Add `programmes add|list|import|export` to the parser."""
    parser = commands.add_parser("programmes", help="village and district programmes")
    actions = parser.add_subparsers(dest="action", required=True)

    add = actions.add_parser("add", help="a desa or kabupaten/kota programme")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--village", help="desa code, 51.03.01.1003")
    where.add_argument("--regency", help="kabupaten/kota code, 51.03")
    add.add_argument("--funding", required=True, help="SD, SA, SG or SL")
    add.add_argument("--quota", type=int, help="places (default 100 for a desa)")
    add.add_argument("--months", type=int, default=12)
    add.add_argument("--programs", default="jkk,jkm", help="jkk,jkm or jkk,jkm,jht")
    add.add_argument("--start", type=_month, help="first month, YYYY-MM (default this month)")
    add.add_argument("--categories", help="admitted categories, farmer,fisher,…")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_add)

    listing = actions.add_parser("list", help="programmes with enrolled, waiting and budget")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)

    load = actions.add_parser("import", help="import a village list, write its report")
    load.add_argument("id", type=int)
    load.add_argument("file", type=Path, help="CSV or XLSX with NIK, Nama, Tanggal lahir, …")
    load.add_argument("--report", type=Path, required=True, help="row-by-row report (CSV)")
    load.set_defaults(func=cmd_import)

    export = actions.add_parser("export", help="the collective list for registration")
    export.add_argument("id", type=int)
    export.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
    export.add_argument("--output", type=Path, required=True)
    export.set_defaults(func=cmd_export)
