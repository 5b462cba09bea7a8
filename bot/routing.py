"""How a turn finds its handler: global words, choices, the step the chat is waiting in.

Handlers register here with decorators; they receive a `Turn` and return replies.
Words that work in every state ("batal", "mau daftar", "lanjut", "nanti aja" …) are
`bot.domain.chatwords.command`; a yes typed at the menu takes the last reply's one offer. A
choice id is handled by a global action of that name, or else only by the step that offered
it (`_choices`): pressed anywhere else it is stale.
Form steps (bot/forms.py) always answer; an older-style step answers `None` when the input is
no answer, so the free-text handler takes it and the step's question is asked again.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.conversation import Choice, Incoming, Kind, Reply
from bot.crypto import Crypto
from bot.domain.chatwords import (
    command,
    mentions,
    offers,
    soft_command,
    withdraws,
    yes_and_resume,
    yes_no,
)
from bot.i18n import Translator
from bot.storage.models import Contact

IDLE = "idle"
MISSES = "_misses"  # a form's answers: messages in a row its step did not understand


class Records(Protocol):
    """What a turn may load beyond its state; the engine makes each only when asked."""

    @property
    def contact(self) -> Contact: ...

    @property
    def session(self) -> Session: ...


@dataclass
class Turn:
    """One incoming message and everything a handler may read or change while answering it.

    `state` and `data` are saved after the handler returns, in the same transaction.
    """

    incoming: Incoming
    state: str
    data: dict[str, Any]
    records: Records  # the contact and the session, made when first asked for
    t: Translator
    now: datetime
    last_at: datetime | None = None  # the chat's previous turn; None: no earlier turn known
    choice: str | None = None  # the choice id, pressed or typed
    offered: list[Choice] = field(default_factory=list)  # choices of the last question
    crypto: Crypto | None = None  # encrypts/hashes NIKs; the engine passes the process's one
    settings: Settings | None = None  # the process's configuration (links need the bot's names)
    forget: bool = False  # delete this chat's conversation row instead of saving it (erasure)

    @property
    def contact(self) -> Contact:
        """The sender's contact; changes to it are saved with the turn."""
        return self.records.contact

    @property
    def session(self) -> Session:
        """The ORM session in the turn's transaction, for handlers that read or write more."""
        return self.records.session

    def _(self, message: str) -> str:
        """Translate `message` into the user's language."""
        return self.t.gettext(message)

    @property
    def text(self) -> str:
        return self.incoming.text.strip()

    def back_to(self, action: str) -> Choice:
        """A "Back" button for `action`; typing `kembali` then does the same."""
        self.data["_back"] = action
        return Choice(action, self._("Back"))


Handler = Callable[[Turn], list[Reply]]
StepHandler = Callable[[Turn], list[Reply] | None]


@dataclass(frozen=True)
class Step:
    """A question the chat waits on: `prompt` asks it, `handle` takes the answer."""

    prompt: Handler
    handle: StepHandler


class Router:
    """State names to steps, choice ids to actions, and the free-text fallback."""

    def __init__(self) -> None:
        self.steps: dict[str, Step] = {}
        self.actions: dict[str, Handler] = {}
        self.text_handlers: list[StepHandler] = []  # tried in order; None passes to the next
        self.unsupported: Handler | None = None
        # what an old button says when pressed after its question is gone ("already sent")
        self.stale: dict[str, StepHandler] = {}
        # turn.data keys that hold for the next message only: dropped after it unless it set
        # them anew (a form's finish, which only the message right after it may amend)
        self.fleeting: set[str] = set()

    def step(self, state: str, *, prompt: Handler) -> Callable[[StepHandler], StepHandler]:
        """Register the handler of the answers given in `state`."""

        def register(handle: StepHandler) -> StepHandler:
            if state in self.steps:
                raise ValueError(f"step {state!r} registered twice")
            self.steps[state] = Step(prompt, handle)
            return handle

        return register

    def action(self, name: str) -> Callable[[Handler], Handler]:
        """Register the handler of choice `name` or `name:argument`, valid in any state."""

        def register(handler: Handler) -> Handler:
            if name in self.actions:
                raise ValueError(f"action {name!r} registered twice")
            self.actions[name] = handler
            return handler

        return register

    def include(self, other: Router) -> None:
        """Merge another module's router into this one."""
        for state, step in other.steps.items():
            self.step(state, prompt=step.prompt)(step.handle)
        for name, handler in other.actions.items():
            self.action(name)(handler)
        self.text_handlers.extend(other.text_handlers)
        self.stale.update(other.stale)
        self.fleeting |= other.fleeting
        self.unsupported = other.unsupported or self.unsupported

    def text(self, handler: StepHandler) -> StepHandler:
        """Register a handler of free text (no menu word, no answer to a waiting question)."""
        self.text_handlers.append(handler)
        return handler

    def answer_text(self, turn: Turn) -> list[Reply]:
        """The first text handler's replies that are not None."""
        for handler in self.text_handlers:
            if (replies := handler(turn)) is not None:
                return replies
        return []

    def find_action(self, choice_id: str) -> Handler | None:
        return self.actions.get(choice_id.partition(":")[0])


def action_argument(choice_id: str | None) -> str:
    """The part after the colon of `program:jkk`."""
    return (choice_id or "").partition(":")[2]


_PUNCT = re.compile(r"[^\w\s/]+", re.UNICODE)
_CLEAR_MARGIN = 5  # points of fuzz.ratio a typed choice must be nearer its label than another


def simplify(text: str) -> str:
    """Lower-case, no emoji or punctuation, single spaces: how typed words are compared.

    >>> simplify("  Info   Program! 📋 ")
    'info program'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def match_choice(text: str, offered: list[Choice]) -> str | None:
    """The id of the offered choice the user typed: its number, its label, or close to it.

    >>> menu = [Choice("a", "Info program"), Choice("b", "Cek syarat & iuran")]
    >>> match_choice("2", menu), match_choice("info progrm", menu), match_choice("daftar", menu)
    ('b', 'a', None)
    >>> match_choice("jkk jkm aj", [Choice("base", "JKK + JKM"), Choice("jht", "JKK + JKM + JHT")])
    """
    typed = simplify(text)
    if not typed or not offered:
        return None
    if typed.isdigit():
        index = int(typed) - 1
        return offered[index].id if 0 <= index < len(offered) else None
    labels = [simplify(choice.label) for choice in offered]
    if typed in labels:
        return offered[labels.index(typed)].id
    scored = sorted(
        (
            (fuzz.ratio(typed, label), choice.id)
            for label, choice in zip(labels, offered, strict=True)
        ),
        reverse=True,
    )
    (best, choice_id), runner_up = scored[0], (scored[1][0] if len(scored) > 1 else 0.0)
    # Near two labels ("jkk jkm aj": "JKK + JKM" and "JKK + JKM + JHT") is near neither: the
    # step's own reading of the words decides.
    clear = best - runner_up >= _CLEAR_MARGIN
    return choice_id if best >= 85 and clear and len(typed) >= 4 else None


def typed_choice(turn: Turn) -> str | None:
    """The action or offered choice a typed message asks for, if any.

    A command works everywhere ("batal"), but a soft one ("nanti aja") gives way to the button
    it names ("Nanti saja"). At the menu, a yes ("iya", "ok") takes the last reply's one offer
    (`chatwords.offers`: "Daftar sekarang" after the check's answer), and in a form the offer to
    continue it. In a step, "lanjut" may press its button (`_goes_on`); a cancel
    at a question offering to take back what it asks (`chatwords.withdraws`) presses that.
    """
    said = command(turn.incoming.text)
    if turn.state != IDLE and said == "resume" and (pressed := _goes_on(turn)):
        return pressed
    if said == "cancel" and (kept := withdraws([choice.id for choice in turn.offered])):
        return kept  # "ga jadi deh" at "Delete all your data?": keep it
    typed = match_choice(turn.incoming.text, turn.offered)
    if typed and soft_command(said):
        return typed
    if said or typed:
        return said or typed
    sends = mentions(turn.incoming.text, "summary.send")  # "kirim" again: no yes to an offer
    if yes_no(turn.incoming.text) and not sends:
        taken = offers(offered_ids(turn))
        # In a form, only the offer to continue it ("Halo lagi! … Lanjutkan?" at the summary):
        # its yes shows where the form stopped, never answers the step unseen.
        if len(taken) == 1 and (turn.state == IDLE or taken[0] == "resume"):
            return taken[0]
    return None


def offered_ids(turn: Turn) -> list[str]:
    """The ids of the last buttons shown, with those of the turn's earlier replies before them.

    "iya" after an answer that offers "Daftar sekarang", then "Atau maksud Anda": the answer's
    offer counts for a yes (`chatwords.offers`), though only the last buttons take a number.
    """
    shown = [choice.id for choice in turn.offered]
    return [*turn.data.get("_offers", []), *shown] if shown else shown


def _goes_on(turn: Turn) -> str | None:
    """The one button a "lanjut" typed in a step presses, if any; else it resumes the form.

    "sip lanjut" at a yes-or-no question (the consent) presses its yes. A "lanjut" with or
    without a yes presses a send that is no yes ("Kirim" at the summary): going on from the
    summary is sending it. A bare "lanjut" at a yes-or-no question is no yes.
    """
    yes = [choice.id for choice in turn.offered if yes_no(choice.label) is True]
    if yes_and_resume(turn.incoming.text) and len(yes) == 1:
        return yes[0]
    sends = [c.id for c in turn.offered if yes_no(c.label, send=True) is True]
    return sends[0] if len(sends) == 1 and not yes else None


def dispatch(router: Router, turn: Turn) -> list[Reply]:
    """Route one turn, then forget the `fleeting` data the turn found and did not set anew."""
    found = {key: turn.data[key] for key in router.fleeting if key in turn.data}
    replies = _route(router, turn)
    for key, value in found.items():
        if turn.data.get(key) is value:
            turn.data.pop(key)
    return replies


def _route(router: Router, turn: Turn) -> list[Reply]:
    """Global words and choices first, then the waiting step, then free text."""
    incoming = turn.incoming
    turn.offered = [Choice(id_, label) for id_, label in turn.data.get("_choices", [])]
    step = router.steps.get(turn.state)

    if incoming.kind is Kind.UNSUPPORTED:
        if step and turn.text and (replies := _caption_answers(step, turn)) is not None:
            return replies
        if not step and turn.text:
            return _caption_read(router, turn)
        return _then_prompt(router.unsupported, step, turn)
    if incoming.kind is Kind.START:
        turn.choice = "start"
    elif incoming.kind is Kind.CHOICE:
        turn.choice = incoming.payload
    elif incoming.kind is Kind.TEXT:
        turn.choice = typed_choice(turn)
    if turn.choice == "back":
        turn.choice = turn.data.get("_back") or "menu"

    if turn.choice:
        if action := router.find_action(turn.choice):
            return action(turn)
        offered_here = any(choice.id == turn.choice for choice in turn.offered)
        if step and offered_here and (replies := step.handle(turn)) is not None:
            return replies
        if (old := router.stale.get(turn.choice.partition(":")[0])) and (replies := old(turn)):
            return replies
        stale = Reply(
            turn._("That button belongs to an earlier message. Here is where we are now.")
        )
        return [stale, *(step.prompt(turn) if step else _menu(router, turn))]

    if step and (replies := step.handle(turn)) is not None:
        return replies
    fallback = router.answer_text if incoming.kind is Kind.TEXT else router.unsupported
    return _then_prompt(fallback, step, turn)


def _caption_answers(step: Step, turn: Turn) -> list[Reply] | None:
    """A photo's caption that answers the waiting step ("ini ktp sy, nik 5103…"): its reply.

    The caption is text the person typed; read at the step, it counts only if the step took
    it without a miss and moved on or kept something. Otherwise nothing it did is kept, and
    the photo is told it is not read. The message keeps its `media`: a step that stores any
    words as typed takes no caption (bot/forms.py `Field.as_typed`).
    """
    state, before, photo = turn.state, copy.deepcopy(turn.data), turn.incoming
    turn.incoming = replace(photo, kind=Kind.TEXT)
    turn.choice = typed_choice(turn)
    replies = step.handle(turn)
    flow = state.partition(".")[0]
    missed = turn.data.get(flow, {}).get(MISSES, 0) > before.get(flow, {}).get(MISSES, 0)
    if replies is not None and not missed and (turn.state != state or turn.data != before):
        return replies
    turn.state, turn.incoming, turn.choice = state, photo, None
    turn.data.clear()
    turn.data.update(before)
    return None


def _caption_read(router: Router, turn: Turn) -> list[Reply]:
    """A picture or file outside a form whose caption is a message ("jkk bisa klaim ini?").

    The caption is text the person typed: answered as if typed, after one sentence saying
    the picture or file itself is not read.
    """
    turn.incoming = replace(turn.incoming, kind=Kind.TEXT, media="")
    replies = _route(router, turn)
    note = turn._("Sorry, I cannot read pictures or files, so I answer only what you wrote.")
    if not replies or not replies[0].text:
        return [Reply(note), *replies]
    return [replace(replies[0], text=f"{note}\n\n{replies[0].text}"), *replies[1:]]


def _then_prompt(handler: Handler | None, step: Step | None, turn: Turn) -> list[Reply]:
    """Answer with `handler`, then ask the waiting step's question again, if it still waits."""
    state = turn.state
    replies = handler(turn) if handler else []
    if step and turn.state == state:
        replies += step.prompt(turn)
    return replies


def _menu(router: Router, turn: Turn) -> list[Reply]:
    turn.choice = "menu"
    return router.actions["menu"](turn)
