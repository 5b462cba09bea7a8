"""The reranker of the matcher's best few entries, and answers it puts first."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from bench import realsets
from bench.rerank import (
    cross_validated,
    cross_validated_choices,
    fingerprint,
    unseen_examples,
    write,
)
from bot.domain.faq import Decision, FaqIndex
from bot.domain.rerank import (
    FEATURES,
    RELATIVE,
    Reranker,
    load_reranker,
    weight_names,
    with_relative,
)
from bot.knowledge import load_index


@dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    answer: str
    topic: str = "jkk"
    questions: tuple[str, ...] = ("apa itu", "gimana")


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return load_index("id")  # the bot's own, built once per process


def test_the_trained_weights_are_for_every_feature() -> None:
    reranker = load_reranker()
    assert reranker is not None and reranker.language == "id"
    assert len(reranker.weights) == len(weight_names()) and reranker.top >= 2


def test_order_puts_the_likeliest_first_and_keeps_ties_in_order() -> None:
    only_fused = Reranker("id", 3, (1.0, *([0.0] * (len(weight_names()) - 1))), 0.0)
    zeros = [0.0] * (len(FEATURES) - 1)
    rows = [("a", (0.5, *zeros)), ("b", (0.9, *zeros)), ("c", (0.5, *zeros))]
    assert only_fused.order(rows) == ["b", "a", "c"]


def test_features_are_one_row_per_candidate(index: FaqIndex) -> None:
    rows = index.features("iuran bpu berapa sebulan", 5)
    assert len(rows) == 5 and all(len(x) == len(FEATURES) for _, x in rows)
    assert rows[0][1][FEATURES.index("rank")] == 0.0


def test_relative_signals_compare_each_candidate_with_the_best() -> None:
    # a candidate's signals count against the best of the same question's candidates
    learned = FEATURES.index("learned")
    rows = [[0.0] * len(FEATURES) for _ in range(2)]
    rows[0][learned], rows[1][learned] = 0.9, 0.6
    full = with_relative(rows)
    relative = len(FEATURES) + RELATIVE.index("learned")
    assert [round(r[relative], 4) for r in full] == [0.0, -0.3]
    assert all(len(r) == len(weight_names()) for r in full)


def test_an_answer_sentence_holding_the_question_counts_more_than_scattered_words() -> None:
    # both answers hold "lapor" and "kecelakaan"; only one holds them in one sentence
    entries = [
        _Entry("a.one", "lapor kecelakaan", "Lapor kecelakaan ke kantor cabang dalam dua hari."),
        _Entry("b.two", "cara lapor", "Cara lapor ada di aplikasi JMO. Kecelakaan kerja dijamin."),
    ]
    rows = dict(FaqIndex(entries, rerank=False).features("lapor kecelakaan", 2))
    sentence, in_answer = FEATURES.index("sentence"), FEATURES.index("in_answer")
    assert rows["a.one"][in_answer] == rows["b.two"][in_answer] == 1.0
    assert rows["a.one"][sentence] == 1.0 > rows["b.two"][sentence]


def test_the_words_only_one_sibling_holds_are_read_in_a_storys_question() -> None:
    # the preamble (a death by illness) is both siblings'; the question (where to claim) one's
    entries = [
        _Entry("jkm.sick", "meninggal sakit", "Santunan.", questions=("meninggal karena sakit",)),
        _Entry("jkm.where", "klaim", "Di kantor.", questions=("klaim santunan ke kantor mana",)),
    ]
    story = (
        "Ayah saya sudah lama jadi peserta mandiri, kemarin meninggal karena sakit. "
        "Kami klaim santunan ke kantor mana?"
    )
    rows = dict(FaqIndex(entries, rerank=False).features(story, 2))
    distinct = FEATURES.index("distinct")
    assert rows["jkm.where"][distinct] > 0.0 == rows["jkm.sick"][distinct]


def test_a_storys_question_is_read_against_the_phrasings_asking_the_same_kind() -> None:
    # the preamble (a death by illness) is one sibling's; the question (when it pays) the other's
    entries = [
        _Entry(
            "jkm.sick",
            "meninggal sakit",
            "Ahli waris dapat santunan kematian.",
            questions=("meninggal karena sakit dapat santunan apa", "istri meninggal sakit"),
        ),
        _Entry(
            "jkm.when",
            "santunan cair",
            "Santunan cair setelah berkas lengkap.",
            questions=("kapan santunan kematian cair", "santunan kematian cair di bank mana"),
        ),
    ]
    story = (
        "Istri saya pedagang sayur, peserta mandiri, bulan lalu meninggal karena sakit di rumah. "
        "Kira-kira kapan uang santunannya bisa cair?"
    )
    index = FaqIndex(entries, rerank=False)
    rows = dict(index.features(story, 2))
    alike = FEATURES.index("asked_alike")
    assert rows["jkm.when"][alike] > 0.0 == rows["jkm.sick"][alike]
    # a question without a story, or a story's question asking no kind, reads nothing
    assert all(x[alike] == 0.0 for _, x in index.features("kapan santunan kematian cair", 2))
    plain = story.replace("kapan uang", "uang")
    assert all(x[alike] == 0.0 for _, x in index.features(plain, 2))


def test_the_reranker_orders_a_storys_siblings_by_what_its_question_asks(
    index: FaqIndex,
) -> None:
    # "meninggal karena sakit" is the death-by-illness entry's; "kepada siapa" asks the heirs
    story = (
        "Kakak saya pemain sepak bola amatir, meninggal karena sakit jantung di rumah sesudah "
        "bertanding. Klubnya sudah mendaftarkan dia BPJS TK. Santunannya nanti diberikan kepada "
        "siapa?"
    )
    reranker = load_reranker()
    assert reranker is not None
    rows = index.features(story, reranker.top)
    assert rows[0][0] == "jkm.sick_death" and reranker.order(rows)[0] == "jkm.heirs"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a death by illness told first, then what the family asks of it
        (
            "Kakek saya pemulung, ikut BPJS TK lewat program desa. Minggu lalu beliau wafat "
            "karena sesak napas di rumah. Surat-surat apa yang perlu kami siapkan untuk klaim?",
            "jkm.documents",
        ),
        (
            "Paman saya petani, meninggal karena demam berdarah. Iurannya dibayar sendiri tiap "
            "bulan. Setelah berkas lengkap, uangnya cair berapa hari?",
            "jkm.payment_time",
        ),
        (
            "Suami saya buruh tani, wafat karena sakit paru-paru. Kami mau mengurus klaimnya, "
            "prosedurnya bagaimana dan di kantor mana?",
            "jkm.claim_how",
        ),
        (
            "Bapak saya meninggal karena sakit, sudah bayar iuran lima tahun. Anak kami dua masih "
            "SD. Syarat supaya dapat beasiswa apa?",
            "beasiswa.conditions",
        ),
        # a death at work is not the death by illness
        (
            "Adik saya tukang bangunan, jatuh dari perancah waktu kerja dan meninggal di tempat. "
            "Dia peserta BPJS TK. Keluarga dapat santunan berapa?",
            "jkk.death",
        ),
        # what JKP pays, asked after a story of losing the job
        (
            "Saya penjual bakso, baru saja di-PHK dari pabrik sebelumnya. Uang JKP itu berapa "
            "persen dari gaji?",
            "jkp.amount",
        ),
    ],
)
def test_a_storys_question_picks_the_sibling_that_answers_it(
    index: FaqIndex, question: str, entry: str
) -> None:
    match = index.match(question)
    assert match.decision is Decision.ANSWER and match.entry_id == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # never registered oneself: not covered, even when registering after the accident
        (
            "Saya tukang cukur keliling, belum pernah ikut BPJS TK. Minggu lalu saya keserempet "
            "motor waktu keliling. Kalau saya daftar hari ini, biaya berobatnya bisa diganti?",
            "peserta.not_member",
        ),
        (
            "bapak saya pemulung, blm pernah daftar bpjs tk, kmrn meninggal ketabrak truk. klo "
            "didaftarin skrg keluarga dapet santunan ga?",
            "peserta.not_member",
        ),
        # an employer never registered the worker: the employer's duty, and who pays
        (
            "Adik saya buruh pabrik tahu. Tangannya kena mesin giling, ternyata pemilik pabrik "
            "tidak pernah mendaftarkan pekerjanya. Siapa yang wajib membayar biaya rumah sakitnya?",
            "peserta.unregistered_accident",
        ),
        (
            "kuli bangunan jatuh dari perancah, mandornya ga daftarin ke bpjs. yg harus tanggung "
            "biayanya siapa?",
            "peserta.unregistered_accident",
        ),
        # a story of a non-member that asks something else is not the non-member's question
        (
            "Tetangga saya nelayan hilang di laut dan ternyata belum terdaftar BPJS TK. Sekarang "
            "istrinya mau daftar sendiri sebagai nelayan, caranya bagaimana?",
            "daftar.how",
        ),
    ],
)
def test_a_non_member_and_an_unregistered_employee_get_their_own_answers(
    index: FaqIndex, question: str, entry: str
) -> None:
    match = index.match(question)
    assert match.decision is Decision.ANSWER and match.entry_id == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # the fused ranking put "resigning loses JKP" first; a self-employed worker asks
        ("Pekerja mandiri yang berhenti karena proyeknya selesai dapat JKP?", "jkp.bpu"),
    ],
)
def test_the_reranked_entry_is_answered(index: FaqIndex, question: str, entry: str) -> None:
    match = index.match(question)
    assert match.decision is Decision.ANSWER and match.entry_id == entry


def test_the_organisation_itself_is_not_answered_with_a_guess(index: FaqIndex) -> None:
    # "bpjs tk" alone does not make a question one we answer: the head office's building
    # got the branch-finder entry; the bot now says it cannot answer and points to 175.
    match = index.match("dimana gedung kantor pusat bpjs ketenagakerjaan")
    assert match.decision is not Decision.ANSWER


def test_a_letter_is_answered_on_its_body_not_its_thanks(index: FaqIndex) -> None:
    # "Terima kasih." closing a letter pulled it to the "you're welcome" redirect
    letter = (
        "Kepada Yth. BPJS Ketenagakerjaan, dengan hormat, suami saya nelayan meninggal akibat "
        "kecelakaan laut saat melaut. Mohon informasi dokumen yang perlu kami siapkan untuk "
        "klaim. Terima kasih."
    )
    match = index.match(letter)
    assert match.decision is Decision.ANSWER and not (match.entry_id or "").startswith("redirect.")
    assert index.match("terima kasih banyak ya kak").entry_id == "redirect.thanks"


@pytest.mark.parametrize(
    "question",
    [
        "Syarat dokumen pencairan BPNT di kantor pos apa saja?",  # food aid, not JHT
        "Batas usia pensiun PPPK berapa?",  # civil servants, not JP
    ],
)
def test_another_bodys_word_redirects_even_a_confident_match(
    index: FaqIndex, question: str
) -> None:
    match = index.match(question)
    assert match.decision is Decision.REDIRECT


def test_the_trainer_writes_weights_the_matcher_reads(tmp_path: Path) -> None:
    rows = np.random.default_rng(0).random((40, len(weight_names())))
    model = LogisticRegression().fit(rows, rows[:, 0] > 0.5)
    path = tmp_path / "rerank.toml"
    questions = realsets.load_set(realsets.SETS["dev"])[:40]
    write(model, questions, path)
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    assert list(table["weights"]) == list(weight_names()) and table["top"] >= 2
    assert table["trained_on"] == fingerprint(questions)


def test_cross_validation_reports_the_entry_each_question_got() -> None:
    # The right entry is always second by the fused order but holds every signal: a model
    # trained on the other folds puts it first, and --misses prints what was chosen.
    questions = [
        realsets.Question(f"q{i}", (f"right{i}",), "chat", f"source{i}") for i in range(20)
    ]
    rows = [
        [
            (f"wrong{i}", (0.0,) * len(FEATURES)),
            (f"right{i}", (1.0,) * len(FEATURES)),
            (f"other{i}", (0.0,) * len(FEATURES)),
        ]
        for i in range(20)
    ]
    assert cross_validated_choices(questions, rows) == [f"right{i}" for i in range(20)]
    assert cross_validated(questions, rows) == 20


def test_the_weights_were_learned_from_todays_dev() -> None:
    # dev changed since the weights were written: run `python -m bench.rerank` again
    shipped = Path(__file__).parents[2] / "bot" / "domain" / "data" / "rerank.toml"
    table = tomllib.loads(shipped.read_text(encoding="utf-8"))
    dev = realsets.load_set(realsets.SETS["dev"])
    assert table["trained_on"] == fingerprint([q for q in dev if q.kind != realsets.OUT_OF_SCOPE])


def test_a_fold_learns_the_other_folds_questions_but_not_its_own_nor_their_near_copies() -> None:
    def q(text: str, source: str) -> realsets.Question:
        return realsets.Question(text, ("jht.when",), "chat", source)

    held = [q("kapan jht saya bisa dicairkan", "forum#1")]
    pool = [
        *held,
        q("jht bisa dicairkan kapan saya", "blog"),  # the same words: a near copy
        q("berapa lama nunggu saldo jht masuk rekening", "news"),
        q("umur berapa boleh ambil jht", "forum#2"),  # the held question's source
    ]
    assert unseen_examples(pool, held) == {
        "jht.when": ("berapa lama nunggu saldo jht masuk rekening",)
    }
