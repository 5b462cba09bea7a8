"""Officers through the real engine and database: links to attributed contacts and leads,
"cek petugas", an officer's own chat (link, QR, numbers) and assisted registration."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.channels.telegram import build_application
from bot.config import Secret, Settings
from bot.conversation import Channel, Reply
from bot.services import Services, build_services
from bot.storage import officers as store
from bot.storage.branches import seed_if_empty
from bot.storage.leads import LeadData, create_lead
from bot.storage.models import Base, Contact, FunnelEvent, Lead, Officer, OfficerCode, OutboxMessage
from bot.web.app import create_app
from handlers.officer_texts import asked_in_own_words
from tests.channels.test_telegram import fixture as telegram_fixture
from tests.channels.test_whatsapp import APP_SECRET, WA_ID, sign, text_webhook
from tests.conftest import FIXED_NOW, Chat, labels, texts
from tests.stubs.graph_api import PHONE_NUMBER_ID, GraphStub
from tests.stubs.graph_api import TOKEN as GRAPH_TOKEN
from tests.stubs.server import serve
from tests.stubs.telegram_api import TOKEN, TelegramStub

WA_NUMBER = "6281100000000"
NIK = "5103061508950001"  # Kab. Badung, Kuta Utara


@dataclass
class Team:
    services: Services
    budi: str  # referral codes
    made: str
    gone: str  # deactivated

    def officer(self, code: str) -> Officer:
        with self.services.sessions() as session:
            found = store.officer_by_code(session, code)
            assert found is not None
            return found

    def contact(self, channel: Channel, user_id: str) -> Contact:
        with self.services.sessions() as session:
            return session.scalars(
                select(Contact).where(Contact.channel == channel.value, Contact.user_id == user_id)
            ).one()

    def link_code(self, code: str) -> str:
        with self.services.sessions.begin() as session:
            officer = store.officer_by_code(session, code)
            assert officer is not None
            return store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]


@pytest.fixture
def team(settings: Settings) -> Iterator[Team]:
    """Three officers of the Badung branch, the bot configured with a WhatsApp number."""
    services = build_services(replace(settings, whatsapp_number=WA_NUMBER), clock=lambda: FIXED_NOW)
    with services.sessions.begin() as session:
        seed_if_empty(session)
        codes = [
            store.create_officer(session, name=name, branch_code="badung", now=FIXED_NOW).code
            for name in ("Budi Santoso", "Made Wirawan", "Ketut Lama")
        ]
        store.deactivate(session, codes[2])
    yield Team(services, *codes)
    with services.sessions.begin() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
    services.close()


def spaced(code: str) -> str:
    """How people type a code off a poster: lower case, a space in the middle."""
    return f"{code[:3].lower()} {code[3:].lower()}"


# ---------------------------------------------------------------- attribution


def test_a_deep_link_attributes_the_chat_and_a_later_link_does_not_steal_it(team: Team) -> None:
    chat = Chat(team.services, Channel.TELEGRAM, "tg-1")
    greeting = chat.start(team.budi)
    assert texts(greeting).startswith("Halo! Saya asisten BPJS Ketenagakerjaan")
    assert "Daftar" in labels(greeting)
    budi = team.officer(team.budi)
    contact = team.contact(Channel.TELEGRAM, "tg-1")
    assert contact.officer_id == budi.id and contact.attributed_at is not None

    assert texts(chat.start(team.made)).startswith("Halo!")
    assert team.contact(Channel.TELEGRAM, "tg-1").officer_id == budi.id
    chat.say(f"DAFTAR {team.made}")
    assert team.contact(Channel.TELEGRAM, "tg-1").officer_id == budi.id


@pytest.mark.parametrize("payload", ["lower", "ref-"])
def test_deep_link_codes_in_other_cases(team: Team, payload: str) -> None:
    chat = Chat(team.services, Channel.WEB, "web-1")
    chat.start(team.made.lower() if payload == "lower" else f"ref-{team.made}")
    assert team.contact(Channel.WEB, "web-1").officer_id == team.officer(team.made).id


@pytest.mark.parametrize(
    "text", ["DAFTAR {code}", "daftar {spaced}", "Halo, saya mau daftar. Kode {spaced}"]
)
def test_the_prefilled_whatsapp_text_attributes_the_chat(team: Team, text: str) -> None:
    chat = Chat(team.services, Channel.WHATSAPP, "6285712345678")
    replies = chat.say(text.format(code=team.budi, spaced=spaced(team.budi)))
    assert texts(replies).startswith("Halo! Saya asisten BPJS Ketenagakerjaan")
    assert team.contact(Channel.WHATSAPP, "6285712345678").officer_id == team.officer(team.budi).id


@pytest.mark.parametrize("how", ["start", "whatsapp"])
@pytest.mark.parametrize("which", ["unknown", "deactivated"])
def test_an_unknown_or_deactivated_code_gets_the_normal_welcome(
    team: Team, how: str, which: str
) -> None:
    code = "K7M2QX" if which == "unknown" else team.gone
    chat = Chat(team.services, Channel.WHATSAPP, "6285700000001")
    replies = chat.start(code) if how == "start" else chat.say(f"DAFTAR {code}")
    assert texts(replies).startswith("Halo! Saya asisten BPJS Ketenagakerjaan")
    assert team.contact(Channel.WHATSAPP, "6285700000001").officer_id is None


@pytest.mark.parametrize(
    "text",
    [
        "sy mau daftarin anak sy, dia udah 25 th kerja bengkel",  # UDAH25
        "assalamualaikum, mau daftarin anak, dia udah 25 th kerja bengkel",
    ],
)
def test_a_sentence_whose_short_words_spell_a_code_is_read_as_a_sentence(
    team: Team, text: str
) -> None:
    chat = Chat(team.services, Channel.WHATSAPP, "6285700000002")
    replies = chat.say(text)
    assert not texts(replies).startswith("Halo"), texts(replies)
    assert team.contact(Channel.WHATSAPP, "6285700000002").officer_id is None


def to_lead(chat: Chat) -> list[Reply]:
    """Register with the simplest answers (as tests/handlers/test_registration_flow.py does)."""
    chat.press("register")
    chat.press("agree")
    chat.say("ni wayan sari")
    chat.say(NIK)
    chat.press("nik_yes")
    chat.say("0812 3456 7890")
    chat.press("regency_yes")
    chat.say("kuta utr")
    chat.say("dalung")
    chat.press("occ:trader")
    chat.say("2 juta")
    chat.press("prog:base")
    chat.press("period:1")
    chat.press("sponsored_no")
    return chat.press("reg_submit")


def test_from_a_prefilled_whatsapp_text_to_a_lead_of_the_officer(team: Team) -> None:
    chat = Chat(team.services, Channel.WEB, "web-lead")
    chat.say(f"daftar {spaced(team.budi)}")
    assert re.search(r"JMS-\w{4}-\w{4}", texts(to_lead(chat)))
    budi = team.officer(team.budi)
    with team.services.sessions() as session:
        lead = session.scalars(select(Lead)).one()
        assert lead.officer_id == budi.id and lead.assisted_by_officer_id is None


# ---------------------------------------------------------------- cek petugas


def test_anyone_can_check_an_officer(team: Team) -> None:
    chat = Chat(team.services, Channel.WHATSAPP, "6285700000002")
    found = texts(chat.say(f"cek petugas {spaced(team.budi)}"))
    assert f"Petugas {team.budi}: Budi Santoso, Kantor Cabang Badung. Status: aktif." in found
    assert "tidak pernah lewat membayar seseorang" in found and "rekening pribadi" in found
    assert "Status: TIDAK aktif" in texts(chat.say(f"Cek Petugas {team.gone}"))
    unknown = texts(chat.say("cek petugas K7M2QX"))
    assert "Tidak ada petugas dengan kode K7M2QX" in unknown and "rekening pribadi" in unknown
    assert "Contoh: cek petugas" in texts(chat.say("cek petugas"))
    assert team.contact(Channel.WHATSAPP, "6285700000002").officer_id is None


# ---------------------------------------------------------------- the officer's own chat


def test_an_officer_links_their_account_and_gets_links_qr_and_poster(team: Team) -> None:
    chat = Chat(team.services, Channel.TELEGRAM, "tg-budi")
    assert "Menu ini untuk petugas" in texts(chat.press("officer_link"))
    linked = chat.say(f"petugas {team.link_code(team.budi)}")
    assert f"terhubung dengan kode petugas {team.budi}" in texts(linked)
    assert labels(linked) == [
        "Link saya",
        "QR dan poster",
        "Statistik saya",
        "Daftarkan pekerja",
        "Menu utama",
    ]
    assert team.officer(team.budi).telegram_user_id == "tg-budi"

    shown = texts(chat.say("link"))
    assert f"Telegram: https://t.me/jamsostek_bot?start={team.budi}" in shown
    assert f"WhatsApp: https://wa.me/{WA_NUMBER}?text=DAFTAR%20{team.budi}" in shown

    qr, poster, *_ = chat.say("QR")
    assert qr.document and poster.document
    assert qr.document.mime_type == "image/png" and poster.document.content.startswith(b"%PDF")
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.document.content)))]
    assert decoded == [f"https://wa.me/{WA_NUMBER}?text=DAFTAR%20{team.budi}"]

    # the menu word the welcome text gives officers opens their menu, not "talk to a person"
    assert labels(chat.say("petugas"))[:2] == ["Link saya", "QR dan poster"]

    other = Chat(team.services, Channel.TELEGRAM, "tg-someone")
    assert "Angka Anda" not in texts(other.say("statistik"))  # not an officer: the FAQ answers
    assert "Menu ini untuk petugas" in texts(other.press("officer_stats"))


def test_a_link_code_works_once_and_wrong_codes_are_limited(team: Team) -> None:
    code = team.link_code(team.made)
    assert "terhubung" in texts(
        Chat(team.services, Channel.WHATSAPP, "62811").say(f"PETUGAS {code}")
    )
    assert team.officer(team.made).whatsapp_user_id == "62811"
    thief = Chat(team.services, Channel.WHATSAPP, "62899")
    assert "tidak berlaku" in texts(thief.say(f"petugas {code}"))
    for guess in range(4):
        thief.say(f"petugas 10000{guess}")
    assert "Terlalu banyak kode yang salah" in texts(
        thief.say(f"petugas {team.link_code(team.made)}")
    )
    assert team.officer(team.made).whatsapp_user_id == "62811"


def lead_data(name: str = "Ni Wayan Sari") -> LeadData:
    return LeadData(
        name=name,
        nik_encrypted=b"x",
        nik_hash=name,
        birth_date=date(1995, 8, 15),
        gender="P",
        phone="+6281234567890",
        regency_code="51.03",
        occupation="trader",
        programs=["jkk", "jkm"],
        consent_version="2026-11",
        consent_at=FIXED_NOW,
    )


def brought(session: Session, officer: Officer, key: str, at: datetime, lead: bool) -> Lead | None:
    """What an officer's link brings at `at`: a chat, its eligibility check, maybe a lead."""
    contact = Contact(
        channel="whatsapp",
        user_id=f"62800-{key}",
        first_seen=at,
        officer_id=officer.id,
        attributed_at=at,
    )
    session.add(contact)
    session.flush()
    session.add(
        FunnelEvent(
            at=at,
            kind="eligibility_checked",
            channel="whatsapp",
            contact_id=contact.id,
            officer_id=officer.id,
        )
    )
    if not lead:
        return None
    return create_lead(
        session,
        lead_data(key),
        contact=contact,
        branch_id=officer.branch_id,
        branch_flagged=False,
        now=at,
    )


def test_an_officer_sees_their_numbers(team: Team) -> None:
    wib_monday = datetime(2026, 11, 15, 17, 0, tzinfo=FIXED_NOW.tzinfo)  # Monday 16 Nov, 00:00 WIB
    with team.services.sessions.begin() as session:
        budi = store.officer_by_code(session, team.budi)
        assert budi is not None
        seen = {
            "today": FIXED_NOW - timedelta(hours=1),
            "week": wib_monday + timedelta(hours=1),
            "month": datetime(2026, 11, 2, tzinfo=FIXED_NOW.tzinfo),
            "before": datetime(2026, 10, 20, tzinfo=FIXED_NOW.tzinfo),
        }
        for key, at in seen.items():
            if lead := brought(session, budi, key, at, lead=key != "week"):
                lead.status = "dihubungi" if key == "before" else "baru"
        store.link_account(session, budi, "telegram", "tg-budi")
    numbers = texts(Chat(team.services, Channel.TELEGRAM, "tg-budi").say("statistik"))
    assert "Hari ini: 1 chat dimulai, 1 cek syarat, 1 pendaftaran" in numbers
    assert "Minggu ini: 2 chat dimulai, 2 cek syarat, 1 pendaftaran" in numbers
    assert "Bulan ini: 3 chat dimulai, 3 cek syarat, 2 pendaftaran" in numbers
    assert "Semua pendaftaran per status: baru 2, dihubungi 1" in numbers


def test_an_officer_in_bali_counts_days_in_wita(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Badung is in WITA: 16:30 UTC is 00:30 on 21 November there, today at 09:00 WITA."""
    with team.services.sessions.begin() as session:
        budi = store.officer_by_code(session, team.budi)
        assert budi is not None
        brought(session, budi, "night", datetime(2026, 11, 20, 16, 30, tzinfo=UTC), lead=True)
        brought(session, budi, "evening", datetime(2026, 11, 20, 15, 30, tzinfo=UTC), lead=False)
        store.link_account(session, budi, "telegram", "tg-budi")
    now = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)
    monkeypatch.setattr(team.services.engine, "clock", lambda: now)
    numbers = texts(Chat(team.services, Channel.TELEGRAM, "tg-budi").say("statistik"))
    assert "Hari ini: 1 chat dimulai, 1 cek syarat, 1 pendaftaran" in numbers
    assert "Minggu ini: 2 chat dimulai, 2 cek syarat, 1 pendaftaran" in numbers
    assert "Semua pendaftaran per status: baru 1" in numbers


# ---------------------------------------------------------------- assisted registration


def test_assisted_registration_needs_the_workers_consent_from_their_own_phone(team: Team) -> None:
    officer = Chat(team.services, Channel.TELEGRAM, "tg-budi")
    officer.say(f"petugas {team.link_code(team.budi)}")
    qr, *replies = officer.say("daftarkan pekerja")
    code = re.search(r"SETUJU (\d{6})", texts(replies))
    assert code and qr.document, texts(replies)
    scanned = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.document.content)))]
    assert scanned == [f"https://wa.me/{WA_NUMBER}?text=SETUJU%20{code.group(1)}"]
    assert "belum menyetujui" in texts(officer.press("officer_assist_form"))

    worker = Chat(team.services, Channel.WHATSAPP, "6285712345678")
    consent = worker.say(f"setuju {code.group(1)}")
    assert f"Petugas Budi Santoso ({team.budi}) akan mendaftarkan Anda" in texts(consent)
    assert "persetujuan versi 2026-11" in texts(consent)
    assert labels(consent) == ["Setuju", "Tidak setuju"]
    assert "Jangan pernah membayar" in texts(worker.press("agree"))
    worker_contact = team.contact(Channel.WHATSAPP, "6285712345678")
    assert worker_contact.officer_id == team.officer(team.budi).id and worker_contact.consent_at
    assert "tidak berlaku" in texts(
        Chat(team.services, Channel.TELEGRAM, "tg-2").say(f"setuju {code.group(1)}")
    )

    form = texts(officer.press("officer_assist_form"))
    assert "Pekerja sudah setuju" in form and "nama lengkap" in form  # consent is not asked again

    # The officer fills in the form for the worker and sends it: the lead is the worker's.
    officer.say("i made suarta")
    officer.say("5103011508950003")
    officer.press("nik_yes")
    assert "Pakai nomor ini" not in texts(
        officer.say("0857 1234 5678")
    )  # not the officer's own number
    officer.press("regency_yes")
    officer.say("kuta utr")
    officer.say("dalung")
    officer.press("occ:transport")
    officer.say("2 juta")
    officer.press("prog:base")
    officer.press("period:3")
    officer.press("sponsored_no")
    assert "JMS-" in texts(officer.press("reg_submit"))
    budi = team.officer(team.budi)
    with team.services.sessions() as session:
        lead = session.scalars(select(Lead)).one()
    assert (lead.officer_id, lead.assisted_by_officer_id, lead.contact_id) == (
        budi.id,
        budi.id,
        worker_contact.id,
    )
    assert lead.consent_at == worker_contact.consent_at
    assert lead.phone == "+6285712345678"
    # The worker gets the reference on her own phone, with her branch office's contact.
    with team.services.sessions() as session:
        queued = session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == "6285712345678")
        ).all()
    notice = "\n".join(r["text"] for row in queued for r in row.replies)
    assert f"Nomor pendaftaran Anda {lead.reference}" in notice
    assert "Petugas Budi Santoso sudah mengirim pendaftaran Anda" in notice
    assert "Kantor cabang Anda:\nKantor Cabang" in notice and "Jam buka: Senin–Jumat" in notice


def test_the_officers_form_asks_about_the_worker_without_his_own_number(team: Team) -> None:
    """On Telegram registration asks to share "my number"; the officer's form asks the
    worker's, typed, and each question it reuses speaks of the worker, not to "Anda"."""
    officer = Chat(team.services, Channel.TELEGRAM, "tg-budi")
    officer.say(f"petugas {team.link_code(team.budi)}")
    _, *replies = officer.say("daftarkan pekerja")
    code = re.search(r"SETUJU (\d{6})", texts(replies))
    assert code, texts(replies)
    worker = Chat(team.services, Channel.WHATSAPP, "6285712345678")
    worker.say(f"setuju {code.group(1)}")
    worker.press("agree")

    asked = [
        officer.press("officer_assist_form"),
        officer.say("i made suarta"),
        officer.say("5103011508950003"),
    ]
    phone = officer.press("nik_yes")
    assert "nomor HP pekerja" in texts(phone) and "Contoh: 081234567890" in texts(phone)
    assert labels(phone) == [] and not any(r.request_phone for r in phone)
    asked += [phone, officer.say("0857 1234 5678")]
    assert "pekerja tinggal di" in texts(asked[-1])
    assert not [t for replies in asked for t in texts(replies).split("\n") if "Anda" in t]


def test_a_worker_who_declines_gives_nothing(team: Team) -> None:
    officer = Chat(team.services, Channel.TELEGRAM, "tg-budi")
    officer.say(f"petugas {team.link_code(team.budi)}")
    code = re.findall(r"SETUJU (\d{6})", texts(officer.press("officer_assist")))[0]
    worker = Chat(team.services, Channel.TELEGRAM, "tg-worker")
    worker.say(f"SETUJU {code[:3]} {code[3:]}")
    assert "Tidak ada data yang disimpan" in texts(worker.say("tidak"))
    assert team.contact(Channel.TELEGRAM, "tg-worker").consent_at is None
    said = texts(officer.press("officer_assist_form"))
    assert "Pekerja menolak di HP-nya sendiri" in said and "belum menyetujui" not in said, said
    with team.services.sessions() as session:
        declined = session.scalars(select(OfficerCode).where(OfficerCode.purpose == "consent"))
        assert [
            (c.refused_at is not None, c.used_at is not None, c.contact_id) for c in declined
        ] == [(True, True, None)]  # her no is kept on the officer's code, not who she is


# ---------------------------------------------------------------- through the real channels


@pytest.fixture
def telegram_api() -> Iterator[tuple[TelegramStub, str]]:
    telegram = TelegramStub()
    with serve(telegram.app) as url:
        yield telegram, url


def telegram_text(update_id: int, text: str) -> dict[str, Any]:
    update = telegram_fixture("message_start_deeplink", update_id=update_id)
    update["message"] = {
        **update["message"],
        "message_id": update_id,
        "text": text,
        "entities": [{"offset": 0, "length": 6, "type": "bot_command"}]
        if text.startswith("/start")
        else [],
    }
    return update


async def test_a_telegram_deep_link_through_the_bot_api(
    team: Team, telegram_api: tuple[TelegramStub, str]
) -> None:
    telegram, url = telegram_api
    settings = replace(
        team.services.settings, telegram_bot_token=Secret(TOKEN), telegram_api_url=f"{url}/bot"
    )
    application = build_application(settings, team.services.engine, polling=True)
    async with application:
        await application.start()
        assert application.updater
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            telegram.push(telegram_text(900001, f"/start {team.budi}"))
            greeting, _menu = await telegram.wait_for("sendMessage", 2)
            assert greeting["text"].startswith("Halo! Saya asisten BPJS Ketenagakerjaan")
            telegram.push(telegram_text(900002, f"/start {team.made}"))
            await telegram.wait_for("sendMessage", 4)

            telegram.push(telegram_text(900003, f"petugas {team.link_code(team.made)}"))
            await telegram.wait_for("sendMessage", 5)
            telegram.push(telegram_text(900004, "qr"))
            qr, poster = await telegram.wait_for("sendDocument", 2)
        finally:
            await application.updater.stop()
            await application.stop()
    user = str(greeting["chat_id"])
    assert team.contact(Channel.TELEGRAM, user).officer_id == team.officer(team.budi).id
    assert team.officer(team.made).telegram_user_id == user
    image = Image.open(io.BytesIO(qr["document"]["content"]))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [
        f"https://wa.me/{WA_NUMBER}?text=DAFTAR%20{team.made}"
    ]
    assert poster["document"]["filename"] == f"poster-{team.made}.pdf"
    assert poster["document"]["content"].startswith(b"%PDF")


def test_a_prefilled_text_through_the_whatsapp_webhook(team: Team) -> None:
    graph = GraphStub()
    with serve(graph.app) as graph_url:
        settings = replace(
            team.services.settings,
            whatsapp_token=Secret(GRAPH_TOKEN),
            whatsapp_phone_number_id=PHONE_NUMBER_ID,
            whatsapp_app_secret=Secret(APP_SECRET),
            whatsapp_verify_token=Secret("verify-me"),
            whatsapp_api_url=graph_url,
        )
        with (
            serve(create_app(replace(team.services, settings=settings))) as url,
            httpx.Client(base_url=url, timeout=20) as client,
        ):
            raw = json.dumps(
                text_webhook(f"Daftar {spaced(team.budi)}", "wamid.officer-1")
            ).encode()
            response = client.post(
                "/webhooks/whatsapp",
                content=raw,
                headers={"Content-Type": "application/json", "X-Hub-Signature-256": sign(raw)},
            )
            assert response.status_code == 200
            deadline = time.monotonic() + 10
            while not graph.sent and time.monotonic() < deadline:
                time.sleep(0.05)
    assert graph.sent and "Halo! Saya asisten" in json.dumps(graph.sent[0], ensure_ascii=False)
    assert team.contact(Channel.WHATSAPP, WA_ID).officer_id == team.officer(team.budi).id


def test_the_web_chat_start_parameter_attributes_the_chat(team: Team) -> None:
    with serve(create_app(team.services)) as url, httpx.Client(base_url=url) as client:
        response = client.post(
            "/chat/messages", json={"start": True, "ref": team.made.lower(), "id": "m1"}
        )
        assert response.json()["replies"][0]["text"].startswith("Halo!")
    with team.services.sessions() as session:
        contact = session.scalars(select(Contact).where(Contact.channel == "web")).one()
        assert contact.officer_id is not None
    assert contact.officer_id == team.officer(team.made).id


def test_the_consent_names_the_referring_branchs_contact_days_and_the_retention(
    team: Team,
) -> None:
    from dataclasses import replace

    from bot.storage.models import Branch

    with team.services.sessions.begin() as session:  # Budi's branch promises 5 working days
        session.get_one(Branch, team.officer(team.budi).branch_id).call_within_days = 5
    referred = Chat(team.services, Channel.TELEGRAM, "tg-ref")
    referred.start(team.budi)
    consent = texts(referred.say("daftar"))
    assert "dalam 5 hari kerja" in consent and "paling lama 12 bulan" in consent

    shorter = replace(team.services.settings, leads_retention_months=6)
    team.services.engine.settings = shorter  # LEADS_RETENTION_MONTHS=6 for this process
    walk_in = Chat(team.services, Channel.TELEGRAM, "tg-walk-in")  # no officer: the default
    consent = texts(walk_in.say("daftar"))
    assert "dalam 3 hari kerja" in consent and "paling lama 6 bulan" in consent


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Yang bersangkutan tidak memiliki telepon genggam.", "officer_paper"),  # a clerk's
        ("ybs tidak punya hp", "officer_paper"),
        ("Yang bersangkutan sudah menyetujui.", "officer_assist_form"),
        ("ibunya udah setuju", "officer_assist_form"),
        ("saya tidak punya hp", "officer_paper"),
        ("tetangga tidak punya hp juga", None),  # whose phone: neither the worker nor his
    ],
)
def test_an_officers_request_in_a_sentence_names_the_worker(text: str, action: str | None) -> None:
    assert asked_in_own_words(text) == action
