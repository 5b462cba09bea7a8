"""Engine throughput: scripted conversations through the real engine, no network.

    python -m bench.engine [--db sqlite|postgres|all] [--chats 500] [--seed 100000]
                           [--threads N] [--processes 1]

Prints messages per second, p50/p99 latency per message and peak RSS, with `--seed`
conversations already stored. Each database runs in its own process, so RSS is its own.
`--threads` defaults to 1 on SQLite (the bot runs one SQLite turn at a time: it has one
writer) and 4 on PostgreSQL (beyond that, on two cores, only the waiting grows).
`--processes N` splits the chats over N worker processes, each with `--threads`
threads, as N bot processes would share one database; RSS is then per worker.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bot.config import load_settings
from bot.conversation import Channel, Incoming, Kind
from bot.services import Services, build_services
from bot.storage import migrate
from bot.storage.models import Conversation
from tests.databases import admin_url, create_database, drop_database

DEFAULT_THREADS = {"sqlite": 1, "postgres": 4}
WORKER_TIMEOUT = 600  # seconds a `--processes` worker may take
SCRIPT: list[tuple[Kind, str]] = [
    (Kind.START, ""),
    (Kind.TEXT, "1"),
    (Kind.CHOICE, "program:jkk"),
    (Kind.TEXT, "selengkapnya"),
    (Kind.TEXT, "kembali"),
    (Kind.TEXT, "menu"),
    (Kind.TEXT, "bahasa"),
    (Kind.TEXT, "bahasa"),
]


def scratch_database(kind: str, folder: Path | None = None) -> tuple[str, str | None]:
    """An empty database of `kind`: (URL, PostgreSQL name to drop afterwards, or None)."""
    if kind == "sqlite":
        return f"sqlite:///{folder or tempfile.mkdtemp()}/bench.db", None
    created = create_database("jb_bench")
    if created is None:
        raise SystemExit(f"no PostgreSQL at {admin_url()} (set TEST_DATABASE_URL)")
    return created


def connect(url: str) -> Services:
    return build_services(
        load_settings({"DATABASE_URL": url, "BOT_SECRET_KEY": "b" * 40}, dotenv=None)
    )


def seed_conversations(services: Services, seed: int) -> None:
    now = datetime.now(UTC)
    with services.sessions.begin() as session:
        for start in range(0, seed, 10_000):
            rows = [
                {
                    "channel": "whatsapp",
                    "chat_id": f"seed-{i}",
                    "state": "idle",
                    "data": {"_choices": [["programs", "Info program"]]},
                    "version": 1,
                    "updated_at": now,
                }
                for i in range(start, min(seed, start + 10_000))
            ]
            session.execute(insert(Conversation), rows)


@dataclass
class Run:
    """What one process measured: per-message latencies, its busy span, its peak RSS."""

    latencies: list[float]
    began: float  # time.monotonic(): one clock for every process
    ended: float
    rss_mb: float


def converse(services: Services, chats: list[int], threads: int) -> Run:
    """Every chat in `chats` through the whole script, `threads` chats at a time."""
    latencies: list[float] = []
    lock = threading.Lock()

    def one_chat(chat: int) -> None:
        mine = []
        for step, (kind, value) in enumerate(SCRIPT):
            fields: dict[str, Any] = {"text": value} if kind is Kind.TEXT else {"payload": value}
            incoming = Incoming(
                Channel.WHATSAPP,
                f"c{chat}",
                f"c{chat}",
                kind,
                message_id=f"c{chat}-{step}",
                **fields,
            )
            began = time.perf_counter()
            replies = services.engine.handle(incoming)
            mine.append(time.perf_counter() - began)
            assert replies and "gangguan" not in replies[0].text
        with lock:
            latencies.extend(mine)

    began = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one_chat, chats))
    ended = time.monotonic()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Run(latencies, began, ended, rss_mb)


def worker(url: str, chats: list[int], threads: int, start: Barrier, results: Queue[Run]) -> None:
    """One of `--processes`: connect, wait for the others, converse, report."""
    services = connect(url)
    start.wait()
    results.put(converse(services, chats, threads))
    services.close()


def run_one(kind: str, chats: int, seed: int, threads: int, processes: int) -> None:
    url, name = scratch_database(kind)
    try:
        migrate.upgrade(url)
        services = connect(url)
        seed_conversations(services, seed)
        if processes == 1:
            runs = [converse(services, list(range(chats)), threads)]
            services.close()
        else:
            services.close()
            runs = in_processes(url, chats, threads, processes)
        report(kind, runs, seed, threads, processes)
    finally:
        if name:
            drop_database(name)


def in_processes(url: str, chats: int, threads: int, processes: int) -> list[Run]:
    context = multiprocessing.get_context("spawn")  # fresh interpreters, as real processes
    start, results = context.Barrier(processes), context.Queue()
    workers = [
        context.Process(
            target=worker, args=(url, list(range(n, chats, processes)), threads, start, results)
        )
        for n in range(processes)
    ]
    for process in workers:
        process.start()
    runs = [results.get(timeout=WORKER_TIMEOUT) for _ in workers]  # a crashed one: queue.Empty
    for process in workers:
        process.join()
    return runs


def report(kind: str, runs: list[Run], seed: int, threads: int, processes: int) -> None:
    latencies = sorted(latency for run in runs for latency in run.latencies)
    elapsed = max(run.ended for run in runs) - min(run.began for run in runs)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    rss = max(run.rss_mb for run in runs)
    where = f"{threads} threads" if processes == 1 else f"{processes} processes × {threads} threads"
    print(
        f"{kind:8} {len(latencies):6} msgs  {len(latencies) / elapsed:7.0f} msg/s  "
        f"p50 {statistics.median(latencies) * 1000:5.2f} ms  p99 {p99 * 1000:6.2f} ms  "
        f"peak RSS {rss:5.0f} MB{' per process' if processes > 1 else ''}  "
        f"({seed} stored conversations, {where})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--chats", type=int, default=500)
    parser.add_argument("--seed", type=int, default=100_000)
    parser.add_argument("--threads", type=int, help="default: 1 on SQLite, 4 on PostgreSQL")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    if args.db != "all":
        threads = args.threads or DEFAULT_THREADS[args.db]
        run_one(args.db, args.chats, args.seed, threads, args.processes)
        return
    for kind in ("sqlite", "postgres"):
        command = [sys.executable, "-m", "bench.engine", "--db", kind, "--chats", str(args.chats)]
        command += ["--seed", str(args.seed), "--processes", str(args.processes)]
        if args.threads:
            command += ["--threads", str(args.threads)]
        subprocess.run(command, check=False)


if __name__ == "__main__":
    main()
