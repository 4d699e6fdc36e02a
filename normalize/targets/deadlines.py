"""Deadline targets (时间节点): `2026年12月31日前`, `2026年上半年`, `12月底前完成`, `年底前`.

A deadline is read as "on or before" (op le) the last day of the period written, with
the period's size kept as the precision (day, month, quarter, half_year, year). A date
without a year is relative: it resolves against `year` (the form's year) when given;
otherwise the deadline stays None and the target is partial. A period written as a span
(`2026年1月1日-2026年12月31日`, `2026年1-6月`) is a deadline at the span's end (`span`).
Years may be written in Chinese digits (`二〇二六年十二月三十一日前`).

>>> parse_deadline("2026年12月31日前")[:4]
(datetime.date(2026, 12, 31), 'day', True, False)
>>> m = parse_deadline("2026年1-6月")
>>> m.deadline, m.precision, m.explicit, m.span
(datetime.date(2026, 6, 30), 'month', False, True)
>>> parse_deadline("年底前", year=2026).deadline
datetime.date(2026, 12, 31)
>>> parse_deadline("第三季度")
DeadlineMatch(deadline=None, precision='quarter', explicit=False, relative=True, valid=True, span=False)
"""
from __future__ import annotations

import calendar
import datetime
import re
from functools import lru_cache
from typing import NamedTuple

from formex.normalize.targets.numerals import alternation, parse_chinese_numeral
from formex.schemas.target_lexicon import TargetLexicon, load_target_lexicon

_CN_SMALL = "一二三四五六七八九十"
_CN_YEAR_DIGITS = {**{ch: 0 for ch in "〇零○"}, **{ch: i for i, ch in enumerate("一二三四五六七八九", 1)}}
_YEAR_TEXT = rf"(?:19|20)\d\d|(?:一九|二[〇零○])[{''.join(_CN_YEAR_DIGITS)}]{{2}}"   # ○ is OCR for 〇
_SMALL_TEXT = rf"\d{{1,2}}|[{_CN_SMALL}]{{1,3}}"
_YEAR = rf"(?P<y>{_YEAR_TEXT})"
_MONTH = rf"(?P<m>{_SMALL_TEXT})"
_DAY = rf"(?P<d>{_SMALL_TEXT})"
_QUARTER = r"第?(?P<q>[1-4一二三四])"
_DATE_HINT = re.compile(r"[年月季]|\d{4}[-/.]\d")     # every deadline form has one of these


class DeadlineMatch(NamedTuple):
    deadline: datetime.date | None
    precision: str
    explicit: bool       # 前 / 之前 / 截至 ... wrote the comparator
    relative: bool       # no year in the text
    valid: bool          # False for 2026年2月30日
    span: bool = False   # written as a span (from - to); the deadline is its end


@lru_cache(maxsize=4)
def deadline_patterns(lexicon: TargetLexicon | None = None) -> tuple[tuple[str, re.Pattern], ...]:
    """(precision, full-match pattern) pairs, tried in order."""
    lex = lexicon or load_target_lexicon()
    pre = f"(?P<pre>{alternation(lex.deadline_prefix_words)})?"
    suf = (f"(?P<before>{alternation(lex.deadline_before_words)})?"
           f"(?:{alternation(lex.deadline_trailing_words)})?")
    month_end = f"(?P<me>{alternation(lex.month_end_words)})?"
    quarter = f"{_QUARTER}(?:{re.escape(lex.quarter_word)}|季)(?:{alternation(lex.month_end_words)})?"
    halves = f"(?P<h>{alternation(lex.half_year_end_month)})"
    ends = f"(?P<ye>{alternation(lex.year_end_words)})"
    sep = r"[年\-/.]"
    forms = (
        ("day", rf"{_YEAR}{sep}{_MONTH}[月\-/.]{_DAY}[日号]?"),
        ("month", rf"{_YEAR}{sep}{_MONTH}月?{month_end}"),
        ("quarter", rf"{_YEAR}年?{quarter}"),
        ("half_year", rf"{_YEAR}年?{halves}"),
        ("year", rf"{_YEAR}(?:年(?P<yend>底|末|终|内|度内|度)?)"),
        ("end", rf"{_YEAR}年?{ends}"),                         # 2026年年底前
        ("day", rf"{_MONTH}月{_DAY}[日号]"),
        ("month", rf"{_MONTH}月{month_end}"),
        ("quarter", quarter),
        ("end", ends),
    )
    return tuple((precision, re.compile(f"^{pre}{form}{suf}$")) for precision, form in forms)


@lru_cache(maxsize=4)
def span_patterns(lexicon: TargetLexicon | None = None) -> tuple[re.Pattern, re.Pattern]:
    """(connector, start of a span): `2026年1月1日` | `2026-01-01` | `2026年1` | `1月1日`, then 起."""
    lex = lexicon or load_target_lexicon()
    start = (f"(?:{alternation(lex.deadline_range_start_words)})?"
             rf"(?P<sy>{_YEAR_TEXT})?(?:年|[\-/.])?(?:(?:{_SMALL_TEXT})(?:月|[\-/.])?(?:(?:{_SMALL_TEXT})[日号]?)?)?起?")
    return re.compile(alternation(lex.range_connectors)), re.compile(start)


def _small_number(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(ch in _CN_YEAR_DIGITS for ch in text):     # 二〇二六: positional digits
        return int("".join(str(_CN_YEAR_DIGITS[ch]) for ch in text))
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
    if not _DATE_HINT.search(text):
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
            return end._replace(relative=end.relative and start_year is None, span=True)
    return None


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
