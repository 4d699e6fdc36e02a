"""The batch at a glance: counts of a dataset's tables as bar charts.

>>> bars = confidence_bars([{"target_confidence": 0.95}, {"target_confidence": 1.0},
...                         {"target_confidence": 0.42}, {"target_confidence": None}])
>>> [(b.label, b.total) for b in bars if b.total]
[('0.4–0.5', 1), ('0.9–1.0', 2)]
"""
from __future__ import annotations

from collections import Counter

from formex.report_html.charts import Bar, bar_chart

SEVERITIES = ("error", "warning", "info")
STATUS_CLASS = {"ok": "ok", "partial": "warning", "failed": "error"}
NONE_LABEL = "(none)"
BINS = 10


def counted_bars(values, css: str = "neutral", order=None) -> list[Bar]:
    """One bar per distinct value, largest first (or in `order`), "(none)" for null."""
    counts = Counter(NONE_LABEL if v is None else str(v) for v in values)
    keys = order(counts) if order else sorted(counts, key=lambda k: (-counts[k], k))
    return [Bar(key, ((counts[key], css),)) for key in keys if counts[key]]


def status_bars(documents: list[dict]) -> list[Bar]:
    counts = Counter(d["status"] for d in documents)
    return [Bar(s, ((counts[s], STATUS_CLASS.get(s, "neutral")),)) for s in ("ok", "partial", "failed", "duplicate")
            if counts[s]]


def issue_bars(issues: list[dict]) -> list[Bar]:
    """One bar per issue code, split by severity, most frequent first."""
    counts: dict[str, Counter] = {}
    for issue in issues:
        counts.setdefault(issue["code"], Counter())[issue["severity"]] += 1
    codes = sorted(counts, key=lambda c: (-sum(counts[c].values()), c))
    return [Bar(code, tuple((counts[code][s], s) for s in SEVERITIES if counts[code][s])) for code in codes]


def severity_bars(issues: list[dict]) -> list[Bar]:
    counts = Counter(i["severity"] for i in issues)
    return [Bar(s, ((counts[s], s),)) for s in SEVERITIES if counts[s]]


def confidence_bars(indicators: list[dict]) -> list[Bar]:
    """Target confidence in tenths (1.0 in the last), low tenths coloured as doubtful."""
    counts = Counter(min(int(c * BINS), BINS - 1) for c in
                     (row.get("target_confidence") for row in indicators) if c is not None)
    return [Bar(f"{i / BINS:.1f}–{(i + 1) / BINS:.1f}", ((counts[i], "ok" if i >= 8 else "warning"),))
            for i in range(BINS)]


def year_order(counts: Counter) -> list[str]:
    return sorted(counts, key=lambda k: (k == NONE_LABEL, k))


def batch_charts(tables: dict[str, list[dict]]) -> list[str]:
    """The index page's charts, in reading order."""
    documents, indicators, issues = tables["documents"], tables["indicators"], tables["issues"]
    return [
        bar_chart("documents by status", status_bars(documents)),
        bar_chart("documents by form type", counted_bars(d["form_type"] for d in documents)),
        bar_chart("documents by year", counted_bars((d["year"] for d in documents), order=year_order)),
        bar_chart("documents by source format", counted_bars(d["source_format"] for d in documents)),
        bar_chart("issues by severity", severity_bars(issues)),
        bar_chart("issues by code", issue_bars(issues)),
        bar_chart("target confidence", confidence_bars(indicators)),
        bar_chart("targets by kind", counted_bars(r["target_kind"] for r in indicators)),
        bar_chart("targets by status", counted_bars(r["target_status"] for r in indicators)),
    ]
