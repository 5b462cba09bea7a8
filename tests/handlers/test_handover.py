"""A person when asked or when the bot is stuck; the status of a registration, for its own chat.

On both databases: a handover opened by a typed request and by two unanswered questions, the
worker's messages kept while it is open and not after staff closed it, the status check in the
owner's chat and in a stranger's, and erasure of the handover's messages.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from bot.conversation import Channel
from bot.crypto import Crypto
from bot.services import Services
from bot.storage.handovers import close_handover
from bot.storage.leads import LeadData, create_lead, set_status
from bot.storage.models import AuditEvent, Branch, Contact, Handover, HandoverMessage, Lead
from tests.conftest import FIXED_NOW, Chat, texts

WORKER = "6281234567890"
STRANGER = "6285700001111"
# Messages the bot cannot answer: nothing in them names what is asked.
UNKNOWN = "punya saya gimana ya"
VAGUE = "kok dari kemarin gak ada yang bales ya"
# Not ours: politely redirected, which is an answer, not being stuck.
OUT_OF_SCOPE = "bagaimana cara menanam padi di sawah tadah hujan"


def whatsapp(services: Services, chat_id: str = WORKER) -> Chat:
    return Chat(services, channel=Channel.WHATSAPP, chat_id=chat_id)


def lead_of(services: Services, chat_id: str, regency: str = "51.71") -> Lead:
    """A registration sent from `chat_id` (its contact made by a first message)."""
    crypto = Crypto(services.settings.secret_key)
    with services.sessions.begin() as session:
        contact = session.scalars(
            select(Contact).where(Contact.channel == "whatsapp", Contact.user_id == chat_id)
        ).one()
        branch_id = session.scalars(select(Branch.id).where(Branch.code == "denpasar")).one()
        data = LeadData(
            name="Ni Luh Sari",
            nik_encrypted=crypto.encrypt("5171014101900001"),
            nik_hash=crypto.hash("5171014101900001"),
            birth_date=date(1990, 1, 1),
            gender="P",
            phone="+" + chat_id,
            regency_code=regency,
            occupation="Pedagang",
            programs=["jkk", "jkm"],
            consent_version="2026-11",
            consent_at=FIXED_NOW,
        )
        lead = create_lead(
            session, data, contact=contact, branch_id=branch_id, branch_flagged=False, now=FIXED_NOW
        )
        session.expunge(lead)
        return lead


def handovers(services: Services) -> list[Handover]:
    with services.sessions() as session:
        return list(session.scalars(select(Handover).order_by(Handover.id)))


def kept(services: Services) -> list[tuple[str, str]]:
    with services.sessions() as session:
        rows = session.scalars(select(HandoverMessage).order_by(HandoverMessage.id))
        return [(m.sender, m.text) for m in rows]


def test_a_typed_request_opens_a_handover_to_the_workers_branch(branches: Services) -> None:
    worker = whatsapp(branches)
    worker.say("halo")
    lead = lead_of(branches, WORKER)
    said = texts(worker.say("mau ngomong sama orang"))
    # FIXED_NOW is Saturday 21 November 2026, 17.30 WITA: the office is closed
    assert "Saya sudah meneruskan chat Anda ke petugas Kantor Cabang Denpasar." in said
    assert "Senin–Jumat 08.00–15.30 WITA" in said
    assert "Kantor sedang tutup. Buka hari Senin, 23 November 2026 pukul 08.00 WITA." in said
    assert "tetap menjawab pertanyaan Anda" in said and "175" in said
    (handover,) = handovers(branches)
    assert (handover.branch_id, handover.lead_id, handover.reason) == (
        lead.branch_id,
        lead.id,
        "asked",
    )
    assert handover.closed_at is None
    worker.say("saya sudah transfer tapi belum ada kabar")
    assert kept(branches) == [
        ("worker", "mau ngomong sama orang"),
        ("worker", "saya sudah transfer tapi belum ada kabar"),
    ]
    again = texts(worker.say("admin"))
    assert "Chat Anda sudah diteruskan ke petugas Kantor Cabang Denpasar." in again
    assert len(handovers(branches)) == 1
    with branches.sessions() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions == ["handover_open"]


def test_two_unanswered_questions_in_a_row_open_a_handover(branches: Services) -> None:
    worker = whatsapp(branches)
    first = texts(worker.say(UNKNOWN))
    assert "belum bisa menjawab" in first and handovers(branches) == []
    answered = texts(worker.say("berapa iuran jkk"))  # an answer starts the count again
    assert "belum bisa menjawab" not in answered
    worker.say(UNKNOWN)
    redirected = texts(worker.say(OUT_OF_SCOPE))  # so does a polite "not our area"
    assert "belum bisa menjawab" not in redirected and handovers(branches) == []
    worker.say(UNKNOWN)
    assert handovers(branches) == []
    second = texts(worker.say(VAGUE))
    assert "Saya sudah meneruskan chat Anda ke petugas Kantor Cabang Denpasar." in second
    (handover,) = handovers(branches)
    assert handover.reason == "stuck" and handover.lead_id is None
    assert kept(branches) == [
        ("worker", UNKNOWN),
        ("worker", VAGUE),
    ]


def test_after_staff_close_the_chat_is_the_bots_again(branches: Services) -> None:
    worker = whatsapp(branches)
    worker.say("bicara dengan petugas")
    with branches.sessions.begin() as session:
        close_handover(session, session.scalars(select(Handover)).one(), "staff:dps", FIXED_NOW)
    worker.say("berapa iuran jkk")
    assert kept(branches) == [("worker", "bicara dengan petugas")]
    with branches.sessions() as session:
        conversation_data = session.execute(
            select(func.count()).select_from(Handover).where(Handover.closed_at.is_(None))
        ).scalar()
    assert conversation_data == 0
    worker.say("cs")  # a new request opens a new handover
    assert [h.closed_at is None for h in handovers(branches)] == [False, True]


def test_web_chat_gets_the_offices_contact_not_a_promise(branches: Services) -> None:
    said = texts(Chat(branches).say("bicara dengan petugas"))
    assert "Petugas tidak dapat menulis ke chat ini nanti" in said
    assert "Kantor Cabang Denpasar" in said and "Telepon: 0000-000-000 (contoh)" in said
    assert handovers(branches) == []


def test_status_in_the_owners_chat(branches: Services) -> None:
    worker = whatsapp(branches)
    worker.say("halo")
    lead = lead_of(branches, WORKER)
    for asked in (
        "cek status",
        "status pendaftaran saya",
        lead.reference,
        "jms " + lead.reference[4:].replace("-", "").lower(),
    ):
        said = texts(worker.say(asked))
        assert f"Pendaftaran {lead.reference}: Baru." in said, asked
        assert "akan menghubungi Anda lewat telepon" in said
        assert "Kantor Cabang Denpasar" in said
        assert "Telepon: 0000-000-000 (contoh)" in said
        assert "Alamat: Jl. Contoh No. 1, Denpasar (alamat contoh)" in said
        assert "Jam buka: Senin–Jumat 08.00–15.30 WITA, kecuali hari libur nasional" in said
    with branches.sessions.begin() as session:
        set_status(
            session, session.get_one(Lead, lead.id), "terdaftar", actor="staff:dps", now=FIXED_NOW
        )
    assert f"Pendaftaran {lead.reference}: Terdaftar." in texts(worker.say("cek status"))


def test_status_asked_in_own_words_shows_the_registration(branches: Services) -> None:
    worker = whatsapp(branches)
    worker.say("halo")
    lead = lead_of(branches, WORKER)
    for asked in (
        "gimana status pendaftaran saya",
        "kapan saya dihubungi?",
        "kok belum ada yang hubungi saya",
        "udah daftar kemarin lewat bot, trus gimana",
    ):
        said = texts(worker.say(asked))
        assert f"Pendaftaran {lead.reference}: Baru." in said, asked
        assert "Kantor Cabang Denpasar" in said, asked


def test_status_asked_in_own_words_without_a_registration_says_how(branches: Services) -> None:
    said = texts(whatsapp(branches, STRANGER).say("pendaftaran saya sudah sampai mana"))
    assert said.startswith("Jika Anda mendaftar lewat chat ini, ketik cek status")
    assert "aplikasi JMO atau hubungi call center 175" in said
    assert "JMS-" not in said


def test_status_in_a_strangers_chat_is_neutral(branches: Services) -> None:
    worker = whatsapp(branches)
    worker.say("halo")
    lead = lead_of(branches, WORKER)
    stranger = whatsapp(branches, STRANGER)
    theirs = texts(stranger.say(lead.reference))
    missing = texts(stranger.say("JMS-2222-3333"))
    assert theirs == missing  # the same words whether the reference exists or not
    assert "hanya bisa saya tunjukkan di chat tempat pendaftaran itu dikirim" in theirs
    assert lead.reference not in theirs and "Ni Luh" not in theirs and "Denpasar" not in theirs
    own = texts(stranger.say("cek status"))
    assert "Belum ada pendaftaran yang dikirim dari chat ini" in own


def test_erasure_removes_handover_messages(branches: Services) -> None:
    worker = whatsapp(branches)
    worker.say("bicara dengan petugas")
    worker.say("nomor KTP saya 5171014101900001")
    assert len(kept(branches)) == 2
    worker.say("hapus data saya")
    worker.press("erase_yes")
    assert kept(branches) == [] and handovers(branches) == []
    with branches.sessions() as session:  # the audit trail stays, naming no one
        assert "handover_open" in session.scalars(select(AuditEvent.action)).all()
