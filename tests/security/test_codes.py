"""One-time codes against a guesser (issue 15, items 1 and 2), on SQLite and PostgreSQL.

The wrong-code limits live in the database, per account and per code, and survive a new web
chat and "hapus data saya"; consent and link codes are only taken on WhatsApp and Telegram.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot.conversation import Channel
from bot.services import Services
from bot.storage import attempts
from bot.storage import officers as store
from bot.storage.models import Attempt, Contact, OfficerCode
from tests.conftest import FIXED_NOW, Chat, texts
from tests.handlers.test_branch_export import link_code, staff
from tests.handlers.test_officer_flow import Team
from tests.web.test_dashboard_http import seed

WRONG = "tidak berlaku"


def issue(team: Team, code: str, purpose: str, at: datetime = FIXED_NOW) -> str:
    with team.services.sessions.begin() as session:
        officer = store.officer_by_code(session, code)
        assert officer is not None
        return store.issue_code(session, officer, purpose, at)[0]


def test_web_chat_gets_one_reply_for_live_and_dead_link_codes_and_spends_nothing(
    team: Team,
) -> None:
    live = team.link_code(team.made)
    replies = {
        texts(Chat(team.services, Channel.WEB, f"web-{n}").say(f"petugas {code}"))
        for n, code in enumerate([live, "100001", "999999"])
    }
    assert len(replies) == 1 and "Telegram atau WhatsApp" in replies.pop()
    with team.services.sessions() as session:
        assert session.scalar(select(OfficerCode.used_at)) is None
    assert "terhubung" in texts(
        Chat(team.services, Channel.WHATSAPP, "62811").say(f"petugas {live}")
    )


def test_consent_codes_are_refused_on_the_web_chat(team: Team) -> None:
    code = issue(team, team.budi, store.CONSENT)
    web = Chat(team.services, Channel.WEB, "web-thief")
    shown = texts(web.say(f"SETUJU {code}"))
    assert "Budi" not in shown and "WhatsApp atau Telegram" in shown
    assert "Budi Santoso" in texts(
        Chat(team.services, Channel.WHATSAPP, "62822").say(f"setuju {code}")
    )


def test_a_code_stops_after_a_few_wrong_tries_from_any_number_of_chats(team: Team) -> None:
    live = team.link_code(team.made)
    for n in range(attempts.MAX_WRONG_PER_CODE):  # one guess each: no per-account limit is hit
        assert WRONG in texts(
            Chat(team.services, Channel.WHATSAPP, f"6289{n}").say("petugas 100000")
        )
    owner = Chat(team.services, Channel.WHATSAPP, "62811")
    assert WRONG in texts(owner.say(f"petugas {live}"))
    assert team.officer(team.made).whatsapp_user_id is None
    fresh = issue(team, team.made, store.LINK, FIXED_NOW + timedelta(seconds=1))  # a new one
    assert "terhubung" in texts(owner.say(f"petugas {fresh}"))


def test_erasing_the_chat_does_not_reset_the_wrong_code_limit(services: Services) -> None:
    seed(services)
    thief = Chat(services, Channel.TELEGRAM, "6666")
    for guess in range(attempts.MAX_WRONG_PER_PERSON):
        assert WRONG in texts(thief.say(f"staf 10000{guess}"))
    thief.say("hapus data saya")
    assert "Selesai" in texts(thief.press("erase_yes"))
    with services.sessions() as session:
        assert session.scalar(select(Contact.id).where(Contact.user_id == "6666")) is None
        subjects = set(session.scalars(select(Attempt.subject)))
    assert subjects and "6666" not in "".join(subjects)  # kept, under a hash
    assert "Terlalu banyak kode yang salah" in texts(
        thief.say(f"staf {link_code(services, 'dps')}")
    )
    assert staff(services, "dps").telegram_user_id is None
