"""A lean keep-alive HTTP/1.1 client for one API: asyncio protocols and httptools' parser.

Why: every WhatsApp reply is one Graph API call, so the sender's cost per request is the
webhook's cost per message. On the 2-core machine our benchmarks run on, a small POST to a
loopback server cost ~480 µs of CPU through `httpx.AsyncClient` with a transport on asyncio
streams and h11: ~230 µs in the client's layers (URL merging, the cookie jar, auth and
redirect flows) and ~250 µs in the transport. Here it costs ~125 µs: requests and
responses are still httpx's (`json=`, multipart `files=`, `Response`, its exceptions), but
the client only joins a path to its base URL, and the transport parses with httptools (the
C parser uvicorn uses) straight from the event loop's `data_received`. A JSON POST (every
reply) skips httpx's request object, and its answer is a `JsonAnswer`: an httpx.Response
cost half as much CPU again as the call's whole Python part.

One host per client (the Graph API): idle connections are reused newest first, dropped
after `keepalive_expiry` or when the server has closed them or asked to, and a connection
that saw an error or a cancellation is closed rather than reused. Interim 1xx answers
(100 Continue, 103 Early Hints) are passed over; a body without a length ends when the
server closes; waiting for a free connection is bounded by the `pool` timeout. When the
proxy variables (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY) send the API's host through
a proxy, `api_client` returns an `httpx.AsyncClient`, which speaks to proxies; HTTP/2
and socket options the Graph API client does not use.

Kept (issue 14) because the webhook bench measured 2.2 ms of app CPU per message with
httpx against 1.1 ms with this client: on two cores httpx alone cannot hold 1,000 msg/s.
"""

from __future__ import annotations

import asyncio
import functools
import json
import ssl
import time
import urllib.request
from collections.abc import Mapping
from types import TracebackType
from typing import Any, cast

import httptools
import httpx

_UNSAFE = (b"\r", b"\n", b"\0")  # would end a header line early: header injection
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)  # httpx's
DEFAULT_TIMEOUT = httpx.Timeout(5.0, connect=3.0)


class _Connection(asyncio.Protocol):
    """One keep-alive connection: the loop feeds the parser, which completes the awaited answer."""

    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.keep_alive = False
        self.idle_since = 0.0
        self._headers: list[tuple[bytes, bytes]] = []
        self._body: list[bytes] = []
        self._until_close = False  # the answer's body has no length: it ends with the connection
        self._answer: asyncio.Future[tuple[int, list[tuple[bytes, bytes]], bytes]] | None = None

    async def exchange(self, data: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """Send one whole request; (status, headers, body) of the response to it."""
        assert self.transport is not None and not self.closed
        self._answer = asyncio.get_running_loop().create_future()
        self.transport.write(data)
        return await self._answer

    def reusable(self, now: float, expiry: float) -> bool:
        """Still open, willing, and not idle too long (servers drop idle keep-alives)."""
        return self.keep_alive and not self.closed and now - self.idle_since < expiry

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(httpx.RemoteProtocolError(f"malformed response: {exc}"))
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._until_close and exc is None:  # the close is the end of the body
            self.keep_alive = False
            self._complete(self.parser.get_status_code())
        self._fail(httpx.ReadError(str(exc) if exc else "the server closed the connection"))

    # httptools callbacks

    def on_message_begin(self) -> None:
        self._headers, self._body, self._until_close = [], [], False

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name, value))

    def on_headers_complete(self) -> None:
        status = self.parser.get_status_code()
        framed = {name.lower() for name, _ in self._headers} & {
            b"content-length",
            b"transfer-encoding",
        }
        self._until_close = not framed and status >= 200 and status not in (204, 304)

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        status = self.parser.get_status_code()
        if 100 <= status < 200 and status != 101:  # interim: the real answer follows
            return
        self._until_close = False
        self.keep_alive = self.parser.should_keep_alive()
        self._complete(status)

    def _complete(self, status: int) -> None:
        if self._answer is not None and not self._answer.done():
            self._answer.set_result((status, self._headers, b"".join(self._body)))

    def _fail(self, error: httpx.TransportError) -> None:
        if self._answer is not None and not self._answer.done():
            self._answer.set_exception(error)


def _head(request: httpx.Request) -> bytes:
    """The request line and headers but the body's length, each line ended."""
    lines = [b"%s %s HTTP/1.1" % (request.method.encode(), request.url.raw_path)]
    for name, value in request.headers.raw:
        if any(c in name or c in value for c in _UNSAFE):
            raise httpx.LocalProtocolError(f"header {name!r} has a line break or NUL")
        if name.lower() not in (b"content-length", b"transfer-encoding"):
            lines.append(name + b": " + value)
    return b"".join(line + b"\r\n" for line in lines)


def _wire(request: httpx.Request, body: bytes) -> bytes:
    """The request line, headers and body as bytes: the body is whole, so it has a length."""
    head = _head(request)
    if body or request.method in ("POST", "PUT", "PATCH"):
        head += b"Content-Length: %d\r\n" % len(body)
    return head + b"\r\n" + body


Timeouts = tuple[float | None, float | None, float | None]  # (pool, connect, read) seconds


class JsonAnswer:
    """The answer to `Http1Client.post(json=…)`: the part of `httpx.Response` API callers read.

    Status, body, `json()`, `text`, `is_success`; the headers are made into
    `httpx.Headers` only when asked for (a refusal's `Retry-After`).
    """

    __slots__ = ("status_code", "content", "_raw")

    def __init__(self, status_code: int, raw: list[tuple[bytes, bytes]], content: bytes) -> None:
        self.status_code = status_code
        self.content = content
        self._raw = raw

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    @property
    def headers(self) -> httpx.Headers:
        return httpx.Headers(self._raw)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content)


def _timeouts(request: httpx.Request) -> Timeouts:
    """(pool, connect, read) seconds from the request's timeout extension, as httpx passes them."""
    timeout = request.extensions.get("timeout", {})
    return timeout.get("pool"), timeout.get("connect"), timeout.get("read")


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
        data = _wire(request, await request.aread())
        status, headers, content = await self.send(data, request.url, _timeouts(request), request)
        return httpx.Response(
            status,
            headers=headers,
            content=content,
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )

    async def send(
        self, data: bytes, url: httpx.URL, timeouts: Timeouts, request: httpx.Request | None = None
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """One whole request (`_wire`) to `url`'s host: the answer's status, headers and body."""
        pool_timeout, connect_timeout, read_timeout = timeouts
        try:
            if self._slots.locked():  # else it is taken at once, no timer needed
                async with asyncio.timeout(pool_timeout):
                    await self._slots.acquire()
            else:
                await self._slots.acquire()
        except TimeoutError as exc:
            message = f"no free connection in {pool_timeout}s"
            raise httpx.PoolTimeout(message, request=request) from exc
        try:
            connection = await self._connection(url, request, connect_timeout)
            try:
                async with asyncio.timeout(read_timeout):
                    status, headers, content = await connection.exchange(data)
            except TimeoutError as exc:
                connection.close()
                raise httpx.ReadTimeout(f"no answer in {read_timeout}s", request=request) from exc
            except httpx.TransportError as exc:
                connection.close()
                if request is not None:
                    exc.request = request
                raise
            except BaseException:  # cancelled mid-exchange: the stream is in an unknown state
                connection.close()
                raise
            self._release(connection)
        finally:
            self._slots.release()
        return status, headers, content

    async def _connection(
        self, url: httpx.URL, request: httpx.Request | None, timeout: float | None
    ) -> _Connection:
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
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                _, connection = await loop.create_connection(
                    _Connection, url.host, url.port or (443 if https else 80), ssl=context
                )
        except TimeoutError as exc:
            message = f"no connection to {url.host} in {timeout}s"
            raise httpx.ConnectTimeout(message, request=request) from exc
        except OSError as exc:
            raise httpx.ConnectError(f"{url.host}: {exc}", request=request) from exc
        return connection

    def _release(self, connection: _Connection) -> None:
        """Back to the idle list if the server keeps it open; else closed."""
        connection.idle_since = time.monotonic()
        if connection.reusable(connection.idle_since, self._expiry):
            self._idle.append(connection)
        else:
            connection.close()

    async def aclose(self) -> None:
        while self._idle:
            self._idle.pop().close()


@functools.lru_cache(maxsize=256)
def _url(base: str, path: str) -> httpx.URL:
    """An endpoint's URL, parsed once: parsing costs a fifth of a request's CPU."""
    return httpx.URL(base + path)


def api_client(
    base_url: str, *, headers: Mapping[str, str], timeout: httpx.Timeout
) -> Http1Client | httpx.AsyncClient:
    """This module's client for `base_url`, or httpx's when the environment names a proxy for it."""
    host = httpx.URL(base_url).host
    proxies = urllib.request.getproxies()
    proxied = not urllib.request.proxy_bypass(host) and any(
        key in proxies for key in (httpx.URL(base_url).scheme, "all")
    )
    if proxied:
        return httpx.AsyncClient(base_url=base_url, headers=headers, timeout=timeout)
    return Http1Client(base_url, headers=headers, timeout=timeout)


class Http1Client:
    """POSTs and GETs to one API: a base URL, headers sent with every request, timeouts.

    What `httpx.AsyncClient` adds beyond that (cookies, redirects, auth flows, event hooks)
    an API client with a bearer token never uses, and it cost half of each request's CPU.
    """

    def __init__(
        self,
        base_url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = dict(headers or {})
        self._timeout = {"timeout": httpx.Timeout(timeout).as_dict()}
        self._timeouts = _timeouts(httpx.Request("GET", "http://-", extensions=self._timeout))
        self._transport = transport or Http1Transport()
        self._json_heads: dict[str, bytes] = {}

    async def post(self, path: str, **content: Any) -> httpx.Response | JsonAnswer:
        """POST `json=`, `content=`, or `data=` with `files=` (multipart), as httpx encodes them."""
        if content.keys() == {"json"} and isinstance(self._transport, Http1Transport):
            return await self._post_json(path, content["json"])
        return await self.request("POST", path, **content)

    async def _post_json(self, path: str, payload: Any) -> JsonAnswer:
        """`post(json=…)`: the bytes httpx would send, without building its request each time.

        Every reply is one of these: the request object and its headers cost a third of the
        send's CPU, and an httpx.Response for the answer about as much again.
        """
        url = _url(self.base_url, path)
        head = self._json_heads.get(path)
        if head is None:
            typed = {**self.headers, "Content-Type": "application/json"}
            head = self._json_heads[path] = _head(httpx.Request("POST", url, headers=typed))
        body = _JSON.encode(payload).encode()
        data = b"%sContent-Length: %d\r\n\r\n%s" % (head, len(body), body)
        assert isinstance(self._transport, Http1Transport)
        status, headers, content = await self._transport.send(data, url, self._timeouts)
        return JsonAnswer(status, headers, content)

    async def request(self, method: str, path: str, **content: Any) -> httpx.Response:
        """Send one request to `path` under the base URL; the response, read whole."""
        request = httpx.Request(
            method,
            _url(self.base_url, path),
            headers=self.headers,
            extensions=self._timeout,
            **content,
        )
        response = await self._transport.handle_async_request(request)
        await response.aread()
        return response

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def __aenter__(self) -> Http1Client:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
