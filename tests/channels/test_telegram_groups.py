"""Telegram in groups and channels: python-telegram-bot itself against the stub Bot API.

The bot talks in private chats only; a group gets a link to one for `/start` or a mention,
and nothing else. A chat that blocked the bot is remembered. The webhook refuses what is
no Update with a 400.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace
from typing import Any

import httpx

from bot.config import Settings
from bot.conversation import Channel
from bot.services import Services
from bot.storage.chats import is_blocked
from bot.web.app import create_app
from tests.stubs.server import serve
from tests.stubs.telegram_api import BOT_USER, TelegramStub

GROUP = {"id": -1001234567890, "title": "Ojol Denpasar", "type": "supergroup"}
PRIVATE = {"id": 123456789, "first_name": "Wayan", "type": "private"}
WAYAN = {"id": 123456789, "is_bot": False, "first_name": "Wayan", "language_code": "id"}
KADEK = {"id": 223456789, "is_bot": False, "first_name": "Kadek", "language_code": "en"}
_ids = itertools.count(815100000)


def message(chat: dict[str, Any], sender: dict[str, Any], **content: Any) -> dict[str, Any]:
    update_id = next(_ids)
    body = {"message_id": update_id % 100000, "from": sender, "chat": chat, "date": 1763700010}
    return {"update_id": update_id, "message": {**body, **content}}


def mention(text: str) -> dict[str, Any]:
    at = text.index("@")
    length = len(text[at:].split()[0])
    return {"text": text, "entities": [{"type": "mention", "offset": at, "length": length}]}


async def private_reply(telegram: TelegramStub, text: str = "menu") -> dict[str, Any]:
    """A private message after the updates under test: once answered, those were handled."""

    def private() -> list[dict[str, Any]]:
        return [call for call in telegram.sent() if call["chat_id"] == PRIVATE["id"]]

    before = len(private())
    telegram.push(message(PRIVATE, WAYAN, text=text))
    deadline = asyncio.get_running_loop().time() + 10
    while len(private()) <= before:
        assert asyncio.get_running_loop().time() < deadline, "no private reply"
        await asyncio.sleep(0.02)
    return private()[before]


def to_group(telegram: TelegramStub) -> list[dict[str, Any]]:
    return [call for call in telegram.sent() if call["chat_id"] == GROUP["id"]]


def link(call: dict[str, Any]) -> str:
    (row,) = call["reply_markup"]["inline_keyboard"]
    return str(row[0]["url"])


async def test_a_group_hears_only_an_invitation_to_a_private_chat(
    polling_bot: None, stub: tuple[TelegramStub, str]
) -> None:
    telegram, _ = stub
    pinned = message(GROUP, WAYAN, text="daftar")["message"]
    for update in (
        message(GROUP, WAYAN, text="daftar"),
        message(GROUP, KADEK, text="agree"),
        message(GROUP, WAYAN, new_chat_members=[KADEK]),
        message(GROUP, WAYAN, new_chat_members=[BOT_USER]),
        message(GROUP, WAYAN, pinned_message=pinned),
        message(GROUP, WAYAN, text="/start@some_other_bot"),
        message(
            GROUP,
            WAYAN,
            sticker={
                "file_id": "s",
                "file_unique_id": "u",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            },
        ),
        {
            "update_id": next(_ids),
            "callback_query": {
                "id": "77",
                "from": KADEK,
                "chat_instance": "1",
                "data": "agree",
                "message": {"message_id": 5, "date": 1763700010, "chat": GROUP, "text": "Setuju?"},
            },
        },
    ):
        telegram.push(update)
    await private_reply(telegram)
    assert to_group(telegram) == []

    telegram.push(message(GROUP, WAYAN, text="/start"))
    telegram.push(message(GROUP, WAYAN, text="/start@jamsostek_test_bot BDG042"))
    telegram.push(message(GROUP, KADEK, **mention("@jamsostek_test_bot how do I join?")))
    await private_reply(telegram)
    start, referral, mentioned = to_group(telegram)
    assert start["text"].startswith("Saya hanya menjawab lewat chat pribadi")
    assert link(start) == "https://t.me/jamsostek_test_bot"
    assert link(referral) == "https://t.me/jamsostek_test_bot?start=BDG042"
    assert mentioned["text"].startswith("I answer in a private chat only")
    assert link(mentioned) == "https://t.me/jamsostek_test_bot"
    assert telegram.sent("answerCallbackQuery")  # the group's button press, answered silently


async def test_private_service_messages_are_not_answered(
    polling_bot: None, stub: tuple[TelegramStub, str]
) -> None:
    telegram, _ = stub
    telegram.push(
        message(PRIVATE, WAYAN, pinned_message=message(PRIVATE, WAYAN, text="x")["message"])
    )
    reply = await private_reply(telegram, "menu")
    assert len(telegram.sent()) == 1 and reply["text"].startswith("Apa yang ingin Anda lakukan?")


def member_update(status: str) -> dict[str, Any]:
    gone = {"until_date": 0} if status == "kicked" else {}
    return {
        "update_id": next(_ids),
        "my_chat_member": {
            "chat": PRIVATE,
            "from": WAYAN,
            "date": 1763700020,
            "old_chat_member": {"user": BOT_USER, "status": "member"},
            "new_chat_member": {"user": BOT_USER, "status": status, **gone},
        },
    }


async def test_a_chat_that_blocked_the_bot_is_remembered(
    polling_bot: None, stub: tuple[TelegramStub, str], services: Services
) -> None:
    telegram, _ = stub
    chat_id = str(PRIVATE["id"])

    def blocked() -> bool:
        with services.sessions() as session:
            return is_blocked(session, Channel.TELEGRAM, chat_id)

    telegram.push(member_update("kicked"))
    telegram.push(member_update("kicked"))  # told twice: still one mark
    await private_reply(telegram)  # (a blocked user cannot write: it marks the updates handled)
    assert blocked()
    telegram.push(member_update("member"))  # unblocked
    await private_reply(telegram)
    assert not blocked()


async def test_the_webhook_refuses_what_is_no_update(
    services: Services, telegram_settings: Settings, stub: tuple[TelegramStub, str]
) -> None:
    telegram, _ = stub
    settings = replace(
        telegram_settings,
        telegram_webhook_url="https://bot.example.id/webhooks/telegram",
        telegram_webhook_secret="s3cret-token",
    )
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
    junk = [
        b"[]",
        b'"x"',
        b"5",
        b'{"update_id": "x"}',
        b'{"update_id": 1, "message": []}',
        b'{"update_id": 1, "message": {"chat": 5}}',
        b"[" * 100_000 + b"]" * 100_000,
    ]
    with serve(create_app(replace(services, settings=settings))) as url:
        async with httpx.AsyncClient(base_url=url) as client:
            for body in junk:
                answer = await client.post("/webhooks/telegram", content=body, headers=headers)
                assert answer.status_code == 400, body[:40]
    assert telegram.sent() == []
