"""Officers in chat, "cek petugas", the WhatsApp "DAFTAR <kode>" text, assisted registration.

An officer links their account, then gets their links, QR and poster, and numbers.

Typed commands ("petugas 482913", "cek petugas K7M2QX", "DAFTAR K7M2QX", "link", "qr",
"statistik", "setuju 482913") reach `text_commands` through the free-text handler that
`with_text_commands` wraps in handlers/__init__.py; what is not one goes on to the FAQ.

Assisted registration asks consent first: the officer gets a one-time code, the worker sends
"SETUJU <code>" from their own phone and agrees there, and only then does the officer fill
in the form (handlers/registration.py, consent already given). Registration's submit must
call `bot.storage.officers.finish_assisted(session, lead, reg.get("assisted_code"))`.

A village officer (bound to a desa) may also take a paper consent for a worker without a
phone: the worker signs the form, the officer declares it here ("saya menyatakan"), and the
form opens flagged "paper" (handlers/assisted.py writes the flag and the desa's place).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.conversation import Choice, Document, Reply
from bot.domain.chatwords import after, is_question, mentions, phrase_value, yes_no
from bot.domain.referral import code_from_text, consent_link, only_a_code
from bot.forms import Answers, Field, Form, Leave, Outcome
from bot.i18n import N_
from bot.posters import poster_data, poster_pdf, qr_png
from bot.routing import IDLE, Router, Turn
from bot.storage import officers as store
from bot.storage.events import Step, record_event
from bot.storage.models import Branch, Officer, OfficerCode
from handlers import assisted, registration
from handlers.codes import SIX_DIGITS, digits, own_account_code
from handlers.faq import brief_answer
from handlers.menu import main_menu, officer_next, start
from handlers.officer_texts import asked_in_own_words, link_config, links_text, me, numbers_text
from handlers.officer_texts import brief_answer as officer_brief_answer
from handlers.registration.text import consent_text

router = Router()
Handler = Callable[[Turn], list[Reply]]

_SIX_DIGITS = re.compile(rf"\W*({SIX_DIGITS})\s*")  # after "petugas" or "setuju"


def _officer_menu(turn: Turn, text: str) -> list[Reply]:
    _ = turn._
    turn.state = IDLE
    choices = (
        Choice("officer_link", _("My links")),
        Choice("officer_qr", _("QR code and poster")),
        Choice("officer_stats", _("My numbers")),
        Choice("officer_assist", _("Register a worker")),
        Choice("menu", _("Main menu")),
    )
    return [Reply(text, choices)]


def officer_only(handler: Callable[[Turn, Officer], list[Reply]]) -> Handler:
    """An action for linked officers; anyone else is told how an officer links their account."""

    def guarded(turn: Turn) -> list[Reply]:
        if (officer := me(turn)) is None:
            text = turn._(
                "This is for outreach officers. Your branch office gives you a one-time "
                "code; type it here like this: petugas 482913"
            )
            return main_menu(turn, text)
        return handler(turn, officer)

    return guarded


# ---------------------------------------------------------------- typed commands


@router.text
def text_commands(turn: Turn) -> list[Reply] | None:
    """Replies to a typed officer command, "cek petugas", or "DAFTAR <kode>"; None otherwise."""
    text = turn.text
    if (checked := after(text, "codes.check")) is not None:
        return check_officer(turn, re.sub(r"^\W+", "", checked))
    if match := _SIX_DIGITS.fullmatch(after(text, "codes.officer") or ""):
        return _link_account(turn, digits(match.group(1)))
    if match := _SIX_DIGITS.fullmatch(after(text, "codes.consent") or ""):
        return _consent_asked(turn, digits(match.group(1)))
    if (code := code_from_text(text)) and (
        store.attribute(turn.session, turn.contact, code, turn.now) or only_a_code(text)
    ):
        return start(turn)
    action = phrase_value(text, "officer") or asked_in_own_words(text)
    if action in _WHILE_A_CODE_WAITS and not turn.data.get(WAIT_FLOW):
        return None  # "dia ga mau bayar iuran": no worker's answer to pass on
    if action and me(turn) is not None:
        return router.actions[action](turn)
    return None


_WHILE_A_CODE_WAITS = ("officer_assist_form", "officer_assist_drop")  # the worker's yes or no


def check_officer(turn: Turn, typed: str) -> list[Reply]:
    """Answer "cek petugas": who owns a code, is it active, and the warning about paying people."""
    _ = turn._
    warning = _(
        "⚠️ Registering and paying the contribution are never done by paying a person. "
        "Pay only through official channels, never to a personal account."
    )
    if not typed.strip():
        return [Reply(_("Type cek petugas and the officer's code. Example: cek petugas K7M2QX"))]
    officer = store.officer_by_code(turn.session, typed)
    if officer is None:
        text = _("No officer has the code {code}. Be careful with anyone who uses it.")
        text = text.format(code=typed.strip()[:20])
        return [Reply(f"{text}\n\n{warning}", (Choice("menu", _("Main menu")),))]
    branch = turn.session.get_one(Branch, officer.branch_id)
    status = _("active") if officer.active else _("NOT active")
    text = _("Officer {code}: {name}, {branch}. Status: {status}.").format(
        code=officer.code, name=officer.name, branch=branch.name, status=status
    )
    return [Reply(f"{text}\n\n{warning}", (Choice("menu", _("Main menu")),))]


def _link_account(turn: Turn, typed: str) -> list[Reply]:
    """Take "petugas 482913": the code from `officers link` makes this chat the officer's."""
    elsewhere = turn._("Officers link a Telegram or WhatsApp account. Please use one of them.")
    found = own_account_code(turn, store.LINK, typed, elsewhere)
    if isinstance(found, list):
        return found
    officer = store.use_code(turn.session, found, turn.contact, turn.now)
    store.link_account(turn.session, officer, turn.incoming.channel.value, turn.incoming.user_id)
    text = turn._(
        "Welcome, {name}. This chat is now linked to officer code {code}. "
        "Type petugas at any time for this menu."
    )
    return _officer_menu(turn, text.format(name=officer.name, code=officer.code))


# ---------------------------------------------------------------- the officer's menu


@router.action("officer_menu")
@officer_only
def officer_menu(turn: Turn, officer: Officer) -> list[Reply]:
    text = turn._("Officer menu, code {code}. What do you need?")
    return _officer_menu(turn, text.format(code=officer.code))


@router.action("officer_link")
@officer_only
def my_links(turn: Turn, officer: Officer) -> list[Reply]:
    return _officer_menu(turn, links_text(turn, officer))


@router.action("officer_qr")
@officer_only
def my_qr(turn: Turn, officer: Officer) -> list[Reply]:
    branch = turn.session.get_one(Branch, officer.branch_id)
    data = poster_data(officer, branch, link_config(turn))
    link = data.links.whatsapp or data.links.telegram
    qr = Document(f"qr-{officer.code}.png", qr_png(link), "image/png", turn._("Your QR code"))
    poster = Document(
        f"poster-{officer.code}.pdf",
        poster_pdf(data),
        "application/pdf",
        turn._("Your A5 poster, ready to print"),
    )
    return [
        Reply("", document=qr),
        Reply("", document=poster),
        *_officer_menu(turn, turn._("Print the poster for a stall or a notice board.")),
    ]


@router.action("officer_stats")
@officer_only
def my_numbers(turn: Turn, officer: Officer) -> list[Reply]:
    return _officer_menu(turn, numbers_text(turn, officer))


# ---------------------------------------------------------------- assisted registration

FLOW = "assist"  # the worker's side: data["assist"] = {"code_id"}, state "assist.consent"
WAIT_FLOW = "assisting"  # the officer's wait for the worker's yes: state "assisting.agreed"


@router.action("officer_assist")
@officer_only
def assist(turn: Turn, officer: Officer) -> list[Reply]:
    """A consent code for the worker; the form opens once they have agreed on their phone.

    The officer then waits at a step of its own (`WAIT`, state "assisting.agreed"): "sudah"
    opens the form, and a question ("gmn caranya", "udah blm?") is answered there.
    """
    code, issued = store.issue_code(turn.session, officer, store.CONSENT, turn.now)
    turn.data[WAIT_FLOW] = {
        "code": code,
        "code_id": issued.id,
        "village": bool(officer.village_code),
    }
    asked = WAIT.ask(turn)
    scan = consent_link(code, link_config(turn))  # with a WhatsApp number, she may scan it
    if scan is None:
        return asked
    caption = turn._("Or the worker scans this")
    qr = Document(f"setuju-{code}.png", qr_png(scan), "image/png", caption)
    return [Reply("", document=qr), *asked]


def _prompt_wait(turn: Turn, answers: Answers) -> Reply:
    text = turn._(
        "The worker agrees first, on their own phone. Ask them to send this message to this bot "
        "on WhatsApp or Telegram: SETUJU {code}\nThe code works for 30 minutes. When they have "
        "agreed, type sudah or press Fill in the worker's data."
    ).format(code=answers.get("code", "…"))
    choices: tuple[Choice, ...] = (
        Choice("officer_assist_form", turn._("Fill in the worker's data")),
        Choice("officer_menu", turn._("Officer menu")),
    )
    if answers.get("village"):  # a village officer may enrol a worker who has no phone
        text += "\n" + turn._("If the worker has no phone, type tidak punya hp.")
        choices = (
            choices[0],
            Choice("officer_paper", turn._("The worker has no phone")),
            choices[1],
        )
    return Reply(text, choices)


def _how_consent_works(turn: Turn, answers: Answers) -> str:
    """How the consent code works ("gmn caranya"), asked while it waits."""
    return turn._(
        "The worker sends SETUJU {code} to this bot from their own WhatsApp or Telegram, then "
        "answers setuju: that is their consent. The code works for 30 minutes; if it expires, "
        "type kode baru."
    ).format(code=answers.get("code", "…"))


def _consent_state(turn: Turn, answers: Answers) -> str:
    """Whether the worker agreed yet ("udah blm?"): not yet (once she has, the form opens)."""
    consent = _consent(turn, answers)
    if consent is not None and consent.refused_at:
        return turn._(
            "The worker declined on their own phone. If they change their mind, type kode baru."
        )
    return turn._(
        "Not yet: the worker has not agreed on their phone (they send SETUJU {code}). When "
        "they have, type sudah."
    ).format(code=answers.get("code", "…"))


def _consent(turn: Turn, answers: Answers) -> OfficerCode | None:
    """The consent code the officer waits on, if it is his."""
    officer = me(turn)
    code_id = answers.get("code_id")
    consent = turn.session.get(OfficerCode, code_id) if code_id else None
    if consent is None or officer is None or consent.officer_id != officer.id:
        return None
    return consent


def _lapsed(turn: Turn, answers: Answers) -> list[Reply] | None:
    """The wait's code expired unused (the officer is back hours or days later): its end.

    Said plainly, and "daftarkan pekerja" starts again; None while the code may still be used.
    """
    consent = _consent(turn, answers)
    if consent is None or consent.used_at is not None or consent.refused_at is not None:
        return None
    if store.live_code_by_id(turn.session, consent.id, turn.now) is not None:
        return None
    turn.data.pop(WAIT_FLOW, None)
    text = turn._(
        "The code {code} has expired: the worker did not agree with it within 30 minutes, and "
        "nothing of theirs was saved. To register them, type daftarkan pekerja for a new code."
    )
    return _officer_menu(turn, text.format(code=answers.get("code", "…")))


def _read_wait(turn: Turn, answers: Answers) -> Outcome | None:
    """The officer at the wait: "sudah" checks the worker's yes; a lapsed code ends the wait.

    His requests ("kode baru", "dia ga mau", "link sy mana") are done as from his menu. A
    question is answered at the step (`about`), but "udah blm?" once she agreed opens the form.
    """
    if (lapsed := _lapsed(turn, answers)) is not None:
        return Leave(lapsed, close=True)
    text = turn.text
    if is_question(text):
        agreed = (consent := _consent(turn, answers)) is not None and consent.used_at is not None
        if agreed and mentions(text, "about.consent_state"):
            return Leave(router.actions["officer_assist_form"](turn))
        return None
    action = phrase_value(text, "officer") or asked_in_own_words(text)
    if action is None and (mentions(text, "about.consent_state") or yes_no(text) is True):
        action = "officer_assist_form"  # "sudah", "udah blm?": the worker's yes, or not yet
    if action is None:
        return None
    return Leave(router.actions[action](turn))


@router.action("officer_assist_form")
@officer_only
def assist_form(turn: Turn, officer: Officer) -> list[Reply]:
    assisting = turn.data.get(WAIT_FLOW) or {}
    if (lapsed := _lapsed(turn, assisting)) is not None:
        return lapsed
    code = assisting.get("code")
    consent = _consent(turn, assisting)
    if consent is not None and consent.refused_at:
        return _refused(turn)
    if consent is None or consent.used_at is None:
        text = turn._(
            "The worker has not agreed yet: they send SETUJU {code} from their own phone. When "
            "they have, type sudah. If the code has expired, type kode baru."
        )
        choices = (
            Choice("officer_assist_form", turn._("Fill in the worker's data")),
            Choice("officer_assist", turn._("New code")),
        )
        return [Reply(text.format(code=code or "…"), choices)]
    turn.data.pop(WAIT_FLOW, None)
    return assisted.open_form(turn, officer, consent.id, consent.used_at.isoformat())


def _refused(turn: Turn) -> list[Reply]:
    """She said no on her own phone: the officer hears it plainly, and what he may do next."""
    turn.state = IDLE  # her code is spent: no wait, though "ibunya ga mau" still ends it
    text = turn._(
        "The worker declined on their own phone, so they cannot be registered, and nothing of "
        "theirs was saved. If they change their mind, type kode baru and ask them to send it "
        "again. Otherwise type daftarkan pekerja for the next worker."
    )
    return officer_next(turn, text, turn._("New code"))


@router.action("officer_assist_drop")
@officer_only
def assist_dropped(turn: Turn, officer: Officer) -> list[Reply]:
    """The officer passes on the worker's no ("ibunya ga mau"): her code is let go."""
    turn.data.pop(WAIT_FLOW, None)
    text = turn._(
        "Understood: the worker is not registered, and nothing of theirs was saved. "
        "Type daftarkan pekerja for the next worker."
    )
    return _officer_menu(turn, text)


@router.action("officer_paper")
@officer_only
def paper(turn: Turn, officer: Officer) -> list[Reply]:
    """A worker without a phone agrees on paper; a village officer declares it (`PAPER`)."""
    if not officer.village_code:
        text = turn._(
            "Paper consent is for village officers. The worker agrees on their own phone: "
            "type daftarkan pekerja for a code."
        )
        return _officer_menu(turn, text)
    turn.data.pop(WAIT_FLOW, None)
    turn.data[PAPER_FLOW] = {}
    return PAPER.ask(turn)


PAPER_FLOW = "paper"  # the officer's declaration: state "paper.declare"
DECLARATION = N_(
    "I declare that the worker has signed the consent form and that I read it to them."
)


def _prompt_declaration(turn: Turn, answers: Answers) -> Reply:
    text = turn._(
        "The worker has no phone, so they agree on paper: read the consent form (formulir "
        "persetujuan) to them, let them sign it, and keep it for the branch office. Then "
        'declare:\n"{declaration}"\nType saya menyatakan, or batal.'
    ).format(declaration=turn._(DECLARATION))
    choices = (
        Choice("paper_declare", turn._("I declare it")),
        Choice("officer_menu", turn._("Officer menu")),
    )
    return Reply(text, choices)


def _read_declaration(turn: Turn, answers: Answers) -> Outcome | None:
    """The officer's declaration, pressed or typed ("saya menyatakan", "ya sudah ttd")."""
    said = True if turn.choice == "paper_declare" else None
    if said is None and turn.choice is None:
        said = True if mentions(turn.text, "declaration.signed") else yes_no(turn.text)
    if said is None:
        return None
    officer = me(turn)
    if not said or officer is None:
        return Leave(officer_menu(turn), close=True)
    return Leave(assisted.open_paper_form(turn, officer), close=True)


PAPER = Form(
    PAPER_FLOW,
    [
        Field(
            "declare",
            _prompt_declaration,
            _read_declaration,
            example=N_("Type saya menyatakan, or batal."),
        )
    ],
    brief_answer=brief_answer,
    started=lambda a: False,  # a declaration is made in one go
)
PAPER.install(router)

# The officer's wait for the worker's yes on the form engine: one step, state
# "assisting.agreed", never answered (it is left by "sudah" once she agreed, or by a request).
WAIT = Form(
    WAIT_FLOW,
    [
        Field(
            "agreed",
            _prompt_wait,
            _read_wait,
            example=N_("When the worker has agreed, type sudah."),
            short=N_("When the worker has agreed, type sudah or press Fill in the worker's data."),
            about=(("consent_state", _consent_state), ("consent_code", _how_consent_works)),
            acts_on_questions=True,  # "udah blm?" once she agreed, or a lapsed code
        )
    ],
    brief_answer=officer_brief_answer,  # "link sy mana" while it waits: his links
    started=lambda a: False,  # nothing to resume: the code is short-lived
)
WAIT.install(router)


def _consent_asked(turn: Turn, typed: str) -> list[Reply]:
    """The worker's "SETUJU 482913": show who asks and the consent text, on their phone."""
    elsewhere = turn._("Please send SETUJU and the code from your own WhatsApp or Telegram.")
    found = own_account_code(turn, store.CONSENT, typed, elsewhere)
    if isinstance(found, list):
        return found
    officer = turn.session.get_one(Officer, found.officer_id)
    turn.data[FLOW] = {"code_id": found.id}
    turn.state = f"{FLOW}.consent"
    return _ask_consent(turn, officer)


def _ask_consent(turn: Turn, officer: Officer) -> list[Reply]:
    intro = turn._("Officer {name} ({code}) will register you with BPJS Ketenagakerjaan.").format(
        name=officer.name, code=officer.code
    )
    choices = (Choice("agree", turn._("I agree")), Choice("disagree", turn._("I do not agree")))
    return [Reply(f"{intro}\n\n{consent_text(turn, registration.CONSENT_VERSION, False)}", choices)]


def _prompt_consent(turn: Turn, answers: Answers) -> Reply:
    found = _pending(turn)
    if found is None:
        turn.data.pop(FLOW, None)
        return _expired(turn)[0]
    return _ask_consent(turn, turn.session.get_one(Officer, found.officer_id))[0]


def _expired(turn: Turn) -> list[Reply]:
    return main_menu(turn, turn._("This code has expired. Ask the officer for a new one."))


def _pending(turn: Turn) -> OfficerCode | None:
    code_id = (turn.data.get(FLOW) or {}).get("code_id")
    return store.live_code_by_id(turn.session, code_id, turn.now) if code_id else None


def _read_consent(turn: Turn, answers: Answers) -> Outcome | None:
    """The worker's yes or no, pressed or typed in any everyday form ("iya setuju", 👍)."""
    answer = {"agree": True, "disagree": False}.get(turn.choice or "")
    if answer is None:
        answer = yes_no(turn.text)
    if answer is None:
        return None
    found = _pending(turn)
    if found is None:
        return Leave(_expired(turn), close=True)
    if not answer:
        store.refuse_code(turn.session, found, turn.now)  # the officer is told she declined
        text = turn._("Understood. Nothing was saved, and the officer cannot register you.")
        return Leave(main_menu(turn, text), close=True)
    officer = store.use_code(turn.session, found, turn.contact, turn.now)
    turn.contact.consent_at, turn.contact.consent_version = turn.now, registration.CONSENT_VERSION
    store.attribute(turn.session, turn.contact, officer.code, turn.now)
    record_event(turn.session, turn.contact, Step.REGISTRATION_STARTED, turn.now)
    text = turn._(
        "✅ Thank you. Officer {name} will now fill in your data. The branch office will "
        "contact you. Never pay anyone for registering."
    ).format(name=officer.name)
    return Leave(main_menu(turn, text), close=True)


# The worker's side on the form engine: one question, state "assist.consent".
CONSENT = Form(
    FLOW,
    [
        Field(
            "consent",
            _prompt_consent,
            _read_consent,
            example=N_("Type setuju or tidak setuju."),
            short=N_("Do you agree? Type setuju or tidak setuju."),
        )
    ],
    brief_answer=brief_answer,
    started=lambda a: False,  # nothing to resume: the code is short-lived
)
CONSENT.install(router)
