"""Built FAQ indexes kept on disk, so that a new process loads one instead of training it.

Why: building the Indonesian and English indexes takes 10-40 s of CPU per process (it reads
every phrasing's conditions and trains three models), paid again by each `bot run` worker,
each `bot ask` or `bot chat` and each test worker; unpickling the same index takes about 1 s.
A stored index is only used when it was built from the same code, data, knowledge files and
library versions: its file name is a digest of all of them, so any edit builds afresh. The
store lives in the user's cache directory (`$XDG_CACHE_HOME/jamsostek-bot`); when it cannot
be read or written the index is simply built, as before.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from bot.domain.faq import FaqIndex

_CODE = Path(__file__).resolve().parent  # the `bot` package: code, models and data
KEEP = 12  # stored indexes kept: several checkouts of the code may share one cache


def cache_dir() -> Path:
    """Where built indexes are stored: the user's cache directory."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jamsostek-bot"


def _digest_files(digest: hashlib._Hash, root: Path, pattern: str) -> None:
    for path in sorted(root.glob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())


@cache
def _code_digest() -> str:
    """The digest of what every build depends on besides the knowledge files."""
    digest = hashlib.sha256(sys.version.encode())
    installed = sorted(f"{d.metadata['Name']}={d.version}" for d in metadata.distributions())
    digest.update("\n".join(installed).encode())  # a pickle may not load in another version
    _digest_files(digest, _CODE, "**/*")
    return digest.hexdigest()


def _path(locales_dir: Path, language: str) -> Path:
    digest = hashlib.sha256(f"{_code_digest()}\0{language}".encode())
    _digest_files(digest, locales_dir, "*/knowledge/*.toml")
    return cache_dir() / f"faq-{language}-{digest.hexdigest()[:32]}.pickle"


def stored_index(locales_dir: Path, language: str, build: Callable[[], FaqIndex]) -> FaqIndex:
    """The index stored for exactly these inputs, else `build()`'s, stored for the next process."""
    path = _path(locales_dir, language)
    try:
        with path.open("rb") as stored:
            found = pickle.load(stored)
        if isinstance(found, FaqIndex):
            os.utime(path)  # recently used: kept by _prune
            return found
    except Exception:  # not stored yet, or unreadable: never a reason not to answer
        pass
    index = build()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as fh:
            try:
                pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                os.unlink(fh.name)
                raise
        os.replace(fh.name, path)  # whole or absent: processes may store the same at once
        _prune(path.parent)
    except (OSError, pickle.PicklingError):
        pass  # a read-only home: the next process builds it again
    return index


def _prune(directory: Path) -> None:
    """Keep the KEEP most recently used indexes."""
    stored = sorted(directory.glob("faq-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in stored[KEEP:]:
        old.unlink(missing_ok=True)
