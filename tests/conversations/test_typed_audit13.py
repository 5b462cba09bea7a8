"""Typed-only conversations of the thirteenth audit: voices not heard in audits 1 to 12.

An officer who types for a worker, a worker who answers with questions, a change of mind at
the summary, a stop and "lanjut" the next day, emoji for answers, one long message holding
several answers, English mixed in, a wrong NIK corrected, a message sent twice; and the
leftovers of audit 12: a sticker after "Data mana yang ingin Anda ubah?", a send typed at the
first steps, a street given in the middle of the form. Each asserts its turns, that nothing
was misread (tests/conversations/driver.py) and the exact lead stored.

The three leftovers failed on the code before (the sticker showed the whole summary; "udh
kirim aja" at the name was stored as the name "Udh Kirim Aja"; the street was taken only at
the summary). Causes fixed: a step's Offer with its own example is its question while its
choices are shown (forms.py); a send before the summary (`Field.sends`) is told questions come
first; a street told with the address named is kept by the form's `ahead`. Of the personas,
written blind after those fixes and probed further, 6 misreadings had a cause: "kalo setuju
bayar ga?" at the consent drew the FAQ's commute accident (steps.toml [about] consent_cost,
answered by the FAQ's daftar.fee); "nanti dulu ya, mau masak" was read as an amount (a pause
then its reason, commands.toml [reasons]); "stop dulu ya" turned the reminders off and left
the form (a pause, commands.toml later); "tinggal di dalung, ojek online" read the work into
the desa and dropped the desa typed before the NIK (paste.py); "harus sesuai ktp pak?" at the
name drew the FAQ's data correction (about.name); "only jkk jkm please" before its step was a
miss (later_choices words).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.config import Settings
from bot.services import Services
from tests.conversations.driver import Line, TypedChat, play, q, run
from tests.conversations.people import (
    NIK_WIFE,
    SENT,
    SITI,
    SITI_UP_TO_SUMMARY,
    SUMMARY,
    consented_worker,
    finish,
    finish_for_worker,
    next_process,
)

SPONSORED = "Apakah Anda termasuk pekerja rentan"
NAME_Q = "nama lengkap Anda sesuai KTP"
NIK_Q = "Ketik NIK Anda: 16 angka di KTP."
PHONE_Q = "Ketik nomor HP Anda"
REGENCY_Q = "Apakah Anda tinggal di Kab. Badung, Bali?"
VILLAGE_Q = "desa atau kelurahan"
WORK_Q = "Apa pekerjaan utama Anda?"
INCOME_Q = "penghasilan Anda sebulan"
PROGRAMS_Q = "Program apa yang Anda pilih?"
PERIOD_Q = "Seberapa sering"
WHICH = "Data mana yang ingin Anda ubah?"
NOT_YET = "Belum bisa dikirim: masih ada beberapa pertanyaan"
NIK_41 = "5103065704850003"  # Kab. Badung, born 17-04-1985 (41 on 21 November 2026), female


# ---------------------------------------------------------------- audit 12's leftovers


def test_a_sticker_or_photo_after_which_data_asks_which_again(branches: Services) -> None:
    """Not the whole summary again: "Data mana …?" with an example; "hp" then changes it."""
    chat = TypedChat(branches, chat_id="which")
    play(chat, [*SITI_UP_TO_SUMMARY, "ubah"])
    assert chat.text() == WHICH
    for kind in ("sticker", "photo", "voice"):
        said = chat.media(kind)
        assert WHICH in said and "Contoh: nomor HP" in said and "Nama: Siti" not in said, said
    run(chat, (Line("hp", PHONE_Q), Line("0813 1111 2222", SUMMARY), Line("kirim", SENT)))
    assert chat.turns == 20
    finish(chat, branches, **SITI, phone="+6281311112222")


def test_a_send_typed_at_the_first_steps_is_told_the_steps_to_come(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="early13")
    lines = (
        Line("daftar", "Apakah Anda setuju?"),
        Line("setuju", NAME_Q),
        Line("udh kirim aja", NAME_Q),
        Line("Siti Aminah", NIK_Q),
        Line("kirim aja kak", NIK_Q),
    )
    said = run(chat, lines)
    assert said[2].startswith(NOT_YET) and said[4].startswith(NOT_YET), said
    assert chat.state()[1]["registration"]["name"] == "Siti Aminah"
    play(chat, SITI_UP_TO_SUMMARY[3:])
    run(chat, (Line("kirim", SENT),))
    assert chat.turns == 16
    finish(chat, branches, **SITI)


def test_a_street_given_in_the_middle_of_the_form_is_kept(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="street13")
    play(chat, SITI_UP_TO_SUMMARY[:7])
    said = run(
        chat,
        (
            Line("alamat saya jl. Mawar 3 rt 2", VILLAGE_Q),
            Line("dalung", WORK_Q),
        ),
    )
    assert "jl. Mawar 3 rt 2" in said[0], said[0]
    play(chat, SITI_UP_TO_SUMMARY[8:])
    assert "Alamat: jl. Mawar 3 rt 2, Dalung" in chat.text(), chat.text()
    run(chat, (Line("kirim", SENT),))
    assert chat.turns == 15
    finish(chat, branches, **SITI, address="jl. Mawar 3 rt 2")


# ---------------------------------------------------------------- an officer types for a worker


def test_an_officer_types_the_workers_answers_in_his_own_words(branches: Services) -> None:
    """Pak Budi types as officers do ("nik nya …", "dia ojek", "kirim aja") before the end;
    every question speaks about the worker."""
    budi, worker = consented_worker(branches)
    lines = (
        Line("isi data pekerja", "nama lengkap pekerja sesuai KTP"),
        q(
            "harus sesuai ktp pak?",
            "nama lengkap pekerja sesuai KTP",
            "persis seperti di KTP pekerja",
        ),
        Line("nama pekerjanya I Made Suarta", "NIK pekerja"),
        Line("kirim aja", "NIK pekerja"),
        Line("nik nya 5103 0115 0895 0003", "lahir 15 Agustus 1995, laki-laki"),
        Line("ya betul", "nomor HP pekerja"),
        Line("hp nya 0857-1234-5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
        Line("iya dia tinggal di badung", "desa atau kelurahan"),
        Line("kerobokan kaja", "Apa pekerjaan utama pekerja?"),
        Line("dia ngojek", "penghasilan"),
        Line("kira2 2 juta", "Program apa untuk pekerja?"),
        Line("jkk jkm", "Seberapa sering pekerja"),
        Line("bulanan", "pekerja rentan"),
        Line("bukan", "Nama: I Made Suarta"),
        Line("ubah", "Data pekerja mana yang ingin diubah?"),
    )
    said = run(budi.chat, lines)
    for text in said:
        assert "Anda sesuai KTP" not in text and "tinggal di sana?" not in text, text
    said_sticker = budi.chat.media("sticker")
    assert "Nama: I Made" not in said_sticker, said_sticker
    run(budi.chat, (Line("ga jadi, kirim", "JMS-"),))
    assert budi.chat.turns == 1 + 1 + 15 + 2
    finish_for_worker(branches, budi.chat, budi.id, worker=worker)


# ---------------------------------------------------------------- questions for answers


def test_a_worker_who_answers_with_questions(branches: Services) -> None:
    lines = (
        Line("daftar", "Apakah Anda setuju?"),
        q("kalo setuju bayar ga?", "Apakah Anda setuju", "Tidak ada biaya pendaftaran"),
        Line("setuju", NAME_Q),
        q("harus sama kayak di ktp?", NAME_Q),
        Line("Siti Aminah", NIK_Q),
        Line(NIK_WIFE, "Benar?"),
        Line("iya", PHONE_Q),
        q("nomor wa boleh?", PHONE_Q),
        Line("081234567890", REGENCY_Q),
        Line("iya", VILLAGE_Q),
        q("desa yg di ktp atau yg skrg?", VILLAGE_Q),
        Line("dalung", WORK_Q),
        Line("pedagang", INCOME_Q),
        q("kalo penghasilan ga tentu gimana?", INCOME_Q),
        Line("2jt", PROGRAMS_Q),
        q("jht itu apa sih?", PROGRAMS_Q, "JHT"),
        Line("jkk jkm", PERIOD_Q),
        Line("bulanan", SPONSORED),
        q("pekerja rentan itu apa?", SPONSORED),
        Line("ga", SUMMARY),
        Line("kirim", SENT),
    )
    chat = TypedChat(branches, chat_id="asker")
    run(chat, lines)
    assert chat.turns == 21
    finish(chat, branches, **SITI)


# ---------------------------------------------------------------- a change of mind at the summary


def test_programme_and_income_changed_at_the_summary(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="mind")
    play(chat, SITI_UP_TO_SUMMARY)
    said = run(
        chat,
        (
            Line("eh programnya tambah jht deh", "Program: JKK + JKM + JHT"),
            Line("penghasilan saya sebenernya 3 juta", "Penghasilan sebulan: Rp3.000.000"),
            Line("udah itu aja, kirim", SENT),
        ),
    )
    assert said[0].endswith(SUMMARY) and said[1].endswith(SUMMARY), said
    assert chat.turns == 16
    finish(chat, branches, **SITI, programs=["jkk", "jkm", "jht"], monthly_income=3_000_000)


# ---------------------------------------------------------------- a stop, "lanjut" the next day


@pytest.mark.parametrize("pause", ["nanti dulu ya, mau masak", "stop dulu ya"])
def test_a_stop_then_lanjut_the_next_day_goes_on_where_she_was(
    branches: Services, settings: Settings, pause: str
) -> None:
    """A pause with its reason, or "stop dulu" (not "stop": her reminders stay), keeps the
    form; "lanjut" the next day asks the income again."""
    chat = TypedChat(branches, chat_id="tomorrow")
    play(chat, SITI_UP_TO_SUMMARY[:9])
    run(chat, (Line(pause, "lanjut"),))
    assert "pengingat" not in chat.text(), chat.text()
    with next_process(chat, branches, settings) as (again, restarted):
        run(again, (Line("lanjut", INCOME_Q),))
        play(again, SITI_UP_TO_SUMMARY[9:])
        run(again, (Line("kirim", SENT),))
        assert again.turns == 16
        finish(again, restarted, **SITI)


# ---------------------------------------------------------------- emoji for answers


def test_emoji_only_answers(branches: Services) -> None:
    lines = (
        Line("daftar", "Apakah Anda setuju?"),
        Line("👍", NAME_Q),
        Line("Siti Aminah", NIK_Q),
        Line(NIK_WIFE, "Benar?"),
        Line("👌", PHONE_Q),
        Line("081234567890", REGENCY_Q),
        Line("✅", VILLAGE_Q),
        Line("dalung", WORK_Q),
        Line("pedagang", INCOME_Q),
        Line("2jt", PROGRAMS_Q),
        Line("jkk jkm", PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("❌", SUMMARY),
        Line("👍", SENT),
    )
    chat = TypedChat(branches, chat_id="emoji")
    run(chat, lines)
    assert chat.turns == 14
    finish(chat, branches, **SITI)


# ---------------------------------------------------------------- several answers in one message


def test_one_long_message_with_name_age_work_and_income(branches: Services) -> None:
    lines = (
        Line("daftar", "Apakah Anda setuju?"),
        Line("setuju", NAME_Q),
        Line(
            "nama saya Siti Aminah, umur 41, jualan sayur di pasar Kertosono, "
            "penghasilan 2jt sebulan",
            NIK_Q,
        ),
        Line(NIK_41, "Benar?"),
        Line("iya", PHONE_Q),
        Line("081234567890", REGENCY_Q),
        Line("iya", VILLAGE_Q),
        Line("dalung", PROGRAMS_Q),
        Line("jkk jkm", PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("ga", "Penghasilan sebulan: Rp2.000.000"),
        Line("kirim", SENT),
    )
    chat = TypedChat(branches, chat_id="long")
    said = run(chat, lines)
    assert "Pekerjaan: Pedagang" in said[-2] or "jualan sayur" in said[-2], said[-2]
    assert chat.turns == 12
    finish(chat, branches, **{**SITI, "nik": NIK_41, "birth_date": date(1985, 4, 17)})


def test_one_long_message_with_phone_place_work_and_income_at_the_name(branches: Services) -> None:
    """The desa is asked with a yes once the NIK says the regency; the work after it is kept."""
    lines = (
        Line("daftar", "Apakah Anda setuju?"),
        Line("setuju", NAME_Q),
        Line(
            "saya Budi Santoso, hp 081234567890, tinggal di dalung, ojek online, "
            "penghasilan 2,5 juta",
            "Saya catat: nomor HP 081234567890; Ojek; penghasilan Rp2.500.000 sebulan.",
        ),
        Line("5103061508950001", "Benar?"),
        Line("iya", "Apakah Anda tinggal di Dalung, Kuta Utara, Kab. Badung, Bali?"),
        Line("iya", PROGRAMS_Q),
        Line("only jkk jkm please", PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("ga", "Penghasilan sebulan: Rp2.500.000"),
        Line("kirim", SENT),
    )
    chat = TypedChat(branches, chat_id="long2")
    run(chat, lines)
    assert chat.turns == 10
    finish(chat, branches, monthly_income=2_500_000)


# ---------------------------------------------------------------- English mixed in


def test_english_mixed_replies(branches: Services) -> None:
    lines = (
        Line("mau daftar", "Apakah Anda setuju?"),
        Line("yes agree", NAME_Q),
        Line("my name is Siti Aminah", NIK_Q),
        Line(NIK_WIFE, "Benar?"),
        Line("yes correct", PHONE_Q),
        Line("my number 0812 3456 7890", REGENCY_Q),
        Line("yes I stay there", VILLAGE_Q),
        Line("dalung village", WORK_Q),
        Line("trader, jualan sayur", INCOME_Q),
        Line("only jkk jkm please", INCOME_Q),  # kept for its step
        Line("around 2 million per month", PERIOD_Q),
        Line("monthly", SPONSORED),
        Line("no", SUMMARY),
        Line("ok submit", SENT),
    )
    chat = TypedChat(branches, chat_id="english")
    said = run(chat, lines)
    assert said[9].startswith("Saya catat: JKK + JKM."), said[9]
    assert chat.turns == 14
    finish(chat, branches, **SITI)


# ---------------------------------------------------------------- a wrong NIK, corrected


def test_a_wrong_nik_then_the_right_one(branches: Services) -> None:
    """A NIK with a digit missing is said to be short; a wrong one (another birth date) is
    corrected at the "Benar?" with the right one typed after "salah"."""
    lines = (
        Line("daftar", "Apakah Anda setuju?"),
        Line("setuju", NAME_Q),
        Line("Siti Aminah", NIK_Q),
        Line("510306570497003", "16"),
        Line("5103065704980003", "Benar?"),
        Line("salah, yg bener 5103065704970003", "lahir 17 April 1997"),
        Line("iya", PHONE_Q),
    )
    chat = TypedChat(branches, chat_id="niks")
    said = run(chat, lines)
    assert [miss.state for miss in chat.misses] == ["registration.nik"], said  # the short one
    chat.misses.clear()
    play(chat, SITI_UP_TO_SUMMARY[5:])
    run(chat, (Line("kirim", SENT),))
    assert chat.turns == 16
    finish(chat, branches, **SITI)


# ---------------------------------------------------------------- the same message twice


def test_each_message_sent_twice(branches: Services) -> None:
    """A double send (a shaky signal) changes nothing and is never a miss."""
    lines = (
        Line("daftar", "Apakah Anda setuju?"),
        Line("setuju", NAME_Q),
        Line("setuju", NAME_Q),
        Line("Siti Aminah", NIK_Q),
        Line("Siti Aminah", NIK_Q),
        Line(NIK_WIFE, "Benar?"),
        Line("iya", PHONE_Q),
        Line("iya", PHONE_Q),
        Line("081234567890", REGENCY_Q),
        Line("081234567890", REGENCY_Q),
        Line("iya", VILLAGE_Q),
        Line("dalung", WORK_Q),
        Line("dalung", WORK_Q),
        Line("pedagang", INCOME_Q),
        Line("pedagang", INCOME_Q),
        Line("2jt", PROGRAMS_Q),
        Line("2jt", PROGRAMS_Q),
        Line("jkk jkm", PERIOD_Q),
        Line("bulanan", SPONSORED),
        Line("bulanan", SPONSORED),
        Line("ga", SUMMARY),
        Line("kirim", SENT),
        Line("kirim", "sudah terkirim"),
    )
    chat = TypedChat(branches, chat_id="twice")
    run(chat, lines)
    assert chat.turns == 23
    finish(chat, branches, **SITI)
