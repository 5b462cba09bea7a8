"""The conversations. Each module has a `router`; `build_router` joins them in order.

The order matters for free text: officers' typed commands ("cek petugas", "DAFTAR <kode>")
first, then a worker asking whether their village enrolled them, then a request to register
in a sentence, then an eligibility question in the user's own words, then the FAQ, which
always answers. Form steps (bot/forms.py) answer all text typed while they wait, so none of
it reaches these.
"""

from __future__ import annotations

from bot import forms
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
    village,
)


def build_router() -> Router:
    """The router of every flow the bot knows."""
    router = Router()
    router.include(forms.router)
    for module in (
        menu,
        programs,
        officer,
        village,
        registration,
        eligibility,
        eligibility_steps,
        privacy,
        branch,
        faq,
    ):
        router.include(module.router)
    return router
