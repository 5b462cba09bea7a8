"""Branch staff in Telegram: link a dashboard login ("staf 482913"), then `/export` the leads.

`python -m bot staff link --username U` prints the one-time code. Typed alone, "staf" opens a
one-question form (bot/forms.py) that asks for the code. `/export` (or "export",
"ekspor") sends the leads of the last 30 days as CSV; "xlsx" asks for Excel, a number for
another period ("/export xlsx 7"). The rows are the dashboard export's (bot/exports.py), in
the login's scope (admin: all, branch admin: their branch, officer: their own leads), NIK
always masked: a chat is no place for it. Only in a private Telegram chat with the bot.
Days are those of the branch in view (`view_zone`: WITA in Bali), as the file's "Registered
at" column shows them, so "today" ends at the branch's own midnight.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.conversation import Channel, Choice, Deferred, Document, Reply
from bot.domain import chatwords
from bot.exports import Cell, csv_chunks, export_rows, write_xlsx
from bot.forms import Answers, Field, Form, Leave, Outcome, Reject
from bot.i18n import N_, Translator
from bot.routing import IDLE, Router, Turn
from bot.storage.lead_queries import (
    LeadFilter,
    Scope,
    filter_clause,
    scope_clause,
    view_zone,
)
from bot.storage.models import Branch, Lead, Staff
from bot.storage.staff import (
    PERSONAL_DATA_ROLES,
    STAFF_CODE,
    link_telegram,
    scope_of,
    staff_of_telegram,
)
from handlers.codes import SIX_DIGITS, digits, too_many_codes, too_many_wrong_codes, wrong_code

router = Router()
log = logging.getLogger(__name__)

_LINK_CODE = re.compile(rf"\W*({SIX_DIGITS})\s*")  # after "staf"
_CODE = re.compile(rf"^\D*?({SIX_DIGITS})\D*$")  # the six digits of a typed reply
# After "/export": the bot's name in a Telegram group ("/export@jamsostek_bot"), then words
_EXPORT_REST = re.compile(r"(?:@\w+)?(?:\s+(.*))?", re.DOTALL)
LINKING = "staff_link"  # the form's data key; its one state is "staff_link.code"
DEFAULT_DAYS = 30
MAX_DAYS = 366
MAX_ROWS = 50_000  # about 20 MB of CSV; more belongs in the dashboard or the CLI
EXPORT = "leads_export"  # the Deferred kind of an /export file
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.text
def text_commands(turn: Turn) -> list[Reply] | None:
    """Take "staf 482913" and "/export …"; None for anything else (the FAQ answers it)."""
    linking = chatwords.after(turn.text, "codes.staff")
    if linking is not None and (match := _LINK_CODE.fullmatch(linking)):
        return _link(turn, digits(match.group(1)))
    if linking is not None and not linking.strip():  # "staf" alone: ask for the code
        return _start_linking(turn)
    rest = chatwords.after(turn.text, "export.commands")
    match = _EXPORT_REST.fullmatch(rest) if rest is not None else None
    if match and (asked := _parse(match.group(1) or "")):
        return _export(turn, *asked)
    return None


def _parse(words: str) -> tuple[str, int] | None:
    """("csv" | "xlsx", days) from "xlsx 7 hari"; None when a word is not an export's."""
    fmt, days = "csv", DEFAULT_DAYS
    for word in chatwords.words(words):
        if named_format := chatwords.named(word, "export.formats"):
            fmt = named_format
        elif word.isdigit() and len(word) <= 6:
            days = int(word)
        elif not chatwords.mentions(word, "export.days"):
            return None
    return fmt, days


def _menu_button(turn: Turn) -> tuple[Choice, ...]:
    return (Choice("menu", turn._("Main menu")),)


def _private(turn: Turn) -> list[Reply] | None:
    """A refusal unless this is a private Telegram chat (never leads in a group)."""
    if turn.incoming.channel is not Channel.TELEGRAM:
        text = turn._("Branch staff use this in Telegram. Open the bot there and type it again.")
        return [Reply(text, _menu_button(turn))]
    if turn.incoming.chat_id != turn.incoming.user_id:
        text = turn._("Please use this in a private chat with the bot, not in a group.")
        return [Reply(text, _menu_button(turn))]
    return None


def _link(turn: Turn, typed: str) -> list[Reply]:
    """Take "staf 482913": the code from `staff link` makes this Telegram account the login's."""
    if refused := _private(turn):
        return refused
    if too_many_wrong_codes(turn):
        return too_many_codes(turn)
    staff = link_telegram(turn.session, typed, turn.incoming.user_id, turn.now)
    if staff is None:
        return wrong_code(turn, STAFF_CODE)
    text = turn._(
        "This Telegram account is now linked to the login {username}. Type /export for "
        "the leads of the last 30 days (CSV), or /export xlsx 7 for Excel, last 7 days."
    )
    return [Reply(text.format(username=staff.username), _menu_button(turn))]


def _start_linking(turn: Turn) -> list[Reply]:
    """Take "staf" alone: ask for the code, in a private Telegram chat only."""
    if refused := _private(turn):
        return refused
    turn.data[LINKING] = {}
    return LINK_FORM.ask(turn)


def _ask_code(turn: Turn, answers: Answers) -> Reply:
    return Reply(turn._("Type the 6-digit code your administrator gave you. Example: 482913"))


def _read_code(turn: Turn, answers: Answers) -> Outcome | None:
    """Six digits, spaces or dashes allowed: spent at once, right or wrong, and the form ends."""
    if not (match := _CODE.match(turn.text)):
        return Reject(turn._("The code has 6 digits."))
    turn.state = IDLE
    return Leave(_link(turn, digits(match.group(1))), close=True)


def _about_the_code(turn: Turn) -> str:
    """The brief answer to any question asked at the code's step."""
    return turn._("Your branch administrator gives you the code; it works for 30 minutes.")


LINK_FORM = Form(
    LINKING,
    [Field("code", _ask_code, _read_code, example=N_("Example: 482913"))],
    brief_answer=_about_the_code,
)
LINK_FORM.install(router)


def _export(turn: Turn, fmt: str, days: int) -> list[Reply]:
    staff = None
    if turn.incoming.channel is Channel.TELEGRAM:
        staff = staff_of_telegram(turn.session, turn.incoming.user_id)
    if staff is None:
        text = turn._(
            "Sorry, exports are for branch office staff. If you work at a branch office, "
            "ask your administrator for a link code."
        )
        return [Reply(text, _menu_button(turn))]
    if refused := _private(turn):
        return refused
    if not 1 <= days <= MAX_DAYS:
        text = turn._(
            "Type /export for the leads of the last 30 days, /export xlsx for Excel, "
            "or add the number of days (1 to {max}), for example /export xlsx 7."
        )
        return [Reply(text.format(max=MAX_DAYS), _menu_button(turn))]
    scope = scope_of(staff)
    zone = view_zone(turn.session, scope)
    today = turn.now.astimezone(zone).date()
    since = today - timedelta(days=days - 1)
    return _send_file(turn, staff, scope, zone, fmt, since, today)


def _send_file(
    turn: Turn, staff: Staff, scope: Scope, zone: ZoneInfo, fmt: str, since: date, until: date
) -> list[Reply]:
    """The file of the days `since` to `until` in `zone`, the one `export_rows` counts in too."""
    _ = turn._
    f = LeadFilter(since=since, until=until)
    period = _("{since} to {until}").format(since=turn.t.date(since), until=turn.t.date(until))
    count = (
        turn.session.scalar(
            select(func.count())
            .select_from(Lead)
            .where(*scope_clause(scope), *filter_clause(f, zone))
        )
        or 0
    )
    if count == 0:
        text = _("No leads from {period}. Try a longer period, for example /export 90.")
        return [Reply(text.format(period=period), _menu_button(turn))]
    if count > MAX_ROWS:
        text = _(
            "There are {count} leads from {period}, more than {max} fit in a chat. Choose "
            "fewer days, for example /export 7, or download them from the dashboard or with "
            "python -m bot leads export."
        )
        return [
            Reply(
                text.format(period=period, count=turn.t.number(count), max=turn.t.number(MAX_ROWS)),
                _menu_button(turn),
            )
        ]
    params = {
        "staff_id": staff.id,
        "format": fmt,
        "since": since.isoformat(),
        "until": until.isoformat(),
        "language": turn.t.locale,
    }
    return [Reply("", deferred=Deferred(EXPORT, params))]


def export_document(session: Session, params: dict[str, Any]) -> Reply:
    """The file `/export` asked for, made by the sender outside the chat's transaction.

    Up to MAX_ROWS rows take seconds; inside the turn they would hold the chat's lock (and
    on SQLite every chat's write lock) all that time.
    """
    staff = session.get(Staff, params["staff_id"])
    if staff is None:  # the login was deleted meanwhile
        raise LookupError(f"staff {params['staff_id']} is gone")
    t = Translator(params["language"])
    _ = t.gettext
    fmt = params["format"]
    since, until = date.fromisoformat(params["since"]), date.fromisoformat(params["until"])
    scope = scope_of(staff)
    f = LeadFilter(since=since, until=until)
    period = _("{since} to {until}").format(since=t.date(since), until=t.date(until))
    branch = session.get(Branch, staff.branch_id) if staff.branch_id else None
    zone = view_zone(session, scope)
    clauses = (*scope_clause(scope), *filter_clause(f, zone))
    count = session.scalar(select(func.count()).select_from(Lead).where(*clauses)) or 0
    mask_contact = staff.role not in PERSONAL_DATA_ROLES  # an officer login: phones masked too
    rows = export_rows(session, scope, f, mask_contact=mask_contact)  # NIK always masked
    content = b"".join(csv_chunks(rows)) if fmt == "csv" else _xlsx_bytes(rows)
    log.info(
        "telegram export by staff:%s (id %d): %s, %s to %s, %d rows",
        staff.username,
        staff.id,
        fmt,
        since,
        until,
        count,
    )
    code = re.sub(r"[^A-Za-z0-9_-]", "", branch.code) if branch else "SEMUA"
    name = f"leads-{code}-{since:%Y%m%d}-{until:%Y%m%d}.{fmt}"
    place = branch.name if branch else _("all branches")
    caption = _("Leads of {place}, {period}: {count} rows. NIK is masked.").format(
        place=place, period=period, count=t.number(count)
    )
    return Reply("", document=Document(name, content, MIME[fmt], caption), language=t.locale)


def _xlsx_bytes(rows: Iterator[list[Cell]]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="jb-export-") as folder:
        path = Path(folder) / "leads.xlsx"
        write_xlsx(rows, path)
        return path.read_bytes()
