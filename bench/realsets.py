"""Accuracy on the real-question sets, measured on the first reply a user sees.

The sets live in tests/data/real/ (see README there): questions from public sources, each
with its source, split by source into `dev.tsv` (tune on it; the bot's own, in
bot/domain/data/real_questions/, since its index learns them) and `heldout.tsv`. The
held-out set is scored, never tuned on: its misses are not printed and should not be read;
a change is judged by its per-kind figure, and new questions go to a new set.

Each question is sent as the first message of a new chat, exactly as a user would send it,
through what `python -m bot ask` runs (`bot.commands.faq.first_replies`), in this process: a
process per set would build the FAQ index again each time (tests/handlers/test_faq_flow.py
checks that the command's own process gives the same replies). A reply counts as right when
it carries the text of an expected entry's answer (any of them, for `a|b`); an out-of-scope
question labelled `out_of_scope` is right when the reply is any redirect entry's answer, and
one labelled `redirect.x` only when it is that one. Anything else (another entry, "Maksud
Anda…?", the eligibility wizard, "belum bisa menjawab") is a miss.

A message that asks two things (kind `two_questions`, two or more expected entries) is also
judged on every reply it gets: `both answered` when they carry the answers of two expected
entries, since the first-reply score counts it right when either one is answered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.commands.faq import first_replies
from bot.config import load_settings
from bot.domain.conditions import conditions
from bot.domain.real_questions import DEV, OUT_OF_SCOPE, Question
from bot.domain.real_questions import load_set as load_set  # the sets' reader, re-exported
from bot.forms import without_yes
from bot.i18n import Translator
from bot.knowledge import REDIRECT_TOPIC, Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
# dev is the bot's own: its index learns its questions as examples (bot.domain.real_questions).
SETS = {"dev": DEV, "heldout": REAL / "heldout.tsv", "fresh6": REAL / "fresh6.tsv"}
TWO_QUESTIONS = "two_questions"
BOTH_ANSWERED = "both_answered"  # per_kind's row: two-question messages with both answered
KINDS = (
    "formal",
    "news_social",
    "chat",
    "story",
    "numbers",
    TWO_QUESTIONS,
    "letter",
    "condition",
    OUT_OF_SCOPE,
)
HEADING = re.compile(r"^\d+\. [^\n]*\?\n")  # "1. Kapan jht bisa dicairkan?" over one answer


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the bot sent first, and which entry that text is (None: no entry's answer).

    `answered`: the entries whose answer any reply to the message carries.
    """

    question: Question
    reply: str
    entry_id: str | None
    right: bool
    answered: frozenset[str] = frozenset()


def all_replies(questions: Sequence[str], language: str = "id") -> list[list[str]]:
    """Every reply to each question, first first, as `python -m bot ask` gives them."""
    answered = first_replies(questions, language, load_settings())
    return [replies for _question, replies in answered]


def _answers(knowledge: Iterable[Knowledge]) -> list[tuple[str, str]]:
    """(answer text, entry id) of every entry in every language, longest text first.

    Each answer also without its opening "Yes.", as a question asking what is answered.
    """
    pairs = {
        (text.strip(), e.id)
        for k in knowledge
        for e in k.entries
        for text in (e.answer, without_yes(e.answer, Translator(k.language).gettext("Yes")))
    }
    return sorted(pairs, key=lambda p: -len(p[0]))


def replied_entry(reply: str, answers: Sequence[tuple[str, str]]) -> str | None:
    """The entry whose answer text the reply carries, if any."""
    return next((eid for text, eid in answers if text and text in reply), None)


def replied_entries(replies: Sequence[str], answers: Sequence[tuple[str, str]]) -> frozenset[str]:
    """Every entry whose answer text one of the replies carries."""
    return frozenset(eid for text, eid in answers if text and any(text in r for r in replies))


def is_right(question: Question, entry_id: str | None) -> bool:
    """Whether the entry replied is one the question expects."""
    if entry_id is None:
        return False
    if OUT_OF_SCOPE in question.expected and entry_id.startswith(f"{REDIRECT_TOPIC}."):
        return True
    return entry_id in question.expected


def run(questions: Sequence[Question], language: str = "id") -> list[Outcome]:
    """Send every question through the product and judge each first reply."""
    answers = _answers(load_knowledge().values())
    replies = all_replies([q.text for q in questions], language)
    outcomes = []
    for question, sent in zip(questions, replies, strict=True):
        reply = sent[0] if sent else ""
        entry_id = replied_entry(reply, answers)
        right = is_right(question, entry_id)
        outcomes.append(Outcome(question, reply, entry_id, right, replied_entries(sent, answers)))
    return outcomes


def asks_two(question: Question) -> bool:
    """A two-question message whose questions two different entries answer."""
    return question.kind == TWO_QUESTIONS and len(set(question.expected)) >= 2


def both_answered(outcome: Outcome) -> bool:
    """Whether the replies carry the answers of two of the entries the question expects."""
    return len(outcome.answered & set(outcome.question.expected)) >= 2


def per_kind(outcomes: Iterable[Outcome]) -> dict[str, tuple[int, int]]:
    """kind -> (right, total), plus `in_scope` over every kind but out_of_scope.

    And BOTH_ANSWERED: of the messages that ask two things (`asks_two`), those whose replies
    answer both (`both_answered`).
    """
    table: dict[str, tuple[int, int]] = {}

    def count(key: str, right: bool) -> None:
        hits, total = table.get(key, (0, 0))
        table[key] = (hits + right, total + 1)

    for o in outcomes:
        count(o.question.kind, o.right)
        if o.question.kind != OUT_OF_SCOPE:
            count("in_scope", o.right)
        if asks_two(o.question):
            count(BOTH_ANSWERED, both_answered(o))
    return table


def accuracy(table: Mapping[str, tuple[int, int]], key: str) -> float:
    """right / total for one row of a per-kind table (0 when the row is empty)."""
    right, total = table.get(key, (0, 0))
    return right / total if total else 0.0


def says_yes(text: str) -> bool:
    """Whether a reply or an answer opens with a yes, as a user reads it ("Tetap bisa.").

    A question stating a disqualifying condition (kind `condition`) must never get one. The
    reading is the bot's own (bot.domain.conditions, `Conditions.affirms`): the one that keeps
    a yes from such a question is the one that counts it. A numbered first line that asks is
    the heading of one of several answers (HEADING): the answer opens after it.
    """
    return conditions().affirms(HEADING.sub("", text.strip(), count=1))


def yes_to_conditions(outcomes: Iterable[Outcome]) -> int:
    """How many questions stating a condition got a first reply that says yes."""
    return sum(o.question.kind == "condition" and says_yes(o.reply) for o in outcomes)


def format_table(name: str, table: Mapping[str, tuple[int, int]]) -> str:
    """A printable per-kind table."""
    lines = [f"{name}: first reply right, by kind of question"]
    for key in (*KINDS, "in_scope", BOTH_ANSWERED):
        if key in table:
            right, total = table[key]
            lines.append(f"  {key:<14} {right:>4}/{total:<4} {accuracy(table, key):6.1%}")
    return "\n".join(lines)
