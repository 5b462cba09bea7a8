"""The condition step: the entry that addresses the conditions a message states comes first.

"Ya, ditanggung" must not answer someone whose membership lapsed (bot.domain.heeding
learns when a stated condition is the question rather than its background).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from bot.domain.chatwords import without_courtesies
from bot.domain.conditions import PREFIX
from bot.domain.faq.clauses import own_question, question_clauses
from bot.domain.faq.programmes import names_ours
from bot.domain.faq.scoring import Scoring
from bot.domain.faq.shapes import REDIRECT_PREFIX, Candidate


class Heeding(NamedTuple):
    """The condition step's choice for a message (`FaqIndex.heeding_signals`)."""

    best: str  # the entry ranked first
    chosen: str  # the entry that addresses the stated conditions best
    forced: bool  # the best would say a bare yes to them: the chosen always replaces it
    row: tuple[float, ...]  # bot.domain.heeding.SIGNALS, which decide when it is not forced


class ConditionStep(Scoring):
    """Puts first the entry that addresses what a message states (`_heeding`)."""

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
        reading = self._ranked_reading(without_courtesies(text))
        text, terms, ranked, confidence = (
            reading.text,
            reading.terms,
            reading.ranked,
            reading.confidence,
        )
        if not ranked:
            return None
        alts = tuple(Candidate(eid, self._topic[eid], round(s, 4)) for eid, s in ranked[:8])
        stated = self._stated(terms)
        best, chosen = alts[0], self._addressing(alts, stated, names_ours(terms))
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
