"""An officer's own link and QR code, on their overview: what they share in village groups.

The same link the poster's QR code holds (WhatsApp when the bot has a number, else Telegram),
so a screenshot of the page works like the printed poster.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.config import Settings
from bot.domain.referral import LinkConfig, links
from bot.posters import qr_png
from bot.storage.models import Officer


@dataclass(frozen=True)
class OwnLink:
    """What the officer's card shows: their code, both links, the QR code as a data URI."""

    officer_id: int
    code: str
    telegram: str
    whatsapp: str | None
    qr: str


def own_link(session: Session, settings: Settings, officer_id: int | None) -> OwnLink | None:
    """The card of an active officer; None for a deactivated one (its link no longer counts)."""
    officer = session.get(Officer, officer_id) if officer_id is not None else None
    if officer is None or not officer.active:
        return None
    found = links(officer.code, LinkConfig.from_settings(settings))
    png = qr_png(found.whatsapp or found.telegram, scale=6)
    qr = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return OwnLink(officer.id, officer.code, found.telegram, found.whatsapp, qr)
