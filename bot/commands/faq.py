"""`ask` (batch questions → JSON lines, how answer quality is measured) and `faq unanswered`.

`ask` sends each question as the first message of a new chat through the real engine on a
throw-away SQLite database, so `answer` is exactly the text a user would see first.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.conversation import Channel, Incoming, Kind
from bot.storage import migrate
from bot.storage.db import transaction
from bot.storage.unanswered import most_frequent


def first_replies(
    questions: Iterable[str], language: str, settings: Settings
) -> Iterator[tuple[str, list[str]]]:
    """Each question, with the texts of the replies it gets as the first message of a new chat.

    The real engine on a throw-away SQLite database: `ask` prints these, and the real-set
    scorer (bench/realsets.py) calls this in its own process rather than start one per set.
    """
    from bot.services import build_services  # the engine and its FAQ model: only when asked

    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'ask.db'}"
        migrate.upgrade(url)
        services = build_services(replace(settings, database_url=url))
        try:
            for number, question in enumerate(questions):
                chat = f"ask-{number}"
                replies = services.engine.handle(
                    Incoming(
                        Channel.TERMINAL, chat, chat, Kind.TEXT, text=question, language=language
                    )
                )
                yield question, [reply.text for reply in replies]
        finally:
            services.close()


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """One question per line on stdin → one JSON object per line on stdout."""
    from handlers.faq import match

    questions = (line.rstrip("\n") for line in sys.stdin)  # answered as they come
    for question, replies in first_replies(questions, args.lang, settings):
        found = match(question, args.lang)
        record: dict[str, Any] = {
            "question": question,
            "answer": replies[0] if replies else "",
            "replies": replies,
            "topic": found.topic,
            "score": found.score,
        }
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


def cmd_unanswered(args: argparse.Namespace, settings: Settings) -> int:
    """The unanswered questions asked most often, most frequent first."""
    with transaction(settings.database_url) as session:
        rows = most_frequent(session, args.limit)
    if args.json:
        print(
            json.dumps(
                [
                    {"text": r.text, "count": r.count, "last_at": r.last_at.isoformat()}
                    for r in rows
                ],
                ensure_ascii=False,
            )
        )
        return 0
    for row in rows:
        print(f"{row.count:5}  {row.text}")
    if not rows:
        print("no unanswered questions", file=sys.stderr)
    return 0


def register(commands: Any) -> None:
    """Add `ask` and `faq unanswered` to the parser."""
    ask = commands.add_parser("ask", help="answer questions from stdin as JSON lines")
    ask.add_argument("--lang", choices=["id", "en"], default="id")
    ask.set_defaults(func=cmd_ask)

    faq = commands.add_parser("faq", help="questions the bot could not answer")
    faq_actions = faq.add_subparsers(dest="action", required=True)
    unanswered = faq_actions.add_parser("unanswered", help="the most frequent unanswered questions")
    unanswered.add_argument("--limit", type=int, default=50)
    unanswered.add_argument("--json", action="store_true")
    unanswered.set_defaults(func=cmd_unanswered)
