"""Parse the plain numbers of header and budget cells (amounts, head counts).

Target values have their own parser (formex.normalize.targets); these are the simple ones.
Text folds by the number-reading policy of formex.schemas.text_policy; the unit suffixes
an amount or a count may end with are listed in schemas/text.yaml.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from formex.schemas.text_policy import fold_number_text, load_text_vocabulary

AMOUNT = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
GROUPED = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 16     # amounts are written as decimal128(18, 2)


def parse_amount(text: str | None) -> Decimal | None:
    """An amount as written (thousands separators allowed), or None.

    >>> parse_amount("234,962,720.00")
    Decimal('234962720.00')
    >>> parse_amount("０.００元")
    Decimal('0.00')
    >>> parse_amount("约三百万") is None
    True
    """
    if not text:
        return None
    text = fold_number_text(text).strip().replace(" ", "")
    text = _amount_unit().sub("", text)  # the unit's scale is the caller's to apply
    if GROUPED.match(text):
        text = text.replace(",", "")
    if not AMOUNT.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def scale_amount(amount: Decimal, power: int) -> Decimal:
    """Yuan from an amount stated in 10**power yuan, to the fen.

    >>> scale_amount(Decimal("10596.35"), 4)
    Decimal('105963500.00')
    >>> scale_amount(Decimal("234962720000000000000000000.00"), 0) >= MAX_AMOUNT   # no InvalidOperation
    True
    """
    scaled = amount.scaleb(power)
    if abs(scaled) >= MAX_AMOUNT:   # quantize would overflow the context's 28 digits; callers check the range
        return scaled
    return scaled.quantize(CENT)


def amount_fits(amount: Decimal | None) -> bool:
    """Whether an amount fits the amount columns (None fits: it is written as null)."""
    return amount is None or abs(amount) < MAX_AMOUNT


def parse_count(text: str | None) -> int | None:
    """A whole count such as a head count.

    >>> parse_count("13"), parse_count("13人"), parse_count("1.5")
    (13, 13, None)
    """
    amount = parse_amount(_count_unit().sub("", (text or "").strip()))
    if amount is None or amount != amount.to_integral_value():
        return None
    return int(amount)


def amount_unit_power(text: str) -> int | None:
    """The power of ten the unit an amount ends with states, or None when it ends with none.

    >>> amount_unit_power("23,496.27万元"), amount_unit_power("1.5亿元"), amount_unit_power("350.00")
    (4, 8, None)
    """
    m = _amount_unit().search(text.rstrip())
    return load_text_vocabulary().amount_units[m.group()] if m else None


def named_unit_power(text: str) -> int | None:
    """The power of ten of the amount unit a header names anywhere, or None.

    >>> named_unit_power("金额（万元）"), named_unit_power("金额(元)"), named_unit_power("金额")
    (4, 0, None)
    """
    m = _amount_unit_anywhere().search(text)
    return load_text_vocabulary().amount_units[m.group()] if m else None


@lru_cache(maxsize=1)
def _amount_unit() -> re.Pattern:
    return re.compile(_alternation(load_text_vocabulary().amount_units) + "$")


@lru_cache(maxsize=1)
def _amount_unit_anywhere() -> re.Pattern:
    return re.compile(_alternation(load_text_vocabulary().amount_units))


@lru_cache(maxsize=1)
def _count_unit() -> re.Pattern:
    return re.compile(_alternation(load_text_vocabulary().count_units) + "$")


def _alternation(words) -> str:
    """Any of `words`, longest first (万元 before 元)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
