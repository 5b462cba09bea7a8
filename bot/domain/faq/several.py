"""A message asking two or three things: each question read alone, each answered when clear.

Why apart: the reading of several questions is its own body of rules on top of a match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from bot.domain.chatwords import is_question
from bot.domain.faq.clauses import (
    ALSO_WORDS,
    CLAUSE_JOIN,
    CLAUSE_WORDS,
    GENERIC_WORDS,
    MAX_QUESTIONS,
    Asked,
    Clause,
    own_question,
    question_clauses,
)
from bot.domain.faq.deciding import Deciding
from bot.domain.faq.programmes import PROGRAM_TERMS
from bot.domain.faq.shapes import Candidate, Decision, Match
from bot.domain.intent import own_work

# How far down its own reading a question that asks what its entry does not answer looks for
# one that does (`Several._asked_otherwise`).
OTHERWISE_RANKS = 2


class Several(Deciding):
    """Answers each question of a message that asks several (`_several`)."""

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
        previous = ""  # the question before, as read alone
        kinds_before: frozenset[str] = frozenset()
        seen: set[str | None] = set()  # the entries the questions before read
        for question, names, own, tied, kinds in questions:
            alone = self._alone(question, context)
            asks_other = bool(kinds) and not kinds & kinds_before  # what none before asked
            kinds_before |= kinds
            near = _on_topic(alone, before, head) if tied else None
            if near is None and alone.decision is not Decision.ANSWER and before is not None:
                got = {found.entry_id, before.entry_id, *(c.entry_id for c in asked)}
                near = self._after(f"{previous} {own}", context, head, got)
            previous = question
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
            repeat = alone.entry_id in seen
            seen.add(alone.entry_id)
            given = {found.entry_id, *(c.entry_id for c in asked)}
            if asks_other and repeat:
                other = self._asked_otherwise(question, kinds, alone, head, given)
                if other is not None:
                    asked.append(other)
                    before = other
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
        if not others:
            # Every question sure of its reading read as the message's answer: one read less
            # surely but among the message's best is the other question's answer, not a button
            # ("PRT bisa ikut JHT juga? Kalau majikan mau bayarin iurannya, caranya gimana?").
            others = _first_of_each(
                c for c in unsure if c.entry_id in head and c.entry_id != found.entry_id
            )[:1]
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

    def _after(
        self, question: str, context: frozenset[str], head: set[str], taken: set[str | None]
    ) -> Candidate | None:
        """A question that reads as nothing alone, read after the question before it.

        "Kalau nunggak 3 bulan ada dendanya? Terus nanti bisa aktif lagi?": the second asks
        about the first's matter. Read together (`question`), their best entry or one close to
        it (the options it would offer) that is among the message's best (`head`) and that no
        question got yet (`taken`) is its reading; measured on dev, reading its best entry
        further down (any alternative) added 28 wrong second answers for 1 right.
        """
        joint = self._alone(question, context)
        close = [*joint.alternatives[:1], *joint.options]
        return next((c for c in close if c.entry_id in head and c.entry_id not in taken), None)

    def _asked_otherwise(
        self,
        question: str,
        kinds: frozenset[str],
        alone: Match,
        head: set[str],
        taken: set[str | None],
    ) -> Candidate | None:
        """A question read as the entry a question before it got, when it asks another thing.

        "Anak saya … Dia bisa dapat beasiswa nanti? Dan beasiswanya diklaim kapan?": both read
        as the scholarship's conditions, but the second asks when (`kinds`, bot.domain.asks),
        which no question before it asked and which the entry's phrasing closest to it does not
        ask: it asks something that entry does not answer. Its reading is then the next of its
        best few (`OTHERWISE_RANKS`) that is among the message's best (`head`), that no question
        got yet (`taken`) and whose phrasing closest to it asks what it asks. Measured on dev
        (bench.several, index in sample): reading instead any next entry among the message's
        best with some phrasing that asks it gave both 141 -> 146 but 84 more other messages
        answered several times (157 -> 241); this reading 141 -> 142, 157 -> 160.
        """
        idf = {t: self._idf.get(t, 0.0) for t in self._query(question)[0]}
        harmonic = self._closeness(idf, sum(idf.values()) or 1.0)[2]

        def closest_asks(eid: str | None) -> frozenset[str]:
            lo, hi = self._q_run.get(eid or "", (0, 0))
            if hi <= lo:
                return frozenset()
            qi = lo + int(np.argmax(harmonic[lo:hi]))
            return self._q_kinds[qi] if harmonic[qi] > 0 else frozenset()

        if closest_asks(alone.entry_id) & kinds:
            return None
        return next(
            (
                c
                for c in alone.alternatives[:OTHERWISE_RANKS]
                if c.entry_id in head
                and c.entry_id not in taken
                and closest_asks(c.entry_id) & kinds
            ),
            None,
        )

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
        return self._decide(self._ranked_reading(question, context), context)

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
        if own & PROGRAM_TERMS or not tells <= GENERIC_WORDS:
            return clauses
        parts = [
            p.strip(" ,;") for t in stated for p in CLAUSE_JOIN.split(t)[::2] if p.strip(" ,;")
        ]
        more = next(  # how many of the last parts say "juga"
            (
                i
                for i, p in enumerate(reversed(parts))
                if not ALSO_WORDS & set(p.casefold().split())
            ),
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
            programs = [] if own & PROGRAM_TERMS else named  # carried from the questions before
            carried = [*said, *programs]
            if work is not None and work[1] not in " ".join([*carried, clause.text]).casefold():
                carried.insert(0, work[1])
            question = " ".join([*carried, clause.text])
            bare = own_question(clause.text)
            written = carried == said  # all it carries, the message states
            names = bool(own & PROGRAM_TERMS)
            tells = {t for t in self._query(clause.text)[0] if self._tells(t)}
            tied = not names and bool(tells) and tells <= GENERIC_WORDS
            kinds = self._kinds.of({*self._query(clause.text)[0], *self._tokens(clause.text)})
            alone.append(Asked(question, names, bare if written else question, tied, kinds))
            named += [w for w in words if set(self._lang.tokens(w)) & PROGRAM_TERMS]
        return alone


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
