"""/healthz: a database that does not answer costs a 503 after a bound, and blocks nothing."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import httpx
import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from bot.services import Services
from bot.web import app as web_app
from bot.web.app import create_app
from tests.stubs.server import serve


def test_a_hanging_database_answers_503_and_the_chat_page_is_served_meanwhile(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_app, "HEALTH_TIMEOUT", 1.0)
    released = threading.Event()

    def never_answers() -> object:  # a server that accepted the connection and went quiet
        released.wait(10)
        raise ConnectionError("gave up")

    hanging = create_engine("sqlite://", creator=never_answers, poolclass=NullPool)
    app = create_app(replace(services, db=hanging))
    health: list[tuple[int, float]] = []
    try:
        with serve(app) as base:

            def check() -> None:
                began = time.monotonic()
                status = httpx.get(base + "/healthz", timeout=10).status_code
                health.append((status, time.monotonic() - began))

            checker = threading.Thread(target=check)
            checker.start()
            time.sleep(0.2)  # the health check is waiting on the database now
            began = time.monotonic()
            assert httpx.get(base + "/", timeout=5).status_code == 200
            assert time.monotonic() - began < 0.5  # the event loop was free
            checker.join(10)
    finally:
        released.set()
    ((status, took),) = health
    assert status == 503 and 0.9 <= took < 3.0
