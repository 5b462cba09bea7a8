"""A page request that met a dead database connection runs once more.

After a PostgreSQL restart every pooled connection is dead. SQLAlchemy invalidates the
whole pool on the first failure, so a second try gets a fresh connection. The engine
retries its turns itself; this does the same for the dashboard's pages. Only GET and HEAD
are retried (a POST may have done part of its work), and never once the response has
begun.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)


class RetryLostConnection:
    """ASGI middleware: one more try for a safe request whose database connection died."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(dict(scope), receive, watched)  # routing writes into the scope
        except DBAPIError as error:
            if started or not error.connection_invalidated:
                raise
            log.warning("database connection lost on %s, trying once more", scope["path"])
            await self.app(scope, receive, send)
