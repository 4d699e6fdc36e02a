"""Assign each indicator row its level-1 / level-2 category.

In OCR text a merged label sits on an arbitrary row of its block, so labels are hints,
not positions. The rows are segmented into blocks that follow the canonical category
order of the schema (a block never goes back in that order within a level-1 group). The segmentation is the
cheapest one under these costs, found by dynamic programming over rows × categories:

* a row that states its own category (a level-2 entry without indicators, or a label
  from a known column position) must take it, and such an entry is a block of its own;
* a level-2 label on a row costs `LABEL` if the row is put elsewhere (then the label is
  *displaced*), a level-1 label costs `LEVEL1_LABEL`;
* an indicator's own wording (及时 → 时效, 准确 → 质量, 满意 → 满意度 …, data in the
  level vocabulary) costs the gap between the best-worded category and the chosen one;
  a category that `requires` a word costs `MISSING_REQUIRED` without it;
* each new block costs `NEW_BLOCK`, so rows without labels or telling words join a
  neighbouring block that has its label rather than open an unlabelled one;
* where OCR text lost the merged cells, the document's placement model (where its
  engine prints a merged label: top, centre, page centre, bottom …, fitted once from all
  its labels by `placement.fit_placement`) adds its cost for putting a row in a block it
  does not predict; a model that fits the labels exactly outranks wording, a poor fit is
  weak evidence. A label too damaged to read places its block as well: one of a label's
  length always, a short one (maybe a wrapped label's piece) where the labels fit exactly
  with it, the label-only rows read as without it (`fits_with_short_labels`). A row holding nothing but a level-2 label is a table
  row or a line of its own between rows; the fit is made under both readings of such rows
  (`reading_fits`), since they count the lines of the blocks around differently;
* level-1 groups may come in another order, but going back costs `GROUP_BACK`, more
  than a label, so only labels stated in known columns (or several labels) pay for it;
* a tiny cost per category step keeps rows in the earlier block on a final tie.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from formex.normalize.indicators.chained import chained_rows
from formex.normalize.indicators.placement import (APART, APART_PRIOR, EXACT_ONLY, MODELS, UNLABELLED, UNREAD, Cluster,
                                                   Fit, Geometry, fit_placement, model_totals, piece_families,
                                                   predicted_costs, unread, unread_side)
from formex.normalize.indicators.fragments import one_look_alike
from formex.normalize.indicators.cells import LABEL_SUFFIX, LabelHint
from formex.normalize.indicators.damaged_tails import bare_ending
from formex.normalize.indicators.fused import ASPECT, bare_word
from formex.normalize.indicators.rows import ENDING_MAX, GENERIC_LABEL_CHARS as LABEL_END_CHARS, IndicatorRow
from formex.normalize.labels import label_key
from formex.normalize.targets import parse_target
from formex.schemas.document import Cell, Issue
from formex.schemas.forms import Level2Spec

LABEL = 6.0  # a label on the row is strong evidence: more than any wording
CARRIED_LABEL = 1.5  # a label on a line of its own next to the row
LEVEL1_LABEL = 1.0
STRONG_WORD, WEAK_WORD = 2.0, 1.0
OUTWEIGHED_WEAK = 0.5  # a weak word where another category's strong word heads the name (`weak_words_outweighed`)
INNER_WORD = 0.5  # a keyword inside a compound counts this share of one at the name's head (its end)
HEAD_CHARS = 3    # characters after a keyword that still leave it at the head (及时|拨付率, 满意|度)
TARGET_HINT = 0.5  # the parsed target's type (a count, a duration …) names the category
MISSING_REQUIRED = 1.5  # wording, so below a label and a trusted placement
NEW_BLOCK = 0.5
GROUP_BACK = 8.0  # a level-1 group listed out of canonical order: only stated labels pay for it
TIE_BREAK = 1e-3
DAMAGED_LABEL = 3.0  # a row with an unreadable level-2 label in a category another row's label names
DAMAGED_MIN_CHARS = 4  # ... that label at least a label's length (数量指标): a shorter one may be a piece
DAMAGED_NEAR = 0.6  # below a word (WEAK_WORD): ... and a category its characters name less well than another's (袿会効益方面: 社会效益)
# characters every label may print (rows' 指标类, and 方面 a label may be worded up with): they name no category
GENERIC_LABEL_CHARS = LABEL_END_CHARS | frozenset(ASPECT)
SHORT_DAMAGED = (2, 3)  # a damaged level-2 cell this long: a category's short form (贡量 for 质量), no more
LIKE_MIN = 2     # a tied row shares at least this many character pairs with the row across ...
LIKE_MARGIN = 2  # ... and this many more than with the row on its own side: it joins that block (`likeness_moves`)
EDGE_TOP = frozenset({"top", "page_top", "after_break"})   # a label on its block's first row ...
EDGE_BOTTOM = frozenset({"bottom", "page_bottom"})         # ... or its last (`label_line_rows`)
JOINED_MARGIN = 2.5  # the joined weighing settles the family by this much over any other (`joined_family`):
                     # two labels a line off and a half more (1.5 fixed 7 and broke 6 documents of 3,600)
READINGS = 4      # rounds of rereading label-only rows as rows or lines apart (see reading_fits)
INF = float("inf")
CLOSE = 0.5   # a row another category would cost the table less than this more is a guess
              # (`close_calls`): less than half a line's misfit or half a weak word


@dataclass(frozen=True)
class Placement:
    level2: Level2Spec
    source: str                 # explicit, filled, inferred, displaced
    level1_raw: str | None
    level2_raw: str | None
    label_line: bool = False    # an inferred block's row on a line where the fitted model prints
                                # the block's label (`label_line_rows`): where its lost label went


def keyword_score(name: str, words: tuple[str, ...], weight: float) -> float:
    """`weight` for a keyword at the head of the name (a Chinese compound's head is its
    end: 补贴发放|及时率), `INNER_WORD` of it for one inside (及时|率考核次数)."""
    best = 0.0
    for word in words:
        at = name.rfind(word)
        if at < 0:
            continue
        head = at + len(word) >= len(name) - HEAD_CHARS
        best = max(best, weight if head else weight * INNER_WORD)
    return best


def wording_score(name: str | None, category: Level2Spec, target_class: str | None = None,
                  weak: float = WEAK_WORD) -> float:
    """How strongly an indicator's name (and its target's type) points at a category.

    >>> from formex.schemas.forms import Level2Spec
    >>> time = Level2Spec("时效指标", "产出指标", 0, strong=("及时",))
    >>> wording_score("岗位补贴发放及时性", time), wording_score("及时发放补贴人数", time)
    (2.0, 1.0)
    """
    score = 0.0
    if name:
        score = max(keyword_score(name, category.strong, STRONG_WORD),
                    keyword_score(name, category.weak, weak))
    if target_class and target_class in category.targets:
        score += TARGET_HINT
    return score


def target_class(item: IndicatorRow) -> str | None:
    """The kind of quantity the row's target states: a unit class (count, duration,
    currency …) or `deadline`; None when there is no typed target."""
    if item.target is None or not item.target.text:
        return None
    return target_class_of(item.target.text)


@lru_cache(maxsize=16384)
def target_class_of(text: str) -> str | None:
    parsed = parse_target(text)
    if parsed.kind == "deadline":
        return "deadline"
    return parsed.unit_class if parsed.kind == "quantitative" else None


def weak_words_outweighed(name: str | None, categories: tuple[Level2Spec, ...]) -> list[bool]:
    """Per category, whether its weak words count only `OUTWEIGHED_WEAK`: another
    category's strong word stands at the name's head (资金在规定时间内|下达率, 补贴发放及时|率).
    A weak word is one many categories' names print (率 ends rates of every kind); where
    the head names another category, the 率 is mostly that category's rate. It still
    tells this category from one the name says nothing of (传染病报告及时率 under 质量)."""
    if not name:
        return [False] * len(categories)
    headed = [keyword_score(name, c.strong, STRONG_WORD) >= STRONG_WORD for c in categories]
    return [any(h for j, h in enumerate(headed) if j != k) for k in range(len(categories))]


INTRUDER_CHARS = (2, 4)   # a word printed inside another word: this long (及时, 长效机制)


def unsplit_name(name: str | None, categories: tuple[Level2Spec, ...]) -> str | None:
    """The name with a strong word printed inside another strong word taken out
    (群众满|收入|意度, 公共服务满|完成数量|意度: 满意 split by 收入 and 完成数量). A name
    never writes a word inside another: the inner one came from elsewhere (a neighbouring
    cell's text fused in), so it says nothing of the row's category, and the split word,
    whole again, says what the name does. The name itself is kept as printed; only its
    wording is weighed so. Only a strong word the name does not print whole elsewhere, split
    around a run of `INTRUDER_CHARS` holding another strong word (of any category, the split
    word's own among them, but not one printed with the split word's characters only: 满意
    in 满意度), the split word's pieces none of the characters the name's own strong words print."""
    if not name:
        return name
    words = {w for c in categories for w in c.strong if len(w) >= 2}
    # characters the name's own strong words print: a split word's piece is none of them
    # (长效机|制|满意|度 is 机制 beside 满意度, no 制度 split by 满意)
    worded = {k for x in words for at in occurrences(name, x) for k in range(at, at + len(x))}
    for w in sorted(words, key=len, reverse=True):
        if w in name:
            continue
        for j in range(1, len(w)):
            head, tail = w[:j], w[j:]
            for at in occurrences(name, head):
                start = at + j
                for n in range(INTRUDER_CHARS[1], INTRUDER_CHARS[0] - 1, -1):
                    run, end = name[start:start + n], start + n
                    pieces = set(range(at, start)) | set(range(end, end + len(tail)))
                    if len(run) == n and name.startswith(tail, end) and not pieces & worded \
                            and any(x in run for x in words if x != w and not (set(x) <= set(w))):
                        return name[:start] + name[end:]
    return name


def occurrences(text: str, word: str) -> list[int]:
    """Where `word` starts in `text`, every place."""
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


@lru_cache(maxsize=16384)
def wording_scores(name: str | None, kind: str | None, categories: tuple[Level2Spec, ...]
                   ) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per category, the wording gap to the best-worded one and the required-word cost
    (of the name's words as `unsplit_name` reads them)."""
    name = unsplit_name(name, categories)
    outweighed = weak_words_outweighed(name, categories)
    scores = [wording_score(name, c, kind, weak=OUTWEIGHED_WEAK if gone else WEAK_WORD)
              for c, gone in zip(categories, outweighed)]
    best = max(scores, default=0.0)
    required = tuple(MISSING_REQUIRED if c.requires and not any(w in (name or "") for w in c.requires)
                     else 0.0 for c in categories)
    return tuple(best - score for score in scores), required


COST_PARTS = ("wording", "order", "label", "level1_label", "required", "placement")
ROW_MEMO = 8192  # rows' fit-independent costs kept per schema (a batch repeats its wordings)


def row_cost_parts(i: int, item: IndicatorRow, categories: tuple[Level2Spec, ...], fit: Fit,
                   opening: str | None = None) -> list[tuple[float, ...] | None]:
    """Per category, the parts of the row's cost in `COST_PARTS` order, or None where the
    row states another category (it cannot go there). `opening`: the group whose label
    prints on the first row of a later page with no level-1 label between (`page_openings`)."""
    own = stated_category(item)
    if own is not None:
        return [(0.0,) * len(COST_PARTS) if c.label == own else None for c in categories]
    taken = fit.damaged.get(i, frozenset())
    near = damaged_near_costs(item, categories) if item.damaged else None
    opens = group_openings(group_gap(fit, i, categories), categories, opening or fit.pinned.get(i))
    return [(*parts, fit.row_cost(i, category.label, category.level1)
             + (DAMAGED_LABEL if category.label in taken else 0.0) + (near[k] if near else 0.0)
             + (opens[k] if opens else 0.0))
            for k, (category, parts) in enumerate(zip(categories, worded_parts(item, categories)))]


def damaged_near_costs(item: IndicatorRow, categories: tuple[Level2Spec, ...]) -> list[float]:
    """Per category, `DAMAGED_NEAR` where the row's damaged label cells share fewer of its
    label's characters (beyond `GENERIC_LABEL_CHARS`) than they share with the best
    category's: a damaged label still names its category by the characters it kept
    (袿会効益方面 keeps 会 and 益 of 社会效益指标, only 益 of 经济效益指标). A nudge below
    a placement or a wording: it settles what those leave even."""
    chars = {ch for cell in item.damaged for ch in label_key(cell.text)} - GENERIC_LABEL_CHARS
    shared = [len(chars & set(category.label)) for category in categories]
    best = max(shared, default=0)
    if best == 0:
        return [0.0] * len(categories)
    return [0.0 if n == best else DAMAGED_NEAR for n in shared]


def damaged_label_rows(items: list[IndicatorRow], per_page: bool, groups: frozenset[str] = frozenset(),
                       labels: frozenset[str] = frozenset()) -> dict[int, frozenset[str]]:
    """Rows holding a level-2 label too damaged to read (`item.damaged`) and no readable
    one -> the categories whose labels print on other rows (of the same page, for a
    model that repeats labels per page). A block prints one label: a row with a label of
    its own is not in the block another row's label names but in one of its own, though
    which cannot be read. Where fits explain the readable labels alike (centre-up or
    centre-down, a row more or less in a block), the damaged labels choose. `groups`:
    the level-1 labels, whose short forms a damaged cell may print too; `labels`: the
    level-2 ones (`whole_damaged_label`)."""
    labelled: dict[str, list[tuple[int, int]]] = {}
    for item in items:
        for h in ([item.own_level2] if item.own_level2 else item.level2):
            if not h.copied:
                labelled.setdefault(h.spec.label, []).append(item.pages)
    out = {}
    printed = label_texts(items)
    for i, item in enumerate(items):
        if any(not h.copied for h in item.level2) or stated_category(item) is not None:
            continue
        taken = frozenset(label for label, pages in labelled.items()
                          if not per_page or any(a <= item.pages[1] and item.pages[0] <= b for a, b in pages))
        if taken and any(whole_damaged_label(cell, items, i, printed, taken | groups, labels) for cell in item.damaged):
            out[i] = taken
    return out


def whole_damaged_label(cell, items: list[IndicatorRow], i: int, printed: list[str],
                        named: frozenset[str], labels: frozenset[str] = frozenset()) -> bool:
    """Row i's damaged level-2 cell is a whole label, not a piece of one wrapped in a
    narrow column: a label's length (`DAMAGED_MIN_CHARS`), or a category's short form
    (`SHORT_DAMAGED`: 对効 for 时效, OCR's look-alikes for both characters) naming
    something beyond `GENERIC_LABEL_CHARS`, printed once (`printed`: a label restated
    on its block's rows, or a piece of one, prints its text again) where neither row
    beside it holds an unread cell (a wrapped label's other pieces print there), and
    not restating a label in `named` (the labels other rows print and the level-1
    groups': 袿会 beside a readable 社会效益指标 restates it, 广出 is 产出; `restates`
    against the other level-2 `labels`; beside a label printed on every row of its block,
    any character kept in place restates it: `restated_beside`)."""
    key = label_key(cell.text)
    if len(key) >= DAMAGED_MIN_CHARS:
        return True
    beside = restated_beside(items, i)
    return SHORT_DAMAGED[0] <= len(set(key) - GENERIC_LABEL_CHARS) and len(key) <= SHORT_DAMAGED[1] \
        and sum(key in text for text in printed) == 1 \
        and not any(restates(key, label, labels - named if label not in beside else frozenset())
                    for label in named) \
        and not any(items[j].unrecognised for j in (i - 1, i + 1) if 0 <= j < len(items))


def restated_beside(items: list[IndicatorRow], i: int) -> frozenset[str]:
    """The level-2 labels printed on the two rows above row i or the two below (not filled
    down): a block restating its label on every row, whose damaged copy row i may print."""
    def printed(j: int) -> set[str]:
        return {h.spec.label for h in items[j].level2 if not h.copied} if 0 <= j < len(items) else set()
    return frozenset((printed(i - 1) & printed(i - 2)) | (printed(i + 1) & printed(i + 2)))


def kept_places(key: str, label: str) -> frozenset[int]:
    """Where the damaged label text `key` prints one of `label`'s own characters (not
    `GENERIC_LABEL_CHARS`) where the label prints it."""
    return frozenset(p for p, ch in enumerate(key) if p < len(label) and ch == label[p]
                     and ch not in GENERIC_LABEL_CHARS)


def restates(key: str, label: str, others: frozenset[str]) -> bool:
    """The damaged label text `key` keeps in place a character of `label` that none of
    the `others` keeps there: 贡量 keeps the 量 of 数量 as much as that of 质量, so beside a
    readable 数量指标 it may as well be the 质量 label OCR damaged."""
    shared = frozenset().union(*(kept_places(key, other) for other in others))
    return bool(kept_places(key, label) - shared)


def label_texts(items: list[IndicatorRow]) -> list[str]:
    """The level cells' texts and the names' heads of every row, as label keys: where a
    label prints (`whole_damaged_label`)."""
    out = []
    for item in items:
        # a damaged cell given to the row below from a line of its own (`rows.heads_block_below`)
        # is among the row's damaged cells only
        cells = (*item.unrecognised, *(c for c in item.damaged if c not in item.unrecognised))
        out += [label_key(c.text) for c in (*cells, *(h.cell for h in item.level2 + item.level1))]
        out += [label_key(item.name[:SHORT_DAMAGED[1]])] if item.name else []
    return out


def stated_category(item: IndicatorRow) -> str | None:
    """The category a row states so that it must take it (a level-2 entry, or a label
    from a known column position), else None."""
    if item.own_level2 is not None and (item.is_level2_entry or item.positional):
        return item.own_level2.spec.label
    return None


def printed_group(item: IndicatorRow) -> str | None:
    """The level-1 group a label printed on the row's own line names (not filled down,
    carried from a line above or moved), else None: the row lies in that group's span."""
    return next((h.spec.label for h in item.level1 if not (h.copied or h.carried or h.moved)), None)


def worded_parts(item: IndicatorRow, categories: tuple[Level2Spec, ...]) -> list[tuple[float, ...]]:
    """Per category, the parts of the row's cost that do not depend on the placement fit
    (`COST_PARTS` but the last)."""
    return row_key_parts(*row_key(item), categories)


def row_key(item: IndicatorRow) -> tuple:
    """What the fit-independent costs read from a row: its name, its target's type and
    its labels (with the weight of each level-2 one)."""
    level2 = tuple((h.spec.label, CARRIED_LABEL if h.carried or h.moved else LABEL) for h in item.level2)
    return item.name, target_class(item), level2, tuple(h.spec.label for h in item.level1)


def row_key_parts(name: str | None, kind: str | None, level2: tuple[tuple[str, float], ...],
                  level1: tuple[str, ...], categories: tuple[Level2Spec, ...]) -> list[tuple[float, ...]]:
    gaps, required_costs = wording_scores(name, kind, categories)
    all_level2 = sum(cost for _, cost in level2)
    parts = []
    for k, category in enumerate(categories):
        parts.append((
            gaps[k], TIE_BREAK * k,
            all_level2 - sum(cost for label, cost in level2 if label == category.label) if level2 else 0.0,
            LEVEL1_LABEL * sum(label != category.level1 for label in level1) if level1 else 0.0,
            required_costs[k]))
    return parts


class WordedCosts:
    """One schema's categories and, memoised by `row_key`, each row's cost per category
    before the placement part: the sum of `worded_parts` left to right, as `cost_of`
    adds them, so adding the placement part gives `cost_of`'s float to the bit. Names,
    target types and labels repeat across a batch's documents, so most rows are a
    lookup. The memo is bounded: it is emptied when full."""

    def __init__(self, categories: tuple[Level2Spec, ...]):
        self.categories = categories
        self.memo: dict[tuple, tuple[float, ...]] = {}

    def row(self, item: IndicatorRow) -> tuple[float, ...]:
        """INF where the row states another category."""
        own = stated_category(item)
        if own is not None:
            return tuple(0.0 if c.label == own else INF for c in self.categories)
        key = row_key(item)
        costs = self.memo.get(key)
        if costs is None:
            if len(self.memo) >= ROW_MEMO:
                self.memo.clear()
            costs = self.memo[key] = tuple(wording + order + label + level1_label + required
                                           for wording, order, label, level1_label, required
                                           in row_key_parts(*key, self.categories))
        return costs


@lru_cache(maxsize=16)
def worded_costs(categories: tuple[Level2Spec, ...]) -> WordedCosts:
    return WordedCosts(categories)


def cost_of(parts: tuple[float, ...] | None) -> float:
    """The row's cost from its parts, added left to right (the same sum to the bit
    whatever `sum` does in a later Python)."""
    if parts is None:
        return INF
    wording, order, label, level1_label, required, placement = parts
    return wording + order + label + level1_label + required + placement


def row_costs(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], fit: Fit
              ) -> list[list[float]]:
    """Per row and category, `cost_of` its parts: the memoised worded costs plus the fit's
    placement part, added only for rows the fit prices (a row stating its category has
    none)."""
    worded = worded_costs(categories)
    labels, groups = [c.label for c in categories], [c.level1 for c in categories]
    openings = page_openings(items) if fit.level1 else {}
    order = {label: k for k, label in enumerate(labels)}
    out = []
    for i, item in enumerate(items):
        costs = worded.row(item)
        level2, level1 = fit.level2.get(i), fit.level1.get(i)
        taken = fit.damaged.get(i)
        if stated_category(item) is not None:
            out.append(list(costs))
            continue
        near = damaged_near_costs(item, categories) if item.damaged else None
        if level2 is None and level1 is None and taken is None:
            # a placement part of 0.0 leaves every sum as it is
            out.append([cost + n for cost, n in zip(costs, near)] if near else list(costs))
            continue
        in_level2, elsewhere2 = gap_parts(level2, fit.unread_as, order)
        in_level1, elsewhere1 = gap_parts(level1)
        near = near or [0.0] * len(labels)
        opens = group_openings(group_gap(fit, i, categories), categories, openings.get(i) or fit.pinned.get(i))
        if opens:
            near = [n + o for n, o in zip(near, opens)]
        out.append([cost + (in_level2.get(label, elsewhere2) + in_level1.get(group, elsewhere1)
                            + (DAMAGED_LABEL if taken and label in taken else 0.0)) + nudge
                    for cost, label, group, nudge in zip(costs, labels, groups, near)])
    return out


def group_openings(level1: tuple | None, categories: tuple[Level2Spec, ...], opening: str | None
                   ) -> list[float] | None:
    """Per category, what a row adds where the level-1 labels leave it free between two
    groups they name (its level-1 gap prices it alike on either side) and `opening` is
    the later one, else None: the later group's categories cost less than the earlier
    one's, each group's in its own order (the `TIE_BREAK` steps start again at its first
    category). Without this, `TIE_BREAK`'s canonical order puts every free row in the
    group above. Wording still decides: this is below any word, and only rows the labels
    leave free have it. `opening` is the later group where

    - its label prints on the first row of a later page (`page_openings`): `top` fits
      with the group beginning exactly there, `page_top` and `after_break` with it
      beginning anywhere on the page before; the first is a coincidence (a group's first
      row falling on a page's), the others the rule of the model;
    - another fit explaining the labels exactly as well puts the row there
      (`pinned_by_rivals`, `centre_down` beside `centre_up` on a parity no label tells):
      the later group fits both models, the earlier one only this one."""
    if level1 is None or opening is None:
        return None
    left, right, in_left, in_right, _ = level1
    if right != opening or left is None or left == right or unread(left) or abs(in_left - in_right) > 1e-9:
        return None
    starts, sizes = group_starts(categories)
    return [0.0 if c.level1 not in (left, right) else
            -TIE_BREAK * (starts[c.level1] + (sizes[right] if c.level1 == right else 0))
            for c in categories]


def page_openings(items: list[IndicatorRow]) -> dict[int, str]:
    """Rows before a level-1 label printed on the first line of a page, on earlier pages
    and after the level-1 label before it: row -> that label's group."""
    out: dict[int, str] = {}
    since = 0    # the first row after the last level-1 label
    for j, item in enumerate(items):
        hints = [h for h in item.level1 if not h.copied]
        if not hints:
            continue
        page = opening_page(items, j, hints[-1])
        if page is not None:
            group = hints[-1].spec.label
            out.update((i, group) for i in range(since, j) if items[i].pages[1] != page)
        since = j + 1
    return out


def opening_page(items: list[IndicatorRow], j: int, hint) -> int | None:
    """The page whose first line row `j`'s level-1 label prints on, else None: the row's
    own first line where the row above ended on another page, or the second line of a
    row wrapped over a page break (its name's tail opens the page, and the label printed
    beside it opens the page's part of its block, as on a row of its own)."""
    item = items[j]
    if j and item.pages[0] != items[j - 1].pages[1]:
        return item.pages[0]
    if item.pages[1] != item.pages[0] and hint.line == item.lines[1] == item.lines[0] + 1:
        return item.pages[1]
    return None


@lru_cache(maxsize=16)
def group_starts(categories: tuple[Level2Spec, ...]) -> tuple[dict[str, int], dict[str, int]]:
    """Each level-1 group's first category index and its number of categories (the
    schema lists groups contiguously)."""
    starts: dict[str, int] = {}
    sizes: dict[str, int] = {}
    for k, c in enumerate(categories):
        starts.setdefault(c.level1, k)
        sizes[c.level1] = sizes.get(c.level1, 0) + 1
    return starts, sizes


def gap_parts(costs: tuple | None, unread_as: dict[str, str] | None = None,
              order: dict[str, int] | None = None) -> tuple[dict[str | None, float], float]:
    """A gap row's cost in the categories its sides name, and elsewhere. `unread_as`: the
    category the path gave a short unread label's block (`with_unread_read`), `order` the
    categories' canonical order: a row in that category is in that block; a row in a
    category the order puts between it and the other side's is in a block without a
    label (its own label lost), not in the unread block (`unread_side`)."""
    if costs is None:
        return {}, 0.0
    left, right, in_left, in_right, elsewhere = costs
    named = {right: in_right, left: in_left}
    if not unread_as or not order or unread(left) == unread(right):
        return named, unread_side(costs)
    side, other, cost = (left, right, in_left) if unread(left) else (right, left, in_right)
    if side not in unread_as:
        return named, unread_side(costs)
    k = order[unread_as[side]]
    # the other side's place in the order, or the table's end beyond it
    far = order.get(other, len(order) if side == left else -1)
    between = {label: elsewhere for label, n in order.items() if min(k, far) < n < max(k, far)}
    return {**between, unread_as[side]: cost, **named}, unread_side(costs)


def fit_items(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]) -> Fit:
    """The document's placement model, fitted on its labels (none where cell positions
    are known: there every row states its labels). Of the models that explain the labels
    equally well, the one whose segmentation costs least: the level-1 and level-2
    labels must agree on the same boundaries (between readings of label-only rows, which
    differ by a prior, the fit's own cost counts too)."""
    return fit_and_costs(items, categories)[0]


def fit_and_costs(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]
                  ) -> tuple[Fit, list[list[float]]]:
    """`fit_items`'s fit and the row costs under it (`row_costs`): `fit_costs_and_rivals`'
    first two, so an explanation prices the rows as `place_rows` does."""
    fit, costs, _, _ = fit_costs_and_rivals(items, categories)
    return fit, costs


def fit_and_rivals(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], fits: list[Fit]
                   ) -> tuple[Fit, list[list[float]], list[tuple[Fit, list[list[float]]]], list[int] | None]:
    """`fit_and_costs` over `fits`, and the other distinct fits that explain the labels
    exactly as well as the chosen one (the same placement cost), with their row costs:
    where their segmentations differ, the labels did not decide (`rival_rows`); and the
    chosen fit's `path_of`, read off the programme already run to choose it."""
    best: tuple[float, Fit, list[list[float]], tuple] | None = None
    seen: list[tuple[Fit, list[list[float]]]] = []
    labelled = labelled_categories(items, categories)
    for fit in fits:
        fit.pinned = pinned_by_rivals(fit, fits, categories)
    for fit in fits:
        fit.tied = ()
        kept = next((other for other, _ in seen if same_prices(fit, other)), None)
        if kept is not None:   # its cost equals an earlier one's, which already won or lost;
            kept.tied = (*kept.tied, fit.model)   # where their rules differ (`tied_side`) both count
            continue
        costs, prefixes, back = one_template_prefixes(row_costs(items, categories, fit), entry_flags(items, fit),
                                                      categories, labelled)
        seen.append((fit, costs))
        cost = fit.cost + min(prefixes[-1])
        if best is None or cost < best[0]:
            best = (cost, fit, costs, (prefixes, back))
    rivals = [(fit, costs) for fit, costs in seen if fit is not best[1] and abs(fit.cost - best[1].cost) <= 1e-9]
    return best[1], best[2], rivals, cheapest_path(*best[3])


def pinned_by_rivals(fit: Fit, fits: list[Fit], categories: tuple[Level2Spec, ...] = ()) -> dict[int, str]:
    """Rows `fit` leaves free between two level-1 groups (priced alike in either) that a
    fit explaining the labels exactly as well puts in the later group: row -> that group.
    The later group fits both models, the earlier one only this one. Where the fits
    misfit some labels alike (a lost label, a label a line off elsewhere), only a row
    `fit` prices exactly on either side: a row free for reasons of the misfits is priced
    off both sides, one free by a parity no label tells is not (the 效益 group's first row
    under centre_up, its label's block as exact with the row as without it, beside a
    centre_down fitting the labels as ill that puts it in 效益).

    Where no level-1 label bounds the row, the level-2 blocks beside it bound the groups
    (`group_gap`): there only a row the labels fit exactly on either side is free, and
    only where no such fit puts it in the earlier group (single-row blocks, a top and a
    bottom model: the fits disagree, and the row is left to its wording)."""
    out: dict[int, str] = {}
    exact = fit.cost <= 1e-9
    rivals = [other for other in fits if other is not fit and abs(other.cost - fit.cost) <= 1e-9]
    for i in sorted(set(fit.level1) | set(fit.level2)):
        found = group_gap(fit, i, categories)
        if found is None:
            continue
        left, right, in_left, in_right, _ = found
        if left is None or right is None or left == right or abs(in_left - in_right) > 1e-9:
            continue
        by_groups = i in fit.level1
        if (not by_groups or not exact) and max(in_left, in_right) > 1e-9:
            continue
        sides = [theirs for theirs in (group_gap(other, i, categories) for other in rivals)
                 if theirs and theirs[0] == left and theirs[1] == right]
        if any(theirs[3] + 1e-9 < theirs[2] for theirs in sides) and \
                (by_groups or not any(theirs[2] + 1e-9 < theirs[3] for theirs in sides)):
            out[i] = right
    return out


def group_gap(fit: Fit, i: int, categories: tuple[Level2Spec, ...]) -> tuple | None:
    """Row i's level-1 gap costs (`placement.GapCosts`' tuple), or where no level-1 label
    bounds it, those of its level-2 gap between blocks of two groups, named by their
    groups: a level-2 block lies inside its group's, so its bounds are the groups' too."""
    found = fit.level1.get(i)
    if found is not None or not categories:
        return found
    found = fit.level2.get(i)
    if found is None:
        return None
    left, right, in_left, in_right, elsewhere = found
    group = {c.label: c.level1 for c in categories}
    left_group, right_group = group.get(left), group.get(right)
    if left_group is None or right_group is None or left_group == right_group:
        return None
    return left_group, right_group, in_left, in_right, elsewhere


def rival_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], path: list[int],
               rivals: list[tuple[Fit, list[list[float]]]]) -> dict[int, tuple[str, str | None]]:
    """Rows a rival fit (another model, or another reading of label-only rows, explaining
    the labels exactly as well) puts in another category: row -> (that category, the
    rival's model)."""
    out: dict[int, tuple[str, str | None]] = {}
    for fit, costs in rivals:
        other = path_of(costs, entry_flags(items, fit), categories, labelled_categories(items, categories))
        if other is None:
            continue
        for i, (k, j) in enumerate(zip(path, other)):
            if k != j and i not in out and stated_category(items[i]) is None:
                out[i] = (categories[j].label, fit.model)
    return out


def fit_costs_and_rivals(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]
                         ) -> tuple[Fit, list[list[float]], list[tuple[Fit, list[list[float]]]], list[int] | None]:
    """The fit of the rows' labels (of the models that explain them equally well, the one
    whose segmentation costs least; tied fits pricing every row alike are costed once),
    the row costs under it, the rival fits of `fit_and_rivals`, and the rows' path
    (`path_of`); refitted once where the rows open a block of a lost label
    (`lost_label_rows`)."""
    if not items or any(item.positional for item in items):
        fit = Fit(None, 0.0)
        costs = row_costs(items, categories, fit)
        return fit, costs, [], path_of(costs, entry_flags(items, fit), categories,
                                       labelled_categories(items, categories)) if items else []
    found, short = fits_with_short_labels(items, categories)
    held = lost_label_rows(items, categories, found[0], found[3])
    if not held or not exact_fit(found[0]):
        return with_unread_read(items, categories, found)
    refitted = fits_costs_and_path(items, categories,
                                   with_damaged_labels(items, reading_fits(items, held, short), categories))
    # taken only where the labels fit exactly around the lost block as they did without it,
    # under the same model and reading of label-only rows: the refit may cost no more than
    # that block (a misfit would be the labels' evidence against the rows' wording, which
    # the rows' own costs already weigh).
    # The model may change to one that prints every label by rule (`EXACT_ONLY`: a candidate
    # only where it fits them all): with the lost rows in a labelled block it could not fit,
    # and another model fitted as exactly for its lines apart's prior (`centre_down` taking a
    # lost 成本 row into the 时效 block above it, where `centre_apart` pays the lost block)
    fit, before = refitted[0], found[0]
    if not (exact_fit(fit) and (fit.model == before.model or changes_to_exact_only(fit, before))
            and fit.entries == before.entries
            and fit.cost <= before.cost + UNLABELLED * runs_of(held) + 1e-9):
        return with_unread_read(items, categories, found)
    return with_unread_read(items, categories, refitted)


def changes_to_exact_only(fit: Fit, before: Fit) -> bool:
    """The refit's model is one that prints every label by rule (`centre_apart`,
    `sub_header`) and the fit before it another: between the graded models the labels
    trade misfits against the lost block's price, which the rows' wording weighs already."""
    return fit.model is not None and fit.model != before.model and MODELS.index(fit.model) in EXACT_ONLY


def with_unread_read(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], found: tuple) -> tuple:
    """`found` repriced once its path has read each unread label's block: the block takes
    the category the path gives the label's row (its rows' wording), so a row beside it in
    another category neither side names is in a block without a label (its own label lost),
    not in the unread block, which would misplace that block's label. The fit read so is a
    copy: `found`'s stays as it was."""
    fit, costs, rivals, path = found
    if path is None or fit.chain is None:
        return found
    short = [c for c in fit.chain.clusters if c.damaged and all(len(label_key(cell.text)) < DAMAGED_MIN_CHARS
                                                                 for cell in items[c.first].damaged)]
    if not short:
        return found
    read = replace(fit, unread_as={c.category: categories[path[c.first]].label for c in short})
    repriced = row_costs(items, categories, read)
    again = path_of(repriced, entry_flags(items, read), categories, labelled_categories(items, categories))
    if again is None or not moves_with_wording(items, categories, path, again):
        return found
    return read, repriced, rivals, again


def moves_with_wording(items: list[IndicatorRow], categories: tuple[Level2Spec, ...],
                       path: list[int], again: list[int]) -> bool:
    """Every row `again` moves off `path` goes to a category its wording prices no higher:
    reading an unread block takes a false cheap place away from rows worded for another
    category; it is no evidence against a row's wording (质重义务教育巩固率, its own label
    fused in its name, beside a short unread label is no row of the block above)."""
    worded = worded_costs(categories)
    return all(worded.row(items[i])[b] <= worded.row(items[i])[a] + 1e-9
               for i, (a, b) in enumerate(zip(path, again)) if a != b)


def fits_with_short_labels(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]
                           ) -> tuple[tuple, tuple[Level2Spec, ...]]:
    """`fits_costs_and_path` of the rows' readings, and the vocabulary for
    `unread_label_rows`' short damaged labels where they are counted, else (). A short
    damaged cell may be a piece of a label wrapped in a narrow column or the label of its
    block: it counts where with it the labels fit exactly (a model puts every label, it
    too, where it prints); a misfit would let the chain move other blocks around it."""
    found = fits_costs_and_path(items, categories, with_damaged_labels(items, reading_fits(items), categories))
    if unread_label_rows(items, categories) == unread_label_rows(items):
        return found, ()
    short = fits_costs_and_path(items, categories,
                                with_damaged_labels(items, reading_fits(items, short=categories), categories))
    # the short labels place blocks under the reading of label-only rows the readable
    # labels chose: they do not reread those rows (泾剂 over 成本|指标 is a wrapped label's
    # first piece: with it a block, that label's rows would be an entry of their own)
    kept = ((exact_fit(short[0]) and short[0].entries == found[0].entries
             # (or the numbers read the label-only rows as it does, not as the readable labels')
             or numbers_side_with(items, short[0], found[0]))
            and short[0].cost <= found[0].cost + 1e-9    # nor fit the labels worse than without them
            # nor close a readable label's block on rows of a block whose label OCR lost (坐态
            # under rows worded 社会效益, its label damaged, would close the 成本 block above on them)
            and not takes_lost_rows(items, categories, found, short))
    return (short, categories) if kept else (found, ())


def numbers_side_with(items: list[IndicatorRow], fit: Fit, other: Fit) -> bool:
    """In a table that numbers its rows, `fit` reads the label-only rows as the numbers say
    (`agrees_with_numbers`: a numbered one an entry, an unnumbered one a label's line) and
    `other` does not: the numbers outweigh another reading of those rows (the short labels'
    fit may then reread them, as the readable labels' could not)."""
    label_only = label_only_rows(items)
    numbered = numbered_reading(items, label_only) if label_only else None
    return (numbered is not None and agrees_with_numbers(fit, numbered, label_only)
            and not agrees_with_numbers(other, numbered, label_only))


def takes_lost_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], found: tuple, short: tuple) -> bool:
    """The short labels' path moves a row `found`'s path put in a category no label names
    (a block whose label OCR lost, opened by the rows' wording) into a readable label's
    category its wording prices higher (into the short label's own block it may move: that
    may be the lost label)."""
    path, again = found[3], short[3]
    if path is None or again is None or found[0].chain is None:
        return False
    named = {c.category for c in found[0].chain.clusters}
    # a short label read as the rows' lost category is that label: its block may move them
    read = {again[c.first] for c in short[0].chain.clusters if c.damaged} if short[0].chain else set()
    lost = [i for i, (a, b) in enumerate(zip(path, again))
            if a != b and a not in read and categories[a].label not in named and categories[b].label in named
            and stated_category(items[i]) is None]
    return bool(lost) and not moves_with_wording([items[i] for i in lost], categories,
                                                 [path[i] for i in lost], [again[i] for i in lost])


def exact_fit(fit: Fit) -> bool:
    """Every level-2 label sits where the fit's model puts it on its cheapest chain."""
    if fit.chain is None or fit.model is None:
        return False
    return all(fit.chain.exact(MODELS.index(fit.model), placed=True))


def runs_of(rows: frozenset[int]) -> int:
    """How many runs of consecutive rows."""
    return sum(1 for i in rows if i - 1 not in rows)


def fits_costs_and_path(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], fits: list[Fit]
                        ) -> tuple[Fit, list[list[float]], list[tuple[Fit, list[list[float]]]], list[int] | None]:
    if len(fits) == 1:
        costs = row_costs(items, categories, fits[0])
        return fits[0], costs, [], path_of(costs, entry_flags(items, fits[0]), categories,
                                           labelled_categories(items, categories))
    return fit_and_rivals(items, categories, fits)


def lost_label_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], fit: Fit,
                    path: list[int] | None) -> frozenset[int]:
    """Rows at the edge of a labelled block of the fit's cheapest chain that the path
    puts in a category no level-2 label names: a block whose label OCR lost, opened by
    the rows' wording. The fit priced each row alone, the labelled block free to run
    through them (a block without a label costs more than none), and so may have
    shifted the boundaries around it to fit the labels: refitted with these rows out of
    every labelled block, the boundaries fit the block the rows form."""
    ch = fit.chain
    if path is None or ch is None or fit.model is None or not ch.clusters:
        return frozenset()
    named = {c.category for c in ch.clusters}
    lost = [categories[k].label not in named and stated_category(items[i]) is None for i, k in enumerate(path)]
    unsure = [c.damaged or unread(c.category) for c in ch.clusters]
    out: set[int] = set()
    for t, (cluster, (x, y)) in enumerate(zip(ch.clusters, ch.blocks(MODELS.index(fit.model)))):
        # a label too damaged to read beside the rows may be the lost one: its block may hold them
        if unsure[t]:
            continue
        i = y - 1
        while t + 1 < len(unsure) and not unsure[t + 1] and i > cluster.last and lost[i]:
            out.add(i)
            i -= 1
        i = x
        while t > 0 and not unsure[t - 1] and i < cluster.first and lost[i]:
            out.add(i)
            i += 1
    return frozenset(out)


def with_damaged_labels(items: list[IndicatorRow], fits: list[Fit],
                        categories: tuple[Level2Spec, ...]) -> list[Fit]:
    """The fits with the rows of unreadable level-2 labels each prices
    (`damaged_label_rows`)."""
    if not any(item.damaged for item in items):
        return fits
    for fit in fits:
        fit.damaged = damaged_label_rows(items, fit.model in PER_PAGE, frozenset(c.level1 for c in categories),
                                         frozenset(c.label for c in categories))
    return fits


def same_prices(fit: Fit, other: Fit) -> bool:
    """Two fits cost the same and give every row the same costs and entries (so the same
    segmentation)."""
    return (fit.cost == other.cost and fit.entries == other.entries and fit.level2 == other.level2
            and fit.level1 == other.level1 and fit.damaged == other.damaged)


def reading_fits(items: list[IndicatorRow], held: frozenset[int] = frozenset(),
                 short: tuple[Level2Spec, ...] = ()) -> list[Fit]:
    """The best placement fits over the readings of the label-only rows.

    A row with nothing but a level-2 label is a table row (a category listed without
    indicators) or a merged label the engine wrote on a line of its own between rows,
    and the blocks around it (its level-1 group's above all) count their lines
    differently in the two readings. A reading says which label-only rows are lines
    apart; the fit under it says which it reads as entries, and those are rows in the
    next reading. Starting once from all rows and once from all lines apart, readings
    are refitted until one repeats (`READINGS` rounds at most). The cheapest fits of all
    are kept, and those within `APART` of them (within their lines' priors, for a best
    model reading lines apart between rows: `apart_prior`): a reading's prior is no more
    than that, and the rows' wording may outweigh it. In a table that numbers its rows,
    the numbers rule out the fits that read them otherwise (`agrees_with_numbers`), the
    numbered reading's own fits joining the rest; the wording weighs those left. `held`:
    rows no labelled level-2 block holds (`lost_label_rows`); `short`: the level
    vocabulary where short damaged labels place blocks (`fits_with_short_labels`), else ()."""
    family = joined_family(items, held, short)
    fits = fit_reading(items, frozenset(), held, short, family)
    label_only = label_only_rows(items)
    if not label_only or fits[0].cost <= 0.0:
        return fits          # the rows as printed fit exactly: nothing to reread
    fitted: dict[frozenset[int], list[Fit]] = {frozenset(): fits}
    for apart in (frozenset(), label_only):
        for _ in range(READINGS):
            if apart not in fitted:
                fitted[apart] = fit_reading(items, apart, held, short, family)
            read = label_only - fitted[apart][0].entries
            if read == apart:
                break
            apart = read
    best = min(fit.cost for readings in fitted.values() for fit in readings)
    models = {fit.model for readings in fitted.values() for fit in readings if fit.cost <= best + 1e-9}
    kept = [fit for apart, readings in fitted.items() for fit in readings
            if fit.cost <= best + max(APART, apart_prior(items, fit, apart) if fit.model in models else 0.0) + 1e-9]
    numbered = numbered_reading(items, label_only)
    if numbered is None:
        return kept
    under_numbers = fitted.get(numbered) or fit_reading(items, numbered, held, short, family)
    agreeing = [fit for fit in kept if agrees_with_numbers(fit, numbered, label_only)]
    agreeing += [fit for fit in under_numbers if agrees_with_numbers(fit, numbered, label_only) and fit not in agreeing]
    # none reads every numbered line as an entry: those reading the unnumbered ones as lines
    # apart still keep to the numbers where they say most (no row without its number)
    return agreeing or [fit for fit in under_numbers if not fit.entries & numbered] or kept


def agrees_with_numbers(fit: Fit, numbered: frozenset[int], label_only: frozenset[int]) -> bool:
    """The fit reads the label-only rows as the table's numbers say (`numbered_reading`):
    those printing no number as lines apart, those printing one as entries."""
    return not fit.entries & numbered and label_only - numbered <= fit.entries


def label_only_rows(items: list[IndicatorRow]) -> frozenset[int]:
    """The rows holding nothing but a level label: a category listed without indicators, or
    a block's label on lines of its own."""
    return frozenset(i for i, item in enumerate(items) if item.is_label_only)


def numbered_reading(items: list[IndicatorRow], label_only: frozenset[int]) -> frozenset[int] | None:
    """In a table that numbers its rows (序号), the label-only rows printing no number: the
    number says which are rows (a category listed without indicators is one) and which are
    a block's label on lines of its own. None where the table numbers no row."""
    if not any(item.row.numbered for item in items) or any(items[i].row.numbered is None for i in label_only):
        return None
    return frozenset(i for i in label_only if not items[i].row.numbered)


def apart_prior(items: list[IndicatorRow], fit: Fit, apart: frozenset[int]) -> float:
    """What the fit's reading pays for its lines apart read as their blocks' labels
    (`APART` each, under the models that do not print labels so by rule), where each
    such line sits between two indicators' rows: a best model read so, its labels fitting
    as well but for that prior, stays a candidate for the rows' wording to weigh, however
    many lines it reads apart. A line beside another label-only row is not weighed so:
    categories without indicators print one after another, a block's label between rows;
    nor is a line printing a row number (序号): the number says it is a row."""
    lines = apart - fit.entries
    if fit.model is None or not all(0 < i < len(items) - 1 and not items[i - 1].is_label_only
                                    and not items[i + 1].is_label_only and not items[i].row.numbered
                                    for i in lines):
        return 0.0
    return APART * APART_PRIOR[MODELS.index(fit.model)] * len(lines)


def fit_reading(items: list[IndicatorRow], apart: frozenset[int], held: frozenset[int] = frozenset(),
                short: tuple[Level2Spec, ...] = (), models: frozenset[int] | None = None) -> list[Fit]:
    """The placement fits with the label-only rows `apart` read as lines of their own
    (`models`: the only ones a fit may take, `joined_family`)."""
    lines = lines_apart(items, apart)
    # rows where a label left unread may open or close a block (`Chain.open_part`)
    unread_cells = unread_level_cells(items)
    return fit_placement(label_clusters(items, lines, short), group_clusters(items, lines),
                         geometry_of(items, lines), len(items), sub_header=labels_apart_from_names(items),
                         held=held, open_rows=opening_rows(unread_cells), close_rows=frozenset(unread_cells),
                         models=models)


def joined_family(items: list[IndicatorRow], held: frozenset[int] = frozenset(),
                  short: tuple[Level2Spec, ...] = ()) -> frozenset[int] | None:
    """Where some level cell stays unread (`pieces_unread`), the models of the one family
    (a label on its block's first row, centre or last row) that the table's wrapped labels,
    each weighed by its joined run of pieces, fit `JOINED_MARGIN` better than any other,
    else None. Weighing every line of each label instead (as the fit then does) leans to
    the centred models, whose middle line sits nearest all of a label's lines, and a label
    whose pieces fused into names or stayed unread leaves lines that fit a centre as well
    as its own edge: the joined runs say which edge of their blocks the labels print on,
    and the every-line fit chooses among that family's models (page parts, rounding).
    On the simulated layouts' reading draws, where the every-line fit chose another family
    than the joined runs settled by this margin, the joined one was the printed one in 22
    tables of 22 (by 1.5 lines, 51 of 57; by less, the two split about evenly: a block whose
    label was lost, fused into a name, costs the edge models nothing)."""
    if not pieces_unread(items):
        return None
    unread_cells = unread_level_cells(items)
    pieces = unread_piece_lines(items, unread_cells, unread_label_rows(items, short))
    level2 = [with_unread_pieces(c, items, pieces, 2) for c in label_clusters(items, None, short, joined=True)]
    level1 = [with_unread_pieces(c, items, pieces, 1) for c in group_clusters(items, None, joined=True)]
    totals = model_totals(level2, level1,
                          geometry_of(items), len(items), sub_header=labels_apart_from_names(items), held=held,
                          open_rows=opening_rows(unread_cells), close_rows=frozenset(unread_cells))
    return piece_families(totals, JOINED_MARGIN)


def labels_apart_from_names(items: list[IndicatorRow]) -> bool:
    """No level label shares a line with an indicator's name: the labels may be
    sub-headers (lines of their own above their blocks). A label filled down from a
    merged cell (`copied`) or carried from the line of its own above (`carried`: it was
    alone there) is on the row, not on its line."""
    return not any(item.name is not None and any(not (h.copied or h.carried) for h in (*item.level1, *item.level2))
                   for item in items)


def lines_apart(items: list[IndicatorRow], rows: frozenset[int]) -> dict[int, float] | None:
    """Each table body line's place when the label-only `rows` are lines of their own
    between rows, not rows: x.5 after the row above, and the rows below move up (None
    when there are none: every line in place)."""
    if not rows:
        return None
    apart = {line for i in rows for line in range(items[i].lines[0], items[i].lines[1] + 1)}
    out, row = {}, -1
    for line in range(max(item.lines[1] for item in items) + 1):
        if line not in apart:
            row += 1
        out[line] = row + 0.5 if line in apart else float(row)
    return out


def line_place(line: float, apart: dict[int, float] | None) -> float:
    """Where a line sits under `lines_apart`'s reading (unchanged without one)."""
    if apart is None:
        return float(line)
    base = math.floor(line)
    placed = apart.get(base, float(base))
    if line == base or placed != int(placed):   # a line of its own after one: the same gap
        return placed
    return placed + 0.5


def unread_piece_lines(items: list[IndicatorRow], cells: dict[int, list[Cell]],
                       own_blocks: frozenset[int] = frozenset()) -> dict[tuple[int, int], str]:
    """(line, column) -> text of the unread level cells on rows of one line, but on the rows
    `own_blocks` (`unread_label_rows`): a damaged label placing a block of its own there is
    that block's label, not the missing last piece of the label above it."""
    return {(items[i].lines[0], cell.col): cell.text for i, found in cells.items()
            if items[i].lines[0] == items[i].lines[1] and i not in own_blocks for cell in found}


def with_unread_pieces(cluster: Cluster, items: list[IndicatorRow], pieces: dict[tuple[int, int], str],
                       level: int) -> Cluster:
    """The cluster's label run on into the unread cell of its column on the line right
    below its last line (`产出` / `类`, `质量` / `脂怀`: its missing last piece) and from the
    one right above its first, where that can open a label (not `shows_label_suffix`): its
    pieces joined, so the joined weighing places the label by the run it printed, not by
    the part of it that was read (`joined_family`)."""
    if cluster.entry or cluster.damaged or not cluster.lines:
        return cluster

    def column(row: int, line: float) -> int | None:
        hints = items[row].level1 if level == 1 else items[row].level2
        return next((h.cell.col for h in hints if not h.copied and h.line == line), None)

    lines, joins = list(cluster.lines), list(cluster.joins or (False,) * len(cluster.lines))
    last, first = lines[-1], lines[0]
    col = column(cluster.last, last) if last % 1 == 0 else None
    if col is not None and (int(last) + 1, col) in pieces:
        lines.append(last + 1)
        joins.append(True)
    col = column(cluster.first, first) if first % 1 == 0 else None
    above = pieces.get((int(first) - 1, col)) if col is not None else None
    if above is not None and not shows_label_suffix(above):
        lines.insert(0, first - 1)
        joins = [False, True] + joins[1:]
    if len(lines) == len(cluster.lines):
        return cluster
    return replace(cluster, lines=tuple(lines), joins=tuple(joins))


def group_clusters(items: list[IndicatorRow], apart: dict[int, float] | None = None,
                   joined: bool = False) -> list[Cluster]:
    """Consecutive rows carrying one level-1 group's label (lines of their own included);
    `joined`: a wrapped label's lines join where pieces stay unread too (`joined_family`)."""
    clusters: list[Cluster] = []
    pieces: list[tuple[bool, ...]] = []
    narrow = not level1_column(items)
    for i, item in enumerate(items):
        hints = [h for h in item.level1
                 if not h.copied and not (narrow and item.is_label_only and over_its_category(item, h))]
        if not hints:
            continue
        group = hints[-1].spec.label
        lines = tuple(line_place(h.line, apart) for h in hints if h.spec.label == group)
        wrapped = tuple(is_piece_line(h) for h in hints if h.spec.label == group)
        tail = own_tail_line(item, 1, group, apart)
        if tail is not None and tail > lines[-1]:
            lines, wrapped = lines + (tail,), wrapped[:-1] + (True, True)   # its last piece (`own_tail_of`)
        last = clusters[-1] if clusters else None
        if last and last.category == group:
            clusters[-1] = Cluster(group, last.first, i, last.lines + lines)
            pieces[-1] += wrapped
        else:
            clusters.append(Cluster(group, i, i, lines))
            pieces.append(wrapped)
    if pieces_unread(items) and not joined:
        return clusters
    return [with_joins(c, p) for c, p in zip(clusters, pieces)]


def level1_column(items: list[IndicatorRow]) -> bool:
    """Some row prints a level-1 label left of a level-2 label: the table has a level-1
    column (a bare group word in it is a label of its own)."""
    return any(one.cell.col < two.cell.col for item in items if item.level1 and item.level2
               for one in item.level1 if not one.copied for two in item.level2 if not two.copied)


def over_its_category(item: IndicatorRow, hint) -> bool:
    """A level-1 group's bare word right above its category's word read bare in one
    column (`产出` / `质量` / `拍标`, the 指标 damaged), on lines of their own (a
    sub-header), in a table without a level-1 column (`level1_column`): the first piece of a label written with the group's word
    (产出质量指标) wrapped in the narrow level-2 column, not a level-1 label; where the
    model puts level-1 labels says nothing of its line. (A
    whole label over another, `效益指标` over `社会效益指标`, is one of each level; so is a
    bare word over a category's pieces joined whole: on the tuned documents those were
    level-1 labels more often than not.)"""
    if label_key(hint.cell.text).endswith(LABEL_SUFFIX):
        return False
    return any(not h.copied and h.cell.col == hint.cell.col and 0 < h.line - hint.line <= 1
               and h.spec.level1 == hint.spec.label and not label_key(h.cell.text).endswith(LABEL_SUFFIX)
               for h in item.level2)


def pieces_unread(items: list[IndicatorRow]) -> bool:
    """Some level cell no vocabulary reads (a wrapped label's piece OCR damaged past
    joining, `数量指` over `杯`): the document's wrapped labels may not show every line
    they print on, so which piece is a label's first, middle or last is not known, and
    every piece's line is weighed (`with_joins` is not applied). A label's damaged tail
    is no such cell (`label_tails`): its label is read, and its line is the label's last;
    nor are the clean first pieces of a label cut short (`IndicatorRow.cut_short`)."""
    return bool(unread_rows(items))


def unread_rows(items: list[IndicatorRow]) -> frozenset[int]:
    """Rows holding a level cell `pieces_unread` counts (no label's read tail, no clean
    first piece of a label cut short)."""
    return frozenset(unread_level_cells(items))


def unread_level_cells(items: list[IndicatorRow]) -> dict[int, list[Cell]]:
    """Per row holding any, the unread level cells `pieces_unread` counts (none on a row
    whose one unread cell is a label's read tail, no clean first piece cut short)."""
    tails = label_tails(items)
    cells = {i: [cell for cell in item.unrecognised if all(c is not cell for c in item.cut_short)]
             for i, item in enumerate(items) if i not in tails}
    return {i: found for i, found in cells.items() if found}


def opening_rows(cells: dict[int, list[Cell]]) -> frozenset[int]:
    """Rows of `unread_level_cells` where a label may open: a cell that is no label's
    later piece (`shows_label_suffix`: one character or a damaged 指标 opens no label;
    such a piece only closes its block, under models placing a label's last line)."""
    return frozenset(i for i, found in cells.items() if any(not shows_label_suffix(c.text) for c in found))


def own_tail_line(item: IndicatorRow, level: int, category: str, apart: dict[int, float] | None) -> float | None:
    """The line the damaged last piece of the row's level-`level` label of `category`
    prints on (`own_tail_of`), or None."""
    for cell in item.unrecognised:
        hint = own_tail_of(item, cell)
        if hint is not None and hint.level == level and hint.spec.label == category:
            return line_place(int(hint.line) + 1, apart)
    return None


def own_tail_of(item: IndicatorRow, cell) -> LabelHint | None:
    """The row's read label (either level) that its unread `cell` is the damaged last
    piece of, printed on the row's own wrapped line right below it (`时效` over `指柝`, the
    name wrapping beside them), or None: the one label of the cell's column on the row,
    the cell `ENDING_MAX` characters at most, one of them its 指标's. `label_tails` reads
    such a piece on a row of its own; here the row is the label's. The piece's line is
    the label's last: left out, a bottom label's block reads as ending a line early. A
    piece all look-alikes (`管理指` over `怀`) is one where the label's line printed its
    head only, and the two spell the label's length, as `tail_label` reads them."""
    key = label_key(cell.text)
    if not 0 < len(key) <= ENDING_MAX:
        return None
    hints = [h for h in (*item.level1, *item.level2) if not h.copied and h.cell.col == cell.col]
    if len(hints) != 1 or hints[0].line % 1 or hints[0].line + 1 > item.lines[1]:
        return None
    if not (key[-1] == LABEL_SUFFIX[-1] or key[0] == LABEL_SUFFIX[0] or spells_label_with(hints[0], key)):
        return None
    return hints[0]


def spells_label_with(hint, key: str) -> bool:
    """The label `hint` read prints its head only on its line (`管理指` of 管理指标), and
    `key` below is as long as the rest."""
    head, full = label_key(hint.cell.raw), label_key(hint.spec.label)
    return head != full and full.startswith(head) and len(head) + len(key) == len(full)


def tail_label(items: list[IndicatorRow], i: int, cell) -> str | None:
    """The level-2 label row i's unread cell is the damaged last piece of (its 指标,
    `ENDING_MAX` characters at most), or None: the label read whole from its first
    pieces on the lines right above (`质量` over `脂怀`; not a piece fragments.py joined,
    whose lines are known), and those pieces and the cell spell the label's length. No
    label is lost: the labels' lines say where each is, the tail's line its label's last."""
    key = label_key(cell.text)
    if not 0 < len(key) <= ENDING_MAX:
        return None
    line, pieces = items[i].lines[0] - 1, ""
    for item in reversed(items[:i]):
        hints = [h for h in item.level2 if not h.copied and h.line == line]
        if len(hints) != 1 or is_piece_line(hints[0]):
            return None
        full, pieces, line = label_key(hints[0].spec.label), label_key(hints[0].cell.raw) + pieces, line - 1
        if not spells_head(full, pieces):
            return None
        if len(pieces) + len(key) == len(full):
            return None if opens_below_unread(items, line) else hints[0].spec.label
    return None


def opens_below_unread(items: list[IndicatorRow], line: float) -> bool:
    """The line holds an unread cell that ends no label (`产山` over `时效` / `指际`): the
    label read below it may open there, longer than its read pieces and the tail spell."""
    return any(item.lines[0] <= line <= item.lines[1] and
               any(not shows_label_suffix(cell.text) for cell in item.unrecognised) for item in items)


def shows_label_suffix(text: str) -> bool:
    """A damaged 指标 with one of its characters in place (`指怀`, `脂标`), or its last
    character alone (`怀` under `旷效指`): no label opens with one character."""
    key = label_key(text)
    return len(key) == 1 or bool(key) and (key[0] == LABEL_SUFFIX[0] or key[-1] == LABEL_SUFFIX[-1])


def spells_head(full: str, pieces: str) -> bool:
    """`pieces` are `full`'s first characters, or all but one of them where they are long
    enough to be read through one look-alike (`旷效指` of 时效指标: the row's label was read
    so, and its 指标 runs on to the line below)."""
    return full.startswith(pieces) or len(pieces) < len(full) and one_look_alike(full[:len(pieces)], pieces)


def label_tails(items: list[IndicatorRow]) -> dict[int, str]:
    """Rows whose one unread cell is a level-2 label's damaged last piece (`tail_label`),
    and no level-2 label of their own: row -> label."""
    out: dict[int, str] = {}
    for i, item in enumerate(items):
        label = tail_label(items, i, item.unrecognised[0]) if len(item.unrecognised) == 1 else None
        if label is not None and not item.level2:
            out[i] = label
    return out


def is_piece_line(hint) -> bool:
    """The label's cell was a piece of a label wrapped in a narrow column, the whole label
    put on its line (fragments.py rewrites the text, the raw text keeps the piece)."""
    return label_key(hint.cell.raw) != label_key(hint.cell.text)


def with_joins(cluster: Cluster, pieces: tuple[bool, ...]) -> Cluster:
    """The cluster with `joins`: a line continues the label on the line before it where
    both are rows holding pieces of one wrapped label (fragments.py puts the joined label
    on every piece's line that is a row, `anchor_of`), one line apart: a label printed once
    over its lines, which the model places by any one of them, not by each."""
    lines = cluster.lines
    joins = tuple(k > 0 and pieces[k] and pieces[k - 1] and lines[k] % 1 == 0 and lines[k - 1] % 1 == 0
                  and lines[k] - lines[k - 1] == 1 for k in range(len(lines)))
    return replace(cluster, joins=joins) if any(joins) else cluster


def label_clusters(items: list[IndicatorRow], apart: dict[int, float] | None = None,
                   short: tuple[Level2Spec, ...] = (), joined: bool = False) -> list[Cluster]:
    """Consecutive rows labelled with one category (copied labels aside), each level-2
    entry a cluster of its own. With `apart`, label-only rows are lines of their own.
    A row whose level-2 label is too damaged to read (`unread_label_rows`) is a cluster
    of its own too: a block prints one label, so its label places its block as any
    other does, though which category the block is the rows' wording must tell; `short`:
    the vocabulary where short damaged labels count (`fits_with_short_labels`); `joined`:
    a wrapped label's lines join where pieces stay unread too (`joined_family`)."""
    clusters: list[Cluster] = []
    pieces: list[tuple[bool, ...]] = []
    damaged = unread_label_rows(items, short)
    # a label's damaged tail is one of its lines only where its pieces join: elsewhere each
    # piece's line is weighed, and the tail's would outweigh the label's read line. Where
    # other pieces stay unread (`pieces_unread`), a label whose tail was read is still whole:
    # its first pieces and the tail spell it, so its own lines join (`tailed`); there the
    # tail must print its 指 or its 标 in place, or be one character (`方面` of 经济效益方面,
    # `经济` opening the next label spell a label's length as well)
    unread_pieces = pieces_unread(items) and not joined
    tails = {i: label for i, label in label_tails(items).items()
             if not unread_pieces or shows_label_suffix(items[i].unrecognised[0].text)}
    tailed: set[int] = set()
    for i, item in enumerate(items):
        hints = [item.own_level2] if item.is_level2_entry else [h for h in item.level2 if not h.copied]
        if i in damaged:
            # on the line it prints on: a wrapped row's later line, where the label fell there
            line = line_place(item.lines[0] + item.damaged_offset, apart)
            clusters.append(Cluster(f"{UNREAD}{i}", i, i, (line,), damaged=True))
            pieces.append((False,))
            continue
        last = clusters[-1] if clusters else None
        if not hints and i in tails and last and last.category == tails[i] and last.last == i - 1 \
                and not last.entry:
            # the label's damaged last piece: a line of the label, joined to its first pieces;
            # not an entry's (a category listed without indicators is its own row: the next
            # row's piece is another label's, and the entry's block must stay that one row)
            clusters[-1] = replace(last, last=i, lines=last.lines + (line_place(item.lines[0], apart),))
            pieces[-1] = pieces[-1][:-1] + (True, True)
            tailed.add(len(clusters) - 1)
            continue
        if not hints:
            continue
        category = hints[-1].spec.label
        lines = tuple(line_place(h.line, apart) for h in hints if h.spec.label == category)
        wrapped = tuple(is_piece_line(h) for h in hints if h.spec.label == category)
        tail = own_tail_line(item, 2, category, apart)
        if tail is not None and tail > lines[-1]:
            # its damaged last piece (`own_tail_of`): the label's last line, one label with its own
            lines, wrapped = lines + (tail,), wrapped[:-1] + (True, True)
        entry = item.is_level2_entry and not item.is_label_only
        last = clusters[-1] if clusters else None
        ends = i if overflows_here(items, i, hints, category) else None
        # a label that ran out of rows printed from its cell's top: its lines do not say
        # which piece sits on the model's line (`Cluster.loose`)
        spilled = any(h.overflows and h.spec.label == category for h in hints)
        if last and last.category == category and not last.entry and not entry:
            clusters[-1] = Cluster(category, last.first, i, last.lines + lines, group=last.group,
                                   ends=ends if ends is not None else last.ends, loose=last.loose or spilled)
            pieces[-1] += wrapped
        else:
            clusters.append(Cluster(category, i, i, lines, entry, optional=item.is_label_only,
                                    group=hints[-1].spec.level1,
                                    apart=item.is_label_only and line_place(item.lines[0], apart) % 1 != 0,
                                    ends=ends, loose=spilled))
            pieces.append(wrapped)
    return [with_joins(c, p) if not unread_pieces or k in tailed else c
            for k, (c, p) in enumerate(zip(clusters, pieces))]


def overflows_here(items: list[IndicatorRow], i: int, hints: list, category: str) -> bool:
    """Row i's label of `category` wrapped past the row onto lines of its own
    (`LabelHint.overflows`) and the row and the next print on one page: the label's merged
    cell ends at row i (a cell's part on a page ends at the page's foot anyway, and a row
    wrapped over a page break may have left its label's last lines on the page before)."""
    return any(h.overflows and h.spec.label == category for h in hints) and i + 1 < len(items) \
        and items[i + 1].pages[0] == items[i].pages[1] == items[i].pages[0]


def unread_label_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...] = ()) -> frozenset[int]:
    """Table rows (a name or a target) holding a level-2 cell too damaged to read and no
    readable level-2 label, where another row's label is readable (the placement is fitted
    on those): a cell of a label's length (`DAMAGED_MIN_CHARS`), or a whole short label
    (`whole_damaged_label`, of the vocabulary's `categories`), which prices its row as a block
    of its own (`damaged_label_rows`) and so places that block as any label does."""
    readable = frozenset(h.spec.label for item in items for h in item.level2 if not h.copied)
    if not readable:
        return frozenset()
    printed = label_texts(items)
    named = readable | frozenset(c.level1 for c in categories)
    labels = frozenset(c.label for c in categories)
    return frozenset(
        i for i, item in enumerate(items)
        if item.damaged and (item.name is not None or item.target is not None)
        and any(len(label_key(cell.text)) >= DAMAGED_MIN_CHARS
                # several damaged cells on a row are a wrapped label's pieces (服务满|意度指)
                or labels and len(item.damaged) == 1 and whole_damaged_label(cell, items, i, printed, named, labels)
                for cell in item.damaged)
        and not any(not h.copied for h in item.level2) and stated_category(item) is None
        and not item.is_level2_entry)


def geometry_of(items: list[IndicatorRow], apart: dict[int, float] | None = None) -> Geometry:
    """Rows' first and last lines and the pages' first lines (with `apart`, label-only
    rows as lines of their own)."""
    page_starts = []
    for i, item in enumerate(items):
        if i and item.pages[0] != items[i - 1].pages[1]:
            page_starts.append(line_place(item.lines[0], apart))
        if item.pages[1] != item.pages[0]:
            page_starts.append(line_place(item.lines[1], apart))
    return Geometry([line_place(it.lines[0], apart) for it in items],
                    [line_place(it.lines[1], apart) for it in items], sorted(page_starts))


def cost_table(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], fit: Fit | None = None
               ) -> list[list[tuple[float, ...] | None]]:
    """Per row and category, the parts of the row's cost (see `row_cost_parts`)."""
    fit = fit if fit is not None else fit_items(items, categories)
    openings = page_openings(items) if fit.level1 else {}
    return [row_cost_parts(i, item, categories, fit, openings.get(i)) for i, item in enumerate(items)]


def segment_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...],
                 fit: Fit | None = None) -> list[int] | None:
    """The cheapest category index per row, or None when the rows' stated categories
    contradict the canonical order within a level-1 group."""
    if not items:
        return []
    fit, costs = (fit, row_costs(items, categories, fit)) if fit is not None else fit_and_costs(items, categories)
    return path_of(costs, entry_flags(items, fit), categories, labelled_categories(items, categories))


def path_of(costs: list[list[float]], entries: list[bool], categories: tuple[Level2Spec, ...],
            labelled: frozenset[int] = frozenset()) -> list[int] | None:
    _, best, back = one_template_prefixes(costs, entries, categories, labelled)
    return cheapest_path(best, back)


def close_calls(costs: list[list[float]], entries: list[bool], categories: tuple[Level2Spec, ...],
                path: list[int], labelled: frozenset[int] = frozenset()) -> dict[int, tuple[int, float]]:
    """The rows the programme's `path` placed by less than `CLOSE`: per row, the category
    whose cheapest whole segmentation with the row there costs least more, and by how
    much. Such a row is a guess a person should check (`level_choice_close`): its labels
    and wording left the table almost as good with it elsewhere. The costs are those the
    path was chosen on: the template no label names closed (`one_template_prefixes`)."""
    costs, forward, _ = one_template_prefixes(costs, entries, categories, labelled)
    totals = segmentation_totals(costs, entries, [c.level1 for c in categories], forward)
    close = {}
    for i, k in enumerate(path):
        rivals = [(t - totals[i][k], j) for j, t in enumerate(totals[i]) if j != k and t != INF]
        if rivals and totals[i][k] != INF:
            margin, j = min(rivals)
            if margin < CLOSE:
                close[i] = (j, max(margin, 0.0))
    return close

def labelled_categories(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]) -> frozenset[int]:
    """The categories some row's label names: its level-2 label's, or, for a group
    another template lists as a category (`template_alternatives`), every category of it
    where a level-1 label names the group. A group only labels put rows in
    (`wordless_groups`) counts as named where a level cell is unread and prints more than
    any label's generic pieces (`may_name`): it may be that group's label, damaged, and
    closing the group would move its rows unsaid."""
    level2 = {(h.spec.level1, h.spec.label) for item in items for h in item.level2}
    listed = {categories[k].label for pair in template_alternatives(categories) for k in pair[0]}
    wordless = {categories[k].level1 for k in wordless_groups(categories)}
    listed |= wordless
    level1 = {h.spec.label for item in items for h in item.level1} & listed
    unread_cells = [cell for item in items for cell in item.unrecognised if cell not in item.damaged]
    if any(may_name(cell) for cell in unread_cells):
        level1 |= wordless
    return frozenset(k for k, c in enumerate(categories) if (c.level1, c.label) in level2 or c.level1 in level1)


def may_name(cell) -> bool:
    """An unread level cell may be some group's label, damaged (`乂丫乜`), unless it prints
    nothing beyond `GENERIC_LABEL_CHARS`: `类指` / `标` are pieces any label prints (a
    wrapped label's tail), and name no group."""
    return bool(set(label_key(cell.text)) - GENERIC_LABEL_CHARS)


@lru_cache(maxsize=16)
def wordless_groups(categories: tuple[Level2Spec, ...]) -> frozenset[int]:
    """The categories of the level-1 groups no wording of a row points at (no keyword,
    required word or target type in any of their categories: 投入管理指标's): only a
    label puts rows there. A group one template lists instead of another's category (the
    2021 成本指标) is left to `one_template_prefixes`, which weighs the two."""
    def wordless(c: Level2Spec) -> bool:
        return not (c.strong or c.weak or c.requires or c.targets)
    paired = {categories[k].level1 for pair in template_alternatives(categories) for k in pair[1]}
    groups = {c.level1 for c in categories} - paired
    bare = {g for g in groups if all(wordless(c) for c in categories if c.level1 == g)}
    return frozenset(k for k, c in enumerate(categories) if c.level1 in bare)


@lru_cache(maxsize=16)
def template_alternatives(categories: tuple[Level2Spec, ...]) -> tuple[tuple[frozenset[int], frozenset[int]], ...]:
    """Pairs of category sets a form lists one or the other of, never both: a level-2
    category named as another level-1 group is (成本指标 under 产出, the older forms), and
    that group's own categories (the 2021 template's level-1 成本指标 and its 经济成本指标 …)."""
    groups = {c.level1 for c in categories}
    return tuple((frozenset({k}), frozenset(j for j, other in enumerate(categories) if other.level1 == c.label))
                 for k, c in enumerate(categories) if c.label in groups and c.label != c.level1)


def one_template_prefixes(costs: list[list[float]], entries: list[bool], categories: tuple[Level2Spec, ...],
                          labelled: frozenset[int] = frozenset()
                          ) -> tuple[list[list[float]], list[list[int]], list[list[int]]]:
    """`cheapest_prefixes` over `costs`, where the cheapest path keeps to one of each pair of
    `template_alternatives`; where it uses both (a tie sending a lost label's rows to the
    other template's category), the costs with the alternative no row's label names
    (`labelled`) closed: (costs, best, back). Labels naming both leave them both open:
    which of them misread is not for the order to say."""
    groups = [c.level1 for c in categories]
    costs, best, back = without_unnamed_groups(costs, entries, categories, labelled)
    alternatives = template_alternatives(categories)
    if not alternatives:
        return costs, best, back
    path = cheapest_path(best, back)
    used = set(path) if path is not None else set()
    for pair in alternatives:
        if not (used & pair[0] and used & pair[1]):
            continue
        unnamed = [closed for closed in pair if not closed & labelled]
        if len(unnamed) != 1:
            continue
        shut = [[INF if k in unnamed[0] else cost for k, cost in enumerate(row)] for row in costs]
        shut_best, shut_back = cheapest_prefixes(shut, entries, groups)
        if min(shut_best[-1]) < INF:
            costs, best, back = shut, shut_best, shut_back
            used = set(cheapest_path(best, back))
    return costs, best, back


def without_unnamed_groups(costs: list[list[float]], entries: list[bool], categories: tuple[Level2Spec, ...],
                           labelled: frozenset[int]) -> tuple[list[list[float]], list[list[float]], list[list[int]]]:
    """`cheapest_prefixes` over `costs`, with the categories of a group only labels put rows
    in (`wordless_groups`) closed where no label names the group and the cheapest path
    sends rows there: rows before a document's first label (a label printed low in its
    block, or on a line of its own) fall back to the earliest group of the order, one
    the form may not have at all, and rows after its last to the last (管理指标). Kept
    open where closing them sends rows back between groups (a jump the path did not
    make, or `GROUP_BACK`'s worth): then those rows have nowhere else in the order (a
    damaged 管理指标 label fused into its first name still holds its rows)."""
    groups = [c.level1 for c in categories]
    best, back = cheapest_prefixes(costs, entries, groups)
    named = {groups[k] for k in labelled}
    unnamed = frozenset(k for k in wordless_groups(categories) if groups[k] not in named)
    path = cheapest_path(best, back) if unnamed else None
    if path is None or not unnamed & set(path):
        return costs, best, back
    shut = [[INF if k in unnamed else cost for k, cost in enumerate(row)] for row in costs]
    shut_best, shut_back = cheapest_prefixes(shut, entries, groups)
    shut_path = cheapest_path(shut_best, shut_back)
    if shut_path is not None and min(shut_best[-1]) < min(best[-1]) + GROUP_BACK \
            and jumps_back(shut_path) <= jumps_back(path):
        return shut, shut_best, shut_back
    return costs, best, back


def jumps_back(path: list[int]) -> int:
    """How often a path goes back in the canonical order (to an earlier level-1 group)."""
    return sum(later < earlier for earlier, later in zip(path, path[1:]))


def entry_flags(items: list[IndicatorRow], fit: Fit | None = None) -> list[bool]:
    """Rows that are blocks of their own: level-2 entries. A label-only row is one when
    the placement fit reads it so; otherwise it may join the rows of its block."""
    entries = fit.entries if fit is not None else frozenset()
    return [item.is_level2_entry and (not item.is_label_only or i in entries)
            for i, item in enumerate(items)]


def cheapest_prefixes(costs: list[list[float]], entries: list[bool], groups: list[str]
                      ) -> tuple[list[list[float]], list[list[int]]]:
    """The dynamic programme: `best[i][k]`, the cheapest cost of rows 0..i with row i in
    category k, and `back[i][k]`, the category of row i-1 on that path. `costs` is row x
    category, `entries[i]` says row i is a level-2 entry (a block of its own), `groups[k]`
    is category k's level-1 group (groups are contiguous, in canonical order).

    From category j on one row to k on the next: staying is free (unless a level-2
    entry forces a new block), moving on in canonical order costs `NEW_BLOCK`, and going
    back only to another level-1 group costs `NEW_BLOCK + GROUP_BACK`."""
    n, m = len(costs), len(groups)
    group_end = [next((j for j in range(k, m) if groups[j] != groups[k]), m) for k in range(m)]
    best = [costs[0][:]]
    back: list[list[int]] = [[-1] * m]
    later_cost, later_arg = [INF] * (m + 1), [-1] * (m + 1)  # cheapest previous category at index >= x
    for i in range(1, n):
        strict = entries[i] or entries[i - 1]
        previous = best[i - 1]
        cost_here = costs[i]
        low, low_arg = INF, -1
        for j in range(m - 1, -1, -1):
            p = previous[j]
            if p < low or (p == low and low != INF):   # min((p, j), (low, low_arg)): ties go to j
                low, low_arg = p, j
            later_cost[j], later_arg[j] = low, low_arg
        row_best, row_back = [INF] * m, [-1] * m
        running, running_arg = INF, -1  # cheapest earlier category, new block paid
        for k in range(m):
            stay = previous[k] if not strict else INF
            enter, enter_arg = (stay, k) if stay <= running else (running, running_arg)
            end = group_end[k]
            back_cost = later_cost[end] + NEW_BLOCK + GROUP_BACK
            if back_cost < enter:
                enter, enter_arg = back_cost, later_arg[end]
            here = cost_here[k]
            if enter < INF and here < INF:
                row_best[k], row_back[k] = enter + here, enter_arg
            if previous[k] + NEW_BLOCK < running:
                running, running_arg = previous[k] + NEW_BLOCK, k
        best.append(row_best)
        back.append(row_back)
    return best, back


def cheapest_path(best: list[list[float]], back: list[list[int]]) -> list[int] | None:
    """The category per row on the cheapest path, or None when every path is impossible."""
    m = len(best[-1])
    last = min(range(m), key=lambda k: best[-1][k])
    if best[-1][last] == INF:
        return None
    path = [last]
    for i in range(len(best) - 1, 0, -1):
        path.append(back[i][path[-1]])
    return path[::-1]


def nearest_label_categories(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]) -> list[int]:
    """Fallback when the order is unusual: each row takes the last level-2 label seen."""
    index = {c.label: k for k, c in enumerate(categories)}
    current, out = 0, []
    for item in items:
        labels = [item.own_level2] if item.own_level2 else item.level2
        if labels:
            current = index[labels[-1].spec.label]
        out.append(current)
    return out


def split_at_boundaries(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]
                        ) -> tuple[list[IndicatorRow], tuple | None]:
    """Rows joined from two lines that may each be a whole name (`IndicatorRow.halves`:
    a name filling the column over a whole name whose target cell is empty looks like a
    wrap) split back in place where the placed rows say they are two: with the lines as
    two rows, the cheapest reading puts them in two blocks, the labels fit the model no
    worse, and the table costs more than a close call (`CLOSE`) less (the joined row
    paid for a label's misfit or a word of the block across). A wrapped name sits in one
    block's cells. Only rows at an edge of their block are tried (inside one, the halves
    would share it), and not where the labels fit exactly and the joined row costs less
    than a close call where it is. Returns the lines split off (the lower halves) and the final rows'
    `fit_costs_and_rivals`, where computed (`place_rows` takes it as it is)."""
    candidates = [i for i, item in enumerate(items) if current_halves(item) is not None]
    if not candidates:
        return [], None
    split: list[IndicatorRow] = []
    found, total = placed_cost(items, categories)
    for i in reversed(candidates):   # from the end: the rows above keep their indices
        fit, costs, path = found[0], found[1], found[3]
        if path is None or not at_block_edge(path, i) or (fit.cost <= 0.0 and costs[i][path[i]] <= CLOSE):
            continue   # inside a block the halves would share it; a joined row the labels fit
                       # exactly and that costs nothing where it is leaves nothing to gain
        upper, lower = current_halves(items[i])
        trial = items[:i] + [upper, lower] + items[i + 1:]
        other, other_total = placed_cost(trial, categories)
        apart = other[3]
        if apart is None or apart[i] == apart[i + 1] or other[0].cost > fit.cost + 1e-9 \
                or other_total + CLOSE > total:
            continue
        items[i:i + 1] = [upper, lower]
        found, total = other, other_total
        split.append(lower)
    return split, found


def current_halves(item: IndicatorRow) -> tuple[IndicatorRow, IndicatorRow] | None:
    """The two lines the row was joined from (`IndicatorRow.halves`), as the row now
    reads them, or None where the row is no longer just their join. Later steps may read
    a damaged label on one of the lines (its hint goes to the half printing on its line)
    or add to the row (a target alone on the next line, a label line's pieces): the
    halves, copied at the join, would then lose what was added, so such a row is not
    split."""
    if item.halves is None:
        return None
    upper, lower = item.halves
    target = upper.target if upper.target is not None else lower.target
    if item.name != (upper.name or "") + (lower.name or "") or item.target is not target \
            or item.lines != (upper.lines[0], lower.lines[1]):
        return None
    held = {id(cell) for cell in item.damaged}, {id(cell) for cell in item.unrecognised}
    def on(half: IndicatorRow, hints: list) -> list:   # a label carried from above is the upper's
        return [h for h in hints if (h.line <= upper.lines[1]) == (half is upper)]
    def own(half: IndicatorRow) -> LabelHint | None:
        mine = on(half, item.level2)
        return next((h for h in (item.own_level2, half.own_level2) if h is not None and h in mine), None)
    return tuple(replace(half, level1=on(half, item.level1), level2=on(half, item.level2), own_level2=own(half),
                         damaged=[c for c in half.damaged if id(c) in held[0]],
                         unrecognised=[c for c in half.unrecognised if id(c) in held[1]])
                 for half in (upper, lower))


def split_issues(issues: list[Issue], split: list[IndicatorRow]) -> list[Issue]:
    """The issues with each split line's `cell_joined` warning replaced by a `cell_split`
    one."""
    if not split:
        return issues
    refs = {lower.row.source_ref for lower in split}
    kept = [issue for issue in issues
            if not (issue.code == "cell_joined" and issue.field == "level3" and issue.source_ref in refs)]
    return kept + [Issue("warning", "cell_split",
                         f"{lower.name!r} read as an indicator of its own, not the end of the name above: "
                         "the labels place the two lines in two blocks", field="level3",
                         source_ref=lower.row.source_ref) for lower in split]


def at_block_edge(path: list[int], i: int) -> bool:
    """Row i is its block's first or last row on the path."""
    return (i > 0 and path[i - 1] != path[i]) or (i + 1 < len(path) and path[i + 1] != path[i])


def placed_cost(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]) -> tuple[tuple, float]:
    """`fit_costs_and_rivals` of the rows, and what their cheapest path costs, the fit's
    own cost included."""
    found = fit_costs_and_rivals(items, categories)
    fit, costs = found[0], found[1]
    _, best, _ = one_template_prefixes(costs, entry_flags(items, fit), categories,
                                       labelled_categories(items, categories))
    return found, fit.cost + min(best[-1])


def place_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], found: tuple | None = None
               ) -> tuple[list[Placement], list[Issue]]:
    """Each row's placement. `found`: the rows' `fit_costs_and_rivals` where already
    computed (`split_at_boundaries`)."""
    issues: list[Issue] = []
    fit, costs, rivals, path = found if found is not None else fit_costs_and_rivals(items, categories)
    unsettled = unsettled_moves(items, categories, fit, path) if path else {}
    unsettled = {i: (categories[path[i]].label, k) for i, k in unsettled.items()}
    for i, (_, k) in unsettled.items():
        path[i] = k
    # a row the wording moved is explained by `unsettled`, not by a rival tied with the fit
    rivalled = {i: found for i, found in (rival_rows(items, categories, path, rivals) if path else {}).items()
                if i not in unsettled}
    if path is None:
        issues.append(Issue("warning", "level_order_unusual",
                            "the level labels do not follow the canonical category order; "
                            "each row took the last label above it", field="level2"))
        path = nearest_label_categories(items, categories)
    if any(path[i] < path[i - 1] for i in range(1, len(path))):
        issues.append(Issue("info", "level_order_unusual",
                            "the level-1 groups are not in the canonical order; their labels were "
                            "followed", field="level1"))
    close = close_calls(costs, entry_flags(items, fit), categories, path,
                        labelled_categories(items, categories)) if path else {}
    chained = chained_rows(path, [c.label for c in categories], fit,
                           [worded_costs(categories).row(item) for item in items],
                           tuple(other for other, _ in rivals), [c.level1 for c in categories],
                           [printed_group(item) for item in items]) if path else {}
    for i, k in chained.items():
        path[i] = k
        if i in rivalled and rivalled[i][0] == categories[k].label:
            del rivalled[i]   # the rival's side is the one taken: the chain's warning says why
    moved = likeness_moves(items, categories, path, (fit, *(other for other, _ in rivals)),
                           {**rivalled, **dict.fromkeys(chained), **dict.fromkeys(unsettled)})
    for i, k in moved.items():
        path[i] = k
        rivalled.pop(i, None)   # moved to the rival's side: the likeness says why
    lost = lost_block_moves(items, categories, path, {*rivalled, *chained, *moved, *unsettled})
    for i, k in lost.items():
        path[i] = k
    usual = usual_category_moves(items, categories, path, costs)
    left = {i: path[i] for i in usual}
    for i, k in usual.items():
        path[i] = k
    if usual:
        close = usual_close_calls(close, left, costs, entry_flags(items, fit), categories, path,
                                  labelled_categories(items, categories))
    tied_usual = usual_tie_moves(items, categories, path, costs, fit, {*rivalled, *chained, *moved, *lost, *unsettled})
    for i, k in tied_usual.items():
        path[i] = k
    traceless = traceless_block_moves(items, categories, path, fit,
                                      {*rivalled, *chained, *moved, *lost, *unsettled, *tied_usual})
    for i, k in traceless.items():
        path[i] = k
    blocks = block_ids(path, entry_flags(items, fit))
    labelled_blocks = {blocks[i] for i, item in enumerate(items)
                       if any(h.spec.label == categories[path[i]].label and not h.copied
                              for h in ([item.own_level2] if item.own_level2 else item.level2))}
    numbered_rows = numbered_label_rows(items)    # rows by their numbers: never a label's line
    absorbed = absorbed_rows(blocks, items) - numbered_rows
    for i in sorted(unnumbered_label_lines(items) - absorbed):
        absorbed.add(i)
        issues.append(Issue("info", "label_line_absorbed",
                            f"level label line {' | '.join(c.text for c in items[i].row.filled)!r} prints no row "
                            f"number in a table that numbers its rows: read as the label of a "
                            f"{categories[path[i]].label} block printed on a line of its own, not a category "
                            "listed without indicators", field="level2", source_ref=items[i].row.source_ref))
    for i in sorted(entries_beside_their_block(path, items) - absorbed - numbered_rows):
        absorbed.add(i)
        issues.append(Issue("info", "label_line_absorbed",
                            f"level label line {' | '.join(c.text for c in items[i].row.filled)!r} read as the "
                            f"label of the {categories[path[i]].label} rows beside it, not a category listed "
                            "without indicators", field="level2", source_ref=items[i].row.source_ref))
    models = (fit.model, *fit.tied, *(m for other, _ in rivals for m in (other.model, *other.tied)))
    at_label = label_line_rows(items, blocks, labelled_blocks, absorbed, models, fit.firm)
    at_label |= part_label_line_rows(items, blocks, labelled_blocks, absorbed, models,
                                     {blocks[i]: categories[path[i]].label for i in range(len(items))})
    placements: list[Placement | None] = []
    for i, item in enumerate(items):
        category = categories[path[i]]
        if i in absorbed:   # a merged label on a line of its own: its block's label, no row
            placements.append(None)
            continue
        placements.append(placement_of(item, category, blocks[i] in labelled_blocks))
        if i in at_label:
            placements[-1] = replace(placements[-1], label_line=True)
        issues.extend(displaced_label_issues(item, category))
        name = f"{item.name or 'the row'!r}"
        if i in rivalled:
            other, model = rivalled[i]
            moved_why = (f"{name} went to {category.label} under the {fit.model} placement; the labels "
                         f"fit the {model} placement exactly as well, which puts it in {other}")
        elif i in chained:
            moved_why = (f"{name} lies between two blocks whose labels fit as well with it in either; it "
                         f"went to {category.label}, where the blocks around fit the {fit.model} placement "
                         "together")
        elif i in lost:
            moved_why = (f"{name} went to {category.label}, the one category between the blocks around it, "
                         f"whose label its damaged level-2 cell {items[i].damaged[0].text!r} may be")
        elif i in traceless:
            moved_why = (f"{name} alone went to a category no label of the table names, and nothing on "
                         f"its line is a label; it went to {category.label}, the labelled block beside it")
        elif i in tied_usual:
            moved_why = (f"{name} lies between two blocks whose labels and its wording fit as well with it "
                         f"in either; it went to {category.label}, the one forms fill most often")
        elif i in unsettled and category.label != unsettled[i][0]:
            moved_why = (f"{name} went to {category.label} by its wording; the labels fit the {fit.model} "
                         f"placement, which puts it in {unsettled[i][0]}, all but as well as another that "
                         "puts it here, and the table's wording follows that one across other edges too")
        elif i in moved:
            moved_why = (f"{name} lies between two blocks whose labels fit as well with it in either; it "
                         f"went to {category.label}, whose row beside it it is worded like")
        else:
            moved_why = None
        if moved_why is not None:
            # a row a rival fit, a chain, a lost label, the usual category or its likeness placed
            issues.append(Issue("warning", "level_boundary_ambiguous", moved_why,
                                field="level2", source_ref=item.row.source_ref))
        else:
            found = next((found for candidate in (fit, *(other for other, _ in rivals))
                          if (found := boundary_issues(i, items, category, candidate, categories))), [])
            if not found and i in close:
                found = [close_call_issue(item, category, categories[close[i][0]], close[i][1])]
            issues.extend(found)
    return placements, issues


MOVED_GAPS = 2   # the wording moves rows across the labels' edges in this many gaps at least


def unsettled_moves(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], fit: Fit,
                    path: list[int]) -> dict[int, int]:
    """Rows the wording moves off the blocks the fitted model's labels trusted, where a
    model fitting the labels all but as well puts them in the other block
    (`Chain.unsettled_rows`): row -> its category with those rows weighed weakly
    (`Fit.doubted_level2`). Only where every row so moved is such a row, and the moves
    cross the edges of `MOVED_GAPS` gaps or more: a near model the rows' wording follows
    in several places is the document's rule, not a misfit's guess; a move in one gap
    alone is one name's wording against the labels (社区工作者岗前培训合格率 under 时效),
    and the labels keep their row. The fit, its rivals and every other row are priced as
    the labels alone would."""
    if not fit.unsettled or fit.doubted_level2 is None:
        return {}
    doubted = replace(fit, level2=fit.doubted_level2)
    again = path_of(row_costs(items, categories, doubted), entry_flags(items, doubted), categories,
                    labelled_categories(items, categories))
    if again is None:
        return {}
    moved = {i: k for i, (j, k) in enumerate(zip(path, again)) if j != k}
    if not moved or not fit.unsettled.issuperset(moved):
        return {}
    gaps = {fit.level2[i][:2] for i in moved if i in fit.level2}
    return moved if len(gaps) >= MOVED_GAPS else {}


def close_call_issue(item: IndicatorRow, category: Level2Spec, other: Level2Spec, margin: float) -> Issue:
    return Issue("warning", "level_choice_close",
                 f"{item.name or 'the row'!r} went to {category.label}, but the table costs only "
                 f"{margin:.3f} more with it in {other.label}: its labels and wording barely decide",
                 field="level2", source_ref=item.row.source_ref)


def label_line_rows(items: list[IndicatorRow], blocks: list[int], labelled: set[int], absorbed: set[int],
                    models: tuple[str | None, ...], firm: frozenset[int]) -> set[int]:
    """The rows of blocks stating no label that print on a line where the fitted model puts
    the block's label (the block's top line under `top`, its middle under the centre
    models …), and every model explaining the labels as well (`Fit.tied`, the rivals: a
    few labels leave top and bottom alike): where a label OCR did not read as one went,
    if anywhere. Only a block the labels bound: between two labelled blocks (or the
    table's edge), in a gap whose labels fit the model exactly (`Fit.firm`); a block the
    wording cut out of a gap beside another unlabelled one says nothing of where its
    label was. The table's first block under models printing a label on its block's
    first row, or its last under those printing it on the last, is bound by the edge it
    reads its label from, wherever its other end lies."""
    if not models or any(model not in MODELS for model in models):
        return set()
    columns = sorted({MODELS.index(model) for model in models})
    from_top, from_bottom = set(models) <= EDGE_TOP, set(models) <= EDGE_BOTTOM
    spans: dict[int, list[int]] = {}
    for i, block in enumerate(blocks):
        first, last = block == blocks[0], block == blocks[-1]
        if block not in labelled and i not in absorbed and (
                (block - 1 in labelled or first) and (block + 1 in labelled or last)
                or first and from_top or last and from_bottom):
            spans.setdefault(block, []).append(i)
    # (a block of one row has its label on that row under every model: no evidence)
    spans = {block: rows for block, rows in spans.items() if len(rows) > 1 and firm.issuperset(rows)}
    if not spans:
        return set()
    geo = geometry_of(items)
    return {i for rows in spans.values() for i in rows_on_label_line(items, rows, columns, geo)}


def rows_on_label_line(items: list[IndicatorRow], rows: list[int], columns: list[int], geo) -> set[int]:
    """The rows of one span (`rows`, in order) holding a line where every model of
    `columns` puts the span's label."""
    a, b = geo.starts[rows[0]], geo.ends[rows[-1]]
    out = set()
    for i in rows:
        lines = np.arange(items[i].lines[0], items[i].lines[1] + 1, dtype=float)
        costs = predicted_costs(np.full(len(lines), a), np.full(len(lines), b),
                                [(np.arange(len(lines)), lines)], geo)
        if (costs[:, columns] <= 0.0).any(axis=0).all():
            out.add(i)
    return out


PER_PART_MODELS = frozenset({"page_centre_up", "page_centre_down", "page_bottom"})   # a label on every page part


def part_label_line_rows(items: list[IndicatorRow], blocks: list[int], labelled: set[int], absorbed: set[int],
                         models: tuple[str | None, ...], labels: dict[int, str]) -> set[int]:
    """The rows of a labelled block's page part stating no label that print on the line
    where every model explaining the labels puts that part's label, where every such model
    prints the label again on each page part (page centre, page bottom): the block's
    category is read from its label on another part, so the part's own label went
    somewhere on it, and the model says where (`数量` fused into the name on that line).
    A part with a level cell of its own left unread (a damaged label) says its label is
    there instead."""
    if not models or not set(models) <= PER_PART_MODELS:
        return set()
    columns = sorted({MODELS.index(model) for model in models})
    geo = geometry_of(items)
    parts: dict[tuple[int, float], list[int]] = {}
    for i, block in enumerate(blocks):
        if block in labelled and i not in absorbed:
            page = float(geo.page_bounds(np.array([geo.starts[i]]))[0][0])
            parts.setdefault((block, page), []).append(i)
    out = set()
    for (block, _), rows in parts.items():
        if any(states_label(items[i], labels[block]) or items[i].unrecognised or items[i].damaged
               for i in rows) or any(items[i].pages[0] != items[i].pages[1] for i in rows):
            continue      # the part prints its label (read, or damaged), or a row wraps over a page break
        out |= rows_on_label_line(items, rows, columns, geo)   # the part alone: its page's share of the block
    return out


def states_label(item: IndicatorRow, label: str) -> bool:
    """The row's own level-2 cell reads as the category `label`."""
    return any(h.spec.label == label and not h.copied
               for h in ([item.own_level2] if item.own_level2 else item.level2))


def char_pairs(name: str | None, words: tuple[str, ...] = ()) -> set[str]:
    """The name's character pairs, leaving out those touching any of `words` where it prints
    them: the likeness of two names beside the words their categories are told by."""
    if not name:
        return set()
    covered: set[int] = set()
    for word in words:
        at = name.find(word) if word else -1
        while at >= 0:
            covered.update(range(at, at + len(word)))
            at = name.find(word, at + 1)
    return {name[k:k + 2] for k in range(len(name) - 1) if k not in covered and k + 1 not in covered}


def rest_leans_across(item: IndicatorRow, across: IndicatorRow, own: IndicatorRow,
                      pair: tuple[Level2Spec, Level2Spec]) -> bool:
    """The row's name, its two categories' keywords left out, shares more character pairs
    with the row across than with the row on its own side: the keyword the two share is
    why the tie is in doubt, so a likeness resting on it alone (报告|及时率 beside
    报告|及时率, 报告 on both sides) says nothing of the row's block."""
    words = tuple(w for c in pair for w in (*c.strong, *c.weak))
    pairs = char_pairs(item.name, words)
    return len(pairs & char_pairs(across.name, words)) > len(pairs & char_pairs(own.name, words))


def likeness_moves(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], path: list[int],
                   fits: tuple[Fit, ...], rivalled: dict) -> dict[int, int]:
    """Rows at the edge between two blocks whose labels fit the placement exactly as well
    with the row in either (`tied_side`) -> the other block's category, where the row's
    name shares clearly more of its character pairs with the nearest row of that block
    than with the nearest row of its own (`LIKE_MIN`, `LIKE_MARGIN`), also beside the two
    categories' keywords (`rest_leans_across`), and that row across
    is itself worded for the row's block at least as well as for its own: the generic
    keyword that chose the side (就业 for 社会效益) then marks a row the labels put in the
    other block, so in this document it does not tell the two apart, and rows of a block
    name kindred things (失业人员再就业人数 beside 就业困难人员就业人数). Rows a rival fit
    puts in a third category are left alone; one it puts across is the likeness's to move,
    by a row across that no rival puts elsewhere."""
    out: dict[int, int] = {}
    index = {c.label: k for k, c in enumerate(categories)}
    for i, item in enumerate(items):
        if item.is_label_only or not item.name:
            continue
        category = categories[path[i]]
        other = next((o for fit in fits if (o := tied_side(i, items, category, fit, categories))), None)
        if other is None or (i in rivalled and (rivalled[i] or (None,))[0] != other):
            continue
        k = index[other]
        step = 1 if k > path[i] else -1
        across = next((j for j in range(i + step, len(items) if step > 0 else -1, step)
                       if not items[j].is_label_only), None)
        own = next((j for j in range(i - step, -1 if step > 0 else len(items), -step)
                    if not items[j].is_label_only), None)
        if across is None or own is None or path[across] != k or path[own] != path[i] \
                or any(path[j] != k for j in range(min(i, across) + 1, max(i, across))) \
                or not (items[across].name and items[own].name) \
                or (i in rivalled and across in rivalled):
            continue   # (a row in doubt moves only by a row across that the rivals agree on)
        theirs = [wording_score(items[across].name, c, target_class(items[across])) for c in (category, categories[k])]
        if not theirs[0] or theirs[0] < theirs[1]:
            continue   # the row across is not worded like the row's block: the wording may tell them apart
        pairs = char_pairs(item.name)
        near, far = len(pairs & char_pairs(items[across].name)), len(pairs & char_pairs(items[own].name))
        if near >= LIKE_MIN and near - far >= LIKE_MARGIN \
                and rest_leans_across(item, items[across], items[own], (category, categories[k])):
            out[i] = k
    return out


def kept_in_place(key: str, label: str) -> bool:
    """The damaged label text `key` prints one of `label`'s own characters (not
    `GENERIC_LABEL_CHARS`) where the label prints it: OCR replaced the others by look-alikes."""
    return bool(kept_places(key, label))


def short_damaged_label(item: IndicatorRow) -> str | None:
    """The text of a table row's one level-2 cell too damaged to read, of a category's
    short length (`SHORT_DAMAGED`), where the row states no label of its own, else None."""
    if item.is_label_only or not item.name or item.fused or len(item.damaged) != 1 \
            or len(item.unrecognised) != 1 or any(not h.copied for h in item.level2) \
            or stated_category(item) is not None:
        return None
    key = label_key(item.damaged[0].text)
    return key if SHORT_DAMAGED[0] <= len(key) <= SHORT_DAMAGED[1] else None


def stating_rows(items: list[IndicatorRow], path: list[int], i: int, label: str) -> int:
    """How many rows of row i's block other than i state its category's label, readably."""
    j, k = i, i
    while j > 0 and path[j - 1] == path[i]:
        j -= 1
    while k + 1 < len(path) and path[k + 1] == path[i]:
        k += 1
    return sum(any(h.spec.label == label and not h.copied
                   for h in ([items[r].own_level2] if items[r].own_level2 else items[r].level2))
               for r in range(j, k + 1) if r != i)


def lost_block_moves(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], path: list[int],
                     held: set[int]) -> dict[int, int]:
    """Rows at the edge of their block holding a short damaged label (`short_damaged_label`)
    that keeps none of its block's label's characters in place (`kept_in_place`), or whose
    block's label another row prints (`stating_rows`: 贡量 is not 数量 there) -> the
    one category of the block's level-1 group (else, of the group across), between the
    block and the block across the edge in the canonical order, whose label's characters
    it keeps in place: the path
    lost that category's block, whose label OCR damaged (贡量 between 数量 and 时效 is 质量;
    戊本 between 时效 and 社会效益 is 成本). The label alone does not say which category it
    names (量 is 数量's as well), so it is not read before the path: only the order
    around it does. A block restating its label on two rows or more keeps the row: its
    damaged label is that one restated. Rows in `held` are left alone."""
    out: dict[int, int] = {}
    for i, item in enumerate(items):
        key = short_damaged_label(item) if i not in held else None
        if key is None:
            continue
        own = categories[path[i]].label
        stating = stating_rows(items, path, i, own)
        if stating >= 2:
            continue     # the block restates its label on its rows: a damaged one is that label too
        if kept_in_place(key, own) and not stating:
            continue     # it may be its own block's label: no other row prints that one
        sides = set()
        for j in (i - 1, i + 1):
            if not 0 <= j < len(items) or path[j] == path[i]:
                continue
            lo, hi = sorted((path[i], path[j]))
            kept = [k for k in range(lo + 1, hi) if categories[k].level1 == categories[path[i]].level1
                    and kept_in_place(key, categories[k].label)] \
                or [k for k in range(lo + 1, hi) if categories[k].level1 == categories[path[j]].level1
                    and kept_in_place(key, categories[k].label)]
            if len(kept) == 1:
                sides.add(kept[0])
        if len(sides) == 1:       # both edges naming different categories: nothing settles it
            out[i] = sides.pop()
    return out


def usual_category_moves(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], path: list[int],
                         costs: list[list[float]]) -> dict[int, int]:
    """Rows of a block no label names (its label lost: no row holds a level-2 label,
    read or displaced) that cost the same in its category as in its group's `usual` one
    (`TIE_BREAK` steps aside), where the order leaves that one free between the blocks
    around -> the usual category. Without this the canonical order's tie-break gives such
    a block the group's first free category (经济效益 for a 效益 block whose `社会` piece
    OCR damaged), the one forms print least often with rows of their own."""
    out: dict[int, int] = {}
    start = 0
    while start < len(path):
        end = start
        while end + 1 < len(path) and path[end + 1] == path[start]:
            end += 1
        k = path[start]
        usual = usual_category_of(categories, k, last=end + 1 == len(path)
                                  or categories[path[end + 1]].level1 != categories[k].level1)
        rows = range(start, end + 1)
        if usual is not None and usual not in path and unlabelled(items, rows) \
                and (start == 0 or path[start - 1] < usual) and (end + 1 == len(path) or usual < path[end + 1]) \
                and all(abs(costs[i][usual] - costs[i][k]) <= TIE_BREAK * len(categories) for i in rows):
            out.update(dict.fromkeys(rows, usual))
        start = end + 1
    return out


def usual_category_of(categories: tuple[Level2Spec, ...], k: int, last: bool) -> int | None:
    """The `usual` category a block of category k takes where nothing tells: its group's,
    else, where the block is its group's last on the path, the next group's in the
    canonical order (a damaged `社会` label after the 成本 group's block is 社会效益 as much as
    社会成本 by its characters; forms print 社会效益 with rows far more often)."""
    group = categories[k].level1
    own = next((u for u, c in enumerate(categories) if c.usual and c.level1 == group and u != k), None)
    if own is not None or any(c.usual and c.level1 == group for c in categories) or not last:
        return own
    after = next((c.level1 for c in categories[k + 1:] if c.level1 != group), None)
    return next((u for u, c in enumerate(categories) if c.usual and after is not None and c.level1 == after), None)


def usual_close_calls(close: dict[int, tuple[int, float]], left: dict[int, int], costs: list[list[float]],
                      entries: list[bool], categories: tuple[Level2Spec, ...], path: list[int],
                      labelled: frozenset[int]) -> dict[int, tuple[int, float]]:
    """`close` with the rows `usual_category_moves` moved (`left`: row -> the category the
    order gave it) priced against the path that moved them. Priced before the move, their
    rival was the usual category they now take (`level_choice_close` would name the one
    category twice); the move is a guess as the order's was, so each keeps a close call."""
    again = close_calls(costs, entries, categories, path, labelled)
    return {**close, **{i: again.get(i, (k, 0.0)) for i, k in left.items()}}


def usual_tie_moves(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], path: list[int],
                    costs: list[list[float]], fit: Fit, settled: set[int]) -> dict[int, int]:
    """Rows at the end of a block just above a labelled block of its group's `usual`
    category, whose labels fit the placement exactly as well with the row in either
    (`tied_side`) and whose wording costs the same in both (`TIE_BREAK` steps aside) ->
    the usual category. Without this the canonical order's tie-break gives every such
    row to the block above (经济效益, the one forms print least often with rows of their
    own), though the usual one is the likelier to hold it. Walked up from the usual
    block while each row so ties; rows other moves settled are left alone."""
    out: dict[int, int] = {}
    for start in range(1, len(path)):
        u = path[start]
        if path[start - 1] == u or not categories[u].usual:
            continue
        i = start - 1
        k = path[i]
        if k >= u or categories[k].level1 != categories[u].level1:
            continue
        while i >= 0 and path[i] == k and i not in settled \
                and tied_side(i, items, categories[k], fit, categories) == categories[u].label \
                and abs(costs[i][u] - costs[i][k]) <= TIE_BREAK * len(categories):
            out[i] = u
            i -= 1
    return out


def traceless_block_moves(items: list[IndicatorRow], categories: tuple[Level2Spec, ...], path: list[int],
                          fit: Fit, held: set[int]) -> dict[int, int]:
    """Rows the path puts alone in a block of a category no level-2 label of the table
    names, beside a labelled block of their group's `usual` category, where the labels fit
    the model exactly and nothing on the row or the rows beside it is a label (`traceless`:
    no level cell left unread, no label fused into a name or opening one, no document line
    taken out between them) -> that usual category. A one-row block prints its label on its row: where no trace of one is
    left, the block is a word of the row's name (收入辖区居民健康素养水平 read as 经济效益, a
    word put in it, in a table printing no 经济效益 label), not a lost label; and the
    categories beside the usual one are those forms leave out (or print with 无). Rows in
    `held` are left alone."""
    if not path or not exact_fit(fit):
        return {}
    named = {h.spec.label for item in items for h in (*item.level2, *item.displaced)}
    out: dict[int, int] = {}
    for i, k in enumerate(path):
        if i in held or categories[k].label in named or not traceless(items, i, categories):
            continue
        if (i > 0 and path[i - 1] == k) or (i + 1 < len(path) and path[i + 1] == k):
            continue    # a block of several rows: its label may print on any of them
        sides = {path[j] for j in (i - 1, i + 1) if 0 <= j < len(path) and path[j] != k
                 and categories[path[j]].usual and categories[path[j]].level1 == categories[k].level1
                 and categories[path[j]].label in named}
        if len(sides) == 1:
            out[i] = sides.pop()
    return out


def opens_like_label(name: str | None, categories: tuple[Level2Spec, ...]) -> bool:
    """The name opens with two characters or more of a level-2 label or alias where it
    prints them (not `GENERIC_LABEL_CHARS`): a label OCR fused into the name cell and too
    damaged to cut off (叫持续影响设施维护管理机制)."""
    key = label_key(name or "")
    return any(len(kept_places(key[:len(form)], form)) >= 2
               for c in categories for form in (label_key(c.label), *map(label_key, c.aliases)))


SOURCE_LINE = "line "   # a text row's source reference: its document line


def traceless(items: list[IndicatorRow], i: int, categories: tuple[Level2Spec, ...]) -> bool:
    """Row i and the rows beside it print nothing of a level-2 label that was not read:
    no unread or damaged level cell, no label fused into a name (read, or left at its head:
    `opens_like_label`; or its ending alone, the last line of a label wrapped over the lines
    above: `damaged_tails.bare_ending`), no document line between them (a line taken out of
    the table may be a label's)."""
    near = range(max(i - 1, 0), min(i + 2, len(items)))
    return not any(items[j].unrecognised or items[j].damaged or items[j].fused
                   or opens_like_label(items[j].name, categories) or bare_ending(items[j].name or "")
                   for j in near) \
        and not items[i].level2 and not items[i].displaced and stated_category(items[i]) is None \
        and all(next_source_line(items[j]) == source_line(items[j + 1]) is not None for j in near if j + 1 in near)


def source_line(item: IndicatorRow) -> int | None:
    """The document line the row's first line was read from (its source reference's
    number): the table's own line count leaves out lines taken out of it (a damaged label's
    line of its own, `rows.drop_unread_label_lines`), the document's does not."""
    ref = item.row.source_ref or ""
    digits = ref[len(ref.rstrip("0123456789")):]
    return int(digits) if digits and ref.startswith(SOURCE_LINE) else None


def next_source_line(item: IndicatorRow) -> int | None:
    """The document line right after the row's last (None where unknown)."""
    first = source_line(item)
    return None if first is None else first + item.lines[1] - item.lines[0] + 1


def unlabelled(items: list[IndicatorRow], rows: range) -> bool:
    """No row of `rows` holds a level-2 label, read or displaced."""
    return not any(items[i].own_level2 or items[i].level2 or items[i].displaced
                   for i in rows)


PER_PAGE = frozenset({"page_top", "page_centre_up", "page_centre_down", "page_bottom"})


def labelled_on_page(items: list[IndicatorRow], i: int, label: str, forward: bool) -> bool:
    """The nearest row after (or before) row i that carries `label` prints on row i's page."""
    steps = range(i + 1, len(items)) if forward else range(i - 1, -1, -1)
    for j in steps:
        if any(h.spec.label == label and not h.copied
               for h in ([items[j].own_level2] if items[j].own_level2 else items[j].level2)):
            return items[j].pages[0] <= items[i].pages[0] <= items[j].pages[1] or \
                items[i].pages[0] <= items[j].pages[0] <= items[i].pages[1]
    return False


def boundary_issues(i: int, items: list[IndicatorRow], category: Level2Spec, fit: Fit,
                    categories: tuple[Level2Spec, ...]) -> list[Issue]:
    """A warning where the row lies between two labelled blocks whose labels fit the
    placement model exactly as well with the row in either (an even span's centre a row
    up or down, the blocks around shifting with it; or a label wrapped over two rows that
    misses the model's line by as much either way): the row's wording chose, and a
    wording is weak evidence against labels that cannot tell. Whether the labels fit the
    model exactly or not: a tie the fit cannot break is a tie all the same."""
    if tied_side(i, items, category, fit, categories) is None:
        return []
    item = items[i]
    left, right = fit.level2[i][:2]
    return [Issue("warning", "level_boundary_ambiguous",
                  f"{item.name or 'the row'!r} lies between the {left} and {right} blocks, and their "
                  f"labels fit as well with it in either; it went to {category.label} by its wording",
                  field="level2", source_ref=item.row.source_ref)]


def tied_side(i: int, items: list[IndicatorRow], category: Level2Spec, fit: Fit,
              categories: tuple[Level2Spec, ...]) -> str | None:
    """The other block's category where row i (in `category`) lies between two labelled
    blocks whose labels fit `fit`'s model exactly as well with it in either (see
    `boundary_issues`), else None."""
    item = items[i]
    found = fit.level2.get(i)
    if found is None or stated_category(item) is not None:
        return None
    left, right = found[:2]
    if left is None or right is None or left == right or category.label not in (left, right) \
            or unread(left) or unread(right):
        return None
    other = right if category.label == left else left
    if move_cost(fit.level2, i, to_right=other == right) > 1e-9 \
            or move_cost(fit.level2, i, to_right=other != right) > 1e-9:
        return None   # the labels fit one side better: the row's wording overrode them, no tie
    if fit.model in PER_PAGE and all(model in PER_PAGE for model in fit.tied) \
            and not (labelled_on_page(items, i, left, forward=False)
                     and labelled_on_page(items, i, right, forward=True)):
        return None   # a per-page model labels each page's part: a block has none on this page
                      # (unless a model pricing every row alike, `Fit.tied`, does not)
    other_group = next((c.level1 for c in categories if c.label == other), None)
    if other_group != category.level1 and (i not in fit.level1 or other_group not in fit.level1[i][:2]
                                           or move_cost(fit.level1, i, to_right=other_group == fit.level1[i][1]) > 1e-9):
        return None   # the level-1 labels tell the two apart
    return other


def move_cost(costs: dict, i: int, to_right: bool) -> float:
    """What moving row i across its gap's boundary adds to the chain: into the right
    block, the row and every gap row after it; into the left, it and every one before
    (the gap's increments add up so over a run of rows)."""
    sides = costs[i][:2]
    total, j = 0.0, i
    while j in costs and costs[j][:2] == sides:
        total += costs[j][3] if to_right else costs[j][2]
        j += 1 if to_right else -1
    return total


def block_ids(path: list[int], entries: list[bool]) -> list[int]:
    ids, current = [], 0
    for i, k in enumerate(path):
        if i and (k != path[i - 1] or entries[i] or entries[i - 1]):
            current += 1
        ids.append(current)
    return ids


def unnumbered_label_lines(items: list[IndicatorRow]) -> set[int]:
    """Label-only rows printing no row number in a table that numbers its rows
    (`numbered_reading`): a category listed without indicators is a row and prints its
    number, so such a line is a block's label on a line of its own whatever block the path
    left it alone in (its rows' wording may have sent them elsewhere), never a row."""
    label_only = label_only_rows(items)
    return set(numbered_reading(items, label_only) or ()) if label_only else set()


def numbered_label_rows(items: list[IndicatorRow]) -> frozenset[int]:
    """Label-only rows printing their row number in a table that numbers its rows
    (`numbered_reading`): rows, categories listed without indicators, whatever reading of
    their lines the labels' fit preferred, so never absorbed as a block's label line (`13 |
    成本` above `14 | 学生综合素质提升`: the category is listed, whichever block that row joins)."""
    label_only = label_only_rows(items)
    numbered = numbered_reading(items, label_only) if label_only else None
    return label_only - numbered if numbered is not None else frozenset()


def absorbed_rows(blocks: list[int], items: list[IndicatorRow]) -> set[int]:
    """Label-only rows in a block with rows of their own: the block's label printed on a
    line of its own, not a category listed without indicators."""
    with_rows = {blocks[i] for i, item in enumerate(items) if not item.is_label_only}
    return {i for i, item in enumerate(items) if item.is_label_only and blocks[i] in with_rows}


def entries_beside_their_block(path: list[int], items: list[IndicatorRow]) -> set[int]:
    """Label-only rows read as categories listed without indicators whose category is
    that of the nearest row with an indicator above or below them (other label-only rows
    between): a category listed without indicators has none, so such a row is its
    block's label printed on lines of its own (`时效` / `指标` above the block's first
    row), no row of its own. Such a line may hold a piece of its level-1 label no column
    takes (`郊盖` beside `社会`: said by `cell_unplaced` when the row is built). A row with
    a target or a name (`生态效益指标 | 无`) stays."""
    def labels_only(item: IndicatorRow) -> bool:
        return (item.own_level2 is not None and item.name is None and item.target is None
                and item.note is None and not item.positional)
    out = set()
    for i, item in enumerate(items):
        if not labels_only(item):
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(items) and labels_only(items[j]) and path[j] == path[i]:
                j += step
            if 0 <= j < len(items) and not labels_only(items[j]) and path[j] == path[i]:
                out.add(i)
    return out


def own_label_agrees(item: IndicatorRow, category: Level2Spec) -> bool:
    """The row states its category with a label written on it (not filled down, carried
    from a line of its own or moved here)."""
    labels = [item.own_level2] if item.own_level2 else item.level2
    return any(h.spec.label == category.label and not (h.copied or h.carried or h.moved) for h in labels)


def only_own_blocks_moved(items: list[IndicatorRow], placements: list[Placement | None],
                          before: list[IndicatorRow], placed_before: list[Placement | None],
                          same_model: bool = True) -> bool:
    """The rows read with labels read by the order alone (`IndicatorRow.by_order`) placed as
    without them (`before`), but for rows those labels took into their blocks: each such
    row in its own label's category, and the rows placed otherwise moved into one of those
    categories, in runs that hold or touch such a row. A label read from one character of
    two and the order is evidence for its own block around its row; where the fit it joins
    moves another block's edge or switches model so that rows elsewhere move (they would
    lose their level), or moves an edge its block already had away from the label's row,
    it is no reading. Where the fits' models differ (`same_model` false), only the labels'
    own rows may move: a block grown under another model is that model's, not the label's."""
    labels = [p.level2.label if p is not None else None for p in placements]
    if len(items) != len(before) or any(a.lines != b.lines for a, b in zip(items, before)):
        # a reading that kept a line as a row of its own (or took one away): the rows
        # matched by the line each starts on; a row new with the readings is theirs only
        labels_before = labels_by_first_line(items, before, placed_before)
        if labels_before is None:
            return False
    else:
        labels_before = [p.level2.label if p is not None else None for p in placed_before]
    if any(item.by_order and label not in (item.by_order, None) for item, label in zip(items, labels)):
        return False
    own = {item.by_order for item in items if item.by_order}
    moved = [i for i, (label, was) in enumerate(zip(labels, labels_before)) if label != was]
    if not same_model and any(not items[i].by_order for i in moved):
        return False
    return all(labels[i] in own for i in moved) and all(
        any(items[r].by_order for r in range(first - 1, last + 2) if 0 <= r < len(items))
        for first, last in runs_in(moved)) and taken_rows_nearer_reading(items, moved, labels, labels_before)


def taken_rows_nearer_reading(items: list[IndicatorRow], moved: list[int], labels: list[str | None],
                              labels_before: list[str | None]) -> bool:
    """No row a reading by the order took from another block lies nearer a printed label of
    the block it left than the reading's own label, where the reading confirms its row
    (placed in its category without it): it adds a label's position and nothing more, so
    it grows its block only over rows no printed label holds closer. A reading that moves
    its own row is new evidence, and its block follows it. A label printed on several rows
    in a row (a wrapped cell) stands where it starts; a category's bare word fused at a
    row's own head (`时效年度…` taken as 质量) prints it on that row."""
    confirming = {item.by_order for item, was in zip(items, labels_before) if item.by_order and item.by_order == was}
    for i in moved:
        left = labels_before[i]
        if left is None or labels[i] not in confirming:
            continue
        reading = min(abs(i - r) for r in label_starts(items, labels[i], by_order=True))
        if any(abs(i - r) < reading for r in label_starts(items, left)):
            return False
    return True


def label_starts(items: list[IndicatorRow], label: str, by_order: bool = False) -> list[int]:
    """The first row of each run of rows printing `label` (`prints_label`); with
    `by_order`, only the runs holding a row that reads it by the order."""
    runs = runs_in([r for r, item in enumerate(items) if prints_label(item, label)])
    return [first for first, last in runs
            if not by_order or any(items[r].by_order == label for r in range(first, last + 1))]


def prints_label(item: IndicatorRow, label: str) -> bool:
    """The row prints `label`: a level-2 cell of its own read so (not filled down from
    above), or the category's bare word at its name's head."""
    if item.by_order == label or any(h.spec.label == label and not h.copied for h in item.level2):
        return True
    word = bare_word(label)
    return item.name is not None and len(word) >= 2 and item.name.startswith(word)


def labels_by_first_line(items: list[IndicatorRow], before: list[IndicatorRow],
                         placed_before: list[Placement | None]) -> list[str | None] | None:
    """For `only_own_blocks_moved` where the two readings of a table differ in their rows:
    each of `items`' categories as placed without the readings (`before`), the rows matched
    by the text line each starts on (`Row.source_ref`); a row the readings added (none
    without them starting on its line) must be one of theirs (`by_order`), and keeps its
    own. None where a line starts two rows, or a row without them is gone with them."""
    refs = [item.row.source_ref if item.row is not None else None for item in items]
    refs_before = [item.row.source_ref if item.row is not None else None for item in before]
    if None in refs or None in refs_before or len(set(refs)) != len(refs) \
            or len(set(refs_before)) != len(refs_before) or not set(refs_before) <= set(refs):
        return None
    placed = {ref: p.level2.label if p is not None else None for ref, p in zip(refs_before, placed_before)}
    if any(ref not in placed and not item.by_order for ref, item in zip(refs, items)):
        return None
    return [placed.get(ref, item.by_order) for ref, item in zip(refs, items)]


def runs_in(rows: list[int]) -> list[tuple[int, int]]:
    """The runs of consecutive indices in sorted `rows`: (first, last) each."""
    runs: list[tuple[int, int]] = []
    for i in rows:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def placement_of(item: IndicatorRow, category: Level2Spec, block_has_label: bool) -> Placement:
    written = [h for h in item.level1 if not h.copied and not h.carried]
    level1_raw = written[-1].cell.text if written else None
    on_row = [h for h in ([item.own_level2] if item.own_level2 else item.level2)
              if not (h.copied or h.carried or h.moved)]
    stated = on_row[-1] if on_row else (item.displaced[-1] if item.displaced else None)
    level2_raw = stated.cell.text if stated else None
    if own_label_agrees(item, category):
        source = "explicit"
    elif stated is not None:
        source = "displaced"
    elif block_has_label:
        source = "filled"
    else:
        source = "inferred"
    return Placement(category, source, level1_raw, level2_raw)


def displaced_label_issues(item: IndicatorRow, category: Level2Spec) -> list[Issue]:
    """A warning for each label on the row that belongs to another block or group."""
    belongs = {2: (category.label, "block"), 1: (category.level1, "group")}
    issues = []
    for hint in (*item.level2, *item.displaced, *item.level1):
        label, unit = belongs[hint.level]
        if hint.spec.label != label and not (hint.copied or hint.moved):
            issues.append(Issue("warning", "label_displaced",
                                f"level-{hint.level} label {hint.cell.text!r} sits on a row of the "
                                f"{label} {unit}; it was not applied to this row",
                                field=f"level{hint.level}", source_ref=item.row.source_ref))
    return issues


def segmentation_totals(costs: list[list[float]], entries: list[bool], groups: list[str],
                        forward: list[list[float]] | None = None) -> list[list[float]]:
    """Per row and category, the cost of the cheapest whole segmentation that puts the
    row there (inf where none can); `forward` is `cheapest_prefixes`' table if known."""
    if forward is None:
        forward, _ = cheapest_prefixes(costs, entries, groups)
    mirrored, _ = cheapest_prefixes([row[::-1] for row in costs[::-1]], entries[::-1], groups[::-1])
    n, m = len(costs), len(groups)
    return [[INF if INF in (costs[i][k], forward[i][k], mirrored[n - 1 - i][m - 1 - k])
             else forward[i][k] + (mirrored[n - 1 - i][m - 1 - k] - costs[i][k])
             for k in range(m)] for i in range(n)]
