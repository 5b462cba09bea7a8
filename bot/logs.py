"""Logging set-up: one format, and no secret or personal number ever written.

python-telegram-bot's httpx requests carry the bot token in the URL, and a user's message
can carry a NIK or a phone number; the formatter scrubs all three from every line.
"""

from __future__ import annotations

import logging
import re
import sys

_TOKEN = re.compile(r"\d{6,}:[A-Za-z0-9_-]{30,}")
_NIK = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")
_PHONE = re.compile(r"(?<![\d+])(\+?62[\s-]?|0)(8\d{2})[\d\s-]{5,11}(\d{2})(?!\d)")


def redact(text: str) -> str:
    """Mask bot tokens, NIKs and Indonesian mobile numbers in a log line.

    >>> redact("GET https://api.telegram.org/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/getMe")
    'GET https://api.telegram.org/bot<token>/getMe'
    >>> redact("nik 3201011508950001 hp 081234567890")
    'nik 3201********0001 hp 0812******90'
    """
    text = _TOKEN.sub("<token>", text)
    text = _NIK.sub(lambda m: f"{m[1]}********{m[2]}", text)
    return _PHONE.sub(lambda m: f"{m[1]}{m[2]}******{m[3]}", text)


class RedactingFormatter(logging.Formatter):
    """A formatter whose every output line, tracebacks included, goes through `redact`."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the current `sys.stderr`, not the one set-up saw.

    A command run in-process (the tests run `bot.cli.main` under a captured stderr) would
    otherwise leave the root logger writing to a stream closed since.
    """

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        """Set-up passes a stream; the current one is always used instead."""


def setup_logging(level: int = logging.INFO) -> None:
    """Log to stderr through the redacting formatter; quiet the chatty HTTP loggers."""
    handler = _StderrHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # The platform's router logs each request already; one line per webhook call would cost
    # a busy bot more CPU than the call's own routing.
    for noisy in ("httpx", "httpcore", "telegram.ext.Updater", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
