"""Program info: JKK, JKM, JHT, JP, JKP, each a phone-sized summary with "Read more".

The texts are knowledge articles (`locales/<lang>/knowledge/<program>.toml`, entry
`<program>.summary`), so every figure comes from the sourced knowledge files.
"""

from __future__ import annotations

from bot.conversation import Choice, Reply
from bot.knowledge import Entry
from bot.routing import Router, Turn, action_argument
from handlers.faq import entry, with_source

router = Router()

PROGRAMS = ("jkk", "jkm", "jht", "jp", "jkp")


def summary_entry(locale: str, program: str) -> Entry:
    """The program's summary article in `locale`, falling back to Indonesian."""
    found = entry(locale, f"{program}.summary")
    if found is None:  # tests/test_knowledge.py checks every program has one
        raise LookupError(f"no knowledge entry {program}.summary")
    return found


@router.action("programs")
def program_list(turn: Turn) -> list[Reply]:
    """The five programs as buttons."""
    choices = [Choice(f"program:{p}", summary_entry(turn.t.locale, p).title) for p in PROGRAMS]
    text = turn._("BPJS Ketenagakerjaan has five programs. Which one would you like to know about?")
    return [Reply(text, (*choices, turn.back_to("menu")))]


@router.action("program")
def program_page(turn: Turn) -> list[Reply]:
    """A program's summary, with "Read more" and "Back"."""
    program = action_argument(turn.choice)
    if program not in PROGRAMS:
        return program_list(turn)
    entry = summary_entry(turn.t.locale, program)
    choices = [turn.back_to("programs")]
    if entry.more:
        choices.insert(0, Choice(f"program_more:{program}", turn._("Read more")))
    return [Reply(with_source(turn, entry.answer, entry), tuple(choices))]


@router.action("program_more")
def program_more(turn: Turn) -> list[Reply]:
    """The details of a program."""
    program = action_argument(turn.choice)
    if program not in PROGRAMS:
        return program_list(turn)
    entry = summary_entry(turn.t.locale, program)
    choices = (turn.back_to(f"program:{program}"), Choice("programs", turn._("Other programs")))
    return [Reply(with_source(turn, entry.more or entry.answer, entry), choices)]
