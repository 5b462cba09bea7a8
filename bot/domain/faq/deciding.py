"""The decision on a ranked message: answer, redirect out of scope, or say we do not know.

The hand rules (`_decide`), other bodies' business and the learned scope decision
(`_judged`) together, since each rule reads the others' signals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from bot.domain.chatwords import is_question, without_courtesies
from bot.domain.faq.condition_step import ConditionStep
from bot.domain.faq.languages import FILLERS
from bot.domain.faq.programmes import (
    ANY_TOPIC,
    OURS,
    WORKER_PROGRAMS,
    names_health_only,
    names_ours,
)
from bot.domain.faq.scoring import Reading
from bot.domain.faq.shapes import REDIRECT_PREFIX, Candidate, Decision, Match
from bot.domain.intent import own_work
from bot.domain.occupations import find_occupation
from bot.domain.other_topics import other_topic
from bot.domain.textnorm import NEGATED


class Deciding(ConditionStep):
    """The hand rules' decision (`_decide`) and the learned scope decision's (`_judged`)."""

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
        sudah ikut BPJS Ketenagakerjaan"), not counting its real questions that name ours
        beside it; any body named, whoever names it, without `best`.
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
        if names_ours(terms):
            if names_ours([t for t in terms if t not in WORKER_PROGRAMS]):
                return None
            bodies = [(names, eid) for names, eid, product in self._bodies if product]
        else:
            bodies = [(names, eid) for names, eid, _ in self._bodies]
        named = next(
            (
                eid
                for names, eid in bodies
                if names <= said
                and (best is None or not names <= self._names_vocab[best])
                and eid in self._topic
            ),
            None,
        )
        if named is not None or names_ours(terms):
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
        return term not in self._lang.weak and term not in FILLERS

    def _judged(self, reading: Reading, found: Match) -> Match:
        """`found`, or a redirect where the learned scope decision says the message is not ours.

        It decides what the rules left open (no entry clear enough), and judges an answer again
        only when the message names another body: that body's entry names it too ("faskes" in
        jkk.referral, "Jasa Raharja" in jkk.jasa_raharja).
        """
        learned = self._scope_decision
        if found.decision is Decision.REDIRECT or found.entry_id is None or learned is None:
            return found
        # A worker naming his own work is judged like anyone: his work is one of the signals
        # (work_named), and a message naming ours is never sent away (ScopeDecision.redirects).
        # His work alone no longer keeps what the rules left open: "saya nelayan umur 40
        # daftarnya dimana?", once sent to Prakerja's age limit, is answered by the rules now.
        text, terms = reading.text, reading.terms
        body = self._other_body(text, terms, None)
        if found.decision is Decision.ANSWER and body is None:
            return found
        row = self._scope_row(reading)
        if row is None:
            return found
        if found.decision is Decision.NONE:
            if not learned.redirects(row):
                return found
            # Left open by the rules (no entry clear enough), yet out of scope by the signals.
            p_out = round(learned.outside(row), 4)
            return self._out_of_scope([eid for eid, _ in reading.ranked], p_out)
        if body is None or not learned.overturns(row):
            return found
        # Answered in our words, yet another body's business by the signals together.
        p_out = round(learned.outside(row), 4)
        return Match(Decision.REDIRECT, body, self._topic[body], p_out, found.alternatives)

    def scope_signals(self, text: str) -> tuple[float, ...] | None:
        """The row of bot.domain.scope_decision.SIGNALS for `text`: what bench.scope learns from.

        None for a message too short to judge.
        """
        return self._scope_row(self._ranked_reading(without_courtesies(text)))

    def _scope_row(self, reading: Reading) -> tuple[float, ...] | None:
        """How far each signal of bot.domain.scope_decision.SIGNALS leans out of scope.

        None when fewer than SCOPE_TERMS words are known: "zxqv nik 5103011508950003 qwpzl"
        is noted, not judged.
        """
        text, terms, unknown, ranked = reading.text, reading.terms, reading.unknown, reading.ranked
        confidence = reading.confidence
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
            float(names_ours(terms)),
            float(names_health_only(terms)),
            float(any(names <= said for names, _, _ in self._bodies)),
            float(ours is not None and self._other_body(text, terms, ours) is not None),
            sum(w for t, w in weight.items() if t in self._outside) / asked,
            unknown * self._idf_unknown / asked,
            sum(w for t, w in weight.items() if t in about) / asked,
            float(find_occupation(text) is not None),
        )

    def _decide(self, reading: Reading, context: frozenset[str]) -> Match:
        """The hand rules' decision on the best few ranked entries."""
        text, terms, unknown, confidence = (
            reading.text,
            reading.terms,
            reading.unknown,
            reading.confidence,
        )
        ranked = reading.ranked[:8]
        th = self.thresholds
        if not ranked:
            return Match(Decision.NONE, None, None, 0.0, ())
        alts = tuple(Candidate(eid, self._topic[eid], round(s, 4)) for eid, s in ranked)
        alts, caveat = self._heeding(text, alts, self._stated(terms), names_ours(terms), confidence)
        if _redirect_first(alts) and names_ours(terms) and own_work(text) is not None:
            # A worker of a kind we cover who names us asks about his own protection, even
            # beside another body's name ranked first ("saya satpam, ikut Taspen atau BPJS
            # TK?"); a civil servant or soldier names no such work ("saya PPPK, pensiun saya
            # lewat Taspen atau BPJS TK?") and is still redirected.
            alts = (*(c for c in alts if not _is_redirect(c)), *filter(_is_redirect, alts))
            ranked = [(c.entry_id, c.score) for c in alts]
        best_id = alts[0].entry_id
        # An entry put first for the condition it addresses is as sure as the one it replaced.
        conf = round(min(max(confidence(best_id), confidence(ranked[0][0])), 1.0), 4)
        topic = self._topic[best_id]
        anchored = any(t in self._lang.anchors for t in terms)
        other = self._other_body(text, terms, best_id)
        if best_id.startswith(REDIRECT_PREFIX):
            sure = conf >= th.redirect or names_health_only(terms) or other is not None
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
        negated = frozenset(t for t in terms if t[:1] == NEGATED)
        if not any(self._tells(t) for t in terms if t not in context and t[:1] != NEGATED) and (
            negated not in self._negates.get(best_id, ())
        ):
            # "punya saya gimana ya": only question words and fillers, nothing an entry is
            # about; whichever entry ranks first would be a guess, and so would a redirect
            # the scope model picks on such words. Nor does what is only negated: "kok dari
            # kemarin gak ada yang bales" names no one who did not reply, nor about what;
            # unless the entry is asked negating just that ("i don't have a smartphone").
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
            and not names_ours(terms)
            and any(t in self._outside and self._tells(t) for t in terms)  # not a filler
            and self._scope.outside(tuple(terms)) >= th.outside_word
        )
        outside = self._outside_entry(terms) if conf < th.answer or leans_out else None
        if outside is not None and (unsure or not names_ours(terms)):
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
        asks = len(terms) > self.SCOPE_TERMS or is_question(text)
        telling = [t for t in terms if self._tells(t)]
        if self._scope and not names_ours(terms) and len(telling) >= self.SCOPE_TERMS and asks:
            # Another body's business put in words we share ("bunga KUR BRI berapa persen"):
            # the scope model, trained on how out-of-scope questions are put, says so. One
            # known word is too little to overrule an entry of ours ("kartu": ours, and the
            # card of BPJS Kesehatan, which dev asks of more often; "cara aktifkan lagi": our
            # reactivation, and BPJS Kesehatan's, which dev asks of more often), a question
            # word beside it counting for nothing, and so are two that ask nothing: "guru
            # honorer" names who asks, not another body's business (its wages).
            p_out = self._scope.outside(tuple(terms))
            if p_out >= th.outside:
                return self._out_of_scope([eid for eid, _ in ranked], round(p_out, 4))
        rival = next((c for c in alts[1:] if not c.entry_id.startswith(REDIRECT_PREFIX)), None)
        close = rival is not None and alts[0].score - rival.score < th.margin
        options = _others(alts, th.offer_gap) if conf < th.answer or close else ()
        return Match(Decision.ANSWER, best_id, topic, conf, alts, options, caveat)


def _others(alts: Sequence[Candidate], gap: float, n: int = 2) -> tuple[Candidate, ...]:
    """Up to `n` runners-up within `gap` of the best, redirects left out: "Atau maksud Anda"."""
    best = alts[0]
    return tuple(
        c
        for c in alts[1:]
        if not c.entry_id.startswith(REDIRECT_PREFIX) and best.score - c.score <= gap
    )[:n]


def _is_redirect(c: Candidate) -> bool:
    return c.entry_id.startswith(REDIRECT_PREFIX)


def _redirect_first(alts: Sequence[Candidate]) -> bool:
    """Whether a redirect ranks first and an entry of ours ranks too."""
    return bool(alts) and _is_redirect(alts[0]) and not all(map(_is_redirect, alts))
