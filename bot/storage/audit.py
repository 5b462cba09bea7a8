"""The audit trail of bulk access: who exported personal data, when, which filter, how many.

One NIK shown on a lead's page is a `lead_events` row (lead_queries.record_nik_reveal); an
export of thousands is one row here. The filter is kept as given, but a search text is
masked: staff may have searched for a phone number.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.pii import mask_personal
from bot.storage.lead_queries import LeadFilter, Scope, filter_clause, scope_clause, view_zone
from bot.storage.models import AuditEvent, Lead

EXPORT_WITH_NIK = "export_nik"


def count_leads(session: Session, scope: Scope, f: LeadFilter) -> int:
    """How many leads an export of `f` in `scope` holds (days in the view's zone, as it does)."""
    zone = view_zone(session, scope, f)
    stmt = (
        select(func.count()).select_from(Lead).where(*scope_clause(scope), *filter_clause(f, zone))
    )
    return int(session.scalar(stmt) or 0)


def describe(f: LeadFilter) -> str:
    """The filter's set fields as JSON, the search text masked."""
    fields = {key: value for key, value in asdict(f).items() if value is not None}
    if "q" in fields:
        fields["q"] = mask_personal(fields["q"])
    return json.dumps(fields, default=str, sort_keys=True, ensure_ascii=False)


def record_export(
    session: Session, *, actor: str, scope: Scope, f: LeadFilter, now: datetime
) -> int:
    """Audit an export with NIK before it is sent; returns its row count."""
    rows = count_leads(session, scope, f)
    session.add(
        AuditEvent(at=now, actor=actor, action=EXPORT_WITH_NIK, detail=describe(f), rows=rows)
    )
    session.flush()
    return rows
