"""The handover inbox over real HTTP, with WhatsApp going to the stub Graph API.

A worker asks for a person; the Denpasar branch admin sees the handover, another branch's
does not (not in the list, 404 on the page, 404 on a reply); the reply reaches the worker's
WhatsApp through the outbox; closing tells the worker and hands the chat back to the bot;
the audit trail names who did what. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import re

import httpx
from sqlalchemy import select

from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.storage.models import AuditEvent, Handover
from bot.storage.staff import add_staff
from tests.channels.test_whatsapp import WA_ID, body_text, post, text_webhook
from tests.conftest import FIXED_NOW, wait_for_outbox
from tests.stubs.graph_api import GraphStub
from tests.web.test_dashboard_http import CSRF, PASSWORD, login


def staff(services: Services) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
        for username, branch in (("dps", "denpasar"), ("bdg", "bandung-suci")):
            add_staff(
                session,
                username=username,
                password=PASSWORD,
                role="branch_admin",
                branch_code=branch,
                now=FIXED_NOW,
            )


def handover_id(services: Services) -> int:
    with services.sessions() as session:
        return session.scalars(select(Handover.id)).one()


def test_staff_of_the_branch_answer_and_close(
    services: Services, bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    stub, _ = graph
    staff(services)
    assert post(bot, text_webhook("bicara dengan petugas", "wamid.h1")) == 200
    told = body_text(stub.sent[-1])
    assert "Saya sudah meneruskan chat Anda ke petugas Kantor Cabang Denpasar." in told
    assert post(bot, text_webhook("Saya sudah bayar tapi belum dapat kartu", "wamid.h2")) == 200
    number = handover_id(services)
    page = f"/dashboard/handovers/{number}"
    url = str(bot.base_url)

    with login(url, "bdg") as other:  # another branch: nothing to see, nothing to answer
        assert f'href="{page}"' not in other.get("/dashboard/handovers/").text
        assert other.get(page).status_code == 404
        token = CSRF.search(other.get("/dashboard/handovers/").text).group(1)  # type: ignore[union-attr]
        refused = other.post(page, data={"csrf": token, "text": "halo"})
        assert refused.status_code == 404

    with login(url, "dps") as dps:
        inbox = dps.get("/dashboard/handovers/").text
        assert f'href="{page}"' in inbox and "Minta bicara dengan petugas" in inbox
        shown = dps.get(page).text
        assert (
            "bicara dengan petugas" in shown and "Saya sudah bayar tapi belum dapat kartu" in shown
        )
        token = CSRF.search(shown).group(1)  # type: ignore[union-attr]
        assert dps.post(page, data={"text": "tanpa token"}).status_code == 403
        sent_before = len(stub.sent)
        reply = "Bu, kartu dikirim minggu depan. Bawa KTP ke kantor jika belum datang."
        answered = dps.post(page, data={"csrf": token, "text": reply})
        assert answered.status_code == 303
        wait_for_outbox(services)
        (delivered,) = stub.sent[sent_before:]
        assert delivered["to"] == WA_ID
        assert body_text(delivered) == f"Petugas Kantor Cabang Denpasar:\n{reply}"
        assert reply in dps.get(page).text

        closed = dps.post(page, data={"csrf": token, "close": "1"})
        assert closed.status_code == 303
        wait_for_outbox(services)
        assert "sudah menutup percakapan ini" in body_text(stub.sent[-1])
        assert f'href="{page}"' not in dps.get("/dashboard/handovers/").text
        assert re.search(r"Ditutup oleh staff:dps", dps.get(page).text)

    kept_before = dps_messages(services)
    assert post(bot, text_webhook("terima kasih", "wamid.h3")) == 200  # the bot's again
    assert dps_messages(services) == kept_before
    with services.sessions() as session:
        trail = [
            (e.actor, e.action)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            if e.action.startswith("handover")
        ]
    assert trail == [
        ("bot", "handover_open"),
        ("staff:dps", "handover_reply"),
        ("staff:dps", "handover_close"),
    ]


def dps_messages(services: Services) -> int:
    from sqlalchemy import func

    from bot.storage.models import HandoverMessage

    with services.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(HandoverMessage)) or 0)


def test_a_reply_after_the_24_hour_window_is_refused_and_points_to_a_template(
    services: Services, bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    from datetime import timedelta

    from bot.storage.models import Conversation

    stub, _ = graph
    staff(services)
    assert post(bot, text_webhook("bicara dengan petugas", "wamid.w1")) == 200
    wait_for_outbox(services)
    with services.sessions.begin() as session:  # the worker last wrote 25 hours ago
        chat = session.scalars(select(Conversation).where(Conversation.chat_id == WA_ID)).one()
        chat.updated_at = chat.updated_at - timedelta(hours=25)
    page = f"/dashboard/handovers/{handover_id(services)}"
    with login(str(bot.base_url), "dps") as dps:
        token = CSRF.search(dps.get(page).text).group(1)  # type: ignore[union-attr]
        sent_before = len(stub.sent)
        refused = dps.post(page, data={"csrf": token, "text": "Bu, kartunya sudah jadi."})
        assert refused.status_code == 400
        assert "24 jam" in refused.text and "template" in refused.text
        wait_for_outbox(services)
        assert len(stub.sent) == sent_before  # nothing sent that WhatsApp would refuse
