"""The form engine as people meet it, through registration on the real engine and database.

Words at the consent and the summary, short re-asks, numbered choices after two misses,
questions inside a form, words that work in every state, kembali, scoped buttons.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.conversation import Channel
from bot.forms import brief, form_of
from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.storage.models import Conversation, UnansweredQuestion
from tests.conftest import Chat, labels, texts
from tests.conversations.driver import TypedChat

NIK = "5103061508950001"


@pytest.fixture
def typed(services: Services) -> TypedChat:
    with services.sessions.begin() as session:
        seed_if_empty(session)
    return TypedChat(services)


def unanswered(services: Services) -> int:
    with services.sessions() as session:
        return session.scalar(select(func.count()).select_from(UnansweredQuestion)) or 0


@pytest.mark.parametrize("said", ["iya setuju", "iya bener", "betul pak", "sip", "👍", "Setuju"])
def test_everyday_yes_at_the_consent(typed: TypedChat, said: str) -> None:
    typed.type("mau daftar")
    assert "nama lengkap" in texts(typed.type(said))
    assert typed.misses == []


@pytest.mark.parametrize("said", ["ga", "nggak", "jangan", "tidak setuju"])
def test_everyday_no_at_the_consent_stores_nothing(typed: TypedChat, said: str) -> None:
    typed.type("daftar")
    assert "tidak ada data yang disimpan" in texts(typed.type(said))
    assert typed.state() == ("idle", typed.state()[1]) and "registration" not in typed.state()[1]


def test_a_miss_at_the_consent_is_re_asked_briefly_then_numbered(
    typed: TypedChat, services: Services
) -> None:
    consent = texts(typed.type("daftar"))
    assert len(consent) > 600
    first = typed.type("hmm gimana ya", junk=True)  # a question: answered or deferred
    assert len(first[-1].text) < 200 and "Ketik ya atau tidak" in first[-1].text
    miss = typed.type("wkwkwk")
    assert "Ketik ya atau tidak" in texts(miss) and len(texts(miss)) < 300
    assert labels(miss) == ["Setuju", "Tidak setuju"], "the buttons stay"
    assert typed.misses and typed.misses[0].typed == "wkwkwk", "the driver sees a miss"
    again = texts(typed.type("qwerty"))  # the web chat numbers the choices itself
    assert "Ketik nomor pilihan Anda" in again and "batal" in again
    assert "1. Setuju" not in again
    assert typed.state()[0] == "registration.consent"
    assert unanswered(services) == 0


def test_telegram_gets_the_choices_numbered_in_the_text(services: Services) -> None:
    telegram = TypedChat(services, channel=Channel.TELEGRAM)
    telegram.type("daftar")
    telegram.type("hmm", junk=True)
    again = telegram.type("hmmm", junk=True)
    assert "1. Setuju\n2. Tidak setuju" in texts(again) and labels(again) == [
        "Setuju",
        "Tidak setuju",
    ]


def test_a_bare_number_or_lanjut_inside_a_form_never_reaches_the_faq(
    typed: TypedChat, services: Services
) -> None:
    for line in ("daftar", "iya", "Budi Santoso"):
        typed.type(line)
    number = texts(typed.type("12", junk=True))
    assert "16 angka" in number and "Ketik NIK Anda" in number
    assert "Ketik NIK Anda" in texts(typed.type("lanjut"))
    assert typed.state()[0] == "registration.nik"
    assert unanswered(services) == 0


def test_a_question_inside_a_form_is_answered_and_not_logged(
    typed: TypedChat, services: Services
) -> None:
    for line in ("daftar", "iya", "Budi Santoso"):
        typed.type(line)
    known = typed.type("jkk itu apa?")
    assert "Kecelakaan Kerja" in known[0].text and "Ketik NIK Anda" in known[-1].text
    unknown = typed.type("xyzzy plugh frobnicate?")
    assert "setelah isian ini selesai" in unknown[0].text and "175" in unknown[0].text
    assert "Ketik NIK Anda" in unknown[-1].text and "belum bisa menjawab" not in texts(unknown)
    elsewhere = typed.type("kenapa langit biru?")  # out of scope: said so, then the step
    assert "Ketik NIK Anda" in elsewhere[-1].text
    assert typed.misses == [] and unanswered(services) == 0


def test_a_long_answer_inside_a_form_is_cut_to_its_start(
    typed: TypedChat, services: Services
) -> None:
    """The question is answered in a few lines, with where the rest is; the step comes next."""
    question = "jht bisa cair kalau masih kerja?"
    outside = TypedChat(services, chat_id="typed-outside")
    whole = outside.type(question)[0].text  # the answer as it comes outside a form
    paragraphs = whole.split("\n\n")
    assert len(paragraphs) >= 2, whole
    for line in ("daftar", "iya", "Budi Santoso"):
        typed.type(line)
    told = typed.type(question)
    assert len(told) == 2 and "Ketik NIK Anda" in told[-1].text
    shown = told[0].text
    assert shown.startswith(paragraphs[0][:60]) and len(shown) < len(whole)
    assert paragraphs[1] not in shown, "the rest waits for after the form"
    assert shown.endswith(
        "(Singkatnya. Untuk jawaban lengkap, ketik lagi pertanyaan Anda setelah isian ini selesai.)"
    )
    assert typed.misses == []


def test_a_short_answer_inside_a_form_is_shown_whole_without_the_note(
    typed: TypedChat, services: Services
) -> None:
    """An answer of two short paragraphs is all said: no "type it again after this form"."""
    question = "udh klaim jht masih bisa dapat jkp?"
    outside = TypedChat(services, chat_id="typed-outside")
    whole = outside.type(question)[0].text
    assert "\n\n" in whole and len(whole) <= 240, whole
    for line in ("daftar", "iya", "Budi Santoso"):
        typed.type(line)
    told = typed.type(question)
    assert [r.text for r in told] == [
        whole,
        "Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001",
    ]
    assert "setelah isian ini selesai" not in texts(told) and typed.misses == []


def test_where_were_we_shows_the_step_again(typed: TypedChat) -> None:
    """ "td sampe mana ya" at a step asks for where the form stopped, not a question answered."""
    for line in ("daftar", "iya", "Budi Santoso"):
        typed.type(line)
    for asked in ("td sampe mana ya", "tadi sampai mana", "sampe mana tadi?"):
        assert "Ketik NIK Anda" in texts(typed.type(asked))
        assert typed.state()[0] == "registration.nik"
    assert typed.misses == []


def test_kembali_goes_to_the_previous_field(typed: TypedChat) -> None:
    for line in ("daftar", "iya", "Budi Santoso"):
        typed.type(line)
    assert "nama lengkap" in texts(typed.type("kembali"))
    assert "name" not in typed.state()[1]["registration"]
    typed.type("Budi Santoso")
    assert typed.state()[0] == "registration.nik"


def test_daftar_starts_registration_from_any_state(services: Services) -> None:
    chat = Chat(services)
    chat.press("eligibility")
    assert "persetujuan" in texts(chat.say("ok daftar"))
    chat.say("apa itu jkm")
    assert "persetujuan" in texts(chat.say("mau daftar")), "after an answer too"


def test_bicara_dengan_petugas_gives_175_and_office_hours(typed: TypedChat) -> None:
    for line in ("daftar", "iya"):
        typed.type(line)
    told = typed.type("bicara dengan petugas")
    assert "175" in told[0].text and "Senin–Jumat 08.00–15.30" in told[0].text
    assert "nama lengkap" in told[-1].text, "the form's question again"
    assert "175" in texts(typed.type("admin"))


def test_halo_and_lanjut_resume_a_half_finished_form(typed: TypedChat) -> None:
    for line in ("daftar", "iya", "Budi Santoso", NIK, "ya"):
        typed.type(line)
    greeted = typed.type("halo")
    assert "belum selesai" in texts(greeted) and labels(greeted) == ["Lanjutkan", "Menu utama"]
    assert "nomor HP" in texts(typed.type("lanjut"))
    assert typed.state()[0] == "registration.phone"
    typed.type("halo")
    typed.type("081234567890")  # answered straight after the greeting: still the form's answer
    assert typed.state()[0] == "registration.regency" and typed.misses == []
    typed.type("menu")
    assert "belum selesai" in texts(typed.type("halo"))
    assert "Apakah Anda tinggal di Kab. Badung" in texts(typed.type("1"))


def test_lanjut_with_nothing_to_continue(typed: TypedChat) -> None:
    assert "Tidak ada isian" in texts(typed.type("lanjut"))


def test_a_confirm_button_from_an_earlier_question_is_stale(services: Services) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
    chat = Chat(services)
    chat.press("register")
    chat.press("agree")
    chat.say("Budi Santoso")
    chat.say(NIK)
    chat.press("nik_yes")
    chat.say("081234567890")
    chat.press("regency_yes")
    chat.say("dalung")
    chat.press("occ:transport")
    asked = chat.say("100rb sehari")
    assert labels(asked) == ["Ya", "Tidak"]
    chat.say("2 juta")  # another answer instead: the confirmation is gone
    stale = texts(chat.press("form:yes"))
    assert "Tombol itu dari pesan sebelumnya" in stale
    reg = [v for k, v in _data(services).items() if k == "registration"][0]
    assert reg["income"] == "2000000"


def _data(services: Services) -> dict[str, object]:
    return TypedChat(services, chat_id="chat-1").state()[1]


def test_ubah_at_the_summary_opens_the_change_menu(typed: TypedChat) -> None:
    for line in ("daftar", "iya", "Budi Santoso", NIK, "ya", "081234567890", "ya", "dalung"):
        typed.type(line)
    for line in ("ojol", "2 juta", "jkk jkm", "tiap bulan", "ga"):
        typed.type(line)
    change = typed.type("ubah")
    assert "Data mana yang ingin Anda ubah?" in texts(change)
    assert labels(change)[:3] == ["Nama", "NIK", "Nomor HP"]
    assert typed.misses == []


def test_every_form_state_is_a_constant_of_its_form() -> None:
    from handlers.registration import FORM

    assert FORM.state("income") == "registration.income"
    assert form_of("registration.income") is FORM
    with pytest.raises(KeyError):
        FORM.state("no_such_field")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("menu utama", "Apa yang ingin Anda lakukan?"),
        ("gak jadi deh", "Dibatalkan. Ini menu utama."),
        ("tolong", "Kata-kata ini bisa Anda ketik kapan saja"),
        ("hapus data sy", "Hapus semua data Anda?"),
        ("lihat data saya", "Ini data Anda yang tersimpan"),
        ("mau ngomong sama orang", "175"),
        ("balik", "nama lengkap"),  # kembali: the previous question
    ],
)
def test_everyday_words_work_inside_a_form(
    typed: TypedChat, services: Services, word: str, expected: str
) -> None:
    for line in ("daftar", "iya", "Budi Santoso"):
        typed.type(line)
    assert expected in texts(typed.type(word))
    assert typed.misses == [] and unanswered(services) == 0


def test_an_answer_typed_as_a_question_is_read_as_the_answer(typed: TypedChat) -> None:
    for line in ("daftar", "iya", "Budi Santoso", NIK, "ya", "081234567890", "ya", "dalung"):
        typed.type(line)
    typed.type("ojol")
    typed.type("2 juta?")
    assert typed.state()[1]["registration"]["income"] == "2000000"
    assert typed.misses == []


def test_a_typed_ya_after_hapus_data_saya_deletes_and_never_answers_the_form(
    typed: TypedChat,
) -> None:
    typed.type("daftar")
    assert "Hapus semua data Anda?" in texts(typed.type("hapus data saya"))
    assert "Tidak ada yang dihapus" in texts(kept := typed.type("ga"))
    assert "Ketik ya atau tidak" in texts(kept) and typed.state()[0] == "registration.consent"
    assert (
        "registration" in typed.state()[1] and "consent_at" not in typed.state()[1]["registration"]
    ), "the 'ga' did not decline the consent, nor the 'ya' below accept it"
    typed.type("hapus data sy")
    assert "Selesai. Saya sudah menghapus 0 pendaftaran" in texts(typed.type("iya"))
    assert typed.state() == ("idle", {})


def test_leaving_the_delete_question_disarms_it(services: Services) -> None:
    chat = Chat(services)
    chat.say("hapus data saya")
    chat.say("menu")
    again = texts(chat.press("erase_yes"))  # the old button, after leaving the question
    assert "Hapus semua data Anda?" in again and "Selesai" not in again


def test_a_step_whose_earlier_answers_are_gone_asks_the_first_missing_question(
    typed: TypedChat, services: Services
) -> None:
    """A chat saved at the village question with no regency (data lost, an old version)."""
    typed.type("daftar")
    typed.type("setuju")
    with services.sessions.begin() as session:
        row = session.scalars(
            select(Conversation).where(Conversation.chat_id == typed.chat_id)
        ).one()
        row.state = "registration.village"
    replies = typed.type("Sukawati")
    assert typed.state()[0] == "registration.name" and "nama lengkap" in texts(replies)


def test_brief_keeps_whole_sentences() -> None:
    long = "Ya. " + "Iuran Rp16.800 sebulan dibayar di bank. " * 10
    cut, left_out = brief(long.strip() + "\n\nLainnya.")
    assert left_out and cut.startswith("Ya. Iuran Rp16.800 sebulan") and cut.endswith("bank.")
    assert len(cut) <= 240
    assert brief("Satu paragraf saja.") == ("Satu paragraf saja.", False)
    one = "Kalimat yang sangat panjang " * 20
    assert brief(one) == (one.strip(), False), "one long sentence is kept whole"
