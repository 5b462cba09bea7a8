"""Free-text questions through the real engine: answered, clarified, redirected or kept."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from bench import realsets
from bot.conversation import Reply
from bot.engine import Engine
from bot.routing import Router, Turn
from bot.services import Services
from bot.storage.models import UnansweredQuestion
from handlers import faq, menu
from tests.conftest import FIXED_NOW, Chat, labels, run_bot, texts

ROOT = Path(__file__).resolve().parents[2]


def test_a_typed_question_gets_the_specific_answer_first(chat: Chat) -> None:
    answer = texts(chat.say("klaim jkk ada batas waktunya?"))
    assert "5 tahun" in answer.split("\n")[0]


def test_bpjs_kesehatan_is_redirected_to_165(chat: Chat) -> None:
    assert "165" in texts(chat.say("kartu bpjs kesehatan saya ga aktif gmn"))


def test_a_question_naming_daftar_and_an_age_is_answered_not_greeted(chat: Chat) -> None:
    # "umur 64" once read as an officer's code (UMUR64) next to "daftar": the greeting came.
    for question in ("Saya umur 64, masih bisa daftar BPU?", "sudah bayar 2 tahun, daftar lagi?"):
        first = chat.say(question)[0]
        assert not first.text.startswith("Halo!"), question


def test_read_more_and_menu_follow_an_answer(chat: Chat) -> None:
    replies = chat.say("apa itu jkk")
    assert texts(replies).startswith("JKK (Jaminan Kecelakaan Kerja)")
    assert labels(replies) == ["Selengkapnya", "Menu utama"]
    more = texts(chat.say("selengkapnya"))
    assert "STMB" in more and "Sumber: PP 44/2015" in more
    assert labels(chat.say("menu"))[0] == "Info program"


def test_a_close_call_is_answered_and_the_runners_up_offered(chat: Chat) -> None:
    first, offer = chat.say("kartu")
    best = faq.entry("id", faq.match("kartu", "id").entry_id or "")
    assert best is not None and first.text == best.answer
    assert offer.text == "Atau maksud Anda:"
    assert labels([offer])[-1] == "Bukan semuanya"
    other = texts(chat.say("1"))
    assert other not in (first.text, offer.text) and "175" not in other


def test_two_questions_in_one_message_get_both_answers_in_order(chat: Chat) -> None:
    replies = chat.say("Pak, JHT bisa cair kapan? Dan JP itu apa?")
    first, second = replies
    assert first.text.startswith("1. Kapan JHT bisa dicairkan?\nJHT bisa dicairkan penuh")
    assert second.text.startswith("2. Apa itu JP?\nJP (Jaminan Pensiun)")
    # The buttons come with the last answer: its "Read more" by number, and the menu.
    assert first.choices == ()
    assert labels(replies) == ["Selengkapnya 2", "Menu utama"]
    assert "Sumber:" in texts(chat.say("Selengkapnya 2"))


@pytest.mark.parametrize(
    ("message", "fragments"),
    [
        # "Saya nelayan" states who asks; "daftarnya di mana" asks where to register, not
        # whether a fisher may join.
        (
            "Saya nelayan, daftarnya di mana dan iurannya berapa?",
            ("Anda bisa mendaftar sendiri", "JKK + JKM = Rp16.800"),
        ),
        # Two questions joined by a bare comma.
        ("iurannya berapa, bayarnya dimana?", ("JKK + JKM = Rp16.800", "Indomaret")),
        # The second question names no program: it asks about the first one's (JKM).
        ("Berapa lama JKM cair dan dokumennya apa saja?", ("3 hari kerja", "Akta kematian")),
        ("iuran bpu brp, trus kalo telat bayar gimana?", ("Rp6.800", "Tidak ada denda")),
        # A question sure of its own entry is answered though the whole message ranks it low.
        ("kalau meninggal dapat berapa? terus JHT bisa cair kapan?", ("santunan", "usia 56")),
        # After a story, each question is read on its own words when the story drowns it.
        (
            "Saya petani, dulu iuran saya dibayar desa. Sekarang bantuannya sudah habis dan "
            "saya harus lanjut sendiri. Caranya gimana dan bayarnya di mana?",
            ("Jika iuran yang dibayari desa, pemda, atau pihak lain", "sebagai kode iuran"),
        ),
        # "berkasnya apa aja" names nothing: the papers of the accident the first one asks of.
        (
            "Kecelakaan kerja wajib dilaporkan paling lambat kapan, terus berkasnya apa aja?",
            ("2 x 24 jam", "Siapkan untuk klaim JKK"),
        ),
    ],
)
def test_each_question_typed_together_is_answered(
    chat: Chat, message: str, fragments: tuple[str, ...]
) -> None:
    answers = [reply.text for reply in chat.say(message) if reply.text[:2] in ("1.", "2.")]
    assert len(answers) == 2
    for fragment in fragments:
        assert any(fragment in answer for answer in answers), fragment


@pytest.mark.parametrize(
    ("message", "fragments"),
    [
        # The death benefit the whole message reads answers the second question: no third
        # answer. Which death benefit the ranking puts first for a death whose cause is unsaid
        # (JKM's, the better; or a death at work's) moved with the retrained weights.
        (
            "iuran bpu berapa? terus kalau meninggal ahli waris dapat berapa?",
            (
                "Iuran pekerja mandiri (BPU) sebulan",
                (
                    "JKM (Jaminan Kematian) memberi santunan",
                    "Jika peserta meninggal karena kecelakaan kerja, ahli waris mendapat",
                ),
            ),
        ),
        # A question read surely is answered though other entries read close to it.
        (
            "ojol kalau kecelakaan ditanggung ga, iurannya brp?",
            ("Bagi pengemudi ojol", "Iuran pekerja mandiri (BPU) sebulan"),
        ),
        # The story drowns the second question: it is read on its own words.
        (
            "Saya juru parkir di pasar dan sudah terdaftar JKK dan JKM. Kalau kecelakaan waktu "
            "pulang kerja ditanggung tidak? Lalu santunan kematian biasa berapa?",
            ("Ya, ditanggung. JKK", "JKM (Jaminan Kematian) memberi santunan"),
        ),
        # ", dan" after a clause starts the second question.
        (
            "Apakah pekerja mandiri dapat mendaftar secara berkelompok, dan iurannya dibayarkan "
            "melalui ketua kelompok?",
            ("mendaftar berkelompok lewat wadah", "lewat ketua wadah"),
        ),
        # A follow-up that reads as nothing alone is read after the question before it.
        (
            "kalo telat bayar 3 bulan ada dendanya? terus bisa aktif lagi?",
            ("Tidak ada denda bagi pekerja mandiri", "nonaktif bisa aktif lagi"),
        ),
        # The second question reads as the first one's entry again but asks another thing
        # (when), which that entry does not answer: the next reading that does answers it.
        (
            "anak saya baru 4 tahun waktu bapaknya meninggal kecelakaan kerja. dia bisa dapat "
            "beasiswa? terus beasiswanya diklaim kapan?",
            ("Anak mendapat beasiswa jika peserta", "saat mencapai usia sekolah"),
        ),
        # The brief's own two questions: the amount, then where to register.
        (
            "iuran bpu berapa? terus daftarnya dimana?",
            ("Iuran pekerja mandiri (BPU) sebulan", "Anda bisa mendaftar"),
        ),
        # A question read less surely, among the message's best, is answered, not a button.
        (
            "ART bisa daftar sendiri lewat jmo? iurannya mulai berapa?",
            ("Asisten rumah tangga termasuk", "Paket paling murah Rp16.800"),
        ),
        (
            "PRT bisa ikut JHT juga? Kalau majikan mau bayarin iurannya, gimana?",
            ("Asisten rumah tangga termasuk", "JHT sukarela"),
        ),
    ],
)
def test_two_questions_get_two_answers_and_no_more(
    chat: Chat, message: str, fragments: tuple[str | tuple[str, ...], ...]
) -> None:
    """Exactly two numbered answers, each with its fragment (or one of its alternatives)."""
    numbered = [r.text for r in chat.say(message) if r.text[:1].isdigit() and r.text[1:3] == ". "]
    assert len(numbered) == 2
    for fragment in fragments:
        either = (fragment,) if isinstance(fragment, str) else fragment
        assert any(f in answer for f in either for answer in numbered), fragment


def test_a_numbered_list_on_one_line_gets_each_item_answered(chat: Chat) -> None:
    replies = chat.say("Saya mau tanya: 1) iuran bpu berapa 2) daftarnya di mana 3) telat bayar?")
    answers = [reply.text for reply in replies if reply.text[:2] in ("1.", "2.", "3.")]
    assert len(answers) == 3
    for fragment in (
        "Iuran pekerja mandiri (BPU) sebulan",
        "Anda bisa mendaftar",
        "Tidak ada denda",
    ):
        assert any(fragment in answer for answer in answers), fragment


def test_two_problems_and_one_how_get_both_answered(chat: Chat) -> None:
    replies = chat.say("Kartu peserta saya hilang. Saya juga lupa nomor KPJ. Gimana ngurusnya?")
    answers = [reply.text for reply in replies if reply.text[:2] in ("1.", "2.")]
    assert len(answers) == 2
    assert any("Nomor KPJ (nomor kartu peserta) bisa dilihat" in answer for answer in answers)
    assert any("Jika kartu hilang, Anda cukup menunjukkan NIK" in answer for answer in answers)


def test_one_question_about_two_programs_gets_one_answer(chat: Chat) -> None:
    replies = chat.say("berapa iuran JKK dan JKM?")
    assert replies[0].text.startswith("Iuran pekerja mandiri (BPU) sebulan")
    assert not any(reply.text.startswith("2.") for reply in replies)


@pytest.mark.parametrize(
    ("message", "opening"),
    [
        # A stated fact and one question: the work is the question's context.
        ("saya ojol, iurannya berapa?", "Baik, saya cekkan."),
        # The second "?" asks the first again: re-reading it as the next entry the message
        # ranks (tried: +10 of dev's 229 two-question messages answered both ways) answered
        # 285 more one-question messages twice, this one with the waiting period.
        ("resign kapan jht bisa cair? sebulan ya abis kluar?", "Bisa. Jika Anda mengundurkan"),
        ("kakak sy meninggal blm nikah, saldo jht nya jatuh ke siapa? ke ibu kami?", "Urutan"),
        # "kapan" after "berapa lama" asks another kind of thing (bot.domain.asks) of the same
        # payment: still one answer.
        ("berapa lama klaim jkm cair? kapan uangnya masuk?", "Paling lama 3 hari kerja"),
    ],
)
def test_one_thing_asked_in_two_clauses_gets_one_answer(
    chat: Chat, message: str, opening: str
) -> None:
    replies = chat.say(message)
    assert replies[0].text.startswith(opening)
    assert not any(reply.text[:3] in ("1. ", "2. ") for reply in replies)


def test_a_story_with_one_question_gets_one_answer(chat: Chat) -> None:
    story = (
        "Saya kena PHK sudah lebih dari sebulan, tapi surat PHK dari perusahaan hilang entah "
        "ke mana. Masih bisa klaim JHT? Pakai bukti apa?"
    )
    first = chat.say(story)[0]
    article = faq.entry("id", "jht.phk")
    assert article is not None and first.text == article.answer


def test_unknown_question_is_kept_masked_and_listed(services: Services, chat: Chat) -> None:
    replies = chat.say("zxqv nik 5103011508950003 wkwk qwpzl")
    assert "175" in texts(replies)
    with services.sessions() as session:
        stored = session.execute(select(UnansweredQuestion.text)).scalars().all()
    assert stored and "5103011508950003" not in stored[0] and "[NIK_1]" in stored[0]


def question_router() -> Router:
    """A form step next to the real FAQ: a question typed mid-form is answered, then re-asked."""
    router = Router()
    router.include(menu.router)
    router.include(faq.router)

    def ask_age(turn: Turn) -> list[Reply]:
        return [Reply("Ketik usia Anda, contoh: 35")]

    @router.step("form.age", prompt=ask_age)
    def age(turn: Turn) -> list[Reply] | None:
        if not turn.text.isdigit():
            return None
        turn.state = "idle"
        return [Reply(f"Usia {turn.text} dicatat.")]

    @router.action("form")
    def start_form(turn: Turn) -> list[Reply]:
        turn.state = "form.age"
        return ask_age(turn)

    return router


def test_a_question_mid_form_is_answered_and_the_form_resumes(services: Services) -> None:
    engine = Engine(services.sessions, question_router(), clock=lambda: FIXED_NOW)
    services_with_form = replace(services, engine=engine)
    chat = Chat(services_with_form)
    chat.press("form")
    replies = chat.say("iuran bpjs tk brp sebulan")
    assert "Rp6.800" in texts(replies) or "Rp16.800" in texts(replies)
    assert replies[-1].text == "Ketik usia Anda, contoh: 35"
    assert texts(chat.say("35")) == "Usia 35 dicatat."


def test_ask_command_writes_one_json_object_per_question(tmp_path: Path) -> None:
    # The real sets are scored in the test process (bench.realsets.all_replies): on the first
    # of dev's questions the command's own process must give each reply it gives.
    dev = [q.text for q in realsets.load_set(realsets.SETS["dev"])[:40]]
    questions = "klaim jkk ada batas waktunya?\nbpjs kesehatan saya\n\n"
    result = run_bot(["ask"], tmp_path, stdin=questions + "".join(f"{q}\n" for q in dev))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["question"] for line in lines] == [
        "klaim jkk ada batas waktunya?",
        "bpjs kesehatan saya",
        "",
        *dev,
    ]
    assert set(lines[0]) == {"question", "answer", "replies", "topic", "score"}
    assert lines[0]["replies"][0] == lines[0]["answer"]
    assert "5 tahun" in lines[0]["answer"] and lines[0]["topic"] == "jkk"
    assert "165" in lines[1]["answer"]
    assert lines[2]["answer"]  # an empty line still gets what a user would see
    assert [line["replies"] for line in lines[3:]] == realsets.all_replies(dev)


def test_a_yes_that_ignores_a_stated_condition_opens_with_it_depends(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = faq.match("kecelakaan di jalan berangkat kerja ditanggung", "id")
    monkeypatch.setattr(faq, "match", lambda *_: replace(found, caveat=True))
    first = chat.say("nunggak 5 bulan lalu kecelakaan di jalan, ditanggung?")[0].text
    article = faq.entry("id", found.entry_id or "")
    assert article is not None and article.answer.startswith("Ya")
    assert first.startswith("Tergantung keadaan Anda") and first.endswith(article.answer)
    assert "175" in first.split("\n")[0]


def test_a_check_that_found_no_program_is_remembered_by_the_faq() -> None:
    """After "you cannot join" (over age), the FAQ reads the person as no member."""
    assert faq.known_conditions({"eligibility": {"checked": True, "programs": []}}) == {
        "@notmember"
    }
    assert faq.known_conditions({"eligibility": {"checked": True, "programs": ["jkk"]}}) == set()
    assert faq.known_conditions({}) == set()


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("saya petani umur 57 bisa ikut?", True),
        ("aku ojol 2jt sebulan iurannya brp", True),
        # a job and an income named, but the question is about something the check does not
        # tell: the answer is sent, not "Saya catat: pedagang"
        ("Saya pedagang, penghasilan 5 juta sebulan, bisa ikut JP?", False),
        ("Saya tukang ojek umur 35, bayar iuran bisa di indomaret berapa biayanya?", False),
        # A story asking a rule the FAQ states is answered: the age limit on a first
        # registration, the lowest rate (fresh24's tyre patcher and street trader).
        ("Saya tukang tambal ban, umur 64 tahun. Masih bisa daftar BPJS TK pertama kali?", False),
        ("Saya pedagang kaki lima, belum daftar. Bisa ikut, mulai dari berapa sebulan?", False),
    ],
)
def test_the_check_starts_only_on_what_it_answers(text: str, starts: bool) -> None:
    assert faq.asks_for_check(text, "id") is starts


def _vague() -> list[str]:
    with (ROOT / "tests" / "data" / "faq_vague.tsv").open(encoding="utf-8") as fh:
        return [line.split("\t")[0] for line in fh.read().splitlines()[1:] if line.strip()]


@pytest.mark.parametrize("message", _vague())
def test_a_message_naming_nothing_asked_gets_no_guessed_answer(chat: Chat, message: str) -> None:
    # Only question words, pronouns and fillers ("punya saya gimana ya"): any entry would be
    # a guess, so the worker is told the bot cannot answer and where to ask.
    said = texts(chat.say(message))
    assert said.startswith("Maaf, saya belum bisa menjawab pertanyaan itu."), said
    assert "175" in said


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # Another body's business worded like ours (tests/data/real/lookalikes.tsv): its
        # terms are named in bot/domain/data/other_bodies.toml.
        ("KIS PBI saya nonaktif, gimana cara ngaktifin lagi?", "call center BPJS Kesehatan 165"),
        ("cara turun kelas BPJS dari kelas 1 ke kelas 3 biar iurannya lebih murah?", "165"),
        ("berapa lama harus nunggu buat ganti faskes lagi?", "165"),
        ("korban tabrak lari dapat santunan dari Jasa Raharja ga?", "diurus di Jasa Raharja"),
        ("apa itu SWDKLLJ yang ada di STNK?", "diurus di Jasa Raharja"),
        ("iuran DPLK bisa ditentuin sendiri ga?", "tidak memberi saran investasi"),
        ("syarat cairin tabungan hari tua Taspen apa aja?", "PT Taspen"),
    ],
)
def test_another_bodys_business_in_our_words_is_redirected(
    chat: Chat, question: str, said: str
) -> None:
    assert said in texts(chat.say(question))


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # Ours, though they name Jasa Raharja, BPJS Kesehatan or fines and cards.
        (
            "kecelakaan kerja di jalan raya yang nanggung duluan Jasa Raharja atau BPJS "
            "Ketenagakerjaan?",
            "berkoordinasi dengan PT Jasa Raharja",
        ),
        ("kalau telat bayar iuran BPJS TK dendanya berapa?", "Tidak ada denda"),
        ("kartu BPJS Ketenagakerjaan saya hilang, gimana ngurusnya?", "cukup menunjukkan NIK"),
        ("bedanya BPJS Kesehatan sama BPJS Ketenagakerjaan apa?", "badan terpisah"),
        ("saya kerja sendiri, iurannya berapa sebulan?", "Rp16.800"),
    ],
)
def test_our_look_alike_questions_get_our_answers(chat: Chat, question: str, said: str) -> None:
    answer = texts(chat.say(question))
    assert said in answer and "165" not in answer.split("\n")[0]


def _everyday() -> list[tuple[str, str]]:
    with (ROOT / "tests" / "data" / "everyday_first.tsv").open(encoding="utf-8") as fh:
        rows = [line.split("\t") for line in fh.read().splitlines()[1:] if line.strip()]
    return [(row[0], row[1]) for row in rows]


# Everyday first questions that got another entry's answer in the smoke runs of plain first
# questions (tests/data/everyday_smoke.tsv holds runs 5 and 6 with the public page each was
# taken from); the table says what each got before and where it came from.
@pytest.mark.parametrize(("question", "opens"), _everyday())
def test_everyday_first_questions_open_with_their_own_answer(
    chat: Chat, question: str, opens: str
) -> None:
    assert texts(chat.say(question)).startswith(opens)
