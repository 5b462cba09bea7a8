"""Whole typed conversations in the voices that failed before: each asserts its turns, that no
step failed to understand it (tests/conversations/driver.py), and every column of the lead.

Registration, then the status asked in one's own words; the later answers typed early (the
income with the desa) are kept, never asked again blind.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from bot.services import Services
from bot.storage.models import Lead
from tests.conftest import texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import NIK, NIK_WIFE, REFERENCE, TYPED_BUDGET, finish

STATUS = re.compile(r"^Pendaftaran JMS-\w{4}-\w{4}: Baru\.\nKantor cabang sudah menerima")


def _status(chat: TypedChat, question: str) -> None:
    """The registration's own status, not how to register, for `question` typed after it."""
    answer = texts(chat.type(question))
    assert STATUS.match(answer), answer
    assert answer.split(":")[0].removeprefix("Pendaftaran ") == REFERENCE.findall(answer)[0]


def test_oke_deh_at_the_name_step_then_the_status_in_own_words(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar bpjs tk", "iya setuju"])
    asked = texts(chat.type("oke deh"))  # he acknowledges "ketik batal kapan saja"
    assert asked == "Ketik nama lengkap Anda sesuai KTP. Contoh: Ni Wayan Sari"
    assert "name" not in chat.state()[1]["registration"], "never saved as a name"
    play(chat, ["Budi Santoso", NIK, "ya", "081234567890", "ya", "dalung"])
    play(chat, ["ojol", "2jt", "jkk jkm", "bulanan", "ga", "udh bener kirim aja"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches)
    for question in (
        "pendaftaran saya gimana kabarnya",
        "udah sampe mana daftar saya",
        "status pendaftaran sy gmn",
    ):
        _status(chat, question)
    assert chat.misses == []


def test_the_income_typed_with_the_desa_is_kept_and_not_asked(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "Budi Santoso", NIK, "ya", "081234567890", "ya"])
    noted = texts(chat.type("desa dalung, penghasilan sebulan 2jt"))
    assert noted.startswith("Saya catat: penghasilan Rp2.000.000 sebulan.\nApa pekerjaan utama")
    chat.type("ojol")
    assert chat.state()[0] == "registration.programs", "the income is not asked again"
    play(chat, ["jkk jkm", "tiap bulan", "ga", "kirim"])
    assert chat.turns == 13
    finish(chat, branches)


def test_ojol_slang_with_a_day_rate_typed_with_the_desa(branches: Services) -> None:
    chat = TypedChat(branches)
    play(
        chat,
        [
            "bang gw ojol mau ikut bpjs tk dong",
            "y",
            "nama gw dedi kurniawan",
            "nik 5103 0615 0895 0001",
            "bnr",
            "hp gw 0812 3456 7890",
            "iy",
        ],
    )
    # "bang" addresses the reader: Dalung is taken (audit 14); the day rate comes back at its
    # own step, as a month
    confirmed = texts(chat.type("dalung bang, narik sehari dpt 150rb lah"))
    assert confirmed == "Rata-rata sebulan sekitar Rp3.900.000? (Ya / ketik angka lain)"
    play(chat, ["iya", "jkk jkm aj", "sebulan sekali", "ga usah", "udh bener kirim aja"])
    assert chat.turns == 13
    finish(chat, branches, name="Dedi Kurniawan", monthly_income=3_900_000)
    _status(chat, "daftar gw udh nyampe mana bang")


def test_a_formal_clerk_writes_desa_kecamatan_and_income_in_one_letter(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    play(
        chat,
        [
            "Selamat pagi. Saya ingin mendaftarkan diri sebagai peserta BPJS Ketenagakerjaan.",
            "Ya, saya menyetujui.",
            "Baik.",
            "Nama lengkap saya Ni Luh Putu Ayu Lestari",
            NIK_WIFE,
            "Benar.",
            "Nomor telepon saya 0812-3456-7890.",
            "Benar, saya berdomisili di Kabupaten Badung.",
            "Desa Dalung, Kecamatan Kuta Utara. Penghasilan saya kurang lebih Rp3.000.000 "
            "per bulan.",
            "Saya bekerja sebagai pedagang.",
            "JKK, JKM, dan JHT.",
            "Setiap tiga bulan.",
            "Tidak, saya membayar sendiri.",
            "Data sudah benar, silakan dikirim.",
        ],
    )
    assert chat.turns == 14
    finish(
        chat,
        branches,
        name="Ni Luh Putu Ayu Lestari",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        occupation="trader",
        monthly_income=3_000_000,
        programs=["jkk", "jkm", "jht"],
        payment_period=3,
    )
    _status(chat, "Mohon informasi bagaimana status pendaftaran saya.")


def test_a_fisher_answers_questions_with_questions(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "emang datanya buat apa?", "iya setuju", "Wayan Sudarma"])
    play(chat, ["NIK harus yang di KTP ya?", NIK, "iya", "nomornya yg wa aja ya? 081234567890"])
    play(chat, ["ya", "dalung"])
    asked = texts(chat.type("nelayan, kalo musim bagus bisa 4 juta, rata2 2 juta"))
    assert asked == "Rata-rata sebulan sekitar Rp2.000.000? (Ya / ketik angka lain)"
    play(chat, ["iya", "jht itu wajib gak?", "jkk jkm aja", "tiap bulan", "iya mau", "kirim"])
    assert chat.turns == 17
    finish(
        chat,
        branches,
        name="Wayan Sudarma",
        occupation="farmer_fisher",
        sponsored_interest=True,
    )
    _status(chat, "pendaftaran saya gimana kabarnya")


def test_a_son_registers_his_father_who_consents_himself(branches: Services) -> None:
    chat = TypedChat(branches)
    intro = texts(chat.type("saya mau daftarin bapak saya"))
    assert intro.startswith("Baik. Siapkan KTP anggota keluarga"), intro
    play(chat, ["setuju", "Ketut Suparta", NIK, "iya benar", "081234567890", "ya", "dalung"])
    play(chat, ["petani", "2 juta sebulan", "jkk jkm", "bulanan", "iya", "kirim"])
    assert chat.turns == 14
    finish(
        chat, branches, name="Ketut Suparta", occupation="farmer_fisher", sponsored_interest=True
    )


@pytest.mark.parametrize("greeting", ["", "assalamualaikum, "])
def test_a_father_registers_his_son_telling_his_age_and_work(
    branches: Services, greeting: str
) -> None:
    # The age ("25 th") once read as a question on the minimum age; the work is kept.
    chat = TypedChat(branches)
    intro = texts(chat.type(greeting + "sy mau daftarin anak sy, dia udah 25 th kerja bengkel"))
    assert intro.startswith("Baik. Siapkan KTP anggota keluarga"), intro
    play(chat, ["setuju", "Ketut Suparta", NIK, "iya benar", "081234567890", "ya"])
    asked = texts(chat.type("dalung"))
    assert asked == "Berapa kira-kira penghasilan Anda sebulan? Contoh: 2 juta"  # not the work
    play(chat, ["2 juta sebulan", "jkk jkm", "bulanan", "iya", "kirim"])
    assert chat.turns == 13
    finish(chat, branches, name="Ketut Suparta", occupation="bengkel", sponsored_interest=True)


@pytest.mark.parametrize(
    ("message", "answer"),
    [
        ("sy mau daftarin ibu sy, dia ga punya hp", "Bisa. Tanpa ponsel pintar"),
        ("sy mau daftarin bapak sy, umurnya 70", "Pekerja mandiri (BPU) yang mendaftar pertama"),
        ("sy mau daftarin anak sy, dia karyawan pabrik", "PU (Penerima Upah) adalah pekerja"),
    ],
)
def test_a_relatives_problem_is_answered_before_any_registration(
    branches: Services, message: str, answer: str
) -> None:
    chat = TypedChat(branches)
    said = texts(chat.type(message))
    assert said.startswith(answer), said
    assert chat.state()[0] != "registration.consent"


def test_emoji_and_sticker_like_replies(branches: Services) -> None:
    chat = TypedChat(branches)
    assert "Apa yang ingin Anda lakukan?" in texts(chat.type("👋")), "a wave greets"
    play(chat, ["daftar 🙏", "👍", "oke deh 😊", "Siti Aminah 🙏", NIK_WIFE, "✅"])
    play(chat, ["081234567890 📱", "👌", "dalung 🏠", "jualan 🍜 di warung", "2jt/bln"])
    play(chat, ["jkk jkm 👍", "tiap bulan", "ga 🙅", "kirim ✅"])
    assert chat.turns == 16
    finish(
        chat,
        branches,
        name="Siti Aminah",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        occupation="trader",
    )


@pytest.mark.parametrize("opening", ["mau daftar. ", "Saya mau daftar bpjs tk. "])
def test_a_5000_character_story_that_opens_with_mau_daftar(
    branches: Services, opening: str
) -> None:
    story = "saya kerja jadi ojol sudah lama, penghasilan tidak menentu, kadang sepi kadang ramai. "
    chat = TypedChat(branches)
    chat.type((opening + story * 60)[:5000])
    assert chat.state()[0] == "registration.consent"
    play(chat, ["setuju", "Budi Santoso", NIK, "ya", "081234567890", "ya", "dalung"])
    play(chat, ["2jt", "jkk jkm", "tiap bulan", "ga", "kirim"])  # the ojol was told already
    assert chat.turns == 13
    finish(chat, branches)


def test_a_farmer_asks_in_a_letter_then_registers(branches: Services) -> None:
    chat = TypedChat(branches)
    started = texts(
        chat.type(
            "Selamat siang. Saya seorang petani berusia 57 tahun. "
            "Apakah saya dapat menjadi peserta?"
        )
    )
    assert started.startswith("Baik, saya cekkan. Saya catat: Petani, usia 57."), started
    play(chat, ["Warga negara Indonesia.", "Belum pernah."])
    answer = texts(chat.type("Penghasilan saya kurang lebih Rp1.500.000 per bulan."))
    assert answer.startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU).")
    play(chat, ["daftar", "setuju", "Made Sukarta", NIK, "benar", "081234567890", "ya"])
    play(chat, ["dalung", "bulanan", "iya", "kirim"])  # work, income, programs: from the check
    assert chat.turns == 15
    finish(
        chat,
        branches,
        name="Made Sukarta",
        occupation="farmer_fisher",
        monthly_income=1_500_000,
        sponsored_interest=True,
    )


def test_the_menu_item_typed_starts_the_check(branches: Services) -> None:
    chat = TypedChat(branches)
    asked = texts(chat.type("cek syarat"))
    assert "Apa pekerjaan Anda? Pilih, atau ketik. Contoh: petani" in asked
    play(chat, ["nelayan", "45", "wni", "blm pernah"])
    answer = texts(chat.type("2jt sebulan"))
    assert "Iuran bulan ini, untuk penghasilan Rp2.000.000:" in answer
    assert chat.turns == 6 and chat.misses == []


def test_a_day_rate_typed_with_the_age_is_confirmed_at_the_income_step(
    branches: Services,
) -> None:
    """His price asked, the income comes first: the month is confirmed, then its cost said."""
    chat = TypedChat(branches)
    started = texts(chat.type("sy ojol brp iurannya"))  # his own cost: the check starts
    assert started.startswith("Baik, saya cekkan. Saya catat: Ojol.")
    asked = texts(chat.type("umur 30, sehari dpt 150rb"))
    assert asked == (
        "Saya catat: usia 30.\nRata-rata sebulan sekitar Rp3.900.000? (Ya / ketik angka lain)"
    ), asked
    said = texts(chat.type("iya"))
    assert said.startswith("Iuran bulan ini, untuk penghasilan Rp3.900.000:"), said
    assert "Usia hanya" not in said and "Apakah Anda warga negara Indonesia?" in said, said
    play(chat, ["wni"])
    answer = texts(chat.type("blm"))
    assert "Iuran bulan ini, untuk penghasilan Rp3.900.000:" in answer
    assert chat.turns == 5 and chat.misses == []
    check = chat.state()[1]["eligibility"]
    assert (check["age"], check["monthly_income"], check["occupation"]) == (
        30,
        "3900000",
        "transport",
    )


@pytest.mark.parametrize("desa", ["Kel. Dalung", "Ds. Dalung", "Dalung, Kec. Kuta Utara"])
def test_an_abbreviation_dot_in_the_desa_is_no_sentence_end(branches: Services, desa: str) -> None:
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Budi Santoso", NIK, "ya", "081234567890", "ya", desa])
    assert chat.state()[0] == "registration.occupation"
    play(chat, ["ojol", "2jt", "jkk jkm", "tiap bulan", "ga", "kirim"])
    assert chat.turns == 14
    finish(chat, branches)


@pytest.mark.parametrize(
    ("typed", "noted", "stored"),
    [
        ("wni", "Warga negara Indonesia (WNI)", "wni"),
        ("sy wni umur 40", "Warga negara Indonesia (WNI)", "wni"),  # the age: its own step
    ],
)
def test_the_citizenship_typed_at_the_age_step_is_kept(
    branches: Services, typed: str, noted: str, stored: str
) -> None:
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "petani"])
    said = texts(chat.type(typed))
    assert said.startswith(f"Saya catat: {noted}."), said
    if "40" not in typed:
        play(chat, ["40"])
    asked = texts(chat.last).splitlines()[-1]
    assert asked == "Apakah Anda sudah menjadi peserta BPJS Ketenagakerjaan? Contoh: belum"
    answer = texts(chat.type("blm"))
    assert (
        answer == "Kira-kira berapa rata-rata penghasilan Anda sebulan? Contoh: 2 juta atau 1,5 jt"
    )
    assert "Iuran bulan ini, untuk penghasilan Rp2.000.000:" in texts(chat.type("2jt"))
    assert chat.misses == []
    assert chat.turns == (5 if "40" in typed else 6)
    check = chat.state()[1]["eligibility"]
    assert (check["citizenship"], check["age"], check["occupation"]) == (
        stored,
        40,
        "farmer_fisher",
    )


def test_bukan_at_the_age_step_is_no_foreigner(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "petani"])
    chat.type("bukan, umur saya 40")
    assert chat.state()[0] == "eligibility.citizenship", "the citizenship is still asked"
    assert "citizenship" not in chat.state()[1]["eligibility"]


@pytest.mark.parametrize(
    "typed", ["cek iuran", "iuran sy brp", "hitungin iuran gw", "berapa bayar sebulan buat saya"]
)
def test_ones_own_cost_asked_in_everyday_words_starts_the_check(
    branches: Services, typed: str
) -> None:
    chat = TypedChat(branches)
    asked = texts(chat.type(typed))
    assert asked == "Apa pekerjaan Anda? Pilih, atau ketik. Contoh: petani"
    play(chat, ["pedagang", "35", "wni", "belum"])
    answer = texts(chat.type("1,5 jt"))
    assert "Iuran bulan ini, untuk penghasilan Rp1.500.000:" in answer
    assert chat.turns == 6 and chat.misses == []
    check = chat.state()[1]["eligibility"]
    assert (check["occupation"], check["age"], check["monthly_income"]) == (
        "trader",
        35,
        "1500000",
    )


def test_an_ojol_asking_to_check_his_cost_gets_the_check_not_the_jmo_balance(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    started = texts(chat.type("sy ojol mau cek iuran brp"))
    assert started.startswith("Baik, saya cekkan. Saya catat: Ojol.\nKira-kira berapa"), started
    assert "Iuran bulan ini, untuk penghasilan Rp2.000.000:" in texts(chat.type("2jt"))
    play(chat, ["30", "wni"])
    assert "Iuran bulan ini, untuk penghasilan Rp2.000.000:" in texts(chat.type("blm"))
    assert chat.turns == 5 and chat.misses == []
    assert chat.state()[1]["eligibility"]["occupation"] == "transport"


def test_checking_paid_contributions_is_still_answered(branches: Services) -> None:
    chat = TypedChat(branches)
    chat.type("cek iuran saya sudah masuk belum")
    assert chat.state()[0] == "idle", "no check is started"
    assert "JMO" in chat.text()


def test_seeing_and_deleting_ones_data_typed_in_slang(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "Budi Santoso", NIK, "ya", "081234567890", "ya", "dalung"])
    play(chat, ["ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    for typed in ("liat data gw dong", "data sy apa aja yg disimpen"):
        shown = texts(chat.type(typed))
        assert shown.startswith("Ini data Anda yang tersimpan dari percakapan ini:"), typed
        assert "Nama: Budi Santoso" in shown
    chat.type("hapus data gw")
    assert chat.state()[0] == "privacy.erase"
    chat.type("jangan dihapus")
    assert chat.state()[0] == "idle"
    chat.type("hapus data gw")
    done = texts(chat.type("ya hapus"))
    assert done.startswith("Selesai. Saya sudah menghapus 1 pendaftaran, data kontak Anda")
    assert chat.misses == [] and chat.turns == 20
    with branches.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Lead)) == 0


@pytest.mark.parametrize(
    "typed", ["kerjaan saya tukang parkir di pasar", "sebagai tukang parkir di pasar"]
)
def test_a_typed_work_is_stored_without_the_words_that_open_it(
    branches: Services, typed: str
) -> None:
    chat = TypedChat(branches)
    play(chat, ["daftar", "setuju", "Budi Santoso", NIK, "ya", "081234567890", "ya", "dalung"])
    play(chat, [typed, "2jt", "jkk jkm", "tiap bulan", "ga", "kirim"])
    assert chat.turns == 14
    finish(chat, branches, occupation="tukang parkir di pasar")


def test_ones_own_cost_asked_after_naming_ones_work_is_checked_for_that_work(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    chat.type("bang gw kuli bangunan harian, kalo jatoh dr perancah ditanggung ga")
    started = texts(chat.type("iuran sy brp"))
    assert started.startswith("Baik, saya cekkan. Saya catat: Kuli.")
    assert "penghasilan Anda sebulan?" in started  # the work is not asked again; the price's
    assert chat.misses == []


def test_an_age_said_with_hampir_and_thn_is_read_beside_iuran(branches: Services) -> None:
    """ "hampir 66 thn" is 65 even in a message that asks about iuran: never asked again."""
    chat = TypedChat(branches)
    answer = texts(chat.type("sy hampir 66 thn, pedagang, mau cek iuran"))
    assert "harus berusia di bawah 65 tahun" in answer, answer
    assert "Berapa usia Anda" not in answer and chat.misses == []


@pytest.mark.parametrize(
    "question",
    [
        "kalau kecelakaan dapat apa",
        "klo kecelakaan dpt apa?",
        "kecelakaan dapet apa aja dari bpjs tk",
    ],
)
def test_what_an_accident_gives_is_the_jkk_benefits(branches: Services, question: str) -> None:
    """Not "belum jadi peserta": whoever asks what an accident gives hears what JKK gives."""
    answer = TypedChat(branches).type(question)[0].text
    assert answer.startswith("JKK (Jaminan Kecelakaan Kerja) melindungi Anda"), answer
