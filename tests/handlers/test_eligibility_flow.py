"""The "Cek syarat & iuran" chat through the real engine and router, on SQLite and PostgreSQL."""

from __future__ import annotations

import doctest
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.conversation import Reply
from bot.domain import occupations
from bot.domain.contributions import BpuSector, bpu_period
from bot.i18n import format_rupiah
from bot.services import Services, build_services
from bot.storage.models import Conversation, FunnelEvent
from handlers.eligibility import request
from tests.conftest import FIXED_NOW, Chat, labels, texts

AGE_Q = "Berapa usia Anda?"
CITIZEN_Q = "Apakah Anda warga negara Indonesia?"
MONTHS_Q = "Sudah berapa bulan Anda bekerja di Indonesia?"
PARTICIPANT_Q = "Apakah Anda sudah menjadi peserta"
INCOME_Q = "Kira-kira berapa rata-rata penghasilan Anda sebulan?"
WAGE_Q = "Berapa upah Anda sebulan"
RISK_Q = "tingkat risiko tempat kerja"
WORK_Q = "Apa pekerjaan Anda?"


def saved(services: Services, chat_id: str = "chat-1") -> tuple[str, dict[str, Any]]:
    with services.sessions() as session:
        row = session.execute(
            select(Conversation).where(Conversation.chat_id == chat_id)
        ).scalar_one()
        return row.state, dict(row.data)


def events(services: Services) -> int:
    with services.sessions() as session:
        query = (
            select(func.count())
            .select_from(FunnelEvent)
            .where(FunnelEvent.kind == "eligibility_checked")
        )
        return int(session.execute(query).scalar_one())


def to_income(chat: Chat, work: str = "transport", age: str = "30") -> list[Reply]:
    assert WORK_Q in texts(chat.press("eligibility"))
    assert AGE_Q in texts(chat.press(f"elig_work:{work}"))
    assert CITIZEN_Q in texts(chat.say(age))
    assert PARTICIPANT_Q in texts(chat.press("elig_cit:wni"))
    return chat.press("elig_part:no")


def test_menu_button_opens_the_check(chat: Chat) -> None:
    chat.start()
    replies = chat.say("2")  # "Cek syarat & iuran" in the main menu, typed as a number
    assert WORK_Q in texts(replies) and "Contoh: petani" in texts(replies)
    assert labels(replies)[0] == "Ojol / ojek / sopir / kurir" and labels(replies)[-1] == "Kembali"


def test_a_question_on_the_income_is_answered_at_its_step(chat: Chat) -> None:
    to_income(chat)
    answer, again = chat.say("kalo ga tentu gimana kak?")
    assert answer.text.startswith("Laporkan rata-rata penghasilan bulanan Anda. Bila tidak tentu")
    assert INCOME_Q in again.text
    assert texts(chat.say("2jtan")).startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri")


def test_bpu_ojol_30_with_two_million(chat: Chat, services: Services) -> None:
    assert INCOME_Q in texts(to_income(chat))
    answer = chat.say("2jtan")
    text = texts(answer)
    assert text.startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU).")
    assert "Wajib: JKK (Jaminan Kecelakaan Kerja) dan JKM (Jaminan Kematian)." in text
    assert "Pilihan: JHT (Jaminan Hari Tua)" in text
    assert (
        "JP (Jaminan Pensiun) dan JKP (Jaminan Kehilangan Pekerjaan), hanya untuk karyawan" in text
    )
    assert "- JKK + JKM: Rp13.400" in text  # (1 % of 2 juta + Rp6.800) × 50 %
    assert "iuran 1 Januari 2026 sampai 31 Maret 2027; tanpa diskon Rp26.800" in text
    assert "- Dengan JHT: Rp53.400" in text
    assert "call center 175" in text  # the bracket table is UNCONFIRMED
    assert len(answer[0].text) <= 620, "the first answer fits a phone screen"
    assert labels(answer) == ["Daftar sekarang", "Tambah JHT", "Selengkapnya", "Menu"]
    assert events(services) == 1

    more = texts(chat.say("selengkapnya"))
    assert "JKM: Rp42.000.000 untuk keluarga" in more and "PP 82/2019" in more
    for months in (1, 3, 6, 12):
        total = bpu_period(2_000_000, date(2026, 11, 21), months, sector=BpuSector.TRANSPORT).total
        assert f"- {months} bulan: {format_rupiah(total or Decimal(0))}" in more
    assert "- 12 bulan: Rp254.600" in more  # Nov 2026–Mar 2027 discounted, Apr–Oct 2027 full
    assert "NIK 16 digit" in more and "jangan ke orang lewat chat" in more

    with_jht = chat.press("elig_jht:on")
    assert "- Dengan JHT (pilihan Anda): Rp53.400" in texts(with_jht)
    assert labels(with_jht)[1] == "Tanpa JHT"
    assert saved(services)[1]["eligibility"]["programs"] == ["jkk", "jkm", "jht"]
    assert events(services) == 1, "one check, one funnel event"


def test_other_bpu_gets_the_other_discount_window(chat: Chat) -> None:
    to_income(chat, work="farmer_fisher", age="45")
    text = texts(chat.say("1,5 jt"))
    assert "- JKK + JKM: Rp10.900" in text
    assert "iuran 1 April 2026 sampai 31 Desember 2026" in text


def test_income_below_the_minimum_base_uses_it(chat: Chat) -> None:
    to_income(chat, work="trader")
    text = texts(chat.say("500 ribu"))
    assert "Penghasilan terendah yang bisa dilaporkan Rp1.000.000" in text
    assert "- JKK + JKM: Rp8.400" in text


def test_wage_earner_payslip(chat: Chat) -> None:
    chat.press("eligibility")
    chat.press("elig_work:wage_earner")
    chat.say("40")
    chat.press("elig_cit:wni")
    assert WAGE_Q in texts(chat.press("elig_part:no"))
    risk = chat.say("Rp 5.000.000")
    assert RISK_Q in texts(risk)
    assert labels(risk)[:2] == ["Sangat rendah (0,24%)", "Rendah (0,54%)"]
    replies = chat.say("sedang")
    assert labels(replies) == ["Selengkapnya", "Menu"]  # the employer registers an employee
    answer = texts(replies)
    assert answer.startswith("Sebagai karyawan (PU), Anda wajib didaftarkan oleh pemberi kerja.")
    assert "- Dipotong dari gaji Anda: Rp150.000" in answer  # JHT 2 % + JP 1 %
    assert (
        "- Dibayar pemberi kerja: Rp344.500" in answer
    )  # JKK 0,89 % + JKM 0,3 % + JHT 3,7 % + JP 2 %
    assert "Pilihan: JP (Jaminan Pensiun), wajib di usaha menengah dan besar" in answer
    assert "Batas upah JP setelah 28 Februari 2026 belum pasti (sebelumnya Rp10.547.400)" in answer
    payslip = texts(chat.say("selengkapnya"))
    assert "- JKK 0,89% (pemberi kerja): Rp44.500" in payslip
    assert "- JHT 2% (Anda): Rp100.000" in payslip
    assert "- JP 1% (Anda): Rp50.000" in payslip
    assert "- JKP: tanpa iuran tambahan" in payslip


def test_wage_above_the_last_known_jp_cap_and_unknown_risk(chat: Chat) -> None:
    chat.press("eligibility")
    chat.press("elig_work:wage_earner")
    chat.say("40")
    chat.press("elig_cit:wni")
    chat.press("elig_part:no")
    chat.say("15 juta")
    replies = chat.say("tidak tahu")
    answer = texts(replies)
    assert "- Dipotong dari gaji Anda: Rp300.000 + JP (tanyakan ke 175)" in answer
    assert "- Dibayar pemberi kerja: Rp636.000–Rp861.000 + JP (tanyakan ke 175)" in answer
    assert len(replies[0].text) <= 620
    payslip = texts(chat.say("selengkapnya"))
    assert "(JKK dihitung untuk risiko sangat rendah, 0,24%.)" in payslip
    assert "- JP 2% (pemberi kerja): tanyakan ke 175" in payslip


def test_over_age_farmer_is_not_asked_the_income(chat: Chat) -> None:
    chat.press("eligibility")
    chat.press("elig_work:farmer_fisher")
    chat.say("70")
    chat.press("elig_cit:wni")
    answer = chat.say("belum")
    text = texts(answer)
    assert INCOME_Q not in text
    assert text.startswith("Maaf, Anda belum bisa mendaftar dengan cara ini.")
    assert "pendaftaran pertama harus sebelum usia 65 tahun" in text
    assert labels(answer) == ["Selengkapnya", "Menu"]
    assert "(Perdir 22/PERDIR.02/072022)" in texts(chat.say("selengkapnya"))


def test_over_age_farmer_already_registered_may_keep_paying(chat: Chat) -> None:
    chat.press("eligibility")
    chat.press("elig_work:farmer_fisher")
    chat.say("70")
    chat.press("elig_cit:wni")
    assert INCOME_Q in texts(chat.say("sudah"))
    replies = chat.say("1 juta")
    assert texts(replies).startswith("Anda sudah menjadi peserta.")
    assert "Daftar sekarang" not in labels(replies)


def test_foreign_trader_is_pointed_to_175(chat: Chat) -> None:
    chat.press("eligibility")
    chat.press("elig_work:trader")
    chat.say("30")
    assert MONTHS_Q in texts(chat.say("WNA"))
    assert PARTICIPANT_Q in texts(chat.say("8"))
    text = texts(chat.say("belum"))
    assert text.startswith("Saya belum bisa memastikan")
    assert "call center 175" in text
    assert "Belum pasti: JKK (Jaminan Kecelakaan Kerja), JKM (Jaminan Kematian) dan JHT" in text
    assert "NIK Indonesia" in text
    assert (
        "JKP (Jaminan Kehilangan Pekerjaan), hanya untuk warga negara Indonesia" not in text
    )  # JKP: BPU first


def test_foreign_employee_under_six_months(chat: Chat) -> None:
    chat.press("eligibility")
    chat.press("elig_work:wage_earner")
    chat.say("30")
    chat.press("elig_cit:wna")
    chat.say("3 bulan")
    text = texts(chat.say("belum"))
    assert "setelah bekerja 6 bulan di Indonesia" in text
    assert "JKP (Jaminan Kehilangan Pekerjaan), hanya untuk warga negara Indonesia" in text


@pytest.mark.parametrize(
    ("typed", "under_six"),
    [("5 bln", True), ("1 thn", False), ("2 years", False), ("8", False), ("5bulan", True)],
)
def test_months_worked_read_in_months_or_years(chat: Chat, typed: str, under_six: bool) -> None:
    """The unit words (steps.toml ``duration``): a year is 12 months, a bare number months."""
    chat.press("eligibility")
    chat.press("elig_work:wage_earner")
    chat.say("30")
    chat.press("elig_cit:wna")
    assert MONTHS_Q in texts(chat.say("3 orang")), "not a duration: asked again"
    assert PARTICIPANT_Q in texts(chat.say(typed))
    text = texts(chat.say("belum"))
    assert ("setelah bekerja 6 bulan di Indonesia" in text) is under_six


def test_migrant_worker_is_not_asked_citizenship_or_income(chat: Chat) -> None:
    chat.press("eligibility")
    chat.press("elig_work:migrant")
    assert PARTICIPANT_Q in texts(chat.say("25"))
    text = texts(chat.say("belum"))
    assert "Bisa. Sebagai pekerja migran (PMI), Anda wajib ikut." in text
    assert "Rp37.500 sebelum berangkat" in text and "24 bulan Rp332.500" in text


def test_construction_worker_pays_nothing_himself(chat: Chat) -> None:
    chat.press("eligibility")
    assert AGE_Q in texts(chat.say("kuli bangunan"))
    chat.say("25")
    chat.say("wni")
    text = texts(chat.say("belum"))
    assert "proyek konstruksi hanya mencakup JKK dan JKM" in text
    assert "Anda tidak membayar sendiri." in text


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("dua puluh lima", CITIZEN_Q),
        ("25th", CITIZEN_Q),
        ("17-08-1990", CITIZEN_Q),
        ("-3", "Usia tidak bisa kurang dari nol. Ketik usia Anda dengan angka. Contoh: 35"),
        ("200", "Usia 200 tahun sepertinya terlalu tua. Ketik usia Anda dengan angka. Contoh: 35"),
        ("5", "Usia 5 tahun sepertinya terlalu muda."),
        ("31-02-1990", "Tanggal itu tidak ada."),
        (
            "umur saya tua",
            "Ketik usia Anda dengan angka, atau tanggal lahir Anda. Contoh: 35 atau 17-08-1990",
        ),
    ],
)
def test_bad_and_odd_ages(chat: Chat, services: Services, typed: str, reply: str) -> None:
    chat.press("eligibility")
    chat.press("elig_work:transport")
    replies = chat.say(typed)
    assert reply in texts(replies)
    if reply != CITIZEN_Q:
        assert saved(services)[0] == "eligibility.age"
        assert labels(replies) == []  # no buttons on a number question: "1" is an age
        assert CITIZEN_Q in texts(chat.say("35"))
    elif typed == "17-08-1990":
        assert saved(services)[1]["eligibility"]["birth_date"] == "1990-08-17"


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("0", "Rp0 sebulan sepertinya terlalu kecil. Apakah maksud Anda jutaan?"),
        ("seribu", "Rp1.000 sebulan sepertinya terlalu kecil."),
        ("1 triliun", "Rp1.000.000.000.000 sebulan sepertinya terlalu besar."),
        ("gaji UMR", "Perkiraan saja tidak apa-apa."),
        ("tidak tentu", "Perkiraan saja tidak apa-apa."),
        ("banyak", "Ketik jumlah uang sebulan. Contoh: 2 juta atau 1.500.000"),
    ],
)
def test_bad_incomes(chat: Chat, services: Services, typed: str, reply: str) -> None:
    to_income(chat)
    replies = chat.say(typed)
    assert reply in texts(replies) and "Contoh:" in texts(replies)
    assert saved(services)[0] == "eligibility.income"
    assert "Bisa. Anda bisa ikut" in texts(chat.say("Rp 1.500.000"))


def test_a_birth_year_or_a_days_income_is_confirmed_before_it_is_kept(
    chat: Chat, services: Services
) -> None:
    chat.press("eligibility")
    chat.press("elig_work:transport")
    assert "Jadi usia Anda sekitar 36 tahun?" in texts(chat.say("1990"))
    assert "age" not in saved(services)[1]["eligibility"], "nothing kept before the yes"
    assert CITIZEN_Q in texts(chat.say("iya"))
    assert saved(services)[1]["eligibility"]["age"] == 36
    chat.say("wni")
    chat.say("belum")
    asked = texts(chat.say("100rb sehari"))
    assert "Rata-rata sebulan sekitar Rp2.600.000? (Ya / ketik angka lain)" in asked
    assert "untuk penghasilan Rp3.000.000" in texts(chat.say("3 juta"))  # another amount


def test_wage_earner_typing_umr_is_asked_for_the_payslip_amount(chat: Chat) -> None:
    chat.press("eligibility")
    chat.press("elig_work:wage_earner")
    chat.say("40")
    chat.press("elig_cit:wni")
    chat.press("elig_part:no")
    assert "Ketik jumlah di slip gaji Anda, bukan UMR." in texts(chat.say("gaji UMR"))


def test_unknown_work_and_unclear_answers(chat: Chat) -> None:
    chat.press("eligibility")
    assert "Saya belum mengenal pekerjaan itu." in texts(chat.say("astronot"))
    chat.say("ojol")
    chat.say("30")
    assert "Jawab WNI (warga negara Indonesia) atau WNA" in texts(chat.say("mungkin"))
    chat.say("wni")
    assert "Jawab sudah (sudah terdaftar) atau belum." in texts(chat.say("entahlah"))


STEPS_TO = {  # what to send to reach each question, and that question's words
    "work": ([], WORK_Q),
    "age": (["!elig_work:transport"], AGE_Q),
    "citizenship": (["!elig_work:transport", "30"], CITIZEN_Q),
    "months": (["!elig_work:transport", "30", "!elig_cit:wna"], MONTHS_Q),
    "participant": (["!elig_work:transport", "30", "!elig_cit:wni"], PARTICIPANT_Q),
    "income": (["!elig_work:transport", "30", "!elig_cit:wni", "!elig_part:no"], INCOME_Q),
    "risk": (["!elig_work:wage_earner", "30", "!elig_cit:wni", "!elig_part:no", "4 juta"], RISK_Q),
}
PREVIOUS = {
    "work": None,
    "age": "work",
    "citizenship": "age",
    "months": "citizenship",
    "participant": "citizenship",
    "income": "participant",
    "risk": "income",
}


def reach(chat: Chat, step: str) -> list[Reply]:
    replies = chat.press("eligibility")
    for message in STEPS_TO[step][0]:
        replies = chat.press(message[1:]) if message.startswith("!") else chat.say(message)
    assert STEPS_TO[step][1] in texts(replies)
    return replies


@pytest.mark.parametrize("step", list(STEPS_TO))
def test_batal_at_every_step(chat: Chat, services: Services, step: str) -> None:
    reach(chat, step)
    replies = chat.say("batal")
    assert "Dibatalkan. Ini menu utama." in texts(replies)
    state, data = saved(services)
    assert state == "idle" and "eligibility" not in data


@pytest.mark.parametrize("step", list(STEPS_TO))
def test_kembali_at_every_step(chat: Chat, services: Services, step: str) -> None:
    reach(chat, step)
    replies = chat.say("kembali")
    previous = PREVIOUS[step]
    if previous is None:
        assert "Apa yang ingin Anda lakukan?" in texts(replies)  # the main menu
        return
    assert (WAGE_Q if step == "risk" else STEPS_TO[previous][1]) in texts(replies)
    assert saved(services)[0] == f"eligibility.{previous}"


@pytest.mark.parametrize("step", ["age", "months", "income"])
def test_the_back_button_on_a_number_question_and_a_typed_1(
    chat: Chat, services: Services, step: str
) -> None:
    reach(chat, step)
    typed = texts(chat.say("1"))  # "1" is the number of the Back button, but here it is an answer
    assert STEPS_TO[PREVIOUS[step] or "work"][1] not in typed
    chat.say("batal")
    reach(chat, step)
    assert STEPS_TO[PREVIOUS[step] or "work"][1] in texts(chat.press("form_back"))


def test_kembali_after_the_answer_changes_the_income(chat: Chat) -> None:
    to_income(chat)
    chat.say("2 juta")
    assert INCOME_Q in texts(chat.say("kembali"))
    assert "untuk penghasilan Rp3.000.000" in texts(chat.say("3 juta"))


def test_a_question_mid_way_is_answered_then_the_question_comes_back(
    chat: Chat, services: Services
) -> None:
    reach(chat, "age")
    replies = chat.say("iuran bpjs ketenagakerjaan mandiri berapa?")
    assert "JKM: Rp6.800" in texts(replies)  # the FAQ answer
    assert replies[-1].text.startswith(AGE_Q)
    assert saved(services)[0] == "eligibility.age"
    reach_after = chat.say("apa itu wni?")
    assert saved(services)[0] == "eligibility.age" and AGE_Q in reach_after[-1].text
    assert CITIZEN_Q in texts(chat.say("30"))
    assert PARTICIPANT_Q not in texts(chat.say("apa itu wni?"))
    assert saved(services)[0] == "eligibility.citizenship"


def test_leaving_and_coming_back_resumes(chat: Chat, services: Services) -> None:
    reach(chat, "participant")
    chat.say("menu")
    replies = chat.press("eligibility")
    assert "Kita lanjutkan dari pertanyaan terakhir." in texts(replies)
    assert PARTICIPANT_Q in texts(replies)


def test_a_restart_of_the_bot_resumes_from_the_database(services: Services) -> None:
    chat = Chat(services, chat_id="restart-1")
    reach(chat, "income")
    restarted = build_services(services.settings, clock=lambda: FIXED_NOW)
    try:
        again = Chat(restarted, chat_id="restart-1")
        assert "Bisa. Anda bisa ikut" in texts(again.say("2 juta"))
    finally:
        restarted.close()


def test_register_now_carries_the_answers(chat: Chat, services: Services) -> None:
    to_income(chat)
    chat.say("sejuta setengah")
    chat.press("elig_jht:on")
    chat.press("register")
    answers = saved(services)[1]["eligibility"]
    assert answers == {
        "asked_on": "2026-11-21",
        "work": "self_employed",
        "occupation": "transport",
        "occupation_label": "Ojol / ojek / sopir / kurir",
        "sector": "transport",
        "age": 30,
        "citizenship": "wni",
        "already_participant": False,
        "monthly_income": "1500000",
        "programs": ["jkk", "jkm", "jht"],
        "with_jht": True,
        "checked": True,
    }


def free_text_chat(services: Services, chat_id: str = "free-1") -> Chat:
    """The real wiring: free text tries `start_from_text` before the FAQ."""
    return Chat(services, chat_id=chat_id)


def test_free_text_prefills_work_and_age(services: Services) -> None:
    chat = free_text_chat(services)
    replies = chat.say("saya petani umur 57 bisa ikut?")
    assert "Saya catat: Petani, usia 57." in texts(replies)
    assert replies[-1].text.startswith(CITIZEN_Q)
    chat.say("wni")
    text = texts(chat.say("belum"))
    assert INCOME_Q in text  # 57 may still join as BPU, so the cost needs the income
    assert "Bisa. Anda bisa ikut" in texts(chat.say("2 juta"))


def test_free_text_prefills_the_income(services: Services) -> None:
    chat = free_text_chat(services, "free-2")
    replies = chat.say("aku ojol 2jt sebulan iurannya brp")
    assert "Saya catat: Ojol, penghasilan Rp2.000.000 sebulan." in texts(replies)
    assert AGE_Q in replies[-1].text
    chat.say("40")
    chat.say("wni")
    assert "untuk penghasilan Rp2.000.000" in texts(chat.say("belum"))  # income not asked again


def test_a_plain_question_naming_an_income_is_answered_not_checked(services: Services) -> None:
    chat = free_text_chat(services, "free-7")
    replies = chat.say("iuran kalau penghasilan 2 juta berapa")
    assert "JKK 1% dari penghasilan + JKM Rp6.800" in texts(replies)
    assert saved(services, "free-7")[0] == "idle"


def test_plain_questions_are_left_to_the_faq(services: Services) -> None:
    chat = free_text_chat(services, "free-3")
    assert WORK_Q not in texts(chat.say("iuran bpjs ketenagakerjaan mandiri berapa?"))


def test_an_age_inside_a_question_at_the_age_step_is_the_answer(services: Services) -> None:
    chat = free_text_chat(services, "free-4")
    chat.press("eligibility")
    chat.press("elig_work:transport")
    replies = chat.say("umur saya 30 tahun, bisa ikut?")
    assert replies[-1].text.startswith(CITIZEN_Q)
    assert sum(CITIZEN_Q in r.text for r in replies) == 1
    assert saved(services, "free-4")[1]["eligibility"]["age"] == 30


def test_an_income_after_the_answer_reprices_it(services: Services) -> None:
    chat = free_text_chat(services, "free-5")
    to_income(chat)
    chat.say("2 juta")
    replies = chat.say("kalau penghasilan 3 juta berapa?")
    assert "untuk penghasilan Rp3.000.000" in texts(replies)
    assert "- JKK + JKM: Rp18.400" in texts(replies)  # (30.000 + 6.800) × 50 %


def test_free_text_reader_examples() -> None:
    assert doctest.testmod(request).failed == 0
    assert doctest.testmod(occupations).failed == 0


def test_claim_questions_with_an_age_are_left_to_the_faq(services: Services) -> None:
    chat = free_text_chat(services, "free-6")
    assert WORK_Q not in texts(chat.say("jht bisa cair umur 56?"))
    assert CITIZEN_Q not in texts(chat.say("jht bisa cair umur 56?"))


def test_back_from_migrant_work_asks_the_citizenship_of_the_new_work(
    chat: Chat, services: Services
) -> None:
    chat.press("eligibility")
    chat.press("elig_work:migrant")
    assert WORK_Q in texts(chat.say("kembali"))
    assert "citizenship" not in saved(services)[1]["eligibility"]
    chat.say("pedagang")
    assert CITIZEN_Q in texts(chat.say("30"))


@pytest.mark.parametrize(
    "typed", ["saya bukan karyawan", "bukan pegawai tetap", "udah ga jualan lagi"]
)
def test_work_named_under_a_negation_is_not_taken_as_the_answer(chat: Chat, typed: str) -> None:
    chat.press("eligibility")
    assert "Saya belum mengenal pekerjaan itu." in texts(chat.say(typed))


def test_bukan_penerima_upah_is_the_self_employed_programme(chat: Chat) -> None:
    chat.press("eligibility")
    assert AGE_Q in texts(chat.say("saya peserta Bukan Penerima Upah"))
    chat.say("30")
    chat.press("elig_cit:wni")
    replies = texts(chat.press("elig_part:no"))
    assert INCOME_Q in replies and WAGE_Q not in replies


def test_work_left_is_not_taken_but_the_work_now_is(chat: Chat, services: Services) -> None:
    chat.press("eligibility")
    assert AGE_Q in texts(chat.say("sudah berhenti jadi satpam, sekarang ojol"))
    assert saved(services)[1]["eligibility"]["occupation"] == "transport"


@pytest.mark.parametrize(
    ("typed", "noted"),
    [
        ("saya peserta Bukan Penerima Upah, iuran saya berapa", "Saya catat: bpu"),
        ("saya bukan karyawan umur 40, iuran saya berapa", "Saya catat: usia 40"),
    ],
)
def test_a_request_naming_work_under_a_negation_notes_no_wage_work(
    chat: Chat, typed: str, noted: str
) -> None:
    replies = texts(chat.say(typed))
    assert noted in replies
    assert "penerima upah" not in replies and "karyawan" not in replies.split("Saya catat")[1]


@pytest.mark.parametrize(
    ("work", "noted", "occupation"),
    [
        ("punya toko bangunan", "toko bangunan", "trader"),
        ("jualan bahan bangunan", "jualan bahan bangunan", "trader"),
        ("punya warung sembako", "warung", "trader"),
        ("tukang bangunan", "tukang bangunan", "construction"),
    ],
)
def test_a_shop_selling_goods_is_a_trader_not_the_goods_trade(
    services: Services, work: str, noted: str, occupation: str
) -> None:
    chat = free_text_chat(services, "shop-1")
    replies = texts(chat.say(f"saya {work} umur 40 bisa ikut bpjs?"))
    assert f"Saya catat: {noted}, usia 40." in replies
    assert saved(services, "shop-1")[1]["eligibility"]["occupation"] == occupation


@pytest.mark.parametrize(
    ("work", "occupation"),
    [
        ("toko bangunan", "trader"),
        ("kios pupuk", "trader"),
        ("warung sembako", "trader"),
        ("kuli bangunan", "construction"),
    ],
)
def test_the_check_reads_a_shop_as_a_trader(
    chat: Chat, services: Services, work: str, occupation: str
) -> None:
    chat.press("eligibility")
    assert AGE_Q in texts(chat.say(work))
    assert saved(services)[1]["eligibility"]["occupation"] == occupation
