"""A village officer (perangkat desa) enrols workers into the desa's programme by typing.

One worker agrees on her own phone; one has no phone and signs the paper form, which the
officer declares. The programme has one place, so the second waits.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.conversation import Channel
from bot.services import Services
from bot.storage import officers as store
from bot.storage.models import Enrolment, Lead, LeadEvent
from bot.storage.programmes import create_programme
from tests.conftest import FIXED_NOW
from tests.conversations.driver import TypedChat
from tests.conversations.test_eligibility_personas import run, unanswered


def test_print(branches: Services) -> None:
    with branches.sessions.begin() as session:
        officer = store.create_officer(
            session, name="Wayan Desa", branch_code="badung", village="51.03.01.1003", now=FIXED_NOW
        )
        create_programme(session, area_code="51.03.01.1003", funding="SD", quota=1, now=FIXED_NOW,
                         categories=["farmer", "fisher"])
        code = store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]
    o = TypedChat(branches, chat_id="tg-wayan", channel=Channel.TELEGRAM)
    w = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    def say(chat, text):
        chat.type(text)
        print(">>", text, "\n", chat.text(), [c.label for r in chat.last for c in r.choices], "\n  state", chat.state()[0])
    say(o, f"petugas {code}")
    say(o, "daftarkan pekerja")
    cc = re.findall(r"SETUJU (\d{6})", o.text())[0]
    say(w, f"setuju {cc}")
    say(w, "iya setuju")
    for t in ["isi data pekerja", "Ni Kadek Sari", "5103014101900001", "ya", "0857 1234 5678", "ya", "kedonganan", "ya", "nelayan", "1,5 juta", "kirim"]:
        say(o, t)
    for t in ["daftarkan pekerja", "pekerja tidak punya hp", "saya menyatakan", "I Made Suarta", "5103011508950003", "ya", "0813 1111 2222", "ya", "kedonganan", "ya", "petani", "sejuta", "kirim"]:
        say(o, t)
    print(o.misses)
