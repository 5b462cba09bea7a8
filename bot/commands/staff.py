"""`staff add|link|password|deactivate`: dashboard logins from the command line.

The first admin comes from `staff add`. A new password or a deactivation ends every open
dashboard session of the login at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from bot.config import Settings
from bot.storage.db import transaction
from bot.storage.staff import (
    LINK_TTL,
    ROLES,
    StaffError,
    add_staff,
    deactivate_staff,
    find_by_username,
    issue_link_code,
    set_password,
)


def cmd_staff_add(args: argparse.Namespace, settings: Settings) -> int:
    try:
        with transaction(settings.database_url) as session:
            staff = add_staff(
                session,
                username=args.username,
                password=args.password,
                role=args.role,
                branch_code=args.branch,
                officer_code=args.officer,
                regency_code=args.regency,
                now=datetime.now(UTC),
            )
            result = {"id": staff.id, "username": staff.username, "role": staff.role}
    except StaffError as exc:
        print(f"cannot add staff: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result) if args.json else f"{result['role']} {result['username']} added")
    return 0


def cmd_staff_link(args: argparse.Namespace, settings: Settings) -> int:
    """Print a one-time code; the staff member types it in the bot's Telegram chat."""
    try:
        with transaction(settings.database_url) as session:
            staff = find_by_username(session, args.username)
            if staff is None:
                raise StaffError(f"no login {args.username!r}")
            code = issue_link_code(session, staff, datetime.now(UTC))
    except StaffError as exc:
        print(f"cannot link: {exc}", file=sys.stderr)
        return 1
    print(f"staf {code}")
    minutes = int(LINK_TTL.total_seconds() // 60)
    print(
        f"{args.username} types this in a private chat with the bot on Telegram within "
        f"{minutes} minutes; then /export sends their leads there.",
        file=sys.stderr,
    )
    return 0


def cmd_staff_password(args: argparse.Namespace, settings: Settings) -> int:
    """Set a new password; the login's open sessions end."""
    try:
        with transaction(settings.database_url) as session:
            staff = find_by_username(session, args.username)
            if staff is None:
                raise StaffError(f"no login {args.username!r}")
            set_password(session, staff, args.password)
    except StaffError as exc:
        print(f"cannot set the password: {exc}", file=sys.stderr)
        return 1
    print(f"{args.username}: new password set; open sessions ended")
    return 0


def cmd_staff_deactivate(args: argparse.Namespace, settings: Settings) -> int:
    """Stop a login: its sessions end now, it cannot log in or export from Telegram."""
    with transaction(settings.database_url) as session:
        staff = find_by_username(session, args.username)
        if staff is not None:
            deactivate_staff(session, staff)
    if staff is None:
        print(f"cannot deactivate: no login {args.username!r}", file=sys.stderr)
        return 1
    print(f"{args.username} deactivated; open sessions ended")
    return 0


def register(commands: Any) -> None:
    """Add `staff add`, `link`, `password` and `deactivate` to the parser."""
    staff = commands.add_parser("staff", help="dashboard logins")
    actions = staff.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create a login")
    add.add_argument("--username", required=True)
    add.add_argument("--password", required=True, help="at least 10 characters")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--branch", help="branch code (branch_admin)")
    add.add_argument("--officer", help="officer code (officer; the branch follows)")
    add.add_argument("--regency", help="kabupaten/kota code (pemda: read-only programme pages)")
    add.add_argument("--json", action="store_true", help='{"id", "username", "role"}')
    add.set_defaults(func=cmd_staff_add)
    link = actions.add_parser(
        "link", help="print a one-time code that links the login's Telegram account (/export)"
    )
    link.add_argument("--username", required=True)
    link.set_defaults(func=cmd_staff_link)
    password = actions.add_parser("password", help="set a new password (ends open sessions)")
    password.add_argument("--username", required=True)
    password.add_argument("--password", required=True, help="at least 10 characters")
    password.set_defaults(func=cmd_staff_password)
    deactivate = actions.add_parser("deactivate", help="stop a login (ends open sessions)")
    deactivate.add_argument("--username", required=True)
    deactivate.set_defaults(func=cmd_staff_deactivate)
