"""The contract between channels and the engine: what comes in, what goes out.

Channels turn platform updates into `Incoming` and render `Reply` back; handlers see
only these types, never a platform object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Channel(StrEnum):
    """Where a chat lives; part of every conversation's key."""

    TELEGRAM = "telegram"
    WHATSAPP = "whatsapp"
    WEB = "web"
    TERMINAL = "terminal"


class Kind(StrEnum):
    """What the user sent."""

    TEXT = "text"
    CHOICE = "choice"  # a button or list reply; `payload` holds the choice id
    CONTACT = "contact"  # a shared phone number; `payload` holds it
    LOCATION = "location"
    START = "start"  # /start or a deep link; `payload` holds the parameter, maybe ""
    UNSUPPORTED = "unsupported"  # sticker, voice, photo, document …


@dataclass(frozen=True, slots=True)
class Incoming:
    """One message from a user, in no platform's shape."""

    channel: Channel
    chat_id: str
    user_id: str
    kind: Kind
    text: str = ""
    payload: str = ""
    message_id: str | None = None  # None: the channel cannot redeliver, nothing to dedupe
    language: str | None = None  # the platform's hint (Telegram language_code)
    latitude: float | None = None
    longitude: float | None = None
    media: str = ""  # for UNSUPPORTED: sticker, voice, audio, photo, video, document …
    # WhatsApp: the sender's number (wa_id digits) when the webhook carried it; None when only
    # the business-scoped user id (chat_id) is known: a form that needs a phone must ask for it.
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    """A button: `id` goes back to the engine, `label` is what the user sees."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Document:
    """A file to send: an export, a QR code, a poster."""

    filename: str
    content: bytes
    mime_type: str
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Deferred:
    """A document too heavy for a turn (an export): the sender makes it, after the commit.

    `kind` names the producer (handlers.PRODUCERS); `params` are JSON, stored in the outbox.
    """

    kind: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Template:
    """A WhatsApp template message: what may be sent outside the 24-hour window.

    `params` fill the approved body's {{1}}, {{2}} … in order. Channels without a window
    send the reply's text instead.
    """

    name: str
    language: str
    params: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to the user; channels decide how choices look."""

    text: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    request_phone: bool = False  # offer the platform's "share my number" button
    document: Document | None = None
    language: str = ""  # the language `text` is in, set by the engine; channels label buttons in it
    deferred: Deferred | None = None  # becomes this reply's document and text when sent
    template: Template | None = None  # WhatsApp sends this instead of `text` (window closed)
