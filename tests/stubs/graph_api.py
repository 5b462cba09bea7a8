"""A stub WhatsApp Cloud API (Graph API): records what the bot sends, fails when told to.

    POST /{phone_number_id}/messages   JSON body → send_response.json shape
    POST /{phone_number_id}/media      multipart upload → {"id": …}

`fail("500")`, `fail("130429")`, `fail("429")` (HTTP 429 with `Retry-After: 1`),
`fail("131047")`, `fail("400")` or `fail("hang")` queue the next answers; `fail_for(seconds,
"500")` answers every call so for a while (an outage). Each call made, failed or not, is
kept in `attempts` (and its time in `attempted_at`), each accepted body in `sent`, and the
time of the latest send to each recipient (the benchmark's latency).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TOKEN = "EAAG-test-token"
PHONE_NUMBER_ID = "106540352242922"  # the number in the shared webhook fixtures
FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "whatsapp"


def _error(name: str) -> dict[str, Any]:
    return dict(json.loads((FIXTURES / f"error_{name}.json").read_text()))


FAILURES: dict[str, tuple[int, dict[str, Any]]] = {
    "500": (
        500,
        {
            "error": {
                "message": "An unknown error occurred",
                "type": "OAuthException",
                "code": 1,
                "is_transient": True,
            }
        },
    ),
    "130429": (400, _error("rate_limit")),
    "131047": (400, _error("outside_window")),
    "429": (429, {"error": {"message": "Too many requests", "code": 4}}),
    "400": (
        400,
        {"error": {"message": "(#100) Invalid parameter", "type": "OAuthException", "code": 100}},
    ),
}


class GraphStub:
    """The stub's state: planned failures, every attempt, every accepted message."""

    def __init__(self, hang_seconds: float = 5.0) -> None:
        self.sent: list[dict[str, Any]] = []
        self.last_arrival: dict[str, float] = {}  # recipient → time.monotonic() of the latest send
        self.media: list[dict[str, Any]] = []
        self.attempts: list[str] = []
        self.attempted_at: list[float] = []  # time.monotonic() of each attempt
        self.hang_seconds = hang_seconds
        self._failures: list[str] = []
        self._outage: tuple[float, str] | None = None  # (until, kind)
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.app = Starlette(
            routes=[
                Route("/{phone_number_id}/messages", self._messages, methods=["POST"]),
                Route("/{phone_number_id}/media", self._media, methods=["POST"]),
            ]
        )

    def fail(self, *kinds: str) -> None:
        """Answer the next calls with these failures, in order ("500", "130429", "hang" …)."""
        with self._lock:
            self._failures.extend(kinds)

    def fail_for(self, seconds: float, kind: str = "500") -> None:
        """Answer every call with `kind` for `seconds` from now: the platform is down."""
        with self._lock:
            self._outage = (time.monotonic() + seconds, kind)

    async def _failure(self, request: Request, endpoint: str) -> JSONResponse | None:
        if request.headers.get("authorization") != f"Bearer {TOKEN}":
            return JSONResponse(
                {"error": {"message": "Invalid OAuth access token", "code": 190}}, 401
            )
        if request.path_params["phone_number_id"] != PHONE_NUMBER_ID:
            return JSONResponse({"error": {"message": "Unknown phone number", "code": 100}}, 400)
        with self._lock:
            kind = self._failures.pop(0) if self._failures else None
            if kind is None and self._outage and time.monotonic() < self._outage[0]:
                kind = self._outage[1]
            self.attempts.append(f"{endpoint}:{kind or 'ok'}")
            self.attempted_at.append(time.monotonic())
        if kind == "hang":
            await asyncio.sleep(self.hang_seconds)
            return JSONResponse({"error": {"message": "too late", "code": 2}}, 504)
        if kind is not None:
            status, body = FAILURES[kind]
            headers = {"Retry-After": "1"} if kind == "429" else None
            return JSONResponse(body, status, headers=headers)
        return None

    async def _messages(self, request: Request) -> JSONResponse:
        if failure := await self._failure(request, "messages"):
            return failure
        body = await request.json()
        recipient = body.get("to") or body.get("recipient")  # a phone, or a BSUID
        with self._lock:
            self.sent.append(body)
            self.last_arrival[str(recipient)] = time.monotonic()
            wamid = f"wamid.stub{next(self._ids)}"
        contact = {"input": recipient, "wa_id" if "to" in body else "user_id": recipient}
        return JSONResponse(
            {"messaging_product": "whatsapp", "contacts": [contact], "messages": [{"id": wamid}]}
        )

    async def _media(self, request: Request) -> JSONResponse:
        if failure := await self._failure(request, "media"):
            return failure
        async with request.form() as form:
            upload = form["file"]
            assert not isinstance(upload, str)
            record = {
                "messaging_product": form.get("messaging_product"),
                "type": form.get("type"),
                "filename": upload.filename,
                "content": await upload.read(),
            }
        with self._lock:
            self.media.append(record)
            media_id = f"media-{next(self._ids)}"
        return JSONResponse({"id": media_id})
