"""The sender: delivers the outbox's replies through each channel, in every web and worker process.

The process that handled a message sends its replies right after the commit
(`schedule`): the turn leased their row to it when none of the chat's replies was
waiting but those this process is sending to the chat already (`held`), else it claims
them behind those. A sweep every `OUTBOX_POLL_SECONDS` takes what
is left: retries that came due, replies of a process that died, redeliveries. A row is
sent only by the process holding its lease, while half of it is left (a process slowed
down past that leaves the row to the sweep), and each chat's replies keep their order.

Delivery is at least once: a process killed after a send and before writing it down
sends that reply again once its lease runs out. Passing failures (5xx, timeouts,
throttling with its `retry_after`) are retried with exponential backoff and jitter up to
OUTBOX_ATTEMPTS times; a refused reply is recorded (`delivery_failures`, the row's error)
and the next goes on; a refusal that holds for the whole chat (outside WhatsApp's 24-hour
window, a bot blocked on Telegram) fails the chat's claimed rows.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from sqlalchemy import Engine as DbEngine
from sqlalchemy.orm import Session

from bot.channels.errors import ChannelError, Rejected, Retryable
from bot.config import OutboxSettings, Settings
from bot.conversation import Incoming, Reply
from bot.engine import Answer, Engine
from bot.storage import outbox
from bot.storage.db import HeldConnections
from bot.storage.outbox import FAILED, PENDING, SENT, Claimed, Outcome

log = logging.getLogger(__name__)
T = TypeVar("T")
Producer = Callable[[Session, dict[str, Any]], Reply]  # makes a Deferred reply
CHAT_FAILED = "chat: "  # an error that holds for the chat's later rows too
PURGE_EVERY = 3600.0  # seconds between purges of old rows


class Transport(Protocol):
    """One channel's way out: replies rendered and posted; raises `ChannelError` subclasses."""

    channel: str

    def prepare(self, replies: Sequence[Reply]) -> list[Reply]:
        """The replies as the channel sends them (WhatsApp joins a text to its buttons)."""

    async def deliver(self, chat_id: str, reply: Reply) -> None:
        """Send one reply, rate limits respected; raise on failure, without retrying."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Held:
    """A chat's rows this process was sending when a turn of the chat began (`OutboxSender.held`).

    The turn may queue its own row behind them. `stalls` counts the rows the sender had
    given back (for a retry, or unsent) by then: if it changed before the turn's row came
    back, one of those rows may be waiting for a retry, and the new row must not overtake it.
    """

    rows: frozenset[int] = frozenset()
    stalls: int = 0


class OutboxSender:
    """Drains the outbox of one process through its transports, by channel name."""

    def __init__(
        self,
        db: DbEngine,
        lock: Any,
        executor: Executor | None,
        transports: Sequence[Transport],
        timing: OutboxSettings,
        clock: Callable[[], datetime] = utc_now,
        producers: Mapping[str, Producer] | None = None,
        connections: HeldConnections | None = None,
    ) -> None:
        self.db = db
        self.connections = connections or HeldConnections(db)  # the turns' on SQLite
        self.lock = lock  # the writer lock on SQLite (claims queue with the turns)
        self.executor = executor  # the turn threads; None: the event loop's default
        self.transports = {transport.channel: transport for transport in transports}
        self.timing = timing
        self.clock = clock
        self.producers = producers or {}
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._active: set[str] = set()  # chats this process is sending to
        self._handed: dict[str, list[Claimed]] = {}  # rows turns leased to us, by chat
        self._holding: dict[str, set[int]] = {}  # rows a chat's task is sending, by chat
        self._stalls = 0  # rows given back so far (`Held`)
        self._stalled: set[str] = set()  # chats whose task gave a row back: send no more
        self._claim: set[str] = set()  # chats with rows to claim
        self._outcomes: list[Outcome] = []  # waiting to be written back
        self._settling = asyncio.Lock()
        self._runner: asyncio.Task[None] | None = None

    # --- the process's entry points ---------------------------------------------------

    def held(self, chat_id: str) -> Held:
        """The chat's rows this process is sending: a turn's row may be leased behind them."""
        return Held(frozenset(self._holding.get(chat_id, ())), self._stalls)

    def schedule(
        self, incoming: Incoming, answer: Answer | None = None, held: Held | None = None
    ) -> None:
        """Send a chat's replies now, in the background: a turn of it just committed.

        A row the turn leased to this process (`answer.row`) is sent as it is, after the
        rows it was leased behind (`held`, what `held` said before the turn); otherwise the
        chat's due rows are claimed. If this process is sending to the chat already, that
        task takes the new work when it is done, so the chat's order holds. A row leased
        behind rows of which one may have been given back since is given back too, to be
        claimed in order.
        """
        channel, chat_id = incoming.channel.value, incoming.chat_id
        if channel not in self.transports:
            return
        if answer is not None and answer.row is not None:
            row = Claimed(answer.row, channel, chat_id, answer.replies, 0, 0, answer.leased_until)
            self._handed.setdefault(chat_id, []).append(row)
            if held is not None and held.rows and held.stalls != self._stalls:
                self._stalled.add(chat_id)
            else:
                self._holding.setdefault(chat_id, set()).add(row.id)
        else:
            self._claim.add(chat_id)
        if chat_id in self._active:
            return
        self._active.add(chat_id)
        task = asyncio.get_running_loop().create_task(self._drain_chat(chat_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _drain_chat(self, chat_id: str) -> None:
        try:
            while chat_id in self._handed or chat_id in self._claim:
                if handed := self._handed.pop(chat_id, None):
                    if chat_id in self._stalled:  # an earlier row waits for a retry
                        outcomes = [
                            Outcome(
                                r.id,
                                r.progress,
                                PENDING,
                                attempted=False,
                                lapsed=not self._leased(r),
                            )
                            for r in handed
                        ]
                        self._claim.add(chat_id)  # claimed in order once that one is sent
                    else:
                        outcomes = await self._send_chat(handed)
                    await self._written(chat_id, outcomes)
                if chat_id in self._claim:
                    self._claim.discard(chat_id)
                    while await self.drain(chat_id=chat_id):  # until none is due
                        pass
        except Exception:  # the sweep takes the rows up again when their lease ends
            self._stalls += 1  # leased until then: a row queued behind them must wait
            log.exception("outbox: sending to a chat failed")
        finally:
            self._active.discard(chat_id)
            self._handed.pop(chat_id, None)
            self._claim.discard(chat_id)
            self._holding.pop(chat_id, None)
            self._stalled.discard(chat_id)

    async def _written(self, chat_id: str, outcomes: list[Outcome]) -> None:
        """Write back the outcomes of a chat's task; a row given back stalls the chat."""
        holding = self._holding.setdefault(chat_id, set())
        given_back = {outcome.id for outcome in outcomes if outcome.status == PENDING}
        if given_back:
            self._stalls += 1
            self._stalled.add(chat_id)
            holding -= given_back
        await self._settle(outcomes)
        holding.difference_update(outcome.id for outcome in outcomes)

    def start(self) -> None:
        """Sweep in the background until `stop`."""
        if self.transports and self._runner is None:
            self._runner = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """End the sweeps; let sends under way finish (their rows are written back)."""
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.gather(self._runner, return_exceptions=True)
            self._runner = None
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=10)

    async def _run(self) -> None:
        last_purge = asyncio.get_running_loop().time()
        while True:
            try:
                await self.drain()
                now = asyncio.get_running_loop().time()
                if now - last_purge >= PURGE_EVERY:
                    last_purge = now
                    await self.purge()
            except asyncio.CancelledError:
                raise
            except Exception:  # the database away for a moment: the next sweep tries again
                log.exception("outbox sweep failed")
            await asyncio.sleep(self.timing.poll)

    # --- claim, send, write back ------------------------------------------------------

    async def drain(self, chat_id: str | None = None) -> int:
        """Claim the due rows (of one chat, or all), send them, write back; rows handled."""
        lease = timedelta(seconds=self.timing.lease)
        channels = list(self.transports)

        def claim(connection: Any) -> list[Claimed]:
            now = self.clock()  # once a thread runs it: the wait for one must not shorten the lease
            return [
                row
                for channel in channels
                for row in outbox.claim(connection, channel, now, lease, chat_id=chat_id)
            ]

        claimed = await self._db(claim)
        if not claimed:
            return 0
        if chat_id is not None:  # the chat's task: a turn may queue a row behind these
            self._holding.setdefault(chat_id, set()).update(row.id for row in claimed)
        chats: dict[tuple[str, str], list[Claimed]] = defaultdict(list)
        for row in claimed:
            chats[row.channel, row.chat_id].append(row)
        results = await asyncio.gather(*(self._send_chat(rows) for rows in chats.values()))
        outcomes = [outcome for result in results for outcome in result]
        if chat_id is not None:
            await self._written(chat_id, outcomes)
        else:
            await self._settle(outcomes)
        return len(claimed)

    async def _settle(self, outcomes: list[Outcome]) -> None:
        """Write outcomes back; those of chats finishing meanwhile go in the same transaction.

        Returns once they are committed: by this call, or by the one that took them along.
        """
        self._outcomes.extend(outcome for outcome in outcomes if not outcome.lapsed)
        async with self._settling:
            if not self._outcomes:
                return
            batch, self._outcomes = self._outcomes, []
            # one row and no failure to record: one statement, no BEGIN and COMMIT (PostgreSQL)
            if self.db.dialect.name == "postgresql" and len(batch) == 1 and not batch[0].failures:
                await asyncio.get_running_loop().run_in_executor(
                    self.executor, self._settle_alone, batch[0]
                )
            else:
                await self._db(lambda connection: outbox.settle(connection, batch, self.clock()))

    def _settle_alone(self, outcome: Outcome) -> None:
        """`outbox.settle_alone` on a pooled connection; a failed one is not pooled again."""
        pooled = self.db.raw_connection()
        try:
            outbox.settle_alone(pooled.driver_connection, self.db.dialect, outcome, self.clock())
        except self.db.dialect.loaded_dbapi.Error:
            pooled.invalidate()  # the server may be gone: the pool makes a new one
            raise
        finally:
            pooled.close()

    async def _send_chat(self, rows: list[Claimed]) -> list[Outcome]:
        """A chat's rows in order; after a passing failure the rest wait behind it."""
        transport = self.transports[rows[0].channel]
        outcomes: list[Outcome] = []
        for index, row in enumerate(rows):
            if not self._leased(row):  # the rest wait behind it for the sweep
                outcomes.extend(
                    Outcome(r.id, r.progress, PENDING, attempted=False, lapsed=True)
                    for r in rows[index:]
                )
                break
            outcome = await self._send_row(transport, row)
            outcomes.append(outcome)
            if outcome.status == PENDING:  # retried later: the rest wait for it
                outcomes.extend(
                    Outcome(r.id, r.progress, PENDING, attempted=False) for r in rows[index + 1 :]
                )
                break
            if outcome.status == FAILED and (outcome.error or "").startswith(CHAT_FAILED):
                outcomes.extend(
                    Outcome(r.id, r.progress, FAILED, error=outcome.error)
                    for r in rows[index + 1 :]
                )
                break
        return outcomes

    def _leased(self, row: Claimed) -> bool:
        """Whether half the row's lease is left, time to send the row and write it back.

        Past its lease another process may claim and send it, so a row nearer its end is
        neither sent nor written back here; the sweep takes it once the lease is over.
        """
        if row.lease_until is None:
            return True
        return self.clock() < row.lease_until - timedelta(seconds=self.timing.lease / 2)

    async def _send_row(self, transport: Transport, row: Claimed) -> Outcome:
        parts = transport.prepare(row.replies)
        done, refused, failures = row.progress, [], []
        try:
            while done < len(parts):
                try:
                    await transport.deliver(row.chat_id, await self._made(parts[done]))
                except Rejected as error:  # this reply only; the next one goes on
                    refused.append(f"{error.code}: {error.detail or error}")
                    failures.append(_failure(row, error))
                    log.warning("%s reply refused: %s (%s)", row.channel, error, error.code)
                done += 1
        except Retryable as error:
            return self._retry(row, done, error, error.retry_after)
        except ChannelError as error:  # holds for the whole chat: no more tries
            log.warning("%s chat not reachable: %s (%s)", row.channel, error, error.code)
            return Outcome(
                row.id,
                done,
                FAILED,
                error=f"{CHAT_FAILED}{error.code}: {error.detail or error}"[:1000],
                failures=[_failure(row, error)],
            )
        except Exception as error:  # a bug or an unforeseen answer: retried, not lost
            log.exception("%s send failed", row.channel)
            return self._retry(row, done, ChannelError(f"{type(error).__name__}: {error}"), None)
        status = FAILED if refused else SENT
        return Outcome(row.id, done, status, error="; ".join(refused) or None, failures=failures)

    def _retry(
        self, row: Claimed, done: int, error: ChannelError, retry_after: float | None
    ) -> Outcome:
        attempt = row.attempts + 1
        what = f"{error.code}: {error}" if error.code else str(error)
        if attempt >= self.timing.attempts:
            log.warning(
                "%s row %d: %s; gave up after %d attempts", row.channel, row.id, what, attempt
            )
            return Outcome(
                row.id,
                done,
                FAILED,
                error=f"gave up after {attempt} attempts: {what}"[:1000],
                failures=[_failure(row, error)],
            )
        backoff = min(self.timing.retry_base * 2 ** (attempt - 1), self.timing.retry_max)
        delay = retry_after if retry_after is not None else backoff * random.uniform(0.5, 1.0)
        log.info("%s row %d: %s; retry %d in %.2fs", row.channel, row.id, what, attempt, delay)
        due = self.clock() + timedelta(seconds=delay)
        return Outcome(row.id, done, PENDING, due_at=due, error=what[:1000])

    async def _made(self, reply: Reply) -> Reply:
        """A deferred reply made by its producer, on a thread; any other reply as it is."""
        if reply.deferred is None:
            return reply
        return await asyncio.get_running_loop().run_in_executor(
            None, produce, self.db, reply, self.producers
        )

    async def purge(self) -> int:
        """Delete sent and failed rows older than OUTBOX_KEEP_HOURS."""
        before = self.clock() - timedelta(hours=self.timing.keep_hours)
        count = await self._db(lambda connection: outbox.purge(connection, before))
        if count:
            log.info("outbox: %d old rows purged", count)
        return count

    async def _db(self, work: Callable[[Any], T]) -> T:
        """Run `work(connection)` in one transaction on the turn threads, under the lock."""

        def run() -> T:
            with self.lock, self.connections() as connection, connection.begin():
                return work(connection)

        return await asyncio.get_running_loop().run_in_executor(self.executor, run)


def outbox_sender(
    engine: Engine,
    transports: Sequence[Transport],
    settings: Settings | None,
    executor: Executor | None = None,
) -> OutboxSender:
    """A sender on the engine's database and writer lock, paced by the settings."""
    from handlers import PRODUCERS

    timing = settings.outbox if settings is not None else OutboxSettings()
    return OutboxSender(
        engine.db,
        engine.turn_lock,
        executor,
        transports,
        timing,
        producers=PRODUCERS,
        connections=engine.connections,
    )


def produce(db: DbEngine, reply: Reply, producers: Mapping[str, Producer]) -> Reply:
    """The reply its `Deferred` stands for, made in a read-only session of its own."""
    assert reply.deferred is not None
    producer = producers[reply.deferred.kind]
    with Session(db) as session:
        return producer(session, reply.deferred.params)


def _failure(row: Claimed, error: ChannelError) -> tuple[str, str, str, str]:
    return (row.channel, row.chat_id, error.code, error.detail or str(error))
