"""`leads export`: the leads of a branch as CSV or XLSX, streamed, with a progress bar.

`--since`/`--until` are days in the branch's own time zone (WITA for Bali; WIB without
`--branch`), as the file's "Registered at" column and the dashboard count them.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import func, select

from bot.config import Settings
from bot.crypto import Crypto
from bot.exports import export_rows, read_engine, write_csv, write_xlsx
from bot.storage.audit import record_export
from bot.storage.db import make_engine, make_session_factory
from bot.storage.lead_queries import (
    STATUSES,
    LeadFilter,
    Scope,
    filter_clause,
    scope_clause,
    view_zone,
)
from bot.storage.models import Branch, Lead


class ProgressBar:
    """`[#####-----]  52% 520000/1000000` on stderr, redrawn at most 10 times a second."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        # sys.stderr when drawn, not when imported: a redirected stderr gets the bar
        self.total, self.stream, self._last = max(total, 1), stream or sys.stderr, 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and done < self.total:
            return
        self._last = now
        share = min(done / self.total, 1.0)
        filled = int(share * 30)
        self.stream.write(
            f"\r[{'#' * filled}{'-' * (30 - filled)}] {share:4.0%} {done}/{self.total}"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    db = make_engine(settings.database_url)
    try:
        sessions = make_session_factory(read_engine(db))
        with sessions() as session:
            scope = Scope()
            if args.branch:
                branch_id = session.scalar(select(Branch.id).where(Branch.code == args.branch))
                if branch_id is None:
                    print(f"no branch with code {args.branch!r}", file=sys.stderr)
                    return 1
                scope = Scope(branch_id=branch_id)
            f = LeadFilter(since=args.since, until=args.until, status=args.status)
            bar = None
            if sys.stderr.isatty():
                total = (
                    session.scalar(
                        select(func.count())
                        .select_from(Lead)
                        .where(*scope_clause(scope), *filter_clause(f, view_zone(session, scope)))
                    )
                    or 0
                )
                bar = ProgressBar(total)
            reveal = None
            if args.with_nik:  # audited like the dashboard's, in a transaction of its own
                with make_session_factory(db).begin() as audit:
                    record_export(audit, actor="cli", scope=scope, f=f, now=datetime.now(UTC))
                reveal = Crypto(settings.secret_key).decrypt
            rows = export_rows(session, scope, f, reveal_nik=reveal)
            if args.format == "xlsx":
                write_xlsx(rows, args.output.resolve(), bar)
            else:
                with args.output.open("wb") as out:
                    write_csv(rows, out, bar)
            if bar:
                bar.close()
    finally:
        db.dispose()
    return 0


def cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    """Delete unregistered leads older than LEADS_RETENTION_MONTHS (the workers do it daily)."""
    from bot.housekeeping import purge_leads
    from bot.services import build_services

    services = build_services(settings)
    try:
        count = purge_leads(services)
    finally:
        services.close()
    months = settings.leads_retention_months
    print(f"{count} unregistered leads older than {months} months deleted")
    return 0


def register(commands: Any) -> None:
    """Add `leads export` and `leads purge` to the parser."""
    leads = commands.add_parser("leads", help="leads of the branch offices")
    actions = leads.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write leads as CSV or XLSX")
    export.add_argument("--branch", help="branch code (default: every branch)")
    days = "in the branch's own time zone (WIB, WITA or WIT; WIB without --branch)"
    export.add_argument("--since", type=date.fromisoformat, help=f"first day, YYYY-MM-DD, {days}")
    export.add_argument("--until", type=date.fromisoformat, help=f"last day, YYYY-MM-DD, {days}")
    export.add_argument("--status", choices=STATUSES)
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    export.add_argument("--output", type=Path, required=True)
    export.add_argument(
        "--with-nik",
        action="store_true",
        help="NIK in clear (default: masked); slow, about 5,000 rows/s",
    )
    export.set_defaults(func=cmd_export)
    purge = actions.add_parser(
        "purge", help="delete unregistered leads older than LEADS_RETENTION_MONTHS"
    )
    purge.set_defaults(func=cmd_purge)
