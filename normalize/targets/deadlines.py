"""Deadline targets (时间节点): `2026年12月31日前`, `2026年上半年`, `12月底前完成`, `年底前`.

A deadline is read as "on or before" (op le) the last day of the period written, with
the period's size kept as the precision (day, month, quarter, half_year, year). A date
without a year is relative: it resolves against `year` (the form's year) when given;
otherwise the deadline stays None and the target is partial. A period written as a span
(`2026年1月1日-2026年12月31日`, `2026年1-6月`) is a deadline at the span's end (`span`).
Years may be written in Chinese digits (`二〇二六年十二月三十一日前`); the numerals come
from schemas/text.yaml.

>>> parse_deadline("2026年12月31日前")[:4]
(datetime.date(2026, 12, 31), 'day', True, False)
>>> m = parse_deadline("2026年1-6月")
>>> m.deadline, m.precision, m.explicit, m.span
(datetime.date(2026, 6, 30), 'month', False, True)
>>> parse_deadline("年底前", year=2026).deadline
datetime.date(2026, 12, 31)
>>> parse_deadline("第三季度")
DeadlineMatch(deadline=None, precision='quarter', explicit=False, relative=True, valid=True, span=False, start=None)
"""
from __future__ import annotations

import calendar
import datetime
import re
from functools import lru_cache
from typing import NamedTuple

from formex.normalize.targets.numerals import alternation, parse_chinese_numeral
from formex.schemas.target_lexicon import TargetLexicon, load_target_lexicon
from formex.schemas.text_policy import load_text_vocabulary

CENTURIES = ("19", "20")     # a year is 1900-2099, in Arabic or Chinese digits
DATE_HINT = re.compile(r"[年月季]|\d{4}[-/.]\d")     # every deadline form has one of these


class DeadlineMatch(NamedTuple):
    deadline: datetime.date | None
    precision: str
    explicit: bool       # 前 / 之前 / 截至 ... wrote the comparator
    relative: bool       # no year in the text
    valid: bool          # False for 2026年2月30日
    span: bool = False   # written as a span (from - to); the deadline is its end
    start: datetime.date | None = None   # a span's first day


class _DateNumbers(NamedTuple):
    """Regex sources for the numbers of a date, Arabic or Chinese."""
    year: str        # 2026 | 二〇二六 (二○二六 as OCR reads it)
    small: str       # a month or a day: 12 | 十二
    quarter: str     # 第3季度 | 第三季度


@lru_cache(maxsize=1)
def date_numbers() -> _DateNumbers:
    """The numbers of a date, built from the Chinese numerals of schemas/text.yaml.

    >>> [bool(re.fullmatch(date_numbers().year, y)) for y in ("2026", "二〇二六", "二○二六", "两〇二六", "2126")]
    [True, True, True, False, False]
    >>> [bool(re.fullmatch(date_numbers().small, d)) for d in ("12", "三十一", "两", "拾")]
    [True, True, False, False]
    """
    cn = load_text_vocabulary().numerals
    every = "".join(map(re.escape, cn.year_digits))
    chinese = "|".join("".join(f"[{cn.spellings(int(d), cn.year_digits)}]" for d in c) for c in CENTURIES)
    quarters = "".join(cn.spellings(q, cn.digits) for q in range(1, 5))
    return _DateNumbers(year=rf"(?:{'|'.join(CENTURIES)})\d\d|(?:{chinese})[{every}]{{2}}",
                        small=rf"\d{{1,2}}|[{cn.ordinals}]{{1,3}}",
                        quarter=rf"第?(?P<q>[1-4{quarters}])")


@lru_cache(maxsize=4)
def deadline_patterns(lexicon: TargetLexicon | None = None) -> tuple[tuple[str, re.Pattern], ...]:
    """(precision, full-match pattern) pairs, tried in order."""
    lex = lexicon or load_target_lexicon()
    numbers = date_numbers()
    year, month, day = (rf"(?P<y>{numbers.year})", rf"(?P<m>{numbers.small})", rf"(?P<d>{numbers.small})")
    pre = f"(?P<pre>{alternation(lex.deadline_prefix_words)})?"
    suf = (f"(?P<before>{alternation(lex.deadline_before_words)})?"
           f"(?:{alternation(lex.deadline_trailing_words)})?")
    month_end = f"(?P<me>{alternation(lex.month_end_words)})?"
    quarter = f"{numbers.quarter}(?:{re.escape(lex.quarter_word)}|季)(?:{alternation(lex.month_end_words)})?"
    halves = f"(?P<h>{alternation(lex.half_year_end_month)})"
    ends = f"(?P<ye>{alternation(lex.year_end_words)})"
    sep = r"[年\-/.]"
    forms = (
        ("day", rf"{year}{sep}{month}[月\-/.]{day}[日号]?"),
        ("month", rf"{year}{sep}{month}月?{month_end}"),
        ("quarter", rf"{year}年?{quarter}"),
        ("half_year", rf"{year}年?{halves}"),
        ("year", rf"{year}(?:年(?P<yend>底|末|终|内|度内|度)?)"),
        ("end", rf"{year}年?{ends}"),                         # 2026年年底前
        ("day", rf"{month}月{day}[日号]"),
        ("month", rf"{month}月{month_end}"),
        ("quarter", quarter),
        ("end", ends),
    )
    return tuple((precision, re.compile(f"^{pre}{form}{suf}$")) for precision, form in forms)


@lru_cache(maxsize=4)
def span_patterns(lexicon: TargetLexicon | None = None) -> tuple[re.Pattern, re.Pattern]:
    """(connector, start of a span): `2026年1月1日` | `2026-01-01` | `2026年1` | `1月1日`, then 起."""
    lex = lexicon or load_target_lexicon()
    numbers = date_numbers()
    start = (f"(?:{alternation(lex.deadline_range_start_words)})?"
             rf"(?P<sy>{numbers.year})?(?:年|[\-/.])?"
             rf"(?:(?:{numbers.small})(?:月|[\-/.])?(?:(?:{numbers.small})[日号]?)?)?起?")
    return re.compile(alternation(lex.range_connectors)), re.compile(start)


def _small_number(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    year_digits = load_text_vocabulary().numerals.year_digits
    if len(text) == 4 and all(ch in year_digits for ch in text):     # 二〇二六: positional digits
        return int("".join(str(year_digits[ch]) for ch in text))
    value = parse_chinese_numeral(text)
    return int(value) if value is not None else None


def period_end(year: int, precision: str, month: int | None = None, day: int | None = None,
               quarter: int | None = None, half_month: int | None = None) -> datetime.date | None:
    """The last day of the period, or None when the date does not exist.

    >>> period_end(2026, "quarter", quarter=3), period_end(2026, "month", month=2), period_end(2026, "day", 2, 30)
    (datetime.date(2026, 9, 30), datetime.date(2026, 2, 28), None)
    """
    if precision == "quarter":
        month = 3 * quarter if quarter and 1 <= quarter <= 4 else None
    elif precision == "half_year":
        month = half_month
    elif precision == "year":
        month = 12
    if month is None or not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    last = calendar.monthrange(year, month)[1]
    if precision == "day":
        return datetime.date(year, month, day) if day is not None and 1 <= day <= last else None
    return datetime.date(year, month, last)


def parse_deadline(text: str, *, year: int | None = None,
                   lexicon: TargetLexicon | None = None) -> DeadlineMatch | None:
    """The deadline the whole of `text` states, or None when it is not a deadline."""
    if not DATE_HINT.search(text):
        return None
    lex = lexicon or load_target_lexicon()
    return _parse_period(text, year, lex) or parse_deadline_span(text, year, lex)


def _parse_period(text: str, year: int | None, lex: TargetLexicon) -> DeadlineMatch | None:
    for precision, pattern in deadline_patterns(lex):
        m = pattern.match(text)
        if m:
            return _match_to_deadline(m, precision, year, lex)
    return None


def parse_deadline_span(text: str, year: int | None, lex: TargetLexicon) -> DeadlineMatch | None:
    """`2026年1月1日-2026年12月31日`, `2026年1-6月`: the deadline at the end of the span.

    The start must hold a year or 月 (so `3-5个月` is not a span), and the end, read as a
    deadline, takes the start's year when it writes none.

    >>> parse_deadline_span("2026年1月1日至12月31日", None, load_target_lexicon()).deadline
    datetime.date(2026, 12, 31)
    """
    connector, start = span_patterns(lex)
    for m in connector.finditer(text):
        s = start.fullmatch(text, 0, m.start())
        if s is None or not (s.group("sy") or "月" in s.group()):
            continue
        start_year = _small_number(s.group("sy"))
        end = _parse_period(text[m.end():], start_year or year, lex)
        if end is not None:
            begin = _parse_period(text[:m.start()], start_year or year, lex)
            first = period_start(begin.deadline, begin.precision) if begin and begin.deadline else None
            return end._replace(relative=end.relative and start_year is None, span=True, start=first)
    return None


def period_start(end: datetime.date, precision: str) -> datetime.date:
    """The first day of the period whose last day is `end`.

    >>> period_start(datetime.date(2023, 7, 31), "month"), period_start(datetime.date(2026, 9, 30), "quarter")
    (datetime.date(2023, 7, 1), datetime.date(2026, 7, 1))
    """
    back = {"day": 0, "month": 0, "quarter": 2, "half_year": 5, "year": 11}[precision]
    return end if precision == "day" else datetime.date(end.year, end.month - back, 1)


def _match_to_deadline(m: re.Match, precision: str, year: int | None, lex: TargetLexicon) -> DeadlineMatch:
    groups = m.groupdict()
    half_month = None
    if precision == "end":
        word = groups["ye"]
        precision = lex.year_end_words[word]
        half_month = lex.half_year_end_month.get(word, 12)
    elif precision == "half_year":
        half_month = lex.half_year_end_month[groups["h"]]
    written_year = _small_number(groups.get("y"))
    explicit = bool(groups.get("before")) or groups.get("pre") in lex.deadline_explicit_prefix_words \
        or (groups.get("yend") or groups.get("ye") or "").endswith("内")
    resolved_year = written_year or year
    if resolved_year is None:
        month = _small_number(groups.get("m"))
        valid = month is None or 1 <= month <= 12
        return DeadlineMatch(None, precision, explicit, True, valid)
    deadline = period_end(resolved_year, precision, _small_number(groups.get("m")), _small_number(groups.get("d")),
                          _small_number(groups.get("q")), half_month)
    return DeadlineMatch(deadline, precision, explicit, written_year is None, deadline is not None)
