"""Exceptions the bot raises on purpose, so handlers can tell user mistakes from bugs.

Tree::

    BotError                 base of every error the bot raises deliberately
    └── ValidationError      a user's input cannot be used; ``code`` says why

``ValidationError.code`` is a stable string such as ``"nik.length"`` or ``"phone.landline"``:
``<field>.<reason>``. Parsers never build user-facing text; the chat layer maps codes to
translated messages, so changing a message never touches a parser and codes can be logged.
"""

from __future__ import annotations


class BotError(Exception):
    """Base of every error the bot raises deliberately (anything else is a bug)."""


class ValidationError(BotError):
    """A user's input cannot be used.

    ``code`` is stable (``"nik.region"``); ``field`` defaults to the part of the code before the
    first dot (``"nik"``). ``value`` optionally carries what was understood (the amount behind
    ``"money.too_low"``, the age behind ``"age.too_high"``) so the reply can quote it back.
    """

    def __init__(self, code: str, field: str | None = None, *, value: object = None) -> None:
        self.code = code
        self.field = field if field is not None else code.split(".", 1)[0]
        self.value = value
        super().__init__(code)

    def __repr__(self) -> str:
        return f"ValidationError({self.code!r}, field={self.field!r})"
