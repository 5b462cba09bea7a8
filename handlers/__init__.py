"""The conversations. Each module has a `router`; `build_router` joins them in order."""

from __future__ import annotations

from bot.routing import Router
from handlers import menu, programs


def build_router() -> Router:
    """The router of every flow the bot knows."""
    router = Router()
    for module in (menu, programs):
        router.include(module.router)
    return router
