"""Parse the plain numbers of header and budget cells (amounts, head counts).

Target values have their own parser (formex.normalize.targets); these are the simple ones.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

AMOUNT = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
GROUPED = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
CENT = Decimal("0.01")


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
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    text = re.sub(r"(亿元|万元|元)$", "", text)  # the unit's scale is the caller's to apply
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
    """
    return (amount * (Decimal(10) ** power)).quantize(CENT)


def parse_count(text: str | None) -> int | None:
    """A whole count such as a head count.

    >>> parse_count("13"), parse_count("13人"), parse_count("1.5")
    (13, 13, None)
    """
    amount = parse_amount(re.sub(r"(人|个|名|家)$", "", (text or "").strip()))
    if amount is None or amount != amount.to_integral_value():
        return None
    return int(amount)
