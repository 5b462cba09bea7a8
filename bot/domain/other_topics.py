"""Another body's business told by what is asked, when no body's name decides it.

Why: a road accident ("Ganti biaya ambulans buat korban tabrakan berapa?", "anak saya
ditabrak mobil, keluarga dapat santunan?") or a hospital class or first clinic ("bisa ubah
kelas rawat inap lewat HP?") asked without "Jasa Raharja" or "BPJS Kesehatan" was answered
with our nearest entry (jkk.transport, jkk.death, jkk.hospital_class, jkk.referral): its words
are ours too. What makes it ours is work: a work accident, the way to or from work, a kind of
work, our programmes. Without any of them, the body whose business it is answers, with the
reason. The topics and the words of work are data (data/other_bodies.toml). Pure.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from pathlib import Path

from bot.domain.conditions import plain_text
from bot.domain.intent import others_words
from bot.domain.occupations import find_occupation

_DATA = Path(__file__).with_name("data") / "other_bodies.toml"


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


Topics = tuple[tuple[str, re.Pattern[str]], ...]


@cache
def _tables() -> tuple[Topics, re.Pattern[str], Topics]:
    """Each redirect's business no entry of ours has, the words of work, and its topics."""
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))

    def topics(name: str) -> Topics:
        return tuple((eid, _any(patterns)) for eid, patterns in table[name].items())

    return topics("always"), _any(table["at_work"]), topics("topics")


@lru_cache(maxsize=1024)  # one match asks it of the same message up to three times
def other_topic(text: str) -> str | None:
    """The redirect whose body's business `text` asks about.

    Business none of ours has, or a topic asked with nothing of work said. Of a message that
    tells of someone else too, that person's clauses are read first, alone: the work a writer
    introduces himself with says who asks, not where his child's road accident happened ("saya
    buruh tani, anak saya pulang sekolah ditabrak motor", Jasa Raharja's); his own clauses are
    read with his work ("saya ojol, ditabrak mobil, keluarga saya tanya ditanggung?").

    >>> other_topic("Korban tabrakan nggak punya keluarga, biaya penguburannya diganti siapa?")
    'redirect.jasa_raharja'
    >>> other_topic("ditabrak mobil waktu berangkat kerja, ditanggung?") is None
    True
    >>> other_topic("saya buruh tani, anak saya ditabrak motor, biaya rs diganti siapa?")
    'redirect.jasa_raharja'
    >>> other_topic("saya buruh tani, bapak saya ojol ditabrak motor, diganti siapa?") is None
    True
    """
    always, at_work, topics = _tables()
    plain = plain_text(text)
    found = next((eid for eid, pattern in always if pattern.search(plain)), None)
    if found is not None:
        return found
    for case in (plain_text(others_words(text)), plain):
        if not case or at_work.search(case) or find_occupation(case) is not None:
            continue
        found = next((eid for eid, pattern in topics if pattern.search(case)), None)
        if found is not None:
            return found
    return None
