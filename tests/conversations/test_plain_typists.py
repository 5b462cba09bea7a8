"""People who only type, in voices the other persona tests lack: a relative asked about before
registering, a relative's facts told in the request, data pasted after "lanjut" the next day,
a formal clerk's letter, an answer asked back at the consent, a day rate, an age corrected at
the summary. Each asserts its turns, that no step failed to understand it
(tests/conversations/driver.py), and every column of the lead stored.
"""

from __future__ import annotations

from datetime import date

from bot.config import Settings
from bot.services import Services
from tests.conftest import FIXED_NOW, texts
from tests.conversations.driver import TypedChat
from tests.conversations.test_registration_personas import TYPED_BUDGET, finish, play

NIK_SON = "5103061508010001"  # Kab. Badung, born 15-08-2001 (25 on 21 November 2026), male
NIK_MOTHER = "5103065704740003"  # Kab. Badung, born 17-04-1974 (52), female


def test_a_father_asks_whether_his_son_may_join_then_registers_him(branches: Services) -> None:
    """The question is answered for the son (his age and work), then his registration offered;
    the work is kept and his age is checked against his NIK, not asked."""
    chat = TypedChat(branches)
    said = texts(chat.type("anak saya kerja bengkel umur 25, bisa ikut?"))
    assert said.startswith(
        "Bisa, dia bisa ikut. Umur 25 masih di bawah 65 tahun, batas usia pendaftaran pertama. "
        "Kalau bekerja sendiri (bengkel), dia ikut sebagai pekerja mandiri (BPU)"
    ), said
    assert said.endswith("Daftarkan dia sekarang?"), said
    asked = texts(chat.type("iya daftarin"))
    assert asked.startswith("Baik. Siapkan KTP anggota keluarga"), asked
    play(chat, ["setuju", "Rudi Hartono"])
    asked = texts(chat.type(NIK_SON))
    assert asked == "Menurut NIK Anda: Kab. Badung, Bali, lahir 15 Agustus 2001, laki-laki. Benar?"
    play(chat, ["iya", "081234567890", "ya"])
    asked = texts(chat.type("dalung"))
    assert asked.startswith("Berapa kira-kira penghasilan Anda sebulan?"), asked  # not the work
    play(chat, ["2 juta", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 14 <= TYPED_BUDGET  # 15 after the FAQ's answer, naming the work again
    finish(
        chat,
        branches,
        name="Rudi Hartono",
        nik=NIK_SON,
        birth_date=date(2001, 8, 15),
        occupation="bengkel",
    )


def test_a_relatives_age_work_income_and_place_told_are_not_asked_again(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    chat.type(
        "daftarin ibu saya, umurnya 52, jualan sayur di desa dalung, "
        "penghasilan sekitar 2 juta sebulan"
    )
    play(chat, ["setuju", "Sumiati"])
    asked = texts(chat.type(NIK_MOTHER))
    assert "umur" not in asked, "52 is the NIK's age: nothing to point out"
    chat.type("iya")
    asked = texts(chat.type("081234567890"))
    assert asked == "Apakah Anda tinggal di Dalung, Kuta Utara, Kab. Badung, Bali?", asked
    asked = texts(chat.type("iya"))
    assert asked.startswith("Program apa yang Anda pilih?"), asked  # work and income kept
    play(chat, ["jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 11 <= TYPED_BUDGET  # 13 when the income and the place were asked
    finish(
        chat,
        branches,
        name="Sumiati",
        nik=NIK_MOTHER,
        birth_date=date(1974, 4, 17),
        gender="P",
        occupation="trader",
    )


def test_an_age_told_that_is_not_the_niks_is_pointed_out(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["sy mau daftarin ibu sy, umurnya 52, jualan sayur", "setuju", "Sumiati"])
    asked = texts(chat.type("5103065704970003"))  # born 1997: 29
    assert asked.endswith(
        "Tadi disebutkan umurnya 52, tetapi menurut NIK ini 29. Mohon periksa NIK-nya."
    ), asked


def test_data_pasted_after_lanjut_the_next_day_is_not_asked_again(
    branches: Services, settings: Settings
) -> None:
    """The NIK and the number pasted with only a space between them: the NIK step's own
    parser cannot read that whole, the paste reader can, and the NIK is not asked again."""
    from bot.services import build_services

    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Budi Santoso"])
    branches.close()  # the process stops; the next day a new one serves the same database
    restarted = build_services(settings, clock=lambda: FIXED_NOW)
    try:
        again = TypedChat(restarted, turns=chat.turns)
        again.type("lanjut")
        asked = texts(again.type("5103 0615 0895 0001 081234567890 desa dalung"))
        assert asked.startswith("Saya catat: NIK berakhiran 0001; nomor HP 081234567890."), asked
        assert asked.endswith("lahir 15 Agustus 1995, laki-laki. Benar?"), asked
        asked = texts(again.type("iya"))
        assert asked == "Apakah Anda tinggal di Dalung, Kuta Utara, Kab. Badung, Bali?", asked
        play(again, ["iya", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
        assert again.turns == 13 <= TYPED_BUDGET
        finish(again, restarted)
    finally:
        restarted.close()
