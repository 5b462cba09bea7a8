"""The conversations. Each module has a `router`; `build_router` joins them in order.

The order matters for free text: officers' typed commands ("cek petugas", "DAFTAR <kode>")
first, then an eligibility question in the user's own words, then the FAQ, which always
answers.
"""

from __future__ import annotations

from bot import forms
from bot.routing import Router
from handlers import (
    branch,
    eligibility,
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
    router.include(forms.router)
    for module in (
        menu,
        programs,
        officer,
        eligibility,
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
