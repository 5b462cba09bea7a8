"""Voices the other persona tests lack: an English speaker typing whole sentences, the status
asked in slang after registering, the data's erasure asked in slang, and two messages sent at
once in the middle of the form. Each asserts its turns, that nothing was misread
(tests/conversations/driver.py), and what was stored.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from bot.services import Services
from bot.storage.models import Lead
from tests.conftest import texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import NIK_WIFE, TYPED_BUDGET, finish

REGISTER = [
    "mau daftar", "setuju", "Budi Santoso", "5103061508950001", "iya", "081234567890", "iya",
    "dalung", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim",
]  # fmt: skip


def test_an_english_speaker_registers_in_sentences(branches: Services) -> None:
    """ "I sell vegetables at the market" is a trader (was kept as the words typed)."""
    chat = TypedChat(branches, language="en")
    lines = [
        "hi, I want to register for BPJS",
        "ok I agree",
        "my name is Ni Luh Putu Sari",
        NIK_WIFE,
        "yes that's right",
        "my number is 0812 3456 7890",
        "yes",
        "I live in Dalung village",
        "I sell vegetables at the market",
        "around 1.5 million a month",
        "just JKK and JKM",
        "every month",
        "no thanks",
    ]
    play(chat, lines)
    assert "Work: Trader\n" in chat.text()
    chat.type("looks good, send it")
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Ni Luh Putu Sari",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        occupation="trader",
        monthly_income=1_500_000,
    )


def test_the_status_asked_in_slang_then_the_data_erased_in_slang(branches: Services) -> None:
    """ "hapus aja data gw" drew the FAQ's entry on closing a JMO account."""
    chat = TypedChat(branches)
    play(chat, REGISTER)
    reference = chat.text().split("Nomor pendaftaran Anda: ")[1][:13]
    said = texts(chat.type("ga"))  # to registering a family member too
    assert said.startswith("Baik. Ketik cek status kapan saja untuk melihat sampai mana"), said
    for asked in ("status pendaftaran saya gimana?", "udh diproses blm?", "kapan dihubungi?"):
        said = texts(chat.type(asked))
        assert said.startswith(f"Pendaftaran {reference}: Baru."), said
    said = texts(chat.type("hapus aja data gw"))
    assert said.startswith("Hapus semua data Anda?"), said
    said = texts(chat.type("iya hapus"))
    assert said.startswith("Selesai. Saya sudah menghapus 1 pendaftaran"), said
    with branches.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Lead)) == 0
    assert chat.misses == []


def test_two_messages_sent_at_once_in_the_middle_of_the_form(branches: Services) -> None:
    """The second of two messages reaches the next step: a yes said twice, the kecamatan after
    the desa ("Pekerjaan: kec kuta utara" was stored), the work said again in other words."""
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Budi Santoso", "5103061508950001", "bener"])
    asked = texts(chat.type("benar"))
    assert asked.startswith("Ketik nomor HP Anda"), asked
    play(chat, ["081234567890", "iya", "dalung"])
    asked = texts(chat.type("kec kuta utara"))
    assert asked.startswith("Saya catat: Dalung, Kuta Utara, Kab. Badung, Bali.\nApa pekerjaan"), (
        asked
    )
    chat.type("ojol")
    asked = texts(chat.type("ojek online"))
    assert asked == "Berapa kira-kira penghasilan Anda sebulan? Contoh: 2 juta", asked
    play(chat, ["2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 17 and chat.turns - 3 <= TYPED_BUDGET  # 3 sent twice
    finish(chat, branches)


def test_a_nik_sent_with_daftar_at_once_is_not_kept_before_the_consent(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    chat.type("mau daftar")
    said = texts(chat.type("5103061508950001"))  # was "Maaf, saya kurang menangkap jawabannya."
    assert said.startswith("Data yang Anda ketik belum saya simpan"), said
    assert "5103061508950001" not in str(chat.state()[1])
    play(chat, ["setuju", "Budi Santoso", "5103061508950001", "iya", "081234567890", "iya"])
    play(chat, ["dalung", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches)
