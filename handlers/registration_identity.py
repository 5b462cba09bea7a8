"""Registration's questions about the person: name, NIK (and what it encodes), phone number.

A NIK that already has an open lead ends the form here, before anything else is asked.
"""

from __future__ import annotations

from datetime import date

from bot.conversation import Channel, Choice, Kind, Reply
from bot.domain.validation import mask_phone, parse_name, parse_nik, parse_phone
from bot.errors import ValidationError
from bot.routing import Router, Turn
from bot.storage.leads import find_open_lead
from handlers.menu import main_menu
from handlers.registration import (
    FLOW,
    advance,
    answers,
    crypto,
    error_text,
    is_question,
    prompt,
    yes_no,
)
from handlers.registration_text import already_registered, regency_label

router = Router()


# ---------------------------------------------------------------- name and NIK


@prompt("name")
def ask_name(turn: Turn) -> list[Reply]:
    return [Reply(turn._("Type your full name as written on your KTP. Example: Ni Wayan Sari"))]


@router.step(f"{FLOW}.name", prompt=ask_name)
def on_name(turn: Turn) -> list[Reply] | None:
    if turn.incoming.kind is not Kind.TEXT or is_question(turn.text):
        return None
    try:
        answers(turn)["name"] = parse_name(turn.text)
    except ValidationError as error:
        return [Reply(error_text(turn, error)), *ask_name(turn)]
    return advance(turn)


@prompt("nik")
def ask_nik(turn: Turn) -> list[Reply]:
    return [Reply(turn._("Type your NIK: the 16 digits on your KTP. Example: 5103061508950001"))]


@router.step(f"{FLOW}.nik", prompt=ask_nik)
def on_nik(turn: Turn) -> list[Reply] | None:
    if turn.incoming.kind is not Kind.TEXT or is_question(turn.text):
        return None
    try:
        nik = parse_nik(turn.text, turn.now.date())
    except ValidationError as error:
        return [Reply(error_text(turn, error)), *ask_nik(turn)]
    keys = crypto(turn)
    digest = keys.hash(nik.nik)
    if existing := find_open_lead(turn.session, digest):
        turn.data.pop(FLOW, None)
        return main_menu(turn, already_registered(turn, existing))
    answers(turn).update(
        nik=keys.encrypt(nik.nik).decode("ascii"),
        nik_hash=digest,
        gender=nik.gender,
        birth_date=nik.birth_date.isoformat(),
        nik_regency=nik.regency_code,
    )
    return advance(turn)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@prompt("nik_confirm")
def ask_nik_confirm(turn: Turn) -> list[Reply]:
    reg = answers(turn)
    born = date.fromisoformat(reg["birth_date"])
    where = regency_label(reg["nik_regency"])
    gender = turn._("female") if reg["gender"] == "P" else turn._("male")
    text = turn._("Your NIK says: {place}, born {date}, {gender}. Is that right?").format(
        place=where, date=turn.t.date(born), gender=gender
    )
    given = (turn.data.get("eligibility") or {}).get("age")
    age = _age(born, turn.now.date())
    if not reg.get("family") and isinstance(given, int) and abs(given - age) > 1:
        text += "\n\n" + turn._(
            "Earlier you said you are {given}, but by this NIK you are {age}. Please check the NIK."
        ).format(given=given, age=age)
    choices = (
        Choice("nik_yes", turn._("Yes, that is right")),
        Choice("nik_no", turn._("No, type it again")),
    )
    return [Reply(text, choices)]


@router.step(f"{FLOW}.nik_confirm", prompt=ask_nik_confirm)
def on_nik_confirm(turn: Turn) -> list[Reply] | None:
    answer = {"nik_yes": True, "nik_no": False}.get(turn.choice or "", yes_no(turn))
    if answer is None:
        return None
    reg = answers(turn)
    if answer:
        reg["nik_ok"] = True
    else:
        for key in ("nik", "nik_hash", "gender", "birth_date", "nik_regency"):
            reg.pop(key, None)
    return advance(turn)


# ---------------------------------------------------------------- phone


def _sender_phone(turn: Turn) -> str | None:
    """On WhatsApp the sender's number is known: offer it instead of asking to type it."""
    if turn.incoming.channel is not Channel.WHATSAPP:
        return None
    try:
        return parse_phone("+" + turn.incoming.user_id.lstrip("+"))
    except ValidationError:
        return None


@prompt("phone")
def ask_phone(turn: Turn) -> list[Reply]:
    example = turn._("Example: 081234567890")
    # In an assisted registration the sender is the officer: their number is not the worker's.
    if not answers(turn).get("assisted_code") and (sender := _sender_phone(turn)):
        text = turn._(
            "Can the branch office contact you on this WhatsApp number, {phone}? "
            "Or type another mobile number."
        ).format(phone=mask_phone(sender))
        return [Reply(f"{text} {example}", (Choice("phone_sender", turn._("Use this number")),))]
    text = turn._("Type your mobile phone number (WhatsApp or SMS) for the branch office.")
    if turn.incoming.channel is Channel.TELEGRAM:
        text = turn._("Press the button below to send your number, or type your mobile number.")
        share = (Choice("phone_share", turn._("Send my phone number")),)
        return [Reply(f"{text} {example}", share, request_phone=True)]
    return [Reply(f"{text} {example}")]


@router.step(f"{FLOW}.phone", prompt=ask_phone)
def on_phone(turn: Turn) -> list[Reply] | None:
    if turn.choice == "phone_sender" and (sender := _sender_phone(turn)):
        answers(turn)["phone"] = sender
        return advance(turn)
    if turn.choice == "phone_share":
        return ask_phone(turn)
    if turn.incoming.kind is Kind.CONTACT:
        raw = turn.incoming.payload
    elif turn.incoming.kind is Kind.TEXT and not is_question(turn.text):
        raw = turn.text
    else:
        return None
    try:
        answers(turn)["phone"] = parse_phone(raw)
    except ValidationError as error:
        return [Reply(error_text(turn, error)), *ask_phone(turn)]
    return advance(turn)
