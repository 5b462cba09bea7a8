"""Shared rendering: choices as numbered lines, long texts split for a platform's limit."""

from __future__ import annotations

import re

from bot.conversation import Reply

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n")


def numbered_text(reply: Reply) -> str:
    """The reply's text with its choices as numbered lines, for channels without buttons.

    >>> from bot.conversation import Choice
    >>> print(numbered_text(Reply("Pilih:", (Choice("a", "Info program"), Choice("b", "Daftar")))))
    Pilih:
    <BLANKLINE>
    1. Info program
    2. Daftar
    """
    if not reply.choices:
        return reply.text
    lines = [f"{number}. {choice.label}" for number, choice in enumerate(reply.choices, 1)]
    return reply.text + "\n\n" + "\n".join(lines)


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into parts of at most `limit` characters, at paragraph or sentence ends.

    >>> split_text("Satu. Dua. Tiga.", 11)
    ['Satu. Dua.', 'Tiga.']
    """
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
        if cut == 0:
            cut = window.rfind(" ") + 1 or limit  # no sentence end: a word end, else hard cut
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts
