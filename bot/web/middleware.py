"""What every HTTP response and request goes through: size caps, security headers, cookies.

- A request body is capped per route before it is read: 1 MB for the webhooks (a platform
  sends kilobytes), 16 KB for the web chat, 64 KB for everything else (dashboard forms).
  A declared Content-Length over the cap is refused at once; a body that grows past it
  while streaming is refused when it does. Either way: 413, nothing parsed.
- Every response says `nosniff`, may not be framed (`frame-ancestors 'none'`,
  `X-Frame-Options: DENY`), and carries a Content-Security-Policy; the chat page gives its
  one inline script a nonce, made when the page asks for it. Over https, HSTS too.
- The web chat's cookie is `Secure` when the request came over https (behind a proxy:
  as `FORWARDED_ALLOW_IPS` lets uvicorn see it), so a plain-http `make run` still works.
  The platforms' webhooks carry no cookie and get none: they skip it.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KB = 1024
WEBHOOKS = "/webhooks/"
BODY_LIMITS = ((WEBHOOKS, 1024 * KB), ("/chat/", 16 * KB))
DEFAULT_BODY_LIMIT = 64 * KB
CHAT_COOKIE_AGE = 2 * 60 * 60  # seconds; renewed by each message, so only an idle chat ends
HSTS = "max-age=31536000"
_POLICY = (
    "default-src 'self'; script-src 'self'{nonce}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_PLAIN = _POLICY.format(nonce="")


def body_limit(path: str) -> int:
    """The most bytes a request to `path` may send."""
    return next((limit for prefix, limit in BODY_LIMITS if path.startswith(prefix)), None) or (
        DEFAULT_BODY_LIMIT
    )


def csp_nonce(request: Request) -> str:
    """The nonce this response's Content-Security-Policy allows an inline script with.

    Made on first use: only a page with an inline script needs one, and a random nonce
    per request was a system call on every webhook post.
    """
    holder: _Nonce = request.scope["csp_nonce"]
    if holder.value is None:
        holder.value = secrets.token_urlsafe(16)
    return holder.value


class _Nonce:
    """A response's nonce, once made; a copy of the request's scope holds the same one."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: str | None = None


class _TooLarge(Exception):
    """The body went past the route's cap while it was read."""


class Guard:
    """Caps request bodies and adds the security headers (see the module's docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > limit:
            await self._refuse(scope, receive, send)
            return
        scope["csp_nonce"] = _Nonce()
        received = 0
        started = False

        async def capped() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                _secure(scope, MutableHeaders(scope=message))
            await send(message)

        try:
            await self.app(scope, capped, with_headers)
        except _TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _secure(scope, MutableHeaders(scope=message))
            await send(message)

        response = PlainTextResponse("Request body too large", status_code=413)
        response.headers["Connection"] = "close"
        await response(scope, receive, with_headers)


def _secure(scope: Scope, headers: MutableHeaders) -> None:
    holder: _Nonce | None = scope.get("csp_nonce")
    nonce = holder.value if holder is not None else None
    headers.setdefault(
        "Content-Security-Policy", _POLICY.format(nonce=f" 'nonce-{nonce}'") if nonce else _PLAIN
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    if scope.get("scheme") == "https":
        headers.setdefault("Strict-Transport-Security", HSTS)


class ChatSessions:
    """The web chat's signed cookie, `Secure` for a request that came over https."""

    def __init__(self, app: ASGIApp, /, **options: Any) -> None:
        self.app = app
        self.secure = SessionMiddleware(app, https_only=True, **options)
        self.plain = SessionMiddleware(app, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("path", "").startswith(WEBHOOKS):
            await self.app(scope, receive, send)
            return
        chosen = self.secure if scope.get("scheme") in ("https", "wss") else self.plain
        await chosen(scope, receive, send)
