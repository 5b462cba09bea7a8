"""An officer's own links and numbers as text, and his requests for them in his own words.

Shared by the officer's menu (handlers/officer.py) and the worker's form he fills in
(handlers/assisted.py), where "link sy mana" or "berapa yg udah sy daftarin bulan ini?" typed
at a step is answered and the step asked again.
"""

from __future__ import annotations

from bot.domain.chatwords import mentions, named
from bot.domain.referral import LinkConfig, Links, links
from bot.routing import Turn
from bot.storage import officers as store
from bot.storage.models import Officer
from handlers import faq


def link_config(turn: Turn) -> LinkConfig:
    """The bot's Telegram username and WhatsApp number, which links are made of."""
    if turn.settings is None:
        raise RuntimeError("the engine was built without settings; officers' links need them")
    return LinkConfig.from_settings(turn.settings)


def officer_links(turn: Turn, officer: Officer) -> Links:
    return links(officer.code, link_config(turn))


def me(turn: Turn) -> Officer | None:
    """The officer this chat is linked to, if any."""
    return store.officer_of_user(turn.session, turn.incoming.channel.value, turn.incoming.user_id)


_HIS = ("officer_link", "officer_qr", "officer_stats")  # his own things, not a worker's


def asked_in_own_words(text: str) -> str | None:
    """An officer's action asked in a sentence ("link saya mana"), else None (steps.toml).

    The worker he speaks of makes registering her his request, not a link asked for a BPJS
    service ("link untuk bayar iuran?" is the FAQ's); his links, QR and numbers are asked
    with a word of his own or for registering people ("link utk daftarin warga").
    """
    action = named(text, "officer_asks")
    if action is None:
        return None
    if action in _HIS:
        if mentions(text, "officer_service.words"):
            return None
        whose = ("officer_mine.words", "officer_mine.registering")
    else:
        whose = ("officer_mine.words", "officer_mine.worker")
    if len(text.split()) <= 2 or any(mentions(text, table) for table in whose):
        return action
    return None


def links_text(turn: Turn, officer: Officer) -> str:
    found = officer_links(turn, officer)
    lines = [f"Telegram: {found.telegram}"]
    if found.whatsapp:
        lines.append(f"WhatsApp: {found.whatsapp}")
    text = turn._(
        "Your personal links. Share them in WhatsApp groups; everyone who starts a chat "
        "through them is counted as yours."
    )
    return "\n".join([text, "", *lines])


def numbers_text(turn: Turn, officer: Officer) -> str:
    _ = turn._
    stats = store.officer_stats(turn.session, officer, turn.now)
    row = _("{label}: {chats} chats started, {checks} eligibility checks, {leads} registrations")
    lines = [
        row.format(label=label, chats=counts.chats, checks=counts.checks, leads=counts.leads)
        for label, counts in (
            (_("Today"), stats.today),
            (_("This week"), stats.week),
            (_("This month"), stats.month),
        )
    ]
    statuses = ", ".join(
        f"{status.replace('_', ' ')} {count}" for status, count in stats.by_status.items()
    )
    lines.append(_("All registrations by status: {statuses}").format(statuses=statuses or "0"))
    title = _("Your numbers, code {code}:").format(code=officer.code)
    return "\n".join([title, *lines])


_AS_TEXT = {"officer_link": links_text, "officer_stats": numbers_text}


def brief_answer(turn: Turn) -> str | None:
    """A question typed in an officer's form: his links or numbers, else the FAQ's answer."""
    action = asked_in_own_words(turn.text) if turn.text else None
    if action in _AS_TEXT and (officer := me(turn)) is not None:
        return _AS_TEXT[action](turn, officer)
    return faq.brief_answer(turn)
