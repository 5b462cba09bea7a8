"""Whole conversations typed by people who never press a button, from a fresh-eyes audit (6
December): asking the bot to wait ("bentar", "tunggu ya ambil ktp dulu"), correcting an earlier
answer at the next step ("yg tadi salah, nomornya …", "eh umurnya 43 bukan 34"). Each asserts its
turns, that no step failed to understand it (tests/conversations/driver.py), and every column of
the lead stored.
"""

from __future__ import annotations

import re

from bot.conversation import Channel
from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, lead_columns, play
from tests.conversations.people import (
    NIK_WIFE,
    REFERENCE,
    SITI,
    contact_id,
    finish,
    lead,
    linked_officer,
)


def test_a_trader_asks_the_bot_to_wait_at_four_steps(branches: Services) -> None:
    """A wait is never an answer.

    "bentar" was stored as her name, "bentar mikir dulu" as her work; at the NIK and the phone
    it was "NIK hanya berisi angka". Now each is a wait, and the step is asked again after it.
    """
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju"])
    for wait, step in (
        ("bentar", "Ketik nama lengkap Anda sesuai KTP."),
        ("Siti Aminah", ""),
        ("bentar ya ambil ktp dulu", "Ketik NIK Anda"),
        (NIK_WIFE, ""),
        ("iya", ""),
        ("tunggu ya", "Ketik nomor HP Anda"),
        ("081234567890", ""),
        ("iya", ""),
        ("dalung", ""),
        ("bentar mikir dulu", "Apa pekerjaan utama Anda?"),
    ):
        said = texts(chat.type(wait))
        if step:
            assert said.startswith("Baik, saya tunggu.\n" + step), said
            assert "Maaf" not in said and "hanya berisi angka" not in said, said
    play(chat, ["jualan sayur", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 18  # 14 without the four waits
    finish(chat, branches, **SITI)


def test_a_wait_outside_a_form_is_answered_politely(branches: Services) -> None:
    chat = TypedChat(branches)
    said = texts(chat.type("sebentar ya"))
    assert said == "Baik, silakan. Tulis lagi kapan pun Anda siap.", said
    assert chat.misses == []


def test_a_phone_corrected_by_name_at_the_next_step_is_the_one_stored(
    branches: Services,
) -> None:
    """The number named in the correction is the one sent.

    At the regency question "yg tadi salah, nomornya …" was a miss, and the old number was
    sent to the branch.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890"])
    said = texts(chat.type("yg tadi salah, nomornya 0812-9876-5432"))
    assert said == (
        "Baik, jawaban sebelumnya saya ubah.\nApakah Anda tinggal di Kab. Badung, Bali?"
    ), said
    play(chat, ["iya", "dalung", "jualan sayur", "2jt", "jkk jkm", "bulanan", "ga"])
    assert "Nomor HP: 081298765432" in chat.text()
    chat.type("kirim")
    assert chat.turns == 15
    finish(chat, branches, phone="+6281298765432", **SITI)


def test_a_misspelt_name_corrected_at_the_nik_step(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "bu siti aminh"])
    said = texts(chat.type("eh namanya salah, harusnya Siti Aminah"))
    assert said.startswith("Baik, jawaban sebelumnya saya ubah.\nKetik NIK Anda"), said
    play(chat, [NIK_WIFE, "iya", "+62 812-3456-7890", "iya", "dalung", "pedagang", "2jt"])
    play(chat, ["jkk jkm", "bulanan", "ga", "udh kirim aja"])
    assert chat.turns == 15
    finish(chat, branches, **SITI)


def test_nomornya_salah_alone_asks_the_phone_again(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"])
    said = texts(chat.type("eh nomornya salah"))
    assert said.startswith("Ketik nomor HP Anda"), said
    said = texts(chat.type("081298765432"))
    assert said == "Ketik nama desa atau kelurahan tempat Anda tinggal. Contoh: Kedonganan", said
    play(chat, ["dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 16
    finish(chat, branches, phone="+6281298765432", **SITI)


def test_an_age_corrected_at_the_citizenship_is_no_no_to_it(branches: Services) -> None:
    """The new age is kept, and the citizenship still asked.

    "bukan" in "eh umurnya 43 bukan 34" was read as a no to being Indonesian: the check went
    on to the foreigner's months in Indonesia, with the age left at 34.
    """
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "pedagang", "umur 34"])
    said = texts(chat.type("eh umurnya 43 bukan 34"))
    assert said.startswith("Baik, jawaban sebelumnya saya ubah.\nApakah Anda warga negara"), said
    play(chat, ["wni", "belum"])
    said = texts(chat.type("2jt"))
    assert said.startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."), said
    answers = chat.state()[1]["eligibility"]
    assert (answers["age"], answers["citizenship"]) == (43, "wni"), answers
    assert chat.turns == 7 and chat.misses == []


def test_every_message_sent_twice_registers_once(branches: Services) -> None:
    """A bad signal sends each message twice: one lead, and the second "kirim" is told so.

    The second "kirim" took the offer to register a family member and opened a new consent.
    """
    chat = TypedChat(branches)
    for line in ("daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"):
        play(chat, [line, line])
    play(chat, ["dalung", "dalung", "pedagang", "pedagang", "2jt", "2jt", "jkk jkm", "bulanan"])
    play(chat, ["ga", "kirim"])
    reference = REFERENCE.search(chat.text())
    assert reference, chat.text()
    said = texts(chat.type("kirim"))
    assert said == f"Pendaftaran Anda sudah terkirim. Nomor pendaftaran Anda {reference.group()}."
    assert chat.state()[0] == "idle" and "registration" not in chat.state()[1]
    assert chat.turns == 25  # 14 sent once, 11 of them again
    chat.type("cek status")  # names the one lead, for `finish`
    finish(chat, branches, **SITI)


def test_an_officer_types_a_workers_data_in_one_long_line(branches: Services) -> None:
    """The programs and how often are kept: they were asked again after the line."""
    budi, officer_id, _ = linked_officer(branches)
    budi.type("daftarkan pekerja")
    consent_code = re.findall(r"SETUJU (\d{6})", budi.text())[0]
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    play(worker, [f"setuju {consent_code}", "iya setuju"])
    budi.type("isi data pekerja")
    said = texts(
        budi.type(
            "nama I Made Suarta nik 5103011508950003 hp 0857-1234-5678 desa kerobokan kaja, "
            "kerja ojol, penghasilan 2,5jt sebulan, jkk jkm jht, bayar tiap bulan"
        )
    )
    assert said.startswith(
        "Saya catat: NIK berakhiran 0003; nomor HP 085712345678; Ojol; penghasilan Rp2.500.000 "
        "sebulan; JKK + JKM + JHT; tiap bulan.\nMenurut NIK pekerja: Kab. Badung, Bali"
    ), said
    said = texts(budi.type("ya"))
    assert said.startswith("Apakah pekerja tinggal di Kerobokan Kaja, Kuta Utara"), said
    said = texts(budi.type("ya"))
    assert said.startswith("Apakah pekerja termasuk pekerja rentan"), said  # not the programs
    play(budi, ["ga", "kirim"])
    assert budi.misses == [] and budi.turns == 2 + 6
    found = REFERENCE.search(budi.text())
    assert found, budi.text()
    assert lead_columns(branches, found.group()) == lead(
        reference=found.group(),
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        channel="telegram",
        name="I Made Suarta",
        nik="5103011508950003",
        phone="+6285712345678",
        village_code="51.03.06.1003",
        monthly_income=2_500_000,
        programs=["jkk", "jkm", "jht"],
        officer_id=officer_id,
        assisted_by_officer_id=officer_id,
    )


def test_an_emoji_alone_between_answers_is_no_miss(branches: Services) -> None:
    """An emoji that answers nothing asks the step again, briefly.

    "🙏" at the name, "👍" at the NIK, "😊" at the phone, "🤔" at the income were re-asked with
    an apology or a reason ("NIK hanya berisi angka"), and numbered choices after two.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju"])
    for emoji, step in (
        ("🙏", "Ketik nama lengkap"),
        ("👍", "Ketik NIK"),
        ("😊", "Ketik nomor HP"),
    ):
        said = texts(chat.type(emoji))
        assert said.startswith(step), said
        chat.type({"🙏": "Siti Aminah", "👍": NIK_WIFE, "😊": "081234567890"}[emoji])
        if emoji == "👍":
            chat.type("iya")
    play(chat, ["iya", "dalung", "pedagang"])
    said = texts(chat.type("🤔"))
    assert said.startswith("Berapa kira-kira penghasilan Anda sebulan?"), said
    play(chat, ["2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 18  # 14 and the four emoji
    finish(chat, branches, **SITI)


def test_gk_jadi_with_programs_changes_them_and_cancels_nothing(branches: Services) -> None:
    """A change of the programs said with "gk jadi" is no cancel.

    "gk jadi, jkk jkm jht aja" at the summary cancelled the whole registration ("Dibatalkan"):
    the program words after "gk jadi" were dropped as closing words of the command.
    """
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"])
    play(chat, ["dalung", "pedagang", "2jt", "jkk jkm jht"])
    said = texts(chat.type("gk jadi, jkk jkm aja"))  # at the payment question
    assert said.startswith("Baik, jawaban sebelumnya saya ubah.\nSeberapa sering"), said
    play(chat, ["bulanan", "ga"])
    said = texts(chat.type("gk jadi, jkk jkm jht aja"))  # at the summary
    assert said.startswith("Baik, jawaban sebelumnya saya ubah.\nPeriksa data Anda:"), said
    assert "Program: JKK + JKM + JHT" in said
    chat.type("kirim")
    assert chat.turns == 16
    finish(chat, branches, programs=["jkk", "jkm", "jht"], **SITI)


def test_a_farmer_asks_back_at_every_step_of_the_check(branches: Services) -> None:
    """Each question on the step's own subject gets its own answer, then the step again.

    "kenapa ditanya kerja?" was told the bot only helps with BPJS matters, "wni itu apa?" to
    ask again after the form, and "maksudnya peserta apa?" got what JKK covers.
    """
    chat = TypedChat(branches)
    chat.type("cek syarat")
    for asked, answer, step in (
        ("kenapa ditanya kerja?", "Pekerjaan menentukan cara ikut", "Apa pekerjaan Anda?"),
        ("petani", "", ""),
        ("harus umur?", "Ya. Usia menentukan program", "Berapa usia Anda?"),
        ("umur 50", "", ""),
        ("wni itu apa?", "WNI artinya warga negara Indonesia", "Apakah Anda warga negara"),
        ("wni", "", ""),
        ("maksudnya peserta apa?", "Status kepesertaan bisa dicek", "Apakah Anda sudah menjadi"),
        ("belum", "", ""),
        ("kalau ga tentu gimana?", "Laporkan rata-rata penghasilan", "Kira-kira berapa"),
    ):
        replies = chat.type(asked)
        if answer:
            assert replies[0].text.startswith(answer), replies[0].text
            assert replies[-1].text.startswith(step), replies[-1].text
    said = texts(chat.type("1jt"))
    assert said.startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."), said
    assert chat.turns == 11 and chat.misses == []
    answers = chat.state()[1]["eligibility"]
    assert (answers["occupation"], answers["age"], answers["citizenship"]) == (
        "farmer_fisher",
        50,
        "wni",
    )
    assert (answers["already_participant"], answers["monthly_income"]) == (False, "1000000")
