"""Questions that state a condition changing the answer get the entry that addresses it.

tests/data/conditions.tsv holds questions written from lines of shared/knowledge (each row
cites its line), in formal, chat and story wording: membership lapsed before a death or an
accident, joining at 65 or older or while in intensive care, a kiosk or a motorbike damaged,
asking to tell BPJS one stopped working, an accident on a holiday, never having joined, an
employee asking about BPU, the work-accident benefit asked for a death said not to come from
work; since row 76, in other voices (long stories, drivers', fishers' and traders' slang, a
village clerk's letters; the condition buried, negated or a relative's): an everyday illness,
JKP for the self-employed or after resigning, a detour or a day off, another's document, a
backdated date; a JHT claim before the month of waiting or while still taking work (two rows
of fresh8); from line 162, in Javanese- and Sundanese-mixed Indonesian, a teenager writing for
a grandparent, emoji-laden forwards, a few words only, dates to compare ("terakhir bayar
Maret … Oktober jatuh"), a condition negated or said in the sentence before the question.
Each is sent through `python -m bot ask` as a user would send it: the first reply must be an
expected entry, and never a bare yes. tests/data/condition_lookalikes.tsv holds questions
written with them that look alike but state no such condition ("iuran selalu bayar tepat
waktu", "umurnya 64 tahun 11 bulan"): they must keep their own answer, a yes included.
"""

from __future__ import annotations

import re

import pytest

from bench.realsets import ROOT, YES_WORDS, Outcome, first_word, load_set, run
from bot.knowledge import load_knowledge

CONDITIONS = ROOT / "tests" / "data" / "conditions.tsv"
LOOKALIKES = ROOT / "tests" / "data" / "condition_lookalikes.tsv"
KNOWLEDGE = ROOT.parent / "shared" / "knowledge"
_CITED = re.compile(r"^knowledge/([\w.-]+\.md):L(\d+)$")


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return run(load_set(CONDITIONS))


def test_each_question_cites_a_line_of_the_knowledge() -> None:
    ids = {e.id for e in load_knowledge()["id"].entries}
    for q in (*load_set(CONDITIONS), *load_set(LOOKALIKES)):
        cited = _CITED.match(q.source)
        assert cited, f"{q.text!r}: {q.source!r} is not knowledge/<file>:L<n>"
        assert all(e in ids for e in q.expected), q.expected
        path = KNOWLEDGE / cited[1]
        if path.exists():  # shared/ lies beside the checkout, in CI too
            lines = path.read_text(encoding="utf-8").splitlines()
            assert 0 < int(cited[2]) <= len(lines) and lines[int(cited[2]) - 1].strip()


def test_the_set_expects_no_yes() -> None:
    kb = load_knowledge()["id"]
    for q in load_set(CONDITIONS):
        assert all(first_word(kb.by_id[e].answer) not in YES_WORDS for e in q.expected), q.text


def test_no_stated_condition_is_answered_with_a_bare_yes(outcomes: list[Outcome]) -> None:
    assert [o.question.text for o in outcomes if first_word(o.reply) in YES_WORDS] == []


def test_each_question_gets_the_entry_that_addresses_its_condition(
    outcomes: list[Outcome],
) -> None:
    wrong = [(o.question.text, o.entry_id) for o in outcomes if not o.right]
    # Measured 202 of 205. Rows 2-55 were written with an earlier change; rows 56-75 were scored
    # once, blind (17 of 20 right). Rows 76-139 (64, written from knowledge lines no earlier
    # row cited) were scored blind on the code of 5 Dec (commit 2098f78): 25 right, 14 bare
    # yes-answers; rows 140-159 (20) were written and scored blind after the first round of
    # changes: 13 right, 4 yes-answers (10 and 6 on 2098f78). Lines 162-206 (45, other voices:
    # Javanese and Sundanese mixed, a grandchild, forwards, dates, negations) were scored blind
    # on commit efe619e: 33 right, 4 bare yes-answers (a lapse given as "terakhir bayar Maret"
    # or "5 bulanan ga dibayar", or in Javanese or Sundanese words), and 9 of their 11
    # look-alikes right. The word groups and conditions added after each batch
    # (bot/domain/data/conditions.toml) were fitted on it, so the blind figures, not these,
    # say how the readings generalise. The 3 misses: an age typed "65 lewat dikit" starts the
    # eligibility check; a lay-off in January with JKP asked in October needs the months
    # counted; a village letter about a 72-year-old is taken for a question about social aid.
    # None of them says yes.
    assert len(wrong) <= 3, wrong


def test_look_alikes_without_a_condition_keep_their_own_answer() -> None:
    wrong = [(o.question.text, o.entry_id) for o in run(load_set(LOOKALIKES)) if not o.right]
    assert wrong == []
