"""`officers add|list|link|deactivate|qr`: outreach officers from the command line.

`officers add --json` prints exactly `{"code", "telegram_link", "whatsapp_link"}` (scripts
depend on it; `whatsapp_link` is null while WHATSAPP_NUMBER is unset).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot.config import Settings
from bot.domain.referral import LinkConfig, links
from bot.posters import poster_data, poster_pdf, poster_png, qr_png
from bot.storage import officers as store
from bot.storage.db import transaction
from bot.storage.models import Branch


def _with_session(settings: Settings, work: Any) -> int:
    """Run `work(session, config)` in one committed transaction; errors print, exit 1."""
    try:
        with transaction(settings.database_url) as session:
            return int(work(session, LinkConfig.from_settings(settings)))
    except store.OfficerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    def work(session: Session, config: LinkConfig) -> int:
        officer = store.create_officer(
            session,
            name=args.name,
            branch_code=args.branch,
            phone=args.phone,
            village=args.village,
            now=datetime.now(UTC),
        )
        found = links(officer.code, config)
        if args.json:
            print(
                json.dumps(
                    {
                        "code": officer.code,
                        "telegram_link": found.telegram,
                        "whatsapp_link": found.whatsapp,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            whatsapp = found.whatsapp or "(no WHATSAPP_NUMBER)"
            print(f"{officer.code}\t{officer.name}\n{found.telegram}\n{whatsapp}")
        return 0

    return _with_session(settings, work)


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    def work(session: Session, config: LinkConfig) -> int:
        rows = []
        for officer, branch in store.list_officers(session):
            found = links(officer.code, config)
            rows.append(
                {
                    "code": officer.code,
                    "name": officer.name,
                    "branch": branch.code,
                    "phone": officer.phone,
                    "active": officer.active,
                    "telegram_linked": bool(officer.telegram_user_id),
                    "whatsapp_linked": bool(officer.whatsapp_user_id),
                    "telegram_link": found.telegram,
                    "whatsapp_link": found.whatsapp,
                }
            )
        if args.json:
            print(json.dumps(rows, ensure_ascii=False))
            return 0
        for row in rows:
            state = "active" if row["active"] else "inactive"
            print(f"{row['code']}\t{row['branch']}\t{state}\t{row['name']}")
        return 0

    return _with_session(settings, work)


def cmd_link(args: argparse.Namespace, settings: Settings) -> int:
    def work(session: Session, config: LinkConfig) -> int:
        officer = store.officer_by_code(session, args.code)
        if officer is None or not officer.active:
            raise store.OfficerError(f"no active officer with code {args.code!r}")
        code, issued = store.issue_code(session, officer, store.LINK, datetime.now(UTC))
        print(f"petugas {code}")
        print(
            f"{officer.name} types this in the bot's Telegram or WhatsApp chat "
            f"before {issued.expires_at:%Y-%m-%d %H:%M} UTC.",
            file=sys.stderr,
        )
        return 0

    return _with_session(settings, work)


def cmd_deactivate(args: argparse.Namespace, settings: Settings) -> int:
    def work(session: Session, config: LinkConfig) -> int:
        officer = store.deactivate(session, args.code)
        print(f"{officer.code} deactivated: the code no longer attributes new chats")
        return 0

    return _with_session(settings, work)


def cmd_qr(args: argparse.Namespace, settings: Settings) -> int:
    """QR PNGs of each link, and the A5 poster as PNG and PDF, into a folder."""

    def work(session: Session, config: LinkConfig) -> int:
        officer = store.officer_by_code(session, args.code)
        if officer is None:
            raise store.OfficerError(f"no officer with code {args.code!r}")
        data = poster_data(officer, session.get_one(Branch, officer.branch_id), config)
        args.output.mkdir(parents=True, exist_ok=True)
        files = {
            f"qr-{officer.code}-telegram.png": qr_png(data.links.telegram),
            f"poster-{officer.code}.png": poster_png(data),
            f"poster-{officer.code}.pdf": poster_pdf(data),
        }
        if data.links.whatsapp:
            files[f"qr-{officer.code}-whatsapp.png"] = qr_png(data.links.whatsapp)
        for name, content in sorted(files.items()):
            (args.output / name).write_bytes(content)
            print(args.output / name)
        return 0

    return _with_session(settings, work)


def register(commands: Any) -> None:
    """Add `officers …` to the parser."""
    officers = commands.add_parser("officers", help="outreach officers, their links and QR codes")
    actions = officers.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create an officer with a referral code")
    add.add_argument("--name", required=True)
    add.add_argument("--branch", required=True, help="branch code (see `branches list`)")
    add.add_argument("--phone")
    add.add_argument("--village", help="desa code: a village officer (perangkat desa)")
    add.add_argument(
        "--json", action="store_true", help='print {"code", "telegram_link", "whatsapp_link"}'
    )
    add.set_defaults(func=cmd_add)
    listing = actions.add_parser("list", help="every officer")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)
    for name, func, text in (
        ("link", cmd_link, "print a one-time code the officer types in chat to link their account"),
        ("deactivate", cmd_deactivate, "stop a referral code"),
        ("qr", cmd_qr, "write QR codes and the A5 poster (PNG, PDF)"),
    ):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("--code", required=True, help="the officer's referral code")
        if name == "qr":
            sub.add_argument("--output", type=Path, required=True, help="folder to write into")
        sub.set_defaults(func=func)
