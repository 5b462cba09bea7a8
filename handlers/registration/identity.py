"""Registration's fields about the person: consent, name, NIK (and what it encodes), phone.

A NIK that already has an open lead ends the form here, before anything else is asked.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.conversation import Channel, Choice, Kind, Reply
from bot.domain import chatwords, textnorm
from bot.domain import facts as F
from bot.domain.validation import mask_phone, parse_nik, parse_phone
from bot.domain.validation import parse_name as check_name
from bot.errors import ValidationError
from bot.forms import TYPED, Accept, Field, Leave, Offer, Outcome, Reject
from bot.i18n import N_
from bot.routing import Turn
from bot.storage.events import Step, record_event
from bot.storage.leads import find_open_lead
from handlers import faq
from handlers.menu import CALL_CENTER, main_menu
from handlers.registration.common import CONSENT_VERSION, crypto, error_text
from handlers.registration.text import (
    CONSENT_SHORT,
    already_registered,
    by_officer,
    consent_text,
    regency_label,
)

# ---------------------------------------------------------------- consent


def ask_consent(turn: Turn, reg: dict[str, Any]) -> Reply:
    choices = (Choice("agree", turn._("I agree")), Choice("disagree", turn._("I do not agree")))
    return Reply(consent_text(turn, CONSENT_VERSION, bool(reg.get("family"))), choices)


def read_consent(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    said = {"agree": True, "disagree": False}.get(turn.choice or "")
    if said is None and turn.choice is None:
        said = chatwords.closing_yes_no(turn.text)
    pasted = said is None and turn.incoming.kind is Kind.TEXT and turn.choice is None
    today = turn.now.date()
    if pasted and (  # data before the yes: a paste, or a NIK or number sent with "daftar"
        chatwords.read_paste(turn.text, today)
        or chatwords.holds_form_data(turn.text, today)
        or chatwords.gives_name(turn.text)  # "Budi Santoso": the name step comes after the yes
    ):
        return Offer(turn._(PASTED_BEFORE_CONSENT), ask_consent(turn, reg).choices)
    if said is None:
        return None
    if not said:
        text = turn._(
            "Understood. Nothing was saved. You can still register in the JMO (Jamsostek Mobile) "
            "app, at a BPJS Ketenagakerjaan branch office, or through call center {phone}."
        ).format(phone=CALL_CENTER)
        return Leave(main_menu(turn, text), close=True)
    if not reg.get("family"):
        turn.contact.consent_at, turn.contact.consent_version = turn.now, CONSENT_VERSION
    record_event(turn.session, turn.contact, Step.REGISTRATION_STARTED, turn.now)
    return Accept(
        {"consent_at": turn.now.isoformat(), "consent_version": CONSENT_VERSION},
        note=turn._("Thank you. Type batal at any time to stop."),
    )


PASTED_BEFORE_CONSENT = N_(
    "I have not kept the data you typed: I may record it only after you agree. Do you agree "
    "to the data use described above? Type yes or no, then send your data again."
)

FEE_ENTRY = "daftar.fee"


def _fee(turn: Turn, reg: dict[str, Any]) -> str | None:
    """The cost of registering asked at the consent: the FAQ's answer on the fee.

    "kalo setuju bayar ga?": "setuju" there is this registration, which the FAQ's ranking
    cannot know (it drew the commute accident).
    """
    article = faq.entry(turn.t.locale, FEE_ENTRY)
    return article.answer if article else None


CONSENT = Field(
    "consent",
    ask_consent,
    read_consent,
    short=CONSENT_SHORT,
    answered=lambda r: bool(r.get("consent_at")),
    keys=("consent_at", "consent_version"),
    revisit=False,
    about=(
        (
            "consent_data",  # "datanya buat apa?", "siapa aja yg bisa liat data sy?"
            N_(
                "Your data goes only to the BPJS Ketenagakerjaan branch office for your area, "
                "and to the officer who shared this link if any, so they can contact you and "
                "finish your registration. Your NIK is stored encrypted."
            ),
        ),
        ("consent_cost", _fee),  # "kalo setuju bayar ga?"
        (
            "consent",
            N_(
                "Without your consent I cannot record your data, so registration in this chat "
                "stops. You can still register through the JMO app, the official website or a "
                "branch office."
            ),
        ),
    ),
)

# ---------------------------------------------------------------- name


def ask_name(turn: Turn, reg: dict[str, Any]) -> Reply:
    return Reply(turn._("Type your full name as written on your KTP. Example: Ni Wayan Sari"))


def read_name(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    if turn.incoming.kind is not Kind.TEXT:
        return None
    if chatwords.acknowledges(turn.text):  # "oke deh": no name; the form asks its own again
        return None
    if name := chatwords.parse_name(turn.text) or chatwords.name_in_paste(turn.text):
        return Accept({"name": name})
    try:
        check_name(turn.text)
    except ValidationError as error:
        return Reject(error_text(turn, error))
    return None


def name_asked_back(answer: str) -> bool:
    """Whether an answer asked back at the name ("… kan?") is the name, not a question.

    As on a KTP ("Siti Aminah kan?", `chatwords.gives_name`), or in lower case with a word no
    dictionary holds ("siti aminah kan?": "aminah"); "harus ktp?", "pakai gelar?" ask, and so
    does "dewi rahayu kan?", whose words are all Indonesian: asked again, never a guess.
    """
    if chatwords.gives_name(answer):
        return True
    words = answer.split()
    return (
        2 <= len(words) <= 5
        and chatwords.parse_name(answer) is not None
        and any(_no_word(word.casefold()) for word in words)
    )


def _no_word(word: str) -> bool:
    """A word that is no Indonesian word nor chat slang for one: "aminah", not "gitu"."""
    return textnorm.tokens(word) == (word,) and not (
        textnorm.is_word(word) or textnorm.is_word(textnorm.stem(word))
    )


NAME = Field(
    "name",
    ask_name,
    read_name,
    example=N_("Example: Ni Wayan Sari"),
    about=N_("Type the name exactly as on your KTP: the branch office matches it with your NIK."),
    hedged=name_asked_back,  # "siti aminah kan?" is the name; "harus ktp?" asks
)

# ---------------------------------------------------------------- NIK

_DIGIT_RUN = re.compile(r"\d[\d .\-]{14,}\d")


def ask_nik(turn: Turn, reg: dict[str, Any]) -> Reply:
    return Reply(turn._("Type your NIK: the 16 digits on your KTP. Example: 5103061508950001"))


#: official-faq.md, "No KTP, or KTP lost": the NIK printed on the Kartu Keluarga.
_NO_KTP = N_(
    "Without a KTP, or with the KTP lost, you can register with the NIK printed on your "
    "Kartu Keluarga (KK): type the 16 digits from it."
)

#: official-faq.md: the NIK is the KTP's number, and the Kartu Keluarga prints it too.
_FORGOT_NIK = N_(
    "Don't know your NIK by heart? It is printed on your KTP and on your Kartu Keluarga (KK): "
    "type the 16 digits from either."
)
#: What is said at the NIK instead of it, and the answer (steps.toml [about]); no miss.
_NO_NIK = (("no_ktp", _NO_KTP), ("forgot_nik", _FORGOT_NIK))


def read_nik(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    if turn.incoming.kind is not Kind.TEXT:
        return None
    found = _DIGIT_RUN.search(turn.text)  # "nik saya 5103 0615 0895 0001"
    for table, answer in () if found else _NO_NIK:  # "ktp hilang", "lupa nik": no miss
        if chatwords.mentions(turn.text, f"about.{table}"):
            return Offer(f"{turn._(answer)}\n{ask_nik(turn, reg).text}")
    return _read_nik(turn, found)


def _read_nik(turn: Turn, found: re.Match[str] | None) -> Outcome:
    try:
        nik = parse_nik(found.group() if found else turn.text, turn.now.date())
    except ValidationError as error:
        return Reject(error_text(turn, error))
    keys = crypto(turn)
    digest = keys.hash(nik.nik)
    if existing := find_open_lead(turn.session, digest):
        return Leave(main_menu(turn, already_registered(turn, existing)), close=True)
    return Accept(
        {
            "nik": keys.encrypt(nik.nik).decode("ascii"),
            "nik_hash": digest,
            "gender": nik.gender,
            "birth_date": nik.birth_date.isoformat(),
            "nik_regency": nik.regency_code,
        }
    )


def from_nik(turn: Turn, reg: dict[str, Any]) -> str:
    """Why a change of age (or birth date, or gender) asks about the NIK: there is no age step."""
    if "birth_date" not in reg:
        return turn._("Age, birth date and gender are read from the NIK: no need to type them.")
    born = date.fromisoformat(reg["birth_date"])
    age = age_on(born, turn.now.date())
    return turn._(
        "Age, birth date and gender are read from the NIK: by the one typed, born {date} "
        "({age} years old). If that is wrong, the NIK was mistyped."
    ).format(date=turn.t.date(born), age=age)


NIK_KEYS = ("nik", "nik_hash", "gender", "birth_date", "nik_regency", "nik_ok", "birth_typed")
NIK = Field(
    "nik",
    ask_nik,
    read_nik,
    example=N_("Example: 5103061508950001"),
    keys=NIK_KEYS,
    about=(
        *_NO_NIK,  # "ktp saya hilang gimana?", "nik saya lupa gimana?"
        (
            "nik",
            N_(
                "The NIK is required: registration uses the NIK on your KTP (16 digits), and it "
                "is also the code for paying the contribution. Your NIK is stored encrypted."
            ),
        ),
    ),
)


def age_on(born: date, today: date) -> int:
    """Full years from `born` to `today`."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def ask_nik_confirm(turn: Turn, reg: dict[str, Any]) -> Reply:
    born = date.fromisoformat(reg["birth_date"])
    where = regency_label(reg["nik_regency"])
    gender = turn._("female") if reg["gender"] == "P" else turn._("male")
    text = turn._("Your NIK says: {place}, born {date}, {gender}. Is that right?").format(
        place=where, date=turn.t.date(born), gender=gender
    )
    if typed := reg.get("birth_typed"):  # pasted with the NIK (handlers/registration/paste.py)
        text += "\n\n" + turn._(
            "You typed the birth date {typed}, but this NIK says {date}. Please check the NIK."
        ).format(typed=turn.t.date(date.fromisoformat(typed)), date=turn.t.date(born))
    given = (turn.data.get("eligibility") or {}).get("age")
    age = age_on(born, turn.now.date())
    if not reg.get("family") and isinstance(given, int) and abs(given - age) > 1:
        text += "\n\n" + turn._(
            "Earlier you said you are {given}, but by this NIK you are {age}. Please check the NIK."
        ).format(given=given, age=age)
    told = reg.get("age_told")  # said with a relative's request (handlers/registration/relative.py)
    if isinstance(told, int) and abs(told - age) > 1:
        text += "\n\n" + turn._(
            "The age told earlier was {given}, but by this NIK it is {age}. Please check the NIK."
        ).format(given=told, age=age)
    choices = (
        Choice("nik_yes", turn._("Yes, that is right")),
        Choice("nik_no", turn._("No, type it again")),
    )
    return Reply(text, choices)


def read_nik_confirm(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    said = {"nik_yes": True, "nik_no": False}.get(turn.choice or "")
    if said is None and turn.choice is None:
        said = chatwords.yes_no(turn.text)
    typed = turn.incoming.kind is Kind.TEXT and turn.choice is None
    if said is None and typed and chatwords.parse_phone(turn.text):
        # The phone typed before its question, after a yes ("iya 0812…") or none: the number
        # is kept (`flow.kept_ahead`), and without a yes the NIK's question is asked again.
        said = opened[0] if (opened := chatwords.yes_no_then(turn.text)) else None
        if said is None:
            return None
    if said is None:
        if typed and _DIGIT_RUN.search(turn.text):
            return read_nik(turn, reg)  # another NIK typed instead of "no"
        return None
    if not said:
        return Accept(drop=NIK_KEYS)
    age = age_on(date.fromisoformat(reg["birth_date"]), turn.now.date())
    if age >= F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value:  # faq.md:43; the branch would refuse it
        text = turn._(
            "By this NIK the age is {age}. A self-employed worker (BPU) registering for the first "
            "time must be under {limit}, so this registration cannot go on. If registered "
            "before, or unsure, ask the call center on {phone}."
        ).format(age=age, limit=int(F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value), phone=CALL_CENTER)
        return Leave(main_menu(turn, text), close=True)
    return Accept({"nik_ok": True})


NIK_CONFIRM = Field(
    "nik_confirm",
    ask_nik_confirm,
    read_nik_confirm,
    example=N_("Type yes or no."),
    answered=lambda r: bool(r.get("nik_ok")),
    keys=NIK_KEYS,
    decides=("age",),  # "eh umur saya salah" at any step: why, and whether the NIK is right
    explain=from_nik,
    reopens=("nik_ok",),  # its "no" asks the NIK again; a yes keeps the NIK and goes on
    confirms=True,  # "gak mau" at "Benar?" refuses (Form.refused), a bare "salah" says no
)

# ---------------------------------------------------------------- phone


def _sender_phone(turn: Turn) -> str | None:
    """On WhatsApp the sender's number is known: offer it instead of asking to type it."""
    if turn.incoming.channel is not Channel.WHATSAPP or not turn.incoming.phone:
        return None  # a chat keyed by its business-scoped id alone: the number must be typed
    return chatwords.parse_phone("+" + turn.incoming.phone.lstrip("+"))


def ask_phone(turn: Turn, reg: dict[str, Any]) -> Reply:
    example = turn._("Example: 081234567890")
    # In an assisted registration the sender is the officer: their number is not the worker's.
    if not reg.get("assisted_code") and (sender := _sender_phone(turn)):
        text = turn._(
            "Can the branch office contact you on this WhatsApp number, {phone}? "
            "Or type another mobile number."
        ).format(phone=mask_phone(sender))
        return Reply(f"{text} {example}", (Choice("phone_sender", turn._("Use this number")),))
    text = turn._("Type your mobile phone number (WhatsApp or SMS) for the branch office.")
    if turn.incoming.channel is Channel.TELEGRAM:
        text = turn._("Press the button below to send your number, or type your mobile number.")
        share = (Choice("phone_share", turn._("Send my phone number")),)
        return Reply(f"{text} {example}", share, request_phone=True)
    return Reply(f"{text} {example}")


def _no_number_seen(turn: Turn, reg: dict[str, Any]) -> Leave:
    """A "pake nomor ini aja" where the chat shows no number to use: said why, asked to type it.

    The web chat never carries a phone number, Telegram only through its share button, and an
    officer's own number is not the worker's.
    """
    example = turn._("Example: 081234567890")
    if reg.get("assisted_code") or by_officer(reg):
        text = turn._(
            "The number of this chat is not the worker's. Type the worker's mobile number."
        )
        return Leave([Reply(f"{text} {example}")])
    if turn.incoming.channel is Channel.TELEGRAM:
        text = turn._(
            "Telegram does not show me your number. Press the button below to send it, "
            "or type your mobile number."
        )
        share = (Choice("phone_share", turn._("Send my phone number")),)
        return Leave([Reply(f"{text} {example}", share, request_phone=True)])
    text = turn._(
        "This chat does not show me your phone number, so I cannot use it. "
        "Please type your mobile number (WhatsApp or SMS)."
    )
    return Leave([Reply(f"{text} {example}")])


def read_phone(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    sender = _sender_phone(turn) if not reg.get("assisted_code") else None
    if sender and (turn.choice == "phone_sender" or chatwords.yes_no(turn.text)):
        return Accept({"phone": sender})
    this_number = turn.choice is None and chatwords.mentions(turn.text, "this_number")
    if this_number and not chatwords.parse_phone(turn.text):  # "pake nomor ini aja"
        return Accept({"phone": sender}) if sender else _no_number_seen(turn, reg)
    if turn.choice == "phone_share":  # a channel that showed the label, not the share button
        return Leave([ask_phone(turn, reg)])
    if turn.incoming.kind is Kind.CONTACT:
        raw = turn.incoming.payload
    elif turn.incoming.kind is Kind.TEXT and turn.choice is None:
        raw = turn.text
    else:
        return None
    if phone := chatwords.parse_phone(raw):
        return Accept({"phone": phone})
    try:
        parse_phone(raw)
    except ValidationError as error:
        return Reject(error_text(turn, error))
    return None


_PHONE_FOR = N_(
    "This number is for the branch office to contact you about this registration: "
    "type a number on which you can be reached."
)

PHONE = Field(
    "phone",
    ask_phone,
    read_phone,
    reads=TYPED | {Kind.CONTACT},  # Telegram's share button, a WhatsApp contact card
    example=N_("Example: 081234567890"),
    about=(
        # "boleh pakai nomor suami?": the knowledge says nothing of whose, only what it is for
        ("phone_whose", _PHONE_FOR),
        ("phone_why", _PHONE_FOR),  # "buat apa nomor hp?"
        (
            "phone",
            N_(
                "An ordinary number for SMS and calls is fine too, it need not be WhatsApp. "
                "Make sure it is active: the branch office contacts you on it."
            ),
        ),
    ),
)

FIELDS = (CONSENT, NAME, NIK, NIK_CONFIRM, PHONE)
