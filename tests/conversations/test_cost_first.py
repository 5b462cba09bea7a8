"""A self-employed person who asks what they would pay, with a monthly income: the cost first.

"iuran nya jd brp sebulan?" with "sebulan paling 2,5jt" got only "Saya catat: …" and the age
question, and waited a turn for what was asked (issue 13). A BPU's cost does not depend on the
age; the age decides only whether a first registration is still open. An income per day is
confirmed first and a request naming no income is asked it, as before.
"""

from __future__ import annotations

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat

AGE_Q = "Berapa usia Anda? Ketik usia atau tanggal lahir. Contoh: 35 atau 17-08-1990"
DRIVER_COST = (
    "Baik, saya cekkan. Saya catat: driver, penghasilan Rp2.500.000 sebulan.\n\n"
    "Iuran bulan ini, untuk penghasilan Rp2.500.000:\n"
    "- JKK + JKM: Rp15.900\n"
    "  Diskon 50% (PP 50/2025) untuk iuran 1 Januari 2026 sampai 31 Maret 2027; tanpa diskon "
    "Rp31.800.\n"
    "- Dengan JHT: Rp65.900\n"
    "Dihitung dengan aturan 1%; tabel resmi belum pasti. Cek jumlah pastinya di call center 175."
    "\n\nUsia hanya menentukan apakah Anda masih bisa mendaftar: pendaftaran pertama harus "
    "sebelum usia 65 tahun."
)


def first(services: Services, typed: str) -> list[str]:
    """The replies to `typed` as the first message of a new chat."""
    return [r.text for r in TypedChat(services, chat_id=typed).type(typed)]


def test_a_monthly_income_gets_its_cost_before_the_age_question(services: Services) -> None:
    typed = (
        "bang sy driver grab, penghasilan sebulan paling 2,5jt. iuran bpjs tk nya jd brp sebulan?"
    )
    assert first(services, typed) == [DRIVER_COST, AGE_Q]
    typed = "aku driver, sebulan dapet 2,5 juta. kalau ikut bayar berapa?"
    assert first(services, typed) == [DRIVER_COST, AGE_Q]


def test_an_income_per_day_is_still_confirmed_first(services: Services) -> None:
    said = first(services, "sy ojol sehari dpt 150rb, iuran sy brp?")
    assert said == ["Baik, saya cekkan. Saya catat: Ojol.", AGE_Q]


INCOME_Q = "Kira-kira berapa rata-rata penghasilan Anda sebulan? Contoh: 2 juta atau 1,5 jt"


def test_no_income_named_asks_the_income_then_gives_the_cost(services: Services) -> None:
    """ "sy petani brp iurannya" was asked the age first: the cost needs the income, not it."""
    for typed in ("sy pedagang sayur mau cek iuran brp", "sy petani brp iurannya"):
        chat = TypedChat(services, chat_id=typed)
        said = [r.text for r in chat.type(typed)]
        work = "Petani" if "petani" in typed else "Pedagang"
        assert said == [f"Baik, saya cekkan. Saya catat: {work}.", INCOME_Q], said
        said = [r.text for r in chat.type("2,5 juta")]
        assert said[0].startswith("Iuran bulan ini, untuk penghasilan Rp2.500.000:\n"), said
        assert "- JKK + JKM: Rp" in said[0], said
        assert said[0].endswith("pendaftaran pertama harus sebelum usia 65 tahun."), said
        assert said[1] == AGE_Q
        assert chat.misses == []


def test_the_finished_check_is_the_same_as_without_the_cost_first(services: Services) -> None:
    """Same turns, same answer shown and stored as a request that did not ask the cost."""
    asked = TypedChat(services, chat_id="asked")
    plain = TypedChat(services, chat_id="plain")
    asked.type("sy driver grab, penghasilan sebulan 2,5jt. iuran nya jd brp sebulan?")
    plain.type("sy driver grab, penghasilan sebulan 2,5jt, bisa ikut?")
    for typed in ("35", "wni", "belum"):
        shown, before = texts(asked.type(typed)), texts(plain.type(typed))
    assert shown == before
    assert "- JKK + JKM: Rp15.900" in shown
    assert asked.state() == plain.state()
    assert asked.turns == plain.turns == 4
    assert asked.misses == plain.misses == []


WNI_Q = "Apakah Anda warga negara Indonesia? Contoh: WNI"


def test_an_age_given_too_gets_the_cost_before_the_questions_left(services: Services) -> None:
    """With the age in the message, the cost comes before citizenship, with no word on age."""
    said = first(services, "sy driver umur 35, sebulan 2,5jt, iurannya brp sebulan?")
    cost = DRIVER_COST.split("\n\nUsia hanya")[0].replace("driver,", "driver, usia 35,")
    assert said[0] == cost
    assert said[1].startswith(WNI_Q)


def test_an_age_past_the_first_registration_limit_is_told_so_with_no_cost(
    services: Services,
) -> None:
    said = "\n".join(first(services, "sy driver umur 67, sebulan 2,5jt, iurannya brp sebulan?"))
    assert said.startswith(
        "Pekerja mandiri (BPU) yang mendaftar pertama kali harus berusia di bawah 65"
    )
    assert "Rp15.900" not in said


def test_an_income_with_no_period_gets_its_cost_too(services: Services) -> None:
    """ "iuran bpjs tk nya jd brp?" with no "sebulan" got the general formula (issue 13)."""
    typed = "bang sy driver grab, penghasilan 2,5jt. iuran bpjs tk nya jd brp?"
    assert first(services, typed) == [DRIVER_COST, AGE_Q]
    said = first(services, "sy petani, dapet 2jt. iuran bpjs tk nya jadi berapa?")
    assert said[0].startswith(
        "Baik, saya cekkan. Saya catat: Petani, penghasilan Rp2.000.000 sebulan.\n\n"
        "Iuran bulan ini, untuk penghasilan Rp2.000.000:\n- JKK + JKM: Rp13.400"
    ), said[0]
    assert said[1] == AGE_Q


def test_a_question_with_no_income_of_ones_own_is_still_the_faqs(services: Services) -> None:
    said = first(services, "iuran bpjs tk nya jd brp?")
    assert said[0].startswith("Iuran pekerja mandiri (BPU) sebulan:"), said


WAGE_COST = (
    "Baik, saya cekkan. Saya catat: karyawan, penghasilan Rp5.000.000 sebulan.\n\n"
    "Setiap bulan, untuk upah Rp5.000.000:\n"
    "- Dipotong dari gaji Anda: Rp150.000\n"
    "- Dibayar pemberi kerja: Rp312.000–Rp387.000\n"
)


def test_an_employee_gets_his_share_and_the_employers_range_before_the_questions(
    services: Services,
) -> None:
    """His own share needs no risk level; the employer's is a range until it is asked, next.

    The risk question came after the age, the citizenship and the membership.
    """
    chat = TypedChat(services, chat_id="employee")
    said = texts(chat.type("saya karyawan toko gaji 5 juta, iuran bpjs tk saya berapa?"))
    assert said.startswith(WAGE_COST), said
    assert "175.\nIuran JKK dibayar pemberi kerja sesuai tingkat risiko tempat kerja" in said, said
    assert texts(chat.type("sedang")) == AGE_Q
    for typed in ("35", "wni", "belum"):
        said = texts(chat.type(typed))
    assert "- Dipotong dari gaji Anda: Rp150.000" in said
    assert chat.misses == []


def test_a_stated_income_among_other_figures_is_priced_first(services: Services) -> None:
    """fresh30's carpenter: a Pemkab budget and a head count before his own income."""
    typed = (
        "Pemkab Mimika menganggarkan Rp2 miliar untuk 20 ribu pekerja rentan setahun. Saya tukang "
        "kayu di Timika, kalau daftar sendiri dengan penghasilan Rp3 juta, iurannya berapa sebulan?"
    )
    said = [r.text for r in TypedChat(services, chat_id="carpenter").type(typed)]
    assert said[0].startswith("Baik, saya cekkan. Saya catat: tukang, penghasilan Rp3.000.000")
    assert "Iuran bulan ini, untuk penghasilan Rp3.000.000:" in said[0] and said[1] == AGE_Q


def test_a_migrant_worker_asking_the_cost_gets_the_fees_at_once(services: Services) -> None:
    """A PMI's fees follow the contract's length, not age or income: no check's questions."""
    said = first(services, "sy mau brgkt ke malaysia jd pmi, bpjs tk nya bayar brp min?")
    assert said[0].startswith("Iuran pekerja migran (PMI) untuk JKK + JKM: Rp370.000")
    assert AGE_Q not in said
