"""Pages: one Jinja2 environment for the dashboard; every text goes through the Translator."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from starlette.requests import Request
from starlette.responses import HTMLResponse

from bot.domain.validation import mask_phone
from bot.domain.zones import label
from bot.exports import CHANNEL_LABELS, GENDERS, STATUS_LABELS, local_phone
from bot.i18n import Translator, format_date, format_month, format_rupiah
from bot.storage.lead_queries import LOCAL_TZ
from bot.web.dashboard.dates import day_field, month_field
from bot.web.middleware import csp_nonce
from handlers.registration.text import OCCUPATIONS

ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent.parent / "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@pass_context
def _local(context: Context, value: datetime | None, zone: ZoneInfo | None = None) -> str:
    """`21 November 2026 00:30 WITA`: in `zone`, else in the page's `zone`, WIB if none.

    A list of several branches' rows passes each row's branch zone; one branch's page sets
    `zone` for the whole page.
    """
    if value is None:
        return ""
    zone = zone or context.get("zone") or LOCAL_TZ
    at = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(zone)
    return f"{format_date(at.date())} {at:%H:%M} {label(zone)}"


def _day(value: date | None) -> str:
    return format_date(value) if value else ""


def _month(value: date | None) -> str:
    return format_month(value) if value else ""


@pass_context
def _month_field(context: Context, value: date | None) -> str:
    return month_field(value, context.get("lang") or "id")


@pass_context
def _number(context: Context, value: int | float) -> str:
    """A count as the page's language writes it: `2.682` in Indonesian, `2,682` in English."""
    return Translator(context.get("lang") or "id").number(value)


def _rupiah(value: Decimal | int | None) -> str:
    return format_rupiah(value) if value is not None else "—"


ENV.filters.update(
    local=_local,
    day=_day,
    month=_month,
    day_field=day_field,
    month_field=_month_field,
    number=_number,
    rupiah=_rupiah,
    phone=local_phone,
    masked_phone=mask_phone,
)


_CREATED_VIA = re.compile(r"created via (\w+)")
_FROM_LIST = re.compile(r"from a list of programme (\d+), consent by the village")


def _note(t: Translator, note: str | None) -> str:
    """A history note as staff read it: the bot's own notes translated, staff's as typed."""
    if note and (found := _CREATED_VIA.fullmatch(note)):
        channel = found.group(1)
        return t.gettext("Created via {channel}").format(
            channel=t.gettext(CHANNEL_LABELS.get(channel, channel))
        )
    if note and (found := _FROM_LIST.fullmatch(note)):
        text = t.gettext("From a desa's list (programme {number}); the desa gave the consent")
        return text.format(number=found.group(1))
    return note or ""


def translator(request: Request) -> Translator:
    return Translator(request.app.state.services.settings.default_locale)


def render(
    request: Request, template: str, viewer: Any = None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    t = translator(request)
    statuses = {k: t.gettext(v) for k, v in STATUS_LABELS.items()}
    genders = {k: t.gettext(v) for k, v in GENDERS.items()}
    occupations = {k: t.gettext(v) for k, v in OCCUPATIONS.items()}
    channels = {k: t.gettext(v) for k, v in CHANNEL_LABELS.items()}
    html = ENV.get_template(f"dashboard/{template}").render(
        _=t.gettext,
        lang=t.locale,
        viewer=viewer,
        statuses=statuses,
        genders=genders,
        occupations=occupations,
        channels=channels,
        note=lambda value: _note(t, value),
        path=request.url.path,
        nonce=lambda: csp_nonce(request),  # for a page's inline script; made when one asks
        zone_label=label(context.get("zone") or LOCAL_TZ),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"  # personal data: never from a shared cache
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def error_page(request: Request, viewer: Any, status_code: int) -> HTMLResponse:
    return render(request, "error.html", viewer, status_code=status_code, code=status_code)
