"""The SQLite writer lock queues threads and processes: the second waits for the first."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

from bot.storage.writer_lock import WriterLock


def hold(database: str, seconds: float, held: multiprocessing.synchronize.Event) -> None:
    with WriterLock(Path(database)):
        held.set()
        time.sleep(seconds)


def test_a_second_process_waits_for_the_holder(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    context = multiprocessing.get_context("spawn")
    held = context.Event()
    holder = context.Process(target=hold, args=(str(database), 0.5, held))
    holder.start()
    assert held.wait(30)
    began = time.monotonic()
    with WriterLock(database):
        waited = time.monotonic() - began
    holder.join(10)
    assert 0.2 < waited < 5
    assert (tmp_path / "bot.db.writer-lock").exists()


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path / "bot.db")
    inside: list[int] = []
    overlaps: list[int] = []

    def work(n: int) -> None:
        for _ in range(20):
            with lock:
                if inside:
                    overlaps.append(n)
                inside.append(n)
                time.sleep(0.001)
                inside.remove(n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []
