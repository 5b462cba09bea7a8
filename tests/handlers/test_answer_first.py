"""A message that asks something is answered as a question (issue 13, "answer first").

Words inside a question must not start a flow or a small-talk reply: an occupation and
"berapa" (the eligibility check), "ingin mendaftar" (the registration consent), "Terima
kasih" at the end of a letter or a greeting before a question (small talk), "dibayar pemda"
(the village-programme lookup), "udah 67 … daftar" (an officer's code). The messages are real ones from bot/domain/data/real_questions/dev.tsv.
A flow or small talk still starts when the message is that request and nothing more.
"""

from __future__ import annotations

import pytest

from bot.conversation import Reply
from bot.knowledge import load_knowledge
from tests.conftest import Chat, texts

CONSENT = "Sebelum mendaftar, mohon baca ini"
CHECK = "Baik, saya cekkan."
THANKS = "Sama-sama. Semoga membantu."
GREETING = "Halo, selamat datang!"
NO_PLACE = "Saya tidak menemukan tempat di program desa atau pemda"
WELCOME = "Halo! Saya asisten BPJS Ketenagakerjaan"

QUESTIONS = [
    # an occupation and "iurannya berapa" with a second question: the check started
    "Saya nelayan, daftarnya di mana dan iurannya berapa?",
    # "ingin mendaftar" inside a letter asking for information: the consent text came
    "Dengan hormat, saya seorang nelayan di Pesisir Selatan. Saya ingin mendaftar sebagai "
    "peserta BPJS Ketenagakerjaan. Mohon informasi besaran iuran dan manfaat yang saya "
    "peroleh. Terima kasih.",
    "mau daftar bpjs tk ada biayanya gak",
    # a letter that ends with thanks: "Sama-sama" came
    "Kepada Yth. BPJS Ketenagakerjaan, dengan hormat, suami saya nelayan meninggal akibat "
    "kecelakaan laut saat melaut. Mohon informasi dokumen yang perlu kami siapkan untuk klaim. "
    "Terima kasih.",
    # a greeting before a question, thanks before one: the greeting, "Sama-sama" came
    "selamat pagi, mau tanya cara klaim jht",
    "terima kasih, saya sudah daftar. kapan kartunya jadi?",
    # "terdaftar … dibayar pemda" in a story: the village lookup said it found no place
    "Bapak saya nelayan, meninggal karena perahunya karam diterjang ombak waktu melaut. Dia "
    "terdaftar BPJS TK, iurannya dibayar pemda. Keluarga dapat apa?",
    "ibu saya didaftarkan desa, dapat apa aja?",
    # "didaftarkan Pemkab" in a story about the writer's wife: the lookup knows the sender only
    "Istri saya kader posyandu yang didaftarkan Pemkab, meninggal karena sakit di rumah, bukan "
    "waktu tugas. Pasti dapat santunan 70 juta kan, karena didaftarkan pemerintah?",
    # "bisa didaftarkan … program Pemkab": whether he may be enrolled, not whether he was
    "Bapak saya guru ngaji umur 67 tahun, belum pernah ikut BPJS TK sama sekali. Bisa "
    "didaftarkan lewat program Pemkab untuk guru ngaji?",
    # "klo didaftarin pemkab": what follows being enrolled, supposed, not whether one was
    # (fresh55): the village lookup said it found no place
    "pak sy petani sawit, klo didaftarin pemkab bpjs tk itu gratis selamanya kah?",
    "nanti kalo sy udah didaftarin desa, iurannya siapa yg bayar?",
    # a fee per month and a kind of work: the check started
    "Iuran pekerja rumah tangga Rp36.800 per bulan itu dapat program apa saja?",
    # "udah 67 … daftar" was pieced into an officer's code UDAH67: the greeting came
    "bapak saya udah 67 tahun, masih jualan, bisa daftar?",
    # an age, a kind of work and "dapat mendaftar" asked of someone never enrolled, or of
    # whether one's age bars joining: the first registration's rule, not the writer's check
    "Apakah seorang pedagang berusia 68 tahun yang belum pernah terdaftar masih dapat "
    "mendaftar sebagai peserta Bukan Penerima Upah?",
    "Saya sopir angkot di Batu sudah 15 tahun, umur saya 63. Kalau Pemkot jadi mendaftarkan "
    "sopir angkot, saya masih bisa ikut nggak karena umur?",
    # a regulation's number and year ("Nomor 51 Tahun 2020") read as an age beside a kind of
    # work: the check started and noted "usia 51"
    "Pergub NTB Nomor 51 Tahun 2020 menyebut pegawai pemerintah non pegawai negeri sebagai "
    "pekerja yang wajib menjadi peserta jaminan sosial ketenagakerjaan. Apakah tenaga honorer "
    "di instansi pemerintah daerah didaftarkan oleh instansinya dan program apa yang mereka "
    "peroleh?",
    "UU Nomor 24 Tahun 2011 menyebut pekerja informal bisa jadi peserta. Apakah pedagang kaki "
    "lima bisa ikut dan program apa saja yang didapat?",
    # whether one is too old asks the first registration's age limit: the check started
    "Saya pekebun sawit di Siak umur 58 tahun. Apa saya masih bisa masuk program BPJS "
    "Ketenagakerjaan yang dibiayai DBH sawit, atau sudah terlalu tua?",
    "sy tukang ojek umur 63, ketuaan ga buat daftar bpjs tk?",
    # whether a small or uncertain income bars joining asks the income rule, of anyone
    # (fresh56): the check started and noted the work
    "Kuli panggul cuma dapat 10 ribu sekali angkut, penghasilan sekecil itu bisa ikut BPJS TK?",
    # years of one's work ("pengalaman 20 tahun", "sudah melaut 30 tahun") are no age: with the
    # work they made two facts and the check started
    "sy penjahit pengalaman 20 tahun bisa ikut?",
    "saya nelayan sudah melaut 30 tahun bisa ikut bpjs tk?",
    "saya pedagang, sudah jualan 20 tahun, bisa ikut?",
    # the BPU programme's own name holds the employee's words: a question about BPU
    "peserta Bukan Penerima Upah",
    "saya bukan penerima upah",
    "Bukan Penerima Upah itu apa",
]


def _answers() -> set[str]:
    """Every in-scope entry's first answer, as the FAQ sends it."""
    return {e.answer for e in load_knowledge()["id"].entries if not e.is_redirect}


def _is_answer(reply: Reply) -> bool:
    """An entry's answer, alone or under the numbered question it answers ("1. …?")."""
    return reply.text in _answers() or reply.text.partition("\n")[2] in _answers()


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_question_holding_a_flows_words_is_answered(chat: Chat, question: str) -> None:
    replies = chat.say(question)
    said = texts(replies)
    for hijack in (CONSENT, CHECK, THANKS, GREETING, NO_PLACE, WELCOME):
        assert hijack not in said, question
    assert _is_answer(replies[0]), said


@pytest.mark.parametrize(
    ("message", "first_words"),
    [
        ("mau daftar", CONSENT),
        ("Dengan hormat, saya ingin mendaftar sebagai peserta BPJS Ketenagakerjaan. Terima kasih.",
         CONSENT),
        ("saya petani umur 57 bisa ikut?", "Baik, saya cekkan. Saya catat: Petani, usia 57."),
        ("aku ojol 2jt sebulan iurannya brp", CHECK),
        ("sy ojol umur 58 bs ikut ga? iuran brp", "Baik, saya cekkan. Saya catat: Ojol, usia 58."),
        # an age with years of work beside it is still the writer's age
        ("saya petani umur 57 tahun, sudah bertani 30 tahun, bisa ikut?",
         "Baik, saya cekkan. Saya catat: Petani, usia 57."),
        ("sy pedagang gaji 5 juta, bisa ikut JP?", "Belum bisa. JP (Jaminan Pensiun)"),
        ("terima kasih", THANKS),
        ("makasih ya", THANKS),
        ("saya sudah didaftarkan desa?", NO_PLACE),
        ("saya sudah didaftarkan desa belum?", NO_PLACE),
        # a statement of one's own age or income, asking nothing, is what the check asks for
        ("umur 52", "Baik, saya cekkan. Saya catat: usia 52."),
        ("saya umur 52 thn", "Baik, saya cekkan. Saya catat: usia 52."),
        ("penghasilan saya 3 juta sebulan", CHECK),
    ],
)  # fmt: skip
def test_the_request_itself_still_starts_its_flow(
    chat: Chat, message: str, first_words: str
) -> None:
    assert chat.say(message)[0].text.startswith(first_words)


AGE_MIN = "Kami tidak menemukan aturan resmi tentang usia minimal"
AGE_MAX = "Pekerja mandiri (BPU) yang mendaftar pertama kali harus berusia di bawah 65"


def test_an_age_typed_after_who_may_join_is_checked(chat: Chat) -> None:
    """ "bs ikut?" is answered (under 65 may join); "umur 52" then starts the check with it,
    and with the work the question named, so neither is asked."""
    assert "di bawah 65 tahun" in texts(chat.say("sy pedagang sayur di pasar, bs ikut bpjs tk ga?"))
    replies = chat.say("umur 52")
    assert replies[0].text == "Baik, saya cekkan. Saya catat: Pedagang, usia 52."
    assert "Apakah Anda warga negara Indonesia?" in texts(replies[1:])


def test_someone_elses_work_and_age_are_not_taken_for_the_writers(chat: Chat) -> None:
    """The father's question is answered for him, and "umur 52" after it is his age too: no
    check of the writer starts with the father's work or age."""
    said = chat.say("bapak saya nelayan, bisa ikut bpjs tk?")[-1].text
    assert said.startswith("Bisa, dia bisa ikut. Kalau bekerja sendiri (nelayan)"), said
    said = texts(chat.say("umur 52"))
    assert said.startswith("Bisa, dia bisa ikut. Umur 52 masih di bawah 65 tahun"), said
    assert "Saya catat" not in said, said
    said = texts(chat.say("umur 67"))  # past the first-registration age: the FAQ's answer
    assert said.startswith(AGE_MAX), said


def test_an_unsure_reading_is_not_overruled_by_the_other_languages_redirect(chat: Chat) -> None:
    # The English index, reading Indonesian words it does not know, sent this to BPJS Kesehatan.
    replies = chat.say("sy mau daftarin ibu sy, dia ga punya hp")
    said = texts(replies)
    assert "BPJS Kesehatan" not in said
    assert said.startswith("Bisa. Tanpa ponsel pintar")


def test_an_ordinary_adult_age_is_no_question_on_an_age_limit(chat: Chat) -> None:
    # "25 th" drew the minimum-age entry ("anak 15 tahun kerja bisa daftar"): a garage
    # worker's question, with his age told in passing.
    # The son's own case (handlers/registration/relative.py), after the FAQ's rule when the
    # FAQ is sure of it; never an age limit.
    said = texts(chat.say("selamat pagi pak, anak saya 25 th kerja bengkel bisa ikut?"))
    assert not said.startswith((AGE_MIN, AGE_MAX)), said
    assert "Bisa, dia bisa ikut. Kalau bekerja sendiri (bengkel)" in said, said


def test_an_adult_relatives_age_told_with_his_work_draws_no_age_limit(chat: Chat) -> None:
    said = texts(chat.say("anak saya kerja bengkel umur 25, bisa ikut bpjs tk?"))
    assert not said.startswith((AGE_MIN, AGE_MAX)), said
    assert "BPU" in said, said


@pytest.mark.parametrize(
    ("question", "answer"),
    [("anak saya umur 16 bisa ikut?", AGE_MIN), ("bapak saya umur 67 bisa daftar?", AGE_MAX)],
)
def test_an_age_near_a_limit_still_asks_about_it(chat: Chat, question: str, answer: str) -> None:
    assert texts(chat.say(question)).startswith(answer)
