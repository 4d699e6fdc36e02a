"""The typed target value and the rules that grade it (status, confidence, direction).

`Target` is what the parser gives for every cell: the raw text kept, the typed fields of
the contract's `target_*` columns, and a few extras. Status and confidence are not set by
hand in each strategy: a strategy gives a base confidence and flags, and `grade` applies
the table `FLAG_EFFECTS` below, so one flag always means the same thing.

>>> grade("quantitative", {"no_unit", "op_implicit"}, 0.9)
('ok', 0.85)
>>> grade("quantitative", {"scale_only_unit"}, 1.0)
('partial', 0.8)
>>> grade("none", {"maybe_zero"}, 1.0), grade("none", {"maybe_zero", "context_error"}, 1.0)
(('empty', 0.8), ('failed', 0.0))
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, fields
from typing import Any

from formex.schemas.target_flags import load_flag_phrases
from formex.schemas.target_lexicon import OPS

OP_DIRECTION = {"eq": "equal", "ge": "positive", "gt": "positive", "le": "negative", "lt": "negative",
                "range": "band", "none": "none"}
OP_BOUNDS = {"eq": (True, True), "ge": (True, None), "gt": (False, None), "le": (None, True),
             "lt": (None, False), "range": (True, True), "none": (None, None)}
FLIPPED_OP = {"ge": "le", "gt": "lt", "le": "ge", "lt": "gt", "eq": "eq", "range": "range", "none": "none"}
assert OP_DIRECTION.keys() == OPS == OP_BOUNDS.keys() == FLIPPED_OP.keys()

# flag -> (status it forces or None, confidence cap or None). Every flag the parser (and
# the indicators stage, `columns_joined`) can emit is listed here, and docs/targets.md
# lists the same table; tests/test_signals.py checks both, statically and on parses.
FLAG_EFFECTS: dict[str, tuple[str | None, float | None]] = {
    # cleaning repairs (docs/targets.md noise catalogue): recorded, harmless
    "latex": (None, None), "fullwidth": (None, None), "op_variant": (None, None),
    "whitespace": (None, None), "html_entity": (None, None), "thousands_sep": (None, None),
    "stray_mark": (None, None), "wrapped": (None, None), "inclusive_note": (None, None),
    "columns_joined": (None, None),     # set by the indicators stage: 指标性质/计量单位 cells joined
    "unbalanced_paren": (None, 0.95), "digit_lookalike": (None, 0.9),
    # readings that are right but less certain
    "op_implicit": (None, 0.9), "approx": (None, 0.9), "chinese_numeral": (None, 0.9),
    "no_unit": (None, 0.85), "relative_change": (None, 0.85), "zero_phrase": (None, 0.85),
    "unit_unlisted": (None, 0.8), "trailing_text": (None, 0.8), "unit_from_name": (None, 0.8),
    "year_from_context": (None, 0.8), "maybe_zero": (None, 0.8), "zero_from_name": (None, 0.7),
    "unit_synonym": (None, None), "basis_note": (None, None), "unit_from_column": (None, None),
    "spreadsheet_error": (None, None), "date_span": (None, None), "unit_repeated": (None, 0.9),
    "with_deadline": (None, None), "traditional": (None, None), "pinyin_gloss": (None, None),
    # incomplete: typed, but something is missing
    "scale_only_unit": ("partial", 0.8), "leading_text": ("partial", 0.7),
    "relative_date": ("partial", 0.6), "graded_standard": ("partial", 0.5),
    # a person should look
    "multiple_targets": ("ambiguous", 0.4), "garbage_prefix": ("ambiguous", 0.4),
    "ocr_op_lost_suspect": ("ambiguous", 0.4), "unit_conflict": ("ambiguous", 0.4),
    "op_conflict": ("ambiguous", 0.4), "range_reversed": ("ambiguous", 0.4),
    "free_text": ("ambiguous", 0.4), "invalid_date": ("ambiguous", 0.3),
    # nothing typed
    "no_target": ("failed", 0.0), "too_long": ("failed", 0.0), "parse_error": ("failed", 0.0),
    # the context pass raised: the cell's own reading is kept, but nothing vouches for it
    "context_error": ("failed", 0.0),
}
KNOWN_FLAGS = frozenset(FLAG_EFFECTS)
# flags that say what an unknown cell is (kind unknown, nothing typed, not failed)
SEEN_FLAGS = frozenset({"garbage_prefix", "graded_standard"})
_STATUS_ORDER = {"ok": 0, "partial": 1, "ambiguous": 2, "failed": 3}
_ARABIC = re.compile(r"[+-]?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Target:
    raw: str | None                 # exactly as given
    text: str | None                # cleaned text; None for None input
    kind: str                       # quantitative | qualitative | deadline | none | unknown
    op: str                         # eq | ge | gt | le | lt | range | none
    value: float | None
    value_max: float | None
    scale: int                      # power of ten of a scale word, 0 when none
    value_base: float | None        # value * 10**scale
    unit: str | None                # canonical
    unit_raw: str | None            # as written (scale word included: 万元)
    deadline: datetime.date | None
    deadline_start: datetime.date | None  # the first day of a period target (ruling L4)
    qual: str | None
    status: str                     # ok | partial | ambiguous | failed | empty
    confidence: float               # 0..1
    flags: tuple[str, ...]          # sorted, unique
    direction: str | None = None    # positive | negative | equal | band | none
    unit_class: str | None = None
    qual_rank: int | None = None
    relative_to: str | None = None
    deadline_precision: str | None = None
    basis: str | None = None
    lower_inclusive: bool | None = None
    upper_inclusive: bool | None = None


def grade(kind: str, flags: set[str] | frozenset[str], base: float) -> tuple[str, float]:
    """(status, confidence) from the kind, the flags and the strategy's base confidence."""
    if kind == "none":
        status, confidence = "empty", base
    elif kind == "unknown" and ("no_target" in flags or not flags & SEEN_FLAGS):
        return "failed", 0.0
    else:   # typed, or unknown but seen for what it is (无100, a graded standard)
        status, confidence = "ok", base
    for flag in flags:
        forced, cap = FLAG_EFFECTS.get(flag, (None, None))
        if flag == "relative_date" and "year_from_context" in flags:
            continue                                    # the form's year resolved it
        if cap is not None:
            confidence = min(confidence, cap)
        if forced is None or status == "empty" and forced != "failed":
            continue                                    # a placeholder stays empty, unless it failed
        if status == "empty" or _STATUS_ORDER[forced] > _STATUS_ORDER[status]:
            status = forced
    return status, round(confidence, 2)


def describe_flags(flags: tuple[str, ...] | list[str]) -> str:
    """The flags in words (`schemas/target_flags.yaml`), those that set the status first.

    >>> describe_flags(("garbage_prefix", "no_unit", "op_implicit"))
    'stray characters before the number; no unit; no comparison sign written'
    """
    phrases = load_flag_phrases()
    weight = {flag: -_STATUS_ORDER.get(FLAG_EFFECTS.get(flag, (None, None))[0], -1) for flag in flags}
    ordered = sorted(flags, key=lambda flag: (weight[flag], flag))
    return "; ".join(phrases.get(flag, flag.replace("_", " ")) for flag in ordered)


def value_base(number_text: str | None, value: float | None, scale: int) -> float | None:
    """value x 10**scale, exact in decimal when the number was written in Arabic digits.

    >>> value_base("28.8", 28.8, 4), value_base(None, 2.0, 4)
    (288000.0, 20000.0)
    """
    if value is None:
        return None
    if number_text is not None and _ARABIC.fullmatch(number_text):
        return float(f"{number_text}e{scale}")
    return value * 10 ** scale


_READING_DEFAULTS: dict[str, Any] = {
    "op": "none", "value": None, "value_max": None, "scale": 0, "value_base": None, "unit": None,
    "unit_raw": None, "deadline": None, "deadline_start": None, "qual": None, "direction": None, "unit_class": None,
    "qual_rank": None, "relative_to": None, "deadline_precision": None, "basis": None}


_FIELD_COUNT = len(fields(Target))


def build_target(raw: str | None, text: str | None, reading: dict[str, Any], flags: set[str]) -> Target:
    """A Target from a strategy's reading (Target fields, plus a `base` confidence and
    optional `bounds`) and all the flags collected on the way."""
    values = {**_READING_DEFAULTS, **reading}
    status, confidence = grade(values["kind"], flags, values.pop("base", 1.0))
    op = values["op"]
    values["lower_inclusive"], values["upper_inclusive"] = values.pop("bounds", None) or OP_BOUNDS[op]
    if values["direction"] is None:
        values["direction"] = OP_DIRECTION[op]
    values.update(raw=raw, text=text, status=status, confidence=confidence, flags=tuple(sorted(flags)))
    return _new_target(values)


def _new_target(values: dict[str, Any]) -> Target:
    """Target(**values) without the frozen dataclass's __init__, which sets each of the 24
    fields through object.__setattr__ and cost a fifth of a whole parse. The instance is
    the same (equal, frozen, `dataclasses.replace` works); a key that is not a field fails
    as it would in __init__.

    >>> t = _new_target({f.name: None for f in fields(Target)})
    >>> t == Target(**{f.name: None for f in fields(Target)})
    True
    """
    if len(values) != _FIELD_COUNT:
        Target(**values)                                # raises the TypeError naming the field
    target = object.__new__(Target)
    target.__dict__.update(values)
    return target
