"""Registration's fields about work and payment: occupation, income, programs, period, program.

An income given per day, as a range or as "sometimes 5 juta, on average 1,5 juta" is never
saved as typed: the monthly figure is confirmed first. The last field asks about interest in
a village or regional government program, which pays JKK and JKM for some vulnerable workers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from bot.conversation import Choice, Kind, Reply
from bot.domain import amounts, chatwords, regions
from bot.domain.intent import names_income
from bot.domain.money import INCOME_ABOUT, check_monthly_income, unread_amount
from bot.domain.occupations import Occupation, find_misspelt, find_occupation, said_label
from bot.errors import ValidationError
from bot.forms import Accept, Confirm, Field, Offer, Outcome, Reject, confirm_later
from bot.i18n import N_
from bot.routing import Turn, action_argument
from handlers.registration.common import BASE_PROGRAMS, error_text
from handlers.registration.domicile import place_label
from handlers.registration.text import OCCUPATIONS, PERIODS, SAID, work_label

# ---------------------------------------------------------------- occupation


def ask_occupation(turn: Turn, reg: dict[str, Any]) -> Reply:
    if reg.get("occupation_typing"):
        return Reply(turn._("Type your work in a few words. Example: tukang cukur"))
    text = turn._("What is your main work? Choose one, or type it in a few words.")
    choices = tuple(Choice(f"occ:{key}", turn._(label)) for key, label in OCCUPATIONS.items())
    return Reply(text, choices)


def read_occupation(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    if (turn.choice or "").startswith("occ:"):
        key = action_argument(turn.choice)
        if key == "other":
            return Accept({"occupation_typing": True})
        return Accept({"occupation": key}, drop=(SAID,)) if key in OCCUPATIONS else None
    if turn.incoming.kind is not Kind.TEXT or turn.choice:
        return None
    text = " ".join(turn.text.split())
    found = find_occupation(text)
    if found and found[0].key in OCCUPATIONS and not reg.get("occupation_typing"):
        return Accept(known_work(*found), drop=(SAID,))
    if not 2 <= len(text) <= 80 or sum(ch.isalpha() for ch in text) < 2:
        return Reject(turn._("Please describe your work in 2 to 80 characters."))
    if any(ch.isdigit() for ch in text) or chatwords.yes_no(text) is not None:
        return None
    if any(chatwords.mentions(text, f"programs.{words}") for words in ("base", "jht", "all")):
        return None  # "jkk jkm aja" answers the programs: never a kind of work
    if place := _saved_place(text, reg):  # "dalung" then "kec kuta utara", sent at once
        asked = ask_occupation(turn, reg)
        noted = turn._("I noted: {facts}.").format(facts=place)
        return Offer(f"{noted}\n{asked.text}", asked.choices)
    misspelt = None if reg.get("occupation_typing") else find_misspelt(text)
    if misspelt and misspelt[0].key in OCCUPATIONS:  # "pedagan": shown back as "Pedagang"
        return Accept(known_work(*misspelt), drop=(SAID,))
    return Accept(_work_values(text))


def _saved_place(text: str, reg: dict[str, Any]) -> str | None:
    """The place already answered that `text` names ("kec kuta utara"): never a kind of work."""
    key = chatwords.place_key(text)
    for code in (reg.get("village"), reg.get("district"), reg.get("regency")):
        if code and (found := regions.region(code)) and chatwords.place_key(found.name) == key:
            return place_label(reg.get("village") or code)
    return None


def known_work(occupation: Occupation, word: str) -> dict[str, Any]:
    """A kind of work the registration offers, with the person's own word for it.

    Shown back instead of the kind's label when it says more: "berdagang" is "Pedagang", not
    "Pedagang, warung"; a warung stays "Pedagang, warung".
    """
    said = said_label(occupation, word)
    return {"occupation": occupation.key, **({SAID: said} if said else {})}


def _work_values(text: str) -> dict[str, Any]:
    """A typed work as stored: "dia tukang bangunan harian" without the words that open it."""
    work = (chatwords.after(text, "work_openings") or "").strip(" ,.:")
    label = work if sum(ch.isalpha() for ch in work) >= 2 else text
    return {"occupation": label, "occupation_typing": False}


OCCUPATION = Field(
    "occupation",
    ask_occupation,
    read_occupation,
    example=N_("Example: tukang cukur"),
    keys=("occupation", "occupation_typing", SAID),
    as_typed=True,
)

# ---------------------------------------------------------------- income


def ask_income(turn: Turn, reg: dict[str, Any]) -> Reply:
    return Reply(turn._("About how much do you earn in a month? Example: 2 juta"))


def read_income(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    if turn.incoming.kind is not Kind.TEXT or turn.choice:
        return None
    amount = amounts.parse_amount(turn.text)
    if amount is None:
        code = unread_amount(turn.text)
        reason = error_text(turn, ValidationError(code))
        if code in ("money.unknown", "money.none"):  # "ga tentu", "ga ada": understood, asked
            return Offer(f"{reason}\n{ask_income(turn, reg).text}")
        return Reject(reason)
    try:
        monthly = check_monthly_income(Decimal(amount.monthly))
    except ValidationError as error:
        return Reject(error_text(turn, error))
    if amount.certain:
        return Accept({"income": str(monthly)})
    question = turn._("On average about {amount} a month? (Yes / type another amount)").format(
        amount=turn.t.rupiah(monthly)
    )
    return Confirm(question, {"income": str(monthly)})


INCOME = Field(
    "income",
    ask_income,
    read_income,
    example=N_("Example: 2 juta"),
    about=INCOME_ABOUT,  # "kalo ga tentu gimana?"
    amended=chatwords.with_period,  # "100rb", then "sehari"
)


def kept_ahead(turn: Turn, reg: dict[str, Any]) -> list[str]:
    """The work and income typed before their steps ("dalung, kerja sy tukang cukur"): kept."""
    return [fact for fact in (_work_ahead(turn, reg), _income_ahead(turn, reg)) if fact]


#: Where people add what they do to where they live: "desa dalung, saya jualan sayur".
_PLACE_STEPS = ("regency", "village")
CLAUSE = re.compile(r"[,;\n]|(?<=\w{4})[.!?](?:\s|$)")


def _work_ahead(turn: Turn, reg: dict[str, Any]) -> str | None:
    """A work named after the place at a place step, in a clause of its own, stored.

    The first clause names the place; a later one names a work when the occupation table
    knows a word of it ("kerja sy tukang cukur", "jualan sayur di pasar"). A clause with a
    figure is an amount, for the income. At the desa, a message that names no desa of the
    regency may be the work alone ("dia buruh harian di pelabuhan" instead of yes to "Do you
    mean Kedonganan?").
    """
    if "occupation" in reg or turn.state.partition(".")[2] not in _PLACE_STEPS:
        return None
    clauses = CLAUSE.split(turn.text)
    alone = reg.get("regency") and regions.search_villages(reg["regency"], turn.text).no_good_match
    for clause in clauses if len(clauses) == 1 and alone else clauses[1:]:
        clause = " ".join(clause.split())
        found = None if any(ch.isdigit() for ch in clause) else find_occupation(clause)
        if found is not None:
            reg.update(known_work(*found) if found[0].key in OCCUPATIONS else _work_values(clause))
            return work_label(turn, reg)
    return None


def _income_ahead(turn: Turn, reg: dict[str, Any]) -> str | None:
    """The income typed before its step ("desa sukamaju, penghasilan sebulan 2jt"): kept.

    A sure monthly amount is stored and its step skipped; one that needs a yes (per day, a
    range) is confirmed when its step comes. Only an amount said to be earned counts, never a
    fee or a stray number.
    """
    if "income" in reg or not names_income(turn.text):
        return None
    outcome = read_income(turn, reg)
    if isinstance(outcome, Confirm):
        confirm_later(reg, INCOME.name, outcome)
    if not isinstance(outcome, Accept):
        return None
    reg.update(outcome.values)
    return turn._("income {amount} a month").format(amount=turn.t.rupiah(Decimal(reg["income"])))


# ---------------------------------------------------------------- programs


def ask_programs(turn: Turn, reg: dict[str, Any]) -> Reply:
    text = turn._(
        "Which programs? JKK (Jaminan Kecelakaan Kerja) and JKM (Jaminan Kematian) are "
        "the minimum. JHT (Jaminan Hari Tua) is an optional savings for old age."
    )
    choices = (
        Choice("prog:base", turn._("JKK + JKM")),
        Choice("prog:jht", turn._("JKK + JKM + JHT")),
    )
    return Reply(text, choices)


def read_programs(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    chosen = {"prog:base": False, "prog:jht": True}.get(turn.choice or "")
    if chosen is None and turn.choice is None:
        if chatwords.mentions(turn.text, "programs.jht"):
            chosen = not chatwords.mentions(turn.text, "without")
        elif chatwords.mentions(turn.text, "programs.base"):
            chosen = False
        elif chatwords.mentions(turn.text, "programs.all"):  # "both", "keduanya"
            chosen = not chatwords.mentions(turn.text, "without")
    if chosen is None:
        return None
    return Accept({"programs": BASE_PROGRAMS + (["jht"] if chosen else [])})


PROGRAMS = Field(
    "programs",
    ask_programs,
    read_programs,
    example=N_("Example: JKK + JKM"),
    names_itself=True,  # "tambah jht" at the payment period changes the programs
    # "bedanya apa kak?": the two choices told apart, not the FAQ's BPJS Kesehatan or JP
    about=(
        (
            "programs",
            N_(
                "The difference: JKK + JKM protects you from work accidents (treatment and cash "
                "benefits) and leaves your family the death benefit. With JHT you also save for "
                "old age: 2% of the income you report each month, paid out at 56 or when you "
                "stop working."
            ),
        ),
    ),
)

# ---------------------------------------------------------------- period


def ask_period(turn: Turn, reg: dict[str, Any]) -> Reply:
    text = turn._("How often do you want to pay the contribution?")
    choices = tuple(Choice(f"period:{m}", turn._(label)) for m, label in PERIODS.items())
    return Reply(text, choices)


def _months(text: str) -> int | None:
    """Months between payments: "tahunan" 12, "tiap 3 bln" 3, "bulanan" 1 (chatwords' steps)."""
    if chatwords.mentions(text, "period.yearly"):
        return 12
    if (count := chatwords.count_of(text, "period")) is not None:
        return count
    if chatwords.mentions(text, "period.monthly"):
        return 1
    for months, table in ((12, "period.yearly"), (1, "period.monthly")):  # "bulnan"
        if chatwords.mentions_misspelt(text, table):
            return months
    return None


def read_period(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    if (turn.choice or "").startswith("period:"):
        months = action_argument(turn.choice)
        return Accept({"period": int(months)}) if months.isdigit() else None
    if turn.incoming.kind is not Kind.TEXT or turn.choice:
        return None
    months_ = _months(turn.text)
    if months_ in PERIODS:
        return Accept({"period": months_})
    return None


PERIOD = Field(
    "period",
    ask_period,
    read_period,
    example=N_("Example: tiap 3 bulan"),
    names_itself=True,  # "eh tiap 3 bulan aja" at the government program question
)

# ---------------------------------------------------------------- government program


def ask_sponsored(turn: Turn, reg: dict[str, Any]) -> Reply:
    text = turn._(
        "Are you a vulnerable worker (pekerja rentan), or would you like to be registered through "
        "a village or regional government program? Some villages and regions pay JKK and JKM for "
        "vulnerable workers such as farmers, fishers and day labourers."
    )
    choices = (
        Choice("sponsored_yes", turn._("Yes, I am interested")),
        Choice("sponsored_no", turn._("No, I will pay myself")),
    )
    return Reply(text, choices)


def read_sponsored(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    said = {"sponsored_yes": True, "sponsored_no": False}.get(turn.choice or "")
    if said is None and turn.choice is None:
        said = chatwords.yes_no(turn.text)
        if said is None and chatwords.mentions(turn.text, "sponsored.self"):
            said = False
        elif said is None and chatwords.mentions(turn.text, "sponsored.interested"):
            said = not chatwords.mentions(turn.text, "without")
        elif (
            said is None
            and (opened := chatwords.yes_no_then(turn.text))
            and not chatwords.said_only(opened[1], "later_choices")
        ):  # "iya, kata pak kades desa yg bayarin": the yes, then its why; "ga usah jht deh"
            said = opened[0]  # refuses a program, which that step reads (Field.names_itself)
    if said is None:
        return None
    return Accept({"sponsored": said})


SPONSORED = Field(
    "sponsored",
    ask_sponsored,
    read_sponsored,
    example=N_("Type yes or no."),
    # "gatau itu apa", "pekerja rentan maksudnya?": what the question means
    about=N_(
        "Vulnerable workers (pekerja rentan) are informal workers with a small or uncertain "
        "income, such as farmers, fishers, scavengers and day labourers. Some villages and "
        "regions pay their JKK and JKM from the village fund or the regional budget: answer yes "
        "if you are interested, or no to pay the contribution yourself."
    ),
)

FIELDS = (OCCUPATION, INCOME, PROGRAMS, PERIOD, SPONSORED)
