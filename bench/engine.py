"""Engine throughput: scripted conversations through the real engine, no network.

    python -m bench.engine [--db sqlite|postgres|all] [--chats 500] [--seed 100000] [--threads 4]

Prints messages per second, p50/p99 latency per message and peak RSS, with `--seed`
conversations already stored. Each database runs in its own process, so RSS is its own.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from bot.config import load_settings
from bot.conversation import Channel, Incoming, Kind
from bot.services import build_services
from bot.storage import migrate
from bot.storage.models import Conversation
from tests.databases import admin_url, create_database, drop_database

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


def run_one(kind: str, chats: int, seed: int, threads: int) -> None:
    url, name = scratch_database(kind)
    try:
        migrate.upgrade(url)
        services = build_services(
            load_settings({"DATABASE_URL": url, "BOT_SECRET_KEY": "b" * 40}, dotenv=None)
        )
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
        latencies: list[float] = []
        lock = threading.Lock()

        def converse(chat: int) -> None:
            mine = []
            for step, (kind_, value) in enumerate(SCRIPT):
                fields = {"text": value} if kind_ is Kind.TEXT else {"payload": value}
                incoming = Incoming(
                    Channel.WHATSAPP,
                    f"c{chat}",
                    f"c{chat}",
                    kind_,
                    message_id=f"c{chat}-{step}",
                    **fields,
                )  # type: ignore[arg-type]
                began = time.perf_counter()
                replies = services.engine.handle(incoming)
                mine.append(time.perf_counter() - began)
                assert replies and "gangguan" not in replies[0].text
            with lock:
                latencies.extend(mine)

        began = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(converse, range(chats)))
        elapsed = time.perf_counter() - began
        services.close()
        latencies.sort()
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{kind:8} {len(latencies):6} msgs  {len(latencies) / elapsed:7.0f} msg/s  "
            f"p50 {statistics.median(latencies) * 1000:5.2f} ms  p99 {p99 * 1000:6.2f} ms  "
            f"peak RSS {rss_mb:5.0f} MB  ({seed} stored conversations, {threads} threads)"
        )
    finally:
        if name:
            drop_database(name)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--chats", type=int, default=500)
    parser.add_argument("--seed", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if args.db != "all":
        run_one(args.db, args.chats, args.seed, args.threads)
        return
    for kind in ("sqlite", "postgres"):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.engine",
                "--db",
                kind,
                "--chats",
                str(args.chats),
                "--seed",
                str(args.seed),
                "--threads",
                str(args.threads),
            ],
            check=False,
        )


if __name__ == "__main__":
    main()
