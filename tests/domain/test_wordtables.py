"""The word tables are data files: each names its source and licence and reads cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain import wordtables
from bot.domain.wordtables import DATA, read_map, read_phrases, read_words

# The labelled real questions (data/real_questions/) are no word table: each row names its own
# source in its fourth column (tests/test_real_questions.py checks them).
FILES = sorted(p for p in DATA.rglob("*") if p.is_file() and "real_questions" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_table_names_its_source_and_licence(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = "\n".join(
        line
        for line in lines[
            : next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
        ]
    ).casefold()  # the file's opening comment
    assert "source:" in head and "licence:" in head


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix in (".tsv", ".txt")])
def test_maps_and_word_lists_read_without_repeated_rules(path: Path) -> None:
    read = read_map if path.suffix == ".tsv" else read_words
    assert read(str(path.relative_to(DATA)))


def test_a_repeated_rule_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.tsv").write_text("# Source: x. Licence: y\ngmn\tbagaimana\ngmn\tgimana\n")
    monkeypatch.setattr(wordtables, "DATA", tmp_path)
    with pytest.raises(ValueError, match="repeated"):
        read_map("t.tsv")


def test_a_phrase_list_reads_one_phrase_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "p.txt").write_text("# Source: x. Licence: y\ntidak usah\n  tanpa harus \n")
    monkeypatch.setattr(wordtables, "DATA", tmp_path)
    assert read_phrases("p.txt") == ("tidak usah", "tanpa harus")
