"""Fixtures of the typed-conversation tests: the engine with the sample branch offices."""

from __future__ import annotations

import pytest

from bot.services import Services
from bot.storage.branches import seed_if_empty


@pytest.fixture
def branches(services: Services) -> Services:
    """The engine, with the sample branch offices and the regencies they serve."""
    with services.sessions.begin() as session:
        seed_if_empty(session)
    return services
