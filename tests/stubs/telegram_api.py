"""A stub Telegram Bot API: serves queued updates to getUpdates and records what the bot sends.

Only the methods the bot calls are answered; any other method is a 404, so a test fails
loudly if the bot starts calling something new.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Jamsostek",
    "username": "jamsostek_test_bot",
}


class TelegramStub:
    """The stub's state: pending updates and every call the bot made."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1000)
        self.app = Starlette(
            routes=[Route("/bot{token}/{method}", self._method, methods=["GET", "POST"])]
        )

    def push(self, update: dict[str, Any]) -> None:
        with self._lock:
            self.updates.append(update)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        with self._lock:
            return [params for name, params in self.calls if name == method]

    async def wait_for(
        self, method: str, count: int, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Wait (without blocking the event loop) until the bot made `count` calls of `method`."""
        deadline = time.monotonic() + timeout
        while len(found := self.sent(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} {method} calls, got {len(found)}: {found}")
            await asyncio.sleep(0.02)
        return found

    async def _params(self, request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").startswith("application/json"):
            return dict(await request.json())
        form = await request.form()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if not isinstance(value, str):  # an uploaded file
                params[key] = {"filename": value.filename, "content": await value.read()}
                await value.close()
                continue
            try:
                params[key] = json.loads(value)
            except ValueError:
                params[key] = value
        return params

    async def _method(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != TOKEN:
            return JSONResponse(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, 401
            )
        method = request.path_params["method"]
        params = await self._params(request)
        if method == "getUpdates":
            return JSONResponse({"ok": True, "result": await self._get_updates(params)})
        with self._lock:
            self.calls.append((method, params))
        result = self._answer(method, params)
        if result is None:
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        return JSONResponse({"ok": True, "result": result})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Updates from `offset` on; of the kinds `allowed_updates` names, as Telegram does."""
        offset = int(params.get("offset") or 0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, str):
            allowed = json.loads(allowed)

        def wanted(update: dict[str, Any]) -> bool:
            return not allowed or any(kind in update for kind in allowed)

        for _ in range(5):  # a short long-poll: stopping the bot waits for it to end
            with self._lock:
                ready = [u for u in self.updates if u["update_id"] >= offset and wanted(u)]
            if ready:
                return ready
            await asyncio.sleep(0.05)
        return []

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("deleteWebhook", "setWebhook", "answerCallbackQuery", "setMyCommands"):
            return True
        if method in ("sendMessage", "sendDocument", "sendPhoto"):
            chat_id = params.get("chat_id")
            message = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {
                    "id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else 0,
                    "type": "private",
                },
                "from": BOT_USER,
            }
            if method == "sendMessage":
                message["text"] = params.get("text", "")
            else:
                message["document"] = {"file_id": "f1", "file_unique_id": "u1"}
            return message
        return None
