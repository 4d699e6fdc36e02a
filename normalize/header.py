"""Header fields (单位名称, 单位职责 …) from the rows `rows_to_sections` found."""
from __future__ import annotations

import re

from formex.normalize.amounts import parse_amount, scale_amount
from formex.normalize.budget import MAX_AMOUNT, amount_power, unit_power
from formex.normalize.sections import FieldHit
from formex.schemas.text_policy import fold_number_text
from formex.schemas.document import Issue

# A duty number at the start, after whitespace or after a sentence end: `1.` (not the
# `12.` of `12.5万`), `1、`, `1)`, `(1)`, `（1）`. Only the style of the first number found
# splits, so `(1)` sub-items inside `1、` duties stay inside their duty.
DUTY_STYLES = (
    r"(?P<n>\d{1,2})(?:\.(?!\d)|[、．])",
    r"[(（](?P<n>\d{1,2})[)）]",
    r"(?P<n>\d{1,2})[)）]",
)
DUTY_START = r"(?:^|(?<=\s)|(?<=[；;。：:]))"


def split_duties(text: str) -> list[str]:
    """One item per numbered duty, numbering removed.

    >>> split_duties("1. 甲；\\n2. 乙。")
    ['甲；', '乙。']
    >>> split_duties("主要职责：1、负责全镇12.5万平方米绿地；(1)养护；(2)巡查。2、其他")
    ['负责全镇12.5万平方米绿地；(1)养护；(2)巡查。', '其他']
    """
    styles = [(m.start(), style) for style in DUTY_STYLES
              for m in [re.search(DUTY_START + style, text)] if m]
    if not styles:
        return [line.strip() for line in text.split("\n") if line.strip()]
    style = min(styles)[1]
    pattern = re.compile(DUTY_START + style + r"\s*")
    starts = [m for m in pattern.finditer(text)]
    lead_in = text[:starts[0].start()].strip()
    items = [lead_in if not lead_in.endswith((":", "：")) else ""] + [  # `主要职责：` is no duty
        text[m.end(): starts[k + 1].start() if k + 1 < len(starts) else len(text)]
        for k, m in enumerate(starts)]
    return [item.strip() for item in items if item.strip()]


NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def parse_field_value(hit: FieldHit, text: str, unit_words: tuple[tuple[str, int], ...]
                      ) -> tuple[object, Issue | None]:
    """A field's text as its kind says: a list of duties, an amount in 元 (scaled by the
    unit its label or its cell states: `资金总额（万元）`), a number (`87.7%`, `92分`)."""
    kind = hit.spec.kind
    if kind == "list":
        return split_duties(text), None
    if kind == "text" or not text:
        return text or None, None
    if kind == "money":
        amount = parse_amount(text)
        label = hit.row.filled[0].text
        power = amount_power(text, unit_words)
        power = unit_power(label, unit_words) if power is None else power
        if amount is not None and abs(scaled := scale_amount(amount, power or 0)) < MAX_AMOUNT:
            return scaled, None
    else:
        found = NUMBER.fullmatch(fold_number_text(text).strip().rstrip("%％分").strip())
        if found:
            return float(found.group()), None
    return None, Issue("error", "amount_unparsed", f"{text!r} given for {hit.spec.labels[0]} is not a number",
                       field=hit.spec.name, source_ref=hit.row.source_ref)


def fields_to_values(hits: list[FieldHit], unit_words: tuple[tuple[str, int], ...] = ()
                     ) -> tuple[dict[str, object], list[Issue]]:
    """Field values keyed by contract column, with an issue for each fuzzy label match
    and each field given twice."""
    values: dict[str, object] = {}
    issues: list[Issue] = []
    for hit in hits:
        name = hit.spec.name
        if name in values:
            issues.append(Issue("warning", "field_repeated",
                                f"{hit.spec.labels[0]} appears again; the first value is kept",
                                field=name, source_ref=hit.row.source_ref))
            continue
        if not hit.match.exact:
            issues.append(Issue("info", "header_fuzzy_match",
                                f"label {hit.row.filled[0].text!r} read as {hit.match.alias!r} "
                                f"(similarity {hit.match.score:.0f})",
                                field=name, source_ref=hit.row.source_ref))
        values[name], issue = parse_field_value(hit, hit.value.strip(), unit_words)
        issues += [issue] if issue else []
    return values, issues
