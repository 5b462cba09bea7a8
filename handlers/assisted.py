"""The officer's assisted registration: registration's fields, asked about the worker.

After the worker agreed on their own phone (handlers/officer.py), the officer fills in the
worker's data from the KTP. The fields, their parsers and the summary with its "kirim" are
registration's (handlers/registration/); only the questions change: they speak about the
worker ("Nama lengkap pekerja sesuai KTP"), never to the officer as if he were the worker,
and the officer's own phone number is never offered. The answers live in
`turn.data["assisted"]` (states `assisted.<field>`), apart from any registration of the
officer's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select

from bot.conversation import Reply
from bot.domain.validation import mask_phone
from bot.forms import AboutAnswer, Answers, Field, Form, Leave, Outcome, Parser, Prompt
from bot.i18n import N_, Reworded
from bot.routing import Router, Turn
from bot.storage import officers
from bot.storage.models import Branch, Lead, Officer, Programme
from bot.storage.programmes import open_programme
from handlers import officer_texts, registration, village
from handlers.menu import officer_next
from handlers.registration.text import PAID_BY_PROGRAMME, programme_pays

FLOW = "assisted"
SENT = "registration_sent"  # where registration's summary notes the reference it sent
R = TypeVar("R")


def _ask_village(turn: Turn, a: Answers) -> Reply:
    """The desa's question; no `WORDS` entry: registration's has an {example}, this none."""
    return Reply(turn._("Type the name of the desa or kelurahan (village) where the worker lives."))


#: Registration's texts that speak to "you" (its questions, buttons, checks, asks and a
#: step's own answers), in the worker's words: the form's steps run with them (`Reworded`).
WORDS: Mapping[str, str] = {
    # the summary shown again before sending, hours after it was last seen
    "Your registration is not sent yet.": N_("The worker's registration is not sent yet."),
    "Type your full name as written on your KTP. Example: Ni Wayan Sari": N_(
        "Type the worker's full name as written on their KTP. Example: Ni Wayan Sari"
    ),
    "Type the name exactly as on your KTP: the branch office matches it with your NIK.": N_(
        "Type the name exactly as on the worker's KTP: the branch office matches it with their NIK."
    ),
    "Type your NIK: the 16 digits on your KTP. Example: 5103061508950001": N_(
        "Type the worker's NIK: the 16 digits on their KTP. Example: 5103061508950001"
    ),
    # official-faq.md's answers at the NIK to no KTP and a NIK not known: typed instead of it
    "Without a KTP, or with the KTP lost, you can register with the NIK printed on your "
    "Kartu Keluarga (KK): type the 16 digits from it.": N_(
        "Without a KTP, or with the KTP lost, the worker can be registered with the NIK "
        "printed on their Kartu Keluarga (KK): type the 16 digits from it."
    ),
    "Don't know your NIK by heart? It is printed on your KTP and on your Kartu Keluarga (KK): "
    "type the 16 digits from either.": N_(
        "The worker doesn't know their NIK by heart? It is printed on their KTP and on their "
        "Kartu Keluarga (KK): type the 16 digits from either."
    ),
    "The NIK is required: registration uses the NIK on your KTP (16 digits), and it is also the "
    "code for paying the contribution. Your NIK is stored encrypted.": N_(
        "The worker's NIK is required: registration uses the NIK on their KTP (16 digits), "
        "and it is also the code for paying the contribution. It is stored encrypted."
    ),
    "Your NIK says: {place}, born {date}, {gender}. Is that right?": N_(
        "The worker's NIK says: {place}, born {date}, {gender}. Is that right?"
    ),
    # the officer's chat offers no share button: Telegram's question is the typed one too
    "Type your mobile phone number (WhatsApp or SMS) for the branch office.": N_(
        "Type the worker's mobile phone number (WhatsApp or SMS) for the branch office."
    ),
    "Press the button below to send your number, or type your mobile number.": N_(
        "Type the worker's mobile phone number (WhatsApp or SMS) for the branch office."
    ),
    "This number is for the branch office to contact you about this registration: type a "
    "number on which you can be reached.": N_(  # "nomor suaminya?" (48cb1ce), of the worker
        "This number is for the branch office to contact the worker about this "
        "registration: type a number on which the worker can be reached."
    ),
    "An ordinary number for SMS and calls is fine too, it need not be WhatsApp. Make sure it is "
    "active: the branch office contacts you on it.": N_(
        "An ordinary number for SMS and calls is fine too, it need not be WhatsApp. "
        "Make sure it is active: the branch office contacts the worker on it."
    ),
    "Type the name of the regency or city where you live. Example: Gianyar": N_(
        "Type the name of the regency or city where the worker lives. Example: Gianyar"
    ),
    "Do you live in {place}?": N_("Does the worker live in {place}?"),
    "Yes, I live there": N_("Yes, they live there"),
    "Yes. Your desa or kelurahan lets the branch office of your area contact you, and shows "
    "whether your village has a program that pays the contribution.": N_(
        "Yes. The worker's desa or kelurahan lets the branch office of their area contact them, "
        "and shows whether their village has a program that pays the contribution."
    ),
    "Type your work in a few words. Example: tukang cukur": N_(
        "Type the worker's work in a few words. Example: tukang cukur"
    ),
    "What is your main work? Choose one, or type it in a few words.": N_(
        "What is the worker's main work? Choose one, or type it in a few words."
    ),
    "About how much do you earn in a month? Example: 2 juta": N_(
        "About how much does the worker earn in a month? Example: 2 juta"
    ),
    "Which programs? JKK (Jaminan Kecelakaan Kerja) and JKM (Jaminan Kematian) are the minimum. "
    "JHT (Jaminan Hari Tua) is an optional savings for old age.": N_(
        "Which programs for the worker? JKK (Jaminan Kecelakaan Kerja) and JKM (Jaminan "
        "Kematian) are the minimum. JHT (Jaminan Hari Tua) is an optional savings for old age."
    ),
    "How often do you want to pay the contribution?": N_(
        "How often does the worker want to pay the contribution?"
    ),
    "Are you a vulnerable worker (pekerja rentan), or would you like to be registered through a "
    "village or regional government program? Some villages and regions pay JKK and JKM for "
    "vulnerable workers such as farmers, fishers and day labourers.": N_(
        "Is the worker a vulnerable worker (pekerja rentan), or interested in a village or "
        "regional government program? Some villages and regions pay JKK and JKM for vulnerable "
        "workers such as farmers, fishers and day labourers."
    ),
    "Yes, I am interested": N_("Yes, interested"),
    "No, I will pay myself": N_("No, they will pay"),
    "Which data do you want to change?": N_("Which of the worker's data do you want to change?"),
    "Not sent yet: your data is sent once you type send.": N_(
        "Not sent yet: the worker's data is sent once you type send."
    ),
    "Please type your name.": N_("Please type the worker's name."),
    "That name is too long. Type your name as on the KTP, at most 100 letters.": N_(
        "That name is too long. Type the worker's name as on the KTP, at most 100 letters."
    ),
    "That name is too short. Type your full name as on the KTP.": N_(
        "That name is too short. Type the worker's full name as on the KTP."
    ),
    "A name has no digits. Type your name as on the KTP, without numbers.": N_(
        "A name has no digits. Type the worker's name as on the KTP, without numbers."
    ),
    "A name has no links or @. Type your name as on the KTP.": N_(
        "A name has no links or @. Type the worker's name as on the KTP."
    ),
    "Please type your name in letters only, as on the KTP, without emoji or symbols.": N_(
        "Please type the worker's name in letters only, as on the KTP, without emoji or symbols."
    ),
    "A NIK has digits only. Please type the 16 digits of your NIK.": N_(
        "A NIK has digits only. Please type the 16 digits of the worker's NIK."
    ),
    "The first 6 digits of this NIK are not a known region code. Please check the NIK on your "
    "KTP.": N_(
        "The first 6 digits of this NIK are not a known region code. Please check the NIK on "
        "the worker's KTP."
    ),
    "Digits 7 to 12 of this NIK are not a valid birth date. Please check the NIK on your KTP.": (
        N_(
            "Digits 7 to 12 of this NIK are not a valid birth date. Please check the NIK on the "
            "worker's KTP."
        )
    ),
    "The last 4 digits of a NIK cannot be 0000. Please check the NIK on your KTP.": N_(
        "The last 4 digits of a NIK cannot be 0000. Please check the NIK on the worker's KTP."
    ),
    "Earlier you said you are {given}, but by this NIK you are {age}. Please check the NIK.": N_(
        "Earlier the worker's age was given as {given}, but by this NIK the worker is {age}. "
        "Please check the NIK."
    ),
    "The branch office of the area where you live contacts you and finishes your registration, "
    "so I ask where you live now; it may differ from your KTP.": N_(
        "The branch office of the area where the worker lives contacts them and finishes their "
        "registration, so I ask where the worker lives now; it may differ from their KTP."
    ),
    'I found no desa or kelurahan called "{typed}" in {regency}. Check the spelling and type it '
    "again, or type kembali if you live in another regency.": N_(
        'I found no desa or kelurahan called "{typed}" in {regency}. Check the spelling and type '
        "it again, or type kembali if the worker lives in another regency."
    ),
    "{village} is in {place}, not in {ours}. Do you live there?": N_(
        "{village} is in {place}, not in {ours}. Does the worker live there?"
    ),
    "{district} is a kecamatan in {regency}, not in {ours}. Do you live in {regency}?": N_(
        "{district} is a kecamatan in {regency}, not in {ours}. Does the worker live in {regency}?"
    ),
    "Your KTP says {work}. Is your work now a business of your own? (Yes / type your work. "
    "Example: jualan sayur)": N_(
        "The worker's KTP says {work}. Is their work now a business of their own? (Yes / type "
        "their work. Example: jualan sayur)"
    ),
    "Please describe your work in 2 to 80 characters.": N_(
        "Please describe the worker's work in 2 to 80 characters."
    ),
    "An estimate is fine: the usual amount in a month. The cheapest contribution does not depend "
    "on it; your income only sets your contribution bracket, which you choose (the lowest is "
    "Rp1.000.000 a month).": N_(
        "An estimate is fine: the usual amount in a month. The cheapest contribution does not "
        "depend on it; the worker's income only sets their contribution bracket, which they "
        "choose (the lowest is Rp1.000.000 a month)."
    ),
    "The difference: JKK + JKM protects you from work accidents (treatment and cash benefits) and "
    "leaves your family the death benefit. With JHT you also save for old age: 2% of the income "
    "you report each month, paid out at 56 or when you stop working.": N_(
        "The difference: JKK + JKM protects the worker from work accidents (treatment and cash "
        "benefits) and leaves their family the death benefit. With JHT they also save for old "
        "age: 2% of the income reported each month, paid out at 56 or when they stop working."
    ),
}


_OWN_NUMBER = ("phone_sender", "phone_share")  # the officer's number is not the worker's


def _not_the_officers_number(asked: Prompt) -> Prompt:
    """Registration's question without "my number": the officer's is not the worker's."""

    def prompt(turn: Turn, a: Answers) -> Reply:
        reply = asked(turn, a)
        choices = tuple(c for c in reply.choices if c.id not in _OWN_NUMBER)
        return replace(reply, choices=choices, request_phone=False)

    return prompt


def _sent_for_the_worker(read: Parser) -> Parser:
    """Registration's summary; once it sent the lead, the officer hears what to tell the worker.

    Registration's own reply speaks to the person registering ("will contact you"); the
    officer's chat keeps no trace of the worker's reference either. A paper consent is
    written on the lead here, and a village officer's worker gets a place in the programme.
    """

    def parse(turn: Turn, a: Answers) -> Outcome | None:
        before = turn.data.get(SENT)
        outcome = read(turn, a)
        reference = turn.data.get(SENT)
        if not isinstance(outcome, Leave) or reference == before:
            return outcome
        if before is None:
            turn.data.pop(SENT, None)
        else:
            turn.data[SENT] = before
        lead = turn.session.scalars(select(Lead).where(Lead.reference == reference)).one()
        branch = turn.session.get_one(Branch, lead.branch_id)
        if a.get("consent") == officers.PAPER:
            officer = turn.session.get_one(Officer, a["paper_officer"])
            officers.finish_paper(
                turn.session, lead, officer, datetime.fromisoformat(a["consent_at"])
            )
        text = turn._(
            "✅ Sent for {name}. Give the worker the reference number: {reference}. {branch} "
            "will contact the worker on {phone} within {days} working days."
        ).format(
            name=lead.name,
            reference=reference,
            branch=branch.name,
            phone=mask_phone(lead.phone),
            days=branch.call_within_days,  # the branch's own setting, as lead.call_by
        )
        if a.get("consent") == officers.PAPER:
            text += "\n" + turn._(
                "The registration is marked as consent on paper, declared by you: keep the "
                "signed form for the branch office."
            )
        programme = turn.session.get(Programme, a["programme"]) if a.get("programme") else None
        if programme is not None:
            consent = officers.PAPER if a.get("consent") == officers.PAPER else PHONE_CONSENT
            text += "\n\n" + village.enrol_by_officer(turn, programme, lead, consent)
        return Leave(officer_next(turn, text, turn._("Register a worker")), close=True)

    return parse


def _unless_paid(field: Field) -> Callable[[Answers], bool]:
    """A programme's worker is not asked what it pays for (income, programs, period)."""
    if field.name not in PAID_BY_PROGRAMME:
        return field.applies
    return lambda a: not programme_pays(a) and field.applies(a)


def _reworded(step: Callable[[Turn, Answers], R]) -> Callable[[Turn, Answers], R]:
    """Registration's `step`, its texts in `WORDS` said about the worker."""

    def run(turn: Turn, a: Answers) -> R:
        own = turn.t
        turn.t = Reworded(own, WORDS)
        try:
            return step(turn, a)
        finally:
            turn.t = own

    return run


def _about_of(field: Field) -> str | tuple[tuple[str, str | AboutAnswer], ...]:
    """The step's own answers (`Field.about`), in the worker's words."""
    if isinstance(field.about, str):
        return WORDS.get(field.about, field.about)
    return tuple(
        (words, WORDS.get(answer, answer) if isinstance(answer, str) else _reworded(answer))
        for words, answer in field.about
    )


def _field(field: Field) -> Field:
    prompt = _ask_village if field.name == "village" else _reworded(field.prompt)
    prompt = _not_the_officers_number(prompt) if field.name == "phone" else prompt
    parse = _sent_for_the_worker(field.parse) if field.name == "summary" else field.parse
    return replace(
        field,
        prompt=prompt,
        parse=_reworded(parse),
        applies=_unless_paid(field),
        about=_about_of(field),
    )


router = Router()
FORM = Form(
    FLOW,
    [_field(f) for f in registration.FORM.fields.values() if f.name != "consent"],
    brief_answer=officer_texts.brief_answer,  # "link sy mana" at a step: his links
    started=lambda a: bool(a.get("assisted_code")),
    ahead=registration.FORM.ahead,  # the work and income typed with the desa are kept
    settled=registration.FORM.settled,  # "ubah program": the programme's, not the officer's
    refused=registration.FORM.refused,  # "ga mau kasih": the same why, the answers kept
)
FORM.install(router)


PHONE_CONSENT = "phone"  # the worker agreed on their own phone (an enrolment's `consent`)


def _village_answers(turn: Turn, officer: Officer) -> Answers:
    """A village officer's worker joins the desa's programme, if it has an open one.

    Its programs, paid monthly by the village, and interest in a government program need
    not be asked; the income neither, once the worker's desa and work are the programme's.
    """
    if not officer.village_code:
        return {}
    programme = open_programme(turn.session, officer.village_code, turn.now.date())
    if programme is None:
        return {}
    return {
        "programme": programme.id,
        "programme_area": programme.area_code,
        "programme_categories": list(programme.categories),
        "programs": list(programme.programs),
        "period": 1,
        "sponsored": True,
    }


def open_form(turn: Turn, officer: Officer, consent_id: int, consent_at: str) -> list[Reply]:
    """The worker agreed (code `consent_id`, at `consent_at`): the officer fills in the form."""
    turn.data[FLOW] = {
        "family": True,  # someone other than the chat's own person: no eligibility carried over
        "consent_at": consent_at,
        "consent_version": registration.CONSENT_VERSION,
        "assisted_code": consent_id,
        "consent": PHONE_CONSENT,
        **_village_answers(turn, officer),
    }
    intro = turn._("The worker agreed. Now fill in their data with their KTP.")
    return FORM.ask(turn, Reply(intro))


def open_paper_form(turn: Turn, officer: Officer) -> list[Reply]:
    """A village officer declared the worker's paper consent: the form opens, flagged so."""
    turn.data[FLOW] = {
        "family": True,
        "consent_at": turn.now.isoformat(),
        "consent_version": officers.PAPER,
        "consent": officers.PAPER,
        "paper_officer": officer.id,
        **_village_answers(turn, officer),
    }
    intro = turn._(
        "Paper consent recorded, declared by you on {date}. Now fill in the worker's data "
        "with their KTP."
    ).format(date=turn.t.date(turn.now.date()))
    return FORM.ask(turn, Reply(intro))
