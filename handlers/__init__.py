"""The conversations. Each module has a `router`; `build_router` joins them in order."""

from __future__ import annotations

from bot.routing import Router
from handlers import eligibility, faq, menu, officer, privacy, programs, registration


def build_router() -> Router:
    """The router of every flow the bot knows."""
    router = Router()
    for module in (menu, programs, eligibility, faq, registration, privacy, officer):
        router.include(module.router)
    router.free_text = officer.with_text_commands(  # "cek petugas", "DAFTAR <kode>" …
        lambda turn: eligibility.start_from_text(turn) or faq.answer_question(turn)
    )
    return router
