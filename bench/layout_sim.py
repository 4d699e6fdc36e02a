"""A layout simulator: hand-checked forms written out as OCR text the way different OCR
engines and printers write them, each with its gold files. Deterministic from a seed.

The forms are *structures*: the expected files of the samples (forms, tasks, indicators
with their level-1 / level-2 categories and targets), the real spreadsheet's among them.
A *policy* says how a document is printed and read back:

- where a vertically merged cell's text (a level label, the 投入管理 policy note) lands:
  the top row of its span, its vertical centre, the centre of each page's part of the
  span (repeated per page), the centre of the page part that holds the span's centre,
  the bottom row, the first row after a page break inside the span, its own line
  between the two middle rows of an even span, the last row of each page's part of the
  span, or a line of its own just above the span (a sub-header); in a narrow level
  column a label wraps over two or three lines (`split_labels`);
- page breaks at arbitrary rows (blocks split across pages), repeated table headers,
  page footers and headers, stamps and sign-off lines, leading empty cells dropped;
- OCR look-alike typos in level labels and in the table header (a confusion table in
  `layout_data.yaml`);
- content: names holding another category's keyword, empty target cells, wrapped names,
  short or unlisted level labels, multi-row task and budget headers, totals rows, long
  legacy field labels.

`HELD_OUT` policies are never looked at while tuning: the table reports them apart. A
held-out policy whose mismatches were looked at moves to the tuned ones, and new held-out
policies are written, and committed, before a fix is run on them.

    python bench/layout_table.py             # the policy x metric table
    python bench/layout_table.py --write D   # sample folders for formex extract / eval
"""
from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "layout_data.yaml"

PLACEMENTS = ("top", "centre", "page_centre", "span_centre", "bottom", "after_break", "own_line",
              "page_bottom", "sub_header")
# the third held-out set's: a merged cell's text repeated on every row of its span (an
# engine or converter that unmerges cells by filling them)
THIRD_PLACEMENTS = PLACEMENTS + ("every_row",)


@dataclass(frozen=True)
class Policy:
    name: str
    placements: tuple[str, ...]        # one is drawn per document
    page_noise: float = 0.0            # chance of footers / headers / stamps at a page break
    sign_off_inside: float = 0.0       # chance of a sign-off block printed mid-document
    typos: float = 0.0                 # share of short labels given one or two look-alikes
    header_typos: float = 0.0          # share of table header cells given a look-alike
    keyword_names: float = 0.0         # share of names given another category's keyword
    empty_targets: float = 0.0         # share of targets left blank
    wrap: float = 0.0                  # chance the name column wraps
    label_variants: float = 0.0        # share of level labels printed outside the vocabulary
    multirow_headers: float = 0.0      # chance of two-row task / budget headers
    totals: float = 0.0                # chance of a 合计 row under the tasks
    legacy_fields: float = 0.0         # chance of long legacy field labels
    remark_column: float = 0.0         # chance of a 备注 column right of the target
    split_labels: float = 0.0          # chance the level columns are so narrow labels wrap
    split_widths: tuple[int, ...] = (3, 4, 5)   # how narrow, when they are
    drop_level1: float = 0.0           # chance OCR drops the level-1 column, header cell and all
    fused_labels: float = 0.0          # share of level-2 labels fused into the name cell beside them
    seq_column: float = 0.0            # chance of a 序号 column left of the level columns
    page_lens: tuple[int, int] = (12, 34)   # body lines per page, drawn from this range
    confusions: str = "confusions"     # which look-alike table of layout_data.yaml typos draw from
    variants: str = "label_variants"   # which table of unlisted level labels


TUNED_PLACEMENTS = ("top", "centre", "page_centre", "after_break")
POLICIES = (
    Policy("top", ("top",)),
    Policy("centre", ("centre",)),
    Policy("page_centre", ("page_centre",)),
    Policy("after_break", ("after_break",)),
    Policy("page_noise", TUNED_PLACEMENTS, page_noise=0.8, sign_off_inside=0.5),
    Policy("typos", TUNED_PLACEMENTS, typos=0.35, header_typos=0.5),
    Policy("content", TUNED_PLACEMENTS, keyword_names=0.12, empty_targets=0.08, wrap=0.6,
           label_variants=0.3, multirow_headers=0.6, totals=0.6, legacy_fields=0.6,
           remark_column=0.3),
    # held out: never tuned on, reported apart
    Policy("bottom", ("bottom",)),
    Policy("span_centre", ("span_centre",)),
    Policy("own_line", ("own_line",)),
    Policy("mixed", PLACEMENTS[:7], page_noise=0.6, sign_off_inside=0.3, typos=0.25, header_typos=0.3,
           keyword_names=0.1, empty_targets=0.06, wrap=0.5, label_variants=0.25,
           multirow_headers=0.5, totals=0.5, legacy_fields=0.5, remark_column=0.25),
    # held out, written after `own_line` was looked at (issue 8's last gap) and before the
    # fix was run on them
    Policy("page_bottom", ("page_bottom",)),
    Policy("sub_header", ("sub_header",)),
    Policy("split_label", ("top", "centre", "page_centre", "bottom", "own_line"), split_labels=1.0),
    Policy("unseen_mixed", PLACEMENTS, split_labels=0.4, page_noise=0.6, sign_off_inside=0.3,
           typos=0.25, header_typos=0.3, keyword_names=0.1, empty_targets=0.06, wrap=0.5,
           label_variants=0.25, multirow_headers=0.5, totals=0.5, legacy_fields=0.5,
           remark_column=0.25),
    # held out, third set: written after the second set's scores were seen and before any
    # of these was run (issue 8's last gap, second round)
    Policy("split_centre", ("centre", "span_centre", "page_centre"), split_labels=1.0,
           split_widths=(2, 3)),
    Policy("every_row", ("every_row",)),
    Policy("no_level1", TUNED_PLACEMENTS + ("bottom", "own_line"), drop_level1=1.0),
    Policy("fused_label", TUNED_PLACEMENTS + ("bottom",), fused_labels=0.5),
    Policy("seq_column", TUNED_PLACEMENTS + ("bottom", "own_line"), seq_column=1.0),
    Policy("third_mixed", THIRD_PLACEMENTS, split_labels=0.3, split_widths=(2, 3, 4, 5),
           drop_level1=0.2, fused_labels=0.2, seq_column=0.3, page_noise=0.6, sign_off_inside=0.3,
           typos=0.25, header_typos=0.3, keyword_names=0.1, empty_targets=0.06, wrap=0.5,
           label_variants=0.25, multirow_headers=0.5, totals=0.5, legacy_fields=0.5,
           remark_column=0.25),
    # held out, fourth set: written after the third set's scores were seen, committed
    # before any fix of this session was run on them
    Policy("short_pages", THIRD_PLACEMENTS, page_lens=(5, 9), page_noise=0.8, sign_off_inside=0.3),
    Policy("heavy_typos", THIRD_PLACEMENTS, typos=0.6, header_typos=0.8),
    Policy("heavy_content", THIRD_PLACEMENTS, keyword_names=0.25, empty_targets=0.15, wrap=0.9,
           label_variants=0.5, multirow_headers=0.8, totals=0.8, legacy_fields=0.8,
           remark_column=0.5),
    Policy("fourth_mixed", THIRD_PLACEMENTS, page_lens=(6, 30), split_labels=0.2,
           split_widths=(2, 3, 4), drop_level1=0.15, fused_labels=0.15, seq_column=0.2,
           page_noise=0.7, sign_off_inside=0.3, typos=0.3, header_typos=0.4, keyword_names=0.15,
           empty_targets=0.1, wrap=0.6, label_variants=0.3, multirow_headers=0.5, totals=0.5,
           legacy_fields=0.5, remark_column=0.3),
    # held out, fifth set: written after the fourth set's scores were seen, committed
    # before any fix of this session was run. Its typos draw from a second look-alike
    # table and its unlisted labels from a second variant table, neither seen while tuning
    Policy("fresh_typos", THIRD_PLACEMENTS, typos=0.4, header_typos=0.5,
           confusions="fresh_confusions"),
    Policy("fresh_variants", THIRD_PLACEMENTS, label_variants=0.6, keyword_names=0.1,
           variants="fresh_label_variants"),
    Policy("narrow_mixed", THIRD_PLACEMENTS, split_labels=0.6, split_widths=(2, 3, 4),
           fused_labels=0.3, drop_level1=0.3, seq_column=0.4),
    Policy("fifth_mixed", THIRD_PLACEMENTS, page_lens=(6, 40), split_labels=0.25,
           split_widths=(2, 3, 4, 5), drop_level1=0.15, fused_labels=0.2, seq_column=0.25,
           page_noise=0.7, sign_off_inside=0.4, typos=0.3, header_typos=0.4, keyword_names=0.12,
           empty_targets=0.1, wrap=0.6, label_variants=0.3, multirow_headers=0.6, totals=0.6,
           legacy_fields=0.6, remark_column=0.3, confusions="fresh_confusions",
           variants="fresh_label_variants"),
    # held out, sixth set: written after the fifth set's scores were seen, committed before
    # fifth_mixed's mismatches were read
    Policy("sixth_mixed", THIRD_PLACEMENTS, page_lens=(5, 45), split_labels=0.3,
           split_widths=(2, 3, 4, 5), drop_level1=0.2, fused_labels=0.25, seq_column=0.3,
           page_noise=0.8, sign_off_inside=0.4, typos=0.35, header_typos=0.45, keyword_names=0.15,
           empty_targets=0.12, wrap=0.7, label_variants=0.35, multirow_headers=0.6, totals=0.6,
           legacy_fields=0.6, remark_column=0.35, confusions="fresh_confusions",
           variants="fresh_label_variants"),
    Policy("dense_mixed", THIRD_PLACEMENTS, page_lens=(8, 30), split_labels=0.4,
           split_widths=(2, 3, 4), drop_level1=0.3, fused_labels=0.3, seq_column=0.4,
           page_noise=0.9, sign_off_inside=0.5, typos=0.4, header_typos=0.5, keyword_names=0.2,
           empty_targets=0.15, wrap=0.8, label_variants=0.4, multirow_headers=0.7, totals=0.7,
           legacy_fields=0.7, remark_column=0.4),
    # held out, seventh set: written after the sixth set's scores were seen (issue 8's
    # twelfth round), committed before any of that round's fixes was merged
    Policy("seventh_mixed", THIRD_PLACEMENTS, page_lens=(4, 50), split_labels=0.35,
           split_widths=(2, 3, 4, 5), drop_level1=0.25, fused_labels=0.3, seq_column=0.35,
           page_noise=0.85, sign_off_inside=0.45, typos=0.35, header_typos=0.45, keyword_names=0.18,
           empty_targets=0.14, wrap=0.75, label_variants=0.4, multirow_headers=0.65, totals=0.65,
           legacy_fields=0.65, remark_column=0.4, variants="fresh_label_variants"),
    Policy("crowded_mixed", THIRD_PLACEMENTS, page_lens=(5, 16), split_labels=0.3,
           split_widths=(2, 3, 4), drop_level1=0.2, fused_labels=0.25, seq_column=0.3,
           page_noise=0.8, sign_off_inside=0.4, typos=0.3, header_typos=0.4, keyword_names=0.15,
           empty_targets=0.12, wrap=0.7, label_variants=0.35, multirow_headers=0.6, totals=0.6,
           legacy_fields=0.6, remark_column=0.35, confusions="fresh_confusions"),
    # held out, eighth set: written after the seventh set's scores were seen (issue 8's
    # thirteenth round), committed before any of that round's fixes was run
    Policy("eighth_mixed", THIRD_PLACEMENTS, page_lens=(5, 40), split_labels=0.4,
           split_widths=(2, 3, 4, 5), drop_level1=0.3, fused_labels=0.3, seq_column=0.4,
           page_noise=0.9, sign_off_inside=0.5, typos=0.4, header_typos=0.5, keyword_names=0.2,
           empty_targets=0.15, wrap=0.8, label_variants=0.4, multirow_headers=0.7, totals=0.7,
           legacy_fields=0.7, remark_column=0.4, confusions="fresh_confusions",
           variants="fresh_label_variants"),
    Policy("rare_placements", ("span_centre", "bottom", "page_bottom", "sub_header", "own_line",
                               "every_row", "after_break"),
           page_lens=(6, 36), split_labels=0.3, split_widths=(2, 3, 4, 5), drop_level1=0.2,
           fused_labels=0.25, seq_column=0.3, page_noise=0.8, sign_off_inside=0.4, typos=0.35,
           header_typos=0.45, keyword_names=0.15, empty_targets=0.12, wrap=0.7,
           label_variants=0.35, multirow_headers=0.6, totals=0.6, legacy_fields=0.6,
           remark_column=0.35),
    # held out, ninth set: written after the eighth set's scores were seen (issue 8's
    # fourteenth round), committed before any of that round's fixes was run
    Policy("ninth_mixed", THIRD_PLACEMENTS, page_lens=(4, 28), split_labels=0.45,
           split_widths=(2, 3), drop_level1=0.25, fused_labels=0.3, seq_column=0.35,
           page_noise=0.85, sign_off_inside=0.45, typos=0.35, header_typos=0.45, keyword_names=0.18,
           empty_targets=0.14, wrap=0.75, label_variants=0.4, multirow_headers=0.65, totals=0.65,
           legacy_fields=0.65, remark_column=0.4, confusions="fresh_confusions"),
    Policy("rare_dense", ("span_centre", "bottom", "page_bottom", "sub_header", "own_line",
                          "every_row", "after_break"),
           page_lens=(5, 40), split_labels=0.4, split_widths=(2, 3, 4, 5), drop_level1=0.3,
           fused_labels=0.3, seq_column=0.4, page_noise=0.9, sign_off_inside=0.5, typos=0.4,
           header_typos=0.5, keyword_names=0.2, empty_targets=0.15, wrap=0.8,
           label_variants=0.4, multirow_headers=0.7, totals=0.7, legacy_fields=0.7,
           remark_column=0.4, confusions="fresh_confusions", variants="fresh_label_variants"),
    # held out, tenth set: written after the ninth set's scores were seen (issue 8's
    # fifteenth round), committed before any of that round's fixes was run
    Policy("tenth_mixed", THIRD_PLACEMENTS, page_lens=(6, 60), split_labels=0.5,
           split_widths=(2, 3, 4, 5), drop_level1=0.35, fused_labels=0.35, seq_column=0.4,
           page_noise=0.9, sign_off_inside=0.5, typos=0.4, header_typos=0.5, keyword_names=0.2,
           empty_targets=0.15, wrap=0.8, label_variants=0.45, multirow_headers=0.7, totals=0.7,
           legacy_fields=0.7, remark_column=0.4, variants="fresh_label_variants"),
    Policy("typo_fused", THIRD_PLACEMENTS, page_lens=(8, 36), split_labels=0.3,
           split_widths=(3, 4, 5), drop_level1=0.2, fused_labels=0.45, seq_column=0.3,
           page_noise=0.8, sign_off_inside=0.4, typos=0.55, header_typos=0.6, keyword_names=0.2,
           empty_targets=0.12, wrap=0.7, label_variants=0.3, multirow_headers=0.6, totals=0.6,
           legacy_fields=0.6, remark_column=0.35, confusions="fresh_confusions"),
    # held out, eleventh set: written after the tenth set's scores were seen (issue 8's
    # sixteenth round), committed before any of that round's fixes was run
    Policy("eleventh_mixed", THIRD_PLACEMENTS, page_lens=(4, 48), split_labels=0.5,
           split_widths=(2, 3, 4), drop_level1=0.35, fused_labels=0.4, seq_column=0.4,
           page_noise=0.9, sign_off_inside=0.5, typos=0.45, header_typos=0.55, keyword_names=0.22,
           empty_targets=0.16, wrap=0.85, label_variants=0.45, multirow_headers=0.7, totals=0.7,
           legacy_fields=0.7, remark_column=0.45, confusions="fresh_confusions",
           variants="fresh_label_variants"),
    Policy("rare_narrow", ("span_centre", "bottom", "page_bottom", "sub_header", "own_line",
                           "every_row", "after_break"),
           page_lens=(4, 30), split_labels=0.55, split_widths=(2, 3), drop_level1=0.3,
           fused_labels=0.35, seq_column=0.4, page_noise=0.85, sign_off_inside=0.45, typos=0.35,
           header_typos=0.45, keyword_names=0.18, empty_targets=0.14, wrap=0.75,
           label_variants=0.4, multirow_headers=0.65, totals=0.65, legacy_fields=0.65,
           remark_column=0.4),
    # held out, twelfth set: written after the eleventh set's scores were seen (issue 8's
    # thirty-third round), committed before any of that round's fixes was run
    Policy("twelfth_mixed", THIRD_PLACEMENTS, page_lens=(5, 42), split_labels=0.45,
           split_widths=(2, 3, 4, 5), drop_level1=0.3, fused_labels=0.35, seq_column=0.35,
           page_noise=0.85, sign_off_inside=0.45, typos=0.4, header_typos=0.5, keyword_names=0.25,
           empty_targets=0.18, wrap=0.8, label_variants=0.5, multirow_headers=0.65, totals=0.65,
           legacy_fields=0.65, remark_column=0.45, confusions="fresh_confusions",
           variants="fresh_label_variants"),
    Policy("rare_fused", ("span_centre", "bottom", "page_bottom", "sub_header", "own_line",
                          "every_row", "after_break"),
           page_lens=(5, 40), split_labels=0.4, split_widths=(2, 3, 4), drop_level1=0.3,
           fused_labels=0.45, seq_column=0.35, page_noise=0.85, sign_off_inside=0.45, typos=0.45,
           header_typos=0.55, keyword_names=0.2, empty_targets=0.14, wrap=0.75,
           label_variants=0.35, multirow_headers=0.65, totals=0.65, legacy_fields=0.65,
           remark_column=0.4, confusions="fresh_confusions"),
)
# mixed and page_bottom were read after the fix for label-only lines fell short on them;
# split_label after the third set was committed and labels were first rejoined;
# seq_column and third_mixed while the 序号 column's silent target loss was fixed;
# fused_label while the fused-label mechanism (a level label fused into the name cell) was
# built; sub_header and unseen_mixed while level boundaries under the less common
# placements and the non-unit families were fixed (issue 8, "forms it has never seen");
# heavy_content and fourth_mixed once the fifth set was committed; fifth_mixed once the
# sixth was; sixth_mixed and dense_mixed once the eighth was; seventh_mixed and
# rare_placements once the ninth was; eighth_mixed and ninth_mixed once the tenth was;
# tenth_mixed and typo_fused once the eleventh was; eleventh_mixed and rare_narrow once the
# twelfth was
HELD_OUT = ("bottom", "span_centre",
            "split_centre", "every_row", "no_level1",
            "short_pages", "heavy_typos",
            "fresh_typos", "fresh_variants", "narrow_mixed",
            "crowded_mixed",
            "rare_dense",
            "twelfth_mixed", "rare_fused")
POLICY_BY_NAME = {p.name: p for p in POLICIES}


# ---------------------------------------------------------------- structures from goldens
@dataclass
class Item:
    """One row of the indicator table as the golden has it."""

    level1: str
    level2: str
    level3: str | None
    note: str | None
    target: str | None
    typed: dict                      # hand-written typed target columns, when the golden has them
    period: str = "annual"           # annual, or mid_term (a project's 中期 indicators)
    extra: dict = field(default_factory=dict)   # self-evaluation cells: actual_raw, weight, score, deviation

    @property
    def is_entry(self) -> bool:      # a level-2 category listed without indicators
        return self.level3 is None


@dataclass
class Structure:
    name: str
    forms: dict
    tasks: list[dict]
    items: list[Item]
    family: str = "unit_overall_target"   # the form family the golden names


def _read_gold(path: Path) -> list[dict]:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle)]


TYPED = ("target_kind", "target_op", "target_value", "target_unit")
EXTRA = ("actual_raw", "weight", "score", "deviation")


def load_structures(samples: Path = SAMPLES) -> list[Structure]:
    """Every sample under `samples` with forms, tasks and indicators goldens (renderings of
    the same forms are skipped: they are the same structures)."""
    out = []
    for expected in sorted(samples.glob("*/expected")):
        folder = expected.parent
        if not (expected / "indicators.csv").exists():
            continue
        forms = _read_gold(expected / "forms.json")[0]
        tasks = _read_gold(expected / "tasks.csv") if (expected / "tasks.csv").exists() else []
        items = []
        for row in _read_gold(expected / "indicators.csv"):
            level3, note = row.get("level3"), row.get("note")
            if note is None and level3 and level3.startswith("根据") and not row.get("target_raw"):
                level3, note = None, level3      # goldens written before the note column
            items.append(Item(row["level1"], row["level2"], level3, note, row.get("target_raw"),
                              {k: row[k] for k in TYPED if k in row}, row.get("period") or "annual",
                              {k: row[k] for k in EXTRA if k in row}))
        out.append(Structure(folder.name, forms, tasks, items, forms.get("form_type") or "unit_overall_target"))
    return out


@lru_cache(maxsize=1)
def layout_data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- rendering
@dataclass
class Config:
    """What one document's printer and OCR engine do, drawn from a policy."""

    placement: str
    round_up: bool                   # an even span's centre: the upper of the two middle rows
    drop_leading: bool               # OCR drops the empty cells a row starts with
    repeat_header: bool
    page_len: int
    first_break: int
    wrap_width: int | None
    target_line: str                 # first / last line of a wrapped row holds the target
    remark: bool
    multirow: bool
    totals: bool
    legacy: bool
    split_width: int | None = None   # level columns this many characters wide (labels wrap)
    drop_level1: bool = False        # the level-1 column is not in the OCR text at all
    seq_column: bool = False         # a 序号 column numbers the rows


@dataclass
class Line:
    cells: list[str]
    body: int | None = None          # index of the indicator table's body line, else None
    kind: str = "text"               # text, break
    page_of: int | None = None       # a line of its own printed on the page of this body line


def draw_config(policy: Policy, rng: random.Random) -> Config:
    page_len = rng.randint(*policy.page_lens)
    return Config(
        placement=rng.choice(policy.placements), round_up=rng.random() < 0.5,
        drop_leading=rng.random() < 0.5, repeat_header=rng.random() < 0.5,
        page_len=page_len, first_break=rng.randint(2, page_len),
        wrap_width=rng.randint(9, 14) if rng.random() < policy.wrap else None,
        target_line=rng.choice(("first", "last")),
        remark=rng.random() < policy.remark_column, multirow=rng.random() < policy.multirow_headers,
        totals=rng.random() < policy.totals, legacy=rng.random() < policy.legacy_fields,
        # drawn only where the policy wraps labels: the other policies' documents stay as they were
        split_width=(rng.choice(policy.split_widths) if policy.split_labels
                     and rng.random() < policy.split_labels else None),
        # drawn only where the policy has them, for the same reason
        drop_level1=bool(policy.drop_level1) and rng.random() < policy.drop_level1,
        seq_column=bool(policy.seq_column) and rng.random() < policy.seq_column)


def typo(text: str, rng: random.Random, count: int | None = None, table: str = "confusions") -> str:
    """One or two characters of `text` swapped for look-alikes from the confusion `table`
    (when it has any)."""
    confusions = layout_data()[table]
    spots = [i for i, ch in enumerate(text) if ch in confusions]
    if not spots:
        return text
    chars = list(text)
    for i in rng.sample(spots, min(len(spots), count or rng.choice((1, 1, 2)))):
        chars[i] = rng.choice(confusions[chars[i]])
    return "".join(chars)


def label_positions(span: tuple[int, int], breaks: list[int], config: Config,
                    rows: list[int] | None = None) -> list[float]:
    """Body lines (x.5 = a line of its own between two) where a merged cell's text lands.
    `breaks` are body-line indices that start a new page; `rows` the first body line of
    each table row in the span (a wrapped name's row takes several lines)."""
    a, b = span
    parts, start = [], a
    for k in breaks:
        if a < k <= b:
            parts.append((start, k - 1))
            start = k
    parts.append((start, b))

    def centre(lo: int, hi: int) -> float:
        if (hi - lo) % 2 == 0:
            return lo + (hi - lo) // 2
        if config.placement == "own_line":
            return lo + (hi - lo) / 2
        return lo + (hi - lo) // 2 + (0 if config.round_up else 1)

    placement = config.placement
    if placement == "top":
        return [a]
    if placement == "every_row":
        return list(rows) if rows else [a]
    if placement == "bottom":
        return [b]
    if placement == "page_bottom":
        return [hi for lo, hi in parts]
    if placement == "sub_header":      # a line of its own just above the span's first row
        return [a - 0.5]
    if placement in ("centre", "own_line"):
        return [centre(a, b)]
    if placement == "page_centre":
        return [centre(lo, hi) for lo, hi in parts]
    if placement == "span_centre":
        mid = centre(a, b)
        lo, hi = next((lo, hi) for lo, hi in parts if lo <= mid <= hi)
        return [centre(lo, hi)]
    if placement == "after_break":
        return [parts[1][0]] if len(parts) > 1 else [a]
    raise ValueError(placement)


def wrap_name(name: str | None, width: int | None) -> list[str]:
    if not name:
        return [""]
    if width is None or len(name) <= width:
        return [name]
    return [name[i:i + width] for i in range(0, len(name), width)]


def runs(values: list) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal consecutive values."""
    out, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            out.append((start, i - 1))
            start = i
    return out


def render_table(items: list[Item], config: Config, policy: Policy, rng: random.Random,
                 header: list[str], extras: tuple[str, ...] = ()) -> tuple[list[Line], list[Item]]:
    """The indicator table's lines (with page breaks) and the items as printed (names
    changed by the content policy); `extras` are the self-evaluation cells printed right
    of the target, on the target's line."""
    data = layout_data()
    printed = []
    for item in items:
        name, target = item.level3, item.target
        if name and rng.random() < policy.keyword_names:
            foreign = [c for c in data["keyword_fragments"] if c != item.level2]
            fragment = rng.choice(data["keyword_fragments"][rng.choice(foreign)])
            cut = 0 if rng.random() < 0.5 else rng.randint(1, max(1, len(name) - 2))
            name = name[:cut] + fragment + name[cut:]
        if name and target and rng.random() < policy.empty_targets:
            target = None
        printed.append(replace(item, level3=name, target=target))
    # body lines of each item
    first_line, lines_of = [], []
    n = 0
    for item in printed:
        parts = wrap_name(item.level3, config.wrap_width)
        first_line.append(n)
        lines_of.append(parts)
        n += len(parts)
    breaks = list(range(config.first_break, n, config.page_len))
    cells: dict[float, list[str]] = {}
    width = 4 + len(extras) + (1 if config.remark else 0)

    def line_cells(pos: float) -> list[str]:
        return cells.setdefault(pos, [""] * width)

    last_line = [first_line[i] + len(lines_of[i]) - 1 for i in range(len(printed))]
    page_of: dict[float, int] = {}

    def put_label(column: int, text: str, positions: list[float], span: tuple[int, int]) -> None:
        for pos, chunk in label_lines(text, positions, span, breaks, config):
            line_cells(pos)[column] = chunk
            if config.placement == "sub_header" and pos != int(pos):
                page_of[pos] = int(pos + 1)

    for i, item in enumerate(printed):
        parts = lines_of[i]
        for j, part in enumerate(parts):
            line_cells(first_line[i] + j)[2] = part
        t_line = first_line[i] + (0 if config.target_line == "first" else len(parts) - 1)
        if item.target:
            line_cells(t_line)[3] = item.target
        for k, key in enumerate(extras):
            if item.extra.get(key):
                line_cells(t_line)[4 + k] = item.extra[key]
        if item.is_entry:
            put_label(1, print_label(item.level2, policy, rng), [first_line[i]], (first_line[i], last_line[i]))

    def span_of(first: int, last: int) -> tuple[int, int]:
        return first_line[first], last_line[last]

    def rows_of(first: int, last: int) -> list[int]:
        return [first_line[k] for k in range(first, last + 1)]

    for first, last in runs([it.level1 for it in printed]):
        text = print_label(printed[first].level1, policy, rng)
        put_label(0, text, label_positions(span_of(first, last), breaks, config, rows_of(first, last)),
                  span_of(first, last))
    for first, last in runs([(it.level1, it.level2, it.is_entry and k) for k, it in enumerate(printed)]):
        if printed[first].is_entry:
            continue
        text = print_label(printed[first].level2, policy, rng)
        put_label(1, text, label_positions(span_of(first, last), breaks, config, rows_of(first, last)),
                  span_of(first, last))
    item_at = [i for i in range(len(printed)) for _ in lines_of[i]]
    for i, item in enumerate(list(printed)):
        if not item.note:
            continue
        # a policy note spans the entries of its group (the 投入管理 rows), as one merged
        # cell over the name and target columns; the gold has it on the row it prints on
        last = i
        while last + 1 < len(printed) and printed[last + 1].is_entry and not printed[last + 1].target \
                and printed[last + 1].level1 == item.level1:
            last += 1
        printed[i] = replace(printed[i], note=None)
        for pos in label_positions(span_of(i, last), breaks, config):
            line_cells(pos)[2] = item.note
            k = item_at[min(len(item_at) - 1, int(pos + 0.5))]
            printed[k] = replace(printed[k], note=item.note)
    if config.remark:
        for i, item in enumerate(printed):
            if item.level3 and item.target and rng.random() < 0.3:
                remark = rng.choice(("计划标准", "历史标准", "行业标准"))
                line_cells(first_line[i])[width - 1] = remark
                printed[i] = replace(item, note=remark)
    if policy.fused_labels:
        fuse_labels(cells, set(first_line[i] for i, it in enumerate(printed) if not it.is_entry), rng,
                    policy.fused_labels)
    if config.drop_level1:
        for row in cells.values():
            del row[0]
    if config.seq_column:
        number_of = {first_line[i]: str(i + 1) for i in range(len(printed))}
        for pos, row in cells.items():
            row.insert(0, number_of.get(pos, ""))
    lines = [Line(cells[pos], body=int(pos) if pos == int(pos) else None, page_of=page_of.get(pos))
             for pos in sorted(cells)]
    out: list[Line] = []
    broken: set[int] = set()
    for line in lines:
        at = line.body if line.body is not None else line.page_of
        if at is not None and at in breaks and at not in broken and out:
            broken.add(at)
            out.append(Line([], kind="break"))
            if config.repeat_header:
                out.append(Line(list(header)))
        out.append(line)
    return out, printed


def fuse_labels(cells: dict[float, list[str]], name_rows: set[int], rng: random.Random,
                share: float) -> None:
    """A level-2 label printed on a row with an indicator name, fused into the name cell
    (OCR read the two cells as one): `数量指标培训人次` or `数量指标 培训人次`."""
    for pos in sorted(cells):
        row = cells[pos]
        if pos in name_rows and row[1] and row[2] and rng.random() < share:
            row[2] = row[1] + rng.choice(("", " ")) + row[2]
            row[1] = ""


def label_lines(text: str, positions: list[float], span: tuple[int, int], breaks: list[int],
                config: Config) -> list[tuple[float, str]]:
    """(line, text) for each line a merged label prints on. In a level column too narrow
    for it (`split_width`) the label wraps: its lines run down the rows of its span from
    where it prints (moved up to keep a centred or bottom label's lines around that row),
    and on lines of their own below the last row the cell's page part holds."""
    width = config.split_width
    if not width or len(text) <= width:
        return [(pos, text) for pos in positions]
    chunks = [text[i:i + width] for i in range(0, len(text), width)]
    out = []
    for pos in positions:
        if pos != int(pos):           # a line of its own: its continuation lines too
            out += [(pos + k / 10, chunk) for k, chunk in enumerate(chunks)]
            continue
        lo = max([span[0], *[k for k in breaks if k <= pos]])
        hi = min([span[1], *[k - 1 for k in breaks if k > pos]])
        shift = {"bottom": len(chunks) - 1, "page_bottom": len(chunks) - 1}.get(
            config.placement, 0 if config.placement in ("top", "after_break") else (len(chunks) - 1) // 2)
        row = max(lo, int(pos) - shift)
        for k, chunk in enumerate(chunks):
            if row + k <= hi:
                out.append((float(row + k), chunk))
            else:                     # past the part's rows: a line of its own
                out.append((hi + (row + k - hi) / 10, chunk))
    return out


def print_label(label: str, policy: Policy, rng: random.Random) -> str:
    variants = layout_data()[policy.variants].get(label)
    if variants and rng.random() < policy.label_variants:
        label = rng.choice(variants)
    if rng.random() < policy.typos:
        label = typo(label, rng, table=policy.confusions)
    return label


def money(value: str | None, rng: random.Random, grouped: bool) -> str:
    if value is None:
        return ""
    amount = Decimal(value)
    return f"{amount:,.2f}" if grouped else f"{amount:.2f}"


def document_rng(structure: Structure, policy: Policy, seed: int) -> random.Random:
    """The random stream one document is drawn from: its config first (`draw_config`)."""
    return random.Random(f"{seed}:{policy.name}:{structure.name}")


def render_document(structure: Structure, policy: Policy, seed: int) -> tuple[str, dict]:
    """The OCR text of one document and its gold tables."""
    rng = document_rng(structure, policy, seed)
    config = draw_config(policy, rng)
    if structure.family != "unit_overall_target":
        from layout_families import render_family_document   # it builds on this module
        return render_family_document(structure, policy, config, rng)
    # a unit form prints its 年度 indicators (a 中期 column is the family renderer's)
    structure = replace(structure, items=[item for item in structure.items if item.period == "annual"])
    data = layout_data()
    forms = structure.forms
    lines: list[Line] = []

    def add(*cells: str) -> None:
        lines.append(Line(list(cells)))

    year = forms.get("year")
    add(forms["title"], "")
    add(f"({year}年度)", "")
    labels = {"unit_name": "单位名称", "funding_method": "财政资金拨款方式",
              "responsibilities": "单位职责", "annual_goal": "年度履职目标"}
    if config.legacy:
        labels = {k: rng.choice(data["field_label_variants"][k]) if rng.random() < 0.7 else v
                  for k, v in labels.items()}
    add(labels["unit_name"], forms["unit_name"])
    if forms.get("funding_method"):
        add(labels["funding_method"], forms["funding_method"])
    elif config.legacy:  # a unit note where the value would be: no value
        add(labels["funding_method"], rng.choice(data["units_notes"]))
    if forms.get("responsibilities"):
        duties = forms["responsibilities"]
        add(labels["responsibilities"], " ".join(f"{k}. {d}" for k, d in enumerate(duties, start=1)))
    add(labels["annual_goal"], forms["annual_goal"].replace("\n", ""))
    # tasks
    add("年度重点任务", "")
    has_amount = any(t.get("amount") for t in structure.tasks)
    has_outcome = any(t.get("expected_outcome") for t in structure.tasks)
    header = ["任务名称", "主要内容"] + (["拟投入的资金（元）"] if has_amount else []) + \
             (["期望达到的目标"] if has_outcome else [])
    if config.multirow and has_amount:
        add(*["任务名称", "主要内容", "拟投入的资金"] + (["期望达到的目标"] if has_outcome else []))
        add(*["", "", "（元）"] + ([""] if has_outcome else []))
    else:
        add(*header)
    for task in structure.tasks:
        row = [task["name"], task["content"].replace("\n", " ")]
        if has_amount:
            row.append(money(task.get("amount"), rng, False))
        if has_outcome:
            row.append((task.get("expected_outcome") or "").replace("\n", " "))
        add(*row)
    if config.totals and has_amount:
        total = sum(Decimal(t["amount"]) for t in structure.tasks if t.get("amount"))
        add(data["totals_label"], "", f"{total:.2f}", *([""] if has_outcome else []))
    if config.totals:
        add(data["optional_task_row"], "")
    # budget
    add("预算情况", "", "", "")
    grouped = rng.random() < 0.5
    amounts = {k: forms.get(k) for k in ("budget_total", "budget_fiscal", "budget_other",
                                         "budget_basic", "budget_project")}
    if config.multirow:
        add("内容", "预算情况", "", "")
        add("", "金额（元）", "", "")
    else:
        add("内容", "预算情况", "", "")
    if amounts["budget_total"] is not None:
        add("部门整体预算总额(元)", money(amounts["budget_total"], rng, grouped), "", "")
    add("1、资金来源: (1) 财政拨款", money(amounts["budget_fiscal"], rng, grouped), "", "")
    add("(2) 其他资金", money(amounts["budget_other"], rng, grouped), "", "")
    add("2、资金结构: (1) 基本支出", money(amounts["budget_basic"], rng, grouped), "", "")
    add("(2) 项目支出", money(amounts["budget_project"], rng, grouped), "", "")
    counts = [(label, forms.get(key)) for key, label in (("staff_count", "年末在职人数"),
                                                         ("internal_departments", "内设机构数"))]
    counts = [(label, v) for label, v in counts if v is not None]
    if counts:
        add(*[label for label, _ in counts], "")
        add(*[str(v) for _, v in counts], "")
    # indicators
    add("绩效指标", "", "", "")
    header = ["一级指标", "二级指标", "三级指标", "指标值"] + (["备注"] if config.remark else [])
    printed_header = [typo(h, rng, table=policy.confusions) if rng.random() < policy.header_typos else h
                      for h in header]
    if config.drop_level1:
        printed_header = printed_header[1:]
    if config.seq_column:
        printed_header = ["序号", *printed_header]
    add(*printed_header)
    table, printed = render_table(structure.items, config, policy, rng, printed_header)
    before_table = len(lines)
    lines += table
    sign_off = [c.format(who=rng.choice(data["people"]), phone=f"021-{rng.randint(50000000, 69999999)}",
                         date=f"{year}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日")
                for c in rng.choice(data["sign_offs"])]
    lines.append(Line(sign_off))
    lines = add_page_breaks(lines, before_table, config, rng)
    lines = add_page_noise(lines, structure, policy, config, rng, sign_off)
    text = "\n".join(line_text(line, config) for line in lines) + "\n"
    return text, gold_tables(structure, printed, has_amount)


def add_page_breaks(lines: list[Line], before_table: int, config: Config, rng: random.Random) -> list[Line]:
    """Page breaks in the part above the table, at the configured page length."""
    out, count = [], rng.randint(0, config.page_len // 2)
    for i, line in enumerate(lines):
        if i < before_table and count >= config.page_len and line.kind == "text":
            out.append(Line([], kind="break"))
            count = 0
        out.append(line)
        count += 1
    return out


def add_page_noise(lines: list[Line], structure: Structure, policy: Policy, config: Config,
                   rng: random.Random, sign_off: list[str]) -> list[Line]:
    """Footers before and headers after page breaks, stamps and sign-off lines."""
    data = layout_data()
    pages = 1 + sum(line.kind == "break" for line in lines)
    out, page = [], 1
    unit = structure.forms.get("unit_name") or structure.forms.get("implementing_unit") or "某单位"
    for line in lines:
        if line.kind == "break":
            if rng.random() < policy.page_noise:
                footer = rng.choice(data["page_footers"]).format(p=page, n=pages)
                out.append(Line([footer]))
            if rng.random() < policy.page_noise * 0.3:
                out.append(Line([rng.choice(data["stamps"]).format(unit=unit)]))
            if rng.random() < policy.sign_off_inside * 0.3:
                out.append(Line(list(sign_off)))
            out.append(line)
            page += 1
            if rng.random() < policy.page_noise * 0.4:
                out.append(Line([rng.choice(data["page_headers"])]))
            continue
        out.append(line)
    if rng.random() < policy.page_noise:
        out.append(Line([rng.choice(data["page_footers"]).format(p=page, n=pages)]))
    return out


def line_text(line: Line, config: Config) -> str:
    if line.kind == "break":
        return ""
    cells = list(line.cells)
    if config.drop_leading:
        while cells and not cells[0]:
            cells.pop(0)
    text = "\t".join(cells)
    return text if text.strip() else "\t"


# ---------------------------------------------------------------- gold
def gold_tables(structure: Structure, printed: list[Item], has_amount: bool) -> dict[str, list[dict]]:
    from formex.normalize.targets import apply_target_context, parse_target

    forms = dict(structure.forms)
    year = forms.get("year")
    indicators = []
    for seq, item in enumerate(printed, start=1):
        row = {"level1": item.level1, "level2": item.level2, "level3": item.level3,
               "note": item.note, "target_raw": item.target}
        # typed columns: the golden's, written by hand, where it has them for this very
        # cell; the others are the parser's reading of the clean cell with its clean name
        target = apply_target_context(parse_target(item.target, year=year),
                                      indicator_name=structure.items[seq - 1].level3, year=year)
        row.update({"target_kind": target.kind, "target_op": target.op,
                    "target_value": target.value, "target_unit": target.unit})
        if item.target == structure.items[seq - 1].target:
            row.update(item.typed)
        indicators.append(row)
    tasks = [{"name": t["name"], "content": (t.get("content") or "").replace("\n", " "),
              **({"amount": t.get("amount")} if has_amount else {})}
             for t in structure.tasks]
    forms["annual_goal"] = (forms.get("annual_goal") or "").replace("\n", "")
    for key in ("project_name", "department", "implementing_unit", "form_type", "project_lead",
                "implementation_period", "mid_term_goal", "annual_goal_actual", "budget_executed",
                "budget_scale", "execution_rate", "total_score", "self_grade"):
        forms.pop(key, None)   # not printed on a unit form (the 中期 parts are dropped above)
    documents = [{"status": "ok", "n_indicators": len(indicators)}]
    return {"documents": documents, "forms": [forms], "tasks": tasks, "indicators": indicators}


def iter_corpus(policy: Policy, n: int, seed: int = 0, structures: list[Structure] | None = None):
    """(document name, OCR text, gold tables) for `n` documents printed under `policy`."""
    structures = structures or load_structures()
    for k in range(n):
        structure = structures[k % len(structures)]
        text, gold = render_document(structure, policy, seed * 1000 + k)
        yield f"{structure.name}-{policy.name}-{k:03d}", text, gold
