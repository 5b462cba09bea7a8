"""Greeting, main menu, help, language, cancel; and what to say to what we cannot read."""

from __future__ import annotations

from bot.conversation import Choice, Kind, Reply
from bot.domain import chatwords
from bot.forms import then_reasked, unfinished
from bot.i18n import Translator
from bot.routing import IDLE, Router, Turn, offered_ids
from bot.storage.officers import attribute, officer_of_user

router = Router()

CALL_CENTER = "175"  # official-faq.md §K


def main_menu(turn: Turn, text: str | None = None) -> list[Reply]:
    """The main menu; also where `batal` and `menu` leave the user."""
    _ = turn._
    turn.state = IDLE
    turn.data.pop("_back", None)
    choices = (
        Choice("programs", _("Program info")),
        Choice("eligibility", _("Check eligibility & cost")),
        Choice("register", _("Register")),
        Choice("ask", _("Ask a question")),
        Choice("language", _("Language")),
    )
    return [
        Reply(
            text or _("What would you like to do? Choose a menu item or type your question."),
            choices,
        )
    ]


def officer_next(turn: Turn, text: str, assist: str) -> list[Reply]:
    """`text` to an officer done with a worker, then `assist` or his menu.

    `assist` is the next worker or a new code: the same two ways on wherever a worker's
    registration ends.
    """
    choices = (Choice("officer_assist", assist), Choice("officer_menu", turn._("Officer menu")))
    return [Reply(text, choices)]


def family_question(turn: Turn) -> Reply:
    """What follows a sent registration (and its programme offer, if any): another person?"""
    turn.state = IDLE
    return Reply(
        turn._("Register another family member from this phone? Each person needs their own KTP."),
        (
            Choice("reg_family", turn._("Register a family member")),
            Choice("menu", turn._("Main menu")),
        ),
    )


@router.action("start")
def start(turn: Turn) -> list[Reply]:
    """Greet and show the main menu (`/start`, a deep link, "halo").

    With a form left half-finished, the greeting offers to continue it instead.
    """
    _ = turn._
    if turn.incoming.kind is Kind.START and turn.incoming.payload:  # an officer's link?
        attribute(turn.session, turn.contact, turn.incoming.payload, turn.now)
    if (form := unfinished(turn)) is not None:
        if not form.field_at(turn.state):  # in the form, an answer typed next still counts
            turn.state = IDLE
        text = _("Hello again! You have a form that is not finished yet. Continue where you left?")
        choices = (Choice("resume", _("Continue")), Choice("menu", _("Main menu")))
        return [Reply(text, choices)]
    greeting = _(
        "Hello! I am the BPJS Ketenagakerjaan assistant for workers. "
        "I can explain the protection programs, check which ones you may join "
        "and what they cost each month, and help you register."
    )
    return [Reply(greeting), *main_menu(turn)]


@router.action("resume")
def resume(turn: Turn) -> list[Reply]:
    """`lanjut`: the half-finished form's question, where it stopped."""
    form = unfinished(turn)
    if form is None:
        return main_menu(turn, turn._("There is nothing to continue. Here is the main menu."))
    welcome = Reply(turn._("Welcome back. We continue where you stopped."))
    if form.field_at(turn.state):
        return form.reask(turn)
    return form.ask(turn, welcome)


@router.text
def continue_typed(turn: Turn) -> list[Reply] | None:
    """At the menu, with a form half-finished: its data typed goes on with the form.

    (A yes to the offer to continue takes it: `routing.typed_choice`.) The form's own data
    typed ("5103 0615 0895 0001 0812…", `chatwords.holds_form_data`) goes on with the form.
    The data is read by the step it answers, as if typed there: never answered as a question,
    nor kept as an unanswered one (a NIK among them).
    """
    if turn.state != IDLE or (form := unfinished(turn)) is None:
        return None
    if not chatwords.holds_form_data(turn.text, turn.now.date()):
        return None
    form.ask(turn)  # to the step where it stopped; that step reads the message
    return form.handle(turn)


@router.action("menu")
def menu(turn: Turn) -> list[Reply]:
    """The main menu, without the greeting."""
    return main_menu(turn)


@router.text
def short_reply(turn: Turn) -> list[Reply] | None:
    """A yes, a no, an "oke" or a bare "mohon dikirim" typed at the menu, with no one offer to take.

    (One offer is taken: `routing.typed_choice`; a send, "kirim", takes none.) After a
    registration was sent, "kirim" again is told so; with one half-filled (after "nanti aja"),
    that it is not finished, and the offer to continue it; with none sent nor filled in (after a
    cancel), that there is nothing to send. Several offers (the main menu): which one?
    None: what the person can do next. A no closes politely (`later`). Never the FAQ's
    fallback, nor kept as an unanswered question.
    """
    if turn.state != IDLE:
        return None
    said = chatwords.yes_no(turn.text)
    asks_to_send = chatwords.said_only(turn.text, "send_request")  # "Mohon dikirim"
    asks_to_send = asks_to_send and chatwords.mentions(turn.text, "summary.send")
    if said is None and not asks_to_send and not chatwords.acknowledges(turn.text):
        return None
    if said is False:
        return later(turn)
    sending = asks_to_send or chatwords.mentions(turn.text, "summary.send")
    if sending and unfinished(turn) is not None:  # "kirim" after "nanti aja": the form left
        text = turn._("Your form is not finished yet, so nothing is sent. Continue where you left?")
        return [
            Reply(text, (Choice("resume", turn._("Continue")), Choice("menu", turn._("Main menu"))))
        ]
    if sending and (sent := turn.data.get("registration_sent")):
        # "kirim" twice (or after the confirmation): sent once, said so; no new registration
        text = turn._("Your registration was already sent. Your reference number is {reference}.")
        return main_menu(turn, text.format(reference=sent))
    if sending and officer_of_user(
        turn.session, turn.incoming.channel.value, turn.incoming.user_id
    ):
        # an officer's worker's registration leaves no trace in his chat: the next worker's
        text = turn._(
            "There is nothing to send: no worker's registration is being filled in. To "
            "register the next worker, type daftarkan pekerja."
        )
        return officer_next(turn, text, turn._("Register a worker"))
    if sending:  # "kirim" after a cancel: nothing filled in to send; "which one?" said nothing
        text = turn._(
            "There is nothing to send: no registration is being filled in. "
            "To register, type daftar."
        )
        return [Reply(text, (Choice("register", turn._("Register")),))]  # "iya" takes it
    if len(chatwords.offers(offered_ids(turn))) > 1:
        return [Reply(turn._("Which one? Choose from these."), tuple(turn.offered))]
    text = turn._(
        "All right. Anything else? Just write your question, type daftar to register, "
        "or menu for the options."
    )
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


@router.action("later")
def later(turn: Turn) -> list[Reply]:
    """Not now ("nanti aja"). A form half-filled is kept for `lanjut`; how to come back."""
    form = unfinished(turn)
    turn.state = IDLE
    turn.data.pop("_back", None)
    if form is not None and form.started(turn.data.get(form.name) or {}):
        text = turn._(
            "All right, we continue another time. I keep what you filled in: "
            "type lanjut whenever you are ready."
        )
    elif turn.data.get("registration_sent"):  # "ga" to registering a family member too
        text = turn._(
            "All right. Type cek status any time to see where your registration stands, "
            "or just write your question."
        )
    else:
        text = turn._(
            "All right, no problem. Whenever you are ready, type daftar to register, "
            "or just write your question."
        )
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


@router.action("thanks")
def thanks(turn: Turn) -> list[Reply]:
    """Thanks ("makasih"): a courtesy reply; a form waiting asks its question again."""
    text = turn._(
        "You're welcome. I hope it helps. If you have another question, just write it, "
        "or type menu for the options."
    )
    if (reasked := then_reasked(turn, Reply(turn._("You're welcome.")))) is not None:
        return reasked
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


@router.action("hold")
def hold(turn: Turn) -> list[Reply]:
    """A wait ("bentar", "tunggu ya ambil ktp dulu"): the person will be back.

    A form waiting keeps its step for then, and the words are never its answer (a name
    "Bentar", a work "bentar mikir dulu").
    """
    if (reasked := then_reasked(turn, Reply(turn._("All right, I will wait.")))) is not None:
        return reasked
    text = turn._("All right, take your time. Write again whenever you are ready.")
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


@router.action("cancel")
def cancel(turn: Turn) -> list[Reply]:
    """Drop the current flow's answers and go back to the menu; nothing to drop: `later`.

    A form left half-filled (kept for `lanjut`) is what "batal" cancels from the menu too,
    as the help says ("batal: cancel what you are filling in"), never "I keep it".
    """
    flow = turn.state.partition(".")[0]
    if turn.state == IDLE:
        form = unfinished(turn)
        if form is None or not form.started(turn.data.get(form.name) or {}):
            return later(turn)
        flow = form.name
    turn.data.pop(flow, None)
    return main_menu(turn, turn._("Cancelled. Here is the main menu."))


@router.action("help")
def help_(turn: Turn) -> list[Reply]:
    """The words that work everywhere, and where to get a person."""
    text = turn._(
        "You can type these words at any time:\n"
        "- menu: the main menu\n"
        "- kembali: the previous screen\n"
        "- batal: cancel what you are filling in\n"
        "- lanjut: continue a form you left\n"
        "- daftar: register\n"
        "- lihat data saya / hapus data saya: see or delete your data\n"
        "- cek status: where your registration stands\n"
        "- bicara dengan petugas: a person from your branch office answers\n"
        "- bahasa: switch between Indonesian and English\n\n"
        "You can also just type your question. "
        "For anything else, call the BPJS Ketenagakerjaan call center on {phone}."
    ).format(phone=CALL_CENTER)
    if (reasked := then_reasked(turn, Reply(text))) is not None:
        return reasked
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


@router.action("language")
def language(turn: Turn) -> list[Reply]:
    """Switch to the language the request names, else to the other one.

    The choice is kept on the contact. Asked in the middle of a form, its question is asked
    again in the new language.
    """
    named = chatwords.language_asked(turn.incoming.text or "")
    new = named or ("en" if turn.t.locale == "id" else "id")
    turn.contact.language = new
    turn.t = Translator(new)
    said = turn._("I will now write in English.")
    if (reasked := then_reasked(turn, Reply(said))) is not None:
        return reasked
    return main_menu(turn, said)


@router.action("ask")
def ask(turn: Turn) -> list[Reply]:
    """Invite a free question."""
    turn.state = IDLE
    text = turn._("Type your question in your own words. Example: how much is the monthly fee?")
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


def unsupported(turn: Turn) -> list[Reply]:
    """Stickers, voice notes, photos, locations: we read text only, and say so kindly."""
    _ = turn._
    media = turn.incoming.media or turn.incoming.kind.value
    if media in ("voice", "audio", "video_note"):
        text = _("Sorry, I cannot listen to voice messages. Please type your message instead.")
    elif media in ("photo", "image", "video", "document"):
        text = _("Sorry, I cannot read pictures or files. Please type your message instead.")
    elif media == "location":
        text = _("Thank you, but I do not need your location. Please type your message instead.")
    elif media == "contact":
        text = _(
            "Thank you, but I do not need a contact card now. Please type your message instead."
        )
    else:
        text = _("Thank you! I can only read text. Please type your message, or type menu.")
    return [Reply(text)]


router.unsupported = unsupported
