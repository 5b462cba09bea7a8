"""SQLite's one writer, queued for without sleeping: across threads and across processes.

SQLite lets one transaction write at a time; a connection that finds the database locked
sleeps in its busy handler (1, 2, 5, 10 … up to 100 ms) and tries again. Two uvicorn
workers turning messages at full speed would spend their tail latency in those sleeps.
Threads of a process queue on a lock; processes queue on an exclusive `flock` of a file
next to the database, which the kernel hands to the next waiter the moment it is freed.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path
from types import TracebackType


class WriterLock:
    """Held around each turn's transaction: `with lock: …`."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".writer-lock")
        self._threads = threading.Lock()
        self._fd: int | None = None  # opened lazily: a forked or spawned worker opens its own

    def __enter__(self) -> WriterLock:
        self._threads.acquire()
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._fd is not None
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._threads.release()
