"""What is typed around an amount: a period alone, a figure alone, or that it is not known.

Amounts themselves are read by ``bot.domain.amounts``; these say when a message is only part
of one ("2jt", then "sebulan") or none ("ga tau", "tergantung musim").
"""

from __future__ import annotations

from bot.domain import amounts
from bot.domain.chatwords.reading import _MAX_CHARS, _clean, _fold, _words
from bot.domain.chatwords.yesno import _yes_no_table


def period_alone(text: str) -> str | None:
    """The period a message names with no amount ("sebulan", "per hari pak"), else None.

    Day, week, month or year: the unit of an amount sent just before it, as two messages at
    once ("2jt", "sebulan").

    >>> period_alone("sebulan"), period_alone("Per hari pak"), period_alone("2jt sebulan")
    ('month', 'day', None)
    """
    if len(text) > _MAX_CHARS:
        return None
    fillers = _yes_no_table().filler
    tokens = [t for t in amounts.tokens(text) if _fold(t) not in fillers]
    periods = amounts.table().periods
    return periods.get(tuple(tokens)) if tokens else None


def figure_alone(text: str) -> str | None:
    """The figure a message is and nothing else, with its scale or period if any, else None.

    With no form asking, "35" may be an age, an income or a count of months: the index took
    it for an answer of its own. The figure is given as read, without what surrounds it.

    >>> [figure_alone(t) for t in ("35!", "2,5jt", "Rp 100rb sehari", "dua juta")]
    ['35', '2,5 jt', 'rp 100 rb sehari', 'dua juta']
    >>> [figure_alone(t) for t in ("umur 35", "sebulan", "0,89%", "3 anak")]
    [None, None, None, None]
    """
    if len(text) > _MAX_CHARS:
        return None
    table = amounts.table()
    fillers = _yes_no_table().filler
    tokens = [t for t in amounts.tokens(text) if _fold(t) not in fillers]
    figures = {t for t in tokens if t[0].isdigit() or t in table.numbers or t in table.tens}
    rest = tuple(t for t in tokens if t not in figures | table.scales.keys() | table.currency)
    alone = figures and (not rest or rest in table.periods)
    return " ".join(tokens) if alone else None


def money_alone(text: str) -> bool:
    """Whether a message is only an amount of money: a figure with its scale or currency.

    A bare figure may be an age or a phone number; "3jtan sebulan" is only an income.

    >>> [money_alone(t) for t in ("3jtan sebulan", "Rp 3.000.000", "45", "081234567890")]
    [True, True, False, False]
    """
    table = amounts.table()
    scaled = table.scales.keys() | table.currency
    return figure_alone(text) is not None and any(t in scaled for t in amounts.tokens(text))


def with_period(text: str, amount: object) -> str | None:
    """The amount just answered with the period sent right after it, as one answer, else None.

    A form's income field amends its answer with it (`Field.amended`): "100rb", then "sehari".

    >>> with_period("sehari", "100000"), with_period("2jt", "100000"), with_period("sehari", None)
    ('100000 sehari', None, None)
    """
    return f"{amount} {text}" if amount is not None and period_alone(text) else None


def dont_know(text: str) -> bool:
    """Whether the person says they do not know, or that it varies ("ga tau", "UMR").

    >>> dont_know("gak tahu kak"), dont_know("tergantung musim"), dont_know("2 juta")
    (True, True, False)
    """
    t = _clean(text)
    if len(t) > _MAX_CHARS:
        return False
    ws = _words(t)
    unsure = {p for p, said in _yes_no_table().phrases.items() if said == "unsure"}
    if any(ws[i : i + len(p)] == p for p in unsure for i in range(len(ws))):
        return True
    return bool(amounts.matches(amounts.tokens(t), amounts.table().varies))
