"""Free-text questions: answered from the knowledge articles, from any point of any flow.

The matcher decides (bot/domain/faq/): answer (offering close runners-up as "Atau
maksud Anda: …" buttons), redirect an out-of-scope question politely, or admit we do not
know — and keep that question, masked, so the team can add an answer
(`python -m bot faq unanswered`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from bot.conversation import Choice, Reply
from bot.domain import facts as F
from bot.domain.chatwords import (
    asks_to_register,
    asks_what,
    command,
    figure_alone,
    parse_age,
    period_alone,
)
from bot.domain.conditions import PREFIX
from bot.domain.faq import Decision, Match, programmes_named
from bot.domain.intent import (
    about_others,
    answered_by_check,
    answers_for_helper,
    asks_own_cost,
    asks_to_join,
    asks_to_join_as,
    may_join_here,
    own_work,
    owner_asks_to_join,
    states_own_facts,
    wants_eligibility_check,
)
from bot.domain.occupations import Occupation, occupations
from bot.domain.wordtables import read_words
from bot.forms import without_yes
from bot.i18n import N_
from bot.knowledge import Entry, load_index, load_knowledge
from bot.routing import IDLE, Router, Turn, action_argument
from bot.storage.unanswered import record_unanswered
from handlers import handover, status

router = Router()

MAX_QUESTION = 500  # characters matched; a longer message is matched on its start
CALL_CENTER = "175"
_CAPITALS = read_words("textnorm/written_capitals.txt")  # "jht" quoted back as "JHT"
_TITLES = read_words("textnorm/written_titles.txt")  # "indomaret" quoted back as "Indomaret"
#: Entries answered from the chat's own records when it has them ("kapan saya dihubungi?"
#: after registering here gets that registration's status); the article answers otherwise.
OWN_ANSWERS: dict[str, Callable[[Turn], list[Reply] | None]] = {
    "daftar.my_status": status.own_status,
}


KNOWN = "faq_known"  # condition tokens an earlier question established (`learn`)
OWN_WORK = "faq_work"  # [key, words]: the writer's own work named in an answered question


def known_conditions(data: Mapping[str, Any]) -> frozenset[str]:
    """Conditions the conversation already knows (bot.domain.conditions), from saved answers.

    A check that found no program open to the person means he cannot join: "kalau kecelakaan
    ditanggung?" right after must not be answered "Ya, ditanggung". So does an earlier
    question that established it (`learn`).
    """
    known = {str(token) for token in data.get(KNOWN) or ()}
    check = data.get("eligibility") or {}
    if check.get("checked") and not check.get("programs"):
        known.add(PREFIX + "notmember")
    return frozenset(known)


def learn(turn: Turn) -> None:
    """Keep what an answered question establishes, for the questions after it.

    Someone at or past the first-registration age (65, Perdir 22/2022) asking whether he may
    join cannot: "bapak saya umur 67 masih bisa daftar?" and then "kecelakaan di jalan
    ditanggung?" must not get "Ya, ditanggung". A later question about joining at a younger
    age takes it back. The writer's own kind of work is kept too: "sy pedagang sayur, bs
    ikut?" and then "umur 52" is checked as a trader's (`remembered_work`).
    """
    note_own_work(turn)
    if not asks_to_join(turn.text):
        return
    age = parse_age(turn.text, turn.now.date())
    if age is None or not age.certain:
        return
    if age.age >= F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value:
        turn.data[KNOWN] = [PREFIX + "notmember"]
    else:
        turn.data.pop(KNOWN, None)


def note_own_work(turn: Turn) -> None:
    """Keep the writer's own kind of work that this message names, for the flows after it."""
    if work := own_work(turn.text):
        turn.data[OWN_WORK] = [work[0].key, work[1]]


def remembered_work(data: Mapping[str, Any]) -> tuple[Occupation, str] | None:
    """The writer's own work an earlier answered question named (`learn`), if any."""
    key, words = (data.get(OWN_WORK) or [None, ""])[:2]
    occupation = occupations().get(str(key))
    return (occupation, str(words)) if occupation else None


def match(text: str, locale: str, context: frozenset[str] = frozenset()) -> Match:
    """Match in the user's language, and in the other one when that finds nothing.

    An unsure answer (close runners-up offered) stands: the other index, reading words of a
    language it does not know, took "sy mau daftarin ibu sy, dia ga punya hp" for a BPJS
    Kesehatan question (no dev question was better off for it). `context`: conditions the
    conversation knows (`known_conditions`).
    """
    found = load_index(locale).match(text[:MAX_QUESTION], context)
    if found.decision is Decision.NONE:
        for other in load_knowledge():
            if (
                other != locale
                and (alt := load_index(other).match(text[:MAX_QUESTION])).decision
                in (Decision.ANSWER, Decision.REDIRECT)
                and not alt.options
            ):
                return alt
    return found


def asks_for_check(text: str, locale: str) -> bool:
    """Whether a typed message starts the eligibility check rather than getting an answer.

    It must read as a request about oneself (`wants_eligibility_check`), and the FAQ must not
    answer it with an entry on something the check does not tell ("sy pedagang gaji 5 juta,
    bisa ikut JP?" is answered: JP is for wage earners). A statement of one's own age or
    income ("umur 52", typed after "bisa ikut?" was answered) is what the check asks for.
    An unsure reading that offers what the check answers as a close runner-up is left to the
    check too. Asking whether one may join, with one's work and age and no programme named
    ("saya petani umur 57 bisa ikut?", `asks_to_join_as`), starts the check whatever the FAQ
    ranks first: it once read that as JP's age of enrolment. "… bisa ikut JP?" is answered.
    So does an owner asking whether he himself may join ("kalo saya sendiri pemilik toko bisa
    daftar?") that the FAQ reads as the question of the helper he pays: he is a BPU.
    """
    if states_own_facts(text) or asks_own_cost(text):
        return True
    if owner_asks_to_join(text) and answers_for_helper(match(text, locale).entry_id):
        return True
    if not wants_eligibility_check(text):
        return False
    if asks_to_join_as(text) and not programmes_named(text):
        return True
    found = match(text, locale)
    if found.decision is not Decision.ANSWER:
        return True
    return any(answered_by_check(c) for c in (found.entry_id, *(o.entry_id for o in found.options)))


def entry(locale: str, entry_id: str) -> Entry | None:
    """The article in the user's language, else the Indonesian one."""
    knowledge = load_knowledge()
    return (knowledge.get(locale) or knowledge["id"]).get(entry_id) or knowledge["id"].get(entry_id)


def with_source(turn: Turn, text: str, article: Entry) -> str:
    """`text` and the line naming the article's regulation or source."""
    return "{text}\n\n{label}: {source}".format(
        text=text, label=turn._("Source"), source=article.source
    )


def answer_replies(turn: Turn, article: Entry, caveat: bool = False) -> list[Reply]:
    """An article's first answer, with "Read more" when it has more.

    `caveat`: the question states a condition the answer does not address (bot.domain.faq,
    `Match.caveat`), so the answer opens with "it depends", never with a bare yes.
    """
    choices = [Choice(f"faq_more:{article.id}", turn._("Read more"))] if article.more else []
    choices += offered_actions(turn, article.answer)
    if turn.state == IDLE and may_join_here(article.id) and wants_to_join(turn.text):
        register = Choice("register", turn._(_OFFERED["register"]))  # "mau daftar gmn"
        choices += [register] if register not in choices else []
    choices.append(Choice("menu", turn._("Main menu")))
    text = opened_for(turn, article.answer)
    if caveat:
        text = "{caveat}\n\n{answer}".format(
            caveat=turn._(
                "It depends on your situation: what you describe can change this answer. "
                "For your case, ask the call center on {phone}."
            ).format(phone=CALL_CENTER),
            answer=text,
        )
    return [Reply(text, tuple(choices))]


def opened_for(turn: Turn, answer: str) -> str:
    """`answer` as the question asks it: without its opening "Yes." when that asks no yes or no.

    "kalo meninggal bukan karena kerja dapet apa?" is told what the family gets, not "Ya."
    """
    return without_yes(answer, turn._("Yes")) if asks_what(turn.text or "") else answer


def wants_to_join(text: str) -> bool:
    """A wish to register ("mau daftar gmn"), or asking whether one may join oneself.

    "tukang parkir bisa ikut?": an answer saying one may join here offers registering then.
    """
    return asks_to_register(text) or (asks_to_join(text) and not about_others(text))


_QUOTED = re.compile(r'"([^"]{2,40})"')
#: What an answer may offer by quoting its typed word ('ketik "daftar"'), as a button.
_OFFERED = {"register": N_("Register now"), "eligibility": N_("Check eligibility & cost")}


def offered_actions(turn: Turn, answer: str) -> list[Choice]:
    """A button for each action the answer tells to type ('Lewat bot ini: ketik "daftar"').

    A yes typed next takes it (`routing.typed_choice`).
    """
    actions = dict.fromkeys(a for q in _QUOTED.findall(answer) if (a := command(q)) in _OFFERED)
    return [Choice(action, turn._(_OFFERED[action])) for action in actions]


def answer_each(turn: Turn, found: Match) -> list[Reply]:
    """One message per question of a message that asks several (`Match.asked`), else [].

    Each answer opens with the question it answers, numbered; the buttons ("Read more" of
    each answer that has more, by its number, and the menu) come with the last, the one a
    typed number is read against. An entry answered from the chat's own records
    (OWN_ANSWERS) is answered alone, as before.
    """
    articles = [a for c in found.asked if (a := entry(turn.t.locale, c.entry_id))]
    if len(articles) < 2 or any(a.id in OWN_ANSWERS for a in articles):
        return []
    replies: list[Reply] = []
    more: list[Choice] = []
    for number, article in enumerate(articles, 1):
        caveat = found.caveat and article.id == found.entry_id
        answer = answer_replies(turn, article, caveat)[0].text
        replies.append(Reply(f"{number}. {question_label(article)}\n{answer}"))
        if article.more:
            label = turn._("Read more {number}").format(number=number)
            more.append(Choice(f"faq_more:{article.id}", label))
    replies[-1] = Reply(replies[-1].text, (*more, Choice("menu", turn._("Main menu"))))
    return replies


def brief_answer(turn: Turn) -> str | None:
    """The answer to a question typed inside a form, or None: never logged as unanswered.

    The form asks its step again right after, so only a clear answer is given.
    """
    if not turn.text:
        return None
    found = match(turn.text, turn.t.locale)
    if found.decision in (Decision.ANSWER, Decision.REDIRECT) and found.entry_id:
        article = entry(turn.t.locale, found.entry_id)
        return opened_for(turn, article.answer) if article else None
    return None


def option_label(turn: Turn, article: Entry) -> str:
    """A button naming one entry: its own title, else its first phrasing as a question."""
    knowledge = load_knowledge()
    topics = (knowledge.get(turn.t.locale) or knowledge["id"]).topics
    if article.title != topics.get(article.topic):
        return article.title
    return question_label(article)


def question_label(article: Entry) -> str:
    """The entry's first phrasing, written as a question: "Kapan JHT bisa dicairkan?".

    Phrasings are lower case for matching; the programs' and papers' short names are written
    back in capitals, and names with a capital (data/textnorm/written_*.txt).
    """
    words = [_written(w) for w in article.questions[0].split()]
    first = " ".join(words)
    return f"{first[:1].upper()}{first[1:]}?"


def _written(word: str) -> str:
    if word in _CAPITALS:
        return word.upper()
    return word.capitalize() if word in _TITLES else word


def offer_others(turn: Turn, found: Match) -> list[Reply]:
    """Offer the entries that ranked close to the one answered: "Atau maksud Anda: …"."""
    others = [a for option in found.options if (a := entry(turn.t.locale, option.entry_id))]
    if not others:
        return []
    turn.data["_asked"] = turn.text[:MAX_QUESTION]
    choices = [Choice(f"faq:{a.id}", option_label(turn, a)) for a in others]
    choices.append(Choice("faq_none", turn._("None of these")))
    return [Reply(turn._("Or did you mean:"), tuple(choices))]


@router.text
def figure_typed(turn: Turn) -> list[Reply] | None:
    """A figure or a period typed alone ("35", "2jt", "sehari") with nothing asked of it.

    Right after a form's amount it amends that amount (`forms.Form.amend_after_finish`, whose
    module's router comes before this one); anywhere else it is no question: the index took
    "sehari" for when JHT is paid, "per hari" for a loan offer and "35" for social aid. Ask
    what it is for instead; not kept as unanswered.
    """
    if period_alone(turn.text) is not None:
        text = turn._(
            "Per day, week, month or year: of what? Please write your whole question, for "
            "example: how much is the contribution each month? To work out the contribution "
            "from your income, choose Check eligibility & cost."
        )
    elif (figure := figure_alone(turn.text)) is not None:
        text = turn._(
            "{figure}: is it an age, an income, or something else? Please write your whole "
            "question, for example: how much is the contribution for an income of 2 million? "
            "To work out what you would pay from your age and income, choose Check "
            "eligibility & cost."
        ).format(figure=figure)
    else:
        return None
    choices = (
        Choice("eligibility", turn._("Check eligibility & cost")),
        Choice("menu", turn._("Main menu")),
    )
    return [Reply(text, choices if turn.state == IDLE else ())]


@router.text
def answer_question(turn: Turn) -> list[Reply]:
    """Answer `turn.text` as a question; the engine re-asks a waiting form's question after."""
    _ = turn._
    if not turn.text:
        return [Reply(_("Your message is empty. Please type your question, or type menu."))]
    found = match(turn.text, turn.t.locale, known_conditions(turn.data))
    answered = found.decision in (Decision.ANSWER, Decision.REDIRECT) and found.entry_id
    if answered and (article := entry(turn.t.locale, found.entry_id or "")):
        handover.answered(turn)
        learn(turn)
        own = OWN_ANSWERS.get(article.id)
        if own is not None and (replies := own(turn)) is not None:
            return replies
        if several := answer_each(turn, found):
            return several + offer_others(turn, found)
        return answer_replies(turn, article, found.caveat) + offer_others(turn, found)
    record_unanswered(turn.session, turn.contact, turn.text, turn.now)
    if person := handover.stuck(turn):  # two in a row: staff take over
        sorry = Reply(_("Sorry, I cannot answer that yet. I have noted your question."))
        return [sorry, *person]
    text = _(
        "Sorry, I cannot answer that yet. I have noted your question. "
        "For a quick answer, call the BPJS Ketenagakerjaan call center on {phone}, "
        "or choose from the menu."
    ).format(phone=CALL_CENTER)
    return [Reply(text, (Choice("menu", _("Main menu")),))]


@router.action("faq")
def show_article(turn: Turn) -> list[Reply]:
    """An article chosen from "Maksud Anda…?"."""
    article = entry(turn.t.locale, action_argument(turn.choice))
    turn.data.pop("_asked", None)
    if article is None:
        return [
            Reply(turn._("That answer is no longer available. Please type your question again."))
        ]
    return answer_replies(turn, article)


@router.action("faq_more")
def show_more(turn: Turn) -> list[Reply]:
    """The rest of an article ("Selengkapnya")."""
    article = entry(turn.t.locale, action_argument(turn.choice))
    if article is None:
        return [
            Reply(turn._("That answer is no longer available. Please type your question again."))
        ]
    text = with_source(turn, article.more or article.answer, article)
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


@router.action("faq_none")
def none_of_these(turn: Turn) -> list[Reply]:
    """None of the suggestions fitted: keep the question for the team, point to a person."""
    if asked := turn.data.pop("_asked", None):
        record_unanswered(turn.session, turn.contact, asked, turn.now)
    text = turn._(
        "Thank you, I have noted your question. Please try other words, "
        "or call the BPJS Ketenagakerjaan call center on {phone}."
    ).format(phone=CALL_CENTER)
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]
