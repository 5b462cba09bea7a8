"""An officer waiting for the worker's consent, typing (typed audit 19, the officer's flow).

- A village officer typing "gmn caranya" right after the consent code got "Maaf, saya belum
  bisa menjawab", logged as an unanswered question; "udah blm?" (has she agreed yet?) too.
  The wait is a form step of its own (handlers/officer.py `WAIT`): a question there is
  answered briefly (how the code works, or whether she agreed) and the step asked again.
- The officer was told to press buttons ("tekan Kode baru") he may not have: every
  instruction says what to type, and the words typed do it.
- A stray "kirim" after his worker's registration was sent got the worker's "ketik daftar":
  an officer is told how to register the next worker.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.conversation import Channel
from bot.services import Services
from tests.conversations.driver import Line, TypedChat, lead_columns, q, run, unanswered
from tests.conversations.people import (
    KEDONGANAN,
    SARI_TYPED,
    contact_id,
    kedonganan_lead,
    linked_officer,
)

WAIT_Q = "Setelah pekerja setuju, ketik sudah"
HOW = "Pekerja mengirim SETUJU {code} ke bot ini dari WhatsApp atau Telegram-nya sendiri"
NOT_YET = "Belum: pekerja belum menyetujui dari HP-nya (dengan mengirim SETUJU {code})"
NEXT = "Untuk mendaftarkan pekerja berikutnya, ketik daftarkan pekerja."


def _code(chat: TypedChat) -> str:
    return re.findall(r"SETUJU (\d{6})", chat.text())[-1]


def _agrees(services: Services, code: str, said: str = "iya setuju") -> TypedChat:
    worker = TypedChat(services, chat_id="6285712345678", channel=Channel.WHATSAPP)
    worker.type(f"setuju {code}")
    worker.type(said)
    return worker


def test_a_village_officer_asks_how_and_whether_then_registers(branches: Services) -> None:
    budi = linked_officer(branches, village=KEDONGANAN)
    wayan = budi.chat
    wayan.type("daftarkan pekerja")
    first = wayan.text()
    assert "Jika pekerja tidak punya HP, ketik tidak punya hp." in first
    assert "tekan" not in first.replace("atau tekan Isi data pekerja", "")
    code = _code(wayan)
    run(
        wayan,
        (
            q("gmn caranya", WAIT_Q, HOW.format(code=code)),
            q("udah blm?", WAIT_Q, NOT_YET.format(code=code)),
            Line("sudah", "Pekerja belum menyetujui. Pekerja mengirim SETUJU"),
        ),
    )
    assert "ketik kode baru" in wayan.text() and "belum bisa menjawab" not in wayan.text()
    worker = _agrees(branches, code)
    assert "Jangan pernah membayar" in worker.text() and worker.misses == []
    lines = (
        Line("udah blm?", "Pekerja sudah setuju. Sekarang isi datanya"),  # she has: the form
        *SARI_TYPED,
        Line("kirim", "Berikan nomor pendaftaran ini kepada pekerja: JMS-"),
    )
    said = run(wayan, lines)
    reference = re.findall(r"JMS-[0-9A-Z]{4}-[0-9A-Z]{4}", said[-1])[0]
    wayan.type("kirim")  # a stray send: the officer's words, not the worker's "ketik daftar"
    assert wayan.text().startswith("Tidak ada yang bisa dikirim: belum ada pendaftaran pekerja")
    assert wayan.text().endswith(NEXT) and "ketik daftar untuk" not in wayan.text()
    assert [c.id for r in wayan.last for c in r.choices] == ["officer_assist", "officer_menu"]
    wayan.type("daftarkan pekerja")
    assert _code(wayan) != code and wayan.state()[0] == "assisting.agreed"

    assert wayan.misses == [] and unanswered(branches) == 0
    assert wayan.turns == 1 + 1 + 3 + len(lines) + 2
    assert lead_columns(branches, reference) == kedonganan_lead(
        reference=reference,
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        name="Ni Kadek Sari",
        nik="5103014101900001",
        birth_date=date(1990, 1, 1),
        gender="P",
        phone="+6285712345678",
        monthly_income=None,
        officer_id=budi.id,
        assisted_by_officer_id=budi.id,
    )


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("gmn caranya", HOW),
        ("caranya gimana pak?", HOW),
        ("kodenya buat apa?", HOW),
        ("pekerja harus ngapain?", HOW),
        ("udah blm?", NOT_YET),
        ("dia udah setuju belum?", NOT_YET),
    ],
)
def test_a_question_while_the_code_waits_is_answered(
    branches: Services, typed: str, answer: str
) -> None:
    budi = linked_officer(branches).chat
    budi.type("daftarkan pekerja")
    code = _code(budi)
    run(budi, (q(typed, WAIT_Q, answer.format(code=code)),))
    state, data = budi.state()
    assert state == "assisting.agreed" and data["assisting"]["code"] == code
    assert budi.misses == [] and unanswered(branches) == 0


@pytest.mark.parametrize("typed", ["sdh masuk blm", "udah pak", "sudah setuju katanya"])
def test_a_yes_said_too_early_is_told_not_yet(branches: Services, typed: str) -> None:
    budi = linked_officer(branches).chat
    budi.type("daftarkan pekerja")
    code = _code(budi)
    run(budi, (Line(typed, f"Pekerja belum menyetujui. Pekerja mengirim SETUJU {code}"),))
    assert "ketik sudah" in budi.text() and "ketik kode baru" in budi.text()
    assert budi.state()[0] == "assisting.agreed"
    assert budi.misses == [] and unanswered(branches) == 0


def test_a_refusal_tells_the_officer_what_to_type_and_it_works(branches: Services) -> None:
    budi = linked_officer(branches).chat
    budi.type("daftarkan pekerja")
    code = _code(budi)
    worker = _agrees(branches, code, "tidak setuju")
    assert worker.misses == []
    said = run(
        budi,
        (
            Line("sudah", "Kalau pekerja berubah pikiran, ketik kode baru"),
            Line("kode baru", WAIT_Q),
        ),
    )
    assert "tekan Kode" not in said[0] and budi.state()[0] == "assisting.agreed"
    again = _code(budi)
    assert again != code
    _agrees(branches, again)
    run(budi, (Line("udah setuju", "nama lengkap pekerja sesuai KTP"),))
    assert budi.misses == [] and unanswered(branches) == 0 and budi.turns == 1 + 4
