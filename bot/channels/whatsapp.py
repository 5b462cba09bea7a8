"""WhatsApp through the Cloud API: webhook JSON → Incoming, Reply → Graph API message bodies.

Choices become reply buttons (≤ 3), a list message (≤ 10 rows), else numbered text; a
long text is split at sentence ends. Sending goes through one pooled httpx client and a
token bucket per business number, one attempt per message: the outbox (bot/outbox.py)
retries and records what the platform refuses.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

import anyio
import httpx
from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from bot.channels.errors import OutsideWindow, Rejected, Retryable
from bot.channels.http1 import Http1Client
from bot.channels.rate import TokenBucket
from bot.channels.render import numbered_text, split_text
from bot.conversation import Channel, Choice, Incoming, Kind, Reply
from bot.i18n import Translator
from bot.storage.models import DeliveryFailure

log = logging.getLogger(__name__)

Body = dict[str, Any]

TEXT_LIMIT = 4096  # a text message's body
BODY_LIMIT = 1024  # an interactive message's body
MAX_BUTTONS, BUTTON_TITLE = 3, 20
MAX_ROWS, ROW_TITLE, ROW_DESCRIPTION, LIST_BUTTON = 10, 24, 72, 20
# The id of the button that stands in for Telegram's "share my number": on WhatsApp the
# sender's wa_id is their number, so pressing it is a CONTACT with that number.
SHARE_PHONE = "wa:share_phone"
RETRY_CODES = {"130429", "131056", "131000", "80007"}  # throughput, pair rate, transient, rate
OUTSIDE_WINDOW = "131047"
_MEDIA = ("audio", "image", "sticker", "document", "video")


# --- incoming -------------------------------------------------------------------------


def parse_webhook(payload: Any, phone_number_id: str | None) -> tuple[list[Incoming], list[Body]]:
    """The messages (as Incoming) and delivery statuses of one webhook body, for our number."""
    incomings: list[Incoming] = []
    statuses: list[Body] = []
    entries = payload.get("entry") if isinstance(payload, dict) else None
    for entry in entries or []:
        for change in entry.get("changes") or []:
            value = change.get("value") or {}
            if change.get("field") != "messages":
                continue
            number = (value.get("metadata") or {}).get("phone_number_id")
            if phone_number_id and number != phone_number_id:
                log.warning("whatsapp webhook for another number %s ignored", number)
                continue
            for message in value.get("messages") or []:
                try:
                    if (incoming := to_incoming(message)) is not None:
                        incomings.append(incoming)
                except (KeyError, TypeError, AttributeError, IndexError):
                    log.warning("whatsapp message of an unknown shape ignored: %.200r", message)
            statuses.extend(value.get("statuses") or [])
    return incomings, statuses


def to_incoming(message: Body) -> Incoming | None:
    """One webhook message as an Incoming; None for what needs no answer (reactions …)."""
    sender = str(message["from"])
    kind = message.get("type")
    base: dict[str, Any] = {
        "channel": Channel.WHATSAPP,
        "chat_id": sender,
        "user_id": sender,
        "message_id": str(message["id"]),
        "language": None,  # WhatsApp gives no language
    }
    if kind == "text":
        return Incoming(kind=Kind.TEXT, text=message["text"]["body"], **base)
    if kind == "interactive":
        interactive = message["interactive"]
        reply = interactive.get("button_reply") or interactive.get("list_reply")
        if reply["id"] == SHARE_PHONE:
            return Incoming(kind=Kind.CONTACT, payload="+" + sender, **base)
        title = reply.get("title", "")
        return Incoming(kind=Kind.CHOICE, payload=str(reply["id"]), text=title, **base)
    if kind == "button":  # a quick-reply button of a template message
        return Incoming(kind=Kind.TEXT, text=message["button"]["text"], **base)
    if kind == "contacts":
        phones = (message["contacts"] or [{}])[0].get("phones") or []
        if phones:
            phone = phones[0].get("phone") or "+" + phones[0]["wa_id"]
            return Incoming(kind=Kind.CONTACT, payload=phone, **base)
        return Incoming(kind=Kind.UNSUPPORTED, media="contact", **base)
    if kind == "location":
        place = message["location"]
        return Incoming(
            kind=Kind.LOCATION,
            latitude=float(place["latitude"]),
            longitude=float(place["longitude"]),
            media="location",
            **base,
        )
    if kind in _MEDIA:
        media = message[kind]
        name = "voice" if kind == "audio" and media.get("voice") else kind
        return Incoming(kind=Kind.UNSUPPORTED, media=name, text=media.get("caption", ""), **base)
    if kind in ("reaction", "system", "request_welcome"):
        return None
    return Incoming(kind=Kind.UNSUPPORTED, media=str(kind or "other"), **base)


# --- outgoing -------------------------------------------------------------------------


def shorten(label: str, limit: int) -> str:
    """`label` in at most `limit` characters: the part before a parenthesis, else cut at a word.

    >>> shorten("JKK (Jaminan Kecelakaan Kerja)", 20), shorten("Cek syarat & iuran bulanan", 20)
    ('JKK', 'Cek syarat & iuran…')
    """
    label = label.strip()
    if len(label) <= limit:
        return label
    head = label.split(" (")[0].strip()
    if 0 < len(head) <= limit:
        return head
    cut = label[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:-&") + "…"


def _message(to: str, kind: str, content: Body) -> Body:
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": kind,
        kind: content,
    }


def render(reply: Reply, to: str, list_button: str = "") -> list[Body]:
    """The message bodies of one reply's text and choices (a document is sent apart)."""
    choices = list(reply.choices)
    if reply.request_phone and choices:
        choices[0] = Choice(SHARE_PHONE, choices[0].label)
    interactive = _interactive(choices, list_button) if reply.text.strip() else None
    if interactive is None:
        text = numbered_text(Reply(reply.text, tuple(choices)))
        return [_message(to, "text", {"body": part}) for part in split_text(text, TEXT_LIMIT)]
    lead, body = _last_part(reply.text.strip(), BODY_LIMIT)
    interactive["body"] = {"text": body}
    texts = [_message(to, "text", {"body": part}) for part in lead]
    return [*texts, _message(to, "interactive", interactive)]


def _interactive(choices: list[Choice], list_button: str) -> Body | None:
    if not choices or len(choices) > MAX_ROWS:
        return None
    if len(choices) <= MAX_BUTTONS:
        titles = [shorten(choice.label, BUTTON_TITLE) for choice in choices]
        if len(set(titles)) < len(titles):  # titles must differ; numbered text instead
            return None
        buttons = [
            {"type": "reply", "reply": {"id": choice.id, "title": title}}
            for choice, title in zip(choices, titles, strict=True)
        ]
        return {"type": "button", "action": {"buttons": buttons}}
    rows = []
    for choice in choices:
        row = {"id": choice.id, "title": shorten(choice.label, ROW_TITLE)}
        if row["title"] != choice.label:
            row["description"] = shorten(choice.label, ROW_DESCRIPTION)
        rows.append(row)
    button = shorten(list_button or "☰", LIST_BUTTON)
    return {"type": "list", "action": {"button": button, "sections": [{"rows": rows}]}}


def _last_part(text: str, limit: int) -> tuple[list[str], str]:
    """(text messages before, last part ≤ `limit`): an interactive body is shorter than a text."""
    if len(text) <= limit:
        return [], text
    last = split_text(text, limit)[-1]
    return split_text(text[: text.rfind(last)].rstrip(), TEXT_LIMIT), last


def joined(replies: Sequence[Reply]) -> list[Reply]:
    """The replies with a plain text joined to the buttons or list that follows it.

    On WhatsApp that is one bubble and one notification instead of two ("Halo! …" and the
    menu), when the two fit an interactive message's body.
    """
    out: list[Reply] = []
    for reply in replies:
        before = out[-1] if out else None
        if (
            before is not None
            and not before.choices
            and before.document is None
            and before.deferred is None
            and reply.document is None
            and _interactive_sized(reply)
            and len(before.text) + 2 + len(reply.text.strip()) <= BODY_LIMIT
        ):
            out[-1] = replace(reply, text=f"{before.text.strip()}\n\n{reply.text.strip()}")
        else:
            out.append(reply)
    return out


def _interactive_sized(reply: Reply) -> bool:
    return 0 < len(reply.choices) <= MAX_ROWS and bool(reply.text.strip())


@cache
def list_button(language: str) -> str:
    """The label of a list message's button, in the reply's language."""
    return Translator(language).gettext("Choose from the list")


class WhatsAppSender:
    """Sends replies from one business number, one attempt each: the outbox retries."""

    channel = Channel.WHATSAPP.value

    def __init__(
        self,
        client: Http1Client | httpx.AsyncClient,
        phone_number_id: str,
        *,
        default_language: str = "id",
        rate: float = 60.0,
    ) -> None:
        self.client = client
        self.phone_number_id = phone_number_id
        self.default_language = default_language
        self.bucket = TokenBucket(rate)

    def prepare(self, replies: Sequence[Reply]) -> list[Reply]:
        """A text and the buttons after it as one bubble (`joined`)."""
        return joined(replies)

    async def deliver(self, to: str, reply: Reply) -> None:
        """Send one reply: its document first, then its text and choices."""
        if reply.document is not None:
            await self._send_document(to, reply)
        button = list_button(reply.language or self.default_language)
        for body in render(reply, to, button):
            await self._post("messages", json=body)

    async def _send_document(self, to: str, reply: Reply) -> None:
        document = reply.document
        assert document is not None
        upload = await self._post(
            "media",
            data={"messaging_product": "whatsapp", "type": document.mime_type},
            files={"file": (document.filename, document.content, document.mime_type)},
        )
        kind = "image" if document.mime_type.startswith("image/") else "document"
        media: Body = {"id": upload["id"]}
        if kind == "document":
            media["filename"] = document.filename
        if document.caption:
            media["caption"] = document.caption
        await self._post("messages", json=_message(to, kind, media))

    async def _post(self, endpoint: str, **kwargs: Any) -> Body:
        """POST to the Graph API once, within the number's rate; a failure as a ChannelError."""
        path = f"/{self.phone_number_id}/{endpoint}"
        await self.bucket.acquire()
        try:
            return _checked(await self.client.post(path, **kwargs))
        except httpx.TransportError as exc:  # timeouts, refused or dropped connections
            code = "timeout" if isinstance(exc, httpx.TimeoutException) else "transport"
            raise Retryable(f"{type(exc).__name__} on {path}", code=code) from exc


def _checked(response: httpx.Response) -> Body:
    """The JSON of a success; else the matching ChannelError."""
    if response.is_success:
        return dict(response.json())
    try:
        error = response.json().get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    code = str(error.get("code") or response.status_code)
    data = error.get("error_data") or {}
    detail = str(data.get("details") or error.get("message") or response.text)[:500]
    message = f"HTTP {response.status_code}, code {code}"
    if response.status_code >= 500 or response.status_code == 429 or code in RETRY_CODES:
        hint = response.headers.get("Retry-After", "")
        retry_after = float(hint) if hint.replace(".", "", 1).isdigit() else None
        raise Retryable(message, code=code, detail=detail, retry_after=retry_after)
    if code == OUTSIDE_WINDOW:
        raise OutsideWindow(message, code=code, detail=detail)
    raise Rejected(message, code=code, detail=detail)


def failed_statuses(statuses: Sequence[Body]) -> list[tuple[str, str, str]]:
    """(recipient, code, detail) of the statuses that report a failed delivery."""
    failures = []
    for status in statuses:
        if status.get("status") != "failed":
            continue
        error = (status.get("errors") or [{}])[0]
        detail = (error.get("error_data") or {}).get("details") or error.get("title") or ""
        recipient = str(status.get("recipient_id", ""))
        failures.append((recipient, str(error.get("code", "")), str(detail)))
    return failures


async def record_failures(
    sessions: sessionmaker[Session], rows: list[tuple[str, str, str]]
) -> None:
    """Insert (chat id, code, detail) rows into `delivery_failures`, off the event loop."""
    if not rows:
        return

    def write() -> None:
        now = datetime.now(UTC)
        with sessions.begin() as session:
            session.execute(
                insert(DeliveryFailure),
                [
                    {
                        "at": now,
                        "channel": Channel.WHATSAPP.value,
                        "chat_id": chat_id[:64],
                        "code": code[:32],
                        "detail": detail,
                    }
                    for chat_id, code, detail in rows
                ],
            )

    await anyio.to_thread.run_sync(write)
