"""WhatsApp through the Cloud API: webhook JSON → Incoming, Reply → Graph API message bodies.

Choices become reply buttons (≤ 3), a list message (≤ 10 rows), else numbered text; a
long text is split at sentence ends. Sending goes through one pooled httpx client and a
token bucket per business number, one attempt per message: the outbox (bot/outbox.py)
retries and records what the platform refuses.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

import anyio
import httpx
from sqlalchemy.orm import Session, sessionmaker

from bot.channels.errors import OutsideWindow, Rejected, Retryable
from bot.channels.http1 import Http1Client, JsonAnswer
from bot.channels.rate import TokenBucket
from bot.channels.render import numbered_text, split_text
from bot.conversation import Channel, Choice, Incoming, Kind, Reply
from bot.i18n import Translator
from bot.storage.conversations import insert_ignore
from bot.storage.models import CHAT_ID_LENGTH, DeliveryFailure

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


class MalformedWebhook(ValueError):
    """A signed body that is not a webhook's shape (a list, `entry` not a list …): answer 400."""


class Failure(NamedTuple):
    """A message the platform refused: for whom, its code and why, and its id when known."""

    chat_id: str
    code: str
    detail: str
    message_id: str | None = None


@dataclass(frozen=True, slots=True)
class Webhook:
    """What one webhook body brings for our number.

    `moves`: (old id, new id) of chats to carry over before the messages are handled: a
    BSUID Meta changed (`user_changed_user_id`, `user_changed_number`), and a chat keyed by
    the phone number whose BSUID a message now brings beside it.
    """

    incomings: list[Incoming] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    moves: list[tuple[str, str]] = field(default_factory=list)


def parse_webhook(payload: Any, phone_number_id: str | None) -> Webhook:
    """The messages (as Incoming), failed deliveries and changed ids of one webhook body.

    A message of an unexpected shape is skipped (logged) and the others are read; a body
    whose frame is wrong raises `MalformedWebhook`.
    """
    found = Webhook()
    for entry in _items(_field(payload, "entry", required=True)):
        for change in _items(_field(entry, "changes")):
            if not isinstance(change, dict) or change.get("field") != "messages":
                continue
            value = _field(change, "value", kind=dict) or {}
            number = (_field(value, "metadata", kind=dict) or {}).get("phone_number_id")
            contacts = [c for c in _items(_field(value, "contacts")) if isinstance(c, dict)]
            arrived, statuses = _items(_field(value, "messages")), _items(_field(value, "statuses"))
            if phone_number_id and number != phone_number_id:
                log.warning("whatsapp webhook for another number %.40s ignored", number)
                continue
            for message in arrived:
                _read_message(message, contacts, found)
            for status in statuses:
                if isinstance(status, dict) and (failure := _failure(status)) is not None:
                    found.failures.append(failure)
    return found


def _field(holder: Any, name: str, *, kind: type = list, required: bool = False) -> Any:
    """`holder[name]` if it has the `kind` expected; None if absent; else MalformedWebhook."""
    if not isinstance(holder, dict):
        raise MalformedWebhook(f"expected an object holding {name!r}")
    value = holder.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, kind):
        raise MalformedWebhook(f"{name!r} is not a {kind.__name__}")
    return value


def _items(value: list[Any] | None) -> list[Any]:
    return value or []


def _read_message(message: Any, contacts: list[Body], found: Webhook) -> None:
    """Add what one message means to `found`; a message of an unknown shape is skipped."""
    try:
        if message.get("type") == "system":
            if (move := _system_move(message)) is not None:
                found.moves.append(move)
            return
        incoming = to_incoming(message, contacts)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as error:
        kind = message.get("type") if isinstance(message, dict) else type(message).__name__
        log.warning("whatsapp message of an unknown shape (%.40s) ignored: %s", kind, error)
        return
    if incoming is None:
        return
    found.incomings.append(incoming)
    if incoming.phone and incoming.phone != incoming.user_id:
        found.moves.append((incoming.phone, incoming.user_id))


def _text(value: Any) -> str:
    """An id as text: a string or a number (some senders write wa_id as one), else ''."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value).strip()


def _string(value: Any) -> str:
    """A text field that must be a string."""
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _contact_of(phone: str, contacts: list[Body]) -> Body:
    """The `contacts` entry of the sender: the one with their wa_id, else a lone one without."""
    if phone:
        if same := [c for c in contacts if _text(c.get("wa_id")) == phone]:
            return same[0]
        contacts = [c for c in contacts if not _text(c.get("wa_id"))]
    return contacts[0] if len(contacts) == 1 else {}


def sender_ids(message: Body, contacts: Sequence[Body] = ()) -> tuple[str, str | None]:
    """(the chat's key, the sender's phone or None): the BSUID when there is one, else the phone.

    Since 2026 Meta puts the business-scoped user id in `contacts[].user_id` (and the
    message's `from_user_id`); `from`/`wa_id` may be missing once a user adopts a username.
    """
    phone = _text(message.get("from"))
    contact = _contact_of(phone, list(contacts))
    phone = phone or _text(contact.get("wa_id"))
    bsuid = (
        _text(message.get("from_user_id"))
        or _text(message.get("user_id"))
        or _text(contact.get("user_id"))
    )
    key = bsuid or phone
    if not key:
        raise ValueError("a message from nobody: no user_id, from or wa_id")
    if len(key) > CHAT_ID_LENGTH:
        raise ValueError("sender id too long")
    return key, phone or None


def recipient_fields(chat_id: str) -> Body:
    """How a message body addresses `chat_id`: `to` a phone number (wa_id), else `recipient`.

    A chat keyed by a business-scoped user id is sent to with `recipient`; Meta reads `to`
    first when both are given, so only one is.
    """
    if chat_id.isascii() and chat_id.isdigit():
        return {"to": chat_id}
    return {"recipient": chat_id}


def to_incoming(message: Body, contacts: Sequence[Body] = ()) -> Incoming | None:
    """One webhook message as an Incoming; None for what needs no answer.

    Reactions, deletions, system notices and messages in a WhatsApp group need none; an
    edit is read as its new content; `request_welcome` (a user opening the chat for the
    first time) as a start.
    """
    if message.get("group_id"):  # a group's message: we answer people, not groups
        return None
    key, phone = sender_ids(message, contacts)
    base: dict[str, Any] = {
        "channel": Channel.WHATSAPP,
        "chat_id": key,
        "user_id": key,
        "message_id": _string(message["id"]),
        "language": None,  # WhatsApp gives no language
        "phone": phone,
    }
    kind = message.get("type")
    if kind == "edit":
        edited = message["edit"]["message"]
        if edited.get("type") == "edit":
            raise ValueError("an edit of an edit")
        return _content(edited, base)
    return _content(message, base)


_INTERACTIVE_MEDIA = {
    "nfm_reply": "flow",
    "call_permission_reply": "call_permission",
    "payment_method": "payment",
}


def _content(message: Body, base: dict[str, Any]) -> Incoming | None:
    kind = message.get("type")
    if kind == "text":
        return Incoming(kind=Kind.TEXT, text=_string(message["text"]["body"]), **base)
    if kind == "interactive":
        interactive = message.get("interactive")
        return _interactive_reply(interactive if isinstance(interactive, dict) else {}, base)
    if kind == "button":  # a quick-reply button of a template message
        return Incoming(kind=Kind.TEXT, text=_string(message["button"]["text"]), **base)
    if kind == "contacts":
        phones = (message["contacts"] or [{}])[0].get("phones") or [{}]
        if number := _card_number(phones[0]):
            return Incoming(kind=Kind.CONTACT, payload=number, **base)
        return Incoming(kind=Kind.UNSUPPORTED, media="contact", **base)
    if kind == "location":
        place = message["location"]
        latitude, longitude = float(place["latitude"]), float(place["longitude"])
        if not (math.isfinite(latitude) and math.isfinite(longitude)):
            raise ValueError("a location off the map")
        return Incoming(
            kind=Kind.LOCATION, latitude=latitude, longitude=longitude, media="location", **base
        )
    if kind in _MEDIA:
        media = message.get(kind) or {}
        name = "voice" if kind == "audio" and media.get("voice") else kind
        caption = media.get("caption")
        text = caption if isinstance(caption, str) else ""
        return Incoming(kind=Kind.UNSUPPORTED, media=name, text=text, **base)
    if kind == "request_welcome":
        return Incoming(kind=Kind.START, **base)
    if kind in ("reaction", "revoke", "system"):
        return None
    return Incoming(kind=Kind.UNSUPPORTED, media=_text(kind) or "other", **base)


def _card_number(card: Body) -> str:
    """The number on a shared contact card: as written, else +wa_id; '' if none."""
    if written := _text(card.get("phone")):
        return written
    return "+" + wa_id if (wa_id := _text(card.get("wa_id"))) else ""


def _interactive_reply(interactive: Body, base: dict[str, Any]) -> Incoming:
    """A pressed button or list row; else (a flow's answer, a call permission …) unsupported."""
    kind = _text(interactive.get("type"))
    reply = interactive.get("button_reply") or interactive.get("list_reply")
    if not isinstance(reply, dict) or not isinstance(reply.get("id"), str):
        return Incoming(
            kind=Kind.UNSUPPORTED, media=_INTERACTIVE_MEDIA.get(kind, "interactive"), **base
        )
    if reply["id"] == SHARE_PHONE:
        if base["phone"]:
            return Incoming(kind=Kind.CONTACT, payload="+" + base["phone"], **base)
        return Incoming(kind=Kind.UNSUPPORTED, media="contact", **base)
    title = reply.get("title")
    text = title if isinstance(title, str) else ""
    return Incoming(kind=Kind.CHOICE, payload=reply["id"], text=text, **base)


def _system_move(message: Body) -> tuple[str, str] | None:
    """(old id, new id) of a system message saying a user's BSUID or phone number changed."""
    system = message["system"]
    kind = system.get("type")
    if kind not in ("user_changed_user_id", "user_changed_number", "customer_changed_number"):
        return None
    old, new = _text(system.get("previous_user_id")), _text(system.get("user_id"))
    if not (old and new) and kind != "user_changed_user_id":  # a chat still keyed by phone
        old = _text(message.get("from"))
        new = _text(system.get("wa_id")) or _text(system.get("new_wa_id"))
    if old and new and old != new and len(new) <= CHAT_ID_LENGTH:
        return old, new
    return None


def _failure(status: Body) -> Failure | None:
    """The refused message a `failed` status reports; None for any other status."""
    if status.get("status") != "failed":
        return None
    errors = status.get("errors")
    error = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    data = error.get("error_data")
    details = data.get("details") if isinstance(data, dict) else None
    detail = details or error.get("title") or ""
    recipient = _text(status.get("recipient_user_id")) or _text(status.get("recipient_id"))
    message_id = _text(status.get("id"))[:128] or None
    return Failure(recipient, _text(error.get("code")), str(detail), message_id)


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
        **recipient_fields(to),
        "type": kind,
        kind: content,
    }


def render(reply: Reply, to: str, list_button: str = "") -> list[Body]:
    """The message bodies of one reply's text and choices (a document is sent apart).

    A reply with a template is that template alone: the one kind of message WhatsApp takes
    outside the 24-hour window.
    """
    if (template := reply.template) is not None:
        parameters = [{"type": "text", "text": value} for value in template.params]
        content: Body = {"name": template.name, "language": {"code": template.language}}
        if parameters:
            content["components"] = [{"type": "body", "parameters": parameters}]
        return [_message(to, "template", content)]
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


def _checked(response: httpx.Response | JsonAnswer) -> Body:
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


async def record_failures(sessions: sessionmaker[Session], failures: Sequence[Failure]) -> None:
    """Insert the failures into `delivery_failures`, off the event loop.

    A failure with a message id already recorded (Meta resends a status) is not added again.
    """
    if not failures:
        return

    def write() -> None:
        now = datetime.now(UTC)
        with sessions.begin() as session:
            statement = insert_ignore(DeliveryFailure.__table__, session.get_bind().dialect)  # type: ignore[arg-type]
            session.execute(
                statement,
                [
                    {
                        "at": now,
                        "channel": Channel.WHATSAPP.value,
                        "chat_id": failure.chat_id[:CHAT_ID_LENGTH],
                        "code": failure.code[:32],
                        "detail": failure.detail,
                        "message_id": failure.message_id,
                    }
                    for failure in failures
                ],
            )

    await anyio.to_thread.run_sync(write)
