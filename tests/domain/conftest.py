"""The Indonesian FAQ index and answers, built once for every domain test that reads them."""

from __future__ import annotations

import pytest

from bot.domain.faq import FaqIndex
from bot.knowledge import load_index, load_knowledge


@pytest.fixture(scope="session")
def index() -> FaqIndex:
    return load_index("id")


@pytest.fixture(scope="session")
def answers() -> dict[str, str]:
    """Entry id -> its Indonesian answer."""
    return {e.id: e.answer for e in load_knowledge()["id"].entries}
