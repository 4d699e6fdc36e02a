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
* where merged labels print mid-block (the table's first indicator row carries no
  label, see `labels_mid_block`), a row costs `DISTANCE` per row between it and the
  category's nearest label (capped), or `NO_LABEL_DISTANCE` rows' worth for a category
  whose label appears nowhere; this only settles rows that nothing else decides. Where
  labels print on the first row of their block, they are simply carried down;
* level-1 groups may come in another order, but going back costs `GROUP_BACK`, more
  than a label, so only labels stated in known columns (or several labels) pay for it;
* a tiny cost per category step keeps rows in the earlier block on a final tie.
"""
from __future__ import annotations

from dataclasses import dataclass

from formex.normalize.indicators.rows import IndicatorRow
from formex.schemas.document import Issue
from formex.schemas.forms import Level2Spec

LABEL = 1.5  # below a strong word: 合格率 under a stray 时效指标 label stays 质量
LEVEL1_LABEL = 1.0
STRONG_WORD, WEAK_WORD = 2.0, 1.0
MISSING_REQUIRED = 3.0
NEW_BLOCK = 0.5
GROUP_BACK = 8.0  # a level-1 group listed out of canonical order: only stated labels pay for it
DISTANCE, DISTANCE_CAP, NO_LABEL_DISTANCE = 0.01, 10.0, 1.5
TIE_BREAK = 1e-3
INF = float("inf")


@dataclass(frozen=True)
class Placement:
    level2: Level2Spec
    source: str                 # explicit, filled, inferred, displaced
    level1_raw: str | None
    level2_raw: str | None


def wording_score(name: str | None, category: Level2Spec) -> float:
    """How strongly an indicator's name points at a category.

    >>> from formex.schemas.forms import Level2Spec
    >>> wording_score("岗位补贴发放及时性", Level2Spec("时效指标", "产出指标", 0, strong=("及时",)))
    2.0
    """
    if not name:
        return 0.0
    if any(word in name for word in category.strong):
        return STRONG_WORD
    if any(word in name for word in category.weak):
        return WEAK_WORD
    return 0.0


def label_positions(items: list[IndicatorRow]) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Where each level-2 and level-1 label is written, as row positions (a label alone
    on its line sits half a row above the row it was carried to)."""
    level2: dict[str, list[float]] = {}
    level1: dict[str, list[float]] = {}
    for i, item in enumerate(items):
        for hint in {id(h): h for h in (item.own_level2, *item.level2) if h}.values():
            level2.setdefault(hint.spec.label, []).append(i)
        for hint in item.level1:
            level1.setdefault(hint.spec.label, []).append(i - 0.5 if hint.carried else i)
    return level2, level1


def labels_mid_block(items: list[IndicatorRow]) -> bool:
    """True when the first indicator row carries no level label: merged labels then print
    inside their blocks (OCR of a PDF), not on each block's first row (a grid export)."""
    first = next((item for item in items if not item.is_level2_entry), None)
    return first is not None and not first.level2 and not [h for h in first.level1 if not h.carried]


def distance_cost(i: int, positions: list[float] | None) -> float:
    if not positions:
        return DISTANCE * NO_LABEL_DISTANCE
    return DISTANCE * min(DISTANCE_CAP, min(abs(i - p) for p in positions))


COST_PARTS = ("wording", "order", "label", "level1_label", "required", "distance", "level1_distance")


def row_cost_parts(i: int, item: IndicatorRow, categories: tuple[Level2Spec, ...],
                   positions: tuple[dict[str, list[float]], dict[str, list[float]]] | None
                   ) -> list[tuple[float, ...] | None]:
    """Per category, the parts of the row's cost in `COST_PARTS` order, or None where the
    row states another category (it cannot go there)."""
    if item.own_level2 is not None and (item.is_level2_entry or item.positional):
        own = item.own_level2.spec.label
        return [(0.0,) * len(COST_PARTS) if c.label == own else None for c in categories]
    scores = [wording_score(item.name, c) for c in categories]
    best = max(scores, default=0.0)
    parts = []
    for k, category in enumerate(categories):
        required = (MISSING_REQUIRED if category.requires
                    and not any(w in (item.name or "") for w in category.requires) else 0.0)
        parts.append((
            best - scores[k], TIE_BREAK * k,
            sum(LABEL for h in item.level2 if h.spec.label != category.label),
            sum(LEVEL1_LABEL for h in item.level1 if h.spec.label != category.level1),
            required,
            distance_cost(i, positions[0].get(category.label)) if positions is not None else 0.0,
            distance_cost(i, positions[1].get(category.level1)) if positions is not None else 0.0))
    return parts


def cost_of(parts: tuple[float, ...] | None) -> float:
    """The row's cost from its parts, added left to right (the same sum to the bit
    whatever `sum` does in a later Python)."""
    if parts is None:
        return INF
    wording, order, label, level1_label, required, distance, level1_distance = parts
    return wording + order + label + level1_label + required + distance + level1_distance


def cost_table(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]
               ) -> list[list[tuple[float, ...] | None]]:
    """Per row and category, the parts of the row's cost (see `row_cost_parts`)."""
    positions = label_positions(items) if labels_mid_block(items) else None
    return [row_cost_parts(i, item, categories, positions) for i, item in enumerate(items)]


def row_costs(i: int, item: IndicatorRow, categories: tuple[Level2Spec, ...],
              positions: tuple[dict[str, list[float]], dict[str, list[float]]] | None,
              memo: dict) -> list[float]:
    """`cost_of` each of `row_cost_parts(...)`, computed without building the parts: the
    same sums in the same order (tests/test_hierarchy_costs.py checks they agree), with the
    name's parts remembered (`memo`, from `name_memo`): names repeat across a batch."""
    if item.own_level2 is not None and (item.is_level2_entry or item.positional):
        own = item.own_level2.spec.label
        return [0.0 if c.label == own else INF for c in categories]
    base, required = name_costs(item.name, categories, memo)
    if not item.level2 and not item.level1 and positions is None:
        return [b + r for b, r in zip(base, required)]   # the label and distance parts are 0.0
    costs = []
    for k, category in enumerate(categories):
        cost = base[k]
        cost += sum(LABEL for h in item.level2 if h.spec.label != category.label)
        cost += sum(LEVEL1_LABEL for h in item.level1 if h.spec.label != category.level1)
        cost += required[k]
        if positions is not None:
            cost += distance_cost(i, positions[0].get(category.label))
            cost += distance_cost(i, positions[1].get(category.level1))
        costs.append(cost)
    return costs


_NAME_COSTS: dict[tuple[Level2Spec, ...], dict] = {}   # categories -> {name: (wording + order, required)}
NAME_MEMO_LIMIT = 10_000


def name_memo(categories: tuple[Level2Spec, ...]) -> dict:
    """The memo of `name_costs` for a category list (found once per table: a schema's
    `level2_order` is a new tuple on every call, equal to the last)."""
    memo = _NAME_COSTS.get(categories)
    if memo is None:
        memo = _NAME_COSTS[categories] = {}
    return memo


def name_costs(name: str | None, categories: tuple[Level2Spec, ...], memo: dict) -> tuple[list[float], list[float]]:
    """The parts of a row's cost its name alone decides, per category: wording + order,
    and required."""
    found = memo.get(name)
    if found is None:
        scores = [wording_score(name, c) for c in categories]
        best = max(scores, default=0.0)
        found = ([(best - scores[k]) + TIE_BREAK * k for k in range(len(categories))],
                 [MISSING_REQUIRED if c.requires and not any(w in (name or "") for w in c.requires) else 0.0
                  for c in categories])
        if len(memo) >= NAME_MEMO_LIMIT:
            memo.clear()
        memo[name] = found
    return found


def segment_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]) -> list[int] | None:
    """The cheapest category index per row, or None when the rows' stated categories
    contradict the canonical order within a level-1 group."""
    if not items:
        return []
    positions = label_positions(items) if labels_mid_block(items) else None
    memo = name_memo(categories)
    costs = [row_costs(i, item, categories, positions, memo) for i, item in enumerate(items)]
    best, back = cheapest_prefixes(costs, [item.is_level2_entry for item in items],
                                   [c.level1 for c in categories])
    return cheapest_path(best, back)


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


def place_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]
               ) -> tuple[list[Placement], list[Issue]]:
    issues: list[Issue] = []
    path = segment_rows(items, categories)
    if path is None:
        issues.append(Issue("warning", "level_order_unusual",
                            "the level labels do not follow the canonical category order; "
                            "each row took the last label above it", field="level2"))
        path = nearest_label_categories(items, categories)
    if any(path[i] < path[i - 1] for i in range(1, len(path))):
        issues.append(Issue("info", "level_order_unusual",
                            "the level-1 groups are not in the canonical order; their labels were "
                            "followed", field="level1"))
    blocks = block_ids(path, items)
    explicit_blocks = {blocks[i] for i, item in enumerate(items)
                       if own_label_agrees(item, categories[path[i]])}
    placements = []
    for i, item in enumerate(items):
        category = categories[path[i]]
        placements.append(placement_of(item, category, blocks[i] in explicit_blocks))
        issues.extend(displaced_label_issues(item, category))
    return placements, issues


def block_ids(path: list[int], items: list[IndicatorRow]) -> list[int]:
    ids, current = [], 0
    for i, k in enumerate(path):
        if i and (k != path[i - 1] or items[i].is_level2_entry or items[i - 1].is_level2_entry):
            current += 1
        ids.append(current)
    return ids


def own_label_agrees(item: IndicatorRow, category: Level2Spec) -> bool:
    labels = [item.own_level2] if item.own_level2 else item.level2
    return any(h.spec.label == category.label and not h.copied for h in labels)


def placement_of(item: IndicatorRow, category: Level2Spec, block_has_label: bool) -> Placement:
    written = [h for h in item.level1 if not h.copied and not h.carried]
    level1_raw = written[-1].cell.text if written else None
    stated = item.own_level2 or (item.level2[-1] if item.level2 else None)
    level2_raw = stated.cell.text if stated and not stated.copied else None
    if own_label_agrees(item, category):
        source = "explicit"
    elif stated is not None and not stated.copied:
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
    for hint in (*item.level2, *item.level1):
        label, unit = belongs[hint.level]
        if hint.spec.label != label and not hint.copied:
            issues.append(Issue("warning", "label_displaced",
                                f"level-{hint.level} label {hint.cell.text!r} sits on a row of the "
                                f"{label} {unit}; it was not applied to this row",
                                field=f"level{hint.level}", source_ref=item.row.source_ref))
    return issues
