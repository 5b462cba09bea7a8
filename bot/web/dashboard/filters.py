"""The leads list's filters from a query string, and what the filter form offers a viewer."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams

from bot.domain.regions import districts, villages
from bot.storage.lead_queries import (
    PROGRAMS,
    STATUSES,
    LeadFilter,
    officers_in_scope,
    view_zone,
)
from bot.storage.models import Branch, BranchArea
from bot.web.dashboard.dates import parse_day
from bot.web.dashboard.security import Viewer

FILTER_KEYS = (
    "since",
    "until",
    "status",
    "officer",
    "district",
    "village",
    "program",
    "sponsored",
    "q",
    "branch",
    "overdue",
)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def parse_filter(params: QueryParams, viewer: Viewer) -> LeadFilter:
    """Unknown or malformed values are ignored, not errors: a stale bookmark still opens."""
    status = params.get("status")
    program = params.get("program")
    sponsored = {"1": True, "0": False}.get(params.get("sponsored") or "")
    q = (params.get("q") or "").strip()[:100] or None
    return LeadFilter(
        since=parse_day(params.get("since")),
        until=parse_day(params.get("until")),
        status=status if status in STATUSES else None,
        officer_id=_int(params.get("officer")) if viewer.role != "officer" else None,
        district_code=(params.get("district") or "")[:12] or None,
        village_code=(params.get("village") or "")[:16] or None,
        program=program if program in PROGRAMS else None,
        sponsored=sponsored,
        q=q,
        branch_id=_int(params.get("branch")) if viewer.role == "admin" else None,
        overdue=params.get("overdue") == "1",
    )


def dated(session: Session, viewer: Viewer, f: LeadFilter, now: datetime) -> LeadFilter:
    """The filter with its `today` (for the overdue filter): `now`'s day in the zone in view."""
    return replace(f, today=now.astimezone(view_zone(session, viewer.scope, f)).date())


def query_string(params: QueryParams, **changes: str | None) -> str:
    """The current filters as a query string, with `changes` applied (None removes a key)."""
    values = {k: params.get(k) for k in FILTER_KEYS if params.get(k)}
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return urlencode(values)


@dataclass
class FormOptions:
    """The dropdowns' choices: (value, label) pairs."""

    officers: list[tuple[int, str]] = field(default_factory=list)
    branches: list[tuple[int, str]] = field(default_factory=list)
    districts: list[tuple[str, str]] = field(default_factory=list)
    villages: list[tuple[str, str]] = field(default_factory=list)
    programs: tuple[str, ...] = PROGRAMS


def form_options(session: Session, viewer: Viewer, f: LeadFilter) -> FormOptions:
    """The choices of the filter form's dropdowns for this viewer.

    Officers of the viewer's branch; kecamatan of the regencies the branch serves; desa of
    the chosen kecamatan. An admin first picks a branch to get kecamatan choices.
    """
    options = FormOptions()
    scope = viewer.scope
    if viewer.role != "officer":
        options.officers = [
            (o.id, o.name)
            for o in officers_in_scope(session, scope)
            if f.branch_id is None or o.branch_id == f.branch_id
        ]
    if viewer.role == "admin":
        options.branches = [
            (b.id, b.name) for b in session.scalars(select(Branch).order_by(Branch.name))
        ]
    branch_id = viewer.branch_id if viewer.role != "admin" else f.branch_id
    if branch_id is not None:
        regencies = session.scalars(
            select(BranchArea.regency_code)
            .where(BranchArea.branch_id == branch_id)
            .order_by(BranchArea.regency_code)
        )
        for regency in regencies:
            options.districts += [
                (d.code, f"{d.name} ({d.parents[0] if d.parents else ''})")
                for d in districts(regency)
            ]
    if f.district_code:
        options.villages = [(v.code, v.name) for v in villages(f.district_code)]
    return options
