"""Two messages from one chat at the same moment: the turns serialise, nothing is lost."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from bot.conversation import Channel, Incoming, Kind, Reply
from bot.engine import Engine
from bot.routing import Router, Turn
from bot.services import Services
from bot.storage.models import Conversation, OutboxMessage
from tests.conftest import FIXED_NOW, texts


def counting_router() -> Router:
    """A step that reads a counter, waits, and writes it back: lost updates would show."""
    router = Router()

    def prompt(turn: Turn) -> list[Reply]:
        return [Reply("count?")]

    @router.step("idle", prompt=prompt)
    def count(turn: Turn) -> list[Reply]:
        seen = turn.data.get("count", 0)
        time.sleep(0.005)  # widen the window in which an unlocked read would interleave
        turn.data["count"] = seen + 1
        return [Reply(str(seen + 1))]

    return router


def test_concurrent_turns_of_one_chat_serialise(services: Services) -> None:
    engine = Engine(services.sessions, counting_router(), clock=lambda: FIXED_NOW)
    threads, per_thread = 4, 10
    barrier = threading.Barrier(threads)

    def send(worker: int) -> list[str]:
        barrier.wait()
        answers = []
        for n in range(per_thread):
            incoming = Incoming(
                Channel.WHATSAPP,
                "628111",
                "628111",
                Kind.TEXT,
                text="+1",
                message_id=f"w{worker}-{n}",
            )
            answers.append(texts(engine.handle(incoming)))
        return answers

    with ThreadPoolExecutor(threads) as pool:
        answers = [a for batch in pool.map(send, range(threads)) for a in batch]

    total = threads * per_thread
    assert sorted(int(a) for a in answers) == list(range(1, total + 1)), (
        "each turn saw the previous one"
    )
    with services.sessions() as session:
        row = session.execute(select(Conversation)).scalar_one()
        assert row.data["count"] == total
        assert row.version == total + 1


def test_the_same_message_delivered_twice_at_once_is_handled_once(services: Services) -> None:
    engine = Engine(services.sessions, counting_router(), clock=lambda: FIXED_NOW)
    incoming = Incoming(Channel.TELEGRAM, "9", "9", Kind.TEXT, text="+1", message_id="update-1")
    barrier = threading.Barrier(2)

    def deliver(_: int) -> list[Reply]:
        barrier.wait()
        return engine.handle(incoming)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(deliver, range(2)))
    assert results[0] == results[1] and len(results[0]) == 1  # the second gets the stored one
    with services.sessions() as session:
        assert session.execute(select(Conversation.data)).scalar_one()["count"] == 1
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
