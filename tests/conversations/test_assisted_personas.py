"""Typed-only conversations that end in a lead: "ok daftar" after the eligibility answer, an
officer registering a worker, and a branch admin linking Telegram by typing the code alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.config import Settings
from bot.conversation import Channel
from bot.services import Services, build_services
from bot.storage import officers as store
from bot.storage.branches import seed_if_empty
from bot.storage.models import Base
from bot.storage.staff import add_staff, find_by_username, issue_link_code
from tests.conftest import FIXED_NOW
from tests.conversations.driver import Line, TypedChat, lead_columns, q, run, unanswered
from tests.conversations.people import (
    CITIZEN_Q,
    INCOME_Q,
    PARTICIPANT_Q,
    WORKER_NIK,
    contact_id,
    finish_for_worker,
    lead,
    linked_officer,
    reference,
)


def test_ok_daftar_after_the_answer_registers_with_the_answers_carried_over(
    branches: Services,
) -> None:
    chat = TypedChat(branches, chat_id="tani")
    lines = (
        Line("saya petani umur 31 bisa ikut?", CITIZEN_Q),
        Line("iya wni", PARTICIPANT_Q),
        Line("belum", INCOME_Q),
        Line("sejuta setengah", "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."),
        Line("ok daftar", "persetujuan versi 2026-11"),
        Line("iya setuju", "nama lengkap Anda sesuai KTP"),
        Line("nama saya Ketut Sudana", "16 angka"),
        Line("5103 0615 0895 0001", "Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki"),
        Line("iya bener", "nomor HP"),
        Line("0812-3456-7890", "Apakah Anda tinggal di Kab. Badung, Bali?"),
        Line("iya", "desa atau kelurahan"),
        Line("dalung", "Seberapa sering"),  # work, income, programs: from the check
        Line("3 bulan", "pekerja rentan"),
        Line("gak", "Nama: Ketut Sudana"),
        Line("udh bener kirim aja", "JMS-"),
    )
    said = run(chat, lines)
    assert "Penghasilan sebulan: Rp1.500.000" in said[-2]
    assert chat.misses == [] and unanswered(branches) == 0
    assert chat.turns == 15
    found = reference(chat)
    assert lead_columns(branches, found) == lead(
        reference=found,
        contact_id=contact_id(branches, Channel.WEB, "tani"),
        name="Ketut Sudana",
        occupation="farmer_fisher",
        monthly_income=1_500_000,
        payment_period=3,
    )
    assert chat.state()[0] == "idle"


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
        budi = TypedChat(services, chat_id="tg-budi", channel=Channel.TELEGRAM)
        budi.type(f"petugas {code}")
        assert "Selamat datang, Budi Santoso" in budi.text()
        budi.type("daftarkan pekerja")
        consent_code = re.findall(r"SETUJU (\d{6})", budi.text())[0]

        worker = TypedChat(services, chat_id="6285712345678", channel=Channel.WHATSAPP)
        worker.type(f"setuju {consent_code}")
        assert "akan mendaftarkan Anda" in worker.text()
        worker.type("datanya buat apa?")  # answered briefly, then only the short question
        assert worker.last[-1].text == "Apakah Anda setuju? Ketik setuju atau tidak setuju."
        worker.type("iya setuju")
        assert "Jangan pernah membayar" in worker.text()
        assert worker.misses == []

        lines = (
            Line("isi data pekerja", "nama lengkap pekerja sesuai KTP"),
            Line("I Made Suarta", "NIK pekerja"),
            Line(WORKER_NIK, "Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki"),
            Line("ya", "nomor HP pekerja"),
            Line("0857 1234 5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
            Line("ya", "desa atau kelurahan"),
            Line("kerobokan kaja", "Apa pekerjaan utama pekerja?"),  # exact: Kerobokan is close
            Line("ojol", "penghasilan"),
            Line("2jt", "Program apa untuk pekerja?"),
            Line("jkk jkm aja", "Seberapa sering pekerja"),
            Line("tiap bulan", "pekerja rentan"),
            Line("tidak", "Nama: I Made Suarta"),
            Line("kirim", "Berikan nomor pendaftaran ini kepada pekerja: JMS-"),
        )
        said = run(budi, lines)
        for text in said:
            assert " Anda sesuai KTP" not in text, "the form speaks about the worker"
        assert "akan menghubungi pekerja di 0857••••5678 dalam 3 hari kerja" in said[-1]
        assert "registration_sent" not in budi.state()[1], "the worker's lead is not the officer's"
        assert budi.misses == [] and unanswered(services) == 0
        assert budi.turns == 2 + 13
        finish_for_worker(services, budi, officer_id)
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
    chat = TypedChat(services, chat_id="5001", channel=Channel.TELEGRAM)
    lines = (
        Line("staf", "Ketik kode 6 angka"),
        q("kodenya dari mana?", "Ketik kode 6 angka"),
        Line(f"{code[:3]} {code[3:]}", "terhubung dengan login dps"),
    )
    said = run(chat, lines)
    assert "administrator kantor cabang" in said[1]
    with services.sessions() as session:
        linked = find_by_username(session, "dps")
        assert linked is not None and linked.telegram_user_id == "5001"
    assert chat.state()[0] == "idle"
    assert chat.misses == [] and unanswered(services) == 0 and chat.turns == 3


def test_an_officer_asks_for_his_link_qr_and_numbers_in_his_own_words(
    branches: Services,
) -> None:
    budi, _, officer_code = linked_officer(branches)
    for typed in ("link saya mana", "minta link sy dong"):
        budi.type(typed)
        assert budi.text().startswith("Link pribadi Anda."), typed
        assert f"start={officer_code}" in budi.text()
    for typed in ("qr code saya", "kirim poster"):
        budi.type(typed)
        assert "Cetak poster untuk lapak atau papan pengumuman." in budi.text(), typed
    for typed in (
        "berapa orang yg udh sy daftarin",
        "statistik sy gmn",
        "brp yg daftar lewat link sy",
    ):
        budi.type(typed)
        assert budi.text().startswith(f"Angka Anda, kode {officer_code}:"), typed
    assert budi.misses == [] and unanswered(branches) == 0 and budi.turns == 8


def test_a_worker_asking_for_a_link_gets_no_officer_link(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="w-link")
    chat.type("link saya mana")
    assert "Link pribadi Anda" not in chat.text()


def test_an_officer_types_the_workers_answers_in_slang_and_corrects_the_name(
    branches: Services,
) -> None:
    budi, officer_id, _ = linked_officer(branches)
    budi.type("daftarkan pekerja")
    consent_code = re.findall(r"SETUJU (\d{6})", budi.text())[0]
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    worker.type(f"setuju {consent_code}")
    worker.type("iya setuju")
    lines = (
        Line("isi data pekerja", "nama lengkap pekerja sesuai KTP"),
        Line("namanya pak made suarta", "NIK pekerja"),  # the honorific is no part of it
        Line(f"nik nya {WORKER_NIK}", "Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki"),
        Line("iye", "nomor HP pekerja"),
        Line("hp nya 0857 1234 5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
        Line("y", "desa atau kelurahan"),
        Line("kerobokan kaja", "Apa pekerjaan utama pekerja?"),
        Line("dia ojol", "penghasilan"),
        Line("sebulan 2jtan lah", "Program apa untuk pekerja?"),
        Line("jkk jkm aja", "Seberapa sering pekerja"),
        Line("bulanan", "pekerja rentan"),
        Line("ga", "Nama: Made Suarta\n"),
        # the new name read at once (`Form._corrected`), not asked for again
        Line("ganti namanya jadi I Made Suarta", "Nama: I Made Suarta\n"),
        Line("udh bener kirim aja", "Berikan nomor pendaftaran ini kepada pekerja: JMS-"),
    )
    said = run(budi, lines)
    assert all(" Anda sesuai KTP" not in text for text in said), "the form speaks of the worker"
    assert budi.misses == [] and unanswered(branches) == 0
    assert budi.turns == 2 + len(lines)
    found = reference(budi)
    assert lead_columns(branches, found) == lead(
        reference=found,
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        channel="telegram",
        name="I Made Suarta",
        nik=WORKER_NIK,
        phone="+6285712345678",
        village_code="51.03.06.1003",
        officer_id=officer_id,
        assisted_by_officer_id=officer_id,
    )
