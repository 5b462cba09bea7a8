"""People who only type, never press: the eligibility check.

Each persona is a script of what the person types and what the bot must say back. The run
asserts the number of turns, that no step failed to understand (the driver's definition,
tests/conversations/driver.py), that a question typed in between is answered and the same
step asked again, and the exact answers stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.conversation import Channel
from bot.services import Services
from tests.conversations.driver import Line, TypedChat, q, run, unanswered
from tests.conversations.people import CITIZEN_Q, INCOME_Q, PARTICIPANT_Q, stored

# Words of the questions only these personas wait for (people.py's AGE_Q and RISK_Q are the
# whole questions other tests wait for).
WORK_Q = "Apa pekerjaan Anda?"
AGE_Q = "Berapa usia Anda?"
WAGE_Q = "Berapa upah Anda sebulan"
RISK_Q = "tingkat risiko tempat kerja"
MENU = "Apa yang ingin Anda lakukan?"


@dataclass(frozen=True)
class Persona:
    name: str
    lines: tuple[Line, ...]
    stored: dict[str, Any] = field(default_factory=dict)  # data["eligibility"] at the end
    also: tuple[str, ...] = ()  # words somewhere in the replies of the last turn
    language: str = "id"


FARMER_57 = Persona(
    "farmer, 57, says it all in one message",
    (
        Line("saya petani umur 57 bisa ikut?", CITIZEN_Q),
        Line("iya wni", PARTICIPANT_Q),
        Line("belum", INCOME_Q),
        Line("2 juta", "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."),
    ),
    stored(
        occupation="farmer_fisher",
        occupation_label="petani",
        age=57,
        monthly_income="2000000",
    ),
    ("- JKK + JKM: Rp13.400",),
)

FARMER_SAYS_INCOME_EARLY = Persona(
    "farmer gives her income before it is asked: kept, never asked again",
    (
        Line("sy petani umur 57 bisa ikut ga?", CITIZEN_Q),
        Line(
            "sebulan paling 1,5 jt",
            CITIZEN_Q,
            asks=False,
            answer="Saya catat: penghasilan Rp1.500.000 sebulan.",
        ),
        Line("wni lah", PARTICIPANT_Q),
        Line("belum", "untuk penghasilan Rp1.500.000"),
    ),
    stored(
        occupation="farmer_fisher",
        occupation_label="petani",
        age=57,
        monthly_income="1500000",
    ),
    ("- JKK + JKM: Rp10.900",),
)

OJOL_ASKS_BACK = Persona(
    "ojol answers the age question with a question",
    (
        Line("halo", MENU),
        Line("2", WORK_Q),
        Line("ojol", AGE_Q),
        q("emang ada batas umur?", AGE_Q, "65"),  # the age limit of a first registration
        Line("35", CITIZEN_Q),
        Line("wni", PARTICIPANT_Q),
        Line("blm", INCOME_Q),
        Line("2jt", "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."),
    ),
    stored(
        occupation="transport",
        occupation_label="ojol",
        sector="transport",
        age=35,
        monthly_income="2000000",
    ),
    ("- JKK + JKM: Rp13.400",),
)

FISHER_IN_WORDS = Persona(
    "fisher types the income in words",
    (
        Line("aku nelayan umur 45, kalau ikut bpjs bayar berapa?", INCOME_Q),  # the price's
        Line("sejuta setengah", CITIZEN_Q, answer="untuk penghasilan Rp1.500.000"),
        Line("wni", PARTICIPANT_Q),
        Line("belum pernah", "untuk penghasilan Rp1.500.000"),
    ),
    stored(
        occupation="farmer_fisher",
        occupation_label="nelayan",
        age=45,
        monthly_income="1500000",
        income_first=True,
    ),
    ("- JKK + JKM: Rp10.900",),
)

WAGE_EARNER = Persona(
    "factory worker does not know the risk class",
    (
        Line("saya karyawan pabrik umur 40, iurannya berapa?", CITIZEN_Q),
        Line("wni", PARTICIPANT_Q),
        Line("belum", WAGE_Q),
        Line("5 juta", RISK_Q),
        Line("ga tau", "Sebagai karyawan (PU), Anda wajib didaftarkan oleh pemberi kerja."),
    ),
    stored(
        work="wage_earner",
        occupation="wage_earner",
        occupation_label="karyawan",
        age=40,
        monthly_income="5000000",
        risk_class="unknown",
        programs=["jkk", "jkm", "jht", "jkp"],
    ),
    ("- Dipotong dari gaji Anda: Rp150.000",),
)

RISK_AS_PERCENT = Persona(
    "employee types the risk rate off the payslip, 0,89%",
    (
        Line("menu", MENU),
        Line("2", WORK_Q),
        Line("karyawan", AGE_Q),
        Line("lahir 1986", "Jadi usia Anda sekitar 40 tahun?"),
        Line("iya", CITIZEN_Q),
        Line("wni", PARTICIPANT_Q),
        Line("blm", WAGE_Q),
        Line("Rp 5.000.000", RISK_Q),
        Line("0,89%", "Sebagai karyawan (PU), Anda wajib didaftarkan oleh pemberi kerja."),
    ),
    stored(
        work="wage_earner",
        occupation="wage_earner",
        occupation_label="karyawan",
        age=40,
        monthly_income="5000000",
        risk_class="medium",
        programs=["jkk", "jkm", "jht", "jkp"],
    ),
    ("- Dibayar pemberi kerja: Rp344.500",),
)

TRADER_PER_DAY = Persona(
    "market trader knows only a day's takings, and confirms the month",
    (
        Line("sy pedagang sayur umur 38, kalo ikut bayar brp?", INCOME_Q),
        Line("kalo rame 200rb sehari", "Rata-rata sebulan sekitar Rp5.200.000?"),
        Line("iya", CITIZEN_Q),
        Line("indonesia", PARTICIPANT_Q),
        Line("blm pernah", "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."),
    ),
    stored(
        occupation="trader",
        occupation_label="pedagang",
        age=38,
        monthly_income="5200000",
        income_first=True,
    ),
    ("untuk penghasilan Rp5.200.000",),
)

COMES_BACK = Persona(
    "a driver stops at the income question and comes back the next day",
    (
        Line("aku driver grab umur 33, iurannya brp ya", INCOME_Q),
        Line("menu", MENU),  # called away
        Line("halo", "Halo lagi! Ada isian Anda yang belum selesai."),
        Line("lanjut", INCOME_Q),
        Line("2,5 jt", CITIZEN_Q, answer="untuk penghasilan Rp2.500.000"),
        Line("iye wni", PARTICIPANT_Q),
        Line("ga", "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."),
    ),
    stored(
        occupation="transport",
        occupation_label="driver",
        sector="transport",
        age=33,
        monthly_income="2500000",
        income_first=True,
    ),
    ("untuk penghasilan Rp2.500.000",),
)

LEFT_THE_FACTORY = Persona(
    "a former factory worker now frying gorengan says when and where she was a participant",
    (
        Line("cek syarat", WORK_Q),
        Line("buruh pabrik dulu, skrg jualan gorengan", AGE_Q),  # the work now decides
        Line("umur 45", CITIZEN_Q),
        Line("wni", PARTICIPANT_Q),
        Line(
            "dulu pernah pas kerja di pabrik, skrg udh resign",
            "Saya catat: sekarang belum menjadi peserta (pekerjaan itu sudah berhenti).",
        ),
        Line("sebulan 2jt", "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."),
    ),
    stored(
        occupation="trader",
        occupation_label="buruh pabrik dulu, skrg jualan gorengan",
        age=45,
        monthly_income="2000000",
    ),
    ("untuk penghasilan Rp2.000.000",),
)

FARMER_57_IN_ENGLISH = Persona(
    "farmer, 57, in English",
    (
        Line("I am a farmer aged 57, can I join?", "Are you an Indonesian citizen?"),
        Line("yes", "Are you already a BPJS Ketenagakerjaan participant?"),
        Line("not yet", "About how much do you earn in a month"),
        Line("2 million", "Yes, you can join as a self-employed worker (BPU)."),
    ),
    stored(
        occupation="farmer_fisher",
        occupation_label="farmer",
        age=57,
        monthly_income="2000000",
    ),
    language="en",
)

PERSONAS = [
    FARMER_57,
    FARMER_57_IN_ENGLISH,
    FARMER_SAYS_INCOME_EARLY,
    OJOL_ASKS_BACK,
    FISHER_IN_WORDS,
    WAGE_EARNER,
    RISK_AS_PERCENT,
    TRADER_PER_DAY,
    COMES_BACK,
    LEFT_THE_FACTORY,
]


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_eligibility_typed_only(services: Services, persona: Persona) -> None:
    chat = TypedChat(services, language=persona.language)
    said = run(chat, persona.lines)
    for words in persona.also:
        assert words in said[-1]
    state, data = chat.state()
    assert state == "idle"
    assert data["eligibility"] == persona.stored
    assert chat.misses == [] and unanswered(services) == 0
    assert chat.turns == len(persona.lines)


@pytest.mark.parametrize(
    "typed",
    [
        "12",
        "50%",
        "Rp50.000",
        "saya sudah bayar 15 tahun, bisa dapat jp?",
        "saya sudah ikut 15 tahun, dapat apa?",
        "iuran minimal bpu berapa sih",
    ],
)
def test_a_number_a_percentage_or_years_paid_never_start_the_check(
    services: Services, typed: str
) -> None:
    chat = TypedChat(services)
    chat.type(typed, junk=True)  # the FAQ may or may not know the answer
    state, data = chat.state()
    assert state == "idle" and "eligibility" not in data, chat.text()
    assert "Saya catat" not in chat.text()


@pytest.mark.parametrize("typed", ["kerja 8 thn", "50%", "Rp50.000"])
def test_years_of_work_a_percentage_or_an_amount_are_no_age(services: Services, typed: str) -> None:
    chat = TypedChat(services)
    assert AGE_Q in chat.type("saya ojol mau cek bisa ikut bpjs tk gak")[-1].text
    replies = chat.type(typed, junk=True)
    state, data = chat.state()
    assert state == "eligibility.age" and "age" not in data["eligibility"]
    assert "Contoh: 35" in replies[-1].text


def test_two_unknown_works_then_a_number_from_the_choices(services: Services) -> None:
    chat = TypedChat(services, channel=Channel.WHATSAPP, chat_id="6281234500000")
    chat.type("menu")
    assert WORK_Q in chat.type("2")[-1].text
    chat.type("astronot", junk=True)
    again = chat.type("pilot pesawat", junk=True)[-1].text
    assert "Ketik nomor pilihan Anda:" in again and "3. Petani / nelayan" in again
    assert "Ketik batal untuk berhenti" in again
    assert AGE_Q in chat.type("3")[-1].text
    assert chat.state()[1]["eligibility"]["occupation"] == "farmer_fisher"
    assert chat.misses == []
