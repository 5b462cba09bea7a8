"""A built FAQ index is stored for the next process and used only for the same inputs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot import index_store
from bot.domain.faq import FaqIndex, build_index
from bot.knowledge import default_locales_dir, load_knowledge

QUESTIONS = ("jht cair kapan", "iuran bpjs tk brp sebulan", "harga emas hari ini")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "jamsostek-bot"


@pytest.fixture(scope="module")
def small() -> FaqIndex:
    return build_index(load_knowledge()["id"].entries[:40])


class Builds:
    """A small index's build, counted (built once: the store is what is tested)."""

    def __init__(self, index: FaqIndex) -> None:
        self.index = index
        self.count = 0

    def __call__(self) -> FaqIndex:
        self.count += 1
        return self.index


def test_the_next_process_loads_the_index_that_answers_the_same(
    cache: Path, small: FaqIndex
) -> None:
    build = Builds(small)
    built = index_store.stored_index(default_locales_dir(), "id", build)
    loaded = index_store.stored_index(default_locales_dir(), "id", build)
    assert build.count == 1 and loaded is not built
    for question in QUESTIONS:
        assert loaded.match(question) == built.match(question)
    assert [p.suffix for p in cache.iterdir()] == [".pickle"]  # no temporary file left


def test_an_edited_knowledge_file_or_another_language_builds_afresh(
    cache: Path, tmp_path: Path, small: FaqIndex
) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(default_locales_dir() / "id" / "knowledge", locales / "id" / "knowledge")
    build = Builds(small)
    index_store.stored_index(locales, "id", build)
    index_store.stored_index(locales, "en", build)
    jht = locales / "id" / "knowledge" / "jht.toml"
    jht.write_text(jht.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    index_store.stored_index(locales, "id", build)
    index_store.stored_index(locales, "id", build)
    assert build.count == 3


def test_an_unreadable_store_is_built_and_replaced(cache: Path, small: FaqIndex) -> None:
    build = Builds(small)
    index_store.stored_index(default_locales_dir(), "id", build)
    (stored,) = cache.iterdir()
    stored.write_bytes(b"not a pickle")
    assert index_store.stored_index(default_locales_dir(), "id", build).match(QUESTIONS[0])
    assert build.count == 2
    index_store.stored_index(default_locales_dir(), "id", build)
    assert build.count == 2


def test_a_cache_that_cannot_be_written_still_answers(cache: Path, small: FaqIndex) -> None:
    cache.parent.mkdir()
    cache.write_text("a file where the directory would be")
    build = Builds(small)
    assert index_store.stored_index(default_locales_dir(), "id", build).match(QUESTIONS[0])
    assert index_store.stored_index(default_locales_dir(), "id", build).match(QUESTIONS[0])
    assert build.count == 2


def test_only_the_most_recently_used_are_kept(cache: Path, small: FaqIndex) -> None:
    cache.mkdir(parents=True)
    old = [cache / f"faq-id-{n:032d}.pickle" for n in range(index_store.KEEP + 3)]
    for n, path in enumerate(old):
        path.write_bytes(b"")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))  # the last written, the last used
    index_store.stored_index(default_locales_dir(), "id", Builds(small))
    kept = set(cache.glob("faq-*.pickle"))
    assert len(kept) == index_store.KEEP
    assert kept - set(old) and set(old[-index_store.KEEP + 1 :]) < kept
