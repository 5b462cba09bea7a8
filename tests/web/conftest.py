"""The web app served by uvicorn on a free port, and a browser-like client's request."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.web.app import create_app
from tests.stubs.server import serve


@pytest.fixture
def base_url(services: Services) -> Iterator[str]:
    """The whole app on 127.0.0.1, the sample branches loaded."""
    with services.sessions.begin() as session:
        seed_if_empty(session)
    with serve(create_app(services)) as url:
        yield url


def post(client: httpx.Client, body: dict[str, object]) -> list[dict[str, object]]:
    """One web chat message; the replies as the page receives them."""
    response = client.post("/chat/messages", json=body)
    assert response.status_code == 200, response.text
    replies: list[dict[str, object]] = response.json()["replies"]
    return replies
