"""Village and district programmes: categories of worker, and one row of a village list checked.

Villages keep by-name-by-address lists in spreadsheets; each row is read here against the
programme (its desa or kabupaten, its categories) and today's date, with the same NIK, name
and phone parsers the chat uses. The result lists every problem found, as codes (``PROBLEMS``
says what each means); the storage layer adds the duplicates it alone can see. Pure: no I/O
beyond the bundled tables.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from bot.domain import facts as F
from bot.domain.chatwords import asks_more
from bot.domain.eligibility import age_on
from bot.domain.intent import about_others
from bot.domain.regions import region, search_villages
from bot.domain.validation import Nik, clean_input, parse_name, parse_nik, parse_phone
from bot.errors import ValidationError
from bot.i18n import N_

DATA = Path(__file__).parent / "data" / "village_programmes.toml"
REQUIRED = ("nik", "name", "birth_date", "occupation", "village")

#: The categories' names as staff read them (the keys come from the data file).
CATEGORY_LABELS = {
    "farmer": N_("Farmer"),
    "fisher": N_("Fisher"),
    "day_labourer": N_("Day labourer"),
    "scavenger": N_("Scavenger"),
    "mosque_caretaker": N_("Mosque caretaker"),
    "ojek": N_("Ojek driver"),
    "hawker": N_("Hawker"),
    "livestock_keeper": N_("Livestock keeper"),
    "parking_attendant": N_("Parking attendant"),
    "quran_teacher": N_("Qur'an teacher"),
    "becak_driver": N_("Becak driver"),
    "angkot_driver": N_("Angkot driver"),
    "rt_rw_head": N_("RT/RW head"),
    "waste_bank_worker": N_("Waste-bank worker"),
    "cadre": N_("Government cadre"),
}

#: Every problem a list row can have, as the validation report explains it.
PROBLEMS = {
    "missing.nik": N_("NIK is missing"),
    "missing.name": N_("Name is missing"),
    "missing.birth_date": N_("Date of birth is missing"),
    "missing.occupation": N_("Occupation is missing"),
    "missing.village": N_("Desa/kelurahan is missing"),
    "nik.format": N_("NIK has characters other than digits"),
    "nik.length": N_("NIK is not 16 digits"),
    "nik.region": N_("NIK's region code does not exist"),
    "nik.birth_date": N_("NIK's birth date digits are not a real date"),
    "nik.serial": N_("NIK's last four digits are 0000"),
    "nik.birth_date_mismatch": N_("Date of birth differs from the one the NIK encodes"),
    "birth_date.format": N_("Date of birth is not a date (use DD-MM-YYYY)"),
    "name.invalid": N_("Name is not a name as on the KTP"),
    "phone.invalid": N_("Phone is not an Indonesian mobile number"),
    "village.outside": N_("Lives outside the programme's desa or kabupaten"),
    "age.over_limit": N_("Aged 65 or over: above the age limit for a first registration"),
    "category.not_admitted": N_("Occupation not admitted by this programme"),
    "duplicate.list": N_("Same NIK as an earlier row of this list"),
    "duplicate.lead": N_("This NIK already has a registration"),
}


@dataclass(frozen=True)
class _Tables:
    categories: dict[str, tuple[str, ...]]
    form_occupations: dict[str, frozenset[str]]
    headers: dict[str, str]  # normalised header -> field
    status: dict[str, frozenset[str]]  # self / sponsor / enrolled words
    not_asked: frozenset[str]  # "bisa", "belum" before "didaftarkan": not whether one was
    supposed: frozenset[str]  # "kalau", "nanti" before it: what follows enrolment, not whether


@cache
def _tables() -> _Tables:
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    categories = {key: tuple(row["words"]) for key, row in raw["categories"].items()}
    form = {key: frozenset(keys) for key, keys in raw["form_occupations"].items()}
    headers = {alias: name for name, aliases in raw["headers"].items() for alias in aliases}
    status = {kind: frozenset(words) for kind, words in raw["status"].items()}
    return _Tables(
        categories,
        form,
        headers,
        status,
        frozenset(raw["not_asked"]["words"]),
        frozenset(raw["supposed"]["words"]),
    )


def categories() -> tuple[str, ...]:
    """Every category key, in the data file's order."""
    return tuple(_tables().categories)


def _words(text: str) -> str:
    folded = unicodedata.normalize("NFKD", clean_input(text).lower())
    return " " + " ".join(re.findall(r"[a-z0-9]+", folded)) + " "


def category_of(occupation: str) -> str | None:
    """The category an occupation as written names: the longest word found decides.

    >>> category_of("Buruh Tani"), category_of("PETANI"), category_of("guru")
    ('day_labourer', 'farmer', None)
    """
    text, best, length = _words(occupation), None, 0
    for key, words in _tables().categories.items():
        for word in words:
            if f" {word} " in text and len(word) > length:
                best, length = key, len(word)
    return best


def admits(admitted: Iterable[str], occupation: str) -> bool:
    """Whether a programme admitting `admitted` categories takes a worker of `occupation`.

    `occupation` is a list's or a chat's words, or a registration form key, which may be
    one of several categories ("farmer_fisher").

    >>> admits(["fisher"], "nelayan"), admits(["fisher"], "farmer_fisher"), admits(["ojek"], "guru")
    (True, True, False)
    """
    possible = _tables().form_occupations.get(occupation)
    if possible is None:
        found = category_of(occupation)
        possible = frozenset({found} if found else ())
    return bool(possible & set(admitted))


def asks_own_place(text: str) -> bool:
    """Whether a message asks if the sender was enrolled by their village or Pemda.

    >>> asks_own_place("saya sudah didaftarkan desa?"), asks_own_place("my village enrolled me?")
    (True, True)
    >>> asks_own_place("bagaimana desa mendaftarkan warganya?")
    False
    >>> asks_own_place("Bapak saya umur 67, bisa didaftarkan lewat program Pemkab?")
    False
    >>> asks_own_place("pemkab belum daftarkan BPJS TK saya… kemarin jatuh, bisa klaim JKK?")
    False

    Nor is one that supposes it and asks what follows:
    >>> asks_own_place("sy klo didaftarin pemkab, bpjs tk nya gratis selamanya kah?")
    False

    A story that names these words and asks something else is a question for the FAQ:
    >>> asks_own_place("Bapak saya terdaftar, iurannya dibayar pemda. Keluarga dapat apa?")
    False

    The lookup knows the sender's place only, so a message telling of someone else is theirs:
    >>> asks_own_place("Istri saya didaftarkan Pemkab, meninggal. Pasti dapat santunan kan?")
    False
    """
    if about_others(text):
        return False
    said = _words(text).split()
    tables = _tables()
    groups = tables.status.values()
    if not all(set(said) & group for group in groups):
        return False
    enrolled = tables.status["enrolled"]
    if any(a in tables.not_asked and b in enrolled for a, b in zip(said, said[1:], strict=False)):
        return False
    if any(
        w in enrolled and tables.supposed & set(said[max(0, i - 4) : i]) for i, w in enumerate(said)
    ):
        return False
    return not asks_more(" ".join(w for w in said if not any(w in g for g in groups)))


def header_field(header: str) -> str | None:
    """The field a list's column header means, matched loosely; None for other columns.

    >>> header_field("Tgl. Lahir"), header_field("Desa/Kelurahan"), header_field("No HP")
    ('birth_date', 'village', 'phone')
    """
    return _tables().headers.get(re.sub(r"[^a-z0-9]", "", clean_input(header).lower()))


_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %m %Y")


def parse_cell_date(value: object) -> date:
    """A date of birth as a spreadsheet holds it: a date cell, or 15-08-1995 / 1995-08-15.

    >>> parse_cell_date("15/08/1995"), parse_cell_date(datetime(1995, 8, 15))
    (datetime.date(1995, 8, 15), datetime.date(1995, 8, 15))
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_input(str(value))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError("birth_date.format")


def months_paid(active_from: date | None, start: date, months: int, today: date) -> int:
    """Months paid since the branch marked the group active, at most the programme's.

    This month counts (a BPU pays by the 15th of the month it is for); months before the
    programme's first month do not, whatever month the branch typed.

    >>> months_paid(date(2026, 5, 1), date(2026, 1, 1), 12, date(2026, 11, 21))
    7
    >>> months_paid(date(2026, 8, 1), date(2026, 11, 1), 12, date(2026, 12, 5))
    2
    >>> months_paid(None, date(2026, 1, 1), 12, date.today())
    0
    """
    if active_from is None:
        return 0
    first = max(active_from, start)
    if first > today:
        return 0
    paid = (today.year - first.year) * 12 + today.month - first.month + 1
    return min(paid, months)


def counted(members: int, paid: int) -> Decimal:
    """Members a group counts as active: all after 6 paid months, pro-rated below.

    >>> counted(1_000, 3), counted(1_000, 7)
    (Decimal('500'), Decimal('1000'))
    """
    full = F.GROUP_ACTIVE_MONTHS.value
    return members * min(Decimal(paid), full) / full


@dataclass(frozen=True)
class Area:
    """Where a programme's residents live: one desa, or a whole kabupaten/kota."""

    code: str  # "51.03.01.1003" (desa) or "51.03" (kabupaten/kota)

    @property
    def is_village(self) -> bool:
        return len(self.code.split(".")) == 4

    @property
    def regency_code(self) -> str:
        return ".".join(self.code.split(".")[:2])

    def find_village(self, written: str) -> str | None:
        """The desa code a list's "Desa/kelurahan" cell names inside this area, if any."""
        if self.is_village:
            own = region(self.code)
            if own is not None and _words(own.name) == _words(written):
                return self.code
            best = search_villages(self.code.rsplit(".", 1)[0], written).best
            return self.code if best and best.region.code == self.code else None
        best = search_villages(self.regency_code, written).best
        return best.region.code if best else None


@dataclass
class ListRow:
    """One row of a village list, read and checked; `problems` empty means it can be enrolled."""

    number: int  # the spreadsheet's row number (the header is row 1)
    nik: Nik | None = None
    raw_nik: str = ""
    name: str = ""
    birth_date: date | None = None
    occupation: str = ""
    category: str | None = None
    village_code: str | None = None
    phone: str | None = None
    address: str | None = None
    problems: list[str] = field(default_factory=list)


def _cell(row: Mapping[str, object], name: str) -> object:
    value = row.get(name)
    if value is None or (isinstance(value, str) and not clean_input(value)):
        return None
    return value


def check_row(
    number: int, row: Mapping[str, object], area: Area, admitted: tuple[str, ...], today: date
) -> ListRow:
    """Read one row (fields by name, see `header_field`) and list every problem in it."""
    out = ListRow(number)
    missing = [name for name in REQUIRED if _cell(row, name) is None]
    out.problems += [f"missing.{name}" for name in missing]
    if (raw := _cell(row, "nik")) is not None:
        out.raw_nik = clean_input(str(raw))
        try:
            out.nik = parse_nik(out.raw_nik, today)
        except ValidationError as exc:
            out.problems.append(exc.code)
    if (raw := _cell(row, "name")) is not None:
        try:
            out.name = parse_name(str(raw))
        except ValidationError:
            out.problems.append("name.invalid")
    if (raw := _cell(row, "birth_date")) is not None:
        try:
            out.birth_date = parse_cell_date(raw)
        except ValidationError as exc:
            out.problems.append(exc.code)
    if out.nik and out.birth_date and out.nik.birth_date != out.birth_date:
        out.problems.append("nik.birth_date_mismatch")
    born = out.nik.birth_date if out.nik else out.birth_date
    if born and born <= today and age_on(born, today) >= F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value:
        out.problems.append("age.over_limit")
    if (raw := _cell(row, "village")) is not None:
        out.village_code = area.find_village(str(raw))
        if out.village_code is None:
            out.problems.append("village.outside")
    if (raw := _cell(row, "occupation")) is not None:
        out.occupation = clean_input(str(raw))[:100]
        out.category = category_of(out.occupation)
        if out.category not in admitted:
            out.problems.append("category.not_admitted")
    if (raw := _cell(row, "phone")) is not None:
        try:
            out.phone = parse_phone(str(raw))
        except ValidationError:
            out.problems.append("phone.invalid")
    if (raw := _cell(row, "address")) is not None:
        out.address = clean_input(str(raw))[:300]
    return out
