"""`outbox list|retry`: what the senders have not delivered, and sending failed rows again."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from bot.config import Settings
from bot.storage import outbox
from bot.storage.db import transaction


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    """Pending and failed rows, newest first (or only the status asked for)."""
    statuses = [args.status] if args.status else [outbox.PENDING, outbox.FAILED]
    with transaction(settings.database_url) as session:
        rows = outbox.listing(session, statuses, args.limit)
        counts = outbox.counts(session)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        print(
            f"{row['id']:>8}  {row['status']:8} {row['channel']:9} {row['chat']:>16}  "
            f"{row['attempts']:>2} tries  {row['sent']}/{row['replies']} sent  "
            f"due {row['due_at'][:19]}  {row['error']}"
        )
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in outbox.STATUSES)
    print(summary, file=sys.stderr)
    return 0


def cmd_retry(args: argparse.Namespace, settings: Settings) -> int:
    """Failed rows back to pending, due now: the senders take them at their next sweep."""
    if not args.ids and not args.all_failed:
        print("name the rows to retry (IDs) or --all-failed", file=sys.stderr)
        return 2
    with transaction(settings.database_url) as session:
        count = outbox.retry(session, None if args.all_failed else args.ids, datetime.now(UTC))
    print(f"{count} rows to send again")
    return 0


def register(commands: Any) -> None:
    """Add `outbox list` and `outbox retry` to the parser."""
    parser = commands.add_parser("outbox", help="replies waiting to be sent, or refused")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="pending and failed replies, newest first")
    listing.add_argument("--status", choices=list(outbox.STATUSES))
    listing.add_argument("--limit", type=int, default=200)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)
    retry = actions.add_parser("retry", help="send failed replies again")
    retry.add_argument("ids", nargs="*", type=int, help="outbox row ids (from outbox list)")
    retry.add_argument("--all-failed", action="store_true", help="every failed row")
    retry.set_defaults(func=cmd_retry)
