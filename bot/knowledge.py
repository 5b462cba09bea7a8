"""Knowledge articles: one TOML file per topic and language under `locales/<lang>/knowledge/`.

Why TOML: translators and reviewers edit plain text with multi-line answers, and stdlib
`tomllib` reads it without a dependency. Validation is strict and names the file and the
entry, because a silent typo here means a wrong answer to a worker.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.config import LOCALES_DIR
from bot.domain.faq import FaqIndex, build_index
from bot.domain.real_questions import dev_examples
from bot.index_store import stored_index

MAX_ANSWER_CHARS = 600
BASE_LANGUAGE = "id"
REDIRECT_TOPIC = "redirect"
REDIRECT_FILE = "_redirects.toml"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")
_TOPIC_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message names the file and, if known, the id."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One question-answer article: the first message (`answer`) and optional `more`."""

    id: str
    topic: str
    title: str
    source: str
    questions: tuple[str, ...]
    answer: str
    more: str = ""

    @property
    def is_redirect(self) -> bool:
        """Out-of-scope entries answer with a polite pointer elsewhere."""
        return self.topic == REDIRECT_TOPIC


@dataclass(frozen=True, slots=True)
class Knowledge:
    """All entries of one language, in file order, with lookups by id and topic."""

    language: str
    entries: tuple[Entry, ...]
    by_id: Mapping[str, Entry]
    topics: Mapping[str, str]  # topic -> title

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self.by_id.get(entry_id)


def _fail(path: Path, msg: str, entry_id: str | None = None) -> KnowledgeError:
    where = f"{path}" + (f" [{entry_id}]" if entry_id else "")
    return KnowledgeError(f"{where}: {msg}")


def _text(path: Path, raw: Mapping[str, Any], key: str, eid: str | None, *, required: bool) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _fail(path, f"'{key}' must be a string", eid)
    value = value.strip()
    if required and not value:
        raise _fail(path, f"'{key}' is missing or empty", eid)
    return value


def _parse_entry(path: Path, topic: str, title: str, raw: Any, index: int) -> Entry:
    if not isinstance(raw, dict):
        raise _fail(path, f"entry #{index} is not a table")
    eid = raw.get("id")
    if not isinstance(eid, str) or not _ID_RE.match(eid):
        raise _fail(path, f"entry #{index} has a missing or malformed id {eid!r}", None)
    if eid.split(".", 1)[0] != topic:
        raise _fail(path, f"id must start with '{topic}.'", eid)
    unknown = set(raw) - {"id", "source", "questions", "answer", "more", "title"}
    if unknown:
        raise _fail(path, f"unknown keys {sorted(unknown)}", eid)
    questions = raw.get("questions")
    if (
        not isinstance(questions, list)
        or not questions
        or not all(isinstance(q, str) and q.strip() for q in questions)
    ):
        raise _fail(path, "'questions' must be a non-empty list of non-empty strings", eid)
    answer = _text(path, raw, "answer", eid, required=True)
    if len(answer) > MAX_ANSWER_CHARS:
        raise _fail(path, f"answer has {len(answer)} characters, max {MAX_ANSWER_CHARS}", eid)
    return Entry(
        id=eid,
        topic=topic,
        title=_text(path, raw, "title", eid, required=False) or title,
        source=_text(path, raw, "source", eid, required=True),
        questions=tuple(q.strip() for q in questions),
        answer=answer,
        more=_text(path, raw, "more", eid, required=False),
    )


def load_file(path: Path) -> tuple[str, str, tuple[Entry, ...]]:
    """Parse and validate one topic file: (topic, title, entries)."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise _fail(path, f"cannot read TOML: {exc}") from exc
    topic = data.get("topic")
    if not isinstance(topic, str) or not _TOPIC_RE.match(topic):
        raise _fail(path, f"missing or malformed 'topic' {topic!r}")
    expected = REDIRECT_TOPIC if path.name == REDIRECT_FILE else path.stem
    if topic != expected:
        raise _fail(path, f"topic {topic!r} does not match the file name (expected {expected!r})")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _fail(path, "missing 'title'")
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise _fail(path, "no [[entries]]")
    entries = tuple(_parse_entry(path, topic, title, r, i) for i, r in enumerate(raw_entries))
    return topic, title.strip(), entries


def load_language(directory: Path, language: str) -> Knowledge:
    """Load every `*.toml` in one language's knowledge directory; ids must be unique."""
    entries: list[Entry] = []
    topics: dict[str, str] = {}
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.toml")):
        topic, title, file_entries = load_file(path)
        topics[topic] = title
        for entry in file_entries:
            if entry.id in seen:
                raise _fail(path, f"duplicate id, first defined in {seen[entry.id]}", entry.id)
            seen[entry.id] = path
            entries.append(entry)
    if not entries:
        raise KnowledgeError(f"{directory}: no knowledge files")
    return Knowledge(
        language=language,
        entries=tuple(entries),
        by_id=MappingProxyType({e.id: e for e in entries}),
        topics=MappingProxyType(topics),
    )


def default_locales_dir() -> Path:
    """The repository's `locales/` directory."""
    return LOCALES_DIR


def _root(locales_dir: Path | None) -> str:
    """The cache key of a locales directory; the default costs no file-system call."""
    return str(locales_dir.resolve()) if locales_dir else str(LOCALES_DIR)


@lru_cache(maxsize=8)
def _load_cached(locales_dir: str) -> Mapping[str, Knowledge]:
    root = Path(locales_dir)
    result: dict[str, Knowledge] = {}
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        kdir = lang_dir / "knowledge"
        if kdir.is_dir() and any(kdir.glob("*.toml")):
            result[lang_dir.name] = load_language(kdir, lang_dir.name)
    return MappingProxyType(result)


def load_knowledge(locales_dir: Path | None = None) -> Mapping[str, Knowledge]:
    """All languages' knowledge, keyed by language code (`id`, `en`); cached per directory."""
    return _load_cached(_root(locales_dir))


@lru_cache(maxsize=8)
def _index_cached(locales_dir: str, language: str) -> FaqIndex:
    return stored_index(Path(locales_dir), language, lambda: _build_index(locales_dir, language))


def _build_index(locales_dir: str, language: str) -> FaqIndex:
    kb = _load_cached(locales_dir)
    entries = kb[language].entries
    base = kb.get(BASE_LANGUAGE)
    if base is not None and language != BASE_LANGUAGE:
        # People mix languages: an English-speaking user may still type Indonesian.
        entries = tuple(
            replace(e, questions=e.questions + base.by_id[e.id].questions)
            if e.id in base.by_id
            else e
            for e in entries
        )
    # Only the Indonesian index learns dev's real questions (Indonesian ones): the English one
    # gained nothing on faq_en_fresh (186/208, 32/32 either way) and lost 5 of 327 on
    # faq_en_devset with them.
    examples = dev_examples() if language == BASE_LANGUAGE else None
    return build_index(entries, language=language, examples=examples)


def load_index(language: str, locales_dir: Path | None = None) -> FaqIndex:
    """The FAQ matcher for one language, built once (it trains models: 10-40 s of CPU).

    Kept in memory for the process and on disk for the next ones (bot.index_store).

    Non-Indonesian indexes also learn the Indonesian phrasings of the same entry ids; each
    index reads its phrasings and questions with its own language's rules. The Indonesian
    one also learns the labelled real questions of dev as examples (bot.domain.real_questions).
    """
    return _index_cached(_root(locales_dir), language)


def clear_cache() -> None:
    """Forget loaded knowledge and indexes (a benchmark timing a build, or files edited)."""
    _index_cached.cache_clear()
    _load_cached.cache_clear()
