"""Read a cleaned target cell: an ordered registry of strategies, the first that fits wins.

Each strategy takes the cleaned text (basis note removed) and the form's year and gives
a *reading* (a dict of Target fields, a `base` confidence and its own `flags`) or None
for "not me". The order is the table `STRATEGIES`; docs/targets.md explains why each
form exists.

>>> read_target("不低于90%").op, read_target("2026年底前").deadline, read_target("应保尽保").qual
('ge', datetime.date(2026, 12, 31), 'full_coverage')
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any, Callable, NamedTuple

from formex.normalize.targets.deadlines import DATE_HINT, parse_deadline
from formex.normalize.targets.numerals import alternation, match_number
from formex.normalize.targets.grammar import Quantity, find_comparator_runs, parse_quantity
from formex.normalize.targets.model import FLIPPED_OP, Target, build_target, value_base
from formex.normalize.targets.text import clean_target_text
from formex.schemas.target_lexicon import TargetLexicon, load_target_lexicon

Reading = dict[str, Any]
MAX_TARGET_CHARS = 300
MAX_PROSE_CHARS = 60       # longer cells are prose: a phrase or free text, never searched for a number
_OP_SOURCE_BASE = {"symbol": 1.0, "word": 0.95, "suffix": 0.95, "range": 0.95, None: 0.9}
_ASCII_DIGIT = re.compile(r"[0-9]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LAST_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TRAILING_PUNCT_CHARS = "。;,、."
_TRAILING_PUNCT = re.compile(f"[{_TRAILING_PUNCT_CHARS}]+$")


class _ReadingPatterns(NamedTuple):
    basis: re.Pattern
    inclusive: re.Pattern
    relative: re.Pattern
    level: re.Pattern
    level_starts: frozenset[str]         # a first character the level pattern can match
    references: tuple[str, ...]          # relative references, longest first
    target_separator: re.Pattern


@lru_cache(maxsize=4)
def reading_patterns(lexicon: TargetLexicon | None = None) -> _ReadingPatterns:
    lex = lexicon or load_target_lexicon()
    notes = alternation(lex.basis_notes)
    verbs = alternation(list(lex.increase_words) + list(lex.decrease_words))
    level_ops = alternation(list(lex.prefix_words) + list(lex.level_words))
    level_joins = "与和同比"
    level_starts = frozenset(w[0] for w in [*lex.prefix_words, *lex.level_words, *lex.relative_levels, *level_joins])
    return _ReadingPatterns(
        basis=re.compile(f"\\(({notes})\\)|({notes})$"),
        inclusive=re.compile(f"\\((?:{alternation(lex.inclusive_notes)})\\)$"),
        relative=re.compile(f"(?P<ref>{alternation(lex.relative_references)})?(?P<verb>{verbs})"),
        level=re.compile(f"^(?P<word>{level_ops})?[{level_joins}]?(?P<ref>{alternation(lex.relative_levels)})"
                         f"(?P<suffix>{alternation(lex.level_suffix_words)})?(?:水平)?$"),
        level_starts=level_starts,
        references=tuple(sorted(lex.relative_references, key=len, reverse=True)),
        target_separator=re.compile(alternation(lex.target_separators)),
    )


def split_basis_note(text: str, flags: set[str], lex: TargetLexicon) -> tuple[str, str | None]:
    """`2019年12月(计划标准)` -> (`2019年12月`, 'plan').

    >>> split_basis_note("100%(历史标准)", set(), load_target_lexicon())
    ('100%', 'history')
    """
    m = reading_patterns(lex).basis.search(text)
    if not m:
        return text, None
    flags.add("basis_note")
    return text[:m.start()] + text[m.end():], lex.basis_notes[m.group(1) or m.group(2)]


def split_inclusive_note(text: str, flags: set[str], lex: TargetLexicon) -> tuple[str, bool]:
    """`≥95%(含)` -> (`≥95%`, True): the bound itself is included.

    >>> split_inclusive_note("<5%(含)", set(), load_target_lexicon())
    ('<5%', True)
    """
    if not text.endswith(")") or "含" not in text:
        return text, False
    m = reading_patterns(lex).inclusive.search(text)
    if not m:
        return text, False
    flags.add("inclusive_note")
    return text[:m.start()], True


def include_bound(reading: Reading) -> None:
    """An inclusive note turns a strict bound into an inclusive one (>95%(含) is ≥95%)."""
    op = reading.get("op")
    if op in ("gt", "lt"):
        reading["op"] = {"gt": "ge", "lt": "le"}[op]
    elif op == "range" and reading.get("bounds"):
        reading["bounds"] = (True, True)


# ---------------------------------------------------------------- strategies
def read_placeholder(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    if text in lex.placeholders_maybe_zero:
        return {"kind": "none", "base": 1.0, "flags": {"maybe_zero"}}
    if text in lex.placeholders_plain:
        return {"kind": "none", "base": 1.0, "flags": set()}
    return None


def read_spreadsheet_error(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    if text.startswith("#") and text.upper() in lex.spreadsheet_errors:
        return {"kind": "unknown", "flags": {"no_target", "spreadsheet_error"}}
    return None


def read_too_long(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    return {"kind": "unknown", "flags": {"no_target", "too_long"}} if len(text) > MAX_TARGET_CHARS else None


def read_prose(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """A cell longer than MAX_PROSE_CHARS is prose (an explanation, a merged paragraph): a
    qualitative phrase (严格执行…规定) or free text, never scanned for a target inside it,
    so a long cell costs little (the pipeline parses any cell to see if it is a target)."""
    if len(text) <= MAX_PROSE_CHARS:
        return None
    return read_qualitative(text, year, lex) or read_free_text(text, year, lex) or read_unknown(text, year, lex)


def read_qualitative(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """Exact phrases, then the anchored patterns; only on text without digits."""
    if _ASCII_DIGIT.search(text):
        return None
    spec = lex.qual_phrases.get(text)
    if spec is None:
        spec = next((s for pattern, s in lex.qual_patterns if pattern.search(text)), None)
    if spec is None:
        return None
    return {"kind": "qualitative", "qual": spec.code, "qual_rank": spec.rank, "direction": spec.direction,
            "base": 0.9, "flags": set()}


def read_zero_phrase(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """零投诉, 无重大安全事故: a zero target (eq 0)."""
    if not text.startswith(lex.zero_prefixes):
        return None
    for prefix in lex.zero_prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            rest = text[len(prefix):]
            if _ASCII_DIGIT.search(rest) or not _CJK.search(rest) or text.startswith(lex.zero_exceptions):
                return None
            number = match_number(text, 0, lex)
            if number is not None and number.end > len(prefix):
                return None                                 # 零点五: a numeral, not 零 + noun
            return {"kind": "quantitative", "op": "eq", "value": 0.0, "value_base": 0.0, "base": 0.9,
                    "flags": {"zero_phrase", "op_implicit"}}
    return None


def read_relative_level(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """不低于上年度水平: a comparator against a reference level, no number -> qualitative:
    stable for ≥ ≤ =, improve for > (高于上年水平), decrease for < (低于上年); the op is kept."""
    patterns = reading_patterns(lex)
    if text[:1] not in patterns.level_starts:
        return None
    m = patterns.level.match(text)
    if not m or not (m.group("word") or m.group("suffix")):
        return None
    word = m.group("word")
    op = lex.prefix_words.get(word) or lex.level_words.get(word) or lex.level_suffix_words[m.group("suffix")]
    return {"kind": "qualitative", "qual": lex.level_quals[op], "op": op,
            "relative_to": lex.relative_levels[m.group("ref")], "base": 0.85, "flags": {"relative_change"}}


def read_relative_trend(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """较上年提高, 同比有所下降: a reference, then a trend phrase -> improve / decrease."""
    references = reading_patterns(lex).references
    if not text.startswith(references):
        return None
    ref = next(r for r in references if text.startswith(r))
    trend = read_qualitative(text[len(ref):], year, lex)
    if trend is None or trend["qual"] not in ("improve", "decrease", "stable"):
        return None
    return {**trend, "relative_to": lex.relative_references[ref], "base": 0.85, "flags": {"relative_change"}}


def read_deadline(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    match = parse_deadline(text, year=year, lexicon=lex)
    if match is None:
        return None
    flags = {"date_span"} if match.span else set()
    if not match.explicit and not match.start:
        flags.add("op_implicit")
    if match.relative:
        flags.add("relative_date")
        if match.deadline is not None:
            flags.add("year_from_context")
    if not match.valid:
        flags.add("invalid_date")
    base = 0.95 if match.explicit else 0.9 if match.precision == "day" else 0.85
    if match.span and match.start is not None:   # a period (ruling L4): from its start to its end
        return {"kind": "deadline", "op": "range", "deadline": match.deadline, "deadline_start": match.start,
                "deadline_precision": match.precision, "direction": "band", "base": base, "flags": flags}
    return {"kind": "deadline", "op": "le", "deadline": match.deadline, "deadline_precision": match.precision,
            "direction": "negative", "base": base, "flags": flags}


def quantity_to_reading(q: Quantity) -> Reading:
    """A parsed quantity as Target fields: implicit op, unit flags, value_base, OCR check."""
    flags = set(q.flags)
    op = q.op
    if op is None:
        op = "eq"
        flags.add("op_implicit")
    if q.unit is None and q.unit_raw is None:
        flags.add("no_unit")
    elif q.unit is None and q.scale and "unit_unlisted" not in flags:
        flags.add("scale_only_unit")
    if "op_implicit" in flags and lost_ge_suspect(q):
        flags.add("ocr_op_lost_suspect")
    bounds = (q.lower_inclusive, q.upper_inclusive) if op == "range" else None
    unit = q.unit
    if unit is None and q.unit_raw and "unit_unlisted" in flags:
        unit = q.unit_raw           # ruling L1: a written unit is never dropped (个村, GB)
    return {"kind": "quantitative", "op": op, "value": q.value, "value_max": q.value_max, "scale": q.scale,
            "value_base": value_base(q.number_text, q.value, q.scale), "unit": unit, "unit_raw": q.unit_raw,
            "unit_class": q.unit_class, "bounds": bounds, "base": _OP_SOURCE_BASE.get(q.op_source, 0.9),
            "flags": flags}


def lost_ge_suspect(q: Quantity) -> bool:
    """292% for ≥92%: a percentage over 100 whose first digit 2 was once ≥."""
    digits = q.number_text
    if q.unit != "%" or q.value <= 100 or not digits.startswith("2") or len(digits) < 3 \
            or not digits.replace(".", "", 1).isdigit():            # 21成 is 210 %, not digits
        return False
    rest = digits[1:]
    return rest[0] not in "0." and 0 < float(rest) <= 100


def read_relative_change(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """较上年提高5%, 同比下降10% (a signed change: ≤ -10 %), 提高2个百分点."""
    for m in reading_patterns(lex).relative.finditer(text):
        q = parse_quantity(text[m.end():], lex)
        if q is None:
            continue
        reading = quantity_to_reading(q)
        falling = m.group("verb") in lex.decrease_words
        if q.op is None:
            reading["op"] = "le" if falling else "ge"
        elif falling:
            reading["op"] = FLIPPED_OP[q.op]
        if falling:
            _negate(reading, q)
        reading["relative_to"] = lex.relative_references.get(m.group("ref") or "")
        reading["base"] = 0.9
        reading["flags"] |= {"relative_change"} | ({"leading_text"} if m.start() else set())
        return reading
    return None


def _negate(reading: Reading, q: Quantity) -> None:
    """A decrease as a signed change; a range flips ends (减少1-1.15亿元 is -1.15 .. -1 亿元),
    its base taken from the upper end as written so it stays exact."""
    low, high = reading["value"], reading["value_max"]
    if high is None:
        reading["value"], reading["value_base"] = -low, -reading["value_base"]
        return
    reading["value"], reading["value_max"] = -high, -low
    base = value_base(q.max_text, high, reading["scale"])
    reading["value_base"] = None if base is None else -base
    if reading["bounds"]:
        reading["bounds"] = reading["bounds"][::-1]


def read_quantity(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    q = parse_quantity(text, lex)
    return quantity_to_reading(q) if q else None


def read_garbage_prefix(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """无100: a placeholder with a number, a stray placeholder or OCR of 为. A number is
    never guessed out of a damaged cell (ruling L12): kind unknown, no value, ambiguous."""
    for prefix in lex.garbage_prefixes:
        if text.startswith(prefix) and parse_quantity(text[len(prefix):], lex):
            return {"kind": "unknown", "base": 0.4, "flags": {"garbage_prefix"}}
    return None


def read_stray_unit(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """%=99百分比: a unit glyph OCR put before the comparator (ruling L11); the target after
    it is read, the glyph is noise (garbage_prefix), twice the same unit is unit_repeated."""
    glyph = lex.units.get(text[:1])
    if glyph is None or len(text) < 2:
        return None
    q = parse_quantity(text[1:], lex)
    if q is None:
        return None
    reading = quantity_to_reading(q)
    reading["flags"].add("garbage_prefix")
    if q.unit is not None and q.unit.split("/")[0] == glyph.canonical:
        reading["flags"].add("unit_repeated")
    return reading


def read_graded(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """满意率98%以上…30%以下, …得满分: a graded scoring standard (several bands), not one
    target (ruling L7): kind unknown, raw kept, partial."""
    if not any(m in text for m in lex.graded_markers) or len(_LAST_NUMBER.findall(text)) < 2:
        return None
    return {"kind": "unknown", "base": 0.5, "flags": {"graded_standard"}}


def read_deadline_quantity(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """11月底完成100%: a deadline, then the quantity due by it (ruling L5): the quantity is
    the target, and `deadline` holds the date (flag with_deadline)."""
    if not DATE_HINT.search(text):
        return None
    for m in _LAST_NUMBER.finditer(text):
        head = text[:m.start()]
        for filler in sorted(lex.deadline_trailing_words, key=len, reverse=True):
            if head.endswith(filler):
                head = head[:-len(filler)]
                break
        start = m.start()
        while start and text[start - 1] in "≥≤=<>":
            start -= 1
        if not head or (deadline := read_deadline(head[:len(head) - (m.start() - start)] if start < m.start()
                                                  else head, year, lex)) is None:
            continue
        q = parse_quantity(text[start:], lex)
        if q is None:
            continue
        reading = quantity_to_reading(q)
        reading["deadline"] = deadline["deadline"]
        reading["flags"] |= {"with_deadline"} | (deadline["flags"] - {"op_implicit", "date_span"})
        return reading
    return None


def read_several_targets(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """参保率不低于90%，违规率不超过5%: two targets (quantities or deadlines) in one cell; the
    first is kept (§6), ambiguous."""
    separator = reading_patterns(lex).target_separator
    if not separator.search(text):
        return None
    readings = []
    for piece in filter(None, separator.split(text)):
        reading = read_deadline(piece, year, lex) or read_quantity(piece, year, lex) \
            or read_leading_text(piece, year, lex)
        if reading is not None:
            readings.append(reading)
    if len(readings) < 2:
        return None
    readings[0]["flags"].add("multiple_targets")
    return readings[0]


def read_leading_text(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """科目调整次数≤10次: the indicator name bled in; the target is the FIRST comparator run
    from which the rest reads as a quantity (a comparator word inside the name does not,
    so this is the spec's "last run" unless the rest holds several targets: §6 keeps the
    first), else the last number. The leading part must hold words (CJK): `1:1` is not a
    name followed by a target."""
    starts = find_comparator_runs(text, lex)[::-1]
    numbers = list(_LAST_NUMBER.finditer(text))
    if numbers:
        starts.append(numbers[-1].start())
    for start in starts:
        if start and _CJK.search(text, 0, start) and (q := parse_quantity(text[start:], lex)):
            reading = quantity_to_reading(q)
            reading["flags"].add("leading_text")
            return reading
    return None


def read_free_text(text: str, year: int | None, lex: TargetLexicon) -> Reading | None:
    """Any other Chinese text: qualitative `other` (prose with digits is flagged free_text)."""
    if not _CJK.search(text):
        return None
    flags = {"free_text"} if _ASCII_DIGIT.search(text) else set()
    return {"kind": "qualitative", "qual": "other", "base": 0.6, "flags": flags}


def read_unknown(text: str, year: int | None, lex: TargetLexicon) -> Reading:
    return {"kind": "unknown", "flags": {"no_target"}}


Strategy = Callable[[str, "int | None", TargetLexicon], "Reading | None"]
STRATEGIES: tuple[tuple[str, Strategy], ...] = (
    ("placeholder", read_placeholder),
    ("spreadsheet_error", read_spreadsheet_error),
    ("too_long", read_too_long),
    ("prose", read_prose),
    ("qualitative", read_qualitative),
    ("zero_phrase", read_zero_phrase),
    ("relative_level", read_relative_level),
    ("relative_trend", read_relative_trend),
    ("deadline", read_deadline),
    ("graded", read_graded),
    ("quantity", read_quantity),               # before relative_change: a strict quantity never
    ("relative_change", read_relative_change), # starts with 较上年/同比/提高, so the order is free
    ("garbage_prefix", read_garbage_prefix),
    ("stray_unit", read_stray_unit),
    ("deadline_quantity", read_deadline_quantity),
    ("several_targets", read_several_targets),
    ("leading_text", read_leading_text),
    ("free_text", read_free_text),
    ("unknown", read_unknown),
)


def read_target(raw: str | None, year: int | None = None, lexicon: TargetLexicon | None = None) -> Target:
    """Clean, split off a basis note, then run the strategies in order (may raise on a bug:
    `formex.normalize.targets.parse_target` is the never-raising entry point)."""
    if raw is None or isinstance(raw, float) and math.isnan(raw):       # NaN: a missing spreadsheet cell
        return build_target(None, None, {"kind": "none"}, set())
    if not isinstance(raw, str):
        raw = str(raw)
    lex = lexicon or load_target_lexicon()
    cleaned = clean_target_text(raw, lexicon)
    flags = set(cleaned.flags)
    folded = fold_traditional(cleaned.text, flags, lex)
    text, basis = split_basis_note(folded, flags, lex)
    text, inclusive = split_inclusive_note(text, flags, lex)
    if text and text[-1] in _TRAILING_PUNCT_CHARS and text not in lex.placeholders_plain:
        text = _TRAILING_PUNCT.sub("", text)
    for _name, strategy in STRATEGIES:
        reading = strategy(text, year, lex)
        if reading is not None:
            break
    flags |= reading.pop("flags")
    if inclusive:
        include_bound(reading)
    reading["basis"] = basis
    return build_target(raw, folded, reading, flags)


_PINYIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\([a-zA-Z\u00c0-\u024f\s]+\)")


def fold_traditional(text: str, flags: set[str], lex: TargetLexicon) -> str:
    """Traditional forms folded to simplified (萬 -> 万) and pinyin glosses dropped
    (`應(yīng)保` -> 应保), ruling L8.

    >>> fold_traditional("≥1萬人", set(), load_target_lexicon()), fold_traditional("應(yīng)保盡保", set(), load_target_lexicon())
    ('≥1万人', '应保尽保')
    """
    if text.isascii():
        return text
    glossed = _PINYIN_GLOSS.sub("", text) if "(" in text else text
    if glossed != text:
        flags.add("pinyin_gloss")
    table = _traditional_table(lex)
    if not table[1].search(glossed):
        return glossed
    flags.add("traditional")
    return glossed.translate(table[0])


@lru_cache(maxsize=4)
def _traditional_table(lex: TargetLexicon) -> tuple[dict[int, str], re.Pattern]:
    return {ord(k): v for k, v in lex.traditional.items()}, re.compile(f"[{''.join(lex.traditional)}]")
