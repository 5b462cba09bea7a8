"""Lean HTTP/1.1 on loopback for the webhook benchmark: a Graph API stub and a load client.

The measuring instrument must not eat the CPU it measures: on two cores a Starlette stub
and an httpx load generator cost more per message than the app under test. These speak
just enough HTTP/1.1 (keep-alive, Content-Length bodies) over asyncio, a few tens of
microseconds a request. The behaviour the tests need (failures, media, auth) lives in
tests/stubs/graph_api.py; this stub only accepts messages and notes when each arrives.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict
from typing import cast

_SENT = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


def _split_head(buffer: bytearray) -> tuple[bytes, int] | None:
    """(head, length of head + body) of the first complete message in `buffer`, if there is one."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = bytes(buffer[:end])
    total = end + 4 + _content_length(head)
    return (head, total) if len(buffer) >= total else None


class Arrivals:
    """When each recipient's messages reached the stub; waiters wake at a given count."""

    def __init__(self) -> None:
        self.count: dict[str, int] = defaultdict(int)
        self.last: dict[str, float] = {}
        self._waiters: dict[str, tuple[int, asyncio.Future[float]]] = {}

    def arrived(self, to: str) -> None:
        self.count[to] += 1
        self.last[to] = now = time.monotonic()
        waiter = self._waiters.get(to)
        if waiter and self.count[to] >= waiter[0] and not waiter[1].done():
            waiter[1].set_result(now)

    async def wait(self, to: str, count: int, timeout: float) -> float:
        """The arrival time of `to`'s message number `count`."""
        if self.count[to] >= count:
            return self.last[to]
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiters[to] = (count, future)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._waiters.pop(to, None)


class GraphStubProtocol(asyncio.Protocol):
    """`POST /{phone_number_id}/messages`: note the recipient, answer like the Cloud API."""

    ids = itertools.count(1)

    def __init__(self, arrivals: Arrivals) -> None:
        self.arrivals = arrivals
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (found := _split_head(self.buffer)) is not None:
            head, total = found
            body = bytes(self.buffer[len(head) + 4 : total])
            del self.buffer[:total]
            to = str(json.loads(body).get("to", "")) if body else ""
            self.arrivals.arrived(to)
            answer = json.dumps(
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": f"wamid.bench{next(self.ids)}"}],
                }
            ).encode()
            assert self.transport is not None
            self.transport.write(_SENT % (len(answer), answer))


class Connection:
    """One keep-alive client connection: send a request, await its status code."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        return cls(*await asyncio.open_connection("127.0.0.1", port))

    async def post(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        if length := _content_length(head):
            await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        self.writer.close()
