"""Chat words: how every step of every form reads yes/no, questions, commands and typed values.

One package so that registration, eligibility and the officer's forms agree on what "iya
bener", "ga jadi" or "100rb sehari" mean; numbers and amounts are read by their one grammar,
``bot.domain.amounts``. The word tables live in ``data/chatwords/*.toml``
(each file names its source and licence) so that a non-programmer can review and extend them;
they are read once per process. Every function is pure and never raises on odd input.
Its modules are named for what they read; this one gathers what callers import.
"""

from bot.domain.chatwords.ages import MAX_AGE, AgeAnswer, age_in_message, parse_age, read_age
from bot.domain.chatwords.amount_words import dont_know, figure_alone, period_alone, with_period
from bot.domain.chatwords.commands import (
    command,
    language_asked,
    offers,
    soft_command,
    withdraws,
    yes_and_resume,
)
from bot.domain.chatwords.courtesies import without_courtesies
from bot.domain.chatwords.names import parse_name
from bot.domain.chatwords.paste import gives_name, holds_form_data, name_in_paste, read_paste
from bot.domain.chatwords.phones import parse_phone
from bot.domain.chatwords.places import (
    Pick,
    addresses_only,
    names_place,
    pick_place,
    place_key,
    street,
    typed_keys,
)
from bot.domain.chatwords.questions import (
    answer_in_question,
    asks_more,
    asks_what,
    is_question,
    yes_no_pairs,
)
from bot.domain.chatwords.registering import (
    asks_to_register,
    asks_to_register_here,
    names_relative,
    registers_relative,
)
from bot.domain.chatwords.steps import (
    after,
    asked_about,
    corrected,
    corrections,
    count_of,
    mentions,
    mentions_misspelt,
    named,
    past_change_of_mind,
    phrase_value,
    quantity,
    refuses,
    said_only,
    same_words,
    words,
)
from bot.domain.chatwords.voice import spoken_marks
from bot.domain.chatwords.yesno import (
    acknowledges,
    closing_yes_no,
    negations,
    sends,
    yes_no,
    yes_no_then,
)

__all__ = [
    "MAX_AGE",
    "AgeAnswer",
    "Pick",
    "acknowledges",
    "addresses_only",
    "after",
    "age_in_message",
    "answer_in_question",
    "asked_about",
    "asks_more",
    "asks_what",
    "asks_to_register",
    "asks_to_register_here",
    "closing_yes_no",
    "command",
    "corrected",
    "corrections",
    "count_of",
    "dont_know",
    "figure_alone",
    "gives_name",
    "holds_form_data",
    "is_question",
    "language_asked",
    "mentions",
    "mentions_misspelt",
    "name_in_paste",
    "named",
    "past_change_of_mind",
    "names_place",
    "names_relative",
    "negations",
    "offers",
    "parse_age",
    "parse_name",
    "parse_phone",
    "period_alone",
    "phrase_value",
    "pick_place",
    "place_key",
    "quantity",
    "read_age",
    "read_paste",
    "refuses",
    "registers_relative",
    "said_only",
    "same_words",
    "sends",
    "soft_command",
    "spoken_marks",
    "street",
    "typed_keys",
    "with_period",
    "withdraws",
    "without_courtesies",
    "words",
    "yes_and_resume",
    "yes_no",
    "yes_no_pairs",
    "yes_no_then",
]
