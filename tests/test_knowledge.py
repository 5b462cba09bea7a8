"""Knowledge files: structure, both languages in step, and no figure without a source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.knowledge import (
    MAX_ANSWER_CHARS,
    KnowledgeError,
    default_locales_dir,
    load_file,
    load_index,
    load_knowledge,
)

LOCALES = default_locales_dir()
SHARED = Path(__file__).parents[1].parent / "shared" / "knowledge"
PROGRAMS = ("jkk", "jkm", "jht", "jp", "jkp")


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(LOCALES)


def test_both_languages_load(kb) -> None:
    assert {"id", "en"} <= set(kb)
    assert len(kb["id"].entries) >= 250


def test_program_summaries_exist(kb) -> None:
    for lang in ("id", "en"):
        for prog in PROGRAMS:
            entry = kb[lang].get(f"{prog}.summary")
            assert entry is not None, f"{lang}: {prog}.summary missing"
            assert entry.more, f"{lang}: {prog}.summary has no 'more'"


def test_same_files_and_ids_in_every_language(kb) -> None:
    id_files = sorted(p.name for p in (LOCALES / "id" / "knowledge").glob("*.toml"))
    en_files = sorted(p.name for p in (LOCALES / "en" / "knowledge").glob("*.toml"))
    assert id_files == en_files
    for name in id_files:
        _, _, id_entries = load_file(LOCALES / "id" / "knowledge" / name)
        _, _, en_entries = load_file(LOCALES / "en" / "knowledge" / name)
        assert [e.id for e in id_entries] == [e.id for e in en_entries], name


def test_answers_short_sourced_and_redirects_named(kb) -> None:
    for lang, k in kb.items():
        for e in k.entries:
            assert len(e.answer) <= MAX_ANSWER_CHARS, f"{lang} {e.id}: {len(e.answer)} chars"
            assert e.source.strip(), f"{lang} {e.id}: no source"
            assert e.questions, f"{lang} {e.id}: no questions"
            assert e.is_redirect == e.id.startswith("redirect."), e.id


def test_voice_no_secrets_requested(kb) -> None:
    # The bot never asks for these; a sentence naming them must be a warning, not a request.
    request = re.compile(r"\b(kirim|berikan|sebutkan|ketik|isi|beri tahu)\b")
    # Telling the user to type a code into the official JMO app is fine.
    negation = re.compile(r"\b(jangan|tidak|bukan|tolak|hanya|jmo)\b|hati-hati|waspada|⚠️")
    for e in kb["id"].entries:
        text = f"{e.answer}\n{e.more}".lower()
        assert "kamu" not in re.findall(r"\b\w+\b", text), f"{e.id}: use 'Anda'"
        for sentence in re.split(r"[.!?\n]", text):
            secret = re.search(r"\b(pin|otp|kata sandi|ibu kandung)\b", sentence)
            if secret and request.search(sentence):
                assert negation.search(sentence), f"{e.id}: asks for a secret? {sentence!r}"


def test_malformed_file_names_file_and_id(tmp_path: Path) -> None:
    bad = tmp_path / "jht.toml"
    bad.write_text(
        'topic = "jht"\ntitle = "JHT"\n[[entries]]\nid = "jht.x"\nsource = "PP"\n'
        'questions = ["a"]\nanswer = ""\n',
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match=r"jht\.toml.*\[jht\.x\].*answer"):
        load_file(bad)
    bad.write_text('topic = "jkk"\ntitle = "x"\n[[entries]]\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="jht.toml"):
        load_file(bad)


def test_cache_returns_same_object() -> None:
    assert load_knowledge(LOCALES) is load_knowledge(LOCALES)
    index = load_index("id", LOCALES)
    assert index is load_index("id")
    assert index.match("apa itu jht").entry_id == "jht.summary"
    assert load_index("en").match("what is jht").entry_id == "jht.summary"


# --- figures ------------------------------------------------------------------------------

_UNITS = {
    "ribu": 10**3,
    "rb": 10**3,
    "juta": 10**6,
    "jt": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "m": 10**9,
    "triliun": 10**12,
}
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_AMOUNT_MD = re.compile(rf"({_NUM})\s*(ribu|rb|juta|jt|miliar|milyar|triliun|M\b)?", re.I)
_AMOUNT_ANS = re.compile(rf"Rp\s?({_NUM})\s*(ribu|rb|juta|jt|miliar|milyar|triliun)?", re.I)
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|persen\b|percent\b)", re.I)
_YEARS_ANS = (
    re.compile(r"\b(\d{1,2})\s*(?:tahun|years?\b|year-old)", re.I),
    re.compile(r"\b(?:usia|umur|age|aged)\s+(\d{1,2})\b", re.I),
)
_YEAR_WORDS = re.compile(r"year|tahun|\bage\b|aged|usia|umur|\bold\b|under|pension|retire", re.I)


def _value(num: str, unit: str | None) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", num):
        num = num.replace(".", "")
    value = float(num.replace(",", "."))
    return value * _UNITS.get((unit or "").lower(), 1)


@pytest.fixture(scope="module")
def sources() -> dict[str, set[float]]:
    if not SHARED.is_dir():
        pytest.skip(f"shared knowledge files not found at {SHARED}")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.md")))
    text = text.replace("**", "").replace("*", "")
    amounts = {_value(m.group(1), m.group(2)) for m in _AMOUNT_MD.finditer(text)}
    amounts |= {_value(m.group(1), None) for m in _AMOUNT_MD.finditer(text)}
    percents = {float(m.group(1).replace(",", ".")) for m in _PERCENT.finditer(text)}
    years: set[float] = set()
    for m in re.finditer(r"\b\d{1,2}\b", text):
        window = text[max(0, m.start() - 30) : m.end() + 30]
        if _YEAR_WORDS.search(window):
            years.add(float(m.group(0)))
    return {"amount": amounts, "percent": percents, "year": years}


def _figures(text: str) -> list[tuple[str, float, str]]:
    out = [("amount", _value(m[1], m[2]), m[0]) for m in _AMOUNT_ANS.finditer(text)]
    out += [("percent", float(m[1].replace(",", ".")), m[0]) for m in _PERCENT.finditer(text)]
    for rx in _YEARS_ANS:
        out += [("year", float(m.group(1)), m.group(0)) for m in rx.finditer(text)]
    return out


def test_normaliser_reads_formats() -> None:
    assert _figures("Rp42 juta")[0][1] == _figures("Rp42.000.000")[0][1] == 42_000_000
    assert _figures("Rp1,5 juta")[0][1] == 1_500_000
    assert _figures("0,24%")[0][1] == _figures("0.24 percent")[0][1] == 0.24
    assert [f[1] for f in _figures("usia 56 tahun")] == [56, 56]


def test_every_figure_has_a_source(kb, sources) -> None:
    unknown = []
    for lang, k in kb.items():
        for e in k.entries:
            for kind, value, raw in _figures(f"{e.answer}\n{e.more}"):
                if value not in sources[kind]:
                    unknown.append(f"{lang} {e.id}: {raw!r}")
    assert not unknown, "figures not in shared/knowledge:\n" + "\n".join(unknown)


def test_figure_check_catches_invented_numbers(sources) -> None:
    invented = "Santunan Rp43 juta, iuran 7,77%, usia 71 tahun."
    bad = [raw for kind, value, raw in _figures(invented) if value not in sources[kind]]
    assert {"Rp43 juta", "7,77%", "71 tahun"} <= set(bad)
