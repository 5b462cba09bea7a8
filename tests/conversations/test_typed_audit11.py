"""Typed-only conversations of the eleventh audit: the summary ("check your data") and its corrections.

At the summary people type their yes in their own words ("lanjut", "iya kirim", "udh bener",
"bener semua", "ok gas", 👍), say something is wrong ("salah", "ada yg salah", "yang tadi
salah", "namanya salah") and then name it, change the address in a sentence, retype a NIK
("nik nya 5103…", or the NIK alone) to correct it, correct two answers in one message, ask
when the contribution is paid, cancel, and come back the next day with "halo" or "lanjut".
Self-registration, the officer's assisted form and the registration that follows the
eligibility check share one summary step (handlers/registration/summary.py). Each asserts its
turns, that nothing was misread (tests/conversations/driver.py) and the exact lead stored.

Blind, as first written and run on the code before the fixes, 10 of the 18 failed (each yes
word counted; only "lanjut" of them failed). Causes fixed:
"lanjut" at the summary was "resume" and showed the summary again (now a "lanjut", with or
without a yes, presses the one send button that is no yes: bot/routing.py `_goes_on`); after
"halo" ("Continue where you left?") a yes sent the registration unseen, the summary's step
reading it (now a yes to the offer to continue shows the summary first); a NIK retyped at the
summary, alone or after "nik nya", was not understood, nor two corrections in one message
("namanya …, hp nya …"): at a step that lists the answers (`Field.shows_answers`), a field's
name with a value is its correction without a change word, several in one message are each
read by their own step (chatwords.corrections), and a NIK or a mobile number alone is its
field's by shape (steps.toml [corrects.bare]); "hp" after "Which data do you want to change?"
was not understood (only labels close to "Nomor HP" were), nor "penghasilannya 3jt" with no
change word.
The street typed in "ganti alamat jadi Jl. Melati 5" was not stored (the form recorded the
regency and desa only, which it asked again): kept since audit 12.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.services import Services
from bot.storage.models import Lead
from tests.conftest import texts
from tests.conversations.driver import Line, TypedChat, play, q, run, unanswered
from tests.conversations.people import (
    NIK,
    NIK_WIFE,
    SENT,
    SITI,
    SITI_UP_TO_SUMMARY,
    SUMMARY,
    WORKER_NIK,
    finish,
    finish_for_worker,
    next_process,
    officer_with_consent,
)

WORKER_SENT = "Berikan nomor pendaftaran ini kepada pekerja: JMS-"
WHICH = "Data mana yang ingin Anda ubah?"
WORKER_WHICH = "Data pekerja mana yang ingin diubah?"  # the officer's form: of the worker
CHANGED = "Baik, jawaban sebelumnya saya ubah."
SITI_TYPO = "5103065704970004"  # NIK_WIFE with its last digit wrong: the same birth and place
WORKER_TYPO = "5103011508960003"  # WORKER_NIK with one digit wrong: born 15 August 1996


def at_summary(services: Services, chat_id: str = "summary-1") -> TypedChat:
    """Siti, registering herself, at the summary after 13 typed messages."""
    chat = TypedChat(services, chat_id=chat_id)
    play(chat, SITI_UP_TO_SUMMARY)
    assert chat.text().endswith(SUMMARY) and chat.misses == [], chat.text()
    return chat


def leads(services: Services) -> int:
    with services.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Lead)) or 0)


# ---------------------------------------------------------------- a yes in one's own words


@pytest.mark.parametrize(
    "typed", ["lanjut", "iya kirim", "udh bener", "bener semua", "ok gas", "👍"]
)
def test_a_yes_at_the_summary_in_her_own_words_sends_it(branches: Services, typed: str) -> None:
    """Each sends in one turn; "lanjut" showed the summary again."""
    chat = at_summary(branches)
    run(chat, (Line(typed, SENT),))
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_a_question_at_the_summary_is_answered_then_lanjut_sends(branches: Services) -> None:
    """ "iurannya kapan bayarnya?" is answered briefly and the summary asked again."""
    chat = at_summary(branches)
    run(chat, (q("iurannya kapan bayarnya?", SUMMARY, "jatuh tempo"), Line("ok lanjut", SENT)))
    assert chat.turns == 15
    finish(chat, branches, **SITI)


# ---------------------------------------------------------------- corrections


def test_a_nik_retyped_at_the_summary_corrects_it(branches: Services) -> None:
    """A wrong last digit, read back and confirmed (it says the same birth and place); at the
    summary "nik nya 5103…" reads the right one back, and "iya" returns to the summary."""
    chat = TypedChat(branches, chat_id="retyped")
    typo = [SITI_TYPO if typed == NIK_WIFE else typed for typed in SITI_UP_TO_SUMMARY]
    play(chat, typo)
    lines = (
        Line(f"nik nya {NIK_WIFE}", "lahir 17 April 1997, perempuan. Benar?"),
        Line("iya", "NIK: ••••••••••••0003"),
        Line("udh bener", SENT),
    )
    said = run(chat, lines)
    assert CHANGED in said[0], said[0]
    assert chat.turns == 16
    finish(chat, branches, **SITI)


def test_the_nik_alone_retyped_with_spaces_at_the_summary(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="alone")
    play(chat, [SITI_TYPO if typed == NIK_WIFE else typed for typed in SITI_UP_TO_SUMMARY])
    lines = (
        Line("5103 0657 0497 0003", "Benar?"),
        Line("ya", "NIK: ••••••••••••0003"),
        Line("kirim", SENT),
    )
    run(chat, lines)
    assert chat.turns == 16
    finish(chat, branches, **SITI)


def test_two_corrections_in_one_message(branches: Services) -> None:
    """Both stored, the summary shown again with them; then a third, joined by "sama"."""
    chat = at_summary(branches)
    lines = (
        Line("namanya Siti Aminah Putri, hp nya 0812 9999 8888", "Nomor HP: 081299998888"),
        Line("salah, hp nya 081277776666 sama namanya Siti Aminah", "Nama: Siti Aminah\n"),
        Line("bener semua", SENT),
    )
    said = run(chat, lines)
    assert "Nama: Siti Aminah Putri" in said[0] and CHANGED in said[0], said[0]
    assert "Nomor HP: 081277776666" in said[1], said[1]
    assert chat.turns == 16
    finish(chat, branches, **SITI, phone="+6281277776666")


def test_something_is_wrong_then_she_names_it(branches: Services) -> None:
    """ "ada yg salah", "yang tadi salah", "salah": which one? She names it, types it again."""
    chat = at_summary(branches)
    lines = (
        Line("ada yg salah", WHICH),
        Line("hp", "Ketik nomor HP Anda"),
        Line("0812 9999 8888", SUMMARY),
        Line("yang tadi salah", WHICH),
        Line("namanya", "Ketik nama lengkap Anda sesuai KTP"),
        Line("Siti Aminah Putri", "Nama: Siti Aminah Putri"),
        Line("salah", WHICH),
        Line("penghasilan", "penghasilan Anda sebulan"),
        Line("3jt", SUMMARY),
        Line("namanya salah", "Ketik nama lengkap Anda sesuai KTP"),
        Line("Siti Aminah", SUMMARY),
        Line("iya kirim", SENT),
    )
    run(chat, lines)
    assert chat.turns == 13 + len(lines)
    finish(chat, branches, **SITI, phone="+6281299998888", monthly_income=3_000_000)


def test_the_address_changed_in_a_sentence(branches: Services) -> None:
    """ "ganti alamat jadi Jl. Melati 5": the street is kept with the desa (audit 12: the
    regency and desa were asked again and the street lost); "salah, alamatnya" asks them."""
    chat = at_summary(branches)
    lines = (
        Line("ganti alamat jadi Jl. Melati 5", "Alamat: Jl. Melati 5, Dalung"),
        Line("salah, alamatnya", "Apakah Anda tinggal di Kab. Badung, Bali?"),
        Line("ya", "desa atau kelurahan"),
        Line("kerobokan kaja", "Alamat: Kerobokan Kaja"),
        Line("ok gas", SENT),
    )
    run(chat, lines)
    assert chat.turns == 18
    finish(chat, branches, **SITI, village_code="51.03.06.1003")


def test_batal_at_the_summary_stores_nothing(branches: Services) -> None:
    chat = at_summary(branches)
    said = texts(chat.type("batal"))
    state, data = chat.state()
    assert "Dibatalkan" in said and state == "idle" and "registration" not in data, said
    assert chat.misses == [] and leads(branches) == 0 and unanswered(branches) == 0


# ---------------------------------------------------------------- the next day


def test_halo_the_next_day_shows_the_summary_before_sending(
    branches: Services, settings: Settings
) -> None:
    """ "halo" offers to continue; her "iya" shows the summary (it sent it unseen), "lanjut"
    then sends it."""
    chat = at_summary(branches)
    with next_process(chat, branches, settings) as (again, restarted):
        lines = (
            Line("halo", "Lanjutkan dari yang terakhir?"),
            Line("iya", SUMMARY),
            Line("lanjut", SENT),
        )
        said = run(again, lines)
        assert "Nama: Siti Aminah" in said[1], said[1]
        assert again.turns == 16
        finish(again, restarted, **SITI)


def test_lanjut_the_next_day_at_the_summary_shows_it_first(
    branches: Services, settings: Settings
) -> None:
    """The summary is the chat's last message, but a day old: it is shown again, "Benar?"
    (audit 12: it was sent unseen), and "iya" sends it."""
    chat = at_summary(branches)
    with next_process(chat, branches, settings) as (again, restarted):
        run(again, (Line("lanjut", "Benar?"), Line("iya", SENT)))
        assert again.turns == 15
        finish(again, restarted, **SITI)


# ---------------------------------------------------------------- the officer's form


def test_the_officer_corrects_the_workers_nik_and_phone_at_the_summary(
    branches: Services,
) -> None:
    """A NIK with one digit wrong, confirmed; at the summary he retypes it, then "yang tadi
    salah" and "hp", then a name and a phone in one message, then "lanjut"."""
    budi = officer_with_consent(branches)
    lines = (
        Line("isi data pekerja", "nama lengkap pekerja"),
        Line("I Made Suarta", "NIK pekerja"),
        Line(WORKER_TYPO, "lahir 15 Agustus 1996"),
        Line("ya", "nomor HP pekerja"),
        Line("0857 1234 5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
        Line("ya", "desa atau kelurahan"),
        Line("kerobokan kaja", "Apa pekerjaan utama pekerja?"),
        Line("ojol", "penghasilan"),
        Line("2jt", "Program apa untuk pekerja?"),
        Line("jkk jkm", "Seberapa sering pekerja"),
        Line("bulanan", "pekerja rentan"),
        Line("tidak", "Periksa data pekerja"),
        Line(
            f"nik nya {WORKER_NIK}", "Menurut NIK pekerja: Kab. Badung, Bali, lahir 15 Agustus 1995"
        ),
        Line("ya", "NIK: ••••••••••••0003"),
        Line("yang tadi salah", WORKER_WHICH),
        Line("hp", "nomor HP pekerja"),
        Line("0857 1234 9999", "Nomor HP: 085712349999"),
        Line("namanya I Made Suarta Putra, hp nya 0857 1234 5678", "Nama: I Made Suarta Putra"),
        Line("lanjut", WORKER_SENT),
    )
    said = run(budi.chat, lines)
    assert budi.chat.turns == 2 + len(lines)
    assert not any("Anda ubah" in text for text in said)
    finish_for_worker(branches, budi.chat, budi.id, name="I Made Suarta Putra")


def test_the_officers_form_checks_and_answers_speak_of_the_worker(branches: Services) -> None:
    """Registration's checks and answers at a step, met in the officer's form, are worded about
    the worker, as its questions are: the officer is never addressed as if he were the worker."""
    budi = officer_with_consent(branches)
    lines = (
        Line("isi data pekerja", "nama lengkap pekerja"),
        Line("I M4de", "Ketik nama pekerja sesuai KTP, tanpa angka."),
        Line("I Made Suarta", "NIK pekerja"),
        Line("5103061508950000", "Periksa lagi NIK di KTP pekerja."),
        Line(WORKER_NIK, "lahir 15 Agustus 1995"),
        Line("ya", "nomor HP pekerja"),
        Line("0857 1234 5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
        Line("ya", "desa atau kelurahan"),
        Line("kerobokan kaja", "Apa pekerjaan utama pekerja?"),
        Line("x", "Tuliskan pekerjaan pekerja dalam 2 sampai 80 huruf."),
    )
    said = run(budi.chat, lines)
    assert not any("Anda" in text for text in said[1:]), said


def test_the_officer_asks_at_the_summary_then_sends_with_ok_gas(branches: Services) -> None:
    budi = officer_with_consent(branches)
    play(budi.chat, ["isi data pekerja", "I Made Suarta", WORKER_NIK, "ya", "0857 1234 5678"])
    play(budi.chat, ["ya", "kerobokan kaja", "ojol", "2jt", "jkk jkm", "bulanan", "tidak"])
    lines = (
        q("iurannya kapan bayarnya?", "Periksa data pekerja", "jatuh tempo"),
        Line("salah, alamatnya", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
        Line("ya", "desa atau kelurahan"),
        Line("dalung", "Alamat: Dalung"),
        Line("ok gas", WORKER_SENT),
    )
    run(budi.chat, lines)
    assert budi.chat.turns == 2 + 12 + len(lines)
    finish_for_worker(branches, budi.chat, budi.id, village_code="51.03.06.2006")


# ---------------------------------------------------------------- after the eligibility check


def test_after_the_check_she_corrects_the_income_and_adds_jht_at_the_summary(
    branches: Services,
) -> None:
    """The check's answers fill the form; at the summary "penghasilannya 3jt" and "tambah jht"
    change them, a question is answered, and "bener semua" sends."""
    chat = TypedChat(branches, chat_id="checked")
    play(chat, ["cek syarat", "ojol", "31", "ya", "belum", "2jt", "daftar", "setuju"])
    play(chat, ["Budi Santoso", NIK, "ya", "081234567890", "ya", "dalung", "bulanan", "ga"])
    assert chat.text().endswith(SUMMARY) and chat.misses == [], chat.text()
    lines = (
        Line("penghasilannya 3jt", "Penghasilan sebulan: Rp3.000.000"),
        Line("tambah jht", "JKK + JKM + JHT"),
        q("iurannya kapan bayarnya?", SUMMARY, "jatuh tempo"),
        Line("bener semua", SENT),
    )
    run(chat, lines)
    assert chat.turns == 16 + len(lines)
    finish(chat, branches, monthly_income=3_000_000, programs=["jkk", "jkm", "jht"])
