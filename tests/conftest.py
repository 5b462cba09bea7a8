"""Fixtures: a migrated database on SQLite and on PostgreSQL, the real engine, a chat driver.

PostgreSQL comes from TEST_DATABASE_URL (CI: postgres@127.0.0.1:5432/test) or a local
server; each run creates and drops its own database, so runs never collide. Without a
server the PostgreSQL cases are skipped locally and fail under CI=true.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import delete, func, select

from bot import auth, knowledge
from bot.channels import telegram_sender
from bot.cli import main
from bot.config import OutboxSettings, Settings, load_settings
from bot.conversation import Channel, Incoming, Kind, Reply
from bot.outbox import produce
from bot.services import Services, build_services
from bot.storage import migrate
from bot.storage.models import Base, OutboxMessage
from handlers import PRODUCERS
from tests.databases import admin_url, create_database, drop_database

FIXED_NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
# The outbox's sender at test speed: retries within a second, sweeps ten times a second.
FAST_OUTBOX = OutboxSettings(lease=5.0, poll=0.1, retry_base=0.05, retry_max=1.0, attempts=5)
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True, scope="session")
def at_test_speed() -> Iterator[None]:
    """Two costs that protect production, not what any test checks, lowered in this process.

    argon2id at its lowest cost: a hash or a login takes a millisecond, not about 0.2 s (64 MB,
    three passes), and the dashboard tests log in hundreds of times. Telegram's pace in one chat
    (a message a second after a burst of three) lets a test's chat run at once: a registration
    over Telegram waited 15 s for it. `bot` commands run as subprocesses keep both.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        patch.setattr(telegram_sender, "CHAT_RATE", 1000.0)
        yield


@pytest.fixture(scope="session")
def faq_indexes() -> None:
    """Both FAQ indexes built (or loaded, bot.index_store) before a test's clock starts.

    A request to a served app that is the process's first free-text question builds one
    inside the request: about 10 s of CPU, more than a client's timeout on a loaded machine
    where each core runs a worker (two channel tests timed out so).
    """
    for language in ("id", "en"):
        knowledge.load_index(language)


def new_postgres_database() -> tuple[str, str]:
    """An empty PostgreSQL database (URL, name); skipped without a server, failed in CI."""
    created = create_database()
    if created is None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI and not reachable at {admin_url()}")
        pytest.skip("no PostgreSQL server reachable (set TEST_DATABASE_URL)")
    return created


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated, empty database of each kind, for the whole test session."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'bot.db'}"
        migrate.upgrade(url)
        yield url
        return
    url, name = new_postgres_database()
    migrate.upgrade(url)
    yield url
    drop_database(name)


# For a test whose database is never read or written (a request refused at the door): the
# engine still needs one, and the second kind would only repeat the same work.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    env = {"DATABASE_URL": database_url, "BOT_SECRET_KEY": "k" * 40}
    return load_settings(env, dotenv=None)


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    """The real engine on a clean database; every table is emptied afterwards."""
    built = build_services(settings, clock=lambda: FIXED_NOW)
    yield built
    with built.sessions.begin() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))
    built.close()


class Chat:
    """One user talking to the real engine, as a test reads it: send, press, read replies."""

    def __init__(
        self,
        services: Services,
        channel: Channel = Channel.WEB,
        chat_id: str = "chat-1",
        language: str | None = None,
    ) -> None:
        self.services = services
        self.channel = channel
        self.chat_id = chat_id
        self.language = language
        self._ids = 0

    def _send(self, kind: Kind, **fields: object) -> list[Reply]:
        self._ids += 1
        # WhatsApp carries the sender's number beside a phone-keyed chat id (not beside a BSUID)
        if self.channel is Channel.WHATSAPP and self.chat_id.isdigit():
            fields.setdefault("phone", self.chat_id)
        incoming = Incoming(
            channel=self.channel,
            chat_id=self.chat_id,
            user_id=self.chat_id,
            kind=kind,
            message_id=f"{self.chat_id}-{self._ids}-{uuid.uuid4().hex[:8]}",
            language=self.language,
            **fields,  # type: ignore[arg-type]
        )
        replies = self.services.engine.handle(incoming)
        # What the user receives: a deferred document is made by the sender (bot/outbox.py).
        return [
            produce(self.services.db, reply, PRODUCERS) if reply.deferred else reply
            for reply in replies
        ]

    def start(self, payload: str = "") -> list[Reply]:
        return self._send(Kind.START, payload=payload)

    def say(self, text: str) -> list[Reply]:
        return self._send(Kind.TEXT, text=text)

    def press(self, choice_id: str) -> list[Reply]:
        return self._send(Kind.CHOICE, payload=choice_id)

    def send(self, kind: Kind, **fields: object) -> list[Reply]:
        return self._send(kind, **fields)


@pytest.fixture
def chat(services: Services) -> Chat:
    return Chat(services)


def wait_for_outbox(services: Services, timeout: float = 15.0) -> None:
    """Until no reply waits in the outbox: the sender has delivered, or given up on, each."""
    deadline = time.monotonic() + timeout
    while True:
        with services.sessions() as session:
            pending = session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.status == "pending")
            )
        if not pending:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{pending} outbox rows still pending after {timeout} s")
        time.sleep(0.02)


def texts(replies: list[Reply]) -> str:
    """All reply texts joined, for `in` assertions."""
    return "\n".join(reply.text for reply in replies)


def labels(replies: list[Reply]) -> list[str]:
    """The labels of the last reply that offers choices."""
    for reply in reversed(replies):
        if reply.choices:
            return [choice.label for choice in reply.choices]
    return []


ROOT = Path(__file__).resolve().parents[1]


def _cli_env(tmp_path: Path, env: dict[str, str]) -> dict[str, str]:
    """What a `bot` command reads: a SQLite file of its own under `tmp_path`, a key, `env`."""
    return {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "BOT_SECRET_KEY": "s" * 40, **env}


def run_bot(
    args: list[str], tmp_path: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` as a user runs it, on a SQLite file of its own under `tmp_path`.

    For a test where the process is the point (what starts, what it loads, its exit); one that
    checks what a command does calls `bot_command`, which costs no interpreter start.
    """
    environment = {**os.environ, **_cli_env(tmp_path, env)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        # A hang guard, not a speed test: `ask` builds both languages' indexes, which took
        # 117 s on a machine loaded 18 deep (bench/answers.py measures speed).
        timeout=300,
    )


def bot_command(
    args: list[str], tmp_path: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """`run_bot` in this process: `bot.cli.main(ARGS)` with the same environment and stdin.

    A `python -m bot` process costs 2-4 s of imports before the command runs; the commands'
    own code is the same. The root logger, which `main` sets up for a process, is restored.
    """
    out, err = io.StringIO(), io.StringIO()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    with pytest.MonkeyPatch.context() as patch:
        for name, value in _cli_env(tmp_path, env).items():
            patch.setenv(name, value)
        patch.chdir(ROOT)
        patch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(args)
                except SystemExit as exit_:
                    code = exit_.code if isinstance(exit_.code, int) else 1
        finally:
            root.handlers[:] = handlers
            root.setLevel(level)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
