"""Fixtures of the flow tests: the sample branches loaded, and a chat ready to register."""

from __future__ import annotations

import pytest

from bot.services import Services
from bot.storage.branches import seed_if_empty
from tests.conftest import Chat


@pytest.fixture
def branches(services: Services) -> Services:
    """The engine, with the sample branch offices and the regencies they serve."""
    with services.sessions.begin() as session:
        seed_if_empty(session)
    return services


@pytest.fixture
def reg(branches: Services) -> Chat:
    return Chat(branches)
