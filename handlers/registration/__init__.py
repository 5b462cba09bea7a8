"""Self-registration: consent, identity, contact, domicile, work and programs, then a lead.

Answers live in `turn.data["registration"]` until "Kirim"; the lead row is written only then,
in that turn's transaction, so a chat left anywhere (or a crashed process) leaves no half lead
and resumes where it stopped. The NIK is kept only encrypted, also in the conversation data.

Modules: `flow` (the form: field order, the ways in), `identity` (consent, name, NIK, phone),
`domicile` (regency, desa), `work` (occupation to government program), `summary` (summary,
change, kirim), `paste` (data pasted in one message, kept for its steps), `text` (the long
texts), `common` (shared names). Drawn in registration.mmd.
"""

from __future__ import annotations

from handlers.registration.common import CONSENT_VERSION, FLOW
from handlers.registration.flow import FORM, advance, router

__all__ = ["CONSENT_VERSION", "FLOW", "FORM", "advance", "router"]
