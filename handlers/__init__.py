"""The conversations. Each module has a `router`; `build_router` joins them in order.

The order matters for free text: officers' typed commands ("cek petugas", "DAFTAR <kode>")
first, a typed reference (`JMS-…`: its status), then a worker asking whether their village
enrolled them, then a request to register in a sentence, then an eligibility question in the
user's own words, then the FAQ, which always answers. Form steps (bot/forms.py) answer all
text typed while they wait, so none of it reaches these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from bot import forms
from bot.conversation import Reply
from bot.routing import Router
from handlers import (
    assisted,
    branch,
    eligibility,
    faq,
    followup,
    handover,
    menu,
    officer,
    privacy,
    programs,
    registration,
    status,
    village,
)


def build_router() -> Router:
    """The router of every flow the bot knows."""
    router = Router()
    router.include(forms.router)
    for module in (
        menu,
        followup,
        programs,
        officer,
        status,
        handover,
        assisted,
        village,
        registration,
        eligibility,
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
