"""Typed targets: a 指标值 cell (`≥90.00(%)`, `百分百`, `不低于上年度水平`, `2026年12月31日前`,
`无`) as a `Target` value. The specification is docs/targets.md; the vocabulary is
schemas/targets.yaml, with what it shares with the other readers (zero-width characters,
LaTeX, digit look-alikes, Chinese numerals) in schemas/text.yaml.

How it works (each step is one function, in this order):

1. `clean_target_text`   (text.py) HTML entities, NFKC, LaTeX, op variants, digit
                         look-alikes; every repair becomes a flag
2. `split_basis_note`    (reading.py) `(计划标准)` -> basis=plan, then
   `split_inclusive_note` `(含)` -> the bound is included
3. `STRATEGIES`          (reading.py) tried in order, first fit wins: placeholder,
                         spreadsheet error, too long, prose, qualitative phrase, zero
                         phrase, relative level, relative trend, deadline (deadlines.py),
                         quantity (grammar.py, numerals.py), relative change, garbage
                         prefix, several targets, leading text, free text, unknown
4. `build_target`        (model.py) status and confidence from the flags (FLAG_EFFECTS)
5. `apply_target_context` (context.py) the row's unit column, indicator name and year
                         settle what the cell alone cannot

`parse_target` never raises: whatever it cannot read is a Target with status ambiguous or
failed, the raw text kept and a flag saying why (`parse_error` when a strategy raised,
`context_error` when the context pass did; both make the target `failed`).

>>> t = parse_target("$\\\\geq 95.00(\\\\%)$")
>>> t.kind, t.op, t.value, t.unit, t.status, t.flags
('quantitative', 'ge', 95.0, '%', 'ok', ('latex',))
>>> t = parse_target("=350.00(万)")
>>> t.value_base, t.unit, t.unit_raw, t.status, t.flags
(3500000.0, None, '万', 'partial', ('scale_only_unit',))
>>> parse_target("年底前", year=2026).deadline
datetime.date(2026, 12, 31)
>>> parse_target("无").status, parse_target(None).text
('empty', None)
"""
from __future__ import annotations

from formex.normalize.targets.context import apply_target_context, join_split_target
from formex.normalize.targets.model import FLAG_EFFECTS, KNOWN_FLAGS, OP_DIRECTION, Target, build_target
from formex.normalize.targets.reading import STRATEGIES, read_target

__all__ = ["Target", "parse_target", "apply_target_context", "join_split_target", "STRATEGIES",
           "FLAG_EFFECTS", "KNOWN_FLAGS", "OP_DIRECTION"]


MEMO_LIMIT = 20_000   # targets remembered (a Target is immutable; cells repeat across a batch)
_MEMO: dict[tuple[str | None, int | None], Target] = {}


def parse_target(raw: str | None, *, year: int | None = None) -> Target:
    """The typed value of one target (or actual) cell. Never raises.

    `year` (the form's year) resolves deadlines written without one (`年底前`).

    >>> parse_target("较上年提高5%").relative_to, parse_target("同比下降10%").value
    ('prior_year', -10.0)
    """
    if raw is not None and type(raw) is not str:
        return _parse(raw, year)
    key = (raw, year)
    found = _MEMO.get(key)
    if found is None:
        found = _parse(raw, year)
        if len(_MEMO) >= MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[key] = found
    return found


def _parse(raw, year: int | None) -> Target:
    try:
        return read_target(raw, year)
    except Exception:  # noqa: BLE001 - bad content gives a value, never an exception
        return _failed(raw)


def _failed(raw) -> Target:
    try:
        raw_text = raw if raw is None or isinstance(raw, str) else repr(raw)
    except Exception:  # noqa: BLE001 - a str subclass whose repr fails
        raw_text = None
    return build_target(raw_text, None, {"kind": "unknown"}, {"no_target", "parse_error"})
