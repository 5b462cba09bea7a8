"""Every fact of the shared knowledge files that a worker could ask about is stated by an entry.

The reviewed map tests/data/knowledge_coverage.toml names, for each bullet of facts.md and
official-faq.md, the entries that state it and a term or figure they must contain, or the
reason it is left out; its conditions, exceptions and deadlines are further claims under
`also`. A new bullet, a moved one, or an entry that lost the fact or one of its conditions
fails here, and the failure lists the facts concerned.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge import Knowledge, load_knowledge
from tests.conftest import SHARED
from tests.test_knowledge import _AMOUNT_ANS, _AMOUNT_MD, _PERCENT, _value

KNOWLEDGE = SHARED / "knowledge"
FILES = ("facts.md", "official-faq.md")
MAP = Path(__file__).parent / "data" / "knowledge_coverage.toml"

_HEADING = re.compile(r"^#{2,3} (\S+)")
_SECTION = re.compile(r"^(\d+(\.\d+)*|[A-Z])$")
_BULLET = re.compile(r"^(?: *- |\d+\. )(.*)")


@dataclass(frozen=True, slots=True)
class Fact:
    """One bullet of a knowledge file."""

    id: str
    line: int
    text: str


def _plain(text: str) -> str:
    return text.replace("*", "").strip()


def _section(heading: str, token: str) -> str:
    token = token.rstrip(".")
    if _SECTION.match(token):
        return token
    if "Conflicts" in heading:
        return "conflicts"
    return "faq" if "Official" in heading else token


def facts(name: str) -> list[Fact]:
    """The bullets of one knowledge file, numbered per heading (nested bullets included)."""
    found: list[Fact] = []
    section, count = "", 0
    lines = (KNOWLEDGE / name).read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, 1):
        if heading := _HEADING.match(line):
            section, count = _section(line, heading.group(1)), 0
        elif (bullet := _BULLET.match(line)) and section:
            count += 1
            found.append(Fact(f"{name.split('.')[0]} {section}.{count}", number, bullet.group(1)))
    return found


def _key_figures(key: str) -> set[float]:
    figures = {_value(m[1], m[2]) for m in _AMOUNT_ANS.finditer(key)}
    return figures | {float(m[1].replace(",", ".")) for m in _PERCENT.finditer(key)}


def _fact_figures(text: str) -> set[float]:
    plain = _plain(text)
    return {_value(m[1], m[2]) for m in _AMOUNT_MD.finditer(plain)} | {
        _value(m[1], None) for m in _AMOUNT_MD.finditer(plain)
    }


@pytest.fixture(scope="module")
def all_facts() -> dict[str, Fact]:
    if not KNOWLEDGE.is_dir():
        pytest.skip(f"shared knowledge files not found at {KNOWLEDGE}")
    return {f.id: f for name in FILES for f in facts(name)}


@pytest.fixture(scope="module")
def coverage() -> list[dict[str, Any]]:
    with MAP.open("rb") as fh:
        rows: list[dict[str, Any]] = tomllib.load(fh)["fact"]
    return rows


def test_every_fact_is_mapped_once_in_file_order(
    all_facts: dict[str, Fact], coverage: list[dict[str, Any]]
) -> None:
    mapped = [row["id"] for row in coverage]
    assert len(mapped) == len(set(mapped)), "a fact is mapped twice"
    missing = [f"{f.id} (line {f.line}): {f.text[:80]}" for f in all_facts.values()]
    missing = [m for m in missing if m.split(" (", 1)[0] not in mapped]
    assert not missing, "facts not in the coverage map:\n" + "\n".join(missing)
    assert mapped == list(all_facts), "map and knowledge files are in a different order"


def test_each_id_is_still_the_same_bullet(
    all_facts: dict[str, Fact], coverage: list[dict[str, Any]]
) -> None:
    moved = []
    for row in coverage:
        found = _plain(all_facts[row["id"]].text) if row["id"] in all_facts else ""
        if not found.startswith(row["starts"]):
            moved.append(f"{row['id']}: expected {row['starts']!r}, found {found[:60]!r}")
    assert not moved, "knowledge bullets changed; review the map:\n" + "\n".join(moved)


def test_every_fact_is_stated_or_excluded_with_a_reason(
    all_facts: dict[str, Fact], coverage: list[dict[str, Any]]
) -> None:
    knowledge = load_knowledge()
    problems = []
    for row in coverage:
        if "excluded" in row:
            if len(row["excluded"].strip()) < 10 or "entries" in row:
                problems.append(f"{row['id']}: an exclusion needs a reason and no entries")
            continue
        fact = all_facts[row["id"]]
        for part in (row, *row.get("also", [])):
            problems += _unstated(fact, part.get("entries", []), part.get("key", ""), knowledge)
    assert not problems, "facts no entry states:\n" + "\n".join(problems)


def _unstated(
    fact: Fact, entries: list[str], key: str, knowledge: Mapping[str, Knowledge]
) -> list[str]:
    """What is wrong with one claim of the map: `entries` state `key`, a part of `fact`.

    A fact's headline is the row's own key; its conditions, exceptions and deadlines are the
    rows of `also`, so an entry that keeps the figure but drops the condition fails too.
    """
    if not entries or not key:
        return [f"{fact.id}: stated by no entry"]
    problems = []
    wanted = _key_figures(key)
    if wanted and not wanted <= _fact_figures(fact.text):
        problems.append(f"{fact.id}: {key!r} is not a figure of this fact")
    for entry_id in entries:
        entry, twin = knowledge["id"].get(entry_id), knowledge["en"].get(entry_id)
        if entry is None or twin is None:
            problems.append(f"{fact.id}: entry {entry_id} missing in id or en")
        elif key.casefold() not in f"{entry.answer}\n{entry.more}".casefold():
            problems.append(f"{fact.id}: {entry_id} does not state {key!r} ({fact.text[:60]})")
    return problems


def test_numbering_reads_sections_and_nested_bullets() -> None:
    assert _section("### 1.1 JKK — x", "1.1") == "1.1"
    assert _section("### C. Contributions", "C.") == "C"
    assert _section("## Conflicts and dates", "Conflicts") == "conflicts"
    assert _key_figures("Rp20 juta") == {20e6} and _key_figures("0,24%") == {0.24}
    assert 20e6 in _fact_figures("at most **Rp20.000.000**")
