"""The HTTP surface against hostile requests (issue 15, items 5, 7 and 12): body size caps
before reading, 400 for bodies no parser should meet, security headers, the chat cookie."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx

from bot.config import load_settings
from bot.services import Services
from bot.web.app import create_app
from tests.channels.test_whatsapp import sign
from tests.stubs.server import serve

MB = 1024 * 1024


def chunks(size: int) -> Iterator[bytes]:
    """A body without Content-Length (chunked), as a client that lies about nothing sends."""
    for _ in range(size // 65536):
        yield b"x" * 65536


def test_bodies_over_the_routes_cap_get_413_before_they_are_read(bot: httpx.Client) -> None:
    big = b"{" + b" " * (2 * MB) + b"}"
    assert bot.post("/webhooks/whatsapp", content=big).status_code == 413
    assert bot.post("/webhooks/whatsapp", content=chunks(2 * MB)).status_code == 413
    assert bot.post("/webhooks/telegram", content=big).status_code == 413
    chat = json.dumps({"text": "a" * 20_000}).encode()
    assert bot.post("/chat/messages", content=chat).status_code == 413
    assert bot.post("/chat/messages", content=chunks(128 * 1024)).status_code == 413
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert bot.post("/dashboard/login", content=chunks(MB), headers=form).status_code == 413
    assert bot.post("/chat/messages", json={"text": "halo"}).status_code == 200


def test_undecodable_and_too_deep_bodies_get_400_not_500(bot: httpx.Client) -> None:
    deep = b"[" * 50_000 + b"]" * 50_000  # under the webhook cap: the parser meets it
    shallower = b"[" * 7_000 + b"]" * 7_000  # under the chat's
    for body in (shallower, b'{"text": "\xff\xfe"}', b"\xc3("):
        response = bot.post("/chat/messages", content=body)
        assert response.status_code == 400, (body[:20], response.text[:200])
        assert "Traceback" not in response.text
    for body in (deep, b"\xff\xfe"):
        response = bot.post(
            "/webhooks/whatsapp", content=body, headers={"X-Hub-Signature-256": sign(body)}
        )
        assert response.status_code == 400


def test_a_lone_surrogate_is_dropped_not_echoed_into_a_500(bot: httpx.Client) -> None:
    for text in ("\\ud800", "halo \\udfff\\uffff", "\\ud83d"):
        raw = b'{"text": "' + text.encode() + b'"}'
        response = bot.post("/chat/messages", content=raw)
        assert response.status_code == 200, response.text[:200]
        shown = json.dumps(response.json(), ensure_ascii=False)
        shown.encode("utf-8")  # no surrogate made it into a reply
        assert "maaf, terjadi kesalahan" not in shown.lower()


def test_pages_set_security_headers_and_the_chat_page_may_not_be_framed(
    bot: httpx.Client,
) -> None:
    page = bot.get("/")
    policy = page.headers["Content-Security-Policy"]
    nonce = re.search(r'<script nonce="([^"]+)">', page.text)
    assert nonce and f"'nonce-{nonce.group(1)}'" in policy
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in page.headers  # plain http: nothing to pin
    again = bot.get("/")
    assert again.headers["Content-Security-Policy"] != policy  # a fresh nonce each page
    for path in ("/dashboard/login", "/healthz"):
        headers = bot.get(path).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_chat_cookie_is_secure_over_https_and_short_lived(services: Services) -> None:
    """Behind a proxy that says https (and is trusted: FORWARDED_ALLOW_IPS) and over plain http."""
    app = create_app(services)
    with (
        serve(app, proxy_headers=True, forwarded_allow_ips="127.0.0.1") as url,
        httpx.Client(base_url=url) as client,
    ):
        https = client.post(
            "/chat/messages", json={"start": True}, headers={"X-Forwarded-Proto": "https"}
        )
        plain = httpx.post(f"{url}/chat/messages", json={"start": True})
    secure_cookie = https.headers["set-cookie"].lower()
    assert "secure" in secure_cookie and "httponly" in secure_cookie
    assert https.headers["Strict-Transport-Security"].startswith("max-age=")
    plain_cookie = plain.headers["set-cookie"].lower()
    assert "secure" not in plain_cookie and plain.status_code == 200  # `make run` still works
    age = int(re.search(r"max-age=(\d+)", plain_cookie).group(1))  # type: ignore[union-attr]
    assert age <= 2 * 60 * 60


def test_forwarded_allow_ips_is_read_like_every_setting(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("FORWARDED_ALLOW_IPS=10.0.0.2\nBOT_SECRET_KEY=" + "k" * 40 + "\n")
    assert load_settings({}, dotenv=dotenv).forwarded_allow_ips == "10.0.0.2"
    assert load_settings({"BOT_SECRET_KEY": "k" * 40}, dotenv=None).forwarded_allow_ips == (
        "127.0.0.1"
    )
