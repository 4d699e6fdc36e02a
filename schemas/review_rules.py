"""Load `schemas/review.yaml`: which rows need a person's review and why, and which
columns a reviewer may correct (`formex report`, `formex review`).

>>> rules = load_review_rules()
>>> rules.confidence_below, rules.issue_codes["label_displaced"]
(0.8, 'displaced_label')
>>> "level2" in rules.editable["indicators"], rules.reasons["unplaced"]
(True, 'text placed nowhere')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from formex.schemas.document import SEVERITIES
from formex.schemas.errors import SchemaError
from formex.schemas.tables import TABLE_SCHEMAS

REVIEW_YAML = Path(__file__).with_name("review.yaml")
TOP_KEYS = frozenset({"version", "confidence_below", "level2_sources", "target_statuses",
                      "issue_severities", "issue_codes", "other_issue_reason", "reasons", "editable"})
EDITABLE_TABLES = ("indicators", "tasks", "forms")


@dataclass(frozen=True)
class ReviewRules:
    confidence_below: float
    level2_sources: Mapping[str, str]     # level2_source -> reason
    target_statuses: Mapping[str, str]    # target_status -> reason
    issue_severities: frozenset[str]
    issue_codes: Mapping[str, str]        # issue code -> reason
    other_issue_reason: str               # a row's issue of a code not listed there
    reasons: Mapping[str, str]            # reason -> phrase for people
    editable: Mapping[str, tuple[str, ...]]   # table -> columns a reviewer may set


def _mapping(path: str, key: str, value: Any) -> dict:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise SchemaError(path, key, "expected a mapping of names to names")
    return value


@lru_cache(maxsize=None)
def load_review_rules(path: Path = REVIEW_YAML) -> ReviewRules:
    """The rules, validated: every reason named has a phrase, every editable column is a
    column of its table; a malformed file raises `SchemaError` naming the key."""
    where = str(path.name)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        raise SchemaError(where, "(top level)", f"expected exactly the keys {', '.join(sorted(TOP_KEYS))}")
    threshold = data["confidence_below"]
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise SchemaError(where, "confidence_below", "expected a number in (0, 1]")
    reasons = _mapping(where, "reasons", data["reasons"])
    named = {key: _mapping(where, key, data[key]) for key in ("level2_sources", "target_statuses", "issue_codes")}
    for key, table in named.items():
        unknown = sorted(set(table.values()) - set(reasons) - {"low_confidence"})
        if unknown:
            raise SchemaError(where, key, f"reasons without a phrase under `reasons`: {', '.join(unknown)}")
    other = data["other_issue_reason"]
    if not isinstance(other, str) or other not in reasons:
        raise SchemaError(where, "other_issue_reason", f"{other!r} has no phrase under `reasons`")
    severities = data["issue_severities"]
    if not isinstance(severities, list) or not set(severities) <= SEVERITIES:
        raise SchemaError(where, "issue_severities", f"expected a list of {', '.join(sorted(SEVERITIES))}")
    editable = data["editable"]
    if not isinstance(editable, dict) or set(editable) != set(EDITABLE_TABLES):
        raise SchemaError(where, "editable", f"expected the tables {', '.join(EDITABLE_TABLES)}")
    for table, columns in editable.items():
        unknown = sorted(set(columns) - set(TABLE_SCHEMAS[table].names))
        if unknown:
            raise SchemaError(where, f"editable.{table}", f"not columns of {table}: {', '.join(unknown)}")
    return ReviewRules(float(threshold), MappingProxyType(named["level2_sources"]),
                       MappingProxyType(named["target_statuses"]), frozenset(severities),
                       MappingProxyType(named["issue_codes"]), other, MappingProxyType(reasons),
                       MappingProxyType({t: tuple(c) for t, c in editable.items()}))
