"""Two hosts behind a load balancer on one PostgreSQL; one is killed mid-run: no reply lost or doubled.

The shape of a production deployment: each "host" is a Linux network namespace running the
product's own `python -m bot run --web` with 2 workers, reaching PostgreSQL and the Graph
API stub over a veth pair, as machines reach a managed database over the network. The
server listens on 127.0.0.1 only, which a namespace cannot reach, so a TCP relay in this
process forwards the veth addresses to it. A driver posts signed webhooks alternately to
both hosts, like a load balancer; what a host does not acknowledge with 200 it redelivers
to the other, as Meta does, and now and then it delivers an acknowledged message a second
time. Mid-run one host's whole process group gets SIGKILL: turns under way, replies
committed and not sent, rows its senders had claimed.

The kill is placed outside the one window the design leaves open (README, "Delivering
replies"): a reply the Graph API accepted and the process had not yet written down is
sent again, since the API has no idempotency key. For the instant of the kill the stub
answers every send with a passing 500, waits until each reply it accepted is written back,
and then the host dies (what it sent that the stub had not read yet dies with it, never
answered); everything else the kill hits is what this test checks. It fails with the
outbox's sweep off (a dead host's claimed replies are never sent), with the per-message
deduplication off (redeliveries answered twice), or with claims ignoring leases (both hosts
send one row).

Needs root (network namespaces) and PostgreSQL; skipped without them, except that under
CI=true a PostgreSQL server must be reachable.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from bot.storage import migrate
from bot.storage.models import OutboxMessage
from tests.conftest import ROOT, new_postgres_database
from tests.databases import admin_url, drop_database
from tests.stubs.graph_api import PHONE_NUMBER_ID, TOKEN
from tests.test_outbox import webhook

APP_SECRET = "scale-out-app-secret"
SCRIPT = ("halo", "1", "2", "menu")  # greeting and menu, program list, a program page, menu
USERS = 48
IN_FLIGHT = 12
APP_PORT = 8000  # the same port on both hosts: each has its own network
KILL_AFTER = 0.4  # share of the messages acknowledged before the kill
# How long a claim holds: short, so a dead host's claims run out quickly here, yet long
# enough for a loaded 2-core machine. A sender sends a row only while half its lease is
# left, so a reply goes out twice when sending and writing it down take longer than that
# (the at-least-once window of a stalled process, as of a killed one). With a 1 s lease,
# 0.5 s was too short under load (all the hosts' database traffic goes through this
# process's relay): a reply now and then went out twice, and the test failed.
LEASE = 5.0


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


def _why_not_here() -> str | None:
    if sys.platform != "linux" or os.geteuid() != 0:
        return "network namespaces need root on Linux"
    if shutil.which("ip") is None:
        return "iproute2's `ip` is not installed"
    probe = subprocess.run(["ip", "netns", "list"], capture_output=True, timeout=10)
    if probe.returncode != 0:
        return f"`ip netns` is not available: {probe.stderr.decode().strip()}"
    return None


@dataclass
class Host:
    """A namespace joined to this one by a veth pair: `outside` here, `inside` in it."""

    namespace: str
    outside: str
    inside: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.inside}:{APP_PORT}"


def _kill(host: Host) -> None:
    """SIGKILL to the host's process group: uvicorn's supervisor and its workers at once."""
    if host.process is not None and host.process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(host.process.pid, signal.SIGKILL)
        host.process.wait(10)


@contextlib.contextmanager
def hosts(count: int) -> Iterator[list[Host]]:
    """`count` namespaces with a veth pair each, all removed afterwards, failures included."""
    tag, made = os.getpid() % 10_000_000, []
    net = f"10.{200 + os.getpid() // 250 % 50}.{os.getpid() % 250}"
    try:
        for n in range(count):
            host = Host(f"jbso{tag}{n}", f"{net}.{4 * n + 1}", f"{net}.{4 * n + 2}")
            made.append(host)
            link = f"jbso{tag}{n}"
            _ip("netns", "add", host.namespace)
            _ip(
                "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", host.namespace
            )
            _ip("addr", "add", f"{host.outside}/30", "dev", link)
            _ip("link", "set", link, "up")
            _ip("-n", host.namespace, "addr", "add", f"{host.inside}/30", "dev", "eth0")
            _ip("-n", host.namespace, "link", "set", "eth0", "up")
            _ip("-n", host.namespace, "link", "set", "lo", "up")
        yield made
    finally:
        for host in made:
            _kill(host)
            subprocess.run(["ip", "netns", "del", host.namespace], capture_output=True)
            subprocess.run(["ip", "link", "del", host.namespace], capture_output=True)


async def _relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy one client connection to PostgreSQL and back until either side closes."""
    server = make_url(admin_url())
    try:
        upstream_reader, upstream_writer = await asyncio.open_connection(
            server.host or "127.0.0.1", server.port or 5432
        )
    except OSError:
        writer.close()
        return

    async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except OSError:
            pass
        finally:
            sink.close()

    await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


@dataclass
class GraphStub:
    """`POST /{id}/messages` on the veth addresses: records each accepted body, by recipient.

    While `outage` is set every send gets a passing 500 (the Graph API failing for a moment),
    which the senders retry later.
    """

    sent: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    senders: dict[str, list[tuple[float, str]]] = field(  # when each was accepted, from whom
        default_factory=lambda: defaultdict(list)
    )
    accepted: int = 0
    outage: bool = False
    dead: set[str] = field(default_factory=set)  # hosts killed: what they sent is not read

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length)
                if writer.get_extra_info("peername")[0] in self.dead:
                    break
                status, answer = self._answer(head, body, writer.get_extra_info("peername")[0])
                raw = json.dumps(answer).encode()
                writer.write(
                    b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                    % (status, len(raw))
                    + raw
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, OSError):
            pass
        finally:
            writer.close()

    def _answer(self, head: bytes, body: bytes, peer: str) -> tuple[int, dict[str, Any]]:
        if f"Bearer {TOKEN}".encode() not in head or b"/messages " not in head.split(b"\r\n")[0]:
            return 400, {"error": {"message": "unexpected request", "code": 100}}
        if self.outage:
            return 500, {"error": {"message": "unknown error", "code": 1, "is_transient": True}}
        message = json.loads(body)
        to = message.pop("to")
        self.sent[to].append(message)
        self.senders[to].append((time.monotonic(), peer))
        self.accepted += 1
        return 200, {"contacts": [{"input": to, "wa_id": to}], "messages": [{"id": f"w{to}"}]}


def _webhook(user: str, wamid: str, text: str) -> tuple[bytes, dict[str, str]]:
    raw = webhook(user, wamid, text)
    digest = hmac.new(APP_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    return raw, {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"}


def _start(host: Host, database_url: str, relay_port: int, stub_port: int) -> None:
    """The product's own command in the host's namespace, in a process group of its own."""
    url = make_url(database_url).set(host=host.outside, port=relay_port)
    env = {
        **os.environ,
        "DATABASE_URL": url.render_as_string(hide_password=False),
        "BOT_SECRET_KEY": "k" * 40,
        "HOST": host.inside,
        "PORT": str(APP_PORT),
        "WEB_CONCURRENCY": "2",
        "WHATSAPP_TOKEN": TOKEN,
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_APP_SECRET": APP_SECRET,
        "WHATSAPP_API_URL": f"http://{host.outside}:{stub_port}",
        "WHATSAPP_SEND_RATE": "1000",
        "TELEGRAM_BOT_TOKEN": "",
        "OUTBOX_LEASE_SECONDS": str(LEASE),
        "OUTBOX_POLL_SECONDS": "0.1",
        "OUTBOX_RETRY_BASE_SECONDS": "0.05",
        "OUTBOX_RETRY_MAX_SECONDS": "0.3",
        "OUTBOX_ATTEMPTS": "1000",
    }
    host.process = subprocess.Popen(
        ["ip", "netns", "exec", host.namespace, sys.executable, "-m", "bot", "run", "--web"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the supervisor and its workers
    )


@dataclass
class Driver:
    """The load balancer and Meta's redelivery, for the users' scripts."""

    urls: list[str]
    client: httpx.AsyncClient
    acknowledged: int = 0
    redelivered: int = 0  # posts that went to the other host after a failure
    turn: int = 0

    async def deliver(self, user: str, wamid: str, text: str) -> None:
        """Post until a host answers 200, starting with the next host in turn."""
        raw, headers = _webhook(user, wamid, text)
        first, self.turn = self.turn % 2, self.turn + 1
        deadline = time.monotonic() + 30
        for attempt in range(1000):
            url = self.urls[(first + attempt) % 2]
            with contextlib.suppress(httpx.TransportError):
                response = await self.client.post(url, content=raw, headers=headers)
                if response.status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise AssertionError(f"no host acknowledged {wamid}")
            self.redelivered += 1
            await asyncio.sleep(0.05 * (attempt // 2))
        self.acknowledged += 1
        if self.acknowledged % 7 == 0:  # Meta delivers now and then a message twice
            with contextlib.suppress(httpx.TransportError):
                other = self.urls[(first + attempt + 1) % 2]
                await self.client.post(other, content=raw, headers=headers)


def _written_back(database_url: str) -> tuple[int, int]:
    """(replies the outbox has written down as delivered, rows still pending)."""
    db = create_engine(database_url)
    try:
        with db.connect() as connection:
            done = connection.scalar(select(func.coalesce(func.sum(OutboxMessage.progress), 0)))
            pending = connection.scalar(
                select(func.count()).where(OutboxMessage.status == "pending")
            )
        return int(done or 0), int(pending or 0)
    finally:
        db.dispose()


async def _ready(client: httpx.AsyncClient, url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            if (await client.get(url + "/healthz")).status_code == 200:
                return
        await asyncio.sleep(0.2)
    raise AssertionError(f"{url} did not start")


async def _listen(handler: Any, pair: list[Host]) -> tuple[list[asyncio.Server], int]:
    """`handler` on one port of each host's outside address, never beyond this machine."""
    first = await asyncio.start_server(handler, pair[0].outside, 0)
    port = int(first.sockets[0].getsockname()[1])
    rest = [await asyncio.start_server(handler, host.outside, port) for host in pair[1:]]
    return [first, *rest], port


async def _run(pair: list[Host], database_url: str) -> None:
    stub = GraphStub()
    relays, relay_port = await _listen(_relay, pair)
    stubs, stub_port = await _listen(stub.serve, pair)
    try:
        for host in pair:
            _start(host, database_url, relay_port, stub_port)
        async with httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0)) as client:
            for host in pair:
                await _ready(client, host.url, time.monotonic() + 60)
            driver = Driver([f"{host.url}/webhooks/whatsapp" for host in pair], client)
            await _users(driver, stub, pair[0], database_url)
    finally:
        for host in pair:  # its connections end with it, so the relay's and stub's tasks do
            _kill(host)
        await asyncio.sleep(0.3)
        for server in relays + stubs:
            server.close()


async def _users(driver: Driver, stub: GraphStub, victim: Host, database_url: str) -> None:
    """Every user's script through the driver; kill `victim` mid-run; then check the stub."""
    reference = "6281000000000"
    for step, text in enumerate(SCRIPT):  # one user alone first: what each must receive
        await driver.deliver(reference, f"wamid.ref.{step}", text)
        await asyncio.sleep(0.3)
    users = iter(range(1, USERS + 1))
    killed = asyncio.Event()
    pending_at_kill, killed_at = 0, 0.0

    async def user_scripts() -> None:
        for n in users:
            for step, text in enumerate(SCRIPT):
                await driver.deliver(f"62810{n:08d}", f"wamid.{n}.{step}", text)

    async def kill() -> None:
        nonlocal pending_at_kill, killed_at
        while driver.acknowledged < USERS * len(SCRIPT) * KILL_AFTER:
            await asyncio.sleep(0.01)
        stub.outage = True  # no send is accepted now; wait until each accepted is written down
        deadline = time.monotonic() + 15
        while True:
            done, pending_at_kill = await asyncio.to_thread(_written_back, database_url)
            if done == stub.accepted:
                break
            assert time.monotonic() < deadline, f"{stub.accepted} accepted, {done} written back"
            await asyncio.sleep(0.02)
        stub.dead.add(victim.inside)  # its sends still in the stub's socket die with it
        killed_at = time.monotonic()
        _kill(victim)
        stub.outage = False
        killed.set()

    await asyncio.gather(kill(), *(user_scripts() for _ in range(IN_FLIGHT)))
    assert killed.is_set()
    expected = stub.sent[reference]
    assert len(expected) >= len(SCRIPT)  # each step answered
    deadline = time.monotonic() + 20 + LEASE  # the killed host's claims run out first
    while time.monotonic() < deadline:
        _, pending = await asyncio.to_thread(_written_back, database_url)
        if not pending and all(len(replies) >= len(expected) for replies in stub.sent.values()):
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(LEASE + 0.5)  # longer than a lease: a reply sent twice would be here by now

    everyone = [reference] + [f"62810{n:08d}" for n in range(1, USERS + 1)]
    wrong = {user: len(stub.sent[user]) for user in everyone if stub.sent[user] != expected}
    assert wrong == {}, (
        f"users not sent the {len(expected)} replies expected, once: {wrong}"
        + "".join(_story(user, stub, victim, killed_at, database_url) for user in wrong)
    )
    assert set(stub.sent) == set(everyone)
    assert driver.redelivered > 0  # the kill hit messages under way: they went to the other host
    assert pending_at_kill > 0  # and replies committed, not yet sent


def _story(user: str, stub: GraphStub, victim: Host, killed_at: float, database_url: str) -> str:
    """A wrong user's sends (seconds from the kill, which host) and outbox rows, to tell why."""
    sends = [
        f"{at - killed_at:+.3f}s {'killed' if peer == victim.inside else 'other'}"
        for at, peer in stub.senders[user]
    ]
    db = create_engine(database_url)
    try:
        with db.connect() as connection:
            rows = connection.execute(
                select(
                    OutboxMessage.id,
                    OutboxMessage.message_id,
                    OutboxMessage.status,
                    OutboxMessage.progress,
                    OutboxMessage.attempts,
                    OutboxMessage.sent_at,
                )
                .where(OutboxMessage.chat_id == user)
                .order_by(OutboxMessage.id)
            ).all()
    finally:
        db.dispose()
    return f"\n{user}: sent {sends}; rows {[tuple(row) for row in rows]}"


def test_a_host_killed_mid_run_loses_no_reply_and_doubles_none() -> None:
    if reason := _why_not_here():
        pytest.skip(reason)
    database_url, name = new_postgres_database()
    try:
        migrate.upgrade(database_url)
        with hosts(2) as pair:
            asyncio.run(_run(pair, database_url))
    finally:
        drop_database(name)
