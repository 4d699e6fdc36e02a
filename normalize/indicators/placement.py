"""Where a document prints its merged labels, fitted once per document from all its
labels, and what that says about where each block begins and ends.

A merged level-2 cell spans its block's rows, but OCR text keeps its label on one line
(or one per page), and which line is a property of the engine or printer, the same for
the whole document: the top row of the span (or of each page's part of it, a label
restated on every page), its vertical centre, the centre of each page's part of it, the
centre of the part that holds the span's centre, the bottom row, or the first row after
a page break inside the span (else the top). Each of these
`MODELS` predicts, for a block of rows, the lines its label should sit on.

`fit_placement` takes the labelled rows as *clusters* (consecutive rows labelled with
one category; a level-2 entry is a cluster whose block is its own row) and the free
rows between clusters as *gaps*. Under a model, each cluster's block costs the lines
by which its labels miss the predicted lines (`TOLERANCE` free, each label capped at
`CAP`); the block boundaries are then chosen together by a small dynamic programme
along the chain of clusters. The model with the cheapest chain is the document's.

From the fitted model, every free row gets a cost per category: what putting it there
adds to the cheapest chain (the boundary pushed past it). A gap whose two clusters fit
the model exactly is trusted (`STRONG` per line: more than a strong word, so a name's
wording cannot pull a boundary the labels placed); elsewhere the model is weak evidence
(`WEAK` per line) and the wording decides.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

MODELS = ("top", "page_top", "centre_up", "centre_down", "page_centre_up", "page_centre_down",
          "span_centre_up", "span_centre_down", "bottom", "after_break")
TOLERANCE = 0.01  # lines are whole numbers: a model predicts the line itself
CAP = 3.0         # a label this many lines off counts no more (a model that misfits one block)
UNLABELLED = 1.0  # a block without a label between two labelled ones (or at an end)
UNLABELLED_ROW = 0.5  # ... per row of it, where the labels around fit the model exactly
STRONG, WEAK = 3.0, 0.5   # per line of a gap whose clusters fit the model exactly / not
ABSORB = 0.5      # a label alone on its row read as a label of rows around it, not as an entry
CROSS = 1.0       # per row a level-2 block takes from another group that the level-1 labels place
INF = float("inf")


@dataclass(frozen=True)
class Cluster:
    """Consecutive labelled rows of one category; `entry`: its block is its own row."""

    category: str
    first: int
    last: int
    lines: tuple[float, ...]    # the lines its labels print on
    entry: bool = False
    optional: bool = False      # a label alone on its row: an entry, or its block's label
    group: str | None = None    # a level-2 category's level-1 group


GapCosts = dict[int, tuple[str | None, str | None, float, float, float]]
# row -> (left category, right category, cost in left, cost in right, cost elsewhere)


@dataclass
class Fit:
    """The fitted model and each free row's extra cost per level-2 category and per
    level-1 group."""

    model: str | None
    cost: float
    level2: GapCosts = field(default_factory=dict)
    level1: GapCosts = field(default_factory=dict)
    entries: frozenset[int] = frozenset()   # label-only rows read as entries of their own

    def row_cost(self, row: int, category: str, group: str) -> float:
        return gap_cost(self.level2, row, category) + gap_cost(self.level1, row, group)


def gap_cost(costs: GapCosts, row: int, name: str) -> float:
    found = costs.get(row)
    if found is None:
        return 0.0
    left, right, in_left, in_right, elsewhere = found
    if name == left:
        return in_left
    if name == right:
        return in_right
    return elsewhere


@dataclass(frozen=True)
class Geometry:
    """Table body lines: each row's first and last line, and where pages begin."""

    starts: list[float]
    ends: list[float]
    page_starts: list[float]    # sorted first lines of pages 2, 3 …

    def page_bounds(self, line: float) -> tuple[float, float]:
        """(first, last) line of the page holding `line` (unbounded at the ends)."""
        k = bisect_right(self.page_starts, line)
        lo = self.page_starts[k - 1] if k else -INF
        hi = self.page_starts[k] - 1 if k < len(self.page_starts) else INF
        return lo, hi


def predicted_costs(a: float, b: float, lines: tuple[float, ...], geo: Geometry) -> tuple[float, ...]:
    """Per model (`MODELS` order), what the labels at `lines` cost for a block spanning
    lines a..b. An even span has two middle lines; an engine takes the upper or the
    lower one, the same way throughout a document (`_up`, `_down`)."""
    up, down = (a + b) // 2, -((-a - b) // 2)
    span_up, span_down = part_centres(up, a, b, geo), part_centres(down, a, b, geo)
    a_lo, a_hi = geo.page_bounds(a)
    after = a_hi + 1 if b > a_hi else a
    totals = [0.0] * len(MODELS)
    for line in lines:
        part_up, part_down = part_centres(line, a, b, geo)
        part_top = max(a, geo.page_bounds(line)[0])
        predicted = (a, part_top, up, down, part_up, part_down, span_up[0], span_down[1], b, after)
        if line != int(line):   # a line of its own between two rows: an even span's exact centre
            predicted = (a, part_top, (a + b) / 2, (a + b) / 2, (part_up + part_down) / 2,
                         (part_up + part_down) / 2, sum(span_up) / 2, sum(span_down) / 2, b, after)
        for k, p in enumerate(predicted):
            off = abs(line - p) - TOLERANCE
            if off > 0:
                totals[k] += min(off, CAP)
    return tuple(totals)


def part_centres(line: float, a: float, b: float, geo: Geometry) -> tuple[float, float]:
    """The upper and lower middle line of the part of a..b on the page holding `line`."""
    lo, hi = geo.page_bounds(line)
    lo, hi = max(a, lo), min(b, hi)
    return (lo + hi) // 2, -((-lo - hi) // 2)


def fit_placement(level2: list[Cluster], level1: list[Cluster], geo: Geometry, n: int) -> list[Fit]:
    """The models that explain all the labels best (level-2 blocks and level-1 groups
    alike, each chain on its own), with the free rows' costs under each. Several can
    tie (a short table rarely tells centre-up from centre-down): the caller keeps the
    one whose rows fit best together."""
    if n == 0 or not (level2 or level1):
        return [Fit(None, 0.0)]
    groups = Chain(level1, geo, n)
    chains = [Chain(level2, geo, n, groups.row_groups()), groups]
    totals = [sum(c.total(m) for c in chains) for m in range(len(MODELS))]
    best = min(totals)
    if best == INF:
        return [Fit(None, INF)]
    fits = []
    for m in range(len(MODELS)):
        if totals[m] <= best + 1e-9:
            fit = Fit(MODELS[m], totals[m])
            fit.level2, fit.level1 = (chain.gap_costs(m) for chain in chains)
            fit.entries = chains[0].entries(m)
            fits.append(fit)
    return fits


class Chain:
    """Clusters in order and, per model, the cheapest blocks around them.

    Gap g lies before cluster g (gap 0 starts the table, the last gap ends it); its
    positions run from the row after the previous cluster to this cluster's first row.
    The previous block ends at some position y of the gap and the next one starts at a
    position x >= y; rows y..x-1 between them form a block without a label (`UNLABELLED`)."""

    def __init__(self, clusters: list[Cluster], geo: Geometry, n: int,
                 row_groups: list[list[str | None]] | None = None):
        self.clusters, self.n = clusters, n
        self.gaps = gap_ranges(clusters, n) if clusters else []
        crossing = group_crossings(row_groups, n) if row_groups else None
        self.tables = [block_costs(c, self.gaps[t], self.gaps[t + 1], geo, crossing)
                       for t, c in enumerate(clusters)]
        self.runs = {}

    def row_groups(self) -> list[list[str | None]]:
        """Per model, each row's level-1 group where every cheapest chain agrees on it and
        the blocks around fit the model exactly, else None (these chains are groups)."""
        out = []
        for m in range(len(MODELS)):
            rows: list[str | None] = [None] * self.n
            if self.clusters:
                run = self.run(m)
                exact = [self.tables[t].get(block, (INF,) * len(MODELS))[m] <= 0.0
                         for t, block in enumerate(run.blocks)]
                for t, cluster in enumerate(self.clusters):
                    if exact[t]:
                        rows[cluster.first:cluster.last + 1] = [cluster.category] * (cluster.last - cluster.first + 1)
                for g, (lo, hi) in enumerate(self.gaps):
                    if not ((g == 0 or exact[g - 1]) and (g == len(self.clusters) or exact[g])):
                        continue
                    profile = gap_profile(run, g, lo, hi) if hi > lo else {}
                    for i in range(lo, hi):
                        options = list(profile[i])
                        least = min(options)
                        if least <= run.total + 1e-9 and sorted(options)[1] > least + 1e-9:
                            k = options.index(least)
                            if k == 0 and g > 0:
                                rows[i] = self.clusters[g - 1].category
                            elif k == 1 and g < len(self.clusters):
                                rows[i] = self.clusters[g].category
            out.append(rows)
        return out

    def run(self, m: int) -> "ChainRun":
        if m not in self.runs:
            self.runs[m] = run_chain(self, m)
        return self.runs[m]

    def total(self, m: int) -> float:
        return self.run(m).total if self.clusters else 0.0

    def entries(self, m: int) -> frozenset[int]:
        """Optional clusters whose block is their own row on the cheapest chain."""
        if not self.clusters:
            return frozenset()
        blocks = self.run(m).blocks
        return frozenset(c.first for c, block in zip(self.clusters, blocks)
                         if c.optional and block == (c.first, c.first + 1))

    def gap_costs(self, m: int) -> GapCosts:
        if not self.clusters:
            return {}
        run = self.run(m)
        exact = [self.tables[t].get(block, (INF,) * len(MODELS))[m] <= 0.0
                 for t, block in enumerate(run.blocks)]
        out: GapCosts = {}
        for g, (lo, hi) in enumerate(self.gaps):
            left = self.clusters[g - 1].category if g > 0 else None
            right = self.clusters[g].category if g < len(self.clusters) else None
            trusted = (g == 0 or exact[g - 1]) and (g == len(self.clusters) or exact[g])
            add_gap_costs(out, run, g, lo, hi, left, right, STRONG if trusted else WEAK)
        return out


@dataclass
class ChainRun:
    ends: list[dict[int, float]]     # gap -> previous block's end y -> cheapest prefix
    starts: list[dict[int, float]]   # gap -> next block's start x -> cheapest prefix before it
    back_ends: list[dict[int, float]]    # gap -> y -> cheapest suffix after the previous block
    back_starts: list[dict[int, float]]  # gap -> x -> cheapest suffix from the next block
    total: float
    blocks: list[tuple[int, int]]    # one cheapest chain: each cluster's (first row, row after)


def gap_ranges(clusters: list[Cluster], n: int) -> list[tuple[int, int]]:
    ranges = [(0, clusters[0].first)]
    for t in range(1, len(clusters)):
        ranges.append((clusters[t - 1].last + 1, clusters[t].first))
    ranges.append((clusters[-1].last + 1, n))
    return ranges


def group_crossings(row_groups: list[list[str | None]], n: int):
    """Per model, prefix counts of rows a fitting level-1 block holds, in all and by
    group: how many rows of a..b another group's block holds."""
    tables = []
    for rows in row_groups:
        placed, by_group = [0] * (n + 1), {}
        for i, group in enumerate(rows):
            placed[i + 1] = placed[i] + (group is not None)
        for group in set(rows) - {None}:
            counts = [0] * (n + 1)
            for i, g in enumerate(rows):
                counts[i + 1] = counts[i] + (g == group)
            by_group[group] = counts
        tables.append((placed, by_group))

    def crossing(x: int, y: int, group: str | None) -> tuple[float, ...]:
        out = []
        for placed, by_group in tables:
            own = by_group.get(group)
            out.append(CROSS * ((placed[y] - placed[x]) - ((own[y] - own[x]) if own else 0)))
        return tuple(out)
    return crossing


def block_costs(cluster: Cluster, starts: tuple[int, int], ends: tuple[int, int], geo: Geometry,
                crossing=None) -> dict[tuple[int, int], tuple[float, ...]]:
    """(first row, row after the last) -> per-model cost of the cluster's block there
    (with `crossing`, what it costs to reach into rows another group's label holds)."""
    out = {}
    for x in range(starts[0], starts[1] + 1):
        for y in range(ends[0], ends[1] + 1):
            if cluster.entry and (x != cluster.first or y != cluster.first + 1):
                continue
            a = min(geo.starts[x], min(cluster.lines))
            b = max(geo.ends[y - 1], max(cluster.lines))
            costs = predicted_costs(a, b, cluster.lines, geo)
            if cluster.optional and (x, y) != (cluster.first, cluster.first + 1):
                costs = tuple(c + ABSORB for c in costs)
            if crossing is not None:
                costs = tuple(c + k for c, k in zip(costs, crossing(x, y, cluster.group)))
            out[(x, y)] = costs
    return out


def run_chain(ch: Chain, m: int) -> ChainRun:
    """The dynamic programme along the chain, forwards and backwards, under model m."""
    T, n, gaps = len(ch.clusters), ch.n, ch.gaps
    ends: list[dict[int, float]] = [{0: 0.0}] + [{} for _ in range(T)]
    starts: list[dict[int, float]] = [{} for _ in range(T + 1)]
    start_from: list[dict[int, int]] = [{} for _ in range(T + 1)]
    end_from: list[dict[int, int]] = [{} for _ in range(T + 1)]
    for g in range(T + 1):
        lo, hi = gaps[g]
        here, best_before, best_y = ends[g], INF, -1   # cheapest end strictly before x
        for x in range(min(lo, 0) if g == 0 else lo, hi + 1):
            at = here.get(x, INF)
            value, origin = (at, x) if at <= best_before + UNLABELLED else (best_before + UNLABELLED, best_y)
            if x >= lo and (g < T or x == n):
                starts[g][x], start_from[g][x] = value, origin
            if at < best_before:
                best_before, best_y = at, x
        if g < T:
            there, pointers, start = ends[g + 1], end_from[g + 1], starts[g]
            for (x, y), costs in ch.tables[g].items():
                value = start[x] + costs[m]
                if value < there.get(y, INF):
                    there[y], pointers[y] = value, x
    total = starts[T].get(n, INF)
    back_starts: list[dict[int, float]] = [{} for _ in range(T)] + [{n: 0.0}]
    back_ends: list[dict[int, float]] = [{} for _ in range(T + 1)]
    for g in range(T, -1, -1):
        lo, hi = gaps[g]
        after, best_after = back_starts[g], INF      # cheapest start strictly after y
        for y in range(hi, min(lo, 0) - 1 if g == 0 else lo - 1, -1):
            at = after.get(y, INF)
            if y in ends[g]:
                back_ends[g][y] = min(at, best_after + UNLABELLED)
            best_after = min(best_after, at)
        if g > 0:
            there, behind = back_starts[g - 1], back_ends[g]
            for (x, y), costs in ch.tables[g - 1].items():
                value = costs[m] + behind.get(y, INF)
                if value < there.get(x, INF):
                    there[x] = value
    blocks: list[tuple[int, int]] = []
    x = n
    for g in range(T, 0, -1):
        y = start_from[g].get(x, -1)
        x = end_from[g].get(y, -1)
        blocks.append((x, y))
    return ChainRun(ends, starts, back_ends, back_starts, total, blocks[::-1])


def gap_profile(run: ChainRun, g: int, lo: int, hi: int) -> dict[int, tuple[float, float, float]]:
    """For rows lo-1..hi of gap g, the cheapest chain with the row in the left block, in
    the right block, or in a block without a label."""
    ends, back_ends = run.ends[g], run.back_ends[g]
    starts, back_starts = run.starts[g], run.back_starts[g]
    rows = range(lo - 1, hi + 1)
    left, best = {}, INF                         # min over ends y > i of the chain through y
    for i in reversed(rows):
        left[i] = best
        if i in ends:
            best = min(best, ends[i] + back_ends.get(i, INF))
    right, best = {}, INF                        # min over starts x <= i of the chain through x
    prefix, lowest = {}, INF                     # min over ends y <= i
    for i in rows:
        if i in back_starts:
            best = min(best, starts.get(i, INF) + back_starts[i])
        if i in ends:
            lowest = min(lowest, ends[i])
        right[i], prefix[i] = best, lowest
    suffix, lowest = {}, INF                     # min over starts x > i
    for i in reversed(rows):
        suffix[i] = lowest
        if i in back_starts:
            lowest = min(lowest, back_starts[i])
    return {i: (left[i], right[i], prefix[i] + suffix[i] + UNLABELLED) for i in rows}


def add_gap_costs(out: GapCosts, run: ChainRun, g: int, lo: int, hi: int, left: str | None,
                  right: str | None, weight: float) -> None:
    """Rows lo..hi-1 of gap g: in the left cluster's block (its end pushed past the row),
    in the right one's (its start at or before the row), or in a block without a label.
    Each pays, times `weight`, what that adds to the cheapest chain; the first two as
    increments that add up, over a run of rows, to the whole change once."""
    best = run.total
    if best == INF or hi <= lo:
        return
    profile = gap_profile(run, g, lo, hi)

    def scaled(extra):
        return weight * min(extra, CAP * 2) if extra < INF else weight * CAP * 2

    prior = UNLABELLED_ROW if weight == STRONG else 0.0
    for i in range(lo, hi):
        with_left, with_right, unlabelled = profile[i]
        in_left = scaled(with_left - profile[i - 1][0]) if left is not None else INF
        in_right = scaled(with_right - profile[i + 1][1]) if right is not None else INF
        # what the geometry loses; the prior against a block without a label is paid once
        # per row, unscaled: a name's clear wording may still open such a block
        elsewhere = scaled(max(0.0, unlabelled - best - UNLABELLED)) + prior
        out[i] = (left, right, in_left, in_right, elsewhere)
