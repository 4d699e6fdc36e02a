"""Numbers in target cells: Arabic digits, Chinese numerals and percent idioms.

Chinese numerals are evaluated whole (两万 -> 20000, 一点五亿 -> 150000000, no scale
split), as docs/targets.md asks; a scale word after Arabic digits (1.5亿) is the
grammar's business, not this one's.
Digits and unit characters come from schemas/text.yaml (shared with the other readers),
the percent idioms from schemas/targets.yaml.

>>> parse_chinese_numeral("九十五"), parse_chinese_numeral("两万"), parse_chinese_numeral("一百零五")
(95.0, 20000.0, 105.0)
>>> match_number("百分之九十五以上", 0)
NumberMatch(value=95.0, text='百分之九十五', end=6, unit='%', unit_raw='百分之', chinese=True)
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from formex.schemas.target_lexicon import TargetLexicon, load_target_lexicon
from formex.schemas.text_policy import ChineseNumerals, load_text_vocabulary


MAX_CHINESE_NUMERAL = 24     # longer runs of numeral characters are not a number anyone wrote


class NumberMatch(NamedTuple):
    value: float
    text: str            # the number as written (Arabic digits kept exact for value_base)
    end: int
    unit: str | None     # set by an idiom: 百分之X -> %, X成 -> %
    unit_raw: str | None
    chinese: bool


class _NumeralPatterns(NamedTuple):
    arabic: re.Pattern
    chinese: re.Pattern
    whole: re.Pattern | None
    of: re.Pattern | None
    tenths: re.Pattern | None
    numerals: ChineseNumerals


def alternation(words) -> str:
    """A regex alternation of `words`, longest first so 大于等于 wins over 大于.

    >>> alternation(["大于", "大于等于", "+"])
    '大于等于|大于|\\\\+'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=4)
def numeral_patterns(lexicon: TargetLexicon | None = None) -> _NumeralPatterns:
    lex = lexicon or load_target_lexicon()
    cn = load_text_vocabulary().numerals
    starts = "".join(list(cn.value_digits) + [u for u, p in cn.value_small_units.items() if p == 1])
    body = "".join(list(cn.value_digits) + list(cn.value_small_units) + list(cn.big_units))
    digits, big = re.escape("".join(cn.value_digits)), re.escape("".join(cn.big_units))
    point = re.escape(cn.decimal_point)
    chinese = f"[{re.escape(starts)}][{re.escape(body)}]*(?:{point}[{digits}]+[{big}]*)?"     # 一点五亿
    arabic = r"[+-]?\d+(?:\.\d+)?"
    return _NumeralPatterns(
        arabic=re.compile(arabic),
        chinese=re.compile(chinese),
        whole=re.compile(alternation(lex.idiom_whole)) if lex.idiom_whole else None,
        of=re.compile(f"({alternation(lex.idiom_of)})({arabic}|{chinese})") if lex.idiom_of else None,
        tenths=re.compile(alternation(lex.idiom_tenths)) if lex.idiom_tenths else None,
        numerals=cn,
    )


def parse_chinese_numeral(text: str, numerals: ChineseNumerals | None = None) -> float | None:
    """A Chinese numeral as a float, or None when `text` is not one.

    >>> [parse_chinese_numeral(s) for s in ["十", "十五", "三千", "一亿二千万", "三万亿", "二〇二六", "九十五点五"]]
    [10.0, 15.0, 3000.0, 120000000.0, 3000000000000.0, 2026.0, 95.5]
    >>> [parse_chinese_numeral(s) for s in ["一点五亿", "三点五万", "零点五", "一点二三万亿"]]
    [150000000.0, 35000.0, 0.5, 1230000000000.0]
    >>> parse_chinese_numeral("满意") is None
    True
    """
    cn = numerals or load_text_vocabulary().numerals
    if not text:
        return None
    whole, point, fraction = text.partition(cn.decimal_point)
    value = _integer_part(whole, cn)
    if value is None or point and not fraction:
        return None
    if not fraction:
        return float(value)
    power = 0
    while fraction and fraction[-1] in cn.big_units:        # 一点五亿: the big units scale it all
        power += cn.big_units[fraction[-1]]
        fraction = fraction[:-1]
    digits = [cn.value_digits.get(ch) for ch in fraction]
    if not digits or None in digits or whole and whole[-1] in cn.big_units:
        return None
    return float(f"{value}.{''.join(map(str, digits))}e{power}")


def _integer_part(text: str, cn: ChineseNumerals) -> int | None:
    digits, small_units = cn.value_digits, cn.value_small_units
    if text and all(ch in digits for ch in text):      # 二〇二六: positional digits
        return int("".join(str(digits[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in digits:
            digit = digits[ch]
        elif ch in small_units:
            section += (digit or 1) * 10 ** small_units[ch]
            digit = 0
        elif ch in cn.big_units:
            power = cn.big_units[ch]
            if power >= 8:
                total = (total + section + digit) * 10 ** power
            else:
                total += (section + digit) * 10 ** power
            section = digit = 0
        else:
            return None
    return total + section + digit


def match_number(text: str, pos: int, lexicon: TargetLexicon | None = None) -> NumberMatch | None:
    """The number (or percent idiom) that starts at `pos`, or None.

    >>> match_number("≥1.5亿元", 1)
    NumberMatch(value=1.5, text='1.5', end=4, unit=None, unit_raw=None, chinese=False)
    >>> match_number("九成", 0).value, match_number("百分百", 0).unit_raw
    (90.0, '百分')
    """
    return number_at(text, pos, lexicon or load_target_lexicon(), numeral_patterns(lexicon))


def number_at(text: str, pos: int, lex: TargetLexicon, pat: _NumeralPatterns) -> NumberMatch | None:
    """`match_number` with the lexicon and patterns already in hand (the parser's hot path)."""
    m = pat.arabic.match(text, pos)
    if m:
        return _with_tenths(NumberMatch(float(m.group()), m.group(), m.end(), None, None, False), text, lex, pat)
    if pat.whole and (m := pat.whole.match(text, pos)):
        value, unit, unit_raw = lex.idiom_whole[m.group()]
        return NumberMatch(value, m.group(), m.end(), unit, unit_raw, True)
    if pat.of and (m := pat.of.match(text, pos)):
        inner = m.group(2)
        value = float(inner) if inner[0] in "+-0123456789" else parse_chinese_numeral(inner, pat.numerals)
        if value is not None:
            return NumberMatch(value, m.group(), m.end(), lex.idiom_of[m.group(1)], m.group(1), True)
    m = pat.chinese.match(text, pos)
    if m and len(m.group()) <= MAX_CHINESE_NUMERAL:
        value = parse_chinese_numeral(m.group(), pat.numerals)
        if value is not None:
            return _with_tenths(NumberMatch(value, m.group(), m.end(), None, None, True), text, lex, pat)
    return None


def _with_tenths(number: NumberMatch, text: str, lex: TargetLexicon, pat: _NumeralPatterns) -> NumberMatch:
    """九成 -> 90 %: a number followed by a tenths word becomes a percentage."""
    if pat.tenths is None:
        return number
    m = pat.tenths.match(text, number.end)
    if not m:
        return number
    factor, unit = lex.idiom_tenths[m.group()]
    start = number.end - len(number.text)
    return NumberMatch(number.value * factor, text[start:m.end()], m.end(), unit, m.group(), True)
