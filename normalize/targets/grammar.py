"""The grammar of a quantitative target: comparator, number, scale, unit, suffix word.

A cell is one or more *clauses* (`≥95%`, `不少于10次`, `500余人`, `1个月内`); two clauses
make a range when joined by a dash (`90%-95%`) or when one is a lower and the other an
upper bound (`大于90%小于95%`, `≥95%;≤100%`). Each piece is a small matcher over the
cleaned text, built once from schemas/targets.yaml:

    match_comparator -> match_number -> match_scale_unit -> match_suffix  (= parse_clause)
    parse_clause, parse_clause ... -> clauses_to_quantity                 (= parse_quantity)

The public `match_*`/`parse_*` functions take an optional lexicon; the `*_at` twins take
the `Grammar` bundle (lexicon + compiled patterns) so the hot path looks nothing up twice.

>>> q = parse_quantity("≥1.5亿元")
>>> q.op, q.value, q.scale, q.unit, q.unit_raw
('ge', 1.5, 8, '元', '亿元')
>>> parse_quantity("大于90%小于95%")[:5]
('range', 90.0, 95.0, False, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from formex.normalize.targets.numerals import NumberMatch, _NumeralPatterns, alternation, number_at, numeral_patterns
from formex.schemas.target_lexicon import TargetLexicon, UnitVariant, load_target_lexicon

MAX_TRAILING_UNIT = 4      # CJK characters after the number that still read as a unit (个村)
MAX_TRAILING_TEXT = 8      # beyond this, the cell is prose, not a target
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_LOWER, _UPPER = {"ge", "gt"}, {"le", "lt"}


@dataclass
class Clause:
    """One comparator-number-unit group."""
    op: str | None = None
    op_source: str | None = None          # symbol | word | suffix
    number: NumberMatch | None = None
    scale: int = 0
    unit: UnitVariant | None = None
    unit_name: str | None = None
    unit_raw: str | None = None
    per: tuple[str, ...] = ()             # 元/人/月 -> ("人", "月")
    flags: set[str] = field(default_factory=set)
    end: int = 0


class Quantity(NamedTuple):
    op: str | None            # None = no comparator written (bare number)
    value: float
    value_max: float | None
    lower_inclusive: bool | None
    upper_inclusive: bool | None
    scale: int
    number_text: str
    unit: str | None
    unit_raw: str | None
    unit_class: str | None
    op_source: str | None
    flags: frozenset[str]
    max_text: str | None = None   # the upper end as written (on the common scale), for an exact base


class Grammar(NamedTuple):
    """The lexicon, the numeral patterns and the grammar's own patterns, built once."""
    lex: TargetLexicon
    numerals: _NumeralPatterns
    symbol: re.Pattern
    prefix_word: re.Pattern
    approx_prefix: re.Pattern
    approx_suffix: re.Pattern
    approx_after: re.Pattern
    scale: re.Pattern
    unit: re.Pattern
    suffix_word: re.Pattern
    connector: re.Pattern
    per_unit: re.Pattern
    separator: re.Pattern
    range_prefix: re.Pattern
    range_suffix: re.Pattern
    filler: re.Pattern
    comparator_run: re.Pattern


def _unit_alternation(words) -> str:
    """Longest first; an ASCII unit (m, t, kg) must not run into more letters (min, times)."""
    parts = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        parts.append(re.escape(w) + ("(?![A-Za-z])" if w[-1].isascii() and w[-1].isalpha() else ""))
    return "|".join(parts)


@lru_cache(maxsize=4)
def grammar_patterns(lexicon: TargetLexicon | None = None) -> Grammar:
    lex = lexicon or load_target_lexicon()
    symbols = "".join(re.escape(s) for s in lex.symbols)
    return Grammar(
        lex=lex,
        numerals=numeral_patterns(lexicon),
        symbol=re.compile(f"[{symbols}]"),
        prefix_word=re.compile(alternation(lex.prefix_words)),
        approx_prefix=re.compile(alternation(lex.approx_prefix_words)),
        approx_suffix=re.compile(alternation(lex.approx_suffix_words)),
        approx_after=re.compile(alternation(lex.approx_after_words)),
        scale=re.compile(alternation(lex.scale_words)),
        unit=re.compile(_unit_alternation(lex.units)),
        suffix_word=re.compile(alternation(lex.suffix_words)),
        connector=re.compile(alternation(lex.range_connectors)),
        per_unit=re.compile(alternation(lex.per_unit_separators)),
        separator=re.compile(alternation(lex.clause_separators)),
        range_prefix=re.compile(alternation(lex.range_prefix_words)),
        range_suffix=re.compile(alternation(lex.range_suffix_words)),
        filler=re.compile(alternation(lex.trailing_fillers)),
        comparator_run=re.compile(f"[{symbols}]|{alternation(lex.prefix_words)}"),
    )


def match_comparator(text: str, pos: int, lexicon: TargetLexicon | None = None) -> tuple[str, str, int] | None:
    """(op, source, end) of a comparator symbol or prefix word at `pos`.

    >>> match_comparator("不低于90%", 0), match_comparator("≥95%", 0), match_comparator("95%", 0)
    (('ge', 'word', 3), ('ge', 'symbol', 1), None)
    """
    return comparator_at(text, pos, grammar_patterns(lexicon))


def comparator_at(text: str, pos: int, g: Grammar) -> tuple[str, str, int] | None:
    m = g.symbol.match(text, pos)
    if m:
        return g.lex.symbols[m.group()], "symbol", m.end()
    m = g.prefix_word.match(text, pos)
    if m:
        return g.lex.prefix_words[m.group()], "word", m.end()
    return None


def match_unit(text: str, pos: int = 0, lexicon: TargetLexicon | None = None) -> tuple[UnitVariant, str, int] | None:
    """(unit, as written, end) of a known unit at `pos`, longest spelling first.

    >>> match_unit("个工作日内")[0].canonical, match_unit("千米")[0].canonical, match_unit("min")[1]
    ('工作日', '千米', 'min')
    """
    return unit_at(text, pos, grammar_patterns(lexicon))


def unit_at(text: str, pos: int, g: Grammar) -> tuple[UnitVariant, str, int] | None:
    m = g.unit.match(text, pos)
    return (g.lex.units[m.group()], m.group(), m.end()) if m else None


def match_scale_unit(text: str, pos: int, clause: Clause, g: Grammar) -> int:
    """Fill `clause` with scale and unit at `pos` (千米 is a unit, 千元 is 千 + 元); return the end."""
    unit = unit_at(text, pos, g)
    if unit:
        clause.unit, clause.unit_raw = unit[0], unit[1]
        return unit[2]
    m = g.scale.match(text, pos)
    if not m:
        return pos
    clause.scale, end = g.lex.scale_words[m.group()], m.end()
    end = _approx_gt(text, end, clause, g)
    unit = unit_at(text, end, g)
    if unit:
        clause.unit, end = unit[0], unit[2]
    clause.unit_raw = m.group() + (unit[1] if unit else "")
    return end


def _approx_gt(text: str, pos: int, clause: Clause, g: Grammar) -> int:
    """500余人, 500多人: more than 500, approximately."""
    m = g.approx_suffix.match(text, pos)
    if not m or clause.number is None or clause.number.unit:
        return pos
    clause.flags.add("approx")
    _set_op(clause, g.lex.suffix_words.get(m.group(), "gt"), "suffix")
    return m.end()


def _set_op(clause: Clause, op: str, source: str) -> None:
    if clause.op is None:
        clause.op, clause.op_source = op, source
    elif clause.op != op:
        clause.flags.add("op_conflict")


def match_paren_unit(text: str, pos: int, clause: Clause, g: Grammar) -> int:
    """`(%)`, `(人次)`, `(万)`; an unknown word in parentheses is kept as unit_raw."""
    close = text.find(")", pos)
    if close < 0:
        return pos
    inner = text[pos + 1:close]
    if not inner or not _CJK_RUN.fullmatch(inner) and unit_at(inner, 0, g) is None:
        return pos if inner else close + 1
    end = match_per_units(inner, match_scale_unit(inner, 0, clause, g), clause, g)
    if end < len(inner):
        clause.unit, clause.scale, clause.unit_raw = None, 0, inner
        clause.flags.add("unit_unlisted")
    return close + 1


def parse_clause(text: str, pos: int, lexicon: TargetLexicon | None = None) -> Clause | None:
    """The clause that starts at `pos`, or None when no number follows the comparator.

    >>> c = parse_clause("不少于10次以上", 0)
    >>> c.op, c.number.value, c.unit_name, c.end
    ('ge', 10.0, '次', 8)
    """
    return clause_at(text, pos, grammar_patterns(lexicon))


def clause_at(text: str, pos: int, g: Grammar) -> Clause | None:
    clause = Clause()
    m = g.approx_prefix.match(text, pos)
    if m:
        clause.flags.add("approx")
        pos = m.end()
    comparator = comparator_at(text, pos, g)
    if comparator:
        clause.op, clause.op_source, pos = comparator
        if (m := g.approx_prefix.match(text, pos)):
            clause.flags.add("approx")
            pos = m.end()
    number = number_at(text, pos, g.lex, g.numerals)
    if number is None:
        return None
    clause.number, pos = number, number.end
    if number.chinese:
        clause.flags.add("chinese_numeral")
    if number.unit:
        clause.unit = g.lex.units.get(number.unit)
        clause.unit_raw = number.unit_raw
    else:
        pos = _approx_gt(text, pos, clause, g)
        pos = (match_paren_unit(text, pos, clause, g) if text.startswith("(", pos)
               else match_per_units(text, match_scale_unit(text, pos, clause, g), clause, g))
    return match_suffix(text, pos, clause, g)


def match_per_units(text: str, pos: int, clause: Clause, g: Grammar) -> int:
    """元/人, 次/年, 元/人/月: a rate; the denominators join the unit (unit 元/人)."""
    while clause.unit is not None and (m := g.per_unit.match(text, pos)):
        unit = unit_at(text, m.end(), g)
        if unit is None:
            break
        clause.per += (unit[0].canonical,)
        clause.unit_raw += m.group() + unit[1]
        pos = unit[2]
    return pos


def match_suffix(text: str, pos: int, clause: Clause, g: Grammar) -> Clause:
    """以上 / 以内 / 左右 after the number or unit, then a unit in parentheses if one follows."""
    m = g.suffix_word.match(text, pos)
    if m and m.group() not in g.lex.approx_suffix_words:
        _set_op(clause, g.lex.suffix_words[m.group()], "suffix")
        pos = m.end()
    m = g.approx_after.match(text, pos)
    if m:
        clause.flags.add("approx")
        pos = m.end()
    if clause.unit is None and clause.unit_raw is None and text.startswith("(", pos):
        pos = match_paren_unit(text, pos, clause, g)
    if clause.unit is not None:
        clause.unit_name = "/".join((clause.unit.canonical, *clause.per))
        if clause.unit.synonym:
            clause.flags.add("unit_synonym")
    clause.end = pos
    return clause


def parse_quantity(text: str, lexicon: TargetLexicon | None = None) -> Quantity | None:
    """The whole of `text` read as a quantity, or None when it does not read as one."""
    g = grammar_patterns(lexicon)
    m = g.range_prefix.match(text)
    first = clause_at(text, m.end() if m else 0, g)
    if first is None:
        return None
    clauses, dashed, pos = [first], False, first.end
    bounded = m is not None                                 # 在 / 介于 ... (之间)
    while pos < len(text):
        m = g.connector.match(text, pos)
        if m and len(clauses) == 1 and (nxt := clause_at(text, m.end(), g)) and nxt.op is None:
            clauses.append(nxt)
            dashed, pos = True, nxt.end
            continue
        m = g.separator.match(text, pos)
        nxt = clause_at(text, m.end() if m else pos, g)
        if nxt is None or nxt.op is None and not m:
            break
        clauses.append(nxt)
        pos = nxt.end
    flags: set[str] = set()
    for clause in clauses:
        flags |= clause.flags
    if len(clauses) == 2 and not dashed and clauses[0].op is None and clauses[1].op is None \
            and (bounded or g.range_suffix.match(text, pos)):
        dashed = True                                       # 介于90%和95%之间
    tail = _read_tail(text, pos, g)
    if tail is None:
        return None
    if tail:
        if any(c.number.chinese and c.number.unit is None for c in clauses):
            return None                    # 十分满意, 一户一档: words, not numbers (百分百覆盖 is one)
        last = clauses[-1]
        repeated = g.lex.units.get(tail)
        if last.unit is not None and repeated is not None and repeated.canonical == last.unit.canonical:
            flags.add("unit_repeated")     # ≥95%百分比: the unit written twice (ruling L11)
        elif last.unit is None and last.unit_raw is None and len(tail) <= MAX_TRAILING_UNIT:
            last.unit_raw = tail
            flags.add("unit_unlisted")
        else:
            flags.add("trailing_text" if len(tail) <= MAX_TRAILING_UNIT else "free_text")
    return clauses_to_quantity(clauses, dashed, flags)


def range_quantity(low: Clause, high: Clause, flags: set[str]) -> Quantity:
    """The range low .. high, both ends on one scale.

    An end written without a unit shares the other end's scale and unit (`1-2万元` is 1万 to
    2万元). When both ends write their own scale (`5000元-1万元`, `50万-1亿元`), both are put
    on the LARGER scale, the one the upper end usually writes: value 0.5, value_max 1,
    scale 4, value_base 5000 (the lower end; the upper is value_max x 10**scale = 10000).
    The reversed check runs on those common-scale values. A scale word with no unit
    (`50万`) takes the other end's unit; two different units are a `unit_conflict`.

    >>> q = parse_quantity("5000元-1万元")
    >>> q.value, q.value_max, q.scale, q.unit, q.number_text, "range_reversed" in q.flags
    (0.5, 1.0, 4, '元', '0.5000', False)
    """
    unit_source = high if high.unit_raw is not None else low
    if low.unit_raw and high.unit_raw and not (_scale_only(low) or _scale_only(high)) \
            and low.unit_name != high.unit_name:
        flags.add("unit_conflict")
    shared = low.unit_raw is None or high.unit_raw is None
    scale = (low.scale or high.scale) if shared else max(low.scale, high.scale)
    value, low_text = _on_scale(low, low.scale if shared else scale)
    value_max, high_text = _on_scale(high, high.scale if shared else scale)
    if value > value_max:
        flags.add("range_reversed")
    return Quantity("range", value, value_max, low.op != "gt", high.op != "lt", scale, low_text,
                    unit_source.unit_name, unit_source.unit_raw,
                    unit_source.unit.unit_class if unit_source.unit else None, "range", frozenset(flags), high_text)


def _scale_only(clause: Clause) -> bool:
    return clause.unit is None and clause.scale > 0 and "unit_unlisted" not in clause.flags


def _on_scale(clause: Clause, scale: int) -> tuple[float, str]:
    """(value, decimal text) of the clause's number on `scale` (5000 on scale 4 -> 0.5, '0.5000')."""
    number = clause.number
    if clause.scale == scale:
        return number.value, number.text
    exact = Decimal(number.text) if not number.chinese else Decimal(repr(number.value))
    text = str(exact.scaleb(clause.scale - scale))
    return float(text), text


MAX_LATIN_UNIT = 4


def _read_tail(text: str, pos: int, g: Grammar) -> str | None:
    """What follows the clauses: '' when only 之间/左右/完成 remain, a short CJK word, or None."""
    if pos >= len(text):
        return ""
    for matcher in (g.range_suffix, g.approx_after, g.filler):
        m = matcher.match(text, pos)
        if m:
            pos = m.end()
    rest = text[pos:]
    if not rest:
        return ""
    if len(rest) <= MAX_TRAILING_TEXT and _CJK_RUN.fullmatch(rest):
        return rest
    if len(rest) <= MAX_LATIN_UNIT and rest.isascii() and rest.isalpha():
        return rest                        # a Latin unit outside the list (GB, M): ruling L1
    return None


def clauses_to_quantity(clauses: list[Clause], dashed: bool, flags: set[str]) -> Quantity:
    """One clause, a range (dash, or a lower with an upper bound), or several targets (first kept)."""
    first = clauses[0]
    if len(clauses) == 2 and (dashed or {clauses[0].op, clauses[1].op} in ({"ge", "le"}, {"ge", "lt"},
                                                                          {"gt", "le"}, {"gt", "lt"})):
        low, high = (clauses[0], clauses[1]) if dashed or clauses[0].op in _LOWER else (clauses[1], clauses[0])
        return range_quantity(low, high, flags)
    if len(clauses) > 1:
        flags.add("multiple_targets")
    unit_class = first.unit.unit_class if first.unit else None
    return Quantity(first.op, first.number.value, None, None, None, first.scale, first.number.text,
                    first.unit_name, first.unit_raw, unit_class, first.op_source, frozenset(flags))


def find_comparator_runs(text: str, lexicon: TargetLexicon | None = None) -> list[int]:
    """Start offsets of every comparator symbol or prefix word, last first (科目调整次数≤10次).

    >>> find_comparator_runs("科目调整次数≤10次")
    [6]
    """
    return [m.start() for m in grammar_patterns(lexicon).comparator_run.finditer(text)][::-1]
