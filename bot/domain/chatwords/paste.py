"""A form's data pasted in one message ("nama … nik … lahir …"), by kind (paste.toml).

Also whether a message is a name or a form's data at a step that asked something else: both
are known by the paste's labels and figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from bot.domain.chatwords.ages import _birth_date
from bot.domain.chatwords.names import parse_name
from bot.domain.chatwords.phones import parse_phone
from bot.domain.chatwords.reading import _MAX_CHARS, _alternatives, _load
from bot.domain.validation import clean_input


@dataclass(frozen=True, slots=True)
class _PasteLabels:
    label: re.Pattern[str]
    kinds: dict[str, str]  # a label as typed (folded, one space) -> what it labels
    kept: frozenset[str]


_PASTE_KINDS = (
    "name",
    "nik",
    "birth",
    "phone",
    "village",
    "district",
    "regency",
    "work",
    "income",
    "programs",
    "period",
)
_FIGURES = frozenset({"nik", "birth", "phone", "income"})  # labels a digit must follow
_ALONG = frozenset({"programs", "period"})  # read with a paste's data, never a paste alone
_NIK_RUN = re.compile(r"(?<![\d+])\d(?:[ .\-]?\d){15}(?![\d])")
_PHONE_RUN = re.compile(r"(?<![\d])(?:\+?62|0)[ \-]?8(?:[ \-]?\d){7,11}(?![\d])")
_FIGURE = re.compile(r"\d")


@cache
def _paste_labels() -> _PasteLabels:
    data = _load("paste.toml")
    kinds = {" ".join(w.casefold().split()): k for k, ws in data["labels"].items() for w in ws}
    return _PasteLabels(
        label=re.compile(
            rf"(?<![^\W_])(?:{_alternatives(list(kinds))})(?![^\W\d_])[\s:=.\-]*",
            re.IGNORECASE,
        ),
        kinds=kinds,
        kept=frozenset(data["kept"]["words"]),
    )


def read_paste(text: str, today: date, *, least: int = 2) -> dict[str, str]:
    """The data of a message that pastes several at once, by kind; {} for fewer than `least`.

    Kinds: name, nik, birth (ISO date), phone (E.164), village, district, regency, work,
    income (the words of the amount), programs, period (their words). A label
    (data/chatwords/paste.toml) opens each value; a 16-digit NIK, a mobile number and a full
    date are found without one. The name may come
    first without its label. Values are read, never judged: each step checks its own.

    >>> read_paste("nama Siti Aminah nik 3201 2345 6789 0123 lahir 12-03-1980", date(2026, 1, 1))
    {'name': 'Siti Aminah', 'nik': '3201234567890123', 'birth': '1980-03-12'}
    >>> read_paste("Budi" + chr(10) + "WA: 0812-3456-7890", date(2026, 1, 1))
    {'name': 'Budi', 'phone': '+6281234567890'}
    >>> read_paste("desa Dalung", date(2026, 1, 1)), read_paste("2jt sebulan", date(2026, 1, 1))
    ({}, {})
    >>> read_paste("iuran jkk brp sih", date(2026, 1, 1))
    {}
    """
    if len(text) > _MAX_CHARS * 2:
        return {}
    table = _paste_labels()
    cuts: list[tuple[int, int, str]] = []  # where each label starts, where its value starts
    matches = list(table.label.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        said = " ".join(m.group().casefold().strip(" :=-").split())
        kind = table.kinds.get(said) or table.kinds.get(said.rstrip("."))
        if kind is None or (kind in _FIGURES and not _FIGURE.search(text[m.end() : end])):
            continue
        cuts.append((m.start(), m.start() if said in table.kept else m.end(), kind))
    found: dict[str, str] = {}
    figure = re.search(r"\+?\d", text)  # "Budi Santoso 5103…": the name before the figures
    first = min(cuts[0][0] if cuts else len(text), figure.start() if figure else len(text))
    for i, (_, start, kind) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        value = _OTHER_LINE.split(text[start:end])[0].strip(" ,;:-.\n")  # not "Agama : …"
        if value and kind not in found:
            found[kind] = value
    if address := found.pop("address", None):
        found.setdefault("village", address)
    # The name may open the message unlabelled; a labelled one wins ("Data pendaftar:" heads a
    # list whose "Nama : …" line holds it).
    if first and "name" not in found and (name := parse_name(text[:first].strip(" ,;:-\n"))):
        found["name"] = name
    _read_figures(found, text, today)
    enough = len(found.keys() - _ALONG) >= least  # "iuran jkk brp sih" is no paste
    return {k: found[k] for k in _PASTE_KINDS if k in found} if enough else {}


#: A line of another label than ours ("Kewarganegaraan : WNI" after "Pekerjaan : …"), or a
#: list's next numbered line ("1. Nama : I Made Suarta" then "2. NIK : …"): a value ends before it.
_OTHER_LINE = re.compile(r"\s*\n(?:[^\n:]{1,30}:|\s*\d{1,2}[.)]\s)")


def holds_form_data(text: str, today: date) -> bool:
    """Whether a message is a form's data rather than words: a NIK, a mobile number, a paste.

    >>> day = date(2026, 1, 1)
    >>> holds_form_data("5103 0615 0895 0001", day), holds_form_data("0812-3456-7890", day)
    (True, True)
    >>> holds_form_data("iuran 16800", day)
    False
    """
    if len(text) > _MAX_CHARS * 2:
        return False
    return bool(_NIK_RUN.search(text) or parse_phone(text) or read_paste(text, today))


def _read_figures(found: dict[str, str], text: str, today: date) -> None:
    """Check the figures' values and find the unlabelled ones by their shape, in place."""
    if name := parse_name(found.pop("name", "")):
        found["name"] = name
    nik = _NIK_RUN.search(found.get("nik", "")) or _NIK_RUN.search(text)
    found.pop("nik", None)
    if nik:
        found["nik"] = re.sub(r"\D", "", nik.group())
    rest = _NIK_RUN.sub(" ", text)
    phone = _PHONE_RUN.search(_NIK_RUN.sub(" ", found.pop("phone", ""))) or _PHONE_RUN.search(rest)
    if phone and (e164 := parse_phone(phone.group())):
        found["phone"] = e164
    born = _birth_date(found.pop("birth", ""), today) or _birth_date(
        _PHONE_RUN.sub(" ", rest), today
    )
    if isinstance(born, date):
        found["birth"] = born.isoformat()
    work = found.get("work", "")
    if "income" not in found and (figure := _FIGURE.search(work)):  # "jualan sayur 2jt sebulan"
        found["work"], found["income"] = (
            work[: figure.start()].strip(" ,;:-"),
            work[figure.start() :],
        )
    if not found.get("work"):
        found.pop("work", None)


def gives_name(text: str) -> bool:
    """Whether a message is a name, typed at a step that asked something else (the consent).

    Labelled ("nama saya budi", "nama: Budi"), or two to five words each opening with a
    capital, as on a KTP ("Budi Santoso", "SITI AMINAH"); not "oh gitu" or "baca dulu".

    >>> gives_name("Budi Santoso"), gives_name("nama saya budi"), gives_name("oh gitu")
    (True, True, False)
    """
    if parse_name(text) is None:
        return False
    t = clean_input(text).strip()
    table = _paste_labels()
    if label := table.label.match(t):
        return table.kinds.get(" ".join(label.group().casefold().strip(" :=-").split())) == "name"
    words = t.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


def name_in_paste(text: str) -> str | None:
    """The name of a message that pastes the other data after it, else None.

    >>> name_in_paste("nama Siti Aminah nik 3201014101800002 lahir 1980 desa Cikole")
    'Siti Aminah'
    >>> name_in_paste("Siti Aminah"), name_in_paste("nik 3201014101800002")
    (None, None)
    >>> name_in_paste("Wayan 123")
    """
    return read_paste(text, date.max).get("name")
