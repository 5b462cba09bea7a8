"""Cek syarat & iuran: who may join which program and what it costs, one question at a time.

The questions are declared in form.py for the form engine (bot/forms.py); flow.py holds the
way in, the answer and its buttons; answer.py and details.py write the answer. Drawn in
flow.mmd.
"""

from __future__ import annotations

from handlers.eligibility.flow import router

__all__ = ["router"]
