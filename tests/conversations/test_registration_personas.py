"""Registration typed from start to reference by people who never press a button.

Each persona asserts the turns it took (from its first message to the reference), that no
step failed to understand it (tests/conversations/driver.py defines that), and every column
of the lead stored. Budgets: typed ≤ 18 turns (issue 13), with buttons ≤ 14.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from bot.services import Services
from bot.storage.models import Conversation
from tests.conftest import FIXED_NOW, Chat, labels, texts
from tests.conversations.driver import TypedChat, lead_columns, play
from tests.conversations.people import (
    BUTTON_BUDGET,
    NIK,
    NIK_WIFE,
    REFERENCE,
    TYPED_BUDGET,
    finish,
    lead,
    leads_contact_id,
)


def test_ojol_in_slang_with_typos(branches: Services) -> None:
    chat = TypedChat(branches)
    play(
        chat,
        [
            "mau daftar",
            "iya setuju",
            "nama sy budi santoso",
            "5103 0615 0895 0001",
            "iya bener",
            "0812-3456-7890",
            "iya",
            "dalung",
            "ojol",
            "2jt",
            "jkk jkm aja",
            "tiap bulan",
            "ga",
            "udh bener kirim aja",
        ],
    )
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches)


def test_formal_clerk_writes_full_sentences(branches: Services) -> None:
    chat = TypedChat(branches)
    play(
        chat,
        [
            "Dengan hormat, saya ingin mendaftar sebagai peserta BPJS Ketenagakerjaan.",
            "Ya, saya setuju.",
            "Nama lengkap saya Siti Rahmawati",
            "NIK saya 5103065704970003",
            "Benar.",
            "Nomor telepon saya 081234567890",
            "Ya, benar.",
            "Desa Dalung",
            "Saya bekerja sebagai pedagang",
            "Penghasilan saya sekitar Rp3.000.000 per bulan",
            "JKK, JKM dan JHT",
            "Setiap 3 bulan",
            "Tidak, saya akan membayar sendiri",
            "Data sudah benar, silakan dikirim.",
        ],
    )
    assert chat.turns == 14
    finish(
        chat,
        branches,
        name="Siti Rahmawati",
        nik="5103065704970003",
        birth_date=date(1997, 4, 17),
        gender="P",
        occupation="trader",
        monthly_income=3_000_000,
        programs=["jkk", "jkm", "jht"],
        payment_period=3,
    )


def test_farmer_with_a_harvest_range_confirms_the_average(branches: Services) -> None:
    chat = TypedChat(branches)
    play(
        chat,
        ["daftar", "setuju", "Made Sukarta", NIK, "betul pak", "081234567890", "ya", "dalung"],
    )
    chat.type("petani sawah")
    asked = texts(chat.type("kalo panen bagus bisa 5 juta, rata2 1.5 juta"))
    assert "Rata-rata sebulan sekitar Rp1.500.000? (Ya / ketik angka lain)" in asked
    play(chat, ["iya", "jkk jkm", "sebulan sekali", "iya mau", "sip"])
    assert chat.turns == 15
    finish(
        chat,
        branches,
        name="Made Sukarta",
        occupation="farmer_fisher",
        monthly_income=1_500_000,
        sponsored_interest=True,
    )


def test_day_labourer_paid_per_day_corrects_the_estimate(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["ok daftar", "👍", "Budi Santoso", NIK, "ya", "0812 3456 7890", "iye", "dalung"])
    chat.type("kuli harian")
    asked = texts(chat.type("100rb sehari"))
    assert "Rata-rata sebulan sekitar Rp2.600.000?" in asked, "never stored as Rp100.000"
    play(chat, ["ga, 2 juta sebulan", "yg biasa aja jkk jkm", "bulanan", "ya", "kirim"])
    assert chat.turns == 15
    finish(chat, branches, occupation="day_labourer", sponsored_interest=True)


def test_a_question_in_the_middle_is_answered_and_the_step_asked_again(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "budi santoso", NIK, "ya", "081234567890", "ya", "dalung"])
    chat.type("ojek")
    answered = chat.type("iuran bpu sebulan berapa sih?")
    assert answered[-1].text.startswith("Berapa kira-kira penghasilan Anda sebulan?")
    assert len(answered) == 2 and "Rp" in answered[0].text
    assert chat.state()[0] == "registration.income"
    play(chat, ["2 juta", "jkk jkm", "tiap bulan", "tidak", "kirim"])
    assert chat.turns == 15
    finish(chat, branches)


def test_a_change_of_mind_at_the_summary(branches: Services) -> None:
    chat = TypedChat(branches)
    play(
        chat,
        ["daftar", "ok", "budi santoso", NIK, "y", "081298765432", "ya", "dalung", "ojol"],
    )
    play(chat, ["2 juta", "pakai jht", "tiap 6 bulan", "nggak"])
    assert "Periksa data Anda" in chat.text()
    assert "NIK: ••••••••••••0001" in chat.text() and NIK not in chat.text()
    assert "Nomor HP" in chat.type("ubah").__repr__()
    chat.type("nomor hp")
    assert "Nomor HP: 081234567890" in texts(chat.type("0812 3456 7890"))
    chat.type("kirim")
    assert chat.turns == 17
    finish(chat, branches, programs=["jkk", "jkm", "jht"], payment_period=6)


def test_a_stop_and_lanjut_the_next_day(branches: Services, settings) -> None:  # type: ignore[no-untyped-def]
    from bot.services import build_services

    chat = TypedChat(branches)
    play(chat, ["mau daftar", "sip", "budi santoso", NIK, "bener", "081234567890"])
    assert chat.state()[0] == "registration.regency"
    branches.close()  # the process stops; the next day a new one serves the same database
    restarted = build_services(settings, clock=lambda: FIXED_NOW)
    try:
        again = TypedChat(restarted, turns=chat.turns)
        back = texts(again.type("halo"))
        assert "belum selesai" in back
        resumed = texts(again.type("lanjut"))
        assert "Apakah Anda tinggal di Kab. Badung, Bali?" in resumed
        play(again, ["iya", "dalung", "ojol", "2jt", "jkk jkm", "tiap bulan", "ga", "kirim"])
        assert again.turns == 16
        finish(again, restarted)
    finally:
        restarted.close()


def test_a_family_member_from_the_same_phone_answers_for_herself(branches: Services) -> None:
    chat = TypedChat(branches)
    chat.type("halo")
    with branches.sessions.begin() as session:  # he had checked "ojol, 2 juta" first
        session.execute(
            update(Conversation).values(
                data={
                    "eligibility": {
                        "work": "self_employed",
                        "occupation": "transport",
                        "monthly_income": "2000000",
                        "programs": ["jkk", "jkm"],
                        "checked": True,
                    }
                }
            )
        )
    play(chat, ["daftar", "iya", "budi santoso", NIK, "ya", "081234567890", "ya"])
    assert "Seberapa sering" in texts(chat.type("dalung")), "his check's answers are reused"
    play(chat, ["tiap bulan", "ga", "ubah penghasilan", "3 juta"])
    chat.type("kirim")
    husband = REFERENCE.search(chat.text())
    assert husband
    wife = TypedChat(branches, chat_id=chat.chat_id)
    consent = texts(wife.type("mau daftar"))
    assert "Pendaftaran ini untuk orang lain" in consent, "her own consent"
    play(wife, ["iya setuju", "Ni Made Sari", NIK_WIFE, "iya bener", "081234567891", "ya"])
    asked = texts(wife.type("dalung"))
    assert "pekerjaan utama" in asked, "nothing of her husband's is reused"
    play(wife, ["jualan canang", "1,5 jt", "jkk jkm", "tiap bulan", "ya", "kirim"])
    assert wife.turns == 14
    finish(
        wife,
        branches,
        name="Ni Made Sari",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        phone="+6281234567891",
        occupation="trader",
        monthly_income=1_500_000,
        sponsored_interest=True,
    )
    assert lead_columns(branches, husband.group())["monthly_income"] == 3_000_000


def test_a_place_with_a_near_twin_is_taken_when_typed_exactly(branches: Services) -> None:
    chat = TypedChat(branches)
    kotabaru = "6302061508950001"  # Kab. Kotabaru, Pulaulaut Utara
    play(chat, ["mau daftar", "iya", "budi santoso", kotabaru, "ya", "081234567890", "ya"])
    asked = chat.type("Kotabaru Hilir")  # Kotabaru Hulu is close: no "Maksud Anda …?" for it
    assert texts(asked).startswith("Apa pekerjaan utama Anda?"), texts(asked)
    play(chat, ["nelayan", "2 juta", "jkk jkm", "tiap bulan", "ga", "kirim"])
    assert chat.turns == 14
    finish(
        chat,
        branches,
        nik=kotabaru,
        regency_code="63.02",
        district_code="63.02.22",
        village_code="63.02.22.1011",
        occupation="farmer_fisher",
        branch_id="kotabaru",
    )


def test_a_misspelt_place_with_a_near_twin_is_confirmed(branches: Services) -> None:
    chat = TypedChat(branches)
    kotabaru = "6302061508950001"
    play(chat, ["mau daftar", "iya", "budi santoso", kotabaru, "ya", "081234567890", "ya"])
    asked = chat.type("kotabaru hilr")
    assert "Maksud Anda Kotabaru Hilir, Pulaulaut Sigam, Kab. Kotabaru" in texts(asked)
    assert labels(asked)[1].startswith("Kotabaru Hulu"), "the close name is offered too"
    assert texts(chat.type("iya")).startswith("Apa pekerjaan utama Anda?")
    assert chat.misses == []


def test_a_yes_typed_at_the_desa_step_asks_for_the_desa_again(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "budi santoso", NIK, "ya", "081234567890", "ya"])
    # he confirms twice (or sent two at once): no desa is named, and the yes is no mistake
    asked = chat.type("iya")
    assert texts(asked) == "Ketik nama desa atau kelurahan tempat Anda tinggal. Contoh: Kedonganan"
    assert labels(asked) == [], "no desa is offered for a yes"
    play(chat, ["dalung", "ojol", "2jt", "jkk jkm", "tiap bulan", "ga", "kirim"])
    assert chat.turns == 15
    finish(chat, branches)


def test_a_yes_to_a_list_of_desa_shows_the_list_again(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "budi santoso", NIK, "ya", "081234567890", "ya"])
    listed = chat.type("tua", junk=True)  # no desa is called so; one is spelled close to it
    assert labels(listed) == ["Tuban, Kuta, Kab. Badung, Bali"]
    again = chat.type("iya", junk=True)
    assert texts(again) == "Yang mana maksud Anda? Pilih, atau ketik lagi namanya."
    assert labels(again) == labels(listed)
    play(chat, ["dalung", "ojol", "2jt", "jkk jkm", "tiap bulan", "ga", "kirim"])
    finish(chat, branches)


def test_a_word_no_place_is_spelled_like_brings_no_list(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "budi santoso", NIK, "ya", "081234567890", "ya"])
    replies = chat.type("bulanan")  # the answer to a later question: kept for it
    assert texts(replies) == (
        "Saya catat: tiap bulan.\n"
        "Ketik nama desa atau kelurahan tempat Anda tinggal. Contoh: Kedonganan"
    )
    assert labels(replies) == []  # WRatio's near misses had offered "Pangsan, Petang"
    replies = chat.type("jualan sayur di pasar")  # the work, kept for its step
    assert texts(replies) == (
        "Saya catat: Pedagang.\n"
        "Ketik nama desa atau kelurahan tempat Anda tinggal. Contoh: Kedonganan"
    )
    assert labels(replies) == []


def test_the_button_path_takes_at_most_14_turns(branches: Services) -> None:
    chat = Chat(branches)
    steps = [
        ("press", "register"),
        ("press", "agree"),
        ("say", "Budi Santoso"),
        ("say", NIK),
        ("press", "nik_yes"),
        ("say", "081234567890"),
        ("press", "regency_yes"),
        ("say", "dalung"),
        ("press", "occ:transport"),
        ("say", "2 juta"),
        ("press", "prog:base"),
        ("press", "period:1"),
        ("press", "sponsored_no"),
        ("press", "reg_submit"),
    ]
    for kind, value in steps:
        replies = chat.press(value) if kind == "press" else chat.say(value)
    assert len(steps) == 14 <= BUTTON_BUDGET
    found = REFERENCE.search(texts(replies))
    assert found
    assert lead_columns(branches, found.group()) == lead(
        reference=found.group(), contact_id=leads_contact_id(branches, found.group())
    )


# ------------------------------------------------------------------------------ in English


def test_ojol_types_in_english(branches: Services) -> None:
    """Yes/no, amounts, programs, period and the summary, all in everyday English."""
    chat = TypedChat(branches, language="en")
    said = {
        "I want to register": "Before you register",
        "yes I agree": "full name",
        "my name is Budi Santoso": "Type your NIK",
        "5103 0615 0895 0001": "born August 15, 1995, male. Is that right?",
        "yes that's right": "mobile phone number",
        "0812-3456-7890": "Do you live in Kab. Badung, Bali?",
        "yes": "desa or kelurahan",
        "dalung": "main work",
        "online motorbike driver": "earn in a month",
        "about 2 million a month": "Which programs?",
        "just jkk and jkm": "How often",
        "every month": "government program",
        "no thanks": "Please check your data",
        "looks good, send it": "Your registration has been sent",
    }
    for line, expected in said.items():
        assert expected in texts(chat.type(line)), (line, chat.text())
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches)


def test_trader_in_english_changes_her_phone_at_the_summary(branches: Services) -> None:
    chat = TypedChat(branches, language="en")
    play(
        chat,
        [
            "I'd like to sign up please",
            "sure",
            "I'm Siti Rahmawati",
            "my NIK is 5103065704970003",
            "yep",
            "my number is +62 812 3456 7890",
            "yes I live there",
            "Dalung village",
            "I have a vegetable stall at the market",
            "around 1.5 million",
            "with JHT please",
            "every 3 months",
            "no, I'll pay myself",
        ],
    )
    summary = chat.text()
    assert "Mobile number: 081234567890" in summary and "Payment: Every 3 months" in summary
    assert "Mobile number: 085712345678" not in texts(chat.type("change my phone number"))
    assert "Mobile number: 085712345678" in texts(chat.type("085712345678"))
    chat.type("send")
    assert chat.turns == 16 <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Siti Rahmawati",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        phone="+6285712345678",
        occupation="trader",
        monthly_income=1_500_000,
        programs=["jkk", "jkm", "jht"],
        payment_period=3,
    )


def test_a_bare_iya_after_a_list_of_places_is_not_the_nik_regency(branches: Services) -> None:
    """ "iya" answers "Which one?" with none of the places listed: the NIK's is not taken."""
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "iya", "budi santoso", NIK, "ya", "081234567890"])
    assert "Apakah Anda tinggal di Kab. Badung, Bali?" in chat.text()
    offered = chat.type("bandung")
    assert "Yang mana maksud Anda?" in texts(offered)
    assert labels(offered)[:2] == ["Kab. Bandung, Jawa Barat", "Kota Bandung, Jawa Barat"]
    again = texts(chat.type("iya", junk=True))
    state, data = chat.state()
    assert state == "registration.regency"
    assert "regency" not in data["registration"]
    assert "Yang mana maksud Anda?" in again
    chat.type("kota bandung")
    assert chat.state()[1]["registration"]["regency"] == "32.73"
