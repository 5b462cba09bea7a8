"""Cek syarat & iuran: who may join which program and what it costs, one question at a time.

Modules: `form` (the questions, declared for the form engine bot/forms.py), `flow` (the ways
in, the answer and its buttons), `request` (the facts in a request typed in one's own words),
`parse` (citizenship and months as typed), `answer` and `details` (the answer's texts, with
`writer` and the tables in `texts`). Drawn in flow.mmd.
"""

from __future__ import annotations

from handlers.eligibility.flow import router

__all__ = ["router"]
