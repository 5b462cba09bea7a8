"""People who only type, in voices the other persona tests lack: a relative asked about before
registering, a relative's facts told in the request, data pasted after "lanjut" the next day,
a formal clerk's letter, an answer asked back at the consent, a day rate, an age corrected at
the summary. Each asserts its turns, that no step failed to understand it
(tests/conversations/driver.py), and every column of the lead stored.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.config import Settings
from bot.services import Services
from tests.conftest import FIXED_NOW, texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import TYPED_BUDGET, consented_worker, finish, finish_for_worker

NIK_SON = "5103061508010001"  # Kab. Badung, born 15-08-2001 (25 on 21 November 2026), male
NIK_MOTHER = "5103065704740003"  # Kab. Badung, born 17-04-1974 (52), female


def test_a_father_asks_whether_his_son_may_join_then_registers_him(branches: Services) -> None:
    """The question is answered for the son (his age and work), then his registration offered;
    the work is kept and his age is checked against his NIK, not asked."""
    chat = TypedChat(branches)
    replies = chat.type("anak saya kerja bengkel umur 25, bisa ikut?")
    case = replies[-1].text
    # The FAQ's own reading of it comes first only when it states the rule the son is judged
    # by (intent.states_the_rule_for); no other entry's answer is shown.
    shown = texts(replies)
    assert "Setiap anggota keluarga" not in shown, "not the general one on relatives"
    assert "easiswa" not in shown, "not the scholarship a working child loses"
    assert case.startswith(
        "Bisa, dia bisa ikut. Umur 25 masih di bawah 65 tahun, batas usia pendaftaran pertama. "
        "Kalau bekerja sendiri (bengkel), dia ikut sebagai pekerja mandiri (BPU)"
    ), case
    assert case.endswith("Daftarkan dia sekarang?"), case
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


def test_a_formal_clerk_registers_herself_in_letter_sentences(branches: Services) -> None:
    """Every answer a whole sentence of a letter: the consent given "menyetujui penggunaan
    data", the summary sent with "mohon diproses"."""
    chat = TypedChat(branches)
    lines = [
        "Dengan hormat, saya bermaksud mendaftarkan diri sebagai peserta BPJS Ketenagakerjaan.",
        "Saya menyetujui penggunaan data tersebut.",
        "Nama saya Siti Rahmawati",
        "Nomor Induk Kependudukan saya 5103065704970003",
        "Data tersebut benar.",
        "Nomor telepon yang dapat dihubungi 0812-3456-7890",
        "Benar, saya berdomisili di Kabupaten Badung.",
        "Saya berdomisili di Desa Dalung, Kecamatan Kuta Utara",
        "Pekerjaan saya adalah penjahit rumahan",
        "Penghasilan rata-rata Rp2.500.000 per bulan",
        "Saya memilih program JKK, JKM, dan JHT",
        "Saya akan membayar setiap bulan",
        "Tidak, terima kasih",
    ]
    play(chat, lines)
    assert "Penghasilan sebulan: Rp2.500.000" in chat.text()
    chat.type("Data sudah sesuai, mohon diproses.")
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Siti Rahmawati",
        nik="5103065704970003",
        birth_date=date(1997, 4, 17),
        gender="P",
        occupation="penjahit rumahan",
        monthly_income=2_500_000,
        programs=["jkk", "jkm", "jht"],
    )


def test_a_cautious_builder_asks_about_his_data_and_corrects_his_age(branches: Services) -> None:
    """Questions about the data at the consent get the consent's own answer (where the data
    goes), not the FAQ's; a day rate is confirmed as a month's; "eh umur saya salah, 43" at the
    summary is told the age is the NIK's, and the NIK asked again."""
    chat = TypedChat(branches)
    chat.type("mau daftar")
    for question in ("datanya buat apa?", "siapa aja yg bisa liat data sy?"):
        said = texts(chat.type(question))
        assert said.startswith("Data Anda hanya untuk kantor cabang BPJS Ketenagakerjaan"), said
    said = texts(chat.type("kalo ga setuju gimana?"))
    assert said.startswith("Tanpa persetujuan Anda, saya tidak bisa mencatat"), said
    play(chat, ["ok setuju", "Wayan Sudirta", "5103061508950001", "y", "081234567890", "y"])
    play(chat, ["dalung", "kuli bangunan"])
    asked = texts(chat.type("sehari 80 rb"))
    assert asked.startswith("Rata-rata sebulan sekitar Rp2.080.000?"), asked
    play(chat, ["y", "jkk jkm", "bulanan", "ga"])
    said = texts(chat.type("eh umur saya salah, 43"))
    assert said.startswith(
        "Umur, tanggal lahir, dan jenis kelamin dibaca dari NIK: menurut NIK yang diketik, "
        "lahir 15 Agustus 1995 (31 tahun)."
    ), said
    assert said.endswith("lahir 15 Agustus 1995, laki-laki. Benar?"), said  # not all 16 digits
    play(chat, ["iya bener", "kirim"])
    assert chat.turns == 20 and chat.turns - 3 == 17 <= TYPED_BUDGET  # 3 questions
    finish(
        chat,
        branches,
        name="Wayan Sudirta",
        occupation="kuli bangunan",
        monthly_income=2_080_000,
    )


def test_an_officer_pastes_the_workers_data_as_lines(branches: Services) -> None:
    """The worker's KTP data pasted in one message in the officer's form: the place is asked
    about the worker ("Apakah pekerja tinggal …"), not as if the officer lived there."""
    budi, worker = consented_worker(branches)
    before = budi.chat.turns
    budi.chat.type("isi data pekerja")
    pasted = (
        "Nama: I Made Suarta\nNIK: 5103 0115 0895 0003\nHP: 0857 1234 5678\n"
        "Desa: Kerobokan Kaja\nPekerjaan: tukang bangunan\nPenghasilan: 100rb sehari"
    )
    asked = texts(budi.chat.type(pasted))
    assert asked.startswith("Saya catat: NIK berakhiran 0003; nomor HP 085712345678;"), asked
    asked = texts(budi.chat.type("bener"))
    assert asked == "Apakah pekerja tinggal di Kerobokan Kaja, Kuta Utara, Kab. Badung, Bali?"
    asked = texts(budi.chat.type("ya"))
    assert asked.startswith("Rata-rata sebulan sekitar Rp2.600.000?"), asked
    play(budi.chat, ["iya", "jkk jkm aja", "tiap bulan", "dia ga mau"])
    said = texts(budi.chat.type("eh penghasilannya salah, 2 juta sebulan"))
    assert "Penghasilan sebulan: Rp2.000.000" in said, said
    budi.chat.type("kirim")
    assert budi.chat.turns - before == 10 <= TYPED_BUDGET
    finish_for_worker(
        branches,
        budi.chat,
        budi.id,
        worker=worker,
        occupation="tukang bangunan",
    )


@pytest.mark.parametrize(
    "question",
    [
        "ibu saya jualan sayur umur 52, bisa didaftarkan?",
        "kalau adik saya ojol 20 thn bs ikut ga?",
        "suami saya nelayan umur 40 bisa ikut bpjs tk gak?",  # "gak" is a tag, not a no
    ],
)
def test_a_relatives_joining_asked_in_other_words_is_answered_and_offered(
    branches: Services, question: str
) -> None:
    chat = TypedChat(branches)
    case = chat.type(question)[-1].text
    assert case.startswith("Bisa, dia bisa ikut. Umur "), case
    said = texts(chat.type("nanti aja"))
    assert said.startswith("Baik. Ketik daftar kapan saja untuk mendaftarkannya."), said
    assert chat.misses == []


def test_a_porter_types_his_days_takings_as_sometimes_this_sometimes_that(
    branches: Services,
) -> None:
    """ "sehari kadang 50 kadang 100rb" is a day's range (was read as Rp100.000 a month)."""
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "Budi Santoso", "5103061508950001", "y", "081234567890"])
    play(chat, ["y", "dalung", "kuli panggul di pasar"])
    asked = texts(chat.type("sehari kadang 50 kadang 100rb"))
    assert asked.startswith("Rata-rata sebulan sekitar Rp1.950.000?"), asked
    play(chat, ["iya", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches, occupation="day_labourer", monthly_income=1_950_000)


def test_an_officer_answers_in_the_third_person(branches: Services) -> None:
    """ "dia tinggal di desa kerobkan kaja" is the desa (confirmed: misspelt); the work typed
    instead of the yes is kept and the confirmation still waits."""
    budi, worker = consented_worker(branches)
    before = budi.chat.turns
    play(budi.chat, ["isi data pekerja", "namanya I Made Suarta", "nik nya 5103 0115 0895 0003"])
    play(budi.chat, ["iya sesuai", "nomor hp dia 0857 1234 5678", "iya dia tinggal di badung"])
    asked = texts(budi.chat.type("dia tinggal di desa kerobkan kaja"))
    assert asked == "Maksud Anda Kerobokan Kaja, Kuta Utara, Kab. Badung, Bali?", asked
    asked = texts(budi.chat.type("kerjanya serabutan, kadang kuli kadang ngojek"))
    assert asked == (
        "Saya catat: Kuli.\nMaksud Anda Kerobokan Kaja, Kuta Utara, Kab. Badung, Bali?"
    ), asked
    play(budi.chat, ["iya", "penghasilannya ga nentu, kira2 1,5 jt", "dia mau jkk jkm aja"])
    play(budi.chat, ["dia bayar tiap 3 bulan", "dia mau ikut program desa kalau ada", "kirim"])
    assert budi.chat.turns - before == 14 <= TYPED_BUDGET
    finish_for_worker(
        branches,
        budi.chat,
        budi.id,
        worker=worker,
        occupation="day_labourer",
        monthly_income=1_500_000,
        payment_period=3,
        sponsored_interest=True,
    )


def test_a_son_typing_his_fathers_desa_in_the_third_person(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["saya mau daftarin bapak saya", "setuju", "Ketut Suparta", NIK_SON, "iya"])
    play(chat, ["081234567890", "iya"])
    asked = texts(chat.type("beliau tinggal di desa kerobokan kaja"))
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked  # the exact desa, not asked
    assert chat.state()[1]["registration"]["village"] == "51.03.06.1003"


def test_the_next_day_yes_to_continue_then_the_data_typed(branches: Services) -> None:
    """ "iya" to "Lanjutkan dari yang terakhir?" continues (was not understood); data typed at
    the menu goes to the step it answers (was answered as a question, the NIK kept as an
    unanswered one)."""
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Budi Santoso", "menu"])
    back = texts(chat.type("halo"))
    assert back.endswith("Lanjutkan dari yang terakhir?"), back
    asked = texts(chat.type("iya"))
    assert asked.endswith("Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"), asked
    chat.type("menu")  # called away again; then types his data at the menu
    asked = texts(chat.type("nik 5103 0615 0895 0001 hp 0812 3456 7890"))
    assert asked.startswith("Saya catat: nomor HP 081234567890."), asked
    assert asked.endswith("lahir 15 Agustus 1995, laki-laki. Benar?"), asked
    play(chat, ["iya", "iya", "dalung", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 17 <= TYPED_BUDGET
    finish(chat, branches)


def test_a_nik_typed_at_the_menu_goes_to_the_form_left_there(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Budi Santoso", "menu"])
    asked = texts(chat.type("5103061508950001"))
    assert asked == "Menurut NIK Anda: Kab. Badung, Bali, lahir 15 Agustus 1995, laki-laki. Benar?"
    assert chat.misses == []


def test_how_a_relatives_registration_goes_asked_at_the_offer(branches: Services) -> None:
    chat = TypedChat(branches)
    chat.type("min, istri saya jualan online umur 30 bisa ikut bpjs tk?")
    said = texts(chat.type("gimana caranya?"))
    assert said == (
        "Ketik ya, lalu datanya saya tanyakan di sini satu per satu: nama, NIK, nomor HP, desa, "
        "pekerjaan, dan penghasilan. Dia sendiri yang membaca dan menyetujui penggunaan datanya, "
        "jadi siapkan KTP-nya.\nDaftarkan dia sekarang? Ketik ya atau tidak."
    ), said
    said = texts(chat.type("oke"))
    assert said.startswith("Baik. Siapkan KTP anggota keluarga"), said
    assert chat.misses == []
