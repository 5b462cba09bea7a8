"""The app as each uvicorn worker process builds it (`WEB_CONCURRENCY` above 1).

    uvicorn bot.web.asgi:app --factory --workers 2

Every worker reads the settings, connects to the database and runs its own turns; SQLite's
writer lock (bot.storage.writer_lock) queues their transactions, PostgreSQL's row locks keep
chats apart. Telegram polling is never started here: one poller per bot is all Telegram allows.
"""

from __future__ import annotations

import logging

from starlette.applications import Starlette

from bot.config import load_settings
from bot.logs import setup_logging
from bot.services import build_services
from bot.web.app import create_app


def app() -> Starlette:
    setup_logging(logging.INFO)
    return create_app(build_services(load_settings()))
