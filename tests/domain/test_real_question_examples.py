"""Labelled real questions are examples the FAQ index learns (bot.domain.real_questions)."""

from __future__ import annotations

from bot.domain.faq import build_index
from bot.domain.real_questions import OUT_OF_SCOPE, Question, examples
from bot.knowledge import load_knowledge

STORY = "pakde saya nelayan, tabungan masa tuanya kapan bisa diambil semua?"


def test_a_question_is_an_example_of_the_first_entry_it_expects_but_not_of_out_of_scope() -> None:
    found = examples(
        [
            Question("jht cair kapan", ("jht.when", "jht.resign"), "chat", "a"),
            Question("harga emas hari ini", (OUT_OF_SCOPE,), OUT_OF_SCOPE, "b"),
            Question("bpjs kesehatan nunggak", ("redirect.kesehatan",), OUT_OF_SCOPE, "c"),
        ]
    )
    assert found == {
        "jht.when": ("jht cair kapan",),
        "redirect.kesehatan": ("bpjs kesehatan nunggak",),
    }


def test_an_example_draws_its_wording_to_its_entry() -> None:
    # The JHT entries, the story's rivals: two indexes of every entry cost 20 s to build.
    entries = [e for e in load_knowledge()["id"].entries if e.topic == "jht"]
    plain = build_index(entries).match(STORY).entry_id
    taught = "jht.age56" if plain != "jht.age56" else "jht.partial"
    index = build_index(entries, examples={taught: (STORY,)})
    assert index.match(STORY).entry_id == taught
