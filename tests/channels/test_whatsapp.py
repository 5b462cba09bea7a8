"""WhatsApp end to end: signed webhook bodies posted to the app under uvicorn, the replies
arriving at a stub Graph API on 127.0.0.1; and the renderer and sender on their own."""

from __future__ import annotations

import asyncio
import copy
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.channels.whatsapp import (
    SHARE_PHONE,
    TokenBucket,
    WhatsAppSender,
    joined,
    render,
    to_incoming,
)
from bot.config import Settings
from bot.conversation import Channel, Choice, Deferred, Document, Incoming, Kind, Reply
from bot.outbox import OutboxSender
from bot.services import Services
from bot.storage import outbox
from bot.storage.branches import seed_if_empty
from bot.storage.models import DeliveryFailure, Lead, OutboxMessage
from bot.web.app import create_app
from tests.conftest import FAST_OUTBOX, SHARED
from tests.stubs.graph_api import PHONE_NUMBER_ID, TOKEN, GraphStub
from tests.stubs.server import serve

FIXTURES = SHARED / "fixtures" / "whatsapp"
APP_SECRET = "wa-app-secret"
VERIFY_TOKEN = "verify-me"
WA_ID = "6285712345678"


def fixture(name: str) -> dict[str, Any]:
    path = FIXTURES / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"shared fixture {path} is missing")
    return dict(copy.deepcopy(json.loads(path.read_text())))


def message_of(body: dict[str, Any]) -> dict[str, Any]:
    return dict(body["entry"][0]["changes"][0]["value"]["messages"][0])


def text_webhook(text: str, wamid: str) -> dict[str, Any]:
    body = fixture("webhook_text")
    message = message_of(body)
    message.update(id=wamid, text={"body": text})
    body["entry"][0]["changes"][0]["value"]["messages"] = [message]
    return body


def press_webhook(name: str, choice_id: str, wamid: str) -> dict[str, Any]:
    body = fixture(name)
    message = body["entry"][0]["changes"][0]["value"]["messages"][0]
    message["id"] = wamid
    reply = message["interactive"]["button_reply" if "button" in name else "list_reply"]
    reply["id"] = choice_id
    return body


def sign(raw: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def post(client: httpx.Client, body: dict[str, Any], signature: str | None = None) -> int:
    raw = json.dumps(body).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Hub-Signature-256": sign(raw) if signature is None else signature,
    }
    return client.post("/webhooks/whatsapp", content=raw, headers=headers).status_code


def failures(services: Services) -> list[tuple[str, str]]:
    with services.sessions() as session:
        return [(f.chat_id, f.code) for f in session.scalars(select(DeliveryFailure))]


def body_text(message: dict[str, Any]) -> str:
    if message["type"] == "text":
        return str(message["text"]["body"])
    return str(message["interactive"]["body"]["text"])


def rows(message: dict[str, Any]) -> list[tuple[str, str]]:
    assert message["type"] == "interactive" and message["interactive"]["type"] == "list"
    return [(r["id"], r["title"]) for r in message["interactive"]["action"]["sections"][0]["rows"]]


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    assert message["type"] == "interactive" and message["interactive"]["type"] == "button"
    return [
        (b["reply"]["id"], b["reply"]["title"]) for b in message["interactive"]["action"]["buttons"]
    ]


def test_greeting_menu_programs_and_presses(
    bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    stub, _ = graph
    assert post(bot, text_webhook("halo", "wamid.1")) == 200
    (menu,) = stub.sent  # the greeting and the menu in one bubble
    assert menu["to"] == WA_ID
    greeting, question = body_text(menu).split("\n\n")
    assert greeting.startswith("Halo! Saya asisten BPJS Ketenagakerjaan")
    assert question.startswith("Apa yang ingin Anda lakukan?")
    assert menu["interactive"]["action"]["button"] == "Pilih menu"
    assert rows(menu) == [
        ("programs", "Info program"),
        ("eligibility", "Cek syarat & iuran"),
        ("register", "Daftar"),
        ("ask", "Tanya bebas"),
        ("language", "Bahasa"),
    ]

    assert post(bot, press_webhook("webhook_list_reply", "programs", "wamid.2")) == 200
    programs = stub.sent[1]
    assert "lima program" in body_text(programs)
    listed = rows(programs)
    assert len(listed) == 6 and ("program:jkk", "JKK") in listed
    assert all(len(title) <= 24 for _, title in listed)
    jkk = programs["interactive"]["action"]["sections"][0]["rows"][0]
    assert jkk["description"] == "JKK (Jaminan Kecelakaan Kerja)"

    assert post(bot, fixture("webhook_button_reply")) == 200  # the fixture as it is: program:jkm
    page = stub.sent[2]
    assert body_text(page).startswith("JKM (Jaminan Kematian)")
    assert buttons(page) == [("program_more:jkm", "Selengkapnya"), ("programs", "Kembali")]

    assert post(bot, fixture("webhook_list_reply")) == 200  # occupation:pedagang, not offered here
    assert body_text(stub.sent[3]).startswith("Tombol itu dari pesan sebelumnya.")


class WhatsAppUser:
    """Siti on her phone: types text, or presses a button or row of the last message she got."""

    def __init__(self, client: httpx.Client, stub: GraphStub) -> None:
        self.client, self.stub, self.count, self.seen = client, stub, 0, 0

    def _post(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        assert post(self.client, body) == 200
        new, self.seen = self.stub.sent[self.seen :], len(self.stub.sent)
        assert new, "no reply"
        for message in new:
            if message["type"] == "interactive" and message["interactive"]["type"] == "button":
                assert all(len(title) <= 20 for _, title in buttons(message))
            if message["type"] == "interactive" and message["interactive"]["type"] == "list":
                assert all(len(title) <= 24 for _, title in rows(message))
        return new

    def say(self, text: str) -> str:
        self.count += 1
        return "\n".join(
            body_text(m) for m in self._post(text_webhook(text, f"wamid.s{self.count}"))
        )

    def press(self, choice_id: str) -> str:
        last = self.stub.sent[-1]
        assert last["type"] == "interactive", f"no buttons to press in {body_text(last)!r}"
        kind = last["interactive"]["type"]
        offered = buttons(last) if kind == "button" else rows(last)
        assert choice_id in [id_ for id_, _ in offered], f"{choice_id} not in {offered}"
        self.count += 1
        name = "webhook_button_reply" if kind == "button" else "webhook_list_reply"
        body = press_webhook(name, choice_id, f"wamid.p{self.count}")
        return "\n".join(body_text(m) for m in self._post(body))


def test_registration_over_whatsapp(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
    siti = WhatsAppUser(bot, graph[0])
    siti.say("halo")
    siti.press("register")
    siti.press("agree")
    siti.say("siti aminah")
    siti.say("5103065508950002")
    assert "0857" in siti.press("nik_yes")  # her WhatsApp number is offered, masked
    siti.press("phone_sender")
    siti.press("regency_yes")
    siti.say("kuta utr")
    siti.say("dalung")
    siti.press("occ:transport")
    siti.say("2 juta")
    siti.press("prog:base")
    siti.press("period:3")
    summary = siti.press("sponsored_no")
    assert "Nama: Siti Aminah" in summary
    done = siti.press("reg_submit")
    with services.sessions() as session:
        lead = session.scalars(select(Lead)).one()
    assert lead.reference in done
    assert (lead.channel, lead.phone, lead.name) == ("whatsapp", "+" + WA_ID, "Siti Aminah")


def test_english_list_button(bot: httpx.Client, graph: tuple[GraphStub, str]) -> None:
    stub, _ = graph
    post(bot, text_webhook("bahasa", "wamid.en"))
    (menu,) = stub.sent
    assert body_text(menu).startswith("I will now write in English.")
    assert menu["interactive"]["action"]["button"] == "Choose from the list"


def test_referral_text_and_voice_note(bot: httpx.Client, graph: tuple[GraphStub, str]) -> None:
    stub, _ = graph
    assert post(bot, fixture("webhook_text")) == 200  # "DAFTAR BDG042": text passed on as it is
    assert stub.sent and all(message["to"] == WA_ID for message in stub.sent)
    before = len(stub.sent)
    assert post(bot, fixture("webhook_audio")) == 200
    (voice,) = stub.sent[before:]
    assert (
        body_text(voice)
        == "Maaf, saya belum bisa mendengarkan pesan suara. Silakan ketik pesan Anda."
    )


def test_signature_is_required(bot: httpx.Client, graph: tuple[GraphStub, str]) -> None:
    stub, _ = graph
    body = text_webhook("halo", "wamid.sig")
    raw = json.dumps(body).encode()
    forged = bot.post(
        "/webhooks/whatsapp",
        content=raw,
        headers={"X-Hub-Signature-256": sign(raw, "not-the-secret")},
    )
    missing = bot.post("/webhooks/whatsapp", content=raw)
    tampered = bot.post(
        "/webhooks/whatsapp",
        content=raw.replace(b"halo", b"menu"),
        headers={"X-Hub-Signature-256": sign(raw)},
    )
    assert (forged.status_code, missing.status_code, tampered.status_code) == (403, 403, 403)
    assert stub.sent == [] and stub.attempts == []
    garbage = bot.post(
        "/webhooks/whatsapp",
        content=b"{not json",
        headers={"X-Hub-Signature-256": sign(b"{not json")},
    )
    assert garbage.status_code == 400
    assert post(bot, body) == 200  # the same message, signed: handled (nothing was claimed)
    assert len(stub.sent) == 1


def test_get_verification(bot: httpx.Client) -> None:
    params = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    good = bot.get("/webhooks/whatsapp", params=params)
    assert (good.status_code, good.text) == (200, "1158201444")
    assert good.headers["content-type"].startswith("text/plain")
    bad = bot.get("/webhooks/whatsapp", params={**params, "hub.verify_token": "guess"})
    assert bad.status_code == 403 and "1158201444" not in bad.text
    assert bot.get("/webhooks/whatsapp").status_code == 403


def test_duplicate_delivery_is_answered_once(
    bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    stub, _ = graph
    voice = fixture("webhook_audio")
    assert post(bot, voice) == 200
    assert post(bot, voice) == 200
    assert len(stub.sent) == 1


def test_statuses_are_acknowledged(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    stub, _ = graph
    assert post(bot, fixture("webhook_status")) == 200
    assert stub.sent == [] and failures(services) == []
    failed = fixture("webhook_status")
    status = failed["entry"][0]["changes"][0]["value"]["statuses"][0]
    status.update(status="failed", errors=[{"code": 131047, "title": "Re-engagement message"}])
    assert post(bot, failed) == 200
    assert stub.sent == [] and failures(services) == [(WA_ID, "131047")]


@pytest.mark.parametrize(
    ("fail", "attempts"),
    [
        (["500"], ["messages:500", "messages:ok"]),
        (["130429"], ["messages:130429", "messages:ok"]),
        (
            ["500", "130429", "500"],
            ["messages:500", "messages:130429", "messages:500", "messages:ok"],
        ),
    ],
)
def test_passing_failures_are_retried(
    bot: httpx.Client,
    graph: tuple[GraphStub, str],
    services: Services,
    fail: list[str],
    attempts: list[str],
) -> None:
    stub, _ = graph
    stub.fail(*fail)
    assert post(bot, fixture("webhook_audio")) == 200
    assert stub.attempts == attempts
    assert "pesan suara" in body_text(stub.sent[0])
    assert failures(services) == []


def test_outside_window_is_recorded(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    stub, _ = graph
    stub.fail("131047")
    assert post(bot, text_webhook("halo", "wamid.late")) == 200
    assert stub.attempts == ["messages:131047"]  # not retried; the menu after it is not tried
    assert stub.sent == []
    assert failures(services) == [(WA_ID, "131047")]


def test_other_client_errors_are_not_retried(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    stub, _ = graph
    stub.fail("400")
    assert post(bot, text_webhook("halo", "wamid.bad")) == 200
    assert stub.attempts == ["messages:400"]  # refused once, not tried again
    assert failures(services) == [(WA_ID, "100")]
    assert post(bot, text_webhook("menu", "wamid.next")) == 200  # and the chat goes on
    assert stub.attempts == ["messages:400", "messages:ok"]
    assert rows(stub.sent[0])[0] == ("programs", "Info program")


def queue(services: Services, *replies: Reply) -> None:
    """A turn's replies to WA_ID in the outbox, as the engine writes them."""
    incoming = Incoming(Channel.WHATSAPP, WA_ID, WA_ID, Kind.TEXT, message_id=None)
    with services.db.connect() as connection, connection.begin():
        outbox.write(connection, incoming, replies, pending=True, now=datetime.now(UTC))


@asynccontextmanager
async def graph_sender(
    services: Services, url: str, timeout: float = 5.0, **timing: Any
) -> AsyncIterator[OutboxSender]:
    """An outbox sender for WhatsApp alone, on its own httpx client to the stub."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=timeout) as client:
        whatsapp = WhatsAppSender(client, PHONE_NUMBER_ID)
        settings = replace(FAST_OUTBOX, **timing)
        yield OutboxSender(services.db, services.engine.turn_lock, None, [whatsapp], settings)


async def drain_until_done(sender: OutboxSender, services: Services) -> None:
    for _ in range(200):
        await sender.drain()
        if outbox_status(services) != ["pending"]:
            return
        await asyncio.sleep(0.02)


def outbox_status(services: Services) -> list[str]:
    with services.sessions() as session:
        return list(session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


async def test_sender_retries_a_timeout_and_uploads_documents(
    services: Services, graph: tuple[GraphStub, str]
) -> None:
    stub, url = graph
    async with graph_sender(services, url, timeout=0.3) as sender:
        stub.fail("hang")
        queue(services, Reply("Halo"))
        await drain_until_done(sender, services)
        assert stub.attempts == ["messages:hang", "messages:ok"]
        assert stub.sent[-1]["text"] == {"body": "Halo"}

        qr = Document("qr-BDG042.png", b"\x89PNG fake", "image/png", caption="Kode QR Anda")
        sheet = Document("leads.csv", b"ref,name\n", "text/csv")
        queue(services, Reply("", document=qr), Reply("Ekspor siap.", document=sheet))
        await drain_until_done(sender, services)
    assert [(m["type"], m["filename"], m["content"]) for m in stub.media] == [
        ("image/png", "qr-BDG042.png", b"\x89PNG fake"),
        ("text/csv", "leads.csv", b"ref,name\n"),
    ]
    image, document, text = stub.sent[-3:]
    assert image["type"] == "image" and image["image"]["caption"] == "Kode QR Anda"
    assert image["image"]["id"].startswith("media-")
    assert document["document"]["filename"] == "leads.csv"
    assert text["text"]["body"] == "Ekspor siap."
    assert outbox_status(services) == ["sent", "sent"]


async def test_a_refused_upload_skips_only_its_reply(
    services: Services, graph: tuple[GraphStub, str]
) -> None:
    stub, url = graph
    async with graph_sender(services, url) as sender:
        stub.fail("400")
        poster = Document("poster.pdf", b"%PDF", "application/pdf")
        queue(services, Reply("Poster Anda.", document=poster), Reply("Ada lagi?"))
        await drain_until_done(sender, services)
    assert stub.attempts == ["media:400", "messages:ok"]
    assert [m["text"]["body"] for m in stub.sent] == ["Ada lagi?"]
    assert failures(services) == [(WA_ID, "100")]
    assert outbox_status(services) == ["failed"]  # for an operator to see; nothing is retried


async def test_sender_gives_up_after_its_attempts(
    services: Services, graph: tuple[GraphStub, str]
) -> None:
    stub, url = graph
    async with graph_sender(services, url, attempts=3) as sender:
        stub.fail("500", "500", "500")
        queue(services, Reply("Satu."), Reply("Dua."))
        await drain_until_done(sender, services)
    assert stub.attempts == ["messages:500"] * 3 and stub.sent == []
    assert failures(services) == [(WA_ID, "1")]
    assert outbox_status(services) == ["failed"]


def test_long_text_is_split_at_sentence_ends() -> None:
    sentence = "Iuran JKK mulai Rp10.000 per bulan. "
    text = (sentence * 200).strip()  # 7,199 characters
    parts = render(Reply(text), WA_ID)
    assert len(parts) == 2 and all(p["type"] == "text" for p in parts)
    assert all(
        len(p["text"]["body"]) <= 4096 and p["text"]["body"].endswith("bulan.") for p in parts
    )
    with_buttons = render(Reply(text, (Choice("menu", "Menu utama"),)), WA_ID)
    assert [p["type"] for p in with_buttons] == ["text", "text", "interactive"]
    assert len(body_text(with_buttons[-1])) <= 1024
    assert "".join(body_text(p) for p in with_buttons).replace(" ", "") == text.replace(" ", "")


def test_choices_render_by_count() -> None:
    three = Reply(
        "Pilih:",
        (
            Choice("eligibility", "Cek syarat & iuran bulanan Anda"),
            Choice("program:jkk", "JKK (Jaminan Kecelakaan Kerja)"),
            Choice("menu", "Menu utama"),
        ),
    )
    (message,) = render(three, WA_ID)
    assert buttons(message) == [
        ("eligibility", "Cek syarat & iuran…"),
        ("program:jkk", "JKK"),
        ("menu", "Menu utama"),
    ]
    many = Reply(
        "Pilih kabupaten:", tuple(Choice(f"regency:{i}", f"Kabupaten {i}") for i in range(12))
    )
    (numbered,) = render(many, WA_ID)
    assert numbered["type"] == "text" and "12. Kabupaten 11" in body_text(numbered)
    phone = render(
        Reply("Nomor HP Anda?", (Choice("phone", "Kirim nomor saya"),), request_phone=True), WA_ID
    )
    assert buttons(phone[0]) == [(SHARE_PHONE, "Kirim nomor saya")]


def test_incoming_kinds() -> None:
    base = message_of(fixture("webhook_text"))

    def incoming(kind: str, **content: Any) -> Any:
        message = {k: v for k, v in base.items() if k != "text"}
        return to_incoming({**message, "type": kind, **content})

    text = to_incoming(base)
    assert text is not None
    assert (text.kind, text.text, text.chat_id, text.user_id, text.language) == (
        Kind.TEXT,
        "DAFTAR BDG042",
        WA_ID,
        WA_ID,
        None,
    )
    assert text.message_id == base["id"]
    card = incoming(
        "contacts",
        contacts=[
            {
                "name": {"formatted_name": "Siti"},
                "phones": [{"phone": "+62 857-1234-5678", "wa_id": WA_ID}],
            }
        ],
    )
    assert (card.kind, card.payload) == (Kind.CONTACT, "+62 857-1234-5678")
    place = incoming("location", location={"latitude": -8.65, "longitude": 115.21, "name": "Pasar"})
    assert (place.kind, place.latitude, place.longitude) == (Kind.LOCATION, -8.65, 115.21)
    photo = incoming("image", image={"id": "1", "mime_type": "image/jpeg", "caption": "KTP saya"})
    assert (photo.kind, photo.media, photo.text) == (Kind.UNSUPPORTED, "image", "KTP saya")
    for kind in ("sticker", "document", "video"):
        assert incoming(kind, **{kind: {"id": "2"}}).media == kind
    voice = to_incoming(message_of(fixture("webhook_audio")))
    assert voice is not None and (voice.kind, voice.media) == (Kind.UNSUPPORTED, "voice")
    assert incoming("audio", audio={"id": "3", "voice": False}).media == "audio"
    share = incoming(
        "interactive",
        interactive={"type": "button_reply", "button_reply": {"id": SHARE_PHONE, "title": "Kirim"}},
    )
    assert (share.kind, share.payload) == (Kind.CONTACT, "+" + WA_ID)
    assert incoming("reaction", reaction={"message_id": "wamid.x", "emoji": "👍"}) is None


async def test_token_bucket_limits_the_rate() -> None:
    bucket = TokenBucket(rate=50)
    began = time.monotonic()
    for _ in range(75):  # 50 in the burst, then 25 more at 50/s
        await bucket.acquire()
    assert 0.4 <= time.monotonic() - began < 2.0


def test_worker_processes_share_the_numbers_send_rate(
    services: Services, wa_settings: Settings
) -> None:
    settings = replace(wa_settings, web_workers=2, whatsapp_send_rate=80.0)
    app = create_app(replace(services, settings=settings))
    with serve(app):
        whatsapp = app.state.whatsapp.transports["whatsapp"]
        assert whatsapp.bucket.rate == 40  # two processes: 80 a second together


def test_a_text_and_the_choices_after_it_go_as_one_message() -> None:
    menu = Reply("Apa yang ingin Anda lakukan?", (Choice("programs", "Info program"),))
    (one,) = joined([Reply("Halo!"), menu])
    assert one.text == "Halo!\n\nApa yang ingin Anda lakukan?" and one.choices == menu.choices
    too_long = Reply("x" * 1000)
    assert joined([too_long, menu]) == [too_long, menu]  # over an interactive body's 1,024
    file = Reply("QR", document=Document("qr.png", b"png", "image/png"))
    assert joined([file, menu]) == [file, menu]
    assert joined([Reply("a"), Reply("b")]) == [Reply("a"), Reply("b")]  # plain texts stay apart


def test_a_document_made_later_is_not_joined_to_the_buttons_after_it() -> None:
    export = Reply("", deferred=Deferred("leads_export", {"format": "csv"}))
    menu = Reply("Ada lagi?", (Choice("menu", "Menu"),))
    assert joined([export, menu]) == [export, menu]
