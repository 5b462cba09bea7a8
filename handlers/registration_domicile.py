"""Registration's questions about where the person lives: regency, kecamatan, desa.

The regency of the NIK is offered first; otherwise each level is a fuzzy search of the typed
name (bot.domain.regions), with buttons when several places match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lokal import PROVINCES

from bot.conversation import Choice, Kind, Reply
from bot.domain import regions
from bot.routing import Router, Turn, action_argument
from handlers.registration import FLOW, advance, answers, is_question, prompt, yes_no
from handlers.registration_text import regency_label

router = Router()


@prompt("regency")
def ask_regency(turn: Turn) -> list[Reply]:
    reg = answers(turn)
    text = turn._("Do you live in {place}?").format(place=regency_label(reg["nik_regency"]))
    choices = (
        Choice("regency_yes", turn._("Yes, I live there")),
        Choice("regency_no", turn._("No, somewhere else")),
    )
    return [Reply(text, choices)]


@router.step(f"{FLOW}.regency", prompt=ask_regency)
def on_regency(turn: Turn) -> list[Reply] | None:
    answer = {"regency_yes": True, "regency_no": False}.get(turn.choice or "", yes_no(turn))
    if answer is None:
        return None
    reg = answers(turn)
    if answer:
        reg["regency"] = reg["nik_regency"]
    else:
        reg["regency_typing"] = True
    return advance(turn)


@prompt("regency_search")
def ask_regency_search(turn: Turn) -> list[Reply]:
    return [Reply(turn._("Type the name of the regency or city where you live. Example: Gianyar"))]


def _search_regencies(query: str) -> regions.SearchResult:
    """Regencies of every province (people move for work); "kab"/"kota" typed decides a tie."""
    matches: list[regions.Match] = []
    for province in PROVINCES:
        matches += regions.search_regencies(province, query).matches
    good = [m for m in matches if m.score >= regions.GOOD_SCORE]
    ranked = sorted(good or matches, key=lambda m: (-m.score, m.region.code))
    kind = re.match(r"\s*(kota|kab)", query, re.IGNORECASE)
    if kind:
        prefix = "Kota" if kind.group(1).lower() == "kota" else "Kabupaten"
        exact = [m for m in ranked if m.score >= 100 and m.region.name.startswith(prefix)]
        if len(exact) == 1:
            return regions.SearchResult((exact[0],))
    return regions.SearchResult(
        tuple(ranked[: regions.MAX_MATCHES]),
        too_many=len(good) > regions.MAX_MATCHES,
        no_good_match=not good,
    )


def _place_step(
    turn: Turn, key: str, search: Callable[[str], regions.SearchResult], example: str
) -> list[Reply] | None:
    """Shared by regency, kecamatan and desa: a pressed match, else a fuzzy search of the text."""
    reg = answers(turn)
    if turn.choice and turn.choice.startswith("place:"):
        reg[key] = action_argument(turn.choice)
        return advance(turn)
    if turn.incoming.kind is not Kind.TEXT or is_question(turn.text):
        return None
    result = search(turn.text)
    if result.best is not None:
        reg[key] = result.best.region.code
        return advance(turn)
    if result.too_many:
        text = turn._(
            'Many places match "{typed}". Type the name more completely. Example: {example}'
        )
        return [Reply(text.format(typed=turn.text[:40], example=example))]
    if not result.matches:
        text = turn._(
            'I found no place called "{typed}". Check the spelling and type it again. '
            "Example: {example}"
        )
        return [Reply(text.format(typed=turn.text[:40], example=example))]
    text = turn._("Which one do you mean? Choose, or type the name again.")
    choices = tuple(
        Choice(f"place:{m.region.code}", re.sub(r"^Kabupaten ", "Kab. ", m.region.label))
        for m in result.matches
    )
    return [Reply(text, choices)]


@router.step(f"{FLOW}.regency_search", prompt=ask_regency_search)
def on_regency_search(turn: Turn) -> list[Reply] | None:
    replies = _place_step(turn, "regency", _search_regencies, "Gianyar")
    if "regency" in answers(turn):
        answers(turn).pop("regency_typing", None)
    return replies


def _example(children: list[regions.Region], fallback: str) -> str:
    return children[len(children) // 2].name if children else fallback


@prompt("district")
def ask_district(turn: Turn) -> list[Reply]:
    example = _example(regions.districts(answers(turn)["regency"]), "Kuta Utara")
    text = turn._("Type the name of your kecamatan (district). Example: {example}").format(
        example=example
    )
    return [Reply(text, (Choice("district_unknown", turn._("I do not know my kecamatan")),))]


@router.step(f"{FLOW}.district", prompt=ask_district)
def on_district(turn: Turn) -> list[Reply] | None:
    reg = answers(turn)
    if turn.choice == "district_unknown":
        reg["district"] = None
        return advance(turn)
    example = _example(regions.districts(reg["regency"]), "Kuta Utara")
    return _place_step(
        turn, "district", lambda q: regions.search_districts(reg["regency"], q), example
    )


def _village_example(reg: dict[str, Any]) -> str:
    """A desa of the chosen kecamatan; a fixed one when the kecamatan is unknown."""
    return _example(regions.villages(reg["district"]) if reg["district"] else [], "Dalung")


@prompt("village")
def ask_village(turn: Turn) -> list[Reply]:
    text = turn._("Type the name of your desa or kelurahan (village). Example: {example}")
    return [Reply(text.format(example=_village_example(answers(turn))))]


@router.step(f"{FLOW}.village", prompt=ask_village)
def on_village(turn: Turn) -> list[Reply] | None:
    reg = answers(turn)
    parent = reg["district"] or reg["regency"]
    replies = _place_step(
        turn, "village", lambda q: regions.search_villages(parent, q), _village_example(reg)
    )
    if reg.get("village") and not reg.get("district"):
        reg["district"] = reg["village"].rsplit(".", 1)[0]
    return replies
