"""A negated word is not said: "bukan nelayan" is no fisher, "tanpa ahli waris" no heirs.

The matcher reads a word a negation reaches as its own token (bot.domain.textnorm NEGATED),
in English as in Indonesian (bot.domain.textnorm_en), so the first reply a user sees answers
what the question negates, and the same question without the negation keeps its entry.
"""

from __future__ import annotations

import pytest

from bench.realsets import _answers, all_replies, replied_entry
from bot.domain import textnorm_en
from bot.domain.textnorm import NEGATED, normalize, tokens
from bot.knowledge import load_knowledge

# (question, the entries its first reply may carry): negated questions, and positive twins.
REPLIES = [
    ("saya bukan nelayan, saya pedagang ikan, bisa ikut bpjs tk?", "peserta.bpu_who"),
    ("saya nelayan, bisa ikut bpjs tk?", "peserta.farmer_fisher"),
    ("umur saya belum 56 tahun, jht bisa dicairkan?", "jht.when"),
    ("umur saya sudah 56 tahun, jht bisa dicairkan?", "jht.age56"),
    ("cara klaim jkm kalau tidak ada ahli waris", "jkm.heirs"),
    ("cara klaim jkm", "jkm.claim_how"),
    ("bayar iuran bpu kalau ga punya rekening bank gimana?", "bayar.where|bayar.minimarket"),
    ("ayah saya meninggal bukan karena kecelakaan kerja, keluarga dapat apa?", "jkm.sick_death"),
    ("ayah saya meninggal karena kecelakaan kerja, keluarga dapat apa?", "jkk.death"),
    ("kecelakaan apa saja yang tidak ditanggung jkk?", "jkk.not_covered"),
    ("jht saya belum cair sudah 2 minggu", "jht.payment_time"),
    # A negation ends with its sentence: what the next one asks is asked.
    ("saya tidak kerja lagi. Cara klaim JHT?", "jht.claim_how"),
    ("saya belum daftar. Iuran bpu berapa?", "iuran.bpu_rates"),
    # A tag mid-sentence asks: "ga" before "dari" negates no BPJS.
    ("ada STMB ga dari bpjs?", "jkk.stmb"),
]


EN_REPLIES = [
    ("I'm not a fisherman, I'm a fish trader, can I join BPJS TK?", "peserta.bpu_who"),
    ("I am a fisher, can I join BPJS TK?", "peserta.farmer_fisher"),
    ("my dad died not because of a work accident, what does the family get?", "jkm.sick_death"),
    ("my dad died because of a work accident, what does the family get?", "jkk.death"),
    ("how to claim jkm if there are no heirs", "jkm.heirs"),
    ("how to claim jkm", "jkm.claim_how"),
    ("i dont have a smartphone", "layanan.no_smartphone"),
    ("i cant afford the contribution", "rentan.how_get"),
    ("which accidents are not covered by jkk?", "jkk.not_covered"),
    # One who says he is no fisher or farmer, then asks: who may join, not the fishers' answer.
    ("I am not a fisher. Can I join BPJS TK?", "peserta.bpu_who"),
    ("I am not a farmer. Can I join BPJS TK?", "peserta.bpu_who"),
    ("Can I join BPJS TK?", "peserta.bpu_who"),
]
# Asked by someone who says he is no fisher: never the fishers' answer.
NOT_A_FISHER = ("I am not a fisher, can I join?",)
# A question asking what (no yes or no) is told it, never opened with "Ya."/"Yes.".
ASKS_WHAT = {
    "id": ("kalau meninggal bukan karena kerja dapet apa?", "jkm.sick_death"),
    "en": (
        "my dad died not because of a work accident, what does the family get?",
        "jkm.sick_death",
    ),
}
YES_NO = ("id", ("suami meninggal sakit dapet jkm?", "jkm.sick_death"))


def _replied(questions: list[str], language: str) -> dict[str, str | None]:
    answers = _answers(load_knowledge().values())
    sent = all_replies(questions, language)
    return {
        q: replied_entry(r[0] if r else "", answers) for q, r in zip(questions, sent, strict=True)
    }


@pytest.fixture(scope="module")
def replied() -> dict[str, str | None]:
    return _replied([q for q, _ in REPLIES], "id")


@pytest.fixture(scope="module")
def en_replied() -> dict[str, str | None]:
    return _replied([*(q for q, _ in EN_REPLIES), *NOT_A_FISHER], "en")


@pytest.mark.parametrize(("question", "entry"), REPLIES)
def test_the_first_reply_answers_what_is_negated(
    replied: dict[str, str | None], question: str, entry: str
) -> None:
    assert replied[question] in entry.split("|")


@pytest.mark.parametrize(("question", "entry"), EN_REPLIES)
def test_the_first_english_reply_answers_what_is_negated(
    en_replied: dict[str, str | None], question: str, entry: str
) -> None:
    assert en_replied[question] == entry


@pytest.mark.parametrize("question", NOT_A_FISHER)
def test_one_who_is_no_fisher_is_not_answered_for_fishers(
    en_replied: dict[str, str | None], question: str
) -> None:
    assert en_replied[question] != "peserta.farmer_fisher"


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_question_asking_what_is_answered_without_a_yes(language: str) -> None:
    question, entry = ASKS_WHAT[language]
    reply = all_replies([question], language)[0][0]
    assert _replied([question], language)[question] == entry
    assert not reply.startswith(("Ya.", "Yes."))


def test_a_yes_or_no_question_keeps_its_yes() -> None:
    language, (question, entry) = YES_NO
    reply = all_replies([question], language)[0][0]
    assert _replied([question], language)[question] == entry
    assert reply.startswith("Ya.")


def test_english_reads_negation_as_indonesian_does() -> None:
    assert textnorm_en.tokens("I am not a fisher") == ("tidak", f"{NEGATED}nelayan")
    assert textnorm_en.tokens("I don't have a smartphone") == ("tidak", f"{NEGATED}ponsel")
    # Question and function words are reached past; two words only are negated.
    read = textnorm_en.tokens("cannot afford the contribution for my jht")
    assert read == ("tidak", "bisa", f"{NEGATED}mampu", f"{NEGATED}iur", "jht")
    # A negation ends with its sentence, and a body's name ends it.
    assert textnorm_en.tokens("I don't work anymore. How do I claim JHT?")[-3:] == (
        "cara",
        "klaim",
        "jht",
    )
    assert "bpjstk" in textnorm_en.tokens("I am not registered in BPJS TK")


def test_english_sentence_ends_leave_the_normalised_text_as_it_was() -> None:
    assert textnorm_en.normalize("not yet paid. Am I covered?") == (
        textnorm_en.normalize("not yet paid Am I covered")
    )


def test_a_negated_word_is_its_own_token() -> None:
    read = tokens("meninggal bukan karena kecelakaan kerja")
    assert f"{NEGATED}jkk" in read and "jkk" not in read
    assert tokens("tanpa ahli waris") == ("tanpa", f"{NEGATED}ahli", f"{NEGATED}waris")


def test_a_negation_reaches_past_question_words_and_two_words_only() -> None:
    assert tokens("jmo ga bisa login") == ("jmo", "tidak", "bisa", f"{NEGATED}login")
    assert tokens("belum 56 tahun bisa cair jht") == (
        "belum",
        f"{NEGATED}56",
        f"{NEGATED}tahun",
        "bisa",
        "cair",
        "jht",
    )


def test_a_question_tag_negates_nothing() -> None:
    assert not any(t.startswith(NEGATED) for t in tokens("bisa daftar bpu ga?"))
    assert not any(t.startswith(NEGATED) for t in tokens("bisa ga daftar bpu"))
    # Mid-sentence, after the word it asks of and before "dari", "kalau", "sih" …
    assert tokens("ada STMB ga dari bpjs?") == ("stmb", "bpjs")
    assert tokens("jht bisa cair ga kalo masih kerja") == ("jht", "bisa", "cair", "kalau", "kerja")
    assert "kerja" in tokens("bpjstk wajib ga sih buat yang kerja sendiri")
    # … but not after a pronoun or a question word, nor before "karena" or "buat".
    assert f"{NEGATED}kartu" in tokens("kalau tidak dengan kartu bisa pakai apa")
    assert f"{NEGATED}jkk" in tokens("meninggal tidak karena kecelakaan kerja")
    assert f"{NEGATED}lapor" in tokens("polisi belum buat laporan")


def test_a_bodys_name_is_never_negated_and_ends_the_negation() -> None:
    read = tokens("belum terdaftar BPJS TK. Sekarang mau daftar sendiri")
    assert "bpjstk" in read and "sekarang" in read and f"{NEGATED}daftar" in read


def test_a_negation_ends_with_its_sentence() -> None:
    assert tokens("saya belum di-PHK. Apakah bisa klaim JKP?") == (
        "belum",
        f"{NEGATED}diphk",
        "apa",
        "bisa",
        "klaim",
        "jkp",
    )
    read = tokens("sudah resign tapi belum cair; sekarang klaim jkp bisa?")
    assert f"{NEGATED}cair" in read and "sekarang" in read and "klaim" in read


def test_a_question_tag_ends_a_sentence_not_only_the_message() -> None:
    read = tokens("kernet bisa ikut bpjs tk gak? trus iurannya brp")
    assert "tidak" not in read and "iur" in read
    assert not any(t.startswith(NEGATED) for t in read)
    # A comma after a tag closes its question too; elsewhere a comma leaves the reach open.
    assert tokens("ojol kalau kecelakaan ditanggung ga, iurannya brp?") == (
        "ojol",
        "kalau",
        "celaka",
        "tanggung",
        "iur",
        "berapa",
    )
    assert f"{NEGATED}usaha" in tokens("tidak kerja, tidak usaha, bisa ikut?")


def test_the_sentence_ends_leave_the_normalised_text_as_it_was() -> None:
    assert normalize("belum di-PHK. Bisa klaim JKP? Rp1.500.000, 2,5%!") == (
        normalize("belum di-PHK Bisa klaim JKP Rp1.500.000 2,5%")
    )
