"""More typed trials in voices the other persona tests do not have: a Madurese trader, a
mother registering her grown son (who agrees himself on her phone), someone who asks a
question at every step before answering it, someone who pastes all their data in one
message (or as lines, or before agreeing), someone who comes back with "td malem sampe mana",
and someone who mixes English and Indonesian. Each asserts its turns, that no step failed to understand it
(tests/conversations/driver.py) and every column of the lead stored.
"""

from __future__ import annotations

from datetime import date

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import NIK, NIK_WIFE, TYPED_BUDGET, finish


def test_a_madurese_trader_registers_in_his_own_words(branches: Services) -> None:
    chat = TypedChat(branches)
    started = texts(chat.type("kaule terro daftar bpjs tk, engkok toko klontong"))
    assert "persetujuan versi 2026-11" in started, "'terro' (Madurese: want) asks to register"
    play(chat, ["iyeh setuju", "nyama kaule Moh. Hasan", NIK, "iyeh leres", "0812 3456 7890"])
    asked = texts(chat.type("iyeh"))
    assert asked.startswith("Ketik nama desa atau kelurahan"), asked
    asked = texts(chat.type("dalung"))  # the work was kept from his first message
    assert asked.startswith("Berapa kira-kira penghasilan Anda sebulan?"), asked
    play(chat, ["ollena sabulan 3 juta", "jkk jkm beih", "sabulan", "enjek", "iyeh kirim"])
    assert chat.turns == 13 <= TYPED_BUDGET
    finish(chat, branches, name="Moh. Hasan", occupation="trader", monthly_income=3_000_000)


def test_a_mother_registers_her_grown_son_who_agrees_himself(branches: Services) -> None:
    chat = TypedChat(branches)
    asked = texts(chat.type("sy mau daftarin anak sy"))
    assert "Dia sendiri yang harus menyetujui" in asked, asked
    # He types on her phone: who is typing, then his own yes.
    named = texts(chat.type("ini anak saya yg ketik, saya setuju"))
    assert named.endswith("Ketik nama lengkap Anda sesuai KTP. Contoh: Ni Wayan Sari"), named
    play(chat, ["namanya Rudi Hartono", NIK, "iya betul", "hp anak sy 0812 3456 7890", "iya"])
    play(chat, ["dalung", "kerja di bengkel motor, montir", "sebulan 2,5 jt", "jkk jkm aja"])
    play(chat, ["bulanan", "tidak", "sudah benar, kirim"])
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Rudi Hartono",
        occupation="kerja di bengkel motor, montir",
        monthly_income=2_500_000,
    )


def test_someone_asks_at_every_step_before_answering_it(branches: Services) -> None:
    chat = TypedChat(branches)
    asked_and_answered = [
        ("data saya aman ga?", "ya setuju"),
        ("nama harus sesuai ktp?", "Dewi Lestari"),
        ("nik buat apa sih?", NIK_WIFE),
        (None, "ya"),
        ("harus nomor wa?", "085712345678"),
        (None, "ya"),
        ("kenapa perlu desa?", "dalung"),
        ("kalo kerjanya serabutan gimana?", "buruh cuci"),
        ("penghasilan ga tentu, gimana dong?", "sekitar 1 juta"),
        ("jht itu wajib?", "jkk jkm aja"),
        ("bisa bayar tahunan?", "bulanan aja"),
        ("pekerja rentan itu apa?", "ga"),
    ]
    chat.type("daftar bpjs tk bisa lewat sini?")
    chat.type("ok daftar")
    for question, answer in asked_and_answered:
        if question is not None:
            before = chat.state()[0]
            said = texts(chat.type(question))
            assert chat.state()[0] == before, f"{question!r} is answered, the step stays"
            assert "Maaf, saya belum bisa menjawab" not in said, said
        chat.type(answer)
    chat.type("kirim")
    questions = sum(q is not None for q, _ in asked_and_answered) + 1
    assert chat.turns == 25 and chat.turns - questions == 14 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Dewi Lestari",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        phone="+6285712345678",
        occupation="buruh cuci",
        monthly_income=1_000_000,
    )


PASTED = (
    "nama Siti Aminah nik 5103065704970003 lahir 17-04-1997 hp 0857 1234 5678 "
    "desa Dalung kec Kuta Utara jualan sayur 2jt sebulan"
)
SITI = {
    "name": "Siti Aminah",
    "nik": NIK_WIFE,
    "birth_date": date(1997, 4, 17),
    "gender": "P",
    "phone": "+6285712345678",
    "occupation": "trader",
}


def test_someone_pastes_all_her_data_in_one_message(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju"])
    noted = texts(chat.type(PASTED))
    assert noted.startswith(
        "Saya catat: NIK berakhiran 0003; nomor HP 085712345678; Pedagang; "
        "penghasilan Rp2.000.000 sebulan."
    ), noted
    assert noted.endswith("lahir 17 April 1997, perempuan. Benar?"), noted
    asked = texts(chat.type("iya"))  # the place is confirmed once, for regency and desa
    assert asked == "Apakah Anda tinggal di Dalung, Kuta Utara, Kab. Badung, Bali?", asked
    asked = texts(chat.type("iya"))
    assert asked.startswith("Program apa yang Anda pilih?"), asked
    play(chat, ["jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 9 <= TYPED_BUDGET  # 13 when only the name and income were kept
    finish(chat, branches, **SITI)


def test_someone_pastes_her_data_as_lines_from_a_note(branches: Services) -> None:
    """The KTP's labels as lines; an exact desa in the regency named is kept without asking,
    and an income per day is confirmed when its step comes."""
    chat = TypedChat(branches)
    play(chat, ["daftar", "iya setuju"])
    lines = (
        "Nama: Siti Aminah\nNIK: 5103 0657 0497 0003\nTTL: Denpasar, 17-04-1997\n"
        "No HP: 0857-1234-5678\nAlamat: Desa Dalung\nKec: Kuta Utara\nKab: Badung\n"
        "Pekerjaan: pedagang sayur\nPenghasilan: 100rb sehari"
    )
    chat.type(lines)
    asked = texts(chat.type("benar"))
    assert asked.startswith("Rata-rata sebulan sekitar Rp2.600.000?"), asked
    play(chat, ["iya", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 9 <= TYPED_BUDGET
    finish(chat, branches, **SITI, monthly_income=2_600_000)


def test_data_pasted_before_consent_is_not_kept(branches: Services) -> None:
    """UU PDP: nothing is recorded before the yes, not even in the chat's state."""
    chat = TypedChat(branches)
    chat.type("mau daftar")
    said = texts(chat.type(PASTED))
    assert said.startswith("Data yang Anda ketik belum saya simpan"), said
    state, data = chat.state()
    assert state == "registration.consent" and data["registration"] == {}, data
    play(chat, ["setuju", PASTED, "iya", "iya", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 10 <= TYPED_BUDGET
    finish(chat, branches, **SITI)


def test_a_pasted_birth_date_that_is_not_the_niks_is_pointed_out(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju"])
    asked = texts(chat.type(PASTED.replace("17-04-1997", "12-03-1980")))
    assert asked.endswith(
        "Anda mengetik tanggal lahir 12 Maret 1980, tetapi menurut NIK ini 17 April 1997. "
        "Mohon periksa NIK-nya."
    ), asked


def test_a_pasted_desa_spelled_wrong_is_confirmed_and_a_wrong_nik_asked_again(
    branches: Services,
) -> None:
    """Never a guess saved: a near desa is asked about even with its regency named, and a
    NIK that is not one (15 digits) is not kept; its step asks for it."""
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju"])
    pasted = "nama Siti Aminah nik 510306570497000 hp 0857 1234 5678 desa Dalng kab Badung"
    asked = texts(chat.type(pasted))
    assert asked.endswith("Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"), asked
    assert "NIK berakhiran" not in asked, asked
    play(chat, [NIK_WIFE])
    asked = texts(chat.type("iya"))
    assert asked == "Apakah Anda tinggal di Dalung, Kuta Utara, Kab. Badung, Bali?", asked
    play(chat, ["iya", "jualan sayur", "2 juta", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 12 <= TYPED_BUDGET
    finish(chat, branches, **SITI)


def test_someone_comes_back_asking_where_they_stopped(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "Budi Santoso", NIK, "iya"])
    chat.type("menu")  # called away for the night
    back = texts(chat.type("td malem sampe mana"))
    assert back.endswith(
        "Ketik nomor HP Anda (WhatsApp atau SMS) untuk dihubungi kantor cabang. "
        "Contoh: 081234567890"
    ), back
    play(chat, ["0812 3456 7890", "iya", "dalung", "ojol", "2 juta", "jkk jkm", "bulanan"])
    play(chat, ["ga", "kirim"])
    assert chat.turns == 16 <= TYPED_BUDGET
    finish(chat, branches)


def test_someone_mixes_english_and_indonesian(branches: Services) -> None:
    chat = TypedChat(branches)
    started = texts(chat.type("hi, I want to daftar bpjs tk dong"))
    assert "persetujuan versi 2026-11" in started, started
    play(chat, ["ok agree", "my name is Kevin Wijaya", NIK, "yes correct", "0812 3456 7890"])
    play(chat, ["yes", "dalung", "freelance designer", "around 4 juta per month"])
    play(chat, ["jkk jkm only", "monthly", "no", "all correct, submit"])
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Kevin Wijaya",
        occupation="freelance designer",
        monthly_income=4_000_000,
    )
