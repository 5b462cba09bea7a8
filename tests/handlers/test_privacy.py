""" "lihat data saya" and "hapus data saya": in any state, masked, confirmed, anonymous audit kept."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.services import Services
from bot.storage.models import (
    Contact,
    Conversation,
    DeliveryFailure,
    FunnelEvent,
    Lead,
    LeadEvent,
    OutboxMessage,
)
from tests.conftest import FIXED_NOW, Chat, labels, texts
from tests.handlers.test_registration_flow import NIK, REFERENCE, state, to_nik, to_summary


def count(services: Services, model: type) -> int:
    with services.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_my_data_without_a_registration(reg: Chat) -> None:
    reg.start()
    shown = texts(reg.say("lihat data saya"))
    assert "Belum ada pendaftaran" in shown and "hapus data saya" in shown


def test_my_data_shows_the_lead_with_nik_and_phone_masked(reg: Chat) -> None:
    done = to_summary(reg) + reg.press("reg_submit")
    reference = REFERENCE.search(texts(done))
    assert reference
    shown = texts(reg.say("Lihat data saya"))
    assert f"Pendaftaran {reference.group()} (baru)" in shown
    assert "NIK: 5103••••••••0001" in shown and NIK not in shown
    assert "Nomor HP: 0812••••7890" in shown and "081234567890" not in shown
    assert "Nama: I Wayan Sudarma" in shown and "Kantor cabang: Kantor Cabang Badung" in shown
    assert "Persetujuan diberikan pada 21 November 2026 (versi 2026-11)" in shown


def test_my_data_mid_flow_keeps_the_flow(reg: Chat, branches: Services) -> None:
    to_nik(reg)
    shown = texts(reg.say("lihat data saya"))
    assert "belum dikirim, atas nama: I Wayan Sudarma" in shown
    assert state(branches)[0] == "registration.nik"
    assert "Benar?" in texts(reg.say(NIK))


def test_delete_asks_first_and_no_keeps_everything(reg: Chat, branches: Services) -> None:
    to_nik(reg)
    ask = reg.say("hapus data saya")
    assert "Tidak bisa dibatalkan" in texts(ask)
    assert labels(ask) == ["Ya, hapus semua", "Tidak, simpan data saya"]
    kept = reg.press("erase_no")
    assert "Tidak ada yang dihapus" in texts(kept) and "Ketik NIK Anda" in texts(kept)
    assert state(branches)[0] == "registration.nik"
    assert state(branches)[1]["registration"]["name"] == "I Wayan Sudarma"  # type: ignore[index]


def test_delete_removes_leads_contact_and_conversation_keeps_an_anonymous_audit(
    reg: Chat, branches: Services
) -> None:
    to_summary(reg)
    reg.press("reg_submit")
    reg.press("reg_family")
    reg.press("agree")
    reg.say("Ni Made Sari")  # a second person, unfinished
    assert count(branches, Lead) == 1
    with branches.sessions.begin() as session:  # a reply the platform once refused
        session.add(DeliveryFailure(at=FIXED_NOW, channel="web", chat_id="chat-1", code="131047"))
    reg.say("hapus data saya")
    done = texts(reg.press("erase_yes"))
    assert "menghapus 1 pendaftaran, data kontak Anda, dan percakapan ini" in done
    assert "catatan anonim" in done
    assert count(branches, Lead) == 0
    with branches.sessions() as session:
        assert session.scalars(select(Contact)).all() == []
        events = session.scalars(select(LeadEvent).order_by(LeadEvent.id)).all()
        assert [e.lead_id for e in events] == [None, None]
        assert [e.to_status for e in events] == ["baru", "dihapus"]
        assert all(e.note is None or "NIK" not in e.note for e in events)
        assert session.scalars(select(FunnelEvent.contact_id)).all() == [None, None]  # two consents
        assert session.scalars(select(Conversation)).all() == []  # its key is the chat id
        assert session.scalars(select(DeliveryFailure)).all() == []
        (kept,) = session.scalars(select(OutboxMessage)).all()  # replies quoted name and NIK
        assert "menghapus 1 pendaftaran" in kept.replies[0]["text"]  # only this turn's is kept
    assert "Belum ada pendaftaran" in texts(reg.say("lihat data saya")), "a fresh start"


def test_an_old_delete_button_alone_deletes_nothing(reg: Chat, branches: Services) -> None:
    to_summary(reg)
    reg.press("reg_submit")
    replies = reg.press("erase_yes")
    assert "Tidak bisa dibatalkan" in texts(replies)
    assert count(branches, Lead) == 1
