"""Does a free-text message ask to check eligibility or cost for the writer himself?

Why: the eligibility wizard used to start whenever a message held a number or a kind of
work, so a plain question ("iuran minimal bpu berapa", "sudah bayar 15 tahun bisa apa")
got "Saya catat: usia 15" instead of an answer. A check starts only when the writer
names his work or income (what the check prices) and either asks what he would pay or get
(speaking of himself) or asks whether he may join giving two facts ("saya petani umur 57
bisa ikut?"). "sy pedagang bisa ikut?" is answered by the FAQ, as is a message about
someone else, a claim, a withdrawal or a death, or "saya umur 64 masih bisa daftar?". So
is a request that asks something more ("saya nelayan, daftarnya di mana dan iurannya
berapa?": `chatwords.asks_more` on what is left once the request's words are out), and one
asking a rule the FAQ states ("mulai dari berapa", "masih bisa daftar pertama kali?"). A short
statement of one's own age or income, asking nothing ("umur 52", "sebulan paling 3jt an"), is
what the check wants to hear, typed after an answer on who may join: it starts the check.
Word tables are in data/intent.toml. Pure; no I/O beyond reading that file once.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from bot.domain.chatwords import asks_more, is_question
from bot.domain.occupations import Occupation, find_occupation

__all__ = [
    "answered_by_check",
    "asks_to_join",
    "earned_amount",
    "names_income",
    "own_work",
    "states_own_facts",
    "states_the_rule_for",
    "wants_eligibility_check",
]

_DATA = Path(__file__).with_name("data") / "intent.toml"
# The words that make a number of years no age for the age reader too ("jualan 20 tahun",
# "pengalaman 15 tahun", "25 tahun bertani"): one table for both, so a request to check never
# counts as an age what the check's form then does not note.
_AGES = Path(__file__).with_name("data") / "chatwords" / "ages.toml"
# Letters, digits and the marks numbers and amounts use ("1,5jt", "Rp1.500.000", "50%").
_NOT_WORD = re.compile(r"[^\w%.,/]+")
_NUMBER = r"\d+(?:[.,]\d+)*"
_FEE_REACH = 30  # characters before an amount where a fee word makes it a fee
_STATEMENT_WORDS = 6  # a longer message that asks nothing is a story, not facts for the check
_CLAUSE_WORDS = ("kalau", "kalo", "klo", "sedangkan", "sementara", "tapi", "tetapi", "namun")
# Clauses of a message: after a mark and a space ("istri saya ojol, saya petani"; not "1,5jt"),
# or before a word that turns to another person ("istri saya ojol kalau saya petani").
_CLAUSE = re.compile(rf"(?<=[,.;!?\n])\s+|\s+(?=(?:{'|'.join(_CLAUSE_WORDS)})\b)", re.IGNORECASE)


class _Words:
    """The tables of data/intent.toml compiled to whole-word patterns."""

    def __init__(self) -> None:
        table = tomllib.loads(_DATA.read_text(encoding="utf-8"))
        self.self_ = _words(table["self"])
        self.others = _words(table["others"])
        self.preface = re.compile(rf"(?:{'|'.join(table['preface'])})")
        self.not_work = _words(table["not_work"])
        self.join = _words(table["join"])
        self.cost = _words(table["cost"] + table["price"])
        self.price = _words(table["price"])
        self.other_topic = _words(table["other_topic"])
        self.asks_rule = _words(table["asks_rule"])
        self.segment = _words(table["segment"])
        self.own_cost = _words(table["own_cost"])
        self.not_own_cost = _words(table["not_own_cost"])
        self.income = _words(table["income"])
        self.not_income = _words(table["not_income"])
        self.received = _words(table["received"])
        self.period = re.compile(rf"(?:{'|'.join(table['period'])})")

        def any_of(key: str) -> str:
            return "|".join(table[key])

        self.amount = re.compile(
            rf"(?:rp\.? ?{_NUMBER}|{_NUMBER} ?(?:{any_of('amount_units')})(?:an)?\b)"
            rf"|\b(?:{any_of('amount_numbers')}) ?(?:{any_of('amount_scales')})"
        )
        self.unit = re.compile(rf" ?(?:{any_of('amount_units')})\b")  # "rp3 juta": its unit
        years_of = [
            re.escape(w)
            for w in tomllib.loads(_AGES.read_text(encoding="utf-8"))["not_age"]["words"]
        ]
        before = "|".join([*table["not_age_before"], *years_of])
        after = "|".join([*table["not_age_after"], *years_of])
        years = rf"(\d{{1,3}}) ?(?:{any_of('age_years')})\b"
        self.age = re.compile(
            rf"\b(?:{any_of('age_words')}) ?(?:ku )?(\d{{1,3}})\b"
            rf"|\b{years}(?! ?(?:{after})\b)"
            rf"|\b(?:{any_of('born')}) (?:(?:{any_of('born_year')}) )?"
            r"(?:\d{1,2}[-/.]\d{1,2}[-/.])?(19\d\d|20\d\d)\b"
            rf"|\b(?:{any_of('age_self')}) (\d{{2}})\b(?! ?(?:{any_of('not_age_after_self')}))"
        )
        self.not_age = re.compile(rf"\b(?:{before})\b(?: \w+)? {years}")
        self.check_answers = tuple(table["check_answers"])
        self.relative_case = frozenset(table["relative_case"])
        self.owner = _words(table["owner"])
        self.staff = _words(table["staff"])
        self.helper_answers = frozenset(table["helper_answers"])
        self.join_here = frozenset(table["join_here"])


def _words(alternatives: list[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b")


@cache
def _tables() -> _Words:
    return _Words()


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).replace("?", " ").split())


def _has_age(plain: str, words: _Words) -> bool:
    """An age, a birth year, or "saya 57": never years paid ("bayar 15 tahun") or "50%"."""
    hidden = words.not_age.sub(" ", plain)
    return any(
        (n := next(g for g in m.groups() if g)) and (len(n) == 4 or 15 <= int(n) <= 100)
        for m in words.age.finditer(hidden)
    )


def _has_income(plain: str, words: _Words) -> bool:
    """An amount of money said to be earned, not a fee or a benefit.

    "gaji 2 juta", "2jt sebulan", "sebulan paling 3jt"; not the wage of "Bukan Penerima Upah".
    """
    return next(_earned(plain, words), None) is not None


def _earned(plain: str, words: _Words) -> Iterator[str]:
    """Each amount said to be earned, with the period it is given for ("rp3 juta", "2jt sebulan").

    Not a fee ("iuran … Rp36.800 per bulan") and not what someone else receives ("keluarganya
    dapat Rp42 juta": a benefit, though "dapat" also says earned).
    """
    plain = words.segment.sub(" ", plain)
    for m in words.amount.finditer(plain):
        before, after = plain[max(0, m.start() - 25) : m.start()], plain[m.end() : m.end() + 14]
        if words.received.search(before):
            continue
        per_period = words.period.match(after.strip()) or words.period.search(before[-16:])
        named = [*words.income.finditer(before)]  # "gaji 2jt"; not "dapat Rp42 juta. Iuran 16rb"
        if (named and not words.not_income.search(before, named[-1].end())) or (
            per_period and not _fee(plain, m.start(), words)
        ):
            unit = words.unit.match(plain, m.end())
            said = m.group() + (unit.group() if unit else "")
            yield f"{said} {per_period.group() if per_period else ''}".strip()


def earned_amount(text: str) -> str | None:
    """The one amount a message says is earned, among other figures; None if not exactly one.

    "Pemkab menganggarkan Rp2 miliar … saya tukang kayu, penghasilan Rp3 juta": the income is
    Rp3 juta, though the message names three amounts. Two earned amounts ("gaji kadang 2jt
    kadang 3jt") are a range for the form to confirm.

    >>> earned_amount("pemkab menganggarkan Rp2 miliar, penghasilan saya Rp3 juta, iuran brp?")
    'rp3 juta'
    >>> earned_amount("gaji kadang 2jt kadang 3jt"), earned_amount("keluarganya dapat Rp42 juta")
    (None, None)
    """
    found = list(_earned(_plain(text), _tables()))
    return found[0] if len(found) == 1 else None


def _fee(plain: str, start: int, words: _Words) -> bool:
    """Whether the amount at `start` is named a fee or a benefit ("iuran 16rb"), not earned."""
    return bool(words.not_income.search(plain[max(0, start - _FEE_REACH) : start]))


def wants_eligibility_check(text: str) -> bool:
    """True for a request to check eligibility or cost for oneself; False for a question.

    >>> wants_eligibility_check("saya petani umur 57 bisa ikut?")
    True
    >>> wants_eligibility_check("aku ojol 2jt sebulan iurannya brp")
    True
    >>> wants_eligibility_check("iuran minimal bpu berapa")
    False
    """
    words = _tables()
    plain = _plain(own_words(text))
    if not plain or words.other_topic.search(plain):
        return False
    if words.asks_rule.search(plain):
        return False  # "mulai dari berapa", "daftar pertama kali": a rule the FAQ states
    cost, join = bool(words.cost.search(plain)), bool(words.join.search(plain))
    if asks_more(words.join.sub(" ", words.cost.sub(" ", plain))):
        return False  # "saya nelayan, daftarnya di mana dan iurannya berapa?": for the FAQ
    work = find_occupation(words.not_work.sub(" ", plain)) is not None
    income = _has_income(plain, words)
    facts = work + income + _has_age(plain, words)
    personal = bool(words.self_.search(plain))
    if not (work or income):
        return False
    return (cost and (facts >= 2 or personal)) or (join and facts >= 2)


def asks_to_join_as(text: str) -> bool:
    """A request about oneself that names one's work and age and asks whether one may join.

    That is the check's to answer, whatever the FAQ ranks first (handlers.faq.asks_for_check).

    >>> asks_to_join_as("saya petani umur 57 bisa ikut?"), asks_to_join_as("sy petani bisa ikut?")
    (True, False)
    """
    words = _tables()
    plain = _plain(own_words(text))
    return (
        wants_eligibility_check(text)
        and bool(words.join.search(plain))
        and own_work(text) is not None
        and _has_age(plain, words)
    )


def owner_asks_to_join(text: str) -> bool:
    """The owner of the business he names asks whether he himself may join (a BPU).

    >>> owner_asks_to_join("kalo saya sendiri pemilik toko bisa daftar?")
    True
    >>> owner_asks_to_join("saya penjaga toko digaji pemilik toko bisa daftar?")
    False
    """
    words = _tables()
    plain = _plain(text)
    return (
        bool(words.owner.search(plain) and words.self_.search(plain))
        and bool(words.join.search(plain))
        and not words.staff.search(plain)
        and not about_others(text)
    )


def may_join_here(entry_id: str) -> bool:
    """Whether the entry says the writer may join as a BPU, as this bot registers him.

    >>> may_join_here("peserta.ojol"), may_join_here("peserta.sick")
    (True, False)
    """
    return entry_id in _tables().join_here


def answers_for_helper(entry_id: str | None) -> bool:
    """Whether the FAQ's entry answers for a helper an owner pays (`owner_asks_to_join`)."""
    return entry_id in _tables().helper_answers


def about_others(text: str) -> bool:
    """Whether a message tells only of someone else ("istri saya …"): that person's case.

    For the FAQ: nothing is left of the writer's own (`own_words`).

    >>> about_others("istri saya didaftarkan pemkab"), about_others("saya sudah didaftarkan?")
    (True, False)
    """
    return not own_words(text)


def own_words(text: str) -> str:
    """What a message says of the writer himself, without its clauses about someone else.

    A clause naming someone else ("istri saya jualan online") is that person's, and so is a
    clause naming no one after it ("umurnya 30"); one in which the writer speaks of himself
    ("saya sendiri petani umur 40 bisa ikut?"), and those after it, are his. A message naming
    no one else is his whole; one that speaks only of someone else leaves nothing.

    >>> own_words("istri saya jualan online, saya sendiri petani umur 40 bisa ikut?")
    'saya sendiri petani umur 40 bisa ikut?'
    >>> own_words("sy petani umur 40, bisa ikut?"), own_words("bapak saya nelayan, umur 60")
    ('sy petani umur 40, bisa ikut?', '')
    >>> own_words("Pak, saya mau konsultasi. Bapak mertua saya umur 67, bisa daftar?")
    ''
    """
    if not _tables().others.search(_plain(text)):
        return text
    return " ".join(clause for clause, own in _clauses(text) if own)


def others_words(text: str) -> str:
    """What a message says of someone else: its clauses `own_words` leaves out.

    Empty for a message naming no one else. The work a writer introduces himself with
    ("saya buruh tani, anak saya ditabrak motor") is not said of the one it befell.

    >>> others_words("saya buruh tani, anak saya ditabrak motor, dirawat 5 hari")
    'anak saya ditabrak motor, dirawat 5 hari'
    >>> others_words("sy petani umur 40, bisa ikut?")
    ''
    """
    if not _tables().others.search(_plain(text)):
        return ""
    return " ".join(clause for clause, own in _clauses(text) if not own)


def _clauses(text: str) -> Iterator[tuple[str, bool]]:
    """Each clause of `text` but a preface, and whether it is the writer's own (`own_words`)."""
    words = _tables()
    own = False
    for clause in _CLAUSE.split(text):
        plain = _plain(clause)
        if words.preface.fullmatch(plain.strip(" .,")):
            continue  # "saya mau konsultasi.": leave to ask, no one's case
        if words.others.search(plain):
            own = False
        elif words.self_.search(plain):
            own = True
        yield clause, own


def tells_own_facts(text: str) -> bool:
    """Whether a message naming someone else tells the writer's own work, age or income too.

    "istri saya jualan online, saya sendiri petani umur 40 bisa ikut?" asks for the writer:
    his check, not his wife's case.

    >>> tells_own_facts("istri saya jualan online, saya sendiri petani umur 40 bisa ikut?")
    True
    >>> tells_own_facts("anak saya umur 25, saya mau daftarkan dia bisa?")
    False
    """
    words = _tables()
    if not words.others.search(_plain(text)):
        return False
    plain = _plain(own_words(text))
    work = find_occupation(words.not_work.sub(" ", plain)) is not None
    return bool(plain) and (work or _has_age(plain, words) or _has_income(plain, words))


def asks_cost(text: str) -> bool:
    """The message asks what something costs: a check started by it answers the cost first.

    >>> asks_cost("sy driver, sebulan 2,5jt. iuran nya jd brp sebulan?")
    True
    >>> asks_cost("saya petani umur 57 bisa ikut?")
    False
    """
    return bool(_tables().cost.search(_plain(text)))


def asks_price(text: str) -> bool:
    """The message asks what one would pay, not only to be checked.

    >>> asks_price("sy petani brp iurannya"), asks_price("saya ojol mau cek bisa ikut bpjs tk gak")
    (True, False)
    """
    return bool(_tables().price.search(_plain(text)))


def asks_own_cost(text: str) -> bool:
    """A request for one's own cost that names nothing to price yet: the check asks it.

    >>> asks_own_cost("sy ojol mau cek iuran brp"), asks_own_cost("hitungin iuran gw")
    (True, True)
    >>> asks_own_cost("cek iuran saya sudah masuk belum"), asks_own_cost("iuran bpu berapa")
    (False, False)
    """
    words = _tables()
    plain = _plain(text)
    if not words.own_cost.search(plain) or words.not_own_cost.search(plain):
        return False
    if asks_more(words.cost.sub(" ", words.own_cost.sub(" ", plain))):
        return False  # "... berapa iuran saya setelah diskon dan sampai bulan apa?": the FAQ's
    own = _plain(own_words(text))
    return bool(own) and not words.other_topic.search(own)


def own_work(text: str) -> tuple[Occupation, str] | None:
    """The writer's own kind of work, with the words naming it; None for someone else's.

    >>> own_work("sy pedagang sayur di pasar, bs ikut?")[1], own_work("bapak saya nelayan")
    ('pedagang', None)
    """
    words = _tables()
    plain = _plain(own_words(text))
    if not plain:
        return None
    return find_occupation(words.not_work.sub(" ", plain))


def states_own_facts(text: str) -> bool:
    """A short statement of one's own age or income that asks nothing ("saya umur 52 thn").

    >>> states_own_facts("saya umur 52 thn"), states_own_facts("umur 52 masih bisa daftar?")
    (True, False)
    >>> states_own_facts("kerja 8 thn"), states_own_facts("istri saya umur 40")
    (False, False)
    """
    words = _tables()
    plain = _plain(own_words(text))
    if not plain or len(plain.split()) > _STATEMENT_WORDS or is_question(text):
        return False
    return _has_age(plain, words) or _has_income(plain, words)


def names_income(text: str) -> bool:
    """Whether a message names an amount earned, as an answer to the income question would.

    Any amount of money but a fee ("iuran 16rb"); a bare number (a phone, a NIK) is none.

    >>> names_income("desa sukamaju, penghasilan sebulan 2jt"), names_income("nelayan, 2 juta")
    (True, True)
    >>> names_income("081234567890"), names_income("iuran sebulan 16.800")
    (False, False)
    """
    words = _tables()
    plain = _plain(text)
    return any(not _fee(plain, m.start(), words) for m in words.amount.finditer(plain))


def asks_to_join(text: str) -> bool:
    """Whether a message asks if someone may join, for himself or another ("masih bisa daftar?").

    >>> asks_to_join("bapak saya umur 67 masih bisa daftar bpjs tk?"), asks_to_join("jht cair")
    (True, False)
    """
    return bool(_tables().join.search(_plain(text)))


def answered_by_check(entry_id: str | None) -> bool:
    """Whether the FAQ's reading of a request is what the check itself answers.

    That is who may join or what one would pay; `entry_id` is the FAQ's best entry, None when
    it has none.

    A message that names a job and an income but asks about something else ("… bisa ikut JP?",
    "… bayar di indomaret?") is a question, and its entry's answer beats "Saya catat: petani".

    >>> answered_by_check("peserta.farmer_fisher"), answered_by_check(None)
    (True, True)
    >>> answered_by_check("bayar.minimarket")
    False
    """
    if entry_id is None:
        return True
    return any(
        entry_id.startswith(a) if a.endswith(".") else entry_id == a
        for a in _tables().check_answers
    )


def states_the_rule_for(entry_id: str) -> bool:
    """Whether an entry the FAQ gives a relative's joining states the rule it is judged by.

    The rule on who may join (`answered_by_check`) comes before the relative's own case; the
    general one on relatives (`relative_case` in data/intent.toml) does not: that case says it.

    >>> states_the_rule_for("peserta.age_max"), states_the_rule_for("peserta.family")
    (True, False)
    """
    return answered_by_check(entry_id) and entry_id not in _tables().relative_case
