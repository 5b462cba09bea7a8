"""WhatsApp webhook throughput: signed messages through uvicorn, the engine, the database
and the sender, to a stub Graph API; everything on loopback.

    python -m bench.webhook [--db sqlite|postgres|all] [--workers 1 2] [--concurrency 16]
                            [--seconds 30] [--send-rate 1000]

Many distinct users each send a short scripted conversation; a user sends the next message
once the replies to the previous one have all reached the stub, as a person reading them
would, and `--concurrency` users are in flight at once, each on a keep-alive connection
opened 20 ms after the previous one. Prints messages per second; p50/p99 from posting a
message to its 200 (the turn committed, replies in the outbox) and from posting it to the
last of its replies reaching the stub (the outbox's sender delivered them, through the
app's own HTTP/1.1 client, bot/channels/http1.py); how the connections fell across the
workers, the CPU each message cost the app's processes, PostgreSQL's backends serving the
run's database (the server runs on this machine, so its part of each message takes the
same cores) and the measuring process, and the CPU the hypervisor stole meanwhile.

The load generator and the stub share this process and speak lean HTTP/1.1 (bench/loopback.py):
on two cores an httpx client and a Starlette stub would take CPU from the app they measure.
WHATSAPP_SEND_RATE is raised to `--send-rate` (Meta's higher throughput tier) so the
80 msg/s default bucket is not what gets measured.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import uvloop

from bench.engine import scratch_database
from bench.loopback import Arrivals, Connection, GraphStubProtocol
from bot.storage import migrate
from tests.databases import backend_pids, drop_database
from tests.stubs.graph_api import PHONE_NUMBER_ID, TOKEN
from tests.stubs.server import free_port

SCRIPT = ("halo", "1", "2", "menu")  # greeting + menu, program list, a program page, menu
APP_SECRET = "bench-app-secret"


def _cpu_seconds(root: int) -> float:
    """User + system CPU of a process and its live children (the uvicorn workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if root in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _backend_cpu(name: str | None) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving database `name`, by pid.

    The server runs on this machine: its share of each message's cost is the app's
    database cost too. Empty for SQLite.
    """
    if not name:
        return {}
    tick, cpu = os.sysconf("SC_CLK_TCK"), {}
    for pid in backend_pids(name):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    return cpu


def _connections_per_process(root: int, port: int) -> list[int]:
    """How many connections to `port` each of the app's worker processes holds, from /proc.

    Keep-alive connections stay with the worker that accepted them: if one worker took
    them all, the other idles and two workers measure as one.
    """
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":  # ESTABLISHED
                inodes.add(fields[9])
    counts = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, ppid = int(stat.parent.name), int(stat.read_text().rpartition(")")[2].split()[1])
            worker = (
                ppid == root and b"multiprocessing-fork" in (stat.parent / "cmdline").read_bytes()
            )
            if pid != root and not worker:
                continue
            links = [os.readlink(fd) for fd in (stat.parent / "fd").iterdir()]
        except OSError:
            continue
        counts[pid] = sum(link.startswith("socket:[") and link[8:-1] in inodes for link in links)
    if len(counts) > 1:
        counts.pop(root, None)  # the supervisor of uvicorn's workers serves nothing itself
    return sorted(counts.values(), reverse=True)


def _machine_ticks() -> tuple[int, int]:
    """(all, stolen) CPU ticks of the machine so far, from /proc/stat; (0, 0) off Linux.

    Steal is time the hypervisor gave our virtual CPUs to someone else: runs with much of
    it are slower for reasons outside the app.
    """
    try:
        fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return 0, 0
    return sum(fields), fields[7]


def _body(user: str, wamid: str, text: str) -> bytes:
    message = {
        "from": user,
        "id": wamid,
        "timestamp": str(int(time.time())),
        "type": "text",
        "text": {"body": text},
    }
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "6281100000175", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Bench"}, "wa_id": user}],
        "messages": [message],
    }
    entry = {"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}
    return json.dumps({"object": "whatsapp_business_account", "entry": [entry]}).encode()


def _signed(raw: bytes) -> dict[str, str]:
    digest = hmac.new(APP_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"}


async def _wait_ready(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.2)
    raise RuntimeError("the app did not start")


async def _split_later(root: int, port: int, users: int) -> list[int]:
    """`_connections_per_process` once every user's connection is open."""
    await asyncio.sleep(users * 0.02 + 1.0)
    return _connections_per_process(root, port)


async def _post(connection: Connection, wa_id: str, wamid: str, text: str) -> int:
    raw = _body(wa_id, wamid, text)
    return await connection.post("/webhooks/whatsapp", raw, _signed(raw))


async def _calibrate(port: int, arrivals: Arrivals) -> list[int]:
    """How many sends each step of the script makes: one user, slowly, before the load."""
    connection = await Connection.open(port)
    wa_id, counts = "628990000000001", []
    for step, text in enumerate(SCRIPT):
        before = arrivals.count[wa_id]
        if await _post(connection, wa_id, f"wamid.calibrate.{step}", text) != 200:
            raise RuntimeError("the webhook refused the calibration message")
        await asyncio.sleep(0.5)  # every reply has arrived by then, acknowledged early or not
        counts.append(arrivals.count[wa_id] - before)
    connection.close()
    if not all(counts):
        raise RuntimeError(f"a step of the script got no reply: {counts}")
    return counts


async def _load(
    port: int, arrivals: Arrivals, sends: list[int], args: argparse.Namespace, prefix: int
) -> tuple[list[float], list[float], int, float]:
    """Run the users' scripts; (post→200 and post→delivered latencies, failed, elapsed s).

    A user sends the next message once the previous one's replies have all reached the stub,
    as a person reading them would; delivered is when the last reply arrived there.
    """
    acknowledged: list[float] = []
    latencies: list[float] = []
    failed = 0
    stop_at = time.monotonic() + args.seconds
    users = iter(range(args.users))

    async def worker(n: int) -> None:
        nonlocal failed
        await asyncio.sleep(n * 0.02)  # connections arrive one by one, as a platform's do
        connection = await Connection.open(port)
        for user in users:
            wa_id, expected = f"628{prefix}{user:08d}", arrivals.count[f"628{prefix}{user:08d}"]
            for step, text in enumerate(SCRIPT):
                if time.monotonic() >= stop_at:
                    connection.close()
                    return
                began = time.monotonic()
                expected += sends[step]
                status = await _post(connection, wa_id, f"wamid.{prefix}.{user}.{step}", text)
                acked = time.monotonic()
                try:
                    arrived = await arrivals.wait(wa_id, expected, timeout=30)
                except TimeoutError:
                    arrived = 0.0
                if status != 200 or arrived < began:
                    failed += 1
                    break
                acknowledged.append(acked - began)
                latencies.append(arrived - began)
        connection.close()

    began = time.monotonic()
    await asyncio.gather(*(worker(n) for n in range(args.concurrency)))
    return acknowledged, latencies, failed, time.monotonic() - began


def _percentiles(values: list[float]) -> tuple[float, float]:
    """(p50, p99) in milliseconds."""
    ordered = sorted(values) or [0.0]
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    return statistics.median(ordered) * 1000, p99 * 1000


async def run(db: str, workers: int, args: argparse.Namespace) -> None:
    """One database and worker count: start the stub and the app, load, print, clean up."""
    database_url, name = scratch_database(db)
    arrivals = Arrivals()
    stub_port, app_port = free_port(), free_port()
    loop = asyncio.get_running_loop()
    stub = await loop.create_server(lambda: GraphStubProtocol(arrivals), "127.0.0.1", stub_port)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BOT_SECRET_KEY": "b" * 40,
        "WHATSAPP_TOKEN": TOKEN,
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "WHATSAPP_APP_SECRET": APP_SECRET,
        "WHATSAPP_API_URL": f"http://127.0.0.1:{stub_port}",
        "WHATSAPP_SEND_RATE": str(args.send_rate),
        "TELEGRAM_BOT_TOKEN": "",  # a token in .env would start Telegram too
    }
    server = None
    try:
        migrate.upgrade(database_url)
        server = subprocess.Popen(  # the product's own command, as the Procfile runs it
            [sys.executable, "-m", "bot", "run", "--web"],
            env={
                **env,
                "HOST": "127.0.0.1",
                "PORT": str(app_port),
                "WEB_CONCURRENCY": str(workers),
            },
        )
        await _wait_ready(app_port, time.monotonic() + 30)
        sends = await _calibrate(app_port, arrivals)
        warm = argparse.Namespace(**{**vars(args), "seconds": 3.0})
        await _load(app_port, arrivals, sends, warm, prefix=1)
        cpu_before, own_before = _cpu_seconds(server.pid), time.process_time()
        backends_before = _backend_cpu(name)
        ticks_before, steal_before = _machine_ticks()
        probe = asyncio.create_task(_split_later(server.pid, app_port, args.concurrency))
        acked, latencies, failed, elapsed = await _load(app_port, arrivals, sends, args, prefix=2)
        split = "/".join(map(str, await probe))
        count = max(1, len(latencies))
        app_cpu = (_cpu_seconds(server.pid) - cpu_before) / count * 1000
        bench_cpu = (time.process_time() - own_before) / count * 1000
        backends = _backend_cpu(name)  # a backend started meanwhile counts from 0
        db_cpu = sum(cpu - backends_before.get(pid, 0.0) for pid, cpu in backends.items())
        db_part = f", PostgreSQL {db_cpu / count * 1000:.2f} ms" if name else ""
        ticks_after, steal_after = _machine_ticks()
        ticks = ticks_after - ticks_before
        stolen = (steal_after - steal_before) / ticks * 100 if ticks else 0.0
        ack50, ack99 = _percentiles(acked)
        p50, p99 = _percentiles(latencies)
        print(
            f"{db:8} workers {workers}  {len(latencies):5} msgs  {len(latencies) / elapsed:5.0f} "
            f"msg/s  post→200 p50 {ack50:5.1f} / p99 {ack99:5.1f} ms  post→delivered p50 "
            f"{p50:5.1f} / p99 {p99:5.1f} ms  failed {failed}  "
            f"({args.concurrency} users in flight, their connections per worker {split}; "
            f"{sum(sends)} sends per {len(SCRIPT)} "
            f"messages)  CPU per message: app {app_cpu:.2f} ms{db_part}, load generator + stub "
            f"{bench_cpu:.2f} ms; CPU stolen by the hypervisor {stolen:.0f} %",
            flush=True,
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        stub.close()
        if name:
            drop_database(name)


def _machine_speed() -> str:
    """A yardstick for reading the numbers: pure-Python speed and the load of this machine."""

    def batch() -> float:
        began = time.perf_counter()
        for _ in range(200):
            sum(range(1000))
        return (time.perf_counter() - began) / 200 * 1e6

    per_loop = min(batch() for _ in range(20))  # the best batch: speed, not contention
    return (
        f"sum(range(1000)) takes {per_loop:.0f} µs here (~10 µs on a current laptop); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--users", type=int, default=100_000, help="each sends the script once")
    parser.add_argument("--concurrency", type=int, default=16, help="users in flight")
    parser.add_argument("--seconds", type=float, default=30, help="stop sending after this long")
    parser.add_argument("--send-rate", type=float, default=1000)
    args = parser.parse_args()
    print(_machine_speed(), flush=True)
    for db in ("sqlite", "postgres") if args.db == "all" else (args.db,):
        for workers in args.workers:
            uvloop.run(run(db, workers, args))


if __name__ == "__main__":
    main()
