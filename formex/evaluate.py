"""`formex eval`: score an output dataset against hand-written expected files.

A gold folder holds one sub-folder per sample: the input file beside an `expected/`
folder with one file per table (`.json`, a list of rows, or `.csv`). Only the columns a
golden file lists are scored, so a golden can assert what its author checked by hand.

Rows are paired per document (by doc_id, the input's sha256): `documents` and `forms`
one to one; `tasks`, `indicators` and `issues` by sequence alignment on a key column
(indicator name, task name, issue code), so one missing row costs one row, not every
row after it. Per column: a predicted non-null value equal to the gold one is a true
positive; a predicted value that differs or has no gold row is a false positive; a gold
non-null value not reproduced is a false negative.
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from formex.dataset import read_dataset
from formex.schemas.tables import TABLE_NAMES, TABLE_SCHEMAS

EXPECTED_DIR = "expected"
ALIGN_KEYS = {"tasks": "name", "indicators": "level3", "issues": "code"}
# rows are paired only within one value of this column, where the gold writes it: a 年度
# table's row and the 中期 table's row of the same name are different rows
ALIGN_WITHIN = {"indicators": "period"}
FLOAT_TOLERANCE = 1e-6


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Mismatch:
    sample: str
    table: str
    row: int
    column: str
    expected: object
    got: object


@dataclass
class Report:
    columns: dict[tuple[str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    mismatches: list[Mismatch] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)
    families: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))   # all tables
    family_samples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def table_counts(self, table: str) -> Counts:
        total = Counts()
        for (name, _), counts in self.columns.items():
            if name == table:
                total.add(counts)
        return total

    @property
    def tables(self) -> list[str]:
        return [t for t in TABLE_NAMES if any(name == t for name, _ in self.columns)]


def read_gold_table(path: Path) -> list[dict]:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle)]


def find_gold_samples(gold: Path) -> list[Path]:
    """Sample folders (those with an `expected/` folder) under `gold`, or `gold` itself."""
    if (gold / EXPECTED_DIR).is_dir():
        return [gold]
    return sorted(p.parent for p in gold.rglob(EXPECTED_DIR) if p.is_dir())


def sample_input(sample: Path) -> Path:
    inputs = [p for p in sorted(sample.iterdir()) if p.is_file() and not p.name.startswith(".")]
    if len(inputs) != 1:
        raise ValueError(f"{sample}: expected exactly one input file beside {EXPECTED_DIR}/, "
                         f"found {[p.name for p in inputs]}")
    return inputs[0]


def same_value(expected, got, column: str, table: str) -> bool:
    """Compare a gold value (from JSON or CSV text) with a dataset value."""
    if _is_null(got):
        return _is_null(expected)
    if _is_null(expected):
        return False
    dtype = TABLE_SCHEMAS[table].field(column).type
    if str(dtype).startswith("list"):
        expected = json.loads(expected) if isinstance(expected, str) else expected
        return list(expected) == list(got)
    if str(dtype).startswith(("float", "double", "int")):
        return math.isclose(float(expected), float(got), rel_tol=FLOAT_TOLERANCE, abs_tol=FLOAT_TOLERANCE)
    return str(expected) == str(got)


def _is_null(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def align_rows(gold: list[dict], pred: list[dict], key: str | None,
               within: str | None = None) -> list[tuple[dict | None, dict | None]]:
    """Gold and predicted rows paired in order by `key` (a sequence alignment: a row
    missing on one side leaves its partner unpaired), never across two values of
    `within`; without a key, by position."""
    if key is None:
        pairs = [(g, p) for g, p in zip(gold, pred)]
        pairs += [(g, None) for g in gold[len(pred):]] + [(None, p) for p in pred[len(gold):]]
        return pairs
    columns = (within, key) if within else (key,)
    gold_keys = [tuple(str(g.get(c)) for c in columns) for g in gold]
    pred_keys = [tuple(str(p.get(c)) for c in columns) for p in pred]
    pairs = []
    matcher = difflib.SequenceMatcher(a=gold_keys, b=pred_keys, autojunk=False)
    for op, g0, g1, p0, p1 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and g1 - g0 == p1 - p0
                             and all(g[:-1] == p[:-1] for g, p in zip(gold_keys[g0:g1], pred_keys[p0:p1]))):
            pairs += list(zip(gold[g0:g1], pred[p0:p1]))
        else:
            pairs += [(g, None) for g in gold[g0:g1]] + [(None, p) for p in pred[p0:p1]]
    return pairs


def score_table(report: Report, sample: str, table: str, gold: list[dict], pred: list[dict],
                family: str | None = None) -> None:
    columns = list(dict.fromkeys(k for row in gold for k in row))
    unknown = [c for c in columns if c not in TABLE_SCHEMAS[table].names]
    if unknown:  # a misspelt golden column would otherwise check nothing
        raise ValueError(f"{sample}: expected {table} has columns the table does not: {unknown}")
    within = ALIGN_WITHIN.get(table)
    within = within if within in columns else None
    for index, (g, p) in enumerate(align_rows(gold, pred, ALIGN_KEYS.get(table), within)):
        for column in columns:
            expected = None if g is None else g.get(column)
            got = None if p is None else p.get(column)
            counts = report.columns[(table, column)]
            matched = same_value(expected, got, column, table)
            outcome = Counts(tp=int(not _is_null(got))) if matched else \
                Counts(fp=int(not _is_null(got)), fn=int(not _is_null(expected)))
            counts.add(outcome)
            if family is not None:
                report.families[family].add(outcome)
            if not matched:
                report.mismatches.append(Mismatch(sample, table, index + 1, column, expected, got))


def gold_family(sample: Path) -> str:
    """The form family the sample's expected `documents` row names (`failed` samples and
    samples without one count as `none`)."""
    files = [p for p in (sample / EXPECTED_DIR).glob("documents.*") if p.suffix in (".json", ".csv")]
    rows = read_gold_table(files[0]) if files else []
    return (rows[0].get("form_type") if rows else None) or "none"


def evaluate(out: Path, gold: Path) -> Report:
    tables = read_dataset(out)
    report = Report()
    for sample in find_gold_samples(gold):
        doc_id = hashlib.sha256(sample_input(sample).read_bytes()).hexdigest()
        report.samples.append(sample.name)
        family = gold_family(sample)
        report.family_samples[family].append(sample.name)
        for table in TABLE_NAMES:
            files = [p for p in (sample / EXPECTED_DIR).glob(f"{table}.*") if p.suffix in (".json", ".csv")]
            if not files:
                continue
            frame = tables[table]
            pred = frame[frame["doc_id"] == doc_id].to_dict("records")
            score_table(report, sample.name, table, read_gold_table(files[0]), pred, family)
    return report
