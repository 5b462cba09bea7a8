"""Typed trials in voices the other persona tests do not have: a Javanese mother, an ojol
driver whose city has two namesakes, a clerk in Batam, an officer and a village official who
ask in the middle of the form, someone who changes their mind twice, someone who answers
questions with questions, "lanjut" said in a sentence after a break, and people past the age
limit. Each asserts its turns, that no step failed to understand it
(tests/conversations/driver.py) and the data stored.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.conversation import Channel
from bot.domain import textnorm
from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, lead_columns, play
from tests.conversations.people import (
    KEDONGANAN,
    NIK,
    NIK_WIFE,
    TYPED_BUDGET,
    contact_id,
    finish,
    kedonganan_on_paper,
    lead,
    linked_officer,
    reference,
)

NIK_SEMARANG = "3374065704970003"  # Kota Semarang, born 17-04-1997, female
NIK_MAGELANG = "3308061508950001"  # Kab. Magelang, born 15-08-1995, male
NIK_BATAM = "2171065704970003"  # Kota Batam, born 17-04-1997, female
WORKER_NIK = "5103011508950003"  # Kab. Badung, Kuta, born 15-08-1995, male
PEDURUNGAN_KIDUL = "33.74.06.1008"  # a kelurahan of Kota Semarang
AGE_LIMIT_ANSWER = "Pekerja mandiri (BPU) yang mendaftar pertama kali harus berusia di bawah 65"


def test_a_javanese_mother_registers_in_her_own_words(branches: Services) -> None:
    chat = TypedChat(branches)
    started = texts(chat.type("nuwun sewu, kulo badhe daftar bpjs tk"))
    assert "persetujuan versi 2026-11" in started, "registration starts, no 'Sama-sama'"
    play(chat, ["nggih setuju", "nami kulo Sri Lestari", NIK_SEMARANG, "nggih leres"])
    play(chat, ["085712345678", "nggih"])
    noted = texts(chat.type("Pedurungan Kidul, kulo bakul sayur ten pasar"))
    assert noted.startswith("Saya catat: Pedagang.\n"), noted
    assert "Maksud Anda" not in noted, "the desa's exact name is taken"
    play(chat, ["sewulan sekitar 1,5 juta", "jkk jkm mawon", "saben wulan", "mboten"])
    chat.type("sampun leres, kirim")
    assert chat.turns == 13 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Sri Lestari",
        nik=NIK_SEMARANG,
        birth_date=date(1997, 4, 17),
        gender="P",
        phone="+6285712345678",
        regency_code="33.74",
        district_code="33.74.06",
        village_code=PEDURUNGAN_KIDUL,
        occupation="trader",
        monthly_income=1_500_000,
        branch_id="semarang-majapahit",
    )


def test_an_ojol_picks_kota_semarang_by_typing_his_kelurahan(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["bang mo daftar bpjs tk dong buat gw", "y", "nama gw Andi Pratama"])
    play(chat, [f"nik {NIK_MAGELANG}", "yoi", "0812 3456 7890"])
    offered = texts(chat.type("ga bang gw di Semarang"))  # not "sekarang": two namesakes
    assert offered.startswith("Yang mana maksud Anda?"), offered
    assert [c.label for c in chat.last[-1].choices] == [
        "Kab. Semarang, Jawa Tengah",
        "Kota Semarang, Jawa Tengah",
    ]
    asked = texts(chat.type("pedurungan kidul"))  # a kelurahan of one of them decides
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked
    play(chat, ["ojol bang, grab", "sehari dpt 150rb lah", "iy", "jkk jkm aj", "bulanan", "ga"])
    chat.type("gas kirim")
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Andi Pratama",
        nik=NIK_MAGELANG,
        regency_code="33.74",
        district_code="33.74.06",
        village_code=PEDURUNGAN_KIDUL,
        monthly_income=3_900_000,
        branch_id="semarang-majapahit",
    )


def test_a_clerk_in_batam_writes_whole_sentences(branches: Services) -> None:
    chat = TypedChat(branches)
    lines = [
        "Dengan hormat, saya bermaksud mendaftarkan diri sebagai peserta BPJS Ketenagakerjaan.",
        "Ya, saya menyetujui.",
        "Nama saya Siti Rahmawati.",  # the full stop ends the sentence, not the name
        NIK_BATAM,
        "Benar.",
        "Nomor telepon saya 0812-3456-7890.",
        "Benar, saya berdomisili di Kota Batam.",
        "Kelurahan Batu Selicin, Kecamatan Lubuk Baja.",
        "Saya bekerja sebagai penjahit.",
        "Penghasilan saya sekitar Rp2.500.000 per bulan.",
        "JKK dan JKM saja.",
        "Setiap bulan.",
        "Tidak.",
        "Data sudah benar, silakan dikirim.",
    ]
    play(chat, lines)
    assert chat.turns == 14
    finish(
        chat,
        branches,
        name="Siti Rahmawati",
        nik=NIK_BATAM,
        birth_date=date(1997, 4, 17),
        gender="P",
        regency_code="21.71",
        district_code="21.71.06",
        village_code="21.71.06.1004",
        occupation="penjahit",
        monthly_income=2_500_000,
        branch_id="denpasar",  # no office serves Batam yet: the default one, flagged
        branch_flagged=True,
    )


@pytest.mark.parametrize(
    ("question", "place", "not_offered"),
    [
        ("kantor cabang magelang", "magelang", "magang"),
        ("kantor bpjs tk di batam dimana", "batam", "batas"),
        ("sy tinggal di semarang, kantor cabang terdekat dimana", "semarang", "sekarang"),
    ],
)
def test_a_place_name_is_no_typo_of_a_common_word(
    branches: Services, question: str, place: str, not_offered: str
) -> None:
    chat = TypedChat(branches)
    said = texts(chat.type(question))
    assert not_offered not in said.casefold(), "no answer or option on the word it is near"
    assert "kantor cabang" in said.casefold()
    assert place in textnorm.tokens(question), "the place is read as itself"


@pytest.mark.parametrize("typed", ["bekasi", "kediri", "batam", "semarang", "magelang"])
def test_a_regency_name_is_neither_fixed_nor_stemmed(typed: str) -> None:
    assert textnorm.tokens(f"kantor cabang {typed}")[-1] == typed


@pytest.mark.parametrize(
    "typed",
    [
        "Umur saya 65 lewat dikit",
        "udah 65 lebih bisa ikut bpjs tk ga",
        "sy hampir 66 thn bisa daftar?",
        "sy petani umur saya 65 lewat dikit, bisa ikut?",
    ],
)
def test_past_the_first_registration_age_is_told_at_once(branches: Services, typed: str) -> None:
    chat = TypedChat(branches)
    said = texts(chat.type(typed))
    assert said.startswith(AGE_LIMIT_ANSWER), said
    assert "call center 175" in said
    assert chat.state()[0] == "idle", "no check is started to say it three questions later"
    assert chat.misses == []


@pytest.mark.parametrize(("typed", "age"), [("hampir 65", 64), ("64 mau 65", 64)])
def test_almost_an_age_is_the_year_before(branches: Services, typed: str, age: int) -> None:
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "pedagang"])
    chat.type(typed)
    assert chat.state()[1]["eligibility"]["age"] == age
    assert chat.misses == []


def test_an_officer_asks_about_the_nik_and_sms_in_the_middle_of_the_form(
    branches: Services,
) -> None:
    budi, officer_id, _ = linked_officer(branches)
    budi.type("daftarkan pekerja")
    code = re.findall(r"SETUJU (\d{6})", budi.text())[0]
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    play(worker, [f"setuju {code}", "iya setuju"])
    play(budi, ["isi data pekerja", "Ibu Kadek Sumerti"])  # the honorific is no part of it
    answer = texts(budi.type("NIK-nya apakah wajib diisi?"))
    assert answer.startswith("NIK pekerja wajib diisi."), answer
    assert answer.endswith("Ketik NIK pekerja: 16 angka di KTP-nya. Contoh: 5103061508950001")
    play(budi, [NIK_WIFE, "betul"])
    answer = texts(budi.type("dia ga punya wa, pake sms bisa?"))
    assert answer.startswith("Nomor HP biasa untuk SMS dan telepon juga bisa"), answer
    assert "0813-8007-0175" not in answer, "not the bot's own number"
    play(budi, ["0857 1234 5678", "ya"])
    noted = texts(budi.type("dalung, dia dagang canang di pasar, sebulan 1,5jt"))
    assert noted.startswith("Saya catat: Pedagang; penghasilan Rp1.500.000 sebulan.")
    play(budi, ["jkk jkm", "bulanan", "iya", "kirim"])
    assert budi.misses == [] and budi.turns == 1 + 14
    found = reference(budi)
    assert lead_columns(branches, found) == lead(
        reference=found,
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        channel="telegram",
        name="Kadek Sumerti",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        phone="+6285712345678",
        occupation="trader",
        monthly_income=1_500_000,
        sponsored_interest=True,
        officer_id=officer_id,
        assisted_by_officer_id=officer_id,
    )


def test_a_village_official_asks_in_his_own_words_for_a_worker_without_a_phone(
    branches: Services,
) -> None:
    kadus, officer_id, _ = linked_officer(branches, village=KEDONGANAN)
    asked = texts(kadus.type("Selamat siang, saya mau mendaftarkan warga saya"))
    assert "SETUJU" in asked and "ketik tidak punya hp" in asked
    declare = texts(kadus.type("warga saya ga punya hp"))
    assert "Ketik saya menyatakan, atau batal." in declare
    play(kadus, ["sudah ttd formulirnya", "Nama: Ketut Rai"])
    answer = texts(kadus.type("NIK-nya harus sesuai KTP kah?"))
    assert answer.startswith("NIK pekerja wajib diisi."), answer
    play(kadus, [WORKER_NIK, "benar", "pakai hp anaknya saja bisa? 0813 1111 2222", "iya"])
    shown = texts(kadus.type("kedonganan, dia nelayan"))
    assert shown.startswith("Saya catat: Nelayan.\nPeriksa data pekerja:")
    kadus.type("kirim")
    assert kadus.misses == [] and kadus.turns == 1 + 11
    found = reference(kadus)
    assert lead_columns(branches, found) == kedonganan_on_paper(
        officer_id, reference=found, name="Ketut Rai", nik=WORKER_NIK, phone="+6281311112222"
    )


def test_someone_changes_their_mind_twice_at_the_next_step(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Rina Wulandari", NIK_WIFE, "iya", "081234567890"])
    play(chat, ["ya", "dalung", "pedagang", "2 juta", "jkk jkm jht"])
    changed = texts(chat.type("eh ga jadi, jkk jkm aja"))  # typed at the payment question
    assert changed.startswith("Baik, jawaban sebelumnya saya ubah.\nSeberapa sering"), changed
    assert chat.state()[1]["registration"]["programs"] == ["jkk", "jkm"]
    chat.type("tiap 3 bulan")
    changed = texts(chat.type("eh bulanan aja deh"))  # typed at the government program
    assert changed.startswith("Baik, jawaban sebelumnya saya ubah.\nApakah Anda termasuk")
    assert chat.state()[1]["registration"]["period"] == 1
    play(chat, ["ga", "ubah program", "pakai jht deh", "kirim"])
    assert chat.turns == 18 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Rina Wulandari",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        occupation="trader",
        programs=["jkk", "jkm", "jht"],
    )


def test_someone_answers_the_steps_with_questions(branches: Services) -> None:
    chat = TypedChat(branches)
    chat.type("daftar")
    answer = texts(chat.type("kalo ga setuju gimana?"))
    assert answer.startswith("Tanpa persetujuan Anda, saya tidak bisa mencatat data Anda")
    play(chat, ["ya udah setuju"])
    answer = texts(chat.type("nama lengkap harus sama kayak ktp?"))
    assert answer.startswith("Tulis nama persis seperti di KTP Anda"), answer
    play(chat, ["Made Wirawan", NIK, "ya", "081234567890", "ya"])
    answer = texts(chat.type("desa harus ditulis?"))
    assert answer.startswith("Ya. Desa atau kelurahan Anda membantu kantor cabang"), answer
    play(chat, ["dalung", "tukang las", "gaji ga tentu, kira2 2 juta", "jkk jkm"])
    answer = texts(chat.type("bulanan bayarnya dimana?"))
    assert "- Aplikasi JMO" in answer, "the list the answer opens, not its colon alone"
    play(chat, ["bulanan", "ga", "kirim"])
    assert chat.turns == 18 <= TYPED_BUDGET
    finish(chat, branches, name="Made Wirawan", occupation="tukang las")


@pytest.mark.parametrize(
    "again",
    ["mau lanjutin pendaftaran kemarin", "sy mau nerusin daftar", "lanjut daftar yg tadi ya kak"],
)
def test_lanjut_in_a_sentence_after_a_break(branches: Services, again: str) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Komang Ayu", NIK_WIFE, "ya", "menu", "iuran jkk brp sih"])
    resumed = texts(chat.type(again))
    assert resumed.startswith("Selamat datang kembali. Kita lanjutkan dari pertanyaan terakhir.")
    play(chat, ["081234567890", "ya", "dalung", "jualan canang", "sejuta", "jkk jkm"])
    play(chat, ["bulanan", "ga", "kirim"])
    assert chat.turns == 17 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Komang Ayu",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        occupation="trader",
        monthly_income=1_000_000,
    )


def test_the_work_typed_with_the_desa_is_kept(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Budi Santoso", NIK, "ya", "081234567890", "ya"])
    noted = texts(chat.type("dalung, kerja sy tukang cukur"))
    assert noted.startswith("Saya catat: tukang cukur.\nBerapa kira-kira penghasilan"), noted
    play(chat, ["2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 13
    finish(chat, branches, occupation="tukang cukur")


def test_a_nik_past_the_first_registration_age_stops_with_the_reason(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Wayan Sepuh", "5103061508600001"])  # born 1960
    said = texts(chat.type("ya"))
    assert said.startswith("Menurut NIK ini, usianya 66 tahun. Pekerja mandiri (BPU) yang"), said
    assert "call center 175" in said
    assert chat.state() == ("idle", {}) or "registration" not in chat.state()[1]
    assert chat.misses == [] and chat.turns == 5


def test_an_ojol_asks_why_the_age_at_the_age_step(branches: Services) -> None:
    chat = TypedChat(branches)
    chat.type("bro gw ojol, iuran gw brp")
    answer = texts(chat.type("umur harus diisi?"))
    assert answer.startswith("Ya. Usia menentukan program yang bisa Anda ikuti"), answer
    assert answer.endswith(
        "Berapa usia Anda? Ketik usia atau tanggal lahir. Contoh: 35 atau 17-08-1990"
    )
    play(chat, ["28 thn", "wni lah", "blm"])
    assert "Iuran bulan ini, untuk penghasilan Rp3.000.000:" in texts(chat.type("sebulan 3jtan"))
    assert chat.misses == [] and chat.turns == 6
    check = chat.state()[1]["eligibility"]
    assert (check["occupation"], check["age"], check["monthly_income"]) == (
        "transport",
        28,
        "3000000",
    )


def test_an_officer_writes_the_workers_data_as_a_letter(branches: Services) -> None:
    budi, officer_id, _ = linked_officer(branches)
    budi.type("daftarkan pekerja")
    code = re.findall(r"SETUJU (\d{6})", budi.text())[0]
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    play(worker, [f"setuju {code}", "iya setuju"])
    play(budi, ["Isi data pekerja.", "Nama lengkap pekerja adalah I Made Suarta."])
    answer = texts(budi.type("Apakah NIK pekerja wajib dicantumkan?"))
    assert answer.startswith("NIK pekerja wajib diisi."), answer
    play(budi, [WORKER_NIK, "Benar.", "Nomor telepon pekerja 0857-1234-5678."])
    play(budi, ["Benar, pekerja berdomisili di Kabupaten Badung."])
    noted = texts(
        budi.type("Kelurahan Kerobokan Kaja. Pekerja bekerja sebagai tukang bangunan harian.")
    )
    assert noted.startswith("Saya catat: tukang bangunan harian.\nMaksud Anda Kerobokan Kaja,")
    play(budi, ["Ya.", "Penghasilan pekerja kurang lebih Rp2.000.000 per bulan."])
    play(
        budi, ["JKK dan JKM saja.", "Setiap bulan.", "Tidak.", "Data sudah benar, silakan dikirim."]
    )
    assert budi.misses == [] and budi.turns == 1 + 15
    found = reference(budi)
    assert lead_columns(branches, found) == lead(
        reference=found,
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        channel="telegram",
        name="I Made Suarta",
        nik=WORKER_NIK,
        phone="+6285712345678",
        district_code="51.03.06",
        village_code="51.03.06.1003",
        occupation="tukang bangunan harian",
        officer_id=officer_id,
        assisted_by_officer_id=officer_id,
    )
