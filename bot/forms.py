"""The one form engine: every flow that asks questions in turn declares its fields here.

Registration, eligibility, the officer's assisted form and staff linking all run on it, so
people get the same behaviour everywhere: typed answers in everyday words, a question typed in
between answered briefly, uncertain values confirmed, a re-ask with an example, numbered
choices after two misses (then the count starts again), and never a form answer sent to the
FAQ or logged as unanswered.

API (for every flow)
--------------------
Declare the fields in the order they are asked, then build one `Form` and install it::

    FORM = Form(
        "registration",                  # turn.data key of the answers; states "<name>.<field>"
        [Field("name", ask_name, read_name, example=N_("Example: Ni Wayan Sari")), ...],
        brief_answer=faq.brief_answer,   # answers a question typed at a step, or None
        finish=show_result,              # optional: called when no field is missing
        started=lambda a: "consent_at" in a,  # optional: counts as half-finished (resume)
        ahead=noted_ahead,               # optional: keeps answers to later steps typed early
        done="checked",                  # optional: the answers' key `finish` sets (see below)
    )
    FORM.install(router)                 # one router step per field state
    replies = FORM.ask(turn, Reply(turn._("Intro")))  # ask the first missing field

`Field(name, prompt, parse, ...)`:

- ``prompt(turn, answers) -> Reply``: the question, with its choices (buttons). Choice ids are
  scoped to the field's state: a button pressed in another state gets "that button belongs to
  an earlier message" from the router, never this field's parser.
- ``parse(turn, answers) -> Outcome | None``: read ``turn.choice`` (a pressed or typed choice of
  this prompt) or ``turn.text``. Return one of
    * ``Accept(values, drop=(), note="")``: store ``values`` in the answers, drop the keys in
      ``drop`` (a change from a summary), say ``note`` and ask the next missing field;
    * ``Confirm(question, values, choices=(), note="")``: ask "question" with Yes / No (plus
      ``choices``, e.g. close alternatives); yes stores ``values`` and says ``note``, no asks
      the field again, anything else is read as a new answer to the field;
    * ``Reject(reason)``: a translated reason; the engine re-asks with the example (a miss);
    * ``Offer(text, choices, example="")``: stay on the field with these choices (e.g. "which
      one?"); with an ``example`` (translated), the offer is a question of its own while its
      choices are the last shown: a sticker or a miss asks it again with that example, not
      the field's prompt ("Which data do you want to change?" at the summary);
    * ``Leave(replies, close=False)``: the parser ended or moved the flow itself (it sets
      ``turn.state``); ``close=True`` drops the form's answers (sent, declined, refused);
    * ``None``: not an answer (a miss): the engine re-asks with the example.
  Side effects (events, writes) belong where the parser returns Accept or Leave.
- ``reads``: the kinds of message the field's parser reads (default: typed text and choices;
  the phone also a shared contact). Any other kind (a location, a contact card at the NIK)
  is no answer and no miss: `Form.handle` returns None and the router says what the chat
  reads, then asks the step again.
- ``example``: msgid of an example answer, added to every re-ask (after a miss, and after a
  message of a kind the step does not read: a photo, a sticker).
- ``as_typed``: the step stores any words as typed (the work): a photo's caption ("ini ktp
  sy"), which says what the picture is, is never its answer (bot/routing.py reads a caption at
  the other steps).
- ``short``: msgid of a brief re-ask used instead of a long prompt (consent).
- ``applies(answers)``: whether the field is asked at all (default: always).
- ``answered(answers)``: whether it is done (default: ``name in answers``).
- ``keys``: the answers a change drops (default: ``(name,)``); ``revisit=False`` keeps
  `kembali` from going back into it (consent).
- ``amended(text, answer)``: a message sent right after the field's answer may change it
  ("100rb", then "sehari"), reaching the next step or, for the last field, the form's
  finish. Given the message and the answer (the value of the field's first key), it returns
  the whole answer to read again ("100000 sehari"), else None; the field's own parser reads
  it (see `_amended`). The one mechanism for an answer amended by the next message.
- ``about``: msgid of a brief answer to a question on the step's own subject ("NIK-nya
  wajib?", "ga punya wa, pake sms bisa?"), given instead of the FAQ's when the question says a
  word of the field's table under ``[about]`` in chatwords/steps.toml: the FAQ speaks of BPJS
  in general ("every worker must join") or of the bot's own number. A step with several
  subjects gives ``((words, msgid), …)``, each ``words`` a table under ``[about]``, the first
  mentioned answering ("datanya buat apa?" and "kalo ga setuju gimana?" at the consent).

Parsers get the form's answers as an argument and never need its name, so another form can
reuse a field with other words: ``dataclasses.replace(NAME, prompt=ask_workers_name)``.

Engine keys in the answers (never shown, never stored in a lead) start with ``_``: ``_misses``
(misses in a row at the current field) and ``_pending`` (values awaiting a yes).
``_later`` (confirmations kept for later steps, `confirm_later`), ``_offered`` (the step's last
`Offer`).
State names are constants: ``FORM.state("name")`` == ``"registration.name"``.
A send ("udh kirim aja") typed at a step before the one that reads it (``Field.sends``, the
summary) is told that questions come first, and the step is asked again: not a miss.
A message that only acknowledges (``chatwords.acknowledges``: "👍", "🙏", "baik pak") and
that the step cannot read asks the step again, briefly: not a miss.
A typed question (``chatwords.is_question``) at a step is answered with ``brief_answer``, cut
to its first paragraph or sentences (``brief``) with a hint that the whole answer comes when the
question is typed again after the form, and the step is asked again, briefly; it is not a
miss. A question holding a figure is first read as an answer ("2 juta?" at the income,
"umur 57?"), and answered only if it is none; so is one that echoes the step before its answer
("desa? dalung") or asks to be sure of a short one ("dalung kan?", "jkk jkm?"), when the
field's ``hedged`` takes the answer so asked (a name only as written on a KTP: "Siti Aminah
kan?" is one, "harus ktp?" is none) (``chatwords.answer_in_question``).
A message that answers no question of this step but later ones ("sebulan paling 1,5 jt" at the
citizenship question) is kept by ``ahead`` (it stores the values and returns what it noted), and
the step, or the confirmation it waits for, is asked again: not a miss. So is a confirmation
when a message with no figure answers neither it nor a later step ("bulanan" at "Rp2.000.000?").
When ``ahead`` filled
this step too (a paste its own parser cannot read whole: "Budi 5103 0615 0895 0001 0812 3456
7890" at the NIK), the next one is asked. So is the rest of a message that answers this step
and a later one ("desa sukamaju, penghasilan sebulan 2jt"): the later step is then skipped, or, for
a value that needs a yes, ``ahead`` keeps its question with ``confirm_later`` and that step
opens with it ("On average about Rp2.600.000 a month?") instead of asking blind.
A confirmation answered with a no and the answer meant ("bukan, kerobokan kaja") takes that
answer (``_instead``), if the step reads it. A message that answers neither the confirmation
nor its step but the next step that reads typed values ("2000000" at "Do you mean Dalung …?")
is kept for that step (``_kept_for_next``), and the confirmation asked again: not a miss.
A message that opens with a change of mind ("eh ga jadi, jkk jkm aja", "eh bulanan aja deh") and
that the step cannot read changes one of the two answers before it that offered choices, then
the step is asked again: not a miss. So does, without a change word, a message this step cannot
read that an earlier answered step whose words name it (``names_itself``: programs, a payment
period) reads anew ("tambah jht", "sekalian jht juga" at the payment period or after it): said
changed, then this step again. An earlier answer named and corrected ("yg tadi salah,
nomornya 0812…", "eh umurnya 43 bukan 34": `chatwords.corrected`) is read by that step's parser
before this step reads the message (`_corrected`), stored or confirmed there, then this step is
asked again; "eh nomornya salah" alone asks that step. A message this step cannot read that
amends the step just answered (``amended``: "100rb", then "sehari" at the next step) goes back
to that step with its confirmation ("On average about Rp2.600.000 a month?"); one that restates
it ("2jt", then "sebulan") asks this step again. Sent right after the finish, it amends the last
answer the same way (a text handler `install` adds while the finish's buttons are the last
shown); the mark of the finish (``FINISHED``) lasts for that one message (`Router.fleeting`), so
it never amends a later one.
A refusal to give what the step asks ("gak mau", "ga usah kasih", "rahasia":
``chatwords.refuses``), which the step cannot read, is answered with the form's ``refused`` text
(what it needs the answer for, what is kept, how to stop), then the step again: not a miss,
and nothing is changed or dropped. A form without ``refused`` takes it as any other message.
`kembali` goes to the previous field.
``done`` names the answers' key the finish sets to say it was shown (eligibility's ``checked``):
the engine drops it whenever it asks a step again (an answer changed or dropped after the
finish), so the form counts as unfinished again until its finish is shown anew.
`unfinished(turn)` finds a half-finished form for "lanjut" / "halo".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import takewhile
from typing import Any

from bot.conversation import Channel, Choice, Kind, Reply
from bot.domain.chatwords import (
    acknowledges,
    answer_in_question,
    asked_about,
    corrections,
    is_question,
    mentions,
    past_change_of_mind,
    refuses,
    sends,
    yes_no,
    yes_no_then,
)
from bot.routing import MISSES, Router, Turn

OFFER_AFTER = 2  # misses in a row before the choices are offered as numbered lines, and batal
PENDING = "_pending"
OFFERED = "_offered"  # the last Offer of the step: its question while its choices are shown
LATER = "_later"  # field name -> a confirmation kept for its step (`confirm_later`)
FINISHED = "_finished"  # turn.data: {"form": name, "choices": ids} of the finish just shown
YES = "form:yes"
NO = "form:no"
BACK = "form_back"
CALL_CENTER = "175"
NUMBERED_CHANNELS = (Channel.WEB, Channel.TERMINAL)  # choices shown as numbered lines already
BRIEF_CHARS = 240  # an answer in the middle of a form: about two lines on a phone
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(⚠])")


def brief(answer: str, limit: int = BRIEF_CHARS) -> tuple[str, bool]:
    """The start of an answer for the middle of a form, and whether anything was left out.

    The whole answer if it is short; else the first paragraph if that is short, else its first
    sentences up to ``limit`` (at least one past a bare "Ya." or "Tidak.", which alone says
    nothing of what was asked), or, for a line that opens a list ("Bayar … di:"), that line and
    its first items: the person is in the middle of a form and the step is asked again right
    after. Nothing is said to be left out of a short answer shown whole.

    >>> brief("Ya. JKK menanggung kecelakaan kerja." + chr(10) * 2 + "Detailnya panjang.", limit=40)
    ('Ya. JKK menanggung kecelakaan kerja.', True)
    >>> brief("Ya." + chr(10) * 2 + "Lewat JMO.")[1]
    False
    >>> brief("Iuran Rp16.800 sebulan. Bayar di bank.", limit=25)
    ('Iuran Rp16.800 sebulan.', True)
    >>> brief("Ya. Ahli waris mendapat JKM Rp42 juta. Syaratnya aktif.", limit=20)
    ('Ya. Ahli waris mendapat JKM Rp42 juta.', True)
    >>> brief("Singkat saja.")
    ('Singkat saja.', False)
    >>> brief("Bayar di:" + chr(10) + "- JMO" + chr(10) + "- bank", limit=15)[0].splitlines()
    ['Bayar di:', '- JMO']
    """
    text = answer.strip()
    if len(text) <= limit:
        return text, False
    first = text.split("\n\n", 1)[0].strip()
    lead, *items = first.splitlines()
    if len(first) > limit and items and lead.endswith(":"):  # "… di:" and a list: some items
        kept = lead
        for item in items:
            if kept != lead and len(kept) + 1 + len(item) > limit:
                break
            kept = f"{kept}\n{item}"
        first = kept
    elif len(first) > limit:
        kept = ""
        for sentence in _SENTENCE_END.split(first):
            if " " in kept and len(kept) + 1 + len(sentence) > limit:
                break
            kept = f"{kept} {sentence}".strip()
        first = kept
    return first, first != text


@dataclass(frozen=True)
class Accept:
    """The answer is read: store `values`, drop `drop`, then ask the next missing field."""

    values: Mapping[str, Any] = field(default_factory=dict)
    drop: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Confirm:
    """The answer is uncertain: ask `question` (yes stores `values` and says `note`)."""

    question: str
    values: Mapping[str, Any]
    choices: tuple[Choice, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Reject:
    """The answer is wrong: `reason` says why; the field is asked again with its example."""

    reason: str


@dataclass(frozen=True)
class Offer:
    """Stay on the field and offer these choices ("which one do you mean?").

    With an `example` (translated) the offer is asked again, with it, after a miss or a sticker.
    """

    text: str
    choices: tuple[Choice, ...] = ()
    example: str = ""


@dataclass(frozen=True)
class Leave:
    """The parser ended or moved the flow itself; these are the replies.

    `close`: the form is over (sent, declined, refused): the engine drops its answers.
    """

    replies: list[Reply]
    close: bool = False


Outcome = Accept | Confirm | Reject | Offer | Leave
Answers = dict[str, Any]
Prompt = Callable[[Turn, Answers], Reply]
Parser = Callable[[Turn, Answers], Outcome | None]
BriefAnswer = Callable[[Turn], str | None]
#: A step's answer read from its answers ("sudah termasuk jkm?" at the summary): None if none.
AboutAnswer = Callable[[Turn, Answers], str | None]
Ahead = Callable[[Turn, Answers], str | None]
#: Why a change typed at a step cannot be made ("ubah program" when a programme pays): None if
#: it can, or is no change.
Settled = Callable[[Turn, Answers], str | None]


TYPED = frozenset({Kind.TEXT, Kind.CHOICE})  # what a field reads unless it says more


def _always(answers: Answers) -> bool:
    return True


def _any_answer(answer: str) -> bool:
    return True


@dataclass(frozen=True)
class Field:
    """One question of a form (see the module docstring)."""

    name: str
    prompt: Prompt
    parse: Parser
    example: str = ""
    short: str = ""
    applies: Callable[[Answers], bool] = _always
    answered: Callable[[Answers], bool] | None = None
    keys: tuple[str, ...] = ()
    revisit: bool = True
    about: str | tuple[tuple[str, str | AboutAnswer], ...] = ""
    amended: Callable[[str, Any], str | None] | None = None
    decides: tuple[str, ...] = ()  # corrections (steps.toml [corrects]) of what it is read from
    explain: Callable[[Turn, Answers], str] | None = None  # why such a correction asks it
    reopens: tuple[str, ...] = ()  # dropped to ask it again after such a correction (else keys)
    hedged: Callable[[str], bool] = _any_answer  # an answer asked back ("dalung kan?") it takes
    shows_answers: bool = False  # it lists the answers to check: any named is a correction
    reads: frozenset[Kind] = TYPED  # the kinds of message `parse` reads
    as_typed: bool = False  # it stores any words as typed (a work): no photo's caption answers it
    sends: bool = False  # it reads the send words (the summary): typed before it, told so
    names_itself: bool = False  # its answer's words say which step they answer ("tambah jht")
    confirms: bool = False  # it may ask yes or no of one's data ("Live in Badung?"): see `refused`
    acts_on_questions: bool = False  # `parse` reads a question first; its None answers it

    def is_answered(self, answers: Answers) -> bool:
        return self.answered(answers) if self.answered else self.name in answers

    def drops(self) -> tuple[str, ...]:
        return self.keys or (self.name,)


_FORMS: dict[str, Form] = {}
CHANGE_REACH = 2  # how many answered steps back a change of mind may reach


def _about(turn: Turn, found: Field, answers: Answers, why: bool) -> str | None:
    """The step's own answer to a question on its subject (``Field.about``), else None.

    Asked `why` ("kenapa tanya desa?"), it is the reason alone: an answer that opens with a
    yes ("Ya. Desa …", for "desa harus ditulis?") answers no why.
    """
    subjects = ((found.name, found.about),) if isinstance(found.about, str) else found.about
    for words, answer in subjects:
        if not (answer and mentions(turn.text or "", f"about.{words}")):
            continue
        said = turn._(answer) if isinstance(answer, str) else answer(turn, answers)
        if said:
            return without_yes(said, turn._("Yes")) if why else said
    return None


def without_yes(answer: str, yes: str) -> str:
    """`answer` without an opening "Yes." sentence (`yes` is "Yes" in the answer's language)."""
    opening = f"{yes}. "
    if not answer.startswith(opening):
        return answer
    rest = answer[len(opening) :]
    return rest[:1].upper() + rest[1:]


class Form:
    """A flow's fields and the engine that asks them (see the module docstring)."""

    def __init__(
        self,
        name: str,
        fields: Sequence[Field],
        *,
        brief_answer: BriefAnswer | None = None,
        finish: Callable[[Turn], list[Reply]] | None = None,
        started: Callable[[Answers], bool] | None = None,
        ahead: Ahead | None = None,
        settled: Settled | None = None,
        refused: str = "",
        done: str = "",
    ) -> None:
        self.name = name
        self.fields = {f.name: f for f in fields}
        self.brief_answer = brief_answer
        self.finish = finish
        self.started = started or (lambda a: any(not k.startswith("_") for k in a))
        self.ahead = ahead
        self.settled = settled
        self.refused = refused  # msgid: a refusal to answer a step, answered (module docstring)
        self.done = done
        _FORMS[name] = self

    # ------------------------------------------------------------------ names and answers

    def state(self, field_name: str) -> str:
        """The state constant of a field: "registration.name"."""
        if field_name not in self.fields:
            raise KeyError(field_name)
        return f"{self.name}.{field_name}"

    def answers(self, turn: Turn) -> Answers:
        """The answers so far, `turn.data[<form name>]` (made empty if missing)."""
        found: Answers = turn.data.setdefault(self.name, {})
        return found

    def field_at(self, state: str) -> Field | None:
        prefix, _, name = state.partition(".")
        return self.fields.get(name) if prefix == self.name else None

    def _open(self, answers: Answers) -> Iterator[Field]:
        return (f for f in self.fields.values() if f.applies(answers))

    def missing(self, answers: Answers) -> Field | None:
        """The first field that applies and is not answered yet."""
        return next((f for f in self._open(answers) if not f.is_answered(answers)), None)

    def install(self, router: Router) -> None:
        """Register every field's state with `router` (this engine answers them all)."""
        for name in self.fields:
            router.step(self.state(name), prompt=self.reask)(self.handle)
        if self.finish is not None and any(f.amended for f in self.fields.values()):
            router.text(self.amend_after_finish)

    # ------------------------------------------------------------------ asking

    def ask(self, turn: Turn, *before: Reply) -> list[Reply]:
        """Ask the first missing field (or `finish`), after the replies `before`."""
        answers = self.answers(turn)
        answers.pop(MISSES, None)
        answers.pop(PENDING, None)
        answers.pop(OFFERED, None)
        found = self.missing(answers)
        if found is None:
            answers.pop(LATER, None)
            if self.finish is None:
                raise RuntimeError(f"form {self.name} has no field left and no finish")
            finished = self.finish(turn)
            shown = next((r.choices for r in reversed(finished) if r.choices), ())
            turn.data[FINISHED] = {"form": self.name, "choices": [c.id for c in shown]}
            return [*before, *finished]
        self._at(turn, found)
        if kept := (answers.get(LATER) or {}).pop(found.name, None):
            answers[PENDING] = kept  # typed before its step: confirmed now, not asked blind
            return [*before, _confirmation(turn, kept)]
        return [*before, self._shown(turn, found.prompt(turn, answers))]

    def _at(self, turn: Turn, found: Field) -> None:
        """Wait at `found`'s step: the finish shown before no longer holds (``done`` dropped)."""
        turn.state = self.state(found.name)
        turn.data["_back"] = BACK
        if self.done:
            self.answers(turn).pop(self.done, None)

    def reask(self, turn: Turn) -> list[Reply]:
        """The current question again, briefly (after an interruption such as a sticker).

        After a message of a kind the step does not read (a photo, a sticker, a location), with
        its example, as after a miss: the person is shown what to type instead.
        """
        found = self.field_at(turn.state)
        if found is None or self.missing(self.answers(turn)) is not found:
            return self.ask(turn)
        asked = self._question(turn, found, brief=True)
        example = self._example(turn, found)
        if turn.incoming.kind not in found.reads and example and example not in asked.text:
            asked = replace(asked, text=f"{asked.text}\n{example}")
        return [self._shown(turn, asked)]

    def _question(self, turn: Turn, found: Field, *, brief: bool) -> Reply:
        answers = self.answers(turn)
        pending = answers.get(PENDING)
        if pending and pending.get("field") == found.name:
            return _confirmation(turn, pending)
        if offered := self._offered(turn, found):  # "Which data?": asked again, not the summary
            choices = tuple(Choice(id_, label) for id_, label in offered["choices"])
            return Reply(offered["text"], choices)
        asked = found.prompt(turn, answers)
        if brief and found.short:
            return Reply(turn._(found.short), asked.choices, asked.request_phone)
        return asked

    def _offered(self, turn: Turn, found: Field) -> dict[str, Any] | None:
        """The step's last Offer, while its choices are the last shown (`Offer`), else None."""
        offered = self.answers(turn).get(OFFERED)
        if not offered or offered["field"] != found.name:
            return None
        shown = [[choice.id, choice.label] for choice in turn.offered]
        return offered if offered["choices"] == shown else None

    def _example(self, turn: Turn, found: Field) -> str:
        """The example added to a question asked again: the current offer's, else the field's."""
        if offered := self._offered(turn, found):
            return str(offered["example"])
        return turn._(found.example) if found.example else ""

    @staticmethod
    def _shown(turn: Turn, reply: Reply) -> Reply:
        """Forget the previous buttons when this question has none, so "2" is no old choice."""
        if not reply.choices:
            turn.data.pop("_choices", None)
        return reply

    # ------------------------------------------------------------------ answering

    def handle(self, turn: Turn) -> list[Reply] | None:
        """Read the message sent at one of this form's steps.

        None for a kind of message the step does not read (``Field.reads``): the router
        answers it as at the menu ("I do not need your location"), then asks the step again.
        """
        answers = self.answers(turn)
        found = self.field_at(turn.state)
        # A state whose field is not the first one missing (answered meanwhile, or earlier
        # answers lost) asks the one that is: a field may read the answers before it.
        if found is None or self.missing(answers) is not found:
            return self.ask(turn)
        if turn.incoming.kind not in found.reads:
            return None
        if turn.incoming.media and found.as_typed:  # "ini ktp sy" says what the picture is
            return None
        text = turn.text if turn.incoming.kind is Kind.TEXT else ""
        question = bool(text) and turn.choice is None and is_question(text)
        question = question and yes_no(text) is None
        if question and not any(ch.isdigit() for ch in text):
            if turn.choice is None and (outcome := self._asked_back(turn, found, answers)):
                return self._taken(turn, found, answers, outcome)
            if found.acts_on_questions and (outcome := found.parse(turn, answers)):
                return self._taken(turn, found, answers, outcome)  # "udah blm?" once she agreed
            return self._answer_question(turn, found)
        back = self._back_from_summary(found, answers)
        if (  # "sudah benar, kirim" at a yes-or-no step asked again from the summary: a yes
            back
            and turn.choice is None
            and sends(text)
            and not answers.get(PENDING)
            and isinstance(outcome := _parse_as(turn, found, answers, "ya"), Accept)
        ):
            return self._accept(turn, outcome)
        if turn.choice is None and self._sent_early(found, text):
            answers.pop(MISSES, None)
            early = turn._("Not yet: a few questions come first, then the data is shown to send.")
            return [Reply(early), self._shown(turn, self._question(turn, found, brief=True))]
        if turn.choice is None and (corrected := self._corrected(turn, found, answers)):
            return corrected
        if (refused := self._settled(turn, found, answers)) is not None:
            answers.pop(MISSES, None)  # understood: said why, and this step asked again
            return [Reply(refused), self._shown(turn, self._question(turn, found, brief=True))]
        pending = answers.get(PENDING)
        if self._refuses_confirming(turn, found, answers):  # "gak mau" at "Benar?": no "no"
            return self._refusal(turn, found, answers)
        if pending and pending.get("field") == found.name:
            said = {YES: True, NO: False}.get(turn.choice or "")
            if said is None and turn.choice is None:
                said = yes_no(text, send=back)
            if said is True:
                return self._accept(turn, Accept(pending["values"], note=pending.get("note", "")))
            answers.pop(PENDING, None)
            if said is False:
                return [self._shown(turn, found.prompt(turn, answers))]
            if turn.choice is None and (outcome := self._instead(turn, found, answers)):
                return self._taken(turn, found, answers, outcome)
        outcome = found.parse(turn, answers)
        if turn.choice is None and not isinstance(outcome, (Accept, Leave)):
            outcome = _retyped(turn, found, answers) or outcome
        if isinstance(outcome, Accept):
            return self._accept(turn, outcome)
        if isinstance(outcome, Confirm):
            answers.pop(MISSES, None)
            answers[PENDING] = _pending(found.name, outcome)
            asked = _confirmation(turn, answers[PENDING])
            return [*self._kept_ahead(turn, answers), asked]
        if isinstance(outcome, Offer):  # understood ("which one?"): no miss in a row
            answers.pop(MISSES, None)
            if outcome.choices and outcome.example:  # a question of its own (`Offer`)
                answers[OFFERED] = {
                    "field": found.name,
                    "text": outcome.text,
                    "example": outcome.example,
                    "choices": [[choice.id, choice.label] for choice in outcome.choices],
                }
            offered = self._shown(turn, Reply(outcome.text, outcome.choices))
            return [*self._kept_ahead(turn, answers), offered]
        if isinstance(outcome, Leave):
            return self._leave(turn, outcome)
        if question:  # "iuran 16 ribu ya?" at the income: a question after all
            return self._answer_question(turn, found)
        if kept := self._kept_ahead(turn, answers):
            answers.pop(MISSES, None)
            if self.missing(answers) is not found:  # it answered this step too ("nik … hp …")
                return self.ask(turn, *kept)
            if pending and pending.get("field") == found.name:
                answers[PENDING] = pending  # only later steps answered: the yes still waits
            return [*kept, self._shown(turn, self._question(turn, found, brief=True))]
        if (
            pending
            and pending.get("field") == found.name
            and (kept := self._kept_for_next(turn, found, answers, pending))
        ):  # "2000000" at "Do you mean Dalung …?": the next step's answer; the yes still waits
            answers[PENDING] = pending
            answers.pop(MISSES, None)
            return [*kept, self._shown(turn, self._question(turn, found, brief=True))]
        if pending and pending.get("field") == found.name and not any(c.isdigit() for c in text):
            # "jkk jkm" at "About Rp2.000.000?": meant for a later step; the yes still waits
            answers[PENDING] = pending
            answers.pop(MISSES, None)
            return [self._shown(turn, self._question(turn, found, brief=True))]
        named = self._named_earlier(turn, found, answers)
        if named is not None:  # "sekalian jht juga" with JHT chosen: the answer stands
            answers.pop(MISSES, None)
            if not named:
                stands = Reply(turn._("Yes, that is the answer I used above."))
                return [stands, self._shown(turn, self._question(turn, found, brief=True))]
        if named or self._changed_earlier(turn, found, answers):
            answers.pop(MISSES, None)
            return self.ask(turn, Reply(turn._("I changed your earlier answer.")))
        if self.refused and turn.choice is None and refuses(text):  # "gak mau", "ga usah kasih"
            return self._refusal(turn, found, answers)
        if turn.choice is None and self._restates(turn, found, answers):
            # Sent at once with the last answer: "bener" twice, "ojol" then "ojek online"
            answers.pop(MISSES, None)
            return [self._shown(turn, self._question(turn, found, brief=True))]
        if turn.choice is None and (corrected := self._corrects(turn, found, answers)):
            return corrected
        if turn.choice is None and acknowledges(text):  # "👍", "🙏" at a NIK: no answer, no miss
            answers.pop(MISSES, None)
            return [self._shown(turn, self._question(turn, found, brief=True))]
        return self._missed(turn, found, outcome.reason if outcome else "")

    def _refusal(self, turn: Turn, found: Field, answers: Answers) -> list[Reply]:
        """A refusal to answer the step: what the answer is needed for, then the step again."""
        answers.pop(MISSES, None)  # understood, though not answered: no miss
        return [
            Reply(turn._(self.refused)),
            self._shown(turn, self._question(turn, found, brief=True)),
        ]

    def _refuses_confirming(self, turn: Turn, found: Field, answers: Answers) -> bool:
        """A refusal to give data ("gak mau", "ga usah kasih") at a yes-or-no question of it.

        At a confirmation ("Benar?") or a step that asks one (``Field.confirms``) it would read
        as a no and ask the data again: it is answered as a refusal at any step is (`refused`),
        and the question stands. A bare no ("ga", "bukan", "salah") stays a no.
        """
        if not self.refused or turn.choice is not None or turn.incoming.kind is not Kind.TEXT:
            return False
        pending = answers.get(PENDING)
        asks = found.confirms or bool(pending and pending.get("field") == found.name)
        return asks and refuses(turn.text, bare_no=False)

    def _back_from_summary(self, found: Field, answers: Answers) -> bool:
        """Whether `found` is asked again from the summary, every other step answered.

        "eh salah, umur sy 45" at the summary reads the NIK back: only the send is left.
        """
        if found.sends or not any(f.sends for f in self.fields.values()):
            return False
        steps = [f for f in self._open(answers) if not f.sends]
        later = steps[steps.index(found) + 1 :] if found in steps else []
        # a later step answered: asked again, not the last one asked for the first time
        return bool(later) and all(f.is_answered(answers) for f in steps if f is not found)

    def _sent_early(self, found: Field, text: str) -> bool:
        """Whether a send ("udh kirim aja") is typed at a step before the one that reads it."""
        later = any(f.sends for f in self.fields.values()) and not found.sends
        return later and bool(text) and sends(text)

    @staticmethod
    def _asked_back(turn: Turn, found: Field, answers: Answers) -> Outcome | None:
        """This step's answer typed as a question, when the step reads it; else None.

        "desa? dalung" echoes the step then answers; "dalung kan?", "jkk jkm?" and "ga?" ask to
        be sure of a short answer (never at a step that stores any words as typed): taken as
        answers, not answered as questions (chatwords.answer_in_question). An echoed step's
        answer the step cannot take is still its answer: its choices or its reason are shown
        ("desa? dalung" where no Dalung is in the regency was answered as a question). A step
        the answer ends ("udah, kirim?" at the summary: the lead is written) has acted, so its
        replies stand, but for a bare no ("ga?" at the consent asks what a no would do).
        """
        found_answer = answer_in_question(turn.text)
        if found_answer is None or not (found_answer[1] or found.hedged(found_answer[0])):
            return None
        answer, echoed = found_answer
        state = turn.state
        outcome = _parse_as(turn, found, answers, answer)
        if isinstance(outcome, Leave) and not echoed and yes_no(answer) is False:
            turn.state = state
            return None  # "ga?" at the consent asks what a no would do: answered
        if (
            isinstance(outcome, (Accept, Confirm, Leave))
            or echoed
            and isinstance(outcome, (Offer, Reject))
        ):
            return outcome
        return None

    @staticmethod
    def _instead(turn: Turn, found: Field, answers: Answers) -> Outcome | None:
        """The answer meant, after a no to the confirmation asked ("bukan, kerobokan kaja").

        Only an answer the step takes or asks to confirm; else None, and the whole message is
        read as usual.
        """
        opened = yes_no_then(turn.text)
        if opened is None or opened[0]:
            return None
        outcome = _parse_as(turn, found, answers, opened[1])
        return outcome if isinstance(outcome, (Accept, Confirm)) else None

    def _taken(self, turn: Turn, found: Field, answers: Answers, outcome: Outcome) -> list[Reply]:
        """An answer read from another message than the one typed (`_asked_back`)."""
        if isinstance(outcome, Confirm):
            answers.pop(MISSES, None)
            answers[PENDING] = _pending(found.name, outcome)
            return [_confirmation(turn, answers[PENDING])]
        if isinstance(outcome, Offer):
            answers.pop(MISSES, None)
            return [self._shown(turn, Reply(outcome.text, outcome.choices))]
        if isinstance(outcome, Reject):
            return self._missed(turn, found, outcome.reason)
        if isinstance(outcome, Leave):
            return self._leave(turn, outcome)
        assert isinstance(outcome, Accept)
        return self._accept(turn, outcome)

    def _leave(self, turn: Turn, outcome: Leave) -> list[Reply]:
        """The step ended or moved the flow: its replies; a closed form's answers dropped."""
        if outcome.close:
            turn.data.pop(self.name, None)
        return outcome.replies

    def _changed_earlier(self, turn: Turn, found: Field, answers: Answers) -> bool:
        """A change of mind typed at the next step ("eh ga jadi, jkk jkm aja"): stored.

        Only a message that opens with a change of mind (chatwords/steps.toml `change_mind`)
        and that this step cannot read; the rest must be an answer to one of the
        `CHANGE_REACH` steps just answered that offer choices, nearest first.
        """
        if turn.incoming.kind is not Kind.TEXT or turn.choice is not None:
            return False
        rest = past_change_of_mind(turn.text)
        if not rest:
            return False
        said = replace(turn, incoming=replace(turn.incoming, text=rest))
        earlier = list(takewhile(lambda f: f is not found, self._open(answers)))
        for step in reversed([f for f in earlier if f.is_answered(answers)][-CHANGE_REACH:]):
            if not step.prompt(turn, answers).choices:
                continue  # a name or a number: "eh, nik saya lupa" renames no one
            outcome = step.parse(said, answers)
            if isinstance(outcome, Accept):
                for key in outcome.drop:
                    answers.pop(key, None)
                answers.update(outcome.values)
                return True
        return False

    def _named_earlier(self, turn: Turn, found: Field, answers: Answers) -> bool | None:
        """An earlier step's answer its own words name, typed at a later step: stored (True).

        "tambah jht" or "sekalian jht juga" at the payment period: the programs step
        (``names_itself``) reads it anew, nearest first; an answer it takes that differs from
        the one stored is stored, one that is the same stands (False). No change word is needed:
        those words answer no other step. None: no such step reads it.
        """
        if turn.incoming.kind is not Kind.TEXT or turn.choice is not None or found.shows_answers:
            return None
        same = None
        earlier = list(takewhile(lambda f: f is not found, self._open(answers)))
        for step in reversed([f for f in earlier if f.names_itself and f.is_answered(answers)]):
            before = {k: v for k, v in answers.items() if k not in step.drops()}
            outcome = step.parse(replace(turn), before)
            if not isinstance(outcome, Accept):
                continue
            if _restated(outcome, answers, step):
                same = False
                continue
            for key in (*step.drops(), *outcome.drop):
                answers.pop(key, None)
            answers.update(outcome.values)
            return True
        return same

    def _corrected(self, turn: Turn, found: Field, answers: Answers) -> list[Reply]:
        """An earlier answer corrected by its name (``chatwords.corrected``), else nothing.

        Read before this step's own parser, which would take "eh umurnya 43 bukan 34" as a no
        to the citizenship, or "yg tadi salah, nomornya …" as a work. The answer named must be
        one given before this step; its own parser reads the new one, which counts only when it
        reads it (and it differs); with none typed ("eh nomornya salah"), that step is asked, and
        with one it rejects ("eh nik nya salah 1234"), asked with its reason: the step named is
        the one wrong, whatever this step would make of the rest. A name no step has but one
        decides (``Field.decides``: the age, read from the NIK) is `_decided`.
        """
        if turn.incoming.kind is not Kind.TEXT:
            return []
        said = corrections(turn.text, invited=found.shows_answers)
        earlier = list(takewhile(lambda f: f is not found, self._open(answers)))
        trial = dict(answers)  # all the corrections before the last are stored, or none
        if not said or not all(self._took(turn, trial, earlier, *one) for one in said[:-1]):
            return []
        answers.update(trial)
        for key in answers.keys() - trial.keys():
            answers.pop(key)
        if len(said) > 1:  # those stored stand, whatever becomes of the last
            noted = Reply(turn._("I changed your earlier answer."))
            return self._corrected_one(turn, found, answers, said[-1]) or self.ask(turn, noted)
        return self._corrected_one(turn, found, answers, said[-1])

    def _corrected_one(
        self, turn: Turn, found: Field, answers: Answers, said: tuple[str, str]
    ) -> list[Reply]:
        """One earlier answer corrected by its name (`_corrected`), else nothing."""
        earlier = list(takewhile(lambda f: f is not found, self._open(answers)))
        name, typed = said
        if name not in self.fields and (
            deciding := next((f for f in self._open(answers) if name in f.decides), None)
        ):
            return self._decided(turn, found, deciding, earlier)
        step = self.fields.get(name)
        if step is None or step not in earlier or not step.is_answered(answers):
            return []
        if not typed:
            for key in step.drops():
                answers.pop(key, None)
            return self.ask(turn)
        before = {k: v for k, v in answers.items() if k not in step.drops()}
        outcome = step.parse(replace(turn, incoming=replace(turn.incoming, text=typed)), before)
        if isinstance(outcome, Reject) or (
            isinstance(outcome, Accept | Confirm) and not _restated(outcome, answers, step)
        ):  # a new answer its step rejects ("nomornya salah 0812"): asked there, with why
            answers.pop(MISSES, None)
            return self._amend(turn, step, outcome)
        if isinstance(outcome, Offer):  # "which one?" (a desa with namesakes): at its step
            for key in step.drops():
                answers.pop(key, None)
            self._at(turn, step)
            return [self._shown(turn, Reply(outcome.text, outcome.choices))]
        return []

    def _took(
        self, turn: Turn, answers: Answers, earlier: list[Field], name: str, typed: str
    ) -> bool:
        """Store one of several corrections in a message ("namanya …, hp nya …").

        Into `answers` if its step takes it whole; else False.
        """
        step = self.fields.get(name)
        if step is None or step not in earlier or not typed:
            return False
        before = {k: v for k, v in answers.items() if k not in step.drops()}
        outcome = step.parse(replace(turn, incoming=replace(turn.incoming, text=typed)), before)
        if not isinstance(outcome, Accept):
            return False
        for key in (*step.drops(), *outcome.drop):
            answers.pop(key, None)
        answers.update(outcome.values)
        return True

    def _decided(self, turn: Turn, found: Field, step: Field, earlier: list[Field]) -> list[Reply]:
        """A correction of what `step`'s answer decides ("eh umur saya salah": the NIK's).

        Said why (``Field.explain``), then `step` is asked again when answered before this
        step, by dropping its ``reopens`` (the NIK's check, not the NIK: "is it right?" before
        all 16 digits again); when asked now, its whole answer is dropped ("tgl lahirnya salah"
        at "Benar?" is a no). Else this step is asked, briefly: it has no answer to change.
        """
        answers = self.answers(turn)
        answers.pop(MISSES, None)
        why = Reply(step.explain(turn, answers)) if step.explain else None
        said = [why] if why else []
        if step is found or (step in earlier and step.is_answered(answers)):
            for key in step.drops() if step is found else step.reopens or step.drops():
                answers.pop(key, None)
            return self.ask(turn, *said)
        return [*said, self._shown(turn, self._question(turn, found, brief=True))]

    def _restates(self, turn: Turn, found: Field, answers: Answers) -> bool:
        """Whether the message gives the step just answered the same answer again.

        Two messages sent at once ("ojol", "ojek online"): the second reaches the next step.
        """
        if turn.incoming.kind is not Kind.TEXT:
            return False
        earlier = takewhile(lambda f: f is not found, self._open(answers))
        answered = [f for f in earlier if f.is_answered(answers)]
        if not answered:
            return False
        outcome = answered[-1].parse(replace(turn), dict(answers))  # its parser may move the chat
        return outcome is not None and _restated(outcome, answers, answered[-1])

    def _corrects(self, turn: Turn, found: Field, answers: Answers) -> list[Reply]:
        """The step just answered, amended by this message (``amended``), else nothing.

        Sent at once with it: "100rb" then "sehari" reaches the next step.
        """
        earlier = takewhile(lambda f: f is not found, self._open(answers))
        answered = [f for f in earlier if f.is_answered(answers)]
        if not answered or (outcome := self._amended(turn, answered[-1], answers)) is None:
            return []
        if _restated(outcome, answers, answered[-1]):
            answers.pop(MISSES, None)
            return [self._shown(turn, self._question(turn, found, brief=True))]
        return self._amend(turn, answered[-1], outcome)

    def amend_after_finish(self, turn: Turn) -> list[Reply] | None:
        """A message right after the finish that amends the last answer ("2jt", "sebulan").

        Only the message right after it (the mark is `fleeting`), while the finish's buttons are
        the last ones shown; a restated answer is said to stand (the next message may still
        amend it), a changed one is read by its step (a yes first when it needs one).
        """
        finished = turn.data.get(FINISHED) or {}
        answers = turn.data.get(self.name)
        shown = [c.id for c in turn.offered]
        if finished.get("form") != self.name or not isinstance(answers, dict):
            return None
        if form_of(turn.state) is not None or finished.get("choices") != shown:
            return None
        answered = [f for f in self._open(answers) if f.is_answered(answers)]
        if not answered or (outcome := self._amended(turn, answered[-1], answers)) is None:
            return None
        if _restated(outcome, answers, answered[-1]):
            turn.data[FINISHED] = dict(finished)  # its buttons shown again: still right after it
            said = turn._("Yes, that is the answer I used above.")
            return [Reply(said, tuple(turn.offered))]
        turn.data.pop(FINISHED, None)
        return self._amend(turn, answered[-1], outcome)

    @staticmethod
    def _amended(turn: Turn, step: Field, answers: Answers) -> Accept | Confirm | Reject | None:
        """The step's answer read again with this message, when the message amends it."""
        if step.amended is None or turn.incoming.kind is not Kind.TEXT or turn.choice is not None:
            return None
        whole = step.amended(turn.text, answers.get(step.drops()[0]))
        if whole is None:
            return None
        before = {k: v for k, v in answers.items() if k not in step.drops()}
        outcome = step.parse(replace(turn, incoming=replace(turn.incoming, text=whole)), before)
        return outcome if isinstance(outcome, Accept | Confirm | Reject) else None

    def _amend(self, turn: Turn, step: Field, outcome: Accept | Confirm | Reject) -> list[Reply]:
        """Back to `step` with its amended answer: stored, asked to confirm, or asked again."""
        answers = self.answers(turn)
        for key in step.drops():
            answers.pop(key, None)
        if isinstance(outcome, Accept):
            return self._accept(turn, outcome, turn._("I changed your earlier answer."))
        if isinstance(outcome, Reject):  # "5jt", then "sehari": too much for a month
            return self.ask(turn, Reply(outcome.reason))
        answers.pop(MISSES, None)
        answers[PENDING] = _pending(step.name, outcome)
        self._at(turn, step)
        return [_confirmation(turn, answers[PENDING])]

    def _accept(self, turn: Turn, outcome: Accept, *said: str) -> list[Reply]:
        """Store the answer; keep what the same message says for later steps (`ahead`)."""
        answers = self.answers(turn)
        for key in outcome.drop:
            answers.pop(key, None)
        answers.update(outcome.values)
        noted = [Reply(text) for text in (*said, outcome.note) if text]
        return self.ask(turn, *noted, *self._kept_ahead(turn, answers))

    def _settled(self, turn: Turn, found: Field, answers: Answers) -> str | None:
        """Why a change typed at a step cannot be made (``settled``), else None.

        Not at a step that lists the answers (the summary), which offers what may change.
        """
        typed = turn.incoming.kind is Kind.TEXT and turn.choice is None
        if self.settled is None or not typed or found.shows_answers:
            return None
        return self.settled(turn, answers)

    def _kept_ahead(self, turn: Turn, answers: Answers) -> list[Reply]:
        """What a typed message answered of later steps besides this one, kept (`ahead`)."""
        if self.ahead is None or turn.incoming.kind is not Kind.TEXT or turn.choice is not None:
            return []
        note = self.ahead(turn, answers)
        return [Reply(note)] if note else []

    def _kept_for_next(
        self, turn: Turn, found: Field, answers: Answers, pending: Mapping[str, Any]
    ) -> list[Reply]:
        """An answer to the step after a confirmation, typed while it waits, kept for that step.

        One who answers on ("2000000" at "Do you mean Dalung …?") expects the next question
        answered, not the value lost: the next step that reads a typed value (not one that
        stores any words as typed, the work: it cannot tell its answer from chatter) reads the
        message as if typed there, with the confirmation taken as a yes. A sure value is stored,
        one that needs a yes opens its step (`confirm_later`); the confirmation is asked again.
        """
        if turn.incoming.kind is not Kind.TEXT or turn.choice is not None:
            return []
        assumed = {**answers, **pending["values"]}
        steps = list(self._open(assumed))
        after = steps[steps.index(found) + 1 :] if found in steps else []
        step = next((f for f in after if not (f.is_answered(assumed) or f.as_typed)), None)
        if step is None or step.sends:
            return []
        outcome = step.parse(turn, dict(assumed))
        if isinstance(outcome, Confirm):
            confirm_later(answers, step.name, outcome)
        elif isinstance(outcome, Accept):
            for key in outcome.drop:
                answers.pop(key, None)
            answers.update(outcome.values)
        else:
            return []
        kept = turn._('Noted for a later question: "{typed}". First, please answer this one:')
        return [Reply(kept.format(typed=turn.text[:60]))]

    def _missed(self, turn: Turn, found: Field, reason: str) -> list[Reply]:
        """Re-ask with the example; at the second miss in a row, numbered choices and batal.

        Offered, they are not offered again at once: the count starts again after them, so the
        next miss is a plain re-ask and the one after it offers them again.
        """
        answers = self.answers(turn)
        misses = int(answers.get(MISSES, 0)) + 1
        answers[MISSES] = misses
        asked = self._question(turn, found, brief=True)
        lines = [reason or turn._("Sorry, I did not catch that.")]
        lines.append(asked.text)
        if (example := self._example(turn, found)) and example not in asked.text:
            lines.append(example)
        if misses % OFFER_AFTER == 0:
            if asked.choices:
                lines.append(turn._("Type the number of your choice:"))
                if turn.incoming.channel not in NUMBERED_CHANNELS:  # those number them anyway
                    lines += [f"{i}. {c.label}" for i, c in enumerate(asked.choices, 1)]
            lines.append(turn._("Type batal to stop, or menu for the main menu."))
        return [self._shown(turn, Reply("\n".join(lines), asked.choices, asked.request_phone))]

    def _answer_question(self, turn: Turn, found: Field) -> list[Reply]:
        """A question typed at a step: a brief answer, then the step again (not a miss).

        A message that says what it asks is that question: "lupa, tadi sy mau tanya jkm dulu"
        at the NIK asks about JKM, not where a forgotten NIK is printed.
        """
        asked = turn
        if text := asked_about(turn.text):
            asked = replace(turn, incoming=replace(turn.incoming, text=text), choice=None)
        own = _about(asked, found, self.answers(turn), mentions(turn.text, "asks_why"))
        full = own or (self.brief_answer(asked) if self.brief_answer else None)
        if full:
            answer, cut = brief(full)
            if cut:
                answer += "\n\n" + turn._(
                    "(In short. For the whole answer, type your question again after this form.)"
                )
        else:
            answer = turn._(
                "I will gladly answer that after this form: type your question again then, "
                "or call the BPJS Ketenagakerjaan call center on {phone}."
            ).format(phone=CALL_CENTER)
        return [Reply(answer), self._shown(turn, self._question(turn, found, brief=True))]

    # ------------------------------------------------------------------ kembali

    def back(self, turn: Turn) -> list[Reply]:
        """`kembali`: drop the answer of the field before the current one and ask it again."""
        answers = self.answers(turn)
        current = self.field_at(turn.state)
        previous = None
        for candidate in self._open(answers):
            if candidate is current:
                break
            if candidate.is_answered(answers):
                previous = candidate
        if previous is not None and previous.revisit:
            for key in previous.drops():
                answers.pop(key, None)
        return self.ask(turn)


def _retyped(turn: Turn, found: Field, answers: Answers) -> Accept | None:
    """This step's answer typed after a change of mind, when the step takes the rest whole.

    "maksudnya dalung" after a desa misspelt, "eh salah, 0812…"; else None.
    """
    rest = past_change_of_mind(turn.text)
    if not rest:
        return None
    outcome = _parse_as(turn, found, answers, rest)
    return outcome if isinstance(outcome, Accept) else None


def _parse_as(turn: Turn, found: Field, answers: Answers, text: str) -> Outcome | None:
    """`found`'s reading of `text` as if typed alone; where the parser moved the chat stands."""
    said = replace(turn, incoming=replace(turn.incoming, text=text))
    outcome = found.parse(said, answers)
    turn.state = said.state  # "udah, kirim?": the lead is written and the chat is back at rest
    return outcome


def _restated(outcome: Outcome, answers: Answers, step: Field) -> bool:
    """Whether `step`'s answer read again is the one already given ("2jt", then "sebulan").

    The value under the field's own name decides when the answer has one: "ojol", then "ojek
    online" is the same work in other words.
    """
    values = outcome.values if isinstance(outcome, Accept) else {}
    if step.name in values:
        values = {step.name: values[step.name]}
    return bool(values) and all(answers.get(k) == v for k, v in values.items())


def _pending(field_name: str, outcome: Confirm) -> dict[str, Any]:
    """A confirmation as the answers keep it until the yes or no."""
    return {
        "field": field_name,
        "question": outcome.question,
        "values": dict(outcome.values),
        "choices": [[c.id, c.label] for c in outcome.choices],
        "note": outcome.note,
    }


def confirm_later(answers: Answers, field_name: str, outcome: Confirm) -> None:
    """For `ahead`: a value typed before its step that needs a yes; the step opens with it."""
    answers.setdefault(LATER, {})[field_name] = _pending(field_name, outcome)


def _confirmation(turn: Turn, pending: Mapping[str, Any]) -> Reply:
    """A kept confirmation asked: its question with Yes, its alternatives and No.

    The alternatives ("Tanjung Benoa" beside "Maksud Anda Benoa?") are numbered in the text
    too, as the choices' numbers, so one who types sees them and answers "2" or the name: a
    button may be cut short (WhatsApp's 20 characters) or never looked at. Channels that show
    every choice as a numbered line already (NUMBERED_CHANNELS) get the question alone.
    """
    extra = tuple(Choice(id_, label) for id_, label in pending.get("choices", []))
    choices = (Choice(YES, turn._("Yes")), *extra, Choice(NO, turn._("No")))
    lines = [pending["question"]]
    if extra and turn.incoming.channel not in NUMBERED_CHANNELS:
        lines.append(turn._("Type the number of your choice, or type the name:"))
        lines += [f"{i}. {c.label}" for i, c in enumerate(choices, 1)]
    return Reply("\n".join(lines), choices)


def form_of(state: str) -> Form | None:
    """The form whose step `state` is, if any."""
    return _FORMS.get(state.partition(".")[0]) if "." in state else None


def then_reasked(turn: Turn, reply: Reply) -> list[Reply] | None:
    """`reply`, then the question of the form step the chat waits at; None at no such step.

    A command typed in the middle of a form ("makasih", "bahasa indonesia", "lihat data saya")
    is answered and the form goes on where it was.
    """
    form = form_of(turn.state)
    if form is None or not form.field_at(turn.state):
        return None
    return [reply, *form.reask(turn)]


def unfinished(turn: Turn) -> Form | None:
    """The form this chat is in, or else one it left half-finished (for "lanjut", "halo")."""
    if (current := form_of(turn.state)) is not None and current.field_at(turn.state):
        return current
    for form in _FORMS.values():
        answers = turn.data.get(form.name)
        if isinstance(answers, dict) and answers and form.started(answers):
            return form
    return None


router = Router()
router.fleeting.add(FINISHED)  # only the message right after the finish may amend its answer


@router.action(BACK)
def go_back(turn: Turn) -> list[Reply]:
    """`kembali` inside a form: the previous field (a form's question sets `_back` to this)."""
    form = form_of(turn.state)
    if form is None or form.field_at(turn.state) is None:
        turn.data.pop("_back", None)
        return [Reply(turn._("Type menu for the main menu."), (Choice("menu", turn._("Menu")),))]
    return form.back(turn)
