"""Serve an ASGI app on a free loopback port in a background thread (httpx's test pattern)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server(uvicorn.Server):
    """uvicorn that stops as soon as it is told to: hundreds of tests start and stop one.

    uvicorn looks for the exit flag every 0.1 s and then waits 0.1 s more for connections to
    close; here `stop` wakes its loop, and the shutdown goes on as soon as the connections
    and tasks are done (the same steps as uvicorn's `shutdown`, the lifespan's included).
    """

    def install_signal_handlers(self) -> None:  # the test runner owns the signals
        pass

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        await super().startup(sockets)

    def stop(self) -> None:
        """From another thread: exit the main loop now."""
        self.should_exit = True
        with contextlib.suppress(AttributeError, RuntimeError):  # not started, or loop closed
            self._loop.call_soon_threadsafe(self._stopping.set)

    async def main_loop(self) -> None:
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), 0.1)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        try:  # as uvicorn: requests still running are cancelled after timeout_graceful_shutdown
            async with asyncio.timeout(self.config.timeout_graceful_shutdown):
                while self.server_state.connections or self.server_state.tasks:
                    await asyncio.sleep(0.005)
        except TimeoutError:
            for task in self.server_state.tasks:
                task.cancel()
        for server in self.servers:
            await server.wait_closed()
        await self.lifespan.shutdown()


@contextmanager
def serve(app: Any, **options: Any) -> Iterator[str]:
    """Run `app` until the block ends; yields its base URL. `options` go to uvicorn.Config.

    The server gets a socket already bound to a free port: no other process (another test
    worker) can take the port between choosing it and listening on it.
    """
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", **options
    )
    server = _Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("stub server did not start")
        time.sleep(0.01)
    try:
        yield f"{'https' if options.get('ssl_certfile') else 'http'}://127.0.0.1:{port}"
    finally:
        server.stop()
        thread.join(10)
        sock.close()
