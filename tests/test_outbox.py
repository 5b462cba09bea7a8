"""The outbox's promise, on both databases: no reply lost, none sent twice, each chat in order.

A process killed between the commit and the send, a Graph API down for a while, a 429 with
`Retry-After`, two processes draining one outbox. The webhook answers 200 before the
replies go out; the stub Graph API on 127.0.0.1 counts what it accepted.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from bot.channels.errors import ChannelError, Retryable
from bot.channels.telegram_sender import TelegramSender
from bot.cli import main
from bot.config import Secret, Settings
from bot.conversation import Channel, Incoming, Kind, Reply
from bot.engine import Engine
from bot.outbox import OutboxSender, produce
from bot.routing import Router, Turn
from bot.services import Services
from bot.storage import outbox
from bot.storage.db import make_engine, turn_lock
from bot.storage.models import DeliveryFailure, OutboxMessage
from bot.web.app import create_app
from handlers import PRODUCERS
from tests.conftest import FAST_OUTBOX, ROOT, wait_for_outbox
from tests.handlers.test_branch_export import linked
from tests.stubs.graph_api import PHONE_NUMBER_ID, TOKEN, GraphStub
from tests.stubs.server import free_port, serve
from tests.web.test_dashboard_http import seed

APP_SECRET = "outbox-app-secret"


def webhook(user: str, wamid: str, text: str) -> bytes:
    """A signed-to-be WhatsApp webhook body: one text message from `user`."""
    message = {"from": user, "id": wamid, "timestamp": "1", "type": "text", "text": {"body": text}}
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "6281100000175", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Uji"}, "wa_id": user}],
        "messages": [message],
    }
    entry = {"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}
    return json.dumps({"object": "whatsapp_business_account", "entry": [entry]}).encode()


def post(client: httpx.Client, raw: bytes) -> int:
    digest = hmac.new(APP_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"}
    return client.post("/webhooks/whatsapp", content=raw, headers=headers).status_code


def sent_to(stub: GraphStub, user: str) -> list[dict[str, Any]]:
    return [message for message in stub.sent if message["to"] == user]


def statuses(services: Services) -> list[str]:
    with services.sessions() as session:
        return list(session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


def failures(services: Services) -> list[tuple[str, str]]:
    with services.sessions() as session:
        return [(f.chat_id, f.code) for f in session.scalars(select(DeliveryFailure))]


@pytest.fixture
def graph() -> Iterator[tuple[GraphStub, str]]:
    stub = GraphStub(hang_seconds=3.0)
    with serve(stub.app) as url:
        yield stub, url


def whatsapp_settings(settings: Settings, url: str, **timing: Any) -> Settings:
    return replace(
        settings,
        whatsapp_token=Secret(TOKEN),
        whatsapp_phone_number_id=PHONE_NUMBER_ID,
        whatsapp_app_secret=Secret(APP_SECRET),
        whatsapp_api_url=url,
        whatsapp_send_rate=1000.0,
        outbox=replace(FAST_OUTBOX, **timing),
    )


def test_an_outage_of_the_graph_api_delays_replies_and_loses_none(
    services: Services, settings: Settings, graph: tuple[GraphStub, str]
) -> None:
    stub, url = graph
    outage = 2.0  # seconds; production outages are longer, the mechanism is the same
    stub.fail_for(outage, "500")
    app = create_app(replace(services, settings=whatsapp_settings(settings, url, attempts=30)))
    users = [f"62857000000{n:02d}" for n in range(5)]
    with serve(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        began = time.monotonic()
        for n, user in enumerate(users):
            assert post(client, webhook(user, f"wamid.outage.{n}", "halo")) == 200
        assert time.monotonic() - began < outage  # answered while the platform is down
        assert stub.sent == []
        wait_for_outbox(services, timeout=20)
    for user in users:
        (menu,) = sent_to(stub, user)  # exactly one: the greeting joined to the menu
        assert menu["interactive"]["body"]["text"].startswith("Halo!")
    assert "messages:500" in stub.attempts
    assert failures(services) == [] and set(statuses(services)) == {"sent"}


def test_a_429_is_retried_after_the_time_it_names(
    services: Services, settings: Settings, graph: tuple[GraphStub, str]
) -> None:
    stub, url = graph
    stub.fail("429")
    app = create_app(replace(services, settings=whatsapp_settings(settings, url)))
    with serve(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert post(client, webhook("6285700000100", "wamid.429", "halo")) == 200
        wait_for_outbox(services)
    assert stub.attempts == ["messages:429", "messages:ok"]
    assert stub.attempted_at[1] - stub.attempted_at[0] >= 0.95  # Retry-After: 1
    assert len(sent_to(stub, "6285700000100")) == 1
    assert failures(services) == []


class Recorder:
    """A transport that takes its time and fails now and then, passing, like a platform."""

    channel = Channel.WHATSAPP.value

    def __init__(self, delivered: list[tuple[str, str]], seed: int) -> None:
        self.delivered = delivered
        self.random = random.Random(seed)

    def prepare(self, replies: Sequence[Reply]) -> list[Reply]:
        return list(replies)

    async def deliver(self, chat_id: str, reply: Reply) -> None:
        await asyncio.sleep(self.random.uniform(0, 0.005))
        if self.random.random() < 0.1:
            raise Retryable("HTTP 500", code="1")
        self.delivered.append((chat_id, reply.text))


def queue(services: Services, chat_id: str, *texts: str) -> None:
    incoming = Incoming(Channel.WHATSAPP, chat_id, chat_id, Kind.TEXT)
    with services.db.connect() as connection, connection.begin():
        replies = [Reply(text) for text in texts]
        outbox.write(connection, incoming, replies, pending=True, now=datetime.now(UTC))


async def test_two_processes_draining_one_outbox_send_each_reply_once_in_order(
    services: Services, settings: Settings
) -> None:
    chats = [f"62812000{n:04d}" for n in range(30)]
    for turn in range(4):  # four turns per chat, two replies each
        for chat in chats:
            queue(services, chat, f"{turn}a", f"{turn}b")
    delivered: list[tuple[str, str]] = []
    other_db = make_engine(settings.database_url)  # the second process's own connections
    timing = replace(FAST_OUTBOX, retry_base=0.01, retry_max=0.05, attempts=100)
    senders = [
        OutboxSender(
            services.db, services.engine.turn_lock, None, [Recorder(delivered, 1)], timing
        ),
        OutboxSender(other_db, turn_lock(other_db), None, [Recorder(delivered, 2)], timing),
    ]
    try:
        deadline = time.monotonic() + 60
        while "pending" in statuses(services) and time.monotonic() < deadline:
            counts = await asyncio.gather(*(sender.drain() for sender in senders))
            if not any(counts):
                await asyncio.sleep(0.01)
    finally:
        other_db.dispose()
    by_chat: dict[str, list[str]] = defaultdict(list)
    for chat, text in delivered:
        by_chat[chat].append(text)
    expected = [f"{turn}{part}" for turn in range(4) for part in "ab"]
    assert {chat: by_chat[chat] for chat in chats} == {chat: expected for chat in chats}
    assert len(delivered) == len(chats) * len(expected)  # none twice
    assert set(statuses(services)) == {"sent"}


def _bot_process(settings: Settings, port: int, graph_url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "BOT_SECRET_KEY": "k" * 40,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WHATSAPP_TOKEN": TOKEN,
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_APP_SECRET": APP_SECRET,
        "WHATSAPP_API_URL": graph_url,
        "TELEGRAM_BOT_TOKEN": "",
        "OUTBOX_LEASE_SECONDS": "1",  # a killed process's claim runs out quickly here
        "OUTBOX_POLL_SECONDS": "0.1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--web"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _until(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _ready(base: str) -> bool:
    try:
        return httpx.get(base + "/healthz", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def test_kill_9_after_the_commit_and_before_the_send_loses_nothing(
    services: Services, settings: Settings, graph: tuple[GraphStub, str]
) -> None:
    stub, url = graph
    stub.fail("hang")  # the first send never comes back: the process dies during it
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    user, raw = "6285700000200", webhook("6285700000200", "wamid.kill", "halo")
    process = _bot_process(settings, port, url)
    try:
        _until(lambda: _ready(base), 30, "the bot to start")
        with httpx.Client(base_url=base, timeout=10) as client:
            assert post(client, raw) == 200  # committed: the reply is in the outbox
        _until(lambda: stub.attempts == ["messages:hang"], 10, "the send to begin")
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        assert stub.sent == [] and statuses(services) == ["pending"]

        process = _bot_process(settings, port, url)  # the platform restarts it
        _until(lambda: _ready(base), 30, "the bot to restart")
        _until(lambda: len(stub.sent) == 1, 15, "the reply after the restart")
        with httpx.Client(base_url=base, timeout=10) as client:
            assert post(client, raw) == 200  # Meta redelivers the unacknowledged message
        time.sleep(0.5)
    finally:
        process.kill()
        process.wait(10)
    (menu,) = sent_to(stub, user)
    assert menu["interactive"]["body"]["text"].startswith("Halo!")
    assert statuses(services) == ["sent"]


def test_a_redelivered_message_gets_its_replies_sent_not_silence(
    services: Services, settings: Settings, graph: tuple[GraphStub, str]
) -> None:
    stub, url = graph
    user, raw = "6285700000300", webhook("6285700000300", "wamid.again", "halo")
    incoming = Incoming(
        Channel.WHATSAPP, user, user, Kind.TEXT, text="halo", message_id="wamid.again"
    )
    assert services.engine.handle(incoming)  # committed; the process died before sending
    with services.sessions.begin() as session:  # long enough ago for its lease to have run out
        session.execute(update(OutboxMessage).values(lease_until=None))
    app = create_app(replace(services, settings=whatsapp_settings(settings, url, poll=60.0)))
    with serve(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert post(client, raw) == 200
        wait_for_outbox(services)
    (menu,) = sent_to(stub, user)
    assert menu["interactive"]["body"]["text"].startswith("Halo!")


async def test_sent_and_failed_rows_are_purged_after_the_kept_time(services: Services) -> None:
    for chat in ("1", "2", "3"):
        queue(services, chat, "x")
    old = datetime.now(UTC) - timedelta(hours=49)
    with services.sessions.begin() as session:
        session.execute(update(OutboxMessage).values(created_at=old))
        session.execute(
            update(OutboxMessage).where(OutboxMessage.chat_id == "1").values(status="sent")
        )
        session.execute(
            update(OutboxMessage).where(OutboxMessage.chat_id == "2").values(status="failed")
        )
    sender = OutboxSender(services.db, services.engine.turn_lock, None, [], FAST_OUTBOX)
    assert await sender.purge() == 2  # FAST_OUTBOX keeps rows 48 hours: these are older
    assert statuses(services) == ["pending"]  # a reply not yet delivered is never purged


class FakeBot:
    """A Bot API that answers with the error it is given."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def send_message(self, *args: Any, **kwargs: Any) -> None:
        raise self.error


async def test_telegram_throttling_and_a_blocked_bot_become_retry_and_stop() -> None:
    from telegram.error import Forbidden, RetryAfter

    with pytest.raises(Retryable) as throttled:
        await TelegramSender(FakeBot(RetryAfter(7))).deliver("42", Reply("Halo"))
    assert throttled.value.retry_after == 7
    with pytest.raises(ChannelError) as blocked:
        await TelegramSender(FakeBot(Forbidden("bot was blocked by the user"))).deliver(
            "42", Reply("Halo")
        )
    assert not isinstance(blocked.value, Retryable) and blocked.value.code == "403"


def test_operators_list_and_retry_failed_replies_from_the_command_line(
    services: Services,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    queue(services, "6285712345678", "Halo")
    queue(services, "6281200000001", "Menu")
    with services.sessions.begin() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.chat_id == "6285712345678")
            .values(status="failed", error="131047: Re-engagement message")
        )
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("BOT_SECRET_KEY", "k" * 40)
    assert main(["outbox", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["status"], r["chat"], r["error"]) for r in rows] == [
        ("pending", "•••••••••0001", ""),
        ("failed", "•••••••••5678", "131047: Re-engagement message"),
    ]
    assert main(["outbox", "retry", str(rows[1]["id"])]) == 0
    assert statuses(services) == ["pending", "pending"]
    assert main(["outbox", "retry"]) == 2  # nothing named: nothing done


def test_an_export_file_is_made_by_the_sender_not_inside_the_chats_turn(
    services: Services,
) -> None:
    seed(services)
    chat = linked(services, "dps", "5001")
    incoming = Incoming(
        Channel.TELEGRAM, "5001", "5001", Kind.TEXT, text="/export", message_id="e1"
    )
    (reply,) = services.engine.handle(incoming)  # the turn: a count, no file
    assert reply.document is None and reply.deferred is not None
    with services.sessions() as session:
        stored = session.scalars(
            select(OutboxMessage.replies).where(OutboxMessage.message_id == "e1")
        ).one()
    assert "document" not in stored[0] and stored[0]["deferred"]["params"]["format"] == "csv"
    made = produce(services.db, reply, PRODUCERS)  # what the sender delivers
    assert made.document is not None and made.document.filename.endswith(".csv")
    assert chat.say("/export")[0].document == made.document  # the same file, through Chat


def test_a_turn_that_fails_still_sends_its_apology_and_can_run_again(services: Services) -> None:
    router = Router()

    def prompt(turn: Turn) -> list[Reply]:
        return [Reply("?")]

    @router.step("idle", prompt=prompt)
    def broken(turn: Turn) -> list[Reply]:
        raise RuntimeError("a bug")

    engine = Engine(services.sessions, router, clock=lambda: datetime.now(UTC))
    incoming = Incoming(Channel.WHATSAPP, "62811", "62811", Kind.TEXT, text="x", message_id="w1")
    (apology,) = engine.handle(incoming)
    assert apology.text.startswith("Maaf, ada gangguan di sistem kami.")
    with services.sessions() as session:
        (row,) = session.scalars(select(OutboxMessage)).all()
    assert (row.status, row.chat_id, row.replies[0]["text"]) == ("pending", "62811", apology.text)
    assert engine.handle(incoming) == [apology]  # not claimed: a redelivery runs the turn again


def test_a_reply_waiting_for_a_retry_is_not_overtaken_by_the_next_turns(
    services: Services, settings: Settings, graph: tuple[GraphStub, str]
) -> None:
    stub, url = graph
    stub.fail("500", "500")
    user = "6285700000400"
    app = create_app(replace(services, settings=whatsapp_settings(settings, url)))
    with serve(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert post(client, webhook(user, "wamid.o1", "halo")) == 200
        time.sleep(0.02)  # its send failed; it waits for a retry
        assert post(client, webhook(user, "wamid.o2", "bantuan")) == 200
        assert post(client, webhook(user, "wamid.o3", "bahasa")) == 200
        wait_for_outbox(services)
    texts = [m["interactive"]["body"]["text"] for m in sent_to(stub, user)]
    assert texts[0].startswith("Halo!") and texts[-1].startswith("I will now write in English")
    assert len(texts) == 3 and stub.attempts[:2] == ["messages:500", "messages:500"]


class Gate:
    """A transport that holds each send until `go` is set; the first fails, passing, if told."""

    channel = Channel.WHATSAPP.value

    def __init__(self, *, fail_first: bool) -> None:
        self.delivered: list[str] = []
        self.started, self.go = asyncio.Event(), asyncio.Event()
        self.fail_first = fail_first

    def prepare(self, replies: Sequence[Reply]) -> list[Reply]:
        return list(replies)

    async def deliver(self, chat_id: str, reply: Reply) -> None:
        self.started.set()
        await self.go.wait()
        if self.fail_first:
            self.fail_first = False
            raise Retryable("HTTP 500", code="1")
        self.delivered.append(reply.text)


async def _until_sent(services: Services) -> None:
    deadline = time.monotonic() + 15
    while set(statuses(services)) != {"sent"}:
        assert time.monotonic() < deadline, statuses(services)
        await asyncio.sleep(0.02)


def _message(user: str, n: int, text: str) -> Incoming:
    return Incoming(
        Channel.WHATSAPP, user, user, Kind.TEXT, text=text, message_id=f"wamid.{user}.{n}"
    )


async def test_a_turn_while_the_chats_last_reply_is_on_its_way_is_sent_after_it_unclaimed(
    services: Services,
) -> None:
    gate = Gate(fail_first=False)
    sender = OutboxSender(services.db, services.engine.turn_lock, None, [gate], FAST_OUTBOX)
    user = "6285700000500"
    first, second = _message(user, 1, "halo"), _message(user, 2, "bahasa")
    held = sender.held(user)
    answers = [services.engine.answer(first, held.rows)]
    sender.schedule(first, answers[0], held)
    await gate.started.wait()  # the first reply is on its way, its row still pending
    held = sender.held(user)
    answers.append(services.engine.answer(second, held.rows))
    assert answers[1].row is not None  # leased to this process, behind the first
    sender.schedule(second, answers[1], held)
    gate.go.set()
    await _until_sent(services)
    await sender.stop()
    assert gate.delivered == [reply.text for answer in answers for reply in answer.replies]


@pytest.mark.parametrize("when", ["before", "after"])
async def test_a_turn_leased_behind_a_reply_that_then_fails_waits_for_its_retry(
    services: Services, when: str
) -> None:
    gate = Gate(fail_first=True)
    timing = replace(FAST_OUTBOX, retry_base=0.2, retry_max=0.2)
    sender = OutboxSender(services.db, services.engine.turn_lock, None, [gate], timing)
    sender.start()
    user = "6285700000600"
    first, second = _message(user, 1, "halo"), _message(user, 2, "bahasa")
    held = sender.held(user)
    answers = [services.engine.answer(first, held.rows)]
    sender.schedule(first, answers[0], held)
    await gate.started.wait()
    held = sender.held(user)
    answers.append(services.engine.answer(second, held.rows))
    assert answers[1].row is not None
    if when == "before":  # the second row comes back while the first is being sent
        sender.schedule(second, answers[1], held)
    gate.go.set()  # the first send fails: its row waits for a retry
    deadline = time.monotonic() + 5
    while sender.held(user).rows:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.005)
    if when == "after":  # the second row comes back once the first was given back
        sender.schedule(second, answers[1], held)
    await _until_sent(services)
    await sender.stop()
    assert gate.delivered == [reply.text for answer in answers for reply in answer.replies]


async def test_a_row_whose_lease_ran_out_before_its_send_is_sent_once_by_whoever_claimed_it(
    services: Services,
) -> None:
    """A process slower than the lease of the row its turn leased to it sends the row no more."""
    gate = Gate(fail_first=False)
    gate.go.set()
    slow, other = (
        OutboxSender(services.db, services.engine.turn_lock, None, [gate], FAST_OUTBOX)
        for _ in range(2)
    )
    user = "6285700000700"
    answer = services.engine.answer(_message(user, 1, "halo"))
    assert answer.row is not None  # leased to `slow`, which does not get to it in time
    lapsed = datetime.now(UTC) - timedelta(seconds=1)
    with services.db.begin() as connection:
        connection.execute(update(OutboxMessage).values(lease_until=lapsed))
    assert await other.drain() == 1  # the lease over, another process claims the row, sends it
    slow.schedule(_message(user, 1, "halo"), replace(answer, leased_until=lapsed))
    await slow.stop()
    assert gate.delivered == [reply.text for reply in answer.replies]
    assert statuses(services) == ["sent"]
