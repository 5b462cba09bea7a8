"""Registration's fields about where the person lives: regency, then desa (and so kecamatan).

The regency of the NIK is offered first. The desa is searched in the whole regency, so the
kecamatan follows from it and is not asked ("Sukamaju, Cimaung" narrows it when typed). People
often answer the regency question with the town or desa they live in ("ga, saya tinggal di
cibinong", "pakansari"): such a name is looked for among the kecamatan and desa of the NIK's
regency, then among every kecamatan, and confirmed with its regency. A
place is saved without asking only when the typed name is exactly one place's name and no
other name is a slip away; otherwise it is confirmed ("Kotabaru Hilir" typed where Kotabaru
Hulu also exists, or only a near name found), and several close names are offered as choices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from lokal import PROVINCES

from bot.conversation import Choice, Kind, Reply
from bot.domain import amounts, chatwords, regions
from bot.domain.occupations import find_occupation
from bot.forms import Accept, Confirm, Field, Offer, Outcome, Reject
from bot.i18n import N_
from bot.routing import Turn, action_argument
from handlers.registration.text import STREET, regency_label

WHICH_PLACE = N_("Which one do you mean? Choose, or type the name again.")


def street_told(turn: Turn, reg: dict[str, Any]) -> list[str]:
    """The street of a message that names the address ("alamat saya jl. Mawar 3 rt 2"), kept.

    The form asks no street: told at any step, it is stored as at the summary, and noted.
    """
    if STREET in reg or not chatwords.mentions(turn.text, "summary.fields.address"):
        return []
    if not (typed := chatwords.street(turn.text)):
        return []
    reg[STREET] = typed
    return [turn._("address {street}").format(street=typed)]


# ---------------------------------------------------------------- regency


def ask_regency(turn: Turn, reg: dict[str, Any]) -> Reply:
    if reg.get("regency_typing") or not reg.get("nik_regency"):
        return Reply(
            turn._("Type the name of the regency or city where you live. Example: Gianyar")
        )
    text = turn._("Do you live in {place}?").format(place=regency_label(reg["nik_regency"]))
    choices = (
        Choice("regency_yes", turn._("Yes, I live there")),
        Choice("regency_no", turn._("No, somewhere else")),
    )
    return Reply(text, choices)


def search_regencies(query: str) -> regions.SearchResult:
    """Regencies of every province (people move for work); "kab"/"kota" typed decides a tie."""
    matches: list[regions.Match] = []
    for province in PROVINCES:
        matches += regions.search_regencies(province, query).matches
    good = [m for m in matches if m.score >= regions.GOOD_SCORE]
    ranked = sorted(good or matches, key=lambda m: (-m.score, m.region.code))
    if (stated := stated_regency(query)) and not stated[0]:
        return regions.SearchResult((regions.Match(stated[1], 100.0),))
    return regions.SearchResult(
        tuple(ranked[: regions.MAX_MATCHES]),
        too_many=len(good) > regions.MAX_MATCHES,
        no_good_match=not good,
    )


def stated_regency(typed: str) -> tuple[str, regions.Region] | None:
    """A regency named with its kind, and the words before it: ("desa cibinong", Kab. Bogor).

    "kab"/"kabupaten" or "kota" anywhere ("di kab bandung", "desa cibinong kota bogor") picks
    the one of that kind among the regencies exactly named by what follows, up to a comma:
    Bogor, Bandung, Malang … have both. Without it, both are offered.
    """
    words = typed.split()
    for i, word in enumerate(words):
        kind = chatwords.named(word.strip(",.;:"), "regency_kind")
        if kind is None:
            continue
        after = " ".join(words[i + 1 :]).partition(",")[0].split()
        for end in range(len(after), 0, -1):  # "kab bogor jawa barat": the province after it
            exact = [
                m.region
                for province in PROVINCES
                for m in regions.search_regencies(province, " ".join(after[:end])).matches
                if m.score >= 100 and m.region.name.startswith(kind)
            ]
            if len(exact) == 1:
                before = " ".join(words[:i]).strip(" ,.;:")
                return (before if chatwords.names_place(before) else ""), exact[0]
    return None


def _label(region: regions.Region) -> str:
    return re.sub(r"^Kabupaten ", "Kab. ", region.label)


def place_label(code: str) -> str:
    """A place as a confirmation names it: "Dalung, Kuta Utara, Kab. Badung, Bali"."""
    found = regions.region(code)
    return _label(found) if found else code


def exact_regencies(typed: str) -> list[regions.Region]:
    """The regencies exactly named `typed` ("kab badung"; "bandung" names two), for a paste."""
    return _exact(search_regencies(typed)) if typed else []


def _exactly(typed: str, name: str) -> bool:
    """`typed` is this name ("bandung" for Kota Bandung and for Kabupaten Bandung)."""
    alone = chatwords.pick_place(typed, [name])
    return alone is not None and not alone.confirm


def place_outcome(
    turn: Turn, result: regions.SearchResult, example: str, text: str | None = None
) -> Outcome | None:
    """Save a sure pick (`chatwords.pick_place`); confirm a near one; offer namesakes.

    A bare yes or no is no answer (None) unless a place has exactly that name; nor is an
    amount that names no place.

    `text`: the part of the message that names the place, when not all of it does.
    """
    said = turn.text if text is None else text
    typed = said[:40]
    if chatwords.yes_no(said) is not None and not any(
        _exactly(said, m.region.name) for m in result.matches
    ):
        # "iya", "udh bener kirim aja" typed at the desa step: no place (eight "-jaya" desa
        # were offered for "iya"), so a miss and the step asked again; desa Sudah stays found.
        return None
    if result.no_good_match and amounts.parse_amount(said) is not None:
        return None  # "sehari 100rb" answers a later question: no near-miss places for it
    if result.too_many:
        text = turn._(
            'Many places match "{typed}". Type the name more completely. Example: {example}'
        )
        return Reject(text.format(typed=typed, example=example))
    if not result.matches:
        text = turn._(
            'I found no place called "{typed}". Check the spelling and type it again. '
            "Example: {example}"
        )
        return Reject(text.format(typed=typed, example=example))
    places = [m.region for m in result.matches]
    if result.no_good_match:
        # Near misses only ("jualan sayur di pasar" ~ "Langsa"): never one confident "Do you
        # mean …?"; say it was not found and let the person pick or type again.
        text = turn._(
            'I found no place called "{typed}". Check the spelling and type it again. '
            "Example: {example}"
        ).format(typed=typed, example=example)
        return Offer(text, tuple(Choice(f"place:{p.code}", _label(p)) for p in places))
    # "Dalung, Kuta Utara": the place, then where it lies; "bang, dalung": a word to the reader
    name = next((part for part in said.split(",") if not chatwords.addresses_only(part)), said)
    pick = chatwords.pick_place(name, [p.name for p in places])
    namesakes = [p for p in places if pick and _exactly(name, p.name)]
    if pick is None or len(namesakes) > 1:  # nothing near, or Sukamaju twice: choose one
        choices = tuple(Choice(f"place:{p.code}", _label(p)) for p in (namesakes or places))
        return Offer(turn._(WHICH_PLACE), choices)
    best = places[pick.index]
    if not pick.confirm:
        return Accept(_place_values(best.code))
    question = turn._("Do you mean {place}?").format(place=_label(best))
    others = tuple(Choice(f"place:{places[i].code}", _label(places[i])) for i in pick.alternatives)
    return Confirm(question, _place_values(best.code), others)


def _list_again(turn: Turn) -> Offer | None:
    """A bare yes or no to a list of places ("iya"): the list again, not a place called "iya"."""
    places = tuple(c for c in turn.offered if c.id.startswith("place:"))
    if places and turn.choice is None and chatwords.yes_no(turn.text) is not None:
        return Offer(turn._(WHICH_PLACE), places)
    return None


def _kind_of_offered(turn: Turn) -> str | None:
    """The code of the one offered regency of the kind typed alone ("kota", "kabupaten")."""
    alone = turn.choice is None and not chatwords.names_place(turn.text)
    kind = chatwords.named(turn.text, "regency_kind") if alone else None
    codes = [action_argument(c.id) for c in turn.offered if c.id.startswith("place:")]
    of_kind = [c for c in codes if kind and (r := regions.region(c)) and r.name.startswith(kind)]
    return of_kind[0] if len(of_kind) == 1 else None


def _place_values(code: str) -> dict[str, Any]:
    """The address keys a regency, kecamatan or desa code fills ("32.01.01" → regency, district)."""
    parts = code.split(".")
    values: dict[str, Any] = {"regency": ".".join(parts[:2]), "regency_typing": False}
    if len(parts) >= 3:
        values["district"] = ".".join(parts[:3])
    if len(parts) == 4:
        values["village"] = code
    return values


def _exact(result: regions.SearchResult) -> list[regions.Region]:
    return [m.region for m in result.matches if m.score >= 100]


def _offers_regency(choice: Choice) -> bool:
    return choice.id.startswith("place:") and choice.id.count(".") == 1


def _town(regencies: Sequence[str], typed: str) -> list[regions.Region]:
    """The kecamatan or desa exactly named `typed`: in `regencies` first, then anywhere."""
    for search in (regions.search_districts, regions.search_villages):
        found = [town for code in regencies for town in _exact(search(code, typed))]
        if len(found) == 1:
            return found
    return _exact(regions.search_all_districts(typed))


def desa_then_kecamatan(turn: Turn) -> str:
    """The message with a comma between a desa and its kecamatan each labelled, else as typed.

    "kelurahan dalung kak kecamatan kuta utara" is "dalung kak, kuta utara": the place steps
    read the desa before a comma and the kecamatan after it, and the two run together were
    searched as one name (the regency question found "too many places").
    """
    found = chatwords.read_paste(turn.text, turn.now.date())
    if found.keys() != {"village", "district"}:
        return turn.text
    return f"{found['village']}, {found['district']}"


def _regency_named(
    turn: Turn, reg: dict[str, Any], typed: str, *, denied: bool = False
) -> Outcome | None:
    """A typed place at the regency question: a regency, else a kecamatan or desa in one.

    A regency named with its kind ("desa cibinong kab bogor") is taken, with the kecamatan or
    desa exactly named before it, if any. A kecamatan or desa of the NIK's regency answers
    "Do you live in Badung?" ("kelurahan dalung kak"), unless the person said no (`denied`,
    now or before): then it is asked about first.
    """
    if (stated := stated_regency(typed)) is not None:
        before, regency = stated
        towns = _town([regency.code], before) if before else []
        within = [t for t in towns if t.code.startswith(regency.code + ".")]
        return Accept(_place_values(within[0].code if len(within) == 1 else regency.code))
    result = search_regencies(typed)
    # Namesakes just offered ("Semarang": Kab. or Kota): a desa typed in one of them picks it
    # Only regencies: desa offered before ("dalung": Serang's or Badung's) are no regency.
    offered = [action_argument(c.id) for c in turn.offered if _offers_regency(c)]
    nik = [reg["nik_regency"]] if reg.get("nik_regency") else []
    asked = offered if denied or reg.get("regency_typing") else [*offered, *nik]
    name = next((part for part in typed.split(",") if not chatwords.addresses_only(part)), typed)
    if not _exact(result) and (towns := _town([*offered, *nik], typed) or _town(nik, name)):
        if len(towns) == 1 and towns[0].code[:5] in asked:
            return Accept(_place_values(towns[0].code))
        if len(towns) == 1:
            question = turn._("Do you mean {place}?").format(place=_label(towns[0]))
            return Confirm(question, _place_values(towns[0].code))
        choices = tuple(Choice(f"place:{t.code}", _label(t)) for t in towns[: regions.MAX_MATCHES])
        return Offer(turn._(WHICH_PLACE), choices)
    return place_outcome(turn, result, "Gianyar", typed)


def read_regency(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    if turn.choice and turn.choice.startswith("place:"):
        return Accept(_place_values(action_argument(turn.choice)))
    said = {"regency_yes": True, "regency_no": False}.get(turn.choice or "")
    if picked := _kind_of_offered(turn):  # "Kab. Bogor" and "Kota Bogor" offered; "kota"
        return Accept(_place_values(picked))
    if again := _list_again(turn):  # "iya" to a list is not yes to the NIK's regency
        return again
    if said is None and turn.choice is None and not reg.get("regency_typing"):
        said = chatwords.yes_no(turn.text)
    if said is True and reg.get("nik_regency"):
        return Accept(_place_values(reg["nik_regency"]))
    if said is False:
        return Accept({"regency_typing": True})
    if turn.incoming.kind is not Kind.TEXT or turn.choice:
        return None
    typed = desa_then_kecamatan(turn)
    if not _exact(search_regencies(typed)) and (opening := chatwords.yes_no_then(typed)):
        # "bukan, sy di badung": the no answers the question and the rest names the place;
        # "iya, di cibinong": the yes too, and the rest may name the kecamatan or desa
        said, typed = opening
        if said and reg.get("nik_regency") and not reg.get("regency_typing"):
            nik_regency = reg["nik_regency"]
            towns = _town([nik_regency], typed)
            within = [t for t in towns if t.code.startswith(nik_regency + ".")]
            if not within and (elsewhere := _district_elsewhere(turn, typed, nik_regency)):
                return elsewhere  # "iya, di cibinong": Cibinong is in Kab. Bogor, not Badung
            return Accept(_place_values(within[0].code if within else nik_regency))
        return _regency_named(turn, reg, typed, denied=not said)
    return _regency_named(turn, reg, typed)


REGENCY = Field(
    "regency",
    ask_regency,
    read_regency,
    example=N_("Example: Gianyar"),
    keys=("regency", "regency_typing", "district", "village"),
    confirms=True,  # "Do you live in Badung?": "ga usah" refuses, "ga" says no
    about=N_(
        "The branch office of the area where you live contacts you and finishes your "
        "registration, so I ask where you live now; it may differ from your KTP."
    ),
)

# ---------------------------------------------------------------- desa (and so kecamatan)


def _village_example(reg: dict[str, Any]) -> str:
    district = reg.get("district")
    first = [district] if district else [d.code for d in regions.districts(reg["regency"])[:1]]
    villages = [v for d in first for v in regions.villages(d)]
    return villages[len(villages) // 2].name if villages else "Dalung"


def ask_village(turn: Turn, reg: dict[str, Any]) -> Reply:
    text = turn._("Type the name of your desa or kelurahan (village). Example: {example}")
    return Reply(text.format(example=_village_example(reg)))


# A sentence's end, not an abbreviation's dot: "Desa Dalung, Kec. Kuta Utara. Penghasilan …"
_SENTENCE = re.compile(r"\n|(?<=\w{4})[.;!]\s")


def _search_villages(reg: dict[str, Any], typed: str) -> regions.SearchResult:
    """Desa in the kecamatan already named, else in the whole regency.

    "Sukamaju, Cimaung" narrows it to that kecamatan. Only the first sentence names the place,
    and its start before a comma may ("dalung bang, narik sehari 150rb": the rest answers a
    later question): when that start is a desa's exact name, or all of it names none.
    """
    typed = _SENTENCE.split(typed, maxsplit=1)[0]
    name, _, district = typed.partition(",")
    if district.strip():
        found = regions.search_districts(reg["regency"], district).best
        if found is not None:
            return regions.search_villages(found.region.code, name)
        start = _villages_in(reg, name)  # "Pedurungan Kidul, kulo bakul sayur": the rest is more
        if start.best is not None and start.best.score >= 100:
            return start
    result = _villages_in(reg, typed)
    if (
        result.no_good_match
        and district.strip()
        and not (start := _villages_in(reg, name)).no_good_match
    ):
        return start
    return result


def _desa_then_district(turn: Turn, reg: dict[str, Any], typed: str) -> Outcome | None:
    """A desa's exact name, then a kecamatan of the regency, without a comma or labels.

    "dalung kuta utara" was searched as one name and "Kuta, Kuta?" asked (the kecamatan's
    name is a desa's too). The desa in the kecamatan named is taken; one of the regency's
    elsewhere ("kedonganan kuta selatan": Kedonganan is in Kuta) is asked about, never taken.
    """
    words = typed.split()
    if "," in typed or len(words) < 2:
        return None
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        district = regions.search_districts(reg["regency"], tail).best
        if district is None or not _exactly(tail, district.region.name):
            continue
        within = regions.search_villages(district.region.code, head).best
        if within is not None and _exactly(head, within.region.name):
            return Accept(_place_values(within.region.code))
        elsewhere = regions.search_villages(reg["regency"], head).best
        if elsewhere is not None and _exactly(head, elsewhere.region.name):
            question = turn._("Do you mean {place}?").format(place=_label(elsewhere.region))
            return Confirm(question, _place_values(elsewhere.region.code))
    return None


def _villages_in(reg: dict[str, Any], typed: str) -> regions.SearchResult:
    if reg.get("district"):
        within = regions.search_villages(reg["district"], typed)
        if not within.no_good_match:
            return within
    return regions.search_villages(reg["regency"], typed)


def read_village(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    if turn.choice and turn.choice.startswith("place:"):
        return Accept(_place_values(action_argument(turn.choice)))
    if picked := _offered_by_where(turn):
        return Accept(_place_values(picked))
    if again := _list_again(turn):
        return again
    if turn.incoming.kind is not Kind.TEXT or turn.choice:
        return None
    turn = replace(turn, incoming=replace(turn.incoming, text=desa_then_kecamatan(turn)))
    if (stated := stated_regency(turn.text)) is not None and stated[0]:
        # "desa cibinong kota bogor": the desa is looked for in the regency named
        before, regency = stated
        within = reg if regency.code == reg["regency"] else {"regency": regency.code}
        return place_outcome(turn, _search_villages(within, before), _village_example(reg), before)
    if (named := _desa_then_district(turn, reg, turn.text)) is not None:
        return named
    result = _search_villages(reg, turn.text)
    if (district := _district_named(reg, turn.text, result)) is not None:
        return _ask_desa_in(turn, reg, district)
    if result.no_good_match and (
        elsewhere := _district_elsewhere(turn, turn.text, reg["regency"], near=True)
    ):
        return elsewhere
    if not result.matches and (elsewhere := _village_elsewhere(turn, turn.text, reg["regency"])):
        return elsewhere  # nothing of the regency near: a namesake "tua" elsewhere is no Tuban
    if not result.matches and _names_only_a_place(turn.text) and not _other_answer(turn.text):
        text = turn._(
            'I found no desa or kelurahan called "{typed}" in {regency}. Check the spelling and '
            "type it again, or type kembali if you live in another regency."
        )
        return Reject(text.format(typed=turn.text[:40], regency=regency_label(reg["regency"])))
    return place_outcome(turn, result, _village_example(reg))


def _offered_by_where(turn: Turn) -> str | None:
    """The offered namesake desa picked by where it lies ("yg di badung"), else None."""
    offered = [c for c in turn.offered if c.id.startswith("place:") and c.id.count(".") == 3]
    if turn.choice is not None or len(offered) < 2:
        return None
    where = [c.label.partition(", ")[2] for c in offered]
    pick = chatwords.pick_place(turn.text, where)
    if pick is None or pick.alternatives:
        return None
    return action_argument(offered[pick.index].id)


def _village_elsewhere(turn: Turn, typed: str, ours: str) -> Confirm | Offer | None:
    """A desa of that exact name in another regency than `ours`, where it lies asked.

    "dalung" after a yes to Kota Surabaya, the NIK's: namesakes are offered, as a kecamatan's
    are (`_district_elsewhere`).
    """
    if _other_answer(typed) or not _names_only_a_place(typed):
        return None
    found = [v for v in regions.villages_named(typed) if not v.code.startswith(ours + ".")]
    if len(found) > 1:
        text = turn._('There is no "{typed}" in {ours}. Which one do you mean?')
        choices = tuple(Choice(f"place:{v.code}", _label(v)) for v in found)
        return Offer(text.format(typed=typed[:40], ours=regency_label(ours)), choices)
    if not found:
        return None
    question = turn._("{village} is in {place}, not in {ours}. Do you live there?").format(
        village=found[0].name,
        place=_label(found[0]).partition(", ")[2],
        ours=regency_label(ours),
    )
    return Confirm(question, _place_values(found[0].code))


def _district_elsewhere(
    turn: Turn, typed: str, ours: str, *, near: bool = False
) -> Confirm | Offer | None:
    """A kecamatan of another regency than `ours` ("kec cibinong" after yes to Kab. Badung).

    Where it lies is said and asked: yes moves the address there (the desa is asked in it),
    no asks the desa of `ours`; namesakes in several regencies are offered. With `near` (at the
    desa step, where no place of `ours` is near the name), a misspelt one ("kec cibinon") is
    found by the fuzzy pick every place step uses (`chatwords.pick_place`) among the names it
    is spelled like (`regions.misspelt`: "tua" is no Tualang); the question confirms it, with
    the names as close offered beside it. A work ("jualan sayur") or a sentence is no
    kecamatan.
    """
    if chatwords.yes_no(typed) is not None or amounts.parse_amount(typed) is not None:
        return None
    result = regions.search_all_districts(typed)
    elsewhere = [m.region for m in result.matches if not m.region.code.startswith(ours + ".")]
    found = [d for d in _exact(result) if d in elsewhere]
    others: tuple[Choice, ...] = ()
    if not found and near and not result.no_good_match and _names_only_a_place(typed):
        elsewhere = [d for d in elsewhere if regions.misspelt(typed, d.name)]
        pick = chatwords.pick_place(typed, [d.name for d in elsewhere])
        found = [elsewhere[pick.index]] if pick else []
        close = [elsewhere[i] for i in pick.alternatives] if pick else []
        others = tuple(Choice(f"place:{d.code}", _label(d)) for d in close)
    if not found:
        return None
    if len(found) > 1:
        choices = tuple(Choice(f"place:{d.code}", _label(d)) for d in found)
        return Offer(turn._(WHICH_PLACE), choices)
    district = found[0]
    question = turn._(
        "{district} is a kecamatan in {regency}, not in {ours}. Do you live in {regency}?"
    ).format(
        district=district.name,
        regency=regency_label(district.code[:5]),
        ours=regency_label(ours),
    )
    return Confirm(question, _place_values(district.code), others)


def _other_answer(typed: str) -> bool:
    """A yes or no, or an amount: no place ("sewulan 2 yuta" answers a later step)."""
    return chatwords.yes_no(typed) is not None or amounts.parse_amount(typed) is not None


def _names_only_a_place(typed: str) -> bool:
    """A short name and no work: "kec cibinon", never "jualan sayur di pasar"."""
    return find_occupation(typed) is None and len(chatwords.place_key(typed).split()) <= 3


def _district_named(
    reg: dict[str, Any], typed: str, villages: regions.SearchResult
) -> regions.Region | None:
    """The kecamatan a message names at the desa step ("kuta utara"), else None.

    Only when it names one kecamatan of the regency better than any desa: "kuta utara" (or
    "kec kuta utra") is the kecamatan, never desa Kuta of Kec. Kuta; "mengwi", both a kecamatan
    and a desa, is the desa.
    """
    if "," in typed or _SENTENCE.search(typed) or chatwords.yes_no(typed) is not None:
        return None  # "Dalung, Kuta Utara": a desa and where it lies; "iya": no place
    districts = regions.search_districts(reg["regency"], typed)
    if districts.no_good_match or not districts.matches:
        return None
    top, *others = districts.matches
    if others and others[0].score >= top.score:
        return None  # two kecamatan as near: a desa search decides, or asks
    village = villages.matches[0].score if villages.matches and not villages.no_good_match else 0
    return top.region if top.score > village else None


def _ask_desa_in(turn: Turn, reg: dict[str, Any], district: regions.Region) -> Offer:
    """A kecamatan typed for the desa: its desa are asked for (offered, when few), never guessed.

    The kecamatan is kept in the answers, so the desa typed next is looked for in it first.
    """
    reg["district"] = district.code
    villages = regions.villages(district.code)
    choices = (
        tuple(Choice(f"place:{v.code}", v.name) for v in villages)
        if len(villages) <= regions.MAX_MATCHES
        else ()
    )
    text = turn._(
        "{district} is a kecamatan. Which desa or kelurahan in {district}? Choose, or type its "
        "name. Example: {example}"
    )
    return Offer(text.format(district=district.name, example=_village_example(reg)), choices)


VILLAGE = Field(
    "village",
    ask_village,
    read_village,
    keys=("village", "district"),
    about=N_(
        "Yes. Your desa or kelurahan lets the branch office of your area contact you, and shows "
        "whether your village has a program that pays the contribution."
    ),
)

FIELDS = (REGENCY, VILLAGE)
