"""First replies to an uncertain income's dues and to village- or pemkab-paid cover, which
cross-validation on dev missed, asserted as the worker reads them.

Each question is written for this test (none is a dev row): what the dues are when income goes
up and down (the answer must now state the cheapest), whether a pemkab-paid worker's dues come
out of his honor or are free forever, a sponsor who stops paying, and village construction paid
from Dana Desa.
"""

from __future__ import annotations

import pytest

from bot.domain.faq import Decision, FaqIndex
from bot.knowledge import load_index, load_knowledge


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return load_index("id")


@pytest.fixture(scope="module")
def answers() -> dict[str, str]:
    return {e.id: e.answer for e in load_knowledge()["id"].entries}


@pytest.mark.parametrize(
    ("question", "entry", "says"),
    [
        ("penghasilan sy ga tentu, iuran bpjs tk brp sebulan?", "iuran.income_choice", "Rp16.800"),
        (
            "saya buruh serabutan, pendapatan naik turun, iurannya nanti berapa?",
            "iuran.income_choice",
            "Rp16.800",
        ),
        (
            "saya hansip, didaftarin pemda ke bpjs tk, honor saya kepotong ga buat iuran",
            "rentan.programme",
            "bukan oleh pekerjanya",
        ),
        (
            "bpjs tk dari pemkab itu gratis terus atau ada batas waktunya",
            "rentan.programme",
            "selama jumlah bulan",
        ),
        (
            "majikan yang bayarin iuran bpjs tk saya berhenti, saya masih terlindungi? bisa "
            "lanjut sendiri?",
            "rentan.after_funding",
            "majikan",
        ),
        (
            "tukang proyek jalan desa dari dana desa dapat bpjs tk ga, yg bayar siapa",
            "jakon.who",
            "dibayar kontraktor",
        ),
    ],
)
def test_the_worker_reads_the_answer_to_what_he_asked(
    index: FaqIndex, answers: dict[str, str], question: str, entry: str, says: str
) -> None:
    match = index.match(question)
    assert (match.decision, match.entry_id) == (Decision.ANSWER, entry), question
    assert says in answers[entry]


def test_the_english_income_answer_states_the_cheapest_too() -> None:
    english = {e.id: e.answer for e in load_knowledge()["en"].entries}
    assert "Rp16.800" in english["iuran.income_choice"]
    assert "Rp8.400" in english["iuran.income_choice"]
