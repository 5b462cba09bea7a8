"""The FAQ index's data, built once from the entries, and how it reads a text into terms.

The base of FaqIndex (bot.domain.faq.index): every later step (scoring, the condition
step, deciding, several questions) reads what is built here.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.domain.asks import QuestionKinds
from bot.domain.conditions import PREFIX, conditions
from bot.domain.faq.languages import DEFAULT_LANGUAGE, LANGUAGES
from bot.domain.faq.programmes import (
    ANY_TOPIC,
    NAMESAKES,
    OTHER_BODIES,
    OTHER_PRODUCTS,
    names_ours,
)
from bot.domain.faq.shapes import REDIRECT_PREFIX, EntryLike, Match, Thresholds
from bot.domain.faq_model import CentroidModel, sentences
from bot.domain.heeding import load_heeding_decision
from bot.domain.placenames import is_place
from bot.domain.rerank import load_reranker
from bot.domain.scope_decision import load_scope_decision
from bot.domain.scope_model import ScopeModel
from bot.domain.textnorm import NEGATED, both_said, said

# A story that asks two things, from a worker of ours: its match reads every table a question may.
WARM_UP = (
    "Assalamualaikum min, sy ojol kemarin jatuh pas antar paket. Klaim jkk gimana? Iuran bpu brp?"
)


class Index(ABC):
    """The index's tables and weights, and the reading of a text (`_query`)."""

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
    # Not adopted (4015 questions, fold seed 0: 3554; story 523, formal 555, letter 162):
    # weight 0.6 from 25 words, 3550 (story -4, formal +2); the whole read with the words only
    # its preamble holds at 0.5 of their weight, 3552 (story +4, formal +5, chat -7, condition
    # -7), at 0.7, 3554 (story +4, formal +1, chat -3, condition -3); at 0.5 but for the
    # programs and conditions it states, 3548 (story +1, formal +4, chat -8).
    # Not adopted (4166 questions, fold seed 0: 3693): the question sentence ranked without the
    # conditions only its preamble states ("Bos … belum mendaftarkan kami … Apa bos wajib
    # mendaftarkan kami?" then leaves peserta.not_member): 3686 (story +2, condition -4); so
    # only when the question sentence asks a kind of its own (bot.domain.asks: "lapor ke mana"),
    # with the phrasings of tests/data/real/README.md's fresh43 (3696): 3694 (story +3,
    # numbers -3).
    # Not adopted (4166 questions, fold seed 0: 3693; story 548, formal 594, news 615): that
    # 0.5 gated by a cue for the kind of message, read in its text: none,
    # 3685 (story +7, condition -6, news -4, chat -3); from 25 words and no condition stated,
    # 3692 (story +4, formal -3, news -3); that and a person in the preamble ("suami saya"),
    # 3692 (story +4, news -3, formal -2; seed 1: 3679 -> 3681, story +2, chat +2, condition
    # -2); the preamble naming a person and a past ("sudah", "waktu"), 3689 (story +2, news
    # -5). Gated stories gain (+11 -5), the refit reranker loses as much on the questions the
    # cue leaves alone.
    # An entry's real questions (dev's examples) beyond this many share their weight in its
    # whole-entry BM25 document: with n of them each word of one counts sqrt(EXAMPLE_SHARE / n)
    # (as the centroid model weighs a group of n texts by n ** -0.5). Why: 65 long stories made
    # peserta.not_member's document hold every story's words ("kebun", "tertimbun", "kontraktor"),
    # so stories that only tell of a non-member drew it whatever they asked. Dev cross-validated
    # top-1 (4311 questions, fold seed 0): 3806 -> 3822 (chat -1, condition +1, formal +7, letter
    # +2, story +5, two questions +2; misses to peserta.not_member 18 -> 15, from it 16 -> 14).
    # Tried: EXAMPLE_SHARE 16, 3813; 2, 3824 (chat -3, news +5); each example's words weighing
    # min(1, 8 / its distinct words) instead, 3811; both (16 and 8), 3817.
    # Also tried with it: peserta.not_member's job split by who failed to register (21 dev rows
    # of an employer that never registered the worker relabelled peserta.unregistered_accident
    # first), 3815 (chat -3, formal -2, letter -2).
    EXAMPLE_SHARE = 6
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
        entry_tf: dict[str, dict[str, float]] = {}
        # Per entry, the words of its phrasings that may show it answers for another body it
        # names (see _other_body): a real question naming ours beside that body ("DPLK dan
        # Jaminan Pensiun BPJS TK itu sama?") shows only that ours was asked of.
        self._names_vocab: dict[str, frozenset[str]] = {}
        answer_tf: dict[str, Counter[str]] = {}
        samples: list[tuple[str, str, str]] = []
        for e in entries:
            if e.id in self._topic:
                raise ValueError(f"duplicate entry id {e.id}")
            self._topic[e.id] = e.topic
            tf: defaultdict[str, float] = defaultdict(float)
            answer_tf[e.id] = Counter(said(self._lang.tokens(e.answer)))
            # For the reranker: the words of each answer sentence, and how many phrasings.
            self._sentences[e.id] = tuple(
                frozenset(said(self._lang.tokens(s))) for s in sentences(e.answer)
            )
            self._affirms[e.id] = self._conditions.affirms(e.answer)
            self._addresses[e.id] |= self._conditions.read(e.answer)[1]
            mine = dict.fromkeys(examples.get(e.id, ()))
            phrasings = (*e.questions, *mine)
            # Each real question's words weigh this in the entry's BM25 document (see
            # EXAMPLE_SHARE): an entry asked often no longer draws stories by their preambles.
            share = min(1.0, math.sqrt(self.EXAMPLE_SHARE / len(mine))) if mine else 1.0
            self._phrasings[e.id] = len(phrasings)
            for q in (*phrasings, e.title):
                group = "example" if q in mine and q not in e.questions else "phrasing"
                samples.append((e.id, group, q))
            samples.extend((e.id, "answer", sentence) for sentence in sentences(e.answer))
            naming: set[str] = set()
            for q in (*phrasings, e.title):
                # A real question's place names are the asker's, not the entry's: known, they
                # would make "kantor cabang magelang" a question no entry explains.
                # A phrasing that negates a word still names it ("bukan nelayan" is about
                # fishers): a question that negates it alike matches it by its negated token.
                toks = tuple(t for t in both_said(tokens(q)) if q not in mine or not is_place(t))
                if not toks:
                    continue
                entry_q[e.id].append(len(q_entry))
                q_entry.append(e.id)
                q_tokens.append(toks)
                q_text.append(" ".join(sorted(toks)))
                weight = share if q in mine and q not in e.questions else 1.0
                for t in set(toks):
                    tf[t] += weight
                if q not in mine or q in e.questions or not names_ours(toks):
                    naming.update(toks)
            entry_tf[e.id] = tf
            self._names_vocab[e.id] = frozenset(naming)
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
        # Per entry, what each of its phrasings negates ("no smartphone": {"~ponsel"}).
        self._negates: dict[str, set[frozenset[str]]] = defaultdict(set)
        for qi, words in enumerate(q_sets):
            if negated := frozenset(t for t in words if t.startswith(NEGATED)):
                self._negates[q_entry[qi]].add(negated)
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
        # that we cannot answer is out of scope. Not a number: "Rp700 ribu" in a redirect's
        # example (bansos) says nothing of whose business an income of Rp700 ribu is; nor a
        # place: "UMP Jakarta" in the labour redirect's made "saya ART di Jakarta, faskes saya
        # di kampung, bisa berobat?" a question of wages.
        self._outside = (
            frozenset(
                t
                for t, post in e_post.items()
                if not t.isdigit()
                and not is_place(t)
                and all(eid.startswith(REDIRECT_PREFIX) for eid, _ in post)
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
            for product, table in ((False, OTHER_BODIES), (True, OTHER_PRODUCTS))
            for eid, names in table.items()
            for name in names
        ]
        # … and those that run programmes named as ours (Taspen's JKK, Kemenag's BSU), as this
        # language reads them, each with the names that are its own beside it.
        self._namesakes = [
            (frozenset(self._lang.tokens(name)), frozenset(group["programs"]))
            for group in NAMESAKES
            for name in group["bodies"]
        ]
        # The query path's word tables (greetings, kinds of work, other bodies' business) load
        # on first use: reading one message now spares the first question that wait (10-25 ms).
        self.match(WARM_UP)

    def _postings(
        self, docs: Mapping[Any, Mapping[str, float]]
    ) -> dict[str, list[tuple[Any, float]]]:
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
            if t.startswith(NEGATED):  # a negated word no phrasing negates says nothing
                if t in self._vocab_set and t not in known:
                    known.append(t)
                continue
            # A condition no phrasing states is still stated ("@employee"): never a typo.
            f = t if t.startswith(PREFIX) else self._fix(t)
            if f is None:
                unknown += self.UNKNOWN_WORD_WEIGHT if is_word(t) else self.UNKNOWN_WEIGHT
            elif f not in known:
                known.append(f)
        return known, unknown

    @abstractmethod
    def match(self, text: str, context: frozenset[str] = frozenset()) -> Match:
        """Rank the entries for `text` and decide what to do (FaqIndex.match)."""


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
