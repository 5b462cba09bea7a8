"""`followup branch` and `followup templates`: a branch's follow-up settings, WhatsApp templates.

`followup branch DPS --call-within 2 --status-news off` sets how many working days the branch
promises to call within (new leads' call-by day) and whether workers hear of status changes.
`followup templates add status_pendaftaran id status reference status` records an approved
template and its body parameters in order; the dashboard's Templates page does the same.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlalchemy import select

from bot.config import Settings
from bot.storage import notices
from bot.storage.db import transaction
from bot.storage.models import Branch, MessageTemplate


def cmd_branch(args: argparse.Namespace, settings: Settings) -> int:
    """Change (or show) one branch's call-within days and status news."""
    with transaction(settings.database_url) as session:
        branch = session.scalars(select(Branch).where(Branch.code == args.code)).first()
        if branch is None:
            print(f"no branch {args.code!r}", file=sys.stderr)
            return 1
        if args.call_within is not None:
            if not 1 <= args.call_within <= 30:
                print("--call-within: 1 to 30 working days", file=sys.stderr)
                return 2
            branch.call_within_days = args.call_within
        if args.status_news is not None:
            branch.notify_status = args.status_news == "on"
        news = "on" if branch.notify_status else "off"
        print(f"{branch.code}\tcall within {branch.call_within_days} working days\tnews {news}")
    return 0


def cmd_templates(args: argparse.Namespace, settings: Settings) -> int:
    """List, add or remove WhatsApp templates."""
    with transaction(settings.database_url) as session:
        if args.action == "add":
            try:
                notices.save_template(session, args.name, args.language, args.purpose, args.params)
            except ValueError as exc:
                print(exc, file=sys.stderr)
                return 2
        elif args.action == "remove":
            for row in session.scalars(
                select(MessageTemplate).where(MessageTemplate.name == args.name)
            ):
                row.active = False
        for template in notices.templates(session):
            params = " ".join(template.params)
            print(f"{template.name}\t{template.language}\t{template.purpose}\t{params}")
    return 0


def register(commands: Any) -> None:
    """Add `followup branch` and `followup templates` to the parser."""
    parser = commands.add_parser("followup", help="branch follow-up settings, WhatsApp templates")
    actions = parser.add_subparsers(dest="what", required=True)
    branch = actions.add_parser("branch", help="a branch's call-by days and status news")
    branch.add_argument("code", help="branch code, as in `branches list`")
    branch.add_argument("--call-within", type=int, help="working days to call a new lead")
    branch.add_argument("--status-news", choices=["on", "off"], help="tell workers of changes")
    branch.set_defaults(func=cmd_branch)
    templates = actions.add_parser("templates", help="approved WhatsApp templates")
    kinds = templates.add_subparsers(dest="action", required=True)
    kinds.add_parser("list", help="the active templates")
    add = kinds.add_parser("add", help="add or change one")
    add.add_argument("name")
    add.add_argument("language", help="as approved, e.g. id or en_US")
    add.add_argument("purpose", choices=notices.PURPOSES)
    add.add_argument("params", nargs="*", help="names of the body parameters, in order")
    remove = kinds.add_parser("remove", help="stop using one (all its languages)")
    remove.add_argument("name")
    templates.set_defaults(func=cmd_templates)
