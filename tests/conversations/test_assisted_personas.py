"""Typed-only conversations that end in a lead: "ok daftar" after the eligibility answer, an
officer registering a worker, and a branch admin linking Telegram by typing the code alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from bot.config import Settings
from bot.conversation import Channel
from bot.crypto import Crypto
from bot.services import Services, build_services
from bot.storage import officers as store
from bot.storage.branches import seed_if_empty
from bot.storage.models import Base, Contact, Lead
from bot.storage.staff import add_staff, find_by_username, issue_link_code
from tests.conftest import FIXED_NOW, Chat, texts
from tests.conversations.test_eligibility_personas import (
    CITIZEN_Q,
    INCOME_Q,
    PARTICIPANT_Q,
    Line,
    conversation,
    q,
    run,
    unanswered,
)

NIK = "5103061508950001"  # Kab. Badung, Kuta Utara, born 15-08-1995, male
WORKER_NIK = "5103011508950003"
REFERENCE = re.compile(r"JMS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")


def lead_of(services: Services) -> Lead:
    with services.sessions() as session:
        return session.scalars(select(Lead)).one()


def test_ok_daftar_after_the_answer_registers_with_the_answers_carried_over(
    services: Services,
) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
    chat = Chat(services, chat_id="tani")
    lines = (
        Line("saya petani umur 29 bisa ikut?", CITIZEN_Q),
        Line("iya wni", PARTICIPANT_Q),
        Line("belum", INCOME_Q),
        Line("sejuta setengah", "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."),
        Line("ok daftar", "persetujuan versi 2026-11"),
        Line("iya setuju", "nama lengkap Anda sesuai KTP"),
        Line("nama saya Ketut Sudana", "16 angka"),
        Line("5103 0615 0895 0001", "Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki"),
        Line("iya bener", "nomor HP"),
        Line("0812-3456-7890", "Apakah Anda tinggal di Kab. Badung, Bali?"),
        Line("iya", "kecamatan"),
        Line("kuta utara", "desa atau kelurahan"),
        Line("dalung", "Seberapa sering"),  # work, income, programs: from the check
        Line("3 bulan", "pekerja rentan"),
        Line("gak", "Nama: Ketut Sudana"),
        Line("udh bener kirim aja", "JMS-"),
    )
    said = run(chat, services, lines)
    assert "Penghasilan sebulan: Rp1.500.000" in said[-2]
    assert "Pekerjaan: Petani" in said[-2] or "Pekerjaan: petani" in said[-2]
    lead = lead_of(services)
    assert Crypto(services.settings.secret_key).decrypt(lead.nik_encrypted) == NIK
    assert (lead.name, lead.birth_date, lead.gender, lead.phone) == (
        "Ketut Sudana",
        date(1995, 8, 15),
        "L",
        "+6281234567890",
    )
    assert (lead.regency_code, lead.district_code, lead.village_code) == (
        "51.03",
        "51.03.06",
        "51.03.06.2006",
    )
    assert (lead.occupation, lead.monthly_income, lead.programs) == (
        "farmer_fisher",
        Decimal(1_500_000),
        ["jkk", "jkm"],
    )
    assert (lead.payment_period, lead.sponsored_interest) == (3, False)
    assert conversation(services, "tani")[0] == "idle"
    assert unanswered(services) == 0
    assert len(said) == 16


def test_an_officer_registers_a_worker_by_typing(settings: Settings) -> None:
    services = build_services(
        replace(settings, whatsapp_number="6281100000000"), clock=lambda: FIXED_NOW
    )
    try:
        with services.sessions.begin() as session:
            seed_if_empty(session)
            officer = store.create_officer(
                session, name="Budi Santoso", branch_code="badung", now=FIXED_NOW
            )
            code = store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]
            officer_id = officer.id
        budi = Chat(services, Channel.TELEGRAM, "tg-budi")
        assert "Selamat datang, Budi Santoso" in texts(budi.say(f"petugas {code}"))
        consent_code = re.findall(r"SETUJU (\d{6})", texts(budi.say("daftarkan pekerja")))[0]

        worker = Chat(services, Channel.WHATSAPP, "6285712345678")
        assert "akan mendaftarkan Anda" in texts(worker.say(f"setuju {consent_code}"))
        assert "Jangan pernah membayar" in texts(worker.say("iya setuju"))

        lines = (
            Line("isi formulir", "Nama lengkap pekerja sesuai KTP"),
            Line("I Made Suarta", "NIK pekerja"),
            Line(WORKER_NIK, "Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki"),
            Line("ya", "nomor HP pekerja"),
            Line("0857 1234 5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
            Line("ya", "kecamatan"),
            Line("kuta", "desa atau kelurahan"),
            Line("kuta", "pekerjaan"),
            Line("ojol", "penghasilan"),
            Line("2jt", "JKK + JKM"),
            Line("jkk jkm", "Seberapa sering"),
            Line("tiap bulan", "pekerja rentan"),
            Line("tidak", "Nama: I Made Suarta"),
            Line("kirim", "JMS-"),
        )
        said = run(budi, services, lines)
        for text in said:
            assert " Anda sesuai KTP" not in text, "the form speaks about the worker"
        lead = lead_of(services)
        with services.sessions() as session:
            contact = session.scalars(
                select(Contact).where(Contact.user_id == "6285712345678")
            ).one()
        assert (lead.name, lead.phone, lead.contact_id) == (
            "I Made Suarta",
            "+6285712345678",
            contact.id,
        )
        assert lead.assisted_by_officer_id == lead.officer_id == officer_id
        assert (lead.occupation, lead.monthly_income, lead.programs, lead.payment_period) == (
            "transport",
            Decimal(2_000_000),
            ["jkk", "jkm"],
            1,
        )
        assert (lead.regency_code, lead.district_code) == ("51.03", "51.03.01")
        assert unanswered(services) == 0
        assert len(said) == 14
    finally:
        with services.sessions.begin() as session:
            for table in reversed(Base.metadata.sorted_tables):
                session.execute(table.delete())
        services.close()


def test_a_branch_admin_types_staf_then_the_code(services: Services) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
        admin = add_staff(
            session,
            username="dps",
            password="rahasia-panjang-1",
            role="branch_admin",
            branch_code="badung",
            now=FIXED_NOW,
        )
        code = issue_link_code(session, admin, FIXED_NOW)
    chat = Chat(services, Channel.TELEGRAM, "5001")
    lines = (
        Line("staf", "Ketik kode 6 angka"),
        q("kodenya dari mana?", "Ketik kode 6 angka"),
        Line(f"{code[:3]} {code[3:]}", "terhubung dengan login dps"),
    )
    said = run(chat, services, lines)
    assert "python -m bot staff link" not in said[1], "no command line in a chat answer"
    with services.sessions() as session:
        linked = find_by_username(session, "dps")
        assert linked is not None and linked.telegram_user_id == "5001"
    assert conversation(services, "5001")[0] == "idle"
    assert unanswered(services) == 0
