"""Properties of the target parser, checked on generated text (hypothesis).

1. `parse_target` never raises, on arbitrary text and on text built from the lexicon's
   own fragments (ops, numbers, units, words, markup noise, mixed);
2. parsing the cleaned `text` gives the same kind, op, value, value_max, scale and unit
   as parsing the raw cell (cleaning is stable and loses nothing the parse uses).

Each property runs at most 300 examples so the suite stays fast.
"""
from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formex.normalize.targets.model import KNOWN_FLAGS
from formex.normalize.targets import apply_target_context, parse_target
from formex.schemas.target_lexicon import KINDS, OPS, STATUSES, load_target_lexicon
from formex.schemas.text_policy import load_text_vocabulary

LEX = load_target_lexicon()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NOISE = ["$", "\\text{", "}", "\\geq ", "\\le", "\\%", "&amp;", "&ge;", "&#8805;", "&lt;", "（", "）", "％", "＝",
         "＞", "\u200b", "\n", " ", "  ", "O", "o", "l", "I", "〇", "，", "；", ",", ";", "(", ")", "#REF!", "\t",
         "−", "+", "-", ".", "0", "00", "年", "月", "日", "前", "底", "季度", "第三", "上半年", "年底", "2026",
         "百分之", "九十五", "两万", "一百", "成", "零", "无", "较上年", "同比", "提高", "下降", "个百分点",
         "上年度水平", "(计划标准)", "(历史标准)", "之间", "左右", "约"]
FRAGMENTS = sorted({*LEX.symbols, *LEX.symbol_variants, *LEX.prefix_words, *LEX.suffix_words, *LEX.units,
                    *LEX.scale_words, *LEX.range_connectors, *LEX.qual_phrases, *LEX.placeholders_plain,
                    *load_text_vocabulary().after_nfkc, *LEX.zero_prefixes, *NOISE})
numbers = st.one_of(
    st.integers(min_value=0, max_value=10**7).map(str),
    st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["95", "100.00", "1,000", "95.OO", "9５", "292", "2280", "0"]),
)
fragment_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), numbers), min_size=0, max_size=8).map("".join)
target_like = st.tuples(st.sampled_from(["", *LEX.symbols, *LEX.symbol_variants, *LEX.prefix_words, "$\\geq "]),
                        numbers, st.sampled_from(["", *LEX.units, *LEX.scale_words, "(%)", "(万)", "(\\%)$"]),
                        st.sampled_from(["", *LEX.suffix_words, "；≤100%", "-95%", "(计划标准)"])).map("".join)
any_text = st.one_of(st.text(max_size=60), fragment_text, target_like)


def same(a, b) -> bool:
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))


def assert_well_formed(t) -> None:
    assert t.kind in KINDS and t.op in OPS and t.status in STATUSES
    assert 0.0 <= t.confidence <= 1.0
    assert set(t.flags) <= KNOWN_FLAGS and list(t.flags) == sorted(set(t.flags))


@SETTINGS
@given(st.text())
def test_never_raises_on_any_text(raw):
    t = parse_target(raw)
    assert_well_formed(t)
    assert "parse_error" not in t.flags, raw           # the safety net turns crashes into `failed`
    assert t.raw == raw


@SETTINGS
@given(any_text, st.one_of(st.none(), st.integers(min_value=1900, max_value=2100)))
def test_never_raises_on_lexicon_fragments(raw, year):
    t = parse_target(raw, year=year)
    assert_well_formed(t)
    assert "parse_error" not in t.flags, raw           # the safety net is for bugs, and there are none
    assert_well_formed(apply_target_context(t, indicator_name=raw, unit_column=raw[:3], year=year))


@SETTINGS
@given(any_text)
def test_parsing_the_cleaned_text_gives_the_same_value(raw):
    first = parse_target(raw)
    again = parse_target(first.text)
    for name in ("kind", "op", "value", "value_max", "scale", "unit"):
        assert same(getattr(first, name), getattr(again, name)), (name, raw, first.text)
    assert again.text == first.text                     # cleaning is stable
