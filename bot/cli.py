"""Command line: thin argparse subcommands that call into the modules that do the work.

The engine (`bot.services`, with the FAQ model's scikit-learn) is imported only by the commands
that run it: it costs ~90 MB, which would push a 10,000-row list import past 200 MB.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.commands import faq, followup, leads, officers, outbox, programmes, staff
from bot.config import ConfigError, Settings, load_settings
from bot.logs import setup_logging
from bot.storage import migrate
from bot.storage.branches import BranchImportError, import_branches, list_branches, seed_if_empty
from bot.storage.db import transaction

log = logging.getLogger("bot")

Command = Callable[[argparse.Namespace, Settings], int]


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve HTTP (web chat, webhooks) and, with a token and no webhook, poll Telegram."""
    import uvicorn

    from bot.channels.telegram import build_application
    from bot.services import build_services
    from bot.web.app import create_app

    polling = bool(settings.telegram_bot_token) and not settings.telegram_webhook_url
    if args.polling:  # the Procfile's worker: Telegram only, no HTTP
        if not polling:
            log.error("--polling needs TELEGRAM_BOT_TOKEN and no TELEGRAM_WEBHOOK_URL")
            return 2
        build_application(settings, build_services(settings).engine, polling=True).run_polling(
            allowed_updates=["message", "callback_query"]
        )
        return 0
    if settings.web_workers > 1 and polling and not args.web:
        log.error(
            "WEB_CONCURRENCY above 1 serves HTTP only: set TELEGRAM_WEBHOOK_URL, or poll "
            "Telegram in one process of its own (python -m bot run --polling) with --web here"
        )
        return 2
    log.info("serving on http://%s:%s", settings.host, settings.port)
    serve = functools.partial(
        uvicorn.run,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,  # silenced in bot.logs anyway; this skips formatting each line
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )
    if settings.web_workers > 1:  # each worker process builds its own app (bot.web.asgi)
        serve("bot.web.asgi:app", factory=True, workers=settings.web_workers)
        return 0
    serve(create_app(build_services(settings), telegram_polling=polling and not args.web))
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Talk to the bot in this terminal."""
    from bot.channels.terminal import chat
    from bot.services import build_services

    migrate.upgrade(settings.database_url)
    _seed_branches(settings)
    chat(build_services(settings).engine)
    return 0


def _seed_branches(settings: Settings) -> None:
    """A fresh database gets the sample branches (bot/seed/branches.csv), so leads have a branch."""
    with transaction(settings.database_url) as session:
        if result := seed_if_empty(session):
            log.info("imported %d sample branches (%d regencies)", result.branches, result.areas)


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    """Apply (or revert) schema migrations."""
    if args.action == "upgrade":
        migrate.upgrade(settings.database_url, args.revision or "head")
        if not args.revision or args.revision == "head":
            _seed_branches(settings)
    else:
        migrate.downgrade(settings.database_url, args.revision or "-1")
    return 0


def cmd_branches(args: argparse.Namespace, settings: Settings) -> int:
    """Import branch offices and their regencies from CSV, or list them."""
    with transaction(settings.database_url) as session:
        if args.action == "import":
            try:
                result = import_branches(session, args.file)
            except (BranchImportError, OSError) as exc:
                print(f"cannot import {args.file}: {exc}", file=sys.stderr)
                return 1
            print(f"{result.branches} branches, {result.areas} regencies imported")
            return 0
        branches = list_branches(session)
    if args.json:
        print(json.dumps(branches, ensure_ascii=False))
    else:
        for branch in branches:
            print(f"{branch['code']}\t{branch['name']}\t{' '.join(branch['regencies'])}")  # type: ignore[arg-type]
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="jamsostek-bot")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="serve the web chat and webhooks; poll Telegram")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--web", action="store_true", help="HTTP only (no Telegram polling)")
    mode.add_argument("--polling", action="store_true", help="Telegram polling only (no HTTP)")
    run.set_defaults(func=cmd_run)

    commands.add_parser("chat", help="chat with the bot in this terminal").set_defaults(
        func=cmd_chat
    )

    faq.register(commands)
    staff.register(commands)
    leads.register(commands)
    officers.register(commands)
    outbox.register(commands)
    programmes.register(commands)
    followup.register(commands)

    db = commands.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?", help="target revision (default: head / one back)")
    db.set_defaults(func=cmd_db)

    branches = commands.add_parser("branches", help="branch offices and the regencies they serve")
    branch_actions = branches.add_subparsers(dest="action", required=True)
    load = branch_actions.add_parser("import", help="load offices and areas from a CSV file")
    load.add_argument("file", type=Path, help="CSV: branch_code,branch_name,province,regency_code")
    listing = branch_actions.add_parser("list", help="show offices and their regencies")
    listing.add_argument("--json", action="store_true", help='[{"code", "name", "regencies"}]')
    branches.set_defaults(func=cmd_branches)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, read settings, run one command; exit code 2 on a config error."""
    args = build_parser().parse_args(argv)
    setup_logging(logging.WARNING if args.command in ("chat", "ask") else logging.INFO)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    func: Command = args.func
    return func(args, settings)
