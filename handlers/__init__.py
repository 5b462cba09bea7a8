"""The conversations. Each module has a `router`; `build_router` joins them in order.

The order matters for free text: officers' typed commands ("cek petugas", "DAFTAR <kode>")
first, then an eligibility question in the user's own words, then the FAQ, which always
answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from bot.conversation import Reply
from bot.routing import Router
from handlers import (
    branch,
    eligibility,
    eligibility_steps,
    faq,
    menu,
    officer,
    privacy,
    programs,
    registration,
    registration_domicile,
    registration_identity,
    registration_summary,
    registration_work,
)


def build_router() -> Router:
    """The router of every flow the bot knows."""
    router = Router()
    for module in (
        menu,
        programs,
        officer,
        eligibility,
        eligibility_steps,
        registration,
        registration_identity,
        registration_domicile,
        registration_work,
        registration_summary,
        privacy,
        branch,
        faq,
    ):
        router.include(module.router)
    return router


#: What makes each kind of `Deferred` reply: the sender calls it, in a session of its own.
PRODUCERS: dict[str, Callable[[Session, dict[str, Any]], Reply]] = {
    branch.EXPORT: branch.export_document,
}
