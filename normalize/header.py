"""Header fields (单位名称, 单位职责 …) from the rows `rows_to_sections` found."""
from __future__ import annotations

import re

from normalize.sections import FieldHit
from schemas.document import Issue

DUTY_NUMBER = re.compile(r"(?:^|(?<=\s)|(?<=[；;。]))\(?(\d{1,2})[.、．)）]\s*")


def split_duties(text: str) -> list[str]:
    """One item per numbered duty, numbering removed.

    >>> split_duties("1. 甲；\\n2. 乙。")
    ['甲；', '乙。']
    >>> split_duties("1、甲；2、乙")
    ['甲；', '乙']
    """
    parts = DUTY_NUMBER.split(text)
    if len(parts) == 1:
        return [line.strip() for line in text.split("\n") if line.strip()]
    # split() alternates text and captured numbers: [before, n1, item1, n2, item2, ...]
    items = [parts[0]] + parts[2::2]
    return [item.strip() for item in items if item.strip()]


def fields_to_values(hits: list[FieldHit]) -> tuple[dict[str, object], list[Issue]]:
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
        text = hit.value.strip()
        values[name] = split_duties(text) if hit.spec.kind == "list" else (text or None)
    return values, issues
