"""Text for a terminal: document text made safe to print, and typed values in words.

Everything `show` and `explain` print from a document goes through `safe_text` and is
handed to rich as `Text` (never as a markup string), so a cell reading `[/bold]` prints
as written and escape sequences in a document (`\\x1b[31m`, `\\x1b]8;;…`) never reach
the terminal.

>>> safe_text("≥95%\\x1b[31m"), safe_text("a\\tb\\nc"), safe_text("a\\nb", lines=True)
('≥95%\\\\x1b[31m', 'a b c', 'a\\nb')
>>> format_amount("234962720.00"), format_number(5000.0), format_number(3.5)
('234,962,720.00元', '5000', '3.5')
"""
from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from typing import Any, Mapping


from formex.schemas.target_lexicon import load_target_lexicon
from formex.schemas.text_policy import load_text_vocabulary

# C0 and C1 controls (ESC, CSI, OSC …), DEL, and the bidirectional overrides that make
# text display in another order than it reads
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# what JSON leaves as it is but a terminal could act on (C1 controls, DEL, bidi overrides)
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
OP_SIGNS = {"eq": "", "ge": "≥", "gt": ">", "le": "≤", "lt": "<", "none": "", "range": ""}
DEADLINE_WORDS = {"le": "前", "lt": "前", "ge": "后", "gt": "后"}


def escape_char(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(value: Any, *, lines: bool = False) -> str:
    """The value as text with control characters shown as escapes (`\\x1b`), tabs as
    spaces, and line breaks kept only when `lines` (else spaces)."""
    if is_missing(value):
        return ""
    text = str(value).replace("\t", " ").replace("\r\n", "\n")
    if not lines:
        text = text.replace("\n", " ")
    return _UNSAFE.sub(escape_char, text)


def safe_json(data: Any) -> str:
    r"""`data` as JSON (not ASCII-escaped, so Chinese stays readable) with every character
    a terminal could act on written as a `\u` escape: the same JSON value.

    >>> print(safe_json({"name": "数量\x1b[31m\x9b"}))
    {
     "name": "数量\u001b[31m\u009b"
    }
    """
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_missing(value: Any) -> bool:
    """None, NaN, pd.NA or NaT (pandas gives any of them for an empty cell)."""
    import pandas as pd   # here, not above: `formex extract` prints through this module without pandas

    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(value != value)     # NaN is the one value not equal to itself
    except (TypeError, ValueError):     # an array: not a missing scalar
        return False


def format_number(value: float) -> str:
    """A value without a trailing `.0`; 1e16 and beyond as written by Python."""
    if float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value))


def format_amount(value: Any) -> str:
    """An amount in 元 (the base amount unit of `schemas/text.yaml`) with thousands
    separators; empty for no amount."""
    if is_missing(value):
        return ""
    return f"{Decimal(str(value)):,.2f}{base_amount_unit()}"


def base_amount_unit() -> str:
    return next(unit for unit, power in load_text_vocabulary().amount_units.items() if power == 0)


def scale_word(scale: int) -> str:
    """万 for 4, 亿 for 8 …: the shortest scale word of the target vocabulary."""
    words = [w for w, s in load_target_lexicon().scale_words.items() if s == scale]
    return min(words, key=len) if words else f"×10^{scale}"


def format_target(fields: Mapping[str, Any]) -> str:
    """A typed target in a few characters, from its fields (the `target_*` columns
    without the prefix): `≥95%`, `5000万元`, `60–70%`, `2026-12-31前`, a qualitative
    code (`on_time`), `—` for none; what could not be typed is quoted as written.

    >>> format_target({"kind": "quantitative", "op": "eq", "value": 5000.0, "scale": 4, "unit": "元"})
    '5000万元'
    >>> format_target({"kind": "deadline", "op": "le", "deadline": datetime.date(2026, 12, 31)})
    '2026-12-31前'
    """
    kind = fields.get("kind")
    if kind == "quantitative" and not is_missing(fields.get("value")):
        scale = fields.get("scale") or 0
        unit = fields.get("unit")
        if is_missing(unit):
            unit = fields.get("unit_raw")
            unit = "" if is_missing(unit) else str(unit)
            if scale and unit.startswith(scale_word(scale)):
                unit = unit[len(scale_word(scale)):]    # =350(万): the scale word alone
        number = format_number(fields["value"])
        if fields.get("op") == "range" and not is_missing(fields.get("value_max")):
            number += "–" + format_number(fields["value_max"])
        suffix = (scale_word(int(scale)) if scale else "") + safe_text(unit)
        return OP_SIGNS.get(fields.get("op"), "") + number + suffix
    if kind == "deadline" and isinstance(fields.get("deadline"), datetime.date):
        return fields["deadline"].isoformat() + DEADLINE_WORDS.get(fields.get("op"), "")
    if kind == "qualitative" and not is_missing(fields.get("qual")) and fields["qual"] != "other":
        return OP_SIGNS.get(fields.get("op"), "") + str(fields["qual"])
    if kind == "none":
        return "—"
    text = fields.get("text")
    text = fields.get("raw") if is_missing(text) else text
    return "—" if is_missing(text) else repr_text(text)


def repr_text(value: Any, limit: int = 24) -> str:
    """Text as written, quoted, shortened to `limit` characters."""
    text = safe_text(value)
    return f"'{text[:limit - 1]}…'" if len(text) > limit else f"'{text}'"
