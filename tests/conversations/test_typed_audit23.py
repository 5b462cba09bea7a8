"""Typed-only conversations of audit 23, asserting the replies, the turns, that nothing was
misread (tests/conversations/driver.py), that no question was stored unanswered and the lead
stored, on SQLite and on PostgreSQL (the `services` fixture runs both).

- A village secretary registers a worker in stiff formal Indonesian. "Yang bersangkutan tidak
  memiliki telepon genggam." was not taken for the worker's lack of a phone, nor "Yang
  bersangkutan sudah menyetujui." for her yes: the clerk's "yang bersangkutan" names the
  worker now (steps.toml [officer_mine] worker), and "sudah menyetujui" is her yes
  ([officer_asks] officer_assist_form). At the officer's programs step "JKK dan JKM saja" was
  noted as typed ahead of it ("Saya catat: JKK + JKM."): the steps after the one asked were
  found only under the worker's own form's name (registration/flow.py `_later`).
- A young ojol driver in Jakarta slang. "eh salah, 3jtan sebulan" at the summary kept the old
  income and showed the summary again: an amount alone named no field there, and "sebulan"
  read as the monthly payment already chosen; an amount of money alone corrects the income now
  (steps.toml [corrects] money, chatwords.money_alone). "dalung bg" asked "Maksud Anda
  Dalung?": "bg" (bang) was no word of address (yes_no.toml [filler], commands.toml [address],
  names.toml [closers]).
"""

from __future__ import annotations

from bot.services import Services
from tests.conversations.driver import Line, TypedChat, lead_columns, q, run, unanswered
from tests.conversations.people import (
    CONSENT_Q,
    FORM_INCOME_Q,
    KEDONGANAN,
    NAME_Q,
    NIK,
    NIK_Q,
    NIK_READ,
    PERIOD_Q,
    PHONE_Q,
    PROGRAMS_Q,
    REGENCY_Q,
    SENT,
    SPONSORED_Q,
    SUMMARY,
    TYPED_BUDGET,
    VILLAGE_Q,
    WORK_Q,
    WORKER_INCOME_Q,
    WORKER_NAME_Q,
    WORKER_NIK,
    WORKER_NIK_Q,
    WORKER_PERIOD_Q,
    WORKER_PHONE_Q,
    WORKER_PROGRAMS_Q,
    WORKER_REGENCY_Q,
    WORKER_SPONSORED_Q,
    WORKER_WORK_Q,
    consented_worker,
    finish,
    finish_for_worker,
    linked_officer,
    reference,
    suarta_on_paper,
)

ASKS = "Selamat siang. Saya Sekretaris Desa. Mohon bantuan untuk mendaftarkan warga kami."
SIGNED = "Saya menyatakan bahwa yang bersangkutan telah menandatangani formulir persetujuan."
CORRECT = "Benar, data tersebut sudah sesuai"
WORKER_NIK_READ = "Menurut NIK pekerja: Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki. Benar?"
WORKER_VILLAGE_Q = "desa atau kelurahan tempat tinggal pekerja"
WORKER_SUMMARY = "Periksa data pekerja:"
SUARTA_SENT = "Terkirim untuk I Made Suarta."
NO_PHONE = "Pekerja tidak punya HP, jadi persetujuannya di kertas"
BY_NAME = "Mohon didaftarkan atas nama I Made Suarta"
NOTED = "Saya catat"

# ------------------------------------------- (1) a village secretary, in a formal letter's words


def test_a_village_secretary_registers_a_worker_without_a_phone_formally(
    branches: Services,
) -> None:
    sekdes = linked_officer(branches, village=KEDONGANAN)
    run(
        sekdes.chat,
        (
            Line(ASKS, "Jika pekerja tidak punya HP, ketik tidak punya hp."),
            Line("Yang bersangkutan tidak memiliki telepon genggam.", NO_PHONE),
            Line(SIGNED, WORKER_NAME_Q),
            Line(BY_NAME, WORKER_NIK_Q),
            Line(f"NIK yang bersangkutan {WORKER_NIK}", WORKER_NIK_READ),
            Line(CORRECT, WORKER_PHONE_Q),
            Line("Nomor telepon yang bersangkutan 0813 1111 2222", WORKER_REGENCY_Q),
            Line("Benar, yang bersangkutan berdomisili di Kabupaten Badung", WORKER_VILLAGE_Q),
            Line("Desa Kedonganan", WORKER_WORK_Q),
            Line("Yang bersangkutan bekerja sebagai nelayan", WORKER_SUMMARY),
            Line(CORRECT, SUARTA_SENT),
        ),
    )
    assert sekdes.chat.turns == 1 + 11  # his link, then the letter's lines
    assert sekdes.chat.misses == [] and unanswered(branches) == 0
    found = reference(sekdes.chat)
    assert lead_columns(branches, found) == suarta_on_paper(found, sekdes.id)


def test_a_village_secretary_registers_a_worker_who_agreed_on_her_phone_formally(
    branches: Services,
) -> None:
    sekdes, worker = consented_worker(branches, asks=ASKS)
    said = run(
        sekdes.chat,
        (
            Line("Yang bersangkutan sudah menyetujui.", WORKER_NAME_Q),
            Line(BY_NAME, WORKER_NIK_Q),
            Line(f"NIK yang bersangkutan {WORKER_NIK}", WORKER_NIK_READ),
            Line(CORRECT, WORKER_PHONE_Q),
            Line("Nomor telepon yang bersangkutan 0857 1234 5678", WORKER_REGENCY_Q),
            Line("Benar", WORKER_VILLAGE_Q),
            Line("Desa Kerobokan Kaja", WORKER_WORK_Q),
            Line("Yang bersangkutan bekerja sebagai buruh tani", WORKER_INCOME_Q),
            Line(
                "Penghasilan yang bersangkutan kurang lebih Rp1.500.000 per bulan",
                WORKER_PROGRAMS_Q,
            ),
            Line("JKK dan JKM saja", WORKER_PERIOD_Q),
            Line("Setiap bulan", WORKER_SPONSORED_Q),
            Line("Tidak", WORKER_SUMMARY),
            Line(CORRECT, SUARTA_SENT),
        ),
    )
    assert not said[9].startswith(NOTED), said[9]  # the step's own answer, not typed ahead
    assert sekdes.chat.turns == 1 + 1 + 13  # his link, the request, then the letter's lines
    assert unanswered(branches) == 0
    finish_for_worker(
        branches,
        sekdes.chat,
        sekdes.id,
        worker=worker,
        occupation="farmer_fisher",
        monthly_income=1_500_000,
    )


# ----------------------------------- (2) a young ojol driver in slang, asking back, correcting


def test_an_ojol_driver_asks_back_twice_corrects_his_income_and_sends(
    branches: Services,
) -> None:
    chat = TypedChat(branches, chat_id="ojol23")
    said = run(
        chat,
        (
            Line("mw dftr bpjs tk dong bg", CONSENT_Q),
            Line("gas stuju", NAME_Q),
            Line("Rizky Pratama", NIK_Q),
            q("emg hrs nik ya?", NIK_Q, "NIK wajib diisi."),
            Line(NIK, NIK_READ),
            Line("y", PHONE_Q),
            q("kalo ga punya email gmn", PHONE_Q, "Jika Anda tidak punya email, daftar lewat bot"),
            Line("081234567890", REGENCY_Q),
            Line("iye", VILLAGE_Q),
            Line("dalung bg", WORK_Q),  # not "Maksud Anda Dalung …?"
            Line("sy ngojol bg", FORM_INCOME_Q),
            Line("2jtan lah", PROGRAMS_Q),
            Line("jkk jkm aj", PERIOD_Q),
            Line("bulanan", SPONSORED_Q),
            Line("ga", "Penghasilan sebulan: Rp2.000.000"),
            Line("eh salah, 3jtan sebulan", "Penghasilan sebulan: Rp3.000.000"),
            Line("udh kirim aja", SENT),
        ),
    )
    assert said[15].startswith("Baik, jawaban sebelumnya saya ubah.") and SUMMARY in said[15]
    assert chat.turns == 17 <= TYPED_BUDGET
    assert unanswered(branches) == 0
    finish(chat, branches, name="Rizky Pratama", monthly_income=3_000_000)
