"""Load and validate `schemas/targets.yaml`, the vocabulary of the target-value parser.

The enumerations the parser emits (ops, kinds, qual codes, unit classes ...) are defined
here once, as `Literal` types with a frozenset beside each; the YAML is checked against
them on load, so a typo in the file fails at once with a message naming the key and the
allowed values instead of silently matching nothing.

>>> lexicon = load_target_lexicon()
>>> lexicon.prefix_words["不低于"], lexicon.suffix_words["以内"], lexicon.scale_words["亿"]
('ge', 'le', 8)
>>> lexicon.units["个工作日"]
UnitVariant(canonical='工作日', unit_class='duration', synonym=False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, Mapping, get_args

import yaml

from formex.schemas.errors import SchemaError

TARGETS_YAML = Path(__file__).with_name("targets.yaml")

Op = Literal["eq", "ge", "gt", "le", "lt", "range", "none"]
Kind = Literal["quantitative", "qualitative", "deadline", "none", "unknown"]
Status = Literal["ok", "partial", "ambiguous", "failed", "empty"]
QualCode = Literal["achieved", "partially_achieved", "not_achieved", "on_time", "on_schedule",
                   "compliant", "effective", "full_coverage", "improve", "decrease", "stable",
                   "relative", "deferred",
                   "yes", "no", "excellent", "good", "fair", "pass", "poor", "other"]
UnitClass = Literal["ratio", "ratio_delta", "currency", "count", "duration", "length", "area",
                    "mass", "volume", "score"]
Direction = Literal["positive", "negative", "equal", "band", "none"]
Basis = Literal["plan", "history", "industry"]
RelativeTo = Literal["prior_year", "prior_period", "budget"]
Precision = Literal["day", "month", "quarter", "half_year", "year"]

OPS = frozenset(get_args(Op))
COMPARATOR_OPS = frozenset({"eq", "ge", "gt", "le", "lt"})
KINDS = frozenset(get_args(Kind))
STATUSES = frozenset(get_args(Status))
QUAL_CODES = frozenset(get_args(QualCode))
UNIT_CLASSES = frozenset(get_args(UnitClass))
DIRECTIONS = frozenset(get_args(Direction))
BASES = frozenset(get_args(Basis))
RELATIVE_TO = frozenset(get_args(RelativeTo))
PRECISIONS = frozenset(get_args(Precision))

TOP_LEVEL_KEYS = frozenset({
    "version", "stray_marks", "wrapping_pairs", "comparators",
    "scale_words", "percent_idioms", "units", "placeholders",
    "spreadsheet_errors", "zero_phrases", "basis_notes", "qualitative", "relative",
    "deadlines", "context", "traditional"})


@dataclass(frozen=True)
class UnitVariant:
    canonical: str
    unit_class: str
    synonym: bool = False


@dataclass(frozen=True)
class QualSpec:
    code: str
    rank: int | None = None
    direction: str = "none"


@dataclass(frozen=True)
class NameUnitRule:
    pattern: re.Pattern
    unit: str
    min_value: float | None = None
    max_value: float | None = None
    only_with_scale: bool = False      # only when the cell wrote a scale word and no unit (=350(万))


@dataclass(frozen=True, eq=False)
class TargetLexicon:
    """Lookup tables, every word in its cleaned (post-NFKC) spelling. Hashed by identity,
    so derived tables (compiled patterns) can be cached per lexicon."""
    stray_marks: tuple[str, ...]             # | at either end of the cell
    wrapping_pairs: Mapping[str, str]        # ( -> ): a cell wrapped whole
    symbols: Mapping[str, str]               # ≥ -> ge
    symbol_variants: Mapping[str, str]       # >= -> ≥
    prefix_words: Mapping[str, str]          # 不低于 -> ge
    suffix_words: Mapping[str, str]          # 以上 -> ge
    approx_suffix_words: frozenset[str]
    approx_prefix_words: tuple[str, ...]
    approx_after_words: tuple[str, ...]
    range_connectors: tuple[str, ...]
    per_unit_separators: tuple[str, ...]
    range_prefix_words: tuple[str, ...]
    range_suffix_words: tuple[str, ...]
    clause_separators: tuple[str, ...]
    target_separators: tuple[str, ...]       # between whole targets in one cell
    inclusive_notes: tuple[str, ...]         # ≥95%(含)
    garbage_prefixes: tuple[str, ...]
    trailing_fillers: tuple[str, ...]
    graded_markers: tuple[str, ...]          # 满意率98%以上…30%以下: a graded standard
    traditional: Mapping[str, str]           # 萬 -> 万: folded before parsing
    scale_words: Mapping[str, int]
    idiom_whole: Mapping[str, tuple[float, str, str]]   # 百分百 -> (100, %, 百分)
    idiom_of: Mapping[str, str]                          # 百分之 -> %
    idiom_tenths: Mapping[str, tuple[float, str]]        # 成 -> (10, %)
    units: Mapping[str, UnitVariant]                     # written -> unit
    unit_classes: Mapping[str, str]                      # canonical -> class
    placeholders_maybe_zero: frozenset[str]
    placeholders_plain: frozenset[str]
    spreadsheet_errors: frozenset[str]                   # upper case
    zero_prefixes: tuple[str, ...]
    zero_exceptions: tuple[str, ...]
    basis_notes: Mapping[str, str]
    qual_phrases: Mapping[str, QualSpec]
    qual_patterns: tuple[tuple[re.Pattern, QualSpec], ...]
    relative_references: Mapping[str, str]
    increase_words: tuple[str, ...]
    decrease_words: tuple[str, ...]
    relative_levels: Mapping[str, str]
    level_words: Mapping[str, str]
    level_suffix_words: Mapping[str, str]
    level_quals: Mapping[str, str]           # op of a level target -> qual code (gt -> improve)
    deadline_prefix_words: tuple[str, ...]
    deadline_range_start_words: tuple[str, ...]
    deadline_explicit_prefix_words: frozenset[str]
    deadline_before_words: tuple[str, ...]
    deadline_trailing_words: tuple[str, ...]
    month_end_words: tuple[str, ...]
    year_end_words: Mapping[str, str]
    half_year_end_month: Mapping[str, int]
    quarter_word: str
    zero_count_names: tuple[str, ...]
    not_count_suffixes: tuple[str, ...]
    unit_from_name: tuple[NameUnitRule, ...]


class _Reader:
    """Typed access to the YAML tree; every failure names the dotted key."""

    def __init__(self, path: Path):
        self.path = str(path)

    def fail(self, key: str, problem: str) -> SchemaError:
        return SchemaError(self.path, key, problem)

    def mapping(self, node: Any, key: str) -> dict:
        if not isinstance(node, dict):
            raise self.fail(key, f"expected a mapping, got {type(node).__name__}")
        for k in node:
            if not isinstance(k, str):
                raise self.fail(key, f"key {k!r} is not a string (quote yes/no/on/off/null in YAML)")
        return node

    def words(self, node: Any, key: str) -> tuple[str, ...]:
        if not isinstance(node, list) or not all(isinstance(w, str) for w in node):
            raise self.fail(key, "expected a list of strings")
        return tuple(node)

    def text(self, node: Any, key: str) -> str:
        if not isinstance(node, str) or not node:
            raise self.fail(key, "expected a non-empty string")
        return node

    def integer(self, node: Any, key: str) -> int:
        if isinstance(node, bool) or not isinstance(node, int):
            raise self.fail(key, f"expected an integer, got {node!r}")
        return node

    def integers(self, node: Any, key: str) -> dict[str, int]:
        """{word: integer}."""
        return {w: self.integer(n, f"{key}.{w}") for w, n in self.mapping(node, key).items()}

    def texts(self, node: Any, key: str) -> dict[str, str]:
        """{word: non-empty string}."""
        return {w: self.text(t, f"{key}.{w}") for w, t in self.mapping(node, key).items()}

    def number(self, node: Any, key: str) -> float:
        if isinstance(node, bool) or not isinstance(node, (int, float)):
            raise self.fail(key, f"expected a number, got {node!r}")
        return float(node)

    def choice(self, node: Any, key: str, allowed: frozenset[str]) -> str:
        if node not in allowed:
            raise self.fail(key, f"{node!r} is not one of: {', '.join(sorted(allowed))}")
        return node

    def pattern(self, node: Any, key: str) -> re.Pattern:
        try:
            return re.compile(self.text(node, key))
        except re.error as exc:
            raise self.fail(key, f"invalid regular expression: {exc}") from None

    def keys(self, node: dict, key: str, allowed: frozenset[str], required: frozenset[str] = frozenset()):
        unknown = set(node) - allowed
        if unknown:
            raise self.fail(key, f"unknown key(s) {sorted(unknown)}; allowed: {', '.join(sorted(allowed))}")
        missing = required - set(node)
        if missing:
            raise self.fail(key, f"missing key(s) {sorted(missing)}")

    def op_words(self, node: Any, key: str, allowed: frozenset[str]) -> dict[str, str]:
        """{op: [words]} -> {word: op}, refusing a word listed under two ops."""
        out: dict[str, str] = {}
        for op, words in self.mapping(node, key).items():
            self.choice(op, key, allowed)
            for word in self.words(words, f"{key}.{op}"):
                if word in out and out[word] != op:
                    raise self.fail(f"{key}.{op}", f"{word!r} is already listed under {out[word]!r}")
                out[word] = op
        return out

    def coded(self, node: Any, key: str, allowed: frozenset[str]) -> dict[str, str]:
        """{word: code} with codes from `allowed`."""
        return {w: self.choice(c, f"{key}.{w}", allowed) for w, c in self.mapping(node, key).items()}


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(dict(mapping))


def _units(r: _Reader, node: Any) -> tuple[dict[str, UnitVariant], dict[str, str]]:
    variants: dict[str, UnitVariant] = {}
    classes: dict[str, str] = {}
    for canonical, spec in r.mapping(node, "units").items():
        key = f"units.{canonical}"
        spec = r.mapping(spec, key)
        r.keys(spec, key, frozenset({"class", "variants", "synonyms"}), frozenset({"class", "variants"}))
        unit_class = r.choice(spec["class"], f"{key}.class", UNIT_CLASSES)
        classes[canonical] = unit_class
        written = [(w, False) for w in r.words(spec["variants"], f"{key}.variants")]
        written += [(w, True) for w in r.words(spec.get("synonyms", []), f"{key}.synonyms")]
        for word, synonym in written:
            if word in variants:
                raise r.fail(key, f"variant {word!r} already belongs to {variants[word].canonical!r}")
            variants[word] = UnitVariant(canonical, unit_class, synonym)
    return variants, classes


def _qualitative(r: _Reader, node: Any):
    phrases: dict[str, QualSpec] = {}
    patterns: list[tuple[re.Pattern, QualSpec]] = []
    for code, spec in r.mapping(node, "qualitative").items():
        key = f"qualitative.{code}"
        r.choice(code, "qualitative", QUAL_CODES - {"other"})
        spec = r.mapping(spec, key)
        r.keys(spec, key, frozenset({"phrases", "patterns", "rank", "direction"}), frozenset({"phrases"}))
        rank = r.integer(spec["rank"], f"{key}.rank") if "rank" in spec else None
        direction = r.choice(spec.get("direction", "none"), f"{key}.direction", DIRECTIONS)
        qual = QualSpec(code, rank, direction)
        for phrase in r.words(spec["phrases"], f"{key}.phrases"):
            if phrase in phrases:
                raise r.fail(f"{key}.phrases", f"{phrase!r} is already listed under {phrases[phrase].code!r}")
            phrases[phrase] = qual
        for i, source in enumerate(spec.get("patterns", [])):
            patterns.append((r.pattern(source, f"{key}.patterns[{i}]"), qual))
    return phrases, tuple(patterns)


def _idioms(r: _Reader, node: Any):
    node = r.mapping(node, "percent_idioms")
    r.keys(node, "percent_idioms", frozenset({"whole", "of", "tenths"}), frozenset({"whole", "of", "tenths"}))
    whole = {}
    for word, spec in r.mapping(node["whole"], "percent_idioms.whole").items():
        key = f"percent_idioms.whole.{word}"
        spec = r.mapping(spec, key)
        r.keys(spec, key, frozenset({"value", "unit", "unit_raw"}), frozenset({"value", "unit", "unit_raw"}))
        whole[word] = (r.number(spec["value"], f"{key}.value"), r.text(spec["unit"], f"{key}.unit"),
                       r.text(spec["unit_raw"], f"{key}.unit_raw"))
    of = r.texts(node["of"], "percent_idioms.of")
    tenths = {}
    for word, spec in r.mapping(node["tenths"], "percent_idioms.tenths").items():
        key = f"percent_idioms.tenths.{word}"
        spec = r.mapping(spec, key)
        tenths[word] = (r.number(spec.get("factor"), f"{key}.factor"), r.text(spec.get("unit"), f"{key}.unit"))
    return whole, of, tenths


def _traditional(r: _Reader, node: Any) -> dict[str, str]:
    """{traditional character: simplified character}, one character each."""
    table = r.mapping(node, "traditional")
    for written, folded in table.items():
        if not (isinstance(written, str) and isinstance(folded, str) and len(written) == len(folded) == 1):
            raise r.fail(f"traditional.{written}", "expected one character mapped to one character")
    return dict(table)


def _level_quals(r: _Reader, node: Any) -> dict[str, str]:
    """{op: qual code}, exactly one entry for each comparator op."""
    quals = r.coded(node, "relative.level_quals", QUAL_CODES)
    if quals.keys() != COMPARATOR_OPS:
        raise r.fail("relative.level_quals", f"needs every op, and only those: {', '.join(sorted(COMPARATOR_OPS))}")
    return quals


def _name_rules(r: _Reader, node: Any, units: Mapping[str, UnitVariant]) -> tuple[NameUnitRule, ...]:
    if not isinstance(node, list):
        raise r.fail("context.unit_from_name", "expected a list of rules")
    rules = []
    for i, spec in enumerate(node):
        key = f"context.unit_from_name[{i}]"
        spec = r.mapping(spec, key)
        r.keys(spec, key, frozenset({"pattern", "unit", "min_value", "max_value", "only_with_scale"}),
               frozenset({"pattern", "unit"}))
        only_with_scale = spec.get("only_with_scale", False)
        if not isinstance(only_with_scale, bool):
            raise r.fail(f"{key}.only_with_scale", f"expected true or false, got {only_with_scale!r}")
        unit = r.choice(spec["unit"], f"{key}.unit", frozenset(v.canonical for v in units.values()))
        low = r.number(spec["min_value"], f"{key}.min_value") if "min_value" in spec else None
        high = r.number(spec["max_value"], f"{key}.max_value") if "max_value" in spec else None
        rules.append(NameUnitRule(r.pattern(spec["pattern"], f"{key}.pattern"), unit, low, high, only_with_scale))
    return tuple(rules)


def lexicon_from_dict(data: Any, path: str | Path = "<dict>") -> TargetLexicon:
    """Validate a parsed targets.yaml tree and build the lookup tables."""
    r = _Reader(Path(path))
    data = r.mapping(data, "<top>")
    r.keys(data, "<top>", TOP_LEVEL_KEYS, TOP_LEVEL_KEYS)
    cmp_ = r.mapping(data["comparators"], "comparators")
    rel = r.mapping(data["relative"], "relative")
    dl = r.mapping(data["deadlines"], "deadlines")
    ctx = r.mapping(data["context"], "context")
    ph = r.mapping(data["placeholders"], "placeholders")
    zero = r.mapping(data["zero_phrases"], "zero_phrases")
    symbols = r.coded(cmp_.get("symbols"), "comparators.symbols", COMPARATOR_OPS)
    variants = r.mapping(cmp_.get("symbol_variants"), "comparators.symbol_variants")
    for written, symbol in variants.items():
        r.choice(symbol, f"comparators.symbol_variants.{written}", frozenset(symbols))
    units, unit_classes = _units(r, data["units"])
    phrases, patterns = _qualitative(r, data["qualitative"])
    whole, of, tenths = _idioms(r, data["percent_idioms"])
    return TargetLexicon(
        stray_marks=r.words(data["stray_marks"], "stray_marks"),
        wrapping_pairs=_frozen(r.texts(data["wrapping_pairs"], "wrapping_pairs")),
        symbols=_frozen(symbols),
        symbol_variants=_frozen(variants),
        prefix_words=_frozen(r.op_words(cmp_.get("prefix_words"), "comparators.prefix_words", COMPARATOR_OPS)),
        suffix_words=_frozen(r.op_words(cmp_.get("suffix_words"), "comparators.suffix_words", COMPARATOR_OPS)),
        approx_suffix_words=frozenset(r.words(cmp_.get("approx_suffix_words"), "comparators.approx_suffix_words")),
        approx_prefix_words=r.words(cmp_.get("approx_prefix_words"), "comparators.approx_prefix_words"),
        approx_after_words=r.words(cmp_.get("approx_after_words"), "comparators.approx_after_words"),
        range_connectors=r.words(cmp_.get("range_connectors"), "comparators.range_connectors"),
        per_unit_separators=r.words(cmp_.get("per_unit_separators"), "comparators.per_unit_separators"),
        range_prefix_words=r.words(cmp_.get("range_prefix_words"), "comparators.range_prefix_words"),
        range_suffix_words=r.words(cmp_.get("range_suffix_words"), "comparators.range_suffix_words"),
        clause_separators=r.words(cmp_.get("clause_separators"), "comparators.clause_separators"),
        target_separators=r.words(cmp_.get("target_separators"), "comparators.target_separators"),
        inclusive_notes=r.words(cmp_.get("inclusive_notes"), "comparators.inclusive_notes"),
        garbage_prefixes=r.words(cmp_.get("garbage_prefixes"), "comparators.garbage_prefixes"),
        trailing_fillers=r.words(cmp_.get("trailing_fillers"), "comparators.trailing_fillers"),
        graded_markers=r.words(cmp_.get("graded_markers"), "comparators.graded_markers"),
        traditional=_frozen(_traditional(r, data["traditional"])),
        scale_words=_frozen(r.integers(data["scale_words"], "scale_words")),
        idiom_whole=_frozen(whole), idiom_of=_frozen(of), idiom_tenths=_frozen(tenths),
        units=_frozen(units), unit_classes=_frozen(unit_classes),
        placeholders_maybe_zero=frozenset(r.words(ph.get("maybe_zero"), "placeholders.maybe_zero")),
        placeholders_plain=frozenset(r.words(ph.get("plain"), "placeholders.plain")),
        spreadsheet_errors=frozenset(w.upper() for w in r.words(data["spreadsheet_errors"], "spreadsheet_errors")),
        zero_prefixes=r.words(zero.get("prefixes"), "zero_phrases.prefixes"),
        zero_exceptions=r.words(zero.get("exceptions"), "zero_phrases.exceptions"),
        basis_notes=_frozen(r.coded(data["basis_notes"], "basis_notes", BASES)),
        qual_phrases=_frozen(phrases), qual_patterns=patterns,
        relative_references=_frozen(r.coded(rel.get("references"), "relative.references", RELATIVE_TO)),
        increase_words=r.words(rel.get("increase_words"), "relative.increase_words"),
        decrease_words=r.words(rel.get("decrease_words"), "relative.decrease_words"),
        relative_levels=_frozen(r.coded(rel.get("levels"), "relative.levels", RELATIVE_TO)),
        level_words=_frozen(r.coded(rel.get("level_words"), "relative.level_words", COMPARATOR_OPS)),
        level_suffix_words=_frozen(r.coded(rel.get("level_suffix_words"), "relative.level_suffix_words",
                                           COMPARATOR_OPS)),
        level_quals=_frozen(_level_quals(r, rel.get("level_quals"))),
        deadline_prefix_words=r.words(dl.get("prefix_words"), "deadlines.prefix_words"),
        deadline_range_start_words=r.words(dl.get("range_start_words"), "deadlines.range_start_words"),
        deadline_explicit_prefix_words=frozenset(r.words(dl.get("explicit_prefix_words"),
                                                         "deadlines.explicit_prefix_words")),
        deadline_before_words=r.words(dl.get("before_words"), "deadlines.before_words"),
        deadline_trailing_words=r.words(dl.get("trailing_words"), "deadlines.trailing_words"),
        month_end_words=r.words(dl.get("month_end_words"), "deadlines.month_end_words"),
        year_end_words=_frozen(r.coded(dl.get("year_end_words"), "deadlines.year_end_words", PRECISIONS)),
        half_year_end_month=_frozen(r.integers(dl.get("half_year_end_month"), "deadlines.half_year_end_month")),
        quarter_word=r.text(dl.get("quarter_word"), "deadlines.quarter_word"),
        zero_count_names=r.words(ctx.get("zero_count_names"), "context.zero_count_names"),
        not_count_suffixes=r.words(ctx.get("not_count_suffixes"), "context.not_count_suffixes"),
        unit_from_name=_name_rules(r, ctx.get("unit_from_name"), units),
    )


_DEFAULT: list[TargetLexicon] = []      # the default lexicon, once loaded (hot path of every parse)


def load_target_lexicon(path: str | Path | None = None) -> TargetLexicon:
    """The lexicon from `path` (default: schemas/targets.yaml), validated; cached per path."""
    if path is None:
        if not _DEFAULT:
            _DEFAULT.append(_load_cached(str(TARGETS_YAML)))
        return _DEFAULT[0]
    return _load_cached(str(path))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> TargetLexicon:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SchemaError(path, "<file>", f"not valid YAML: {exc}") from None
    return lexicon_from_dict(data, path)
