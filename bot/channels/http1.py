"""A lean keep-alive HTTP/1.1 transport for httpx: asyncio streams and h11, nothing more.

Why: every WhatsApp reply is one Graph API call, so the sender's cost per request is the
webhook's cost per message. On the 2-core machine our benchmarks run on, httpx's default
transport (httpcore on anyio) spent 1.1-1.5 ms of CPU per small POST to a loopback server;
through this one the same `AsyncClient.post` costs ~0.6 ms (measured back to back, 3,000
requests each). The client API stays httpx's: base URL, headers, timeouts, `json=`,
`Response`. What httpcore offers beyond this (HTTP/2, proxies, socket options) the Graph
API client does not use; every other client keeps httpx's default transport.

One host per transport (the Graph API): idle connections are reused newest first, dropped
after `keepalive_expiry` or when the server has closed them, and a connection that saw an
error or a cancellation is closed rather than reused.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass, field

import h11
import httpx

_READ_SIZE = 65_536


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    h11: h11.Connection = field(default_factory=lambda: h11.Connection(h11.CLIENT))
    idle_since: float = 0.0

    def reusable(self, now: float, expiry: float) -> bool:
        """Still open at both ends and not idle too long (servers drop idle keep-alives)."""
        return (
            now - self.idle_since < expiry
            and not self.reader.at_eof()
            and not self.writer.is_closing()
        )

    def close(self) -> None:
        self.writer.close()


def _out(conn: h11.Connection, event: h11.Event) -> bytes:
    return conn.send(event) or b""


def _timeouts(request: httpx.Request) -> tuple[float | None, float | None]:
    """(connect, read) seconds from the client's `timeout=`, as httpx passes them on."""
    timeout = request.extensions.get("timeout", {})
    return timeout.get("connect"), timeout.get("read")


class Http1Transport(httpx.AsyncBaseTransport):
    """Keep-alive HTTP/1.1 (TLS for https) to one host, at most `max_connections` at once."""

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        max_connections: int = 64,
        keepalive_expiry: float = 5.0,
    ) -> None:
        self._ssl = ssl_context
        self._slots = asyncio.Semaphore(max_connections)
        self._idle: list[_Connection] = []
        self._expiry = keepalive_expiry

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        connect_timeout, read_timeout = _timeouts(request)
        body = await request.aread()
        async with self._slots:
            connection = await self._connection(request, connect_timeout)
            try:
                async with asyncio.timeout(read_timeout):
                    response = await self._exchange(connection, request, body)
            except TimeoutError as exc:
                connection.close()
                raise httpx.ReadTimeout(f"no answer in {read_timeout}s", request=request) from exc
            except (OSError, h11.ProtocolError, asyncio.IncompleteReadError) as exc:
                connection.close()
                raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from exc
            except BaseException:  # cancelled mid-exchange: the stream is in an unknown state
                connection.close()
                raise
            self._release(connection)
            return response

    async def _connection(self, request: httpx.Request, timeout: float | None) -> _Connection:
        url = request.url
        now = time.monotonic()
        while self._idle:
            connection = self._idle.pop()
            if connection.reusable(now, self._expiry):
                return connection
            connection.close()
        https = url.scheme == "https"
        context = (self._ssl or httpx.create_ssl_context()) if https else None
        if https and self._ssl is None:
            self._ssl = context
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    url.host, url.port or (443 if https else 80), ssl=context, limit=_READ_SIZE
                )
        except TimeoutError as exc:
            message = f"no connection to {url.host} in {timeout}s"
            raise httpx.ConnectTimeout(message, request=request) from exc
        except OSError as exc:
            raise httpx.ConnectError(f"{url.host}: {exc}", request=request) from exc
        return _Connection(reader, writer)

    @staticmethod
    async def _exchange(
        connection: _Connection, request: httpx.Request, body: bytes
    ) -> httpx.Response:
        conn = connection.h11
        # The body was read whole, so it goes with its length, never chunked.
        headers = [
            (name, value)
            for name, value in request.headers.raw
            if name.lower() not in (b"content-length", b"transfer-encoding")
        ]
        if body or request.method in ("POST", "PUT", "PATCH"):
            headers.append((b"Content-Length", str(len(body)).encode()))
        head = h11.Request(method=request.method, target=request.url.raw_path, headers=headers)
        data = _out(conn, head) + (_out(conn, h11.Data(data=body)) if body else b"")
        connection.writer.write(data + _out(conn, h11.EndOfMessage()))
        status = 0
        response_headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                conn.receive_data(await connection.reader.read(_READ_SIZE))
            elif isinstance(event, h11.Response):
                status, response_headers = event.status_code, list(event.headers)
            elif isinstance(event, h11.Data):
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                break
            elif isinstance(event, h11.ConnectionClosed):
                raise h11.RemoteProtocolError("the server closed the connection mid-response")
        return httpx.Response(
            status,
            headers=response_headers,
            content=b"".join(chunks),
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )

    def _release(self, connection: _Connection) -> None:
        """Back to the idle list when both sides are done and may go on; else closed."""
        conn = connection.h11
        if conn.our_state is h11.DONE and conn.their_state is h11.DONE:
            conn.start_next_cycle()
            connection.idle_since = time.monotonic()
            self._idle.append(connection)
        else:
            connection.close()

    async def aclose(self) -> None:
        while self._idle:
            connection = self._idle.pop()
            connection.close()
            await connection.writer.wait_closed()
