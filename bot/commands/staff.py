"""`staff add`: create a dashboard login (the first admin comes from here)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from bot.config import Settings
from bot.storage.db import make_engine, make_session_factory
from bot.storage.staff import ROLES, StaffError, add_staff


def cmd_staff_add(args: argparse.Namespace, settings: Settings) -> int:
    db = make_engine(settings.database_url)
    try:
        with make_session_factory(db).begin() as session:
            staff = add_staff(
                session,
                username=args.username,
                password=args.password,
                role=args.role,
                branch_code=args.branch,
                officer_code=args.officer,
                now=datetime.now(UTC),
            )
            result = {"id": staff.id, "username": staff.username, "role": staff.role}
    except StaffError as exc:
        print(f"cannot add staff: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(json.dumps(result) if args.json else f"{result['role']} {result['username']} added")
    return 0


def register(commands: Any) -> None:
    """Add `staff add` to the parser."""
    staff = commands.add_parser("staff", help="dashboard logins")
    actions = staff.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create a login")
    add.add_argument("--username", required=True)
    add.add_argument("--password", required=True, help="at least 10 characters")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--branch", help="branch code (branch_admin)")
    add.add_argument("--officer", help="officer code (officer; the branch follows)")
    add.add_argument("--json", action="store_true", help='{"id", "username", "role"}')
    add.set_defaults(func=cmd_staff_add)
