"""Lead exports and the leads list at a million leads, on SQLite and PostgreSQL.

    python -m bench.exports [--db sqlite|postgres|all] [--leads 1000000] [--keep]
    python -m bench.exports --reuse URL     # a database an earlier --keep run loaded
    python -m bench.exports --only-programmes [--programme-rows 10000]

First imports a village list of 10,000 rows (`python -m bot programmes import`, its own
process: time and peak RSS). Then loads the leads with bulk Core inserts, then times the
leads list's first page (and a deep page, and a name search) and `python -m bot leads
export` as a child process for CSV and XLSX, reading each child's peak RSS from wait4. On
PostgreSQL it also times `COPY (same query) TO STDOUT WITH CSV` and prints our CSV time as a
ratio of it. Targets: CSV <= 15 s, XLSX <= 90 s, peak RSS <= 200 MB, first page <= 100 ms.
Prints numbers; exits 1 when a target is missed. Loading a million leads takes minutes:
`--keep` leaves the database in place and prints the `--reuse` line that times it again
(migrated to the newest revision).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

from bench.engine import scratch_database
from bot.crypto import Crypto
from bot.domain.regions import districts, villages
from bot.storage import migrate
from bot.storage.branches import seed_if_empty
from bot.storage.db import make_session_factory
from bot.storage.lead_queries import LeadFilter, Scope, list_page
from bot.storage.models import Branch, BranchArea, Lead, Officer
from tests.databases import drop_database

SECRET = "b" * 40
NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
TARGETS = {"csv": 15.0, "xlsx": 90.0, "rss": 200.0, "page_ms": 100.0}
STATUSES = ["baru"] * 6 + ["dihubungi", "terdaftar", "tidak_berminat", "tidak_dapat_dihubungi"]
FIRST = ["Made", "Ketut", "Siti", "Asep", "Dewi", "Budi", "Ni Luh", "Agus", "Rina", "Wayan"]
LAST = ["Wirawan", "Nurhaliza", "Hidayat", "Saputra", "Lestari", "Santoso", "Putri", "Kusuma"]


def load(url: str, count: int) -> None:
    """Branches from the seed, 60 officers, `count` leads over a year, in 20,000-row batches."""
    migrate.upgrade(url)
    db = create_engine(url)
    rng = random.Random(7)
    crypto = Crypto(SECRET)
    tokens = [crypto.encrypt(f"51030612039{n:05d}") for n in range(200)]  # encrypting is slow
    with make_session_factory(db).begin() as session:
        seed_if_empty(session)
        branches = list(session.scalars(select(Branch)))
        areas = {
            b.id: [
                a.regency_code
                for a in session.scalars(select(BranchArea).where(BranchArea.branch_id == b.id))
            ]
            for b in branches
        }
        for n in range(60):
            session.add(
                Officer(
                    code=f"B{n:05d}",
                    name=f"Petugas {n}",
                    branch_id=branches[n % len(branches)].id,
                    active=True,
                    created_at=NOW,
                )
            )
        session.flush()
        officers = [(o.id, o.branch_id) for o in session.scalars(select(Officer))]
    places: dict[int, list[tuple[str, str | None, str | None]]] = {}
    for branch in branches:
        regencies = areas[branch.id] or ["51.03"]
        spots: list[tuple[str, str | None, str | None]] = []
        for regency in regencies[:3]:
            for district in districts(regency)[:4]:
                spots += [(regency, district.code, v.code) for v in villages(district.code)[:5]]
        places[branch.id] = spots or [(regencies[0], None, None)]
    start = time.perf_counter()
    with db.begin() as connection:
        batch: list[dict[str, object]] = []
        for i in range(count):
            officer_id, branch_id = officers[i % len(officers)]
            regency, district, village = rng.choice(places[branch_id])
            at = NOW - timedelta(seconds=int(365 * 86400 * (count - i) / count))
            batch.append(
                dict(
                    reference=f"JMS-{i:08d}"[:13],
                    created_at=at,
                    updated_at=at,
                    contact_id=None,
                    channel="whatsapp",
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    nik_encrypted=tokens[i % len(tokens)],
                    nik_hash=f"{i:064d}",
                    birth_date=date(1970 + i % 35, 1 + i % 12, 1 + i % 28),
                    gender="LP"[i % 2],
                    phone=f"+628{1200000000 + i}",
                    regency_code=regency,
                    district_code=district,
                    village_code=village,
                    address="Jl. Raya No. 1",
                    occupation="Pedagang",
                    monthly_income=1_500_000 + (i % 20) * 100_000,
                    programs=["jkk", "jkm"],
                    payment_period=1,
                    sponsored_interest=i % 3 == 0,
                    officer_id=officer_id if i % 4 else None,
                    branch_id=branch_id,
                    branch_flagged=False,
                    status=STATUSES[i % len(STATUSES)],
                    consent_version="2026-11",
                    consent_at=at,
                )
            )
            if len(batch) == 20_000:
                connection.execute(insert(Lead), batch)
                batch = []
        if batch:
            connection.execute(insert(Lead), batch)
    db.dispose()
    analyze(url)
    print(f"  loaded {count:,} leads in {time.perf_counter() - start:.1f} s", flush=True)


def analyze(url: str) -> None:
    """Fresh planner statistics, also for the index expressions such as lower(name)."""
    db = create_engine(url)
    with db.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    db.dispose()


def first_pages(url: str) -> dict[str, float]:
    """Milliseconds for the first page (median of 5 after one warm-up) in typical scopes."""
    from bot.storage.db import make_engine

    db = make_engine(url)
    sessions = make_session_factory(db)
    with sessions() as session:
        branch = session.scalars(select(Branch.id).order_by(Branch.id)).first()
        officer = session.scalars(select(Officer.id).order_by(Officer.id)).first()
        middle = list_page(session, Scope(branch_id=branch), LeadFilter(), size=1)
    cases = {
        "admin, all leads": (Scope(), LeadFilter(), None),
        "branch": (Scope(branch_id=branch), LeadFilter(), None),
        "branch, status baru": (Scope(branch_id=branch), LeadFilter(status="baru"), None),
        "officer": (Scope(officer_id=officer), LeadFilter(), None),
        "branch, search name": (Scope(branch_id=branch), LeadFilter(q="wirawan"), None),
        # one lead in 80, not in 8: the trigram index rather than walking the newest leads
        "branch, search full name": (Scope(branch_id=branch), LeadFilter(q="ni luh lestari"), None),
        "branch, next page": (Scope(branch_id=branch), LeadFilter(), middle.next_cursor),
    }
    results = {}
    for label, (scope, f, cursor) in cases.items():
        times = []
        for _ in range(6):
            with sessions() as session:
                t0 = time.perf_counter()
                list_page(session, scope, f, cursor)
                times.append((time.perf_counter() - t0) * 1000)
        results[label] = statistics.median(times[1:])
    db.dispose()
    return results


#: Runs the command and reports its rusage. A child's peak RSS counts its parent's, this
#: benchmark's, when spawned from it directly (exec keeps the spawning memory's high-water
#: mark), so the command is spawned from this small process instead.
LAUNCHER = """
import json, os, subprocess, sys
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime,
                  usage.ru_maxrss]))
"""


def child(url: str, *args: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `python -m bot ARGS`, its own process.

    CPU time is printed too: on a shared machine the wall time also counts other processes.
    """
    env = {**os.environ, "DATABASE_URL": url, "BOT_SECRET_KEY": SECRET}
    t0 = time.perf_counter()
    launched = subprocess.run(
        [sys.executable, "-c", LAUNCHER, sys.executable, "-m", "bot", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - t0
    code, cpu, rss_kb = json.loads(launched.stdout)
    if code:
        raise RuntimeError(f"{' '.join(args[:2])} failed with {code}")
    return seconds, cpu, rss_kb / 1024


def export(url: str, fmt: str, out: Path) -> tuple[float, float, float]:
    """`python -m bot leads export` of every lead: wall, CPU seconds and peak RSS (MB)."""
    return child(url, "leads", "export", "--format", fmt, "--output", str(out))


def village_list(path: Path, rows: int) -> None:
    """A village's list of `rows` valid workers of Kedonganan (Badung), as a desa keeps it."""
    jobs = ["Petani", "Nelayan", "Buruh harian lepas", "Pedagang", "Pemulung", "Marbot"]
    with path.open("w", encoding="utf-8") as out:
        out.write("No;NIK;Nama;Tgl. Lahir;Pekerjaan;Desa/Kelurahan;No HP\n")
        for i in range(rows):
            born = date(1970 + i // 9_999, 1 + i % 12, 1 + i % 28)
            nik = f"510301{born:%d%m%y}{i % 9_999 + 1:04d}"
            name = f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}"
            phone = f"0812{i:08d}" if i % 2 else ""
            out.write(
                f"{i + 1};{nik};{name};{born:%d-%m-%Y};{jobs[i % len(jobs)]};Kedonganan;{phone}\n"
            )


def programme_import(url: str, folder: Path, rows: int) -> tuple[float, float, float]:
    """`python -m bot programmes import` of a `rows`-row list into a fresh desa programme."""
    path = folder / "daftar.csv"
    village_list(path, rows)
    env = {**os.environ, "DATABASE_URL": url, "BOT_SECRET_KEY": SECRET}
    added = subprocess.run(
        [sys.executable, "-m", "bot", "programmes", "add", "--village", "51.03.01.1003"]
        + ["--funding", "SD", "--quota", str(rows), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    programme = str(json.loads(added.stdout)["id"])
    report = str(folder / "laporan.csv")
    return child(url, "programmes", "import", programme, str(path), "--report", report)


def copy_csv(url: str, out: Path) -> float:
    """PostgreSQL's own CSV of the same rows (the export's query), for comparison."""
    import psycopg

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(False)
    query = (  # the export's rows and columns, unfiltered, NIK masked (not selected)
        "SELECT l.reference, l.created_at, l.status, l.name, l.id, l.birth_date, l.gender, l.phone,"
        " l.regency_code, l.district_code, l.village_code, l.address, l.occupation,"
        " l.monthly_income, l.programs, l.payment_period, l.sponsored_interest, o.name, o.code,"
        " b.code, l.channel FROM leads l JOIN branches b ON b.id = l.branch_id"
        " LEFT JOIN officers o ON o.id = l.officer_id ORDER BY l.created_at, l.id"
    )
    t0 = time.perf_counter()
    sql = f"COPY ({query}) TO STDOUT WITH CSV HEADER"
    with (
        psycopg.connect(conninfo) as conn,
        conn.cursor() as cur,
        out.open("wb") as fh,
        cur.copy(sql) as copy,
    ):
        for chunk in copy:
            fh.write(chunk)
    return time.perf_counter() - t0


def run_programmes(kind: str, rows: int) -> None:
    """A village list of `rows` rows imported into a fresh database: time and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="jb-bench-") as scratch:
        folder = Path(scratch)
        try:
            url, name = scratch_database(kind, folder)
        except Exception as exc:  # noqa: BLE001 - no server: say so and go on
            print(f"\n{kind}: programme import skipped: {exc}")
            return
        try:
            migrate.upgrade(url)
            with make_session_factory(create_engine(url)).begin() as session:
                seed_if_empty(session)
            seconds, cpu, rss = programme_import(url, folder, rows)
            print(
                f"\n{kind}: programme import of {rows:,} rows: {seconds:.1f} s "
                f"(CPU {cpu:.1f} s), peak RSS {rss:.0f} MB",
                flush=True,
            )
        finally:
            if name:
                drop_database(name)


def run(kind: str, count: int, *, keep: bool = False, reuse: str | None = None) -> bool:
    busy = os.getloadavg()[0]
    what = f"{reuse} (reused)" if reuse else f"{count:,} leads"
    print(f"\n{kind}: {what} (load average {busy:.1f} on {os.cpu_count()} CPUs)", flush=True)
    with tempfile.TemporaryDirectory(prefix="jb-bench-") as scratch:
        folder = Path(scratch)
        url, name = reuse or "", None
        if not reuse:
            try:
                url, name = scratch_database(kind, Path(tempfile.mkdtemp()) if keep else folder)
            except Exception as exc:  # noqa: BLE001 - no server: say so and go on
                print(f"  skipped: {exc}")
                return True
        ok = True
        try:
            if reuse:
                migrate.upgrade(url)
                analyze(url)
            else:
                # In its own fresh process: a child's peak RSS (wait4) counts the memory of the
                # process it was forked from, and loading grows this one past the export's own.
                loader = multiprocessing.get_context("spawn").Process(
                    target=load, args=(url, count)
                )
                loader.start()
                loader.join()
                if loader.exitcode:
                    raise RuntimeError(f"loading failed with {loader.exitcode}")
            for label, ms in first_pages(url).items():
                ok &= ms <= TARGETS["page_ms"]
                print(f"  leads list, {label}: {ms:.1f} ms (target <= {TARGETS['page_ms']:.0f})")
            for fmt in ("csv", "xlsx"):
                out = folder / f"leads.{fmt}"
                seconds, cpu, rss = export(url, fmt, out)
                ok &= seconds <= TARGETS[fmt] and rss <= TARGETS["rss"]
                size = out.stat().st_size / 1e6
                print(
                    f"  export {fmt}: {seconds:.1f} s (target <= {TARGETS[fmt]:.0f}; "
                    f"CPU {cpu:.1f} s), peak RSS {rss:.0f} MB (target <= {TARGETS['rss']:.0f}), "
                    f"{size:.0f} MB",
                    flush=True,
                )
                if fmt == "csv" and kind == "postgres":
                    copy_seconds = copy_csv(url, folder / "copy.csv")
                    print(
                        f"  COPY ... TO STDOUT WITH CSV: {copy_seconds:.1f} s; "
                        f"our CSV export / COPY = {seconds / copy_seconds:.1f}x"
                    )
        finally:
            if keep:
                print(f"  kept: python -m bench.exports --reuse {url}")
            elif name:
                drop_database(name)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the loaded database")
    parser.add_argument("--reuse", metavar="URL", help="time a database a --keep run loaded")
    parser.add_argument("--programme-rows", type=int, default=10_000, help="village list rows")
    parser.add_argument("--only-programmes", action="store_true", help="the list import only")
    args = parser.parse_args()
    kinds = ["sqlite", "postgres"] if args.db == "all" else [args.db]
    for kind in kinds:
        run_programmes(kind, args.programme_rows)
    if args.only_programmes:
        return 0
    if args.reuse:
        kind = "sqlite" if make_url(args.reuse).get_backend_name() == "sqlite" else "postgres"
        ok = run(kind, 0, reuse=args.reuse)
    else:
        ok = all([run(kind, args.leads, keep=args.keep) for kind in kinds])
    print("\nall targets met" if ok else "\nsome targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
