"""Cek syarat & iuran: who may join which program and what it costs, one question at a time.

`router` joins the way in and the answer (flow) with the questions (steps); the drawing is
flow.mmd.
"""

from __future__ import annotations

from bot.routing import Router
from handlers.eligibility import flow, steps

router = Router()
router.include(flow.router)
router.include(steps.router)
