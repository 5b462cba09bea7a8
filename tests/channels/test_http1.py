"""The Graph API client's transport against a real uvicorn server: keep-alive, a server that
drops idle connections, timeouts, refused connections, chunked answers and TLS."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import ssl
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

from bot.channels.http1 import Http1Client, Http1Transport, api_client
from tests.stubs.server import free_port, serve

CLIENT_PORTS: list[int] = []


async def echo(request: Request) -> JSONResponse:
    """The body's length and the client's port: one port per connection the transport opened."""
    assert request.client is not None
    CLIENT_PORTS.append(request.client.port)
    body = await request.body()
    return JSONResponse({"length": len(body), "type": request.headers.get("content-type")})


async def closing(request: Request) -> JSONResponse:
    """An answer after which the server will not keep the connection."""
    assert request.client is not None
    CLIENT_PORTS.append(request.client.port)
    return JSONResponse({"bye": True}, headers={"Connection": "close"})


async def slow(request: Request) -> JSONResponse:
    await asyncio.sleep(1.0)
    return JSONResponse({"late": True})


async def chunked(request: Request) -> StreamingResponse:
    async def parts() -> AsyncIterator[bytes]:
        for part in (b'{"parts": ', b"[1, 2, ", b"3]}"):
            yield part

    return StreamingResponse(parts(), media_type="application/json")


APP = Starlette(
    routes=[
        Route("/echo", echo, methods=["POST"]),
        Route("/closing", closing, methods=["POST"]),
        Route("/slow", slow),
        Route("/chunked", chunked),
    ]
)


@pytest.fixture
def server() -> Iterator[str]:
    CLIENT_PORTS.clear()
    with serve(APP, timeout_keep_alive=1) as url:
        yield url


def client(url: str, **transport: object) -> Http1Client:
    return Http1Client(
        url,
        timeout=httpx.Timeout(0.5, connect=1.0),
        transport=Http1Transport(**transport),  # type: ignore[arg-type]
    )


async def test_requests_in_a_row_share_one_connection(server: str) -> None:
    async with client(server) as http:
        for n in range(5):
            response = await http.post("/echo", json={"n": n, "text": "halo" * n})
            assert response.status_code == 200
            assert response.json()["type"] == "application/json"
    assert len(CLIENT_PORTS) == 5
    assert len(set(CLIENT_PORTS)) == 1


async def test_requests_at_once_open_connections_up_to_the_limit(server: str) -> None:
    async with client(server, max_connections=2) as http:
        responses = await asyncio.gather(*(http.post("/echo", content=b"x" * 10) for _ in range(6)))
    assert [r.json()["length"] for r in responses] == [10] * 6
    assert len(set(CLIENT_PORTS)) <= 2


async def test_a_connection_the_server_closed_is_not_reused(server: str) -> None:
    async with client(server) as http:
        assert (await http.post("/echo", content=b"a")).status_code == 200
        await asyncio.sleep(1.5)  # past uvicorn's keep-alive timeout: it closes the connection
        assert (await http.post("/echo", content=b"b")).status_code == 200
    assert len(set(CLIENT_PORTS)) == 2


async def test_an_idle_connection_past_its_expiry_is_replaced(server: str) -> None:
    async with client(server, keepalive_expiry=0.1) as http:
        await http.post("/echo", content=b"a")
        await asyncio.sleep(0.3)
        await http.post("/echo", content=b"b")
    assert len(set(CLIENT_PORTS)) == 2


async def test_a_slow_server_times_out_and_the_next_request_works(server: str) -> None:
    async with client(server) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.request("GET", "/slow")
        assert (await http.post("/echo", content=b"after")).json()["length"] == 5


async def test_a_refused_connection_is_a_connect_error() -> None:
    async with client(f"http://127.0.0.1:{free_port()}") as http:
        with pytest.raises(httpx.ConnectError):
            await http.post("/echo", content=b"x")


async def test_a_chunked_answer_arrives_whole(server: str) -> None:
    async with client(server) as http:
        assert (await http.request("GET", "/chunked")).json() == {"parts": [1, 2, 3]}


async def test_a_multipart_upload_goes_with_its_length(server: str) -> None:
    async with client(server) as http:
        response = await http.post(
            "/echo",
            data={"messaging_product": "whatsapp"},
            files={"file": ("qr.png", b"\x89PNG" + b"0" * 2000, "image/png")},
        )
    assert response.json()["length"] > 2000
    assert response.json()["type"].startswith("multipart/form-data; boundary=")


async def test_a_connection_the_server_will_close_is_not_reused(server: str) -> None:
    async with client(server) as http:
        for _ in range(2):
            assert (await http.post("/closing", content=b"x")).json() == {"bye": True}
    assert len(set(CLIENT_PORTS)) == 2


async def test_a_header_with_a_line_break_is_refused_before_sending(server: str) -> None:
    async with Http1Client(server, headers={"Authorization": "Bearer x\r\nX-Evil: 1"}) as http:
        with pytest.raises(httpx.LocalProtocolError):
            await http.post("/echo", content=b"x")
    assert CLIENT_PORTS == []


@contextlib.asynccontextmanager
async def raw_server(answer: bytes) -> AsyncIterator[str]:
    """A server that answers every request with `answer` as it is, then closes."""

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(reply, "127.0.0.1", 0)
    async with server:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


async def test_a_response_cut_short_is_a_read_error() -> None:
    half = b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"partial'
    async with raw_server(half) as url, client(url) as http:
        with pytest.raises(httpx.ReadError):
            await http.request("GET", "/")


async def test_a_malformed_response_is_a_protocol_error() -> None:
    async with raw_server(b"HTTP/1.1 OK\r\n\r\n") as url, client(url) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            await http.request("GET", "/")


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as a test CA would issue."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


async def test_https_is_spoken_with_the_certificate_checked(tmp_path: Path) -> None:
    cert_file, key_file = _self_signed(tmp_path)
    CLIENT_PORTS.clear()
    with serve(APP, ssl_certfile=str(cert_file), ssl_keyfile=str(key_file)) as url:
        assert url.startswith("https://")
        trusting = ssl.create_default_context(cafile=str(cert_file))
        async with client(url, ssl_context=trusting) as http:
            for _ in range(2):
                assert (await http.post("/echo", content=b"secret")).json()["length"] == 6
        assert len(set(CLIENT_PORTS)) == 1
        async with client(url) as http:  # the system's trust store does not know this server
            with pytest.raises(httpx.ConnectError):
                await http.post("/echo", content=b"x")


async def test_interim_answers_are_passed_over_for_the_final_one() -> None:
    answer = (
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
        b'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n{"ok": true}'
    )
    async with raw_server(answer) as url, client(url) as http:
        response = await http.request("GET", "/")
    assert response.status_code == 200 and response.json() == {"ok": True}


async def test_a_body_framed_by_the_connection_closing_arrives_whole() -> None:
    answer = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"id": "wamid.1"}'
    async with raw_server(answer) as url, client(url) as http:
        response = await http.request("GET", "/")
        assert response.json() == {"id": "wamid.1"}
        assert (await http.request("GET", "/")).json() == {"id": "wamid.1"}  # a new connection


async def test_a_json_post_answer_reads_as_httpx_would() -> None:
    """The light answer of `post(json=…)`: status, headers, text and JSON of a throttling."""
    body = b'{"error": {"code": 130429}}'
    answer = b"HTTP/1.1 429 Too Many\r\nRetry-After: 2.5\r\nContent-Length: %d\r\n\r\n%s" % (
        len(body),
        body,
    )
    async with raw_server(answer) as url, client(url) as http:
        response = await http.post("/123/messages", json={"to": "1"})
    assert (response.status_code, response.is_success) == (429, False)
    assert response.headers.get("retry-after") == "2.5"
    assert response.json() == {"error": {"code": 130429}}
    assert response.text == body.decode()


async def test_waiting_for_a_free_connection_is_bounded_by_the_pool_timeout(server: str) -> None:
    http = Http1Client(
        server,
        timeout=httpx.Timeout(5.0, pool=0.2),
        transport=Http1Transport(max_connections=1),
    )
    async with http:
        busy = asyncio.create_task(http.request("GET", "/slow"))  # holds the one connection 1 s
        await asyncio.sleep(0.05)
        with pytest.raises(httpx.PoolTimeout):
            await http.request("POST", "/echo", json={})
        assert (await busy).json() == {"late": True}
        assert (await http.request("POST", "/echo", json={})).status_code == 200  # freed


async def test_a_proxy_in_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bytes] = []

    async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append((await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")[0])
        writer.write(b'HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{"via": true}')
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(proxy, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        options = {"headers": {}, "timeout": httpx.Timeout(2.0)}
        async with api_client("http://graph.example.invalid/v21.0", **options) as http:
            response = await http.post("/123/messages", json={})
        assert response.json() == {"via": True}
        assert seen == [b"POST http://graph.example.invalid/v21.0/123/messages HTTP/1.1"]
        monkeypatch.setenv("NO_PROXY", "graph.example.invalid")
        assert isinstance(api_client("http://graph.example.invalid", **options), Http1Client)


async def test_a_json_post_sends_the_bytes_httpx_would() -> None:
    received: list[bytes] = []
    finished = asyncio.Event()

    async def record(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError):  # until the client closes
            while head := await reader.readuntil(b"\r\n\r\n"):
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                received.append(head + await reader.readexactly(length))
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        writer.close()
        finished.set()

    port = free_port()
    listening = await asyncio.start_server(record, "127.0.0.1", port)
    payload = {"to": "6281", "text": {"body": "Halo, Bu Siti! Rp 1.000 · ✓"}, "n": [1, 2.5, None]}
    async with Http1Client(
        f"http://127.0.0.1:{port}/v21.0", headers={"Authorization": "Bearer t"}
    ) as http:
        assert (await http.post("/123/messages", json=payload)).json() == {}
        assert (await http.request("POST", "/123/messages", json=payload)).json() == {}
    await finished.wait()  # the client closed its connection, and the server its end
    listening.close()
    expected = httpx.Request(
        "POST",
        f"http://127.0.0.1:{port}/v21.0/123/messages",
        headers={"Authorization": "Bearer t"},
        json=payload,
    )
    assert received[0] == received[1]
    assert received[0].endswith(b"\r\n\r\n" + expected.read())
    assert b"Content-Type: application/json\r\n" in received[0]
