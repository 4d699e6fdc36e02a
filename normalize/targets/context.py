"""The context pass: what the row around a target cell settles that the cell alone cannot.

`apply_target_context` takes a parsed Target and the row's indicator name, unit column
and form year, and returns a new Target (never the same object changed) with what it
changed recorded in the flags:

* `unit_from_column`  a bare number gets the unit column's unit (95 + `%` -> 95 %)
* `unit_conflict`     the cell's unit contradicts the column's (the cell wins; ambiguous)
* `unit_from_name`    a bare number gets a unit the indicator name clearly states
                      (`…率(%)`, `…率` with 1 < value ≤ 100, `…人数`); conservative by design
* `zero_from_name`    the placeholder `无` on an 事故/投诉/违规 count becomes eq 0
* `year_from_context` a relative deadline (`年底前`) resolved with the form's year
* `context_error`     the pass itself raised (a bug): the cell's own reading is returned
                      with this flag, which makes it `failed` (FLAG_EFFECTS), never `ok`

`join_split_target` glues forms that split 指标性质 / 指标值 / 计量单位 into columns.

>>> from formex.normalize.targets import parse_target
>>> t = apply_target_context(parse_target("95"), unit_column="%")
>>> t.unit, t.status, "unit_from_column" in t.flags
('%', 'ok', True)
>>> join_split_target("≥", "95", "%")
'≥95%'
"""
from __future__ import annotations

import dataclasses
import math
import re
from functools import lru_cache

from formex.normalize.targets.grammar import (Clause, grammar_patterns, match_comparator, match_per_units, match_scale_unit,
                                      parse_quantity)
from formex.normalize.targets.model import Target, grade, value_base
from formex.normalize.targets.reading import read_target
from formex.normalize.targets.text import clean_target_text
from formex.schemas.target_lexicon import TargetLexicon, UnitVariant, load_target_lexicon

_PAREN_UNIT = re.compile(r"\(([^()]{1,6})\)$")
_CONTEXT_BASE = 0.95          # confidence of a bare number once a unit is known from the row


def parse_unit_text(text: str | None, lexicon: TargetLexicon | None = None) -> tuple[UnitVariant | None, int, str] | None:
    """(unit, scale, as written) for a unit written on its own (a unit column), or None.

    >>> parse_unit_text("万元")[0].canonical, parse_unit_text("万元")[1], parse_unit_text("(%)")[2]
    ('元', 4, '%')
    >>> parse_unit_text("个村") is None, parse_unit_text("元/人")[0].canonical
    (True, '元/人')
    """
    if not text:
        return None
    cleaned = clean_target_text(text, lexicon).text.strip("()")
    if not cleaned:
        return None
    g = grammar_patterns(lexicon)
    clause = Clause()
    end = match_per_units(cleaned, match_scale_unit(cleaned, 0, clause, g), clause, g)
    if end != len(cleaned) or clause.unit_raw is None:
        return None
    unit = clause.unit
    if unit is not None and clause.per:
        unit = dataclasses.replace(unit, canonical="/".join((unit.canonical, *clause.per)))
    return unit, clause.scale, cleaned


def _regrade(target: Target, flags: set[str], base: float | None = None, **changes) -> Target:
    kind = changes.get("kind", target.kind)
    status, confidence = grade(kind, flags, target.confidence if base is None else base)
    return dataclasses.replace(target, flags=tuple(sorted(flags)), status=status, confidence=confidence,
                               **changes)


def _with_unit(target: Target, unit: UnitVariant | None, scale: int, written: str | None, flag: str) -> Target:
    """Give a unit-less (or scale-only) number the unit (and scale) found in the row."""
    flags = (set(target.flags) - {"no_unit", "scale_only_unit"}) | {flag}
    if unit is None:
        flags.add("scale_only_unit")                 # the row only said 万
    scale = scale or target.scale
    scaled = target.value_base
    if target.value is not None and scale != target.scale:
        scaled = value_base(repr(target.value), target.value, scale)
    return _regrade(target, flags, base=min(_CONTEXT_BASE, max(target.confidence, 0.9)),
                    unit=unit.canonical if unit else None, unit_class=unit.unit_class if unit else None,
                    unit_raw=written or target.unit_raw, scale=scale, value_base=scaled)


def apply_unit_column(target: Target, unit_column: str | None, lex: TargetLexicon) -> Target:
    column = parse_unit_text(unit_column, lex)
    if column is None or target.kind != "quantitative" or "zero_phrase" in target.flags:
        return target
    unit, scale, written = column
    bare = target.unit is None and target.unit_raw is None
    scale_only = target.unit is None and "scale_only_unit" in target.flags
    if bare:
        return _with_unit(target, unit, scale, written, "unit_from_column")
    if scale_only and unit is not None and scale in (0, target.scale):
        return _with_unit(target, unit, target.scale, target.unit_raw + unit_column_word(written, scale, lex),
                          "unit_from_column")
    if scale_only and scale not in (0, target.scale) \
            or target.unit is not None and unit is not None and not units_agree(target, unit.canonical, scale):
        return _regrade(target, set(target.flags) | {"unit_conflict"})      # ≥1.5万 in a 亿元 column
    return target


def units_agree(target: Target, column_unit: str, column_scale: int) -> bool:
    """Same unit and scale; a rate and its base unit agree (2次 in a 次/年 column, and back).

    >>> from formex.normalize.targets import parse_target
    >>> units_agree(parse_target("≥2次"), "次/年", 0), units_agree(parse_target("≥2次"), "人", 0)
    (True, False)
    """
    if column_scale != target.scale:
        return False
    cell, column = target.unit.split("/"), column_unit.split("/")
    return cell == column or cell[0] == column[0] and (len(cell) == 1 or len(column) == 1)


def unit_column_word(written: str, scale: int, lex: TargetLexicon) -> str:
    """The column's unit word without its scale word (万元 -> 元)."""
    for word, power in lex.scale_words.items():
        if power == scale and written.startswith(word):
            return written[len(word):]
    return written


@lru_cache(maxsize=8192)
def cleaned_name(name: str, lex: TargetLexicon) -> str:
    """An indicator name cleaned as a target cell is (names repeat across a batch; a
    lexicon is hashed by identity)."""
    return clean_target_text(name, lex).text


def apply_indicator_name(target: Target, name: str | None, lex: TargetLexicon) -> Target:
    if not name:
        return target
    name = cleaned_name(name, lex)
    if target.kind == "none" and "maybe_zero" in target.flags and is_zero_count_name(name, lex):
        return _regrade(target, set(target.flags) | {"zero_from_name"}, base=0.8, kind="quantitative",
                        op="eq", value=0.0, value_base=0.0, direction="equal",
                        lower_inclusive=True, upper_inclusive=True)
    if target.kind != "quantitative" or target.unit is not None or "zero_phrase" in target.flags:
        return target
    if target.unit_raw is not None and "scale_only_unit" not in target.flags:
        return target
    m = _PAREN_UNIT.search(name)
    stated = parse_unit_text(m.group(1), lex) if m else None
    if stated and stated[0] is not None and target.scale in (0, stated[1]):       # 金额(万元) + 28.8
        return _with_unit(target, stated[0], stated[1], None, "unit_from_name")
    for rule in lex.unit_from_name:
        if rule.only_with_scale and not target.scale:
            continue
        if rule.pattern.search(name) and _in_range(target, rule.min_value, rule.max_value):
            unit = next(v for v in lex.units.values() if v.canonical == rule.unit)
            return _with_unit(target, unit, target.scale, None, "unit_from_name")
    return target


def _in_range(target: Target, low: float | None, high: float | None) -> bool:
    values = [v for v in (target.value, target.value_max) if v is not None]
    if low is not None and any(v < low for v in values):
        return False
    if high is not None and (target.scale or any(v > high for v in values)):
        return False
    return bool(values)


def is_zero_count_name(name: str, lex: TargetLexicon) -> bool:
    """An indicator that counts incidents (事故/投诉/违规 …), not a rate of them.

    >>> lex = load_target_lexicon()
    >>> is_zero_count_name("重大安全事故发生次数", lex), is_zero_count_name("投诉处理率", lex)
    (True, False)
    """
    name = _PAREN_UNIT.sub("", name)
    return any(word in name for word in lex.zero_count_names) and not name.endswith(lex.not_count_suffixes)


def apply_year(target: Target, year: int | None, lex: TargetLexicon) -> Target:
    if year is None or target.deadline is not None or "relative_date" not in target.flags:
        return target
    resolved = read_target(target.raw, year, lex)
    return dataclasses.replace(resolved, flags=tuple(sorted(set(resolved.flags) | set(target.flags))))


def apply_target_context(target: Target, *, indicator_name: str | None = None,
                         unit_column: str | None = None, year: int | None = None) -> Target:
    """The target with what its row says applied (see the module docstring); never raises.

    When a step raises, the target comes back as the cell alone read it (not half
    changed), raw text kept, flagged `context_error` and graded `failed` by that flag.
    """
    cell_reading = target
    try:
        lex = load_target_lexicon()
        target = apply_year(target, year, lex)
        target = apply_unit_column(target, unit_column, lex)
        return apply_indicator_name(target, indicator_name, lex)
    except Exception:  # noqa: BLE001 - a bad row gives a flagged value, never an exception
        return _regrade(cell_reading, set(cell_reading.flags) | {"context_error"})


def join_split_target(op_text: str | None, value_text: str | None, unit_text: str | None) -> str:
    """One target string from separate 指标性质 (op), 指标值 and 计量单位 columns.

    The op is used only when it is a comparator (正向/定量 are not), and the unit only when
    the value is a bare number.

    >>> join_split_target("大于等于", "90", "(%)"), join_split_target("正向", "≥5", "万元")
    ('大于等于90%', '≥5万元')
    >>> join_split_target("定性", "按时完成", "%"), join_split_target(None, 95, "%")
    ('按时完成', '95%')
    """
    value_text, op_text, unit_text = _as_text(value_text), _as_text(op_text), _as_text(unit_text)
    value = clean_target_text(value_text).text
    if not value:
        return value_text
    quantity = parse_quantity(value)
    if quantity is None:                    # 按时完成, 无: no op or unit to add
        return value
    lex = load_target_lexicon()
    op = clean_target_text(op_text).text
    comparator = match_comparator(op, 0) if op else None
    if comparator and comparator[2] == len(op) and quantity.op is None:
        value = op + value
    elif op in lex.suffix_words and quantity.op is None:
        value = value + op
    unit = clean_target_text(unit_text).text.strip("()")
    if unit and quantity.unit_raw is None and not unit[0].isdigit():     # a number is no unit
        value = _insert_unit(value, unit, lex)
    return value


def _as_text(cell) -> str:
    """A spreadsheet cell as text: None and NaN are empty, numbers as written (95, 95.5)."""
    if cell is None or isinstance(cell, float) and math.isnan(cell):
        return ""
    return cell if isinstance(cell, str) else str(cell)


def _insert_unit(value: str, unit: str, lex: TargetLexicon) -> str:
    """Put the unit after the number, before a suffix word: 95以上 + % -> 95%以上."""
    for word in sorted(lex.suffix_words, key=len, reverse=True):
        if value.endswith(word) and word not in lex.approx_suffix_words:
            return value[:-len(word)] + unit + word
    return value + unit
