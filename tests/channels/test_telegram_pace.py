"""Telegram's limits as the sender keeps them: a burst of three in one chat, then one a second.

The test process lifts the per-chat pace (tests/conftest.py `at_test_speed`), so this test sets
it back and runs the sender on a clock of its own: what is asserted is when each message
left, not how long the test took.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from bot.channels import rate, telegram_sender
from bot.channels.telegram_sender import TelegramSender
from bot.conversation import Reply


class Clock:
    """Monotonic time that moves only when the sender sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 1e-6)  # a real clock moves on while a task sleeps


class Bot:
    """Records when each message was sent, and to which chat."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.sent: list[tuple[str, float]] = []

    async def send_message(self, chat_id: str, text: str, **_: Any) -> None:
        self.sent.append((chat_id, self.clock.now))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(telegram_sender, "CHAT_RATE", 1.0)  # Telegram's own, as in production
    # the buckets' own view of time and sleep only; the event loop keeps the real ones
    monkeypatch.setattr(rate, "time", SimpleNamespace(monotonic=clock.monotonic))
    monkeypatch.setattr(rate, "asyncio", SimpleNamespace(sleep=clock.sleep, Lock=asyncio.Lock))
    return clock


def test_one_chat_gets_three_at_once_then_one_a_second(clock: Clock) -> None:
    bot = Bot(clock)
    sender = TelegramSender(bot)

    async def send() -> None:
        for number in range(6):
            await sender.deliver("chat-a", Reply(f"pesan {number}"))
        await sender.deliver("chat-b", Reply("pesan lain"))

    asyncio.run(send())
    times = [round(at - 1000.0, 3) for _, at in bot.sent]
    assert times[:6] == pytest.approx([0.0, 0.0, 0.0, 1.0, 2.0, 3.0], abs=1e-3)
    assert bot.sent[6] == ("chat-b", clock.now), "another chat does not wait for chat-a"


def test_all_chats_together_stay_under_thirty_a_second(clock: Clock) -> None:
    bot = Bot(clock)
    sender = TelegramSender(bot)

    async def send() -> None:
        for number in range(60):
            await sender.deliver(f"chat-{number}", Reply("halo"))

    asyncio.run(send())
    first, last = bot.sent[0][1], bot.sent[-1][1]
    assert len(bot.sent) == 60
    # 30 at once, then 30 more at 30 a second
    assert last - first == pytest.approx(1.0, abs=1e-3)
