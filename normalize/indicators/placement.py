"""Where a document prints its merged labels, fitted once per document from all its
labels, and what that says about where each block begins and ends.

A merged level-2 cell spans its block's rows, but OCR text keeps its label on one line
(or one per page), and which line is a property of the engine or printer, the same for
the whole document: the top row of the span (or of each page's part of it, a label
restated on every page), its vertical centre, the centre of each page's part of it, the
centre of the part that holds the span's centre, the bottom row (or that of each page's
part), or the first row after a page break inside the span (else the top), or its exact
centre (`centre_apart`: an even span's label on a line of its own between its middle
rows). Each of these `MODELS` predicts, for a block of rows, the lines its label should
sit on. A model that restates the label on every page's part (`PER_PART`: the page
centres, the page bottoms) also pays `PAGE_PART` for each part of a block with no label:
else a block would run on past a page break for free, its part there explained by nothing.

A label wrapped in a narrow column prints on several rows (`数量` / `指标`) as one block of
lines: each model weighs the line it places, the first, the middle or the last
(`Cluster.joins`, `PLACING`), so a document of wrapped labels can fit a model exactly.
A label with more lines than its span has rows below the model's line (a centred
`社会/效益/指标` on a two-row span) cannot start above its cell: it prints from the cell's
top and spills onto lines of its own past the last row, so the pieces on the rows are not
the label's middle or last, and a model fits wherever its line falls on them
(`Cluster.loose`, `piece_spread`: the run costs the distance to its nearest line).

`fit_placement` takes the labelled rows as *clusters* (consecutive rows labelled with
one category; a level-2 entry is a cluster whose block is its own row) and the free
rows between clusters as *gaps*. Under a model, each cluster's block costs the lines
by which its labels miss the predicted lines (`TOLERANCE` free, each label capped at
`CAP`); the block boundaries are then chosen together by a small dynamic programme
along the chain of clusters. The model with the cheapest chain is the document's.

A row with nothing but a level-2 label is read either as a table row (a category listed
without indicators: its block is its own row, free) or as a line of its own between
rows (a merged label: `apart`, at x.5, taking no row of any span around it). The lines
of every block around it, its level-1 group's above all, count differently in the two
readings, so the caller fits the readings (`hierarchy.reading_fits`); here a cluster only
pays its reading's prior: `ABSORB` for a row read as a label of rows around it or for a
line apart read as an entry, `APART` for a line apart read as its block's label.

From the fitted model, every free row gets a cost per category: what putting it there
adds to the cheapest chain (the boundary pushed past it). A gap whose two clusters fit
the model exactly is trusted (`STRONG` per line: more than a strong word, so a name's
wording cannot pull a boundary the labels placed, nor a row across a top or bottom label
on a line of its own, `label_lines_crossed`); elsewhere the model is weak evidence
(`WEAK` per line) and the wording decides.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

MODELS = ("top", "page_top", "centre_up", "centre_down", "page_centre_up", "page_centre_down",
          "span_centre_up", "span_centre_down", "bottom", "after_break", "page_bottom", "sub_header",
          "centre_apart")
# a sub-header is a line of its own just above the block's first row: `top` in the reading
# of label-only rows as lines apart, where it is the model's own layout, not an exception,
# so it pays no `APART` prior for them; it is a candidate only where it fits every label
# exactly (`fit_placement`)
SUB_HEADER = MODELS.index("sub_header")
PAGE_TOP = MODELS.index("page_top")
# the models whose label is printed again on every page's part of a span: a part without
# one is a label OCR lost (`PAGE_PART`). `page_top` is not among them: on a span's first
# part its label is `top`'s, and a span whose later parts lost theirs still reads as one
# printed at its top (no evidence against it). A span whose first part lost its label does
# pay `PAGE_PART` under it where a label-only row stands just above (`chain_tables`): that
# row is the label the part lost, not a category listed without indicators
PER_PART = np.array([m in ("page_centre_up", "page_centre_down", "page_bottom") for m in MODELS])
# `centre_apart`: a label on the exact centre of its span, an odd span's on its middle row,
# an even span's on a line of its own between its two middle rows. Lines apart are its
# layout too (no `APART` prior for them), and it is likewise a candidate only where it fits
# every label exactly: a misfit says the document prints by `centre_up`/`centre_down` rules
CENTRE_APART = MODELS.index("centre_apart")
EXACT_ONLY = (SUB_HEADER, CENTRE_APART)
APART_PRIOR = np.array([0.0 if m in ("sub_header", "centre_apart") else 1.0 for m in MODELS])
# A label wrapped over several rows prints as a block of lines: a top label's first line on
# the span's top, a centred one's middle line (the upper of two) on its centre, a bottom
# one's last line on its bottom. Each model weighs the piece it places, not every line
# (which would charge every model for the lines it does not place, and rule out a fit
# without misfits): per piece role, the models that place it
_FIRST = ("top", "page_top", "after_break", "sub_header")
_MIDDLE = ("centre_up", "centre_down", "page_centre_up", "page_centre_down", "span_centre_up",
           "span_centre_down", "centre_apart")
_LAST = ("bottom", "page_bottom")
PLACING = {role: np.array([float(m in placed) for m in MODELS]) for role, placed in (
    ("whole", MODELS), ("first", _FIRST), ("middle", _MIDDLE), ("last", _LAST),
    ("first_middle", _FIRST + _MIDDLE), ("other", ()))}
TOLERANCE = 0.01  # lines are whole numbers: a model predicts the line itself
CAP = 3.0         # a label this many lines off counts no more (a model that misfits one block)
UNLABELLED = 1.0  # a block without a label between two labelled ones (or at an end)
UNLABELLED_ROW = 0.5  # ... per row of it, where the labels around fit the model exactly
STRONG, WEAK = 3.0, 0.5   # per line of a gap whose clusters fit the model exactly / not
ABSORB = 0.5      # a label alone on its row read as a label of rows around it, not as an entry
APART = 0.25      # ... read so on a line of its own between rows: less than a half-line misfit,
                  # more than nothing, so lines that fit either way stay rows as printed
CROSS = 1.0       # per row a level-2 block takes from another group that the level-1 labels place
GROUP_SLACK = 2.0  # level-1 fits this much worse than the best do not bound level-2 blocks
PAGE_PART = 1.0   # a page's part of a block without a label, under a model that reprints it per part
OVERRUN = 0.5     # a block running on past the row where its wrapped label ran out of rows: a
                  # merged cell's text wraps down its own rows and onto lines of its own only past
                  # the last of them, so those lines say where the cell ends, whatever the model.
                  # Less than a line's misfit: OCR text guesses its page breaks, and a label that
                  # ran out of a page's rows at an unseen break says nothing of the next page
NEAR = 1.0        # a model fitting the labels this much worse (one lost label, one a line off) is
                  # a near fit: the rows it places in another block are not settled by the labels
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
    apart: bool = False         # optional, and read as a line of its own: an entry is the exception
    damaged: bool = False       # a label too damaged to read: a block of some category (`unread`)
    joins: tuple[bool, ...] = ()   # per line: the same label as the line before, wrapped onto this
                                   # one (a narrow column's pieces, each on a row): one label, at
                                   # whichever of its lines the model puts it
    ends: int | None = None     # the row its block's last: its wrapped label ran out of rows there
                                # (`OVERRUN`), where the next row prints on the same page
    loose: bool = False         # its wrapped label ran out of rows (`LabelHint.overflows`): a
                                # cell's text taller than the rows below the model's line prints
                                # from the cell's top, so the model's line is any of its lines


UNREAD = "\x00unread"   # the category of a damaged label's cluster: a prefix, one per row


def unread(category: str | None) -> bool:
    """A cluster category standing for a label too damaged to read (any category but its
    neighbours')."""
    return category is not None and category.startswith(UNREAD)


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
    firm: frozenset[int] = frozenset()      # rows in level-2 gaps whose clusters fit exactly
    damaged: dict[int, frozenset[str]] = field(default_factory=dict)   # hierarchy.damaged_label_rows
    chain: "Chain | None" = field(default=None, repr=False, compare=False)   # the level-2 chain fitted
    groups: "Chain | None" = field(default=None, repr=False, compare=False)  # the level-1 chain fitted
    tied: tuple[str | None, ...] = field(default=(), compare=False)   # other models pricing every row
                                                                       # alike (hierarchy.same_prices)
    pinned: dict[int, str] = field(default_factory=dict, compare=False)   # hierarchy.pinned_by_rivals
    unread_as: dict[str, str] = field(default_factory=dict, compare=False)   # hierarchy.with_unread_read
    unsettled: frozenset[int] = field(default=frozenset(), compare=False)   # Chain.unsettled_rows
    doubted_level2: GapCosts | None = field(default=None, compare=False)   # level2 with them weak

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
    return unread_side(found)


def unread_side(found: tuple[str | None, str | None, float, float, float]) -> float:
    """A row's cost in a category neither block beside its gap names: in a block whose
    label is too damaged to read (it may be any category) where one side is such a block,
    else in a block without a label."""
    left, right, in_left, in_right, elsewhere = found
    if unread(left) and unread(right):
        return min(in_left, in_right)
    if unread(left):
        return in_left
    if unread(right):
        return in_right
    return elsewhere


@dataclass(frozen=True)
class Geometry:
    """Table body lines: each row's first and last line, and where pages begin."""

    starts: list[float]
    ends: list[float]
    page_starts: list[float]    # sorted first lines of pages 2, 3 …

    @cached_property
    def edges(self) -> np.ndarray:
        return np.array([-INF, *self.page_starts, INF])

    def page_bounds(self, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(first, last) line of the page holding each line (unbounded at the ends)."""
        edges = self.edges
        k = np.searchsorted(edges, lines, side="right")
        return edges[k - 1], np.where(k < len(edges) - 1, edges[np.minimum(k, len(edges) - 1)] - 1, INF)


def predicted_costs(a: np.ndarray, b: np.ndarray, ranks: list[tuple[np.ndarray, np.ndarray]],
                    geo: Geometry, first_rows: np.ndarray | None = None,
                    labelled_pages: np.ndarray | None = None) -> np.ndarray:
    """Per block (a..b, one per row of the arrays) and model (`MODELS` order), what its
    labels cost. `ranks[r]` holds, for the blocks whose cluster has an r-th label, their
    indices and that label's line (then, optionally, the models that place it, `PLACING`,
    and how far a loose label's run reaches below it, `piece_spread`); a block's labels
    are added in their order. An even span has two middle lines; an engine takes the
    upper or the lower one, the same way throughout a document (`_up`, `_down`).
    `first_rows` are the blocks' first rows (`a` without the labels' lines): a
    sub-header's line of its own sits half a line above the first row (or is the block's
    first line, a label-only row read as a line apart), so a row taken into the block
    above its label misses by a whole line.
    A block over page breaks has a part per page; under the models that print its label
    on every part (`PER_PART`) each part without one pays `PAGE_PART`. `labelled_pages`:
    per block, how many pages its labels print on (a property of its cluster, counted
    from `ranks` where not given)."""
    first_rows = a if first_rows is None else first_rows
    sub_header = np.where(first_rows % 1 != 0, first_rows, first_rows - 0.5)
    up, down = np.floor((a + b) / 2), np.ceil((a + b) / 2)
    centres_up, centres_down = part_centres(up, a, b, geo), part_centres(down, a, b, geo)
    span_up, span_down = centres_up[0], centres_down[1]
    exact_up, exact_down = (centres_up[0] + centres_up[1]) / 2, (centres_down[0] + centres_down[1]) / 2
    a_hi = geo.page_bounds(a)[1]
    after = np.where(b > a_hi, a_hi + 1, a)
    totals = np.zeros((len(a), len(MODELS)))
    for blocks, line, *rest in ranks:
        first, last = a[blocks], b[blocks]
        page_lo, page_hi = geo.page_bounds(line)
        lo, hi = np.maximum(first, page_lo), np.minimum(last, page_hi)
        part_up, part_down = np.floor((lo + hi) / 2), np.ceil((lo + hi) / 2)
        part_top, part_bottom = lo, hi
        # a line of its own between two rows: an even span's exact centre
        centre, part = (first + last) / 2, (part_up + part_down) / 2
        on_row = np.stack((first, part_top, up[blocks], down[blocks], part_up, part_down, span_up[blocks],
                           span_down[blocks], last, after[blocks], part_bottom, first, centre), axis=1)
        between = np.stack((first, part_top, centre, centre, part, part, exact_up[blocks], exact_down[blocks],
                            last, after[blocks], part_bottom, sub_header[blocks], centre), axis=1)
        columns = np.where((line == np.floor(line))[:, None], on_row, between)
        # a loose label's run of lines (`spread` below its first) costs the distance to the
        # nearest of them; |line - column| for a line alone
        spread = rest[1][:, None] if len(rest) > 1 else 0.0
        distance = np.maximum(line[:, None] - columns, columns - line[:, None] - spread)
        off = np.minimum(np.maximum(distance - TOLERANCE, 0.0), CAP)   # (np.clip's values)
        if rest and rest[0] is not None:
            off = off * rest[0]     # a wrapped label's line: only the models that place it there
        totals[blocks] += off
    if geo.page_starts:
        page_starts = np.asarray(geo.page_starts, dtype=float)
        if labelled_pages is None:
            pages: list[set[int]] = [set() for _ in range(len(a))]
            for blocks, line, *_ in ranks:
                for block, page in zip(blocks.tolist(), np.searchsorted(page_starts, line, side="right").tolist()):
                    pages[block].add(page)
            labelled_pages = np.array([len(p) for p in pages])
        parts = np.searchsorted(page_starts, b, side="right") - np.searchsorted(page_starts, a, side="right") + 1
        totals += PAGE_PART * np.maximum(parts - labelled_pages, 0)[:, None] * PER_PART[None, :]
    return totals


def pages_of(lines: tuple[float, ...], page_starts: list[float]) -> int:
    """How many pages the lines print on."""
    return len({bisect.bisect_right(page_starts, line) for line in lines})


def part_centres(lines: np.ndarray, a: np.ndarray, b: np.ndarray, geo: Geometry
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The upper and lower middle line of the part of a..b on the page holding `lines`."""
    lo, hi = geo.page_bounds(lines)
    lo, hi = np.maximum(a, lo), np.minimum(b, hi)
    return np.floor((lo + hi) / 2), np.ceil((lo + hi) / 2)


def fit_placement(level2: list[Cluster], level1: list[Cluster], geo: Geometry, n: int,
                  sub_header: bool = True, held: frozenset[int] = frozenset(),
                  open_rows: frozenset[int] = frozenset(), close_rows: frozenset[int] = frozenset(),
                  models: frozenset[int] | None = None) -> list[Fit]:
    """The models that explain all the labels best (level-2 blocks and level-1 groups
    alike, each chain on its own), with the free rows' costs under each. Several can
    tie (a short table rarely tells centre-up from centre-down): the caller keeps the
    one whose rows fit best together. `sub_header`: whether the document could print
    its labels as sub-headers (no label shares a line with an indicator's name).
    `held`: rows no labelled level-2 block may hold (a block whose label was lost).
    `open_rows` / `close_rows`: rows holding a level cell no vocabulary reads, where a
    label may open / close a block (`Chain.open_part`; the level-2 chain only: a damaged
    group label is read by its groups' own rules, and a level-2 cell left unread opens
    no group). `models`: where given, the only models a fit may take (where one of them
    explains the labels at all)."""
    if n == 0 or not (level2 or level1):
        return [Fit(None, 0.0)]
    # a level-1 block pays for each row whose level-2 label names another group: the
    # level-2 labels bound the groups as the groups bound the level-2 blocks, so a group
    # whose label OCR lost (or damaged) leaves its rows unlabelled, not another group's
    pins = label_groups(level2, level1, n)
    unread_rows = (open_rows, close_rows)
    chains = level_chains(level2, level1, geo, n, pins, held, exact=True, unread_rows=unread_rows)
    groups = chains[1]
    totals = chain_totals(chains, sub_header)
    if models is not None and any(totals[m] < INF for m in models):
        # the family another weighing of the labels settled (`hierarchy.joined_family`)
        totals = [total if m in models else INF for m, total in enumerate(totals)]
    best = min(totals)
    if best == INF:
        return [Fit(None, INF)]
    tied = [m for m in range(len(MODELS)) if totals[m] <= best + 1e-9]
    fits = []
    misfits: list[Chain] | None = None
    # models fitting the labels all but as well (not a model printing every label by
    # rule: it is a candidate only where exact)
    near = [k for k in range(len(MODELS)) if k not in tied and k not in EXACT_ONLY
            and totals[k] <= best + NEAR + 1e-9]
    # the tie-break asks the rows as printed (pins of lines apart are the exact-only models')
    for m in tied_by_groups(tied, groups, pins is not None and any(g is not None for g in pins[0])):
            fit = Fit(MODELS[m], totals[m])
            unsettled = chains[0].unsettled_rows(m, near)
            priced = chains
            if m in EXACT_ONLY:
                # chosen for explaining every label exactly, its rows are priced as any
                # model's: a row whose block would misplace a label pays the misfit, not
                # an impossibility (a label line OCR put on the wrong row of its block)
                misfits = misfits or level_chains(level2, level1, geo, n, pins, held, exact=False,
                                                  unread_rows=unread_rows)
                priced = misfits
            fit.level2, fit.level1 = (chain.gap_costs(m) for chain in priced)
            fit.chain, fit.groups = priced
            fit.entries = priced[0].entries(m)
            fit.firm = priced[0].firm_rows(m)
            fit.unsettled = unsettled
            if unsettled:   # the rows priced as the near models' doubt leaves them (`hierarchy.unsettled_moves`)
                fit.doubted_level2 = priced[0].gap_costs(m, unsettled)
            fits.append(fit)
    return fits


def chain_totals(chains: list["Chain"], sub_header: bool = True) -> list[float]:
    """Per model (`MODELS` order), what the chains' labels cost together (`sub_header` ruled
    out where the document cannot print its labels so)."""
    totals = [sum(c.total(m) for c in chains) for m in range(len(MODELS))]
    if not sub_header:
        totals[SUB_HEADER] = INF
    return totals


def model_totals(level2: list[Cluster], level1: list[Cluster], geo: Geometry, n: int,
                 sub_header: bool = True, held: frozenset[int] = frozenset(),
                 open_rows: frozenset[int] = frozenset(), close_rows: frozenset[int] = frozenset()
                 ) -> list[float]:
    """`fit_placement`'s cost of the labels under each model, without the fits."""
    if n == 0 or not (level2 or level1):
        return [0.0] * len(MODELS)
    chains = level_chains(level2, level1, geo, n, label_groups(level2, level1, n), held, exact=True,
                          unread_rows=(open_rows, close_rows))
    return chain_totals(chains, sub_header)


def piece_families(totals: list[float], margin: float) -> frozenset[int] | None:
    """The models of the one piece a wrapped label prints on its block's first row, centre or
    last row (`_FIRST`, `_MIDDLE`, `_LAST`: where in its block a label sits) where the best
    of them explains the labels `margin` lines better than any model placing another piece,
    else None."""
    best = min(totals)
    if best == INF:
        return None
    for family in (_FIRST, _MIDDLE, _LAST):
        inside = frozenset(MODELS.index(m) for m in family)
        own = min(totals[m] for m in inside)
        others = min((totals[m] for m in range(len(MODELS)) if m not in inside), default=INF)
        if own <= best + 1e-9 and others >= own + margin - 1e-9:
            return inside
    return None


def level_chains(level2: list[Cluster], level1: list[Cluster], geo: Geometry, n: int,
                 pins: list[list[str | None]] | None, held: frozenset[int], exact: bool,
                 unread_rows: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
                 ) -> list["Chain"]:
    """The level-2 chain and the level-1 groups' chain (which bounds it); `exact`: with
    the exact-only models' misfitting blocks ruled out (`exact_only`)."""
    groups = Chain(level1, geo, n, pins, by_category=True, exact=exact)
    return [Chain(level2, geo, n, groups.row_groups(), foreign=group_label_lines(level1), held=held,
                  exact=exact, open_rows=unread_rows[0], close_rows=unread_rows[1]), groups]


class Chain:
    """Clusters in order and, for every model at once, the cheapest blocks around them.

    Gap g lies before cluster g (gap 0 starts the table, the last gap ends it); its
    positions run from the row after the previous cluster to this cluster's first row.
    The previous block ends at some position y of the gap and the next one starts at a
    position x >= y; rows y..x-1 between them form a block without a label (`UNLABELLED`).
    Costs are arrays over positions (rows) and models (columns)."""

    def __init__(self, clusters: list[Cluster], geo: Geometry, n: int,
                 row_groups: list[list[str | None]] | None = None, by_category: bool = False,
                 foreign: list[tuple[float, str]] | None = None, held: frozenset[int] = frozenset(),
                 exact: bool = True, open_rows: frozenset[int] = frozenset(),
                 close_rows: frozenset[int] = frozenset()):
        self.clusters, self.n = clusters, n
        self.gaps = gap_ranges(clusters, n) if clusters else []
        crossing = group_crossings(row_groups, n) if row_groups else None
        self.tables = chain_tables(clusters, self.gaps, geo, crossing, by_category, foreign, held,
                                   exact) if clusters else []
        if clusters:
            self.ends, self.starts, self.back_ends, self.back_starts = run_chains(self)
            self.totals = self.starts[-1][-1]         # the last start is the table's end, n
        else:
            self.totals = np.zeros(len(MODELS))
        self.paths: dict[int, list[tuple[int, int]]] = {}
        self.profiles: dict[int, np.ndarray] = {}
        self.sides: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.exacts: dict[tuple[int, bool], list[bool]] = {}
        self.open_parts: dict[tuple[int, int, str], frozenset[int]] = {}
        # rows holding an unread level cell: a label OCR damaged may open a block there
        # (`open_rows`), or close one (`close_rows`, any of them: a label's last piece too)
        self.open_rows, self.close_rows = open_rows, open_rows | close_rows
        # a later piece's label opened a line above it, unread too or fused into a name
        # there (`社会効受益人口` over `盎`): where that line is a free row, its label may open
        # there, as a closing piece's does under the bottom models (so the models tie)
        self.head_rows = open_rows | {u - 1 for u in close_rows - open_rows}

    def total(self, m: int) -> float:
        return float(self.totals[m])

    def blocks(self, m: int) -> list[tuple[int, int]]:
        """One cheapest chain under model m: each cluster's (first row, row after)."""
        if not self.paths:
            self.paths = cheapest_blocks_by_model(self)
        if m not in self.paths:
            self.paths[m] = cheapest_blocks(self, m)
        return self.paths[m]

    def exact(self, m: int, placed: bool = False) -> list[bool]:
        """Per cluster, whether its block on the cheapest chain fits model m exactly;
        `placed`: a label on a line apart counts as fitting where it sits where the model
        puts it, its reading's prior aside (the prior weighs readings, not boundaries).
        Kept: `row_groups`, `gap_costs` and `firm_rows` ask again."""
        if (m, placed) not in self.exacts:
            self.exacts[(m, placed)] = [self.tables[t].cost(block, m, placed) <= 0.0
                                        for t, block in enumerate(self.blocks(m))]
        return self.exacts[(m, placed)]

    def entries(self, m: int) -> frozenset[int]:
        """Optional clusters whose block is their own row on the cheapest chain."""
        if not self.clusters:
            return frozenset()
        return frozenset(c.first for c, block in zip(self.clusters, self.blocks(m))
                         if c.optional and block == (c.first, c.first + 1))

    def profile(self, g: int, m: int) -> np.ndarray:
        """For positions lo-1..hi of gap g (rows), the cheapest chain with the row in the
        left block, in the right block, or in a block without a label (3 columns).
        Computed for every model at once and kept: `row_groups` and `gap_costs` read the
        same gaps under several models."""
        if g not in self.profiles:
            self.profiles[g] = gap_profiles(self, g)
        return self.profiles[g][:, :, m]

    def sure_sides(self, g: int) -> tuple[np.ndarray, np.ndarray]:
        """For rows lo..hi-1 of gap g and every model: whether one side (left block, right
        block, a block without a label) is strictly the cheapest and on a cheapest chain,
        and which side is cheapest (the first, as `list.index` finds it). Kept per gap:
        `row_groups` asks under each model in turn."""
        if g in self.sides:
            return self.sides[g]
        lo, hi = self.gaps[g]
        if g not in self.profiles:
            self.profiles[g] = gap_profiles(self, g)
        options = self.profiles[g][1:hi - lo + 1]   # (rows, sides, models)
        least = options.min(axis=1)
        second = np.sort(options, axis=1)[:, 1]
        sure = (least <= self.totals[None, :] + 1e-9) & (second > least + 1e-9)
        self.sides[g] = sure, options.argmin(axis=1)
        return self.sides[g]

    def row_groups(self) -> list[list[str | None]]:
        """Per model, each row's level-1 group where every cheapest chain agrees on it and
        the blocks around fit the model exactly, else None (these chains are groups).
        Models that fit the groups clearly worse than the best are left out (all None)."""
        out = []
        best = float(np.min(self.totals)) if self.clusters else 0.0
        for m in range(len(MODELS)):
            rows: list[str | None] = [None] * self.n
            if self.clusters and self.totals[m] <= best + GROUP_SLACK:
                exact = self.exact(m)
                for t, cluster in enumerate(self.clusters):
                    if exact[t]:
                        rows[cluster.first:cluster.last + 1] = [cluster.category] * (cluster.last - cluster.first + 1)
                for g, (lo, hi) in enumerate(self.gaps):
                    if hi <= lo or not ((g == 0 or exact[g - 1]) and (g == len(self.clusters) or exact[g])):
                        continue
                    sure, side = self.sure_sides(g)
                    for i in (lo + np.nonzero(sure[:, m])[0]).tolist():
                        k = side[i - lo, m]
                        if k == 0 and g > 0:
                            rows[i] = self.clusters[g - 1].category
                        elif k == 1 and g < len(self.clusters):
                            rows[i] = self.clusters[g].category
            out.append(rows)
        return out

    def firm_rows(self, m: int) -> frozenset[int]:
        """Rows of the gaps whose clusters on both sides fit model m exactly."""
        if not self.clusters:
            return frozenset()
        exact = self.exact(m, placed=True)
        firm: set[int] = set()
        for g, (lo, hi) in enumerate(self.gaps):
            if (g == 0 or exact[g - 1]) and (g == len(self.clusters) or exact[g]):
                firm.update(set(range(lo, hi)) - self.open_part(lo, hi, m))
        return frozenset(firm)

    def open_part(self, lo: int, hi: int, m: int) -> frozenset[int]:
        """The rows of gap lo..hi-1 a block whose label was left unread may hold under
        model m, however exactly the labels around fit: from a row where a label may open
        (`head_rows`) to the next label under the models printing a label's first line at
        its block's top; from the gap's start to a row where one may close under those printing its
        last line at the bottom; under the centred ones, the rows around a row where one
        may open, as far on each side as the gap reaches on both (a row more on either:
        an even span's centre)."""
        model = MODELS[m]
        # the part depends on the model only through where it prints a label: `firm_rows` and
        # `gap_costs` ask for every gap under all thirteen models
        role = "first" if model in _FIRST else "last" if model in _LAST else "centre"
        if (lo, hi, role) not in self.open_parts:
            self.open_parts[(lo, hi, role)] = self.rows_an_unread_label_reaches(lo, hi, role)
        return self.open_parts[(lo, hi, role)]

    def rows_an_unread_label_reaches(self, lo: int, hi: int, role: str) -> frozenset[int]:
        """`open_part` for a model printing a label's first line at its block's top
        (`first`), its last line at the bottom (`last`), or centred."""
        out: set[int] = set()
        for u in (self.close_rows if role == "last" else self.head_rows):
            if not lo <= u < hi:
                continue
            if role == "first":
                out.update(range(u, hi))
            elif role == "last":
                out.update(range(lo, u + 1))
            else:
                reach = min(u - lo, hi - 1 - u) + 1
                out.update(range(max(lo, u - reach), min(hi, u + reach + 1)))
        return frozenset(out)

    def unsettled_rows(self, m: int, near: list[int]) -> frozenset[int]:
        """Rows model m clearly puts in one of the two blocks around their gap that a near
        model (`NEAR`: fitting the labels all but as well) clearly puts in the other: the
        labels place them only as far as the choice between the two models goes, which a
        lost or a line-off label decided. (A block without a label keeps its price: a
        near model's doubt is which side, not whether a label was lost.)"""
        if not self.clusters or not near:
            return frozenset()
        out: set[int] = set()
        for g, (lo, hi) in enumerate(self.gaps):
            if hi <= lo:
                continue
            sure, side = self.sure_sides(g)
            for r in range(hi - lo):
                if sure[r, m] and side[r, m] < 2 and any(sure[r, k] and side[r, k] == 1 - side[r, m] for k in near):
                    out.add(lo + r)
        return frozenset(out)

    def gap_costs(self, m: int, unsettled: frozenset[int] = frozenset()) -> GapCosts:
        """`unsettled`: rows a trusted gap weighs as an untrusted one's (`unsettled_rows`)."""
        if not self.clusters:
            return {}
        exact = self.exact(m, placed=True)
        out: GapCosts = {}
        for g, (lo, hi) in enumerate(self.gaps):
            left = self.clusters[g - 1].category if g > 0 else None
            right = self.clusters[g].category if g < len(self.clusters) else None
            trusted = (g == 0 or exact[g - 1]) and (g == len(self.clusters) or exact[g])
            add_gap_costs(out, self, g, m, left, right, STRONG if trusted else WEAK,
                          self.open_part(lo, hi, m) if trusted else frozenset(),
                          unsettled if trusted else frozenset())
        return out


def gap_profiles(ch: Chain, g: int) -> np.ndarray:
    """`Chain.profile` of gap g for every model: (positions, 3, models)."""
    ends, back_ends, starts, back_starts = ch.ends[g], ch.back_ends[g], ch.starts[g], ch.back_starts[g]
    edge = np.full((1, len(MODELS)), INF)
    # (np.concatenate: np.vstack's result for these 2-d arrays, without its wrapping)
    through_end = np.concatenate((edge, ends + back_ends, edge))       # index i - lo + 1
    through_start = np.concatenate((edge, starts + back_starts, edge))
    left = np.concatenate((suffix_min_rows(through_end)[1:], edge))   # an end y > i
    right = np.minimum.accumulate(through_start, axis=0)         # a start x <= i
    prefix = np.minimum.accumulate(np.concatenate((edge, ends, edge)), axis=0)
    suffix = np.concatenate((suffix_min_rows(np.concatenate((edge, back_starts, edge)))[1:], edge))
    return np.stack([left, right, prefix + suffix + UNLABELLED], axis=1)


@dataclass
class Table:
    """A cluster's candidate blocks: first rows X, rows after the last Y, cost per model."""

    xs: tuple[int, int]
    ys: tuple[int, int]
    X: np.ndarray
    Y: np.ndarray
    C: np.ndarray              # (blocks, models)
    entry: bool
    placed: np.ndarray | None = None   # C without the reading's prior (`chain_tables`), where it has one

    def cost(self, block: tuple[int, int], m: int, placed: bool = False) -> float:
        """The block's cost under model m; `placed`: without the prior of the reading of
        a label-only row (how well the labels sit where the model puts them)."""
        x, y = block
        C = self.placed if placed and self.placed is not None else self.C
        if self.entry:
            return float(C[0, m]) if (x, y) == (self.X[0], self.Y[0]) else INF
        if not (self.xs[0] <= x <= self.xs[1] and self.ys[0] <= y <= self.ys[1]):
            return INF
        return float(C[(x - self.xs[0]) * (self.ys[1] - self.ys[0] + 1) + (y - self.ys[0]), m])


def gap_ranges(clusters: list[Cluster], n: int) -> list[tuple[int, int]]:
    ranges = [(0, clusters[0].first)]
    for t in range(1, len(clusters)):
        ranges.append((clusters[t - 1].last + 1, clusters[t].first))
    ranges.append((clusters[-1].last + 1, n))
    return ranges


def tied_by_groups(tied: list[int], groups: Chain, pinned: bool) -> list[int]:
    """Of models that explain the labels equally well, those whose level-1 blocks also
    hold the level-2 labels of their own groups best (`groups` is priced so, `label_groups`):
    each level fitted alone can fit both parities of an even span's centre, the two
    together only one. A tie-break only: where no tied model fits both levels exactly
    (a document printing its level-1 labels by another rule) the fit is the labels' own."""
    if len(tied) < 2 or not pinned:
        return tied
    least = min(groups.total(m) for m in tied)
    if least > 1e-9:
        return tied    # no tied model fits both levels exactly: they do not tell the parity
    return [m for m in tied if groups.total(m) <= least + 1e-9]


def label_groups(level2: list[Cluster], level1: list[Cluster], n: int) -> list[list[str | None]] | None:
    """Per model (all alike), the level-1 group each level-2 label's row states (its
    category's group), for the rows no level-1 label holds: a level-1 block reaching
    into another group's level-2 label pays `CROSS` per such row. The engine that
    prints a document's merged cells prints both levels alike (an even span's label on
    its upper or its lower middle row), so the level-2 labels bound the level-1 blocks
    as those bound the level-2 ones: a group whose label fits one parity only where it
    holds another group's label is told by it (centre-up and centre-down otherwise tie
    where each level, fitted alone, fits both), and a group whose label OCR lost or
    damaged is not swallowed by the group above or below it (its rows are a level-1
    block without a label, `UNLABELLED`, not rows of another group that every level-2
    block of theirs then pays `CROSS` to enter). Labels on lines of their own between
    rows take no row, and are left out, but under the models that print labels so by
    rule (`EXACT_ONLY`): there a label-only row is its block's label, so it states its
    group as a row does (a group whose own label is lost is not swallowed by the group
    above, whose label would then fit only by running to the table's end).
    None where no row is so stated."""
    held = {i for c in level1 for i in range(c.first, c.last + 1)}
    rows: list[str | None] = [None] * n
    apart_rows: list[str | None] = [None] * n
    for c in level2:
        if c.group is None:
            continue
        for i in range(c.first, c.last + 1):
            if i not in held:
                apart_rows[i] = c.group
                if not c.apart:
                    rows[i] = c.group
    if all(g is None for g in apart_rows):
        return None
    return [apart_rows if m in EXACT_ONLY else rows for m in range(len(MODELS))]


def group_crossings(row_groups: list[list[str | None]], n: int):
    """Per model, prefix counts of rows a fitting level-1 block holds, in all and by
    group: how many rows of a block another group's block holds."""
    # models mostly share their rows (`label_groups` gives all one list, models left out are
    # all None): each distinct list is counted once, and its counts repeated per model
    distinct: dict[tuple[str | None, ...], int] = {}
    model_rows = np.array([distinct.setdefault(tuple(rows), len(distinct)) for rows in row_groups])
    groups = sorted({g for rows in distinct for g in rows} - {None})
    code = {group: k for k, group in enumerate(groups)}
    codes = np.array([[code.get(g, -1) for g in rows] for rows in distinct]).reshape(len(distinct), n)
    zero = np.zeros((len(distinct), 1), dtype=int)

    def counts(held: np.ndarray) -> np.ndarray:     # (lists, n + 1): rows held before each position
        return np.concatenate((zero, np.cumsum(held, axis=1)), axis=1)
    placed = counts(codes >= 0)
    by_group = {group: counts(codes == k) for group, k in code.items()}

    def crossing(X: np.ndarray, Y: np.ndarray, group: str | None) -> np.ndarray:
        inside = placed[:, Y] - placed[:, X]                    # (distinct lists, blocks)
        own = by_group.get(group)
        if own is not None:
            inside = inside - (own[:, Y] - own[:, X])
        return CROSS * inside[model_rows].T                     # (blocks, models)
    return crossing


def chain_tables(clusters: list[Cluster], gaps: list[tuple[int, int]], geo: Geometry, crossing=None,
                 by_category: bool = False, foreign: list[tuple[float, str]] | None = None,
                 held: frozenset[int] = frozenset(), exact: bool = True) -> list[Table]:
    """Each cluster's candidate blocks (first rows in the gap before it, rows after the
    last in the gap after it) and their cost per model (with `crossing`, what it costs to
    reach into rows another group's label holds: a level-2 block's `group`, or with
    `by_category` a level-1 block's own category). The labels of all clusters are priced
    together, one pass of array operations per label rank, not one per label. `exact`: the
    exact-only models' misfitting blocks ruled out (`exact_only`)."""
    X_parts, Y_parts = zip(*(candidate_blocks(c, gaps[t], gaps[t + 1]) for t, c in enumerate(clusters)))
    sizes = [len(x) for x in X_parts]
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    X, Y = np.concatenate(X_parts), np.concatenate(Y_parts)
    owner = np.repeat(np.arange(len(clusters)), sizes)
    low = np.array([min(c.lines) for c in clusters])[owner]
    high = np.array([max(c.lines) for c in clusters])[owner]
    first_rows = np.array(geo.starts)[X]
    a = np.minimum(first_rows, low)
    b = np.maximum(np.array(geo.ends)[Y - 1], high)
    ranks = []
    counts = np.array(sizes)
    for r in range(max(len(c.lines) for c in clusters)):
        having = [t for t, c in enumerate(clusters) if len(c.lines) > r]
        # every block of the clusters having an r-th label, in order (one array step each,
        # not one per cluster)
        blocks = np.flatnonzero(np.array([len(c.lines) > r for c in clusters])[owner])
        lines = np.repeat(np.array([clusters[t].lines[r] for t in having]), counts[having])
        placing = np.repeat(np.array([PLACING[piece_role(clusters[t], r)] for t in having]), counts[having], axis=0)
        spreads = np.repeat(np.array([piece_spread(clusters[t], r) for t in having]), counts[having])
        ranks.append((blocks, lines, placing, spreads))
    labelled_pages = None
    if geo.page_starts:
        labelled_pages = np.array([pages_of(c.lines, geo.page_starts) for c in clusters])[owner]
    costs = predicted_costs(a, b, ranks, geo, first_rows, labelled_pages)
    unlabelled_first = unlabelled_first_parts(a, ranks, geo.page_starts)
    if foreign:
        costs = costs + foreign_labels(clusters, owner, a, b, foreign)[:, None]
    tables = []
    for t, cluster in enumerate(clusters):
        Xt, Yt, C = X_parts[t], Y_parts[t], costs[offsets[t]:offsets[t + 1]]
        if t and clusters[t - 1].optional and not by_category:
            # after a label-only row, a block labelled only at a later page's top: under
            # `page_top` its first part is explained by nothing, and the label just above
            # it, read as an entry (or as the label of fewer rows), would be its own
            C = C.copy()
            C[:, PAGE_TOP] += np.where(unlabelled_first[offsets[t]:offsets[t + 1]], PAGE_PART, 0.0)
        placed = None
        if cluster.optional:
            # the prior goes to the reading of the lines the fit is trying: a row (an entry)
            # or a line of its own between rows (its block's label)
            own_row = (Xt == cluster.first) & (Yt == cluster.first + 1)
            if cluster.apart:
                # a line apart that sits where the model puts it fits exactly: the prior
                # weighs the reading against the rows as printed, not the labels' fit
                placed = C
                C = C + np.where(own_row[:, None], ABSORB, APART * APART_PRIOR[None, :])
            else:
                C = C + np.where(own_row, 0.0, ABSORB)[:, None]
        if cluster.ends is not None and not cluster.entry:
            overrun = np.where(Yt - 1 > cluster.ends, OVERRUN, 0.0)[:, None]
            C = C + overrun
            placed = placed + overrun if placed is not None else None
        if crossing is not None and not cluster.damaged:
            crossed = crossing(Xt, Yt, cluster.category if by_category else cluster.group)
            C = C + crossed
            placed = placed + crossed if placed is not None else None
        if held:
            blocked = np.where(holds_rows(Xt, Yt, held), INF, 0.0)[:, None]
            C = C + blocked
            placed = placed + blocked if placed is not None else None
        if exact:
            C, placed = exact_only(C), exact_only(placed) if placed is not None else None
        tables.append(Table(gaps[t], gaps[t + 1], Xt, Yt, C, cluster.entry, placed))
    return tables


def unlabelled_first_parts(a: np.ndarray, ranks: list[tuple[np.ndarray, np.ndarray]],
                           page_starts: list[float]) -> np.ndarray:
    """Per block, whether its first page's part prints none of its labels while a later
    part does: `page_top` prints a span's label at its top, restating it on later parts
    at most, so that first part is explained by nothing."""
    if not page_starts:
        return np.zeros(len(a), dtype=bool)
    first_page = np.searchsorted(page_starts, a, side="right")
    labelled = np.full(len(a), len(page_starts) + 1)
    for blocks, line, *_ in ranks:
        np.minimum.at(labelled, blocks, np.searchsorted(page_starts, line, side="right"))
    return (labelled > first_page) & (labelled <= len(page_starts))


def exact_only(C: np.ndarray) -> np.ndarray:
    """Block costs (blocks, models) with every block that misplaces its label ruled out
    under the models that waive the prior for lines apart (`EXACT_ONLY`): that waiver is
    earned only by explaining every label exactly (a sub-header layout that misfits is no
    better evidence than `top`, a centre apart that misfits none better than `centre_up`).
    A label OCR lost or left unread misplaces nothing: its rows form a block without a
    label, which costs `UNLABELLED` under every model alike, so one lost label does not
    rule the model out for the whole table. A reading's prior counts as a misfit: the
    waiver belongs to the model's own reading (lines apart as labels, rows as entries), and
    a label-only row read otherwise is no exact fit (read as a label of the rows around, it
    would leave them to the wording, not to its label)."""
    C = C.copy()
    cols = C[:, EXACT_ONLY]
    C[:, EXACT_ONLY] = np.where(cols > 1e-9, INF, cols)
    return C


def holds_rows(X: np.ndarray, Y: np.ndarray, rows: frozenset[int]) -> np.ndarray:
    """Per block (first row X, row after Y): whether it holds any of `rows`."""
    out = np.zeros(len(X), dtype=bool)
    for r in rows:
        out |= (X <= r) & (r < Y)
    return out


def group_label_lines(level1: list[Cluster]) -> list[tuple[float, str]]:
    """The lines the level-1 labels print on, with their group (damaged ones left out, and
    a line not on or beside its cluster's rows: a hint whose line was never set)."""
    return [(line, c.category) for c in level1 if not unread(c.category)
            for line in c.lines if c.first - 1 < line < c.last + 1]


def foreign_labels(clusters: list[Cluster], owner: np.ndarray, a: np.ndarray, b: np.ndarray,
                   foreign: list[tuple[float, str]]) -> np.ndarray:
    """Per level-2 block (lines a..b), `CROSS` for each level-1 label of another group
    printed inside it: a merged level-2 cell lies inside its group's, and every model
    prints a group's label within the group's span (a line of its own above its first
    row or below its last at most), so no level-2 block holds another group's label, on
    a row of the block or on a line of its own between two of its rows. Unlike the rows
    the level-1 blocks pin (`label_groups`, where they fit exactly), this holds whatever
    the model, so a label that fits some model exactly only by running its block through
    another group is not that model's evidence. Only blocks of a group the document reads
    at level 1 pay: a level-2 label of any other group may be a misread."""
    # only a block whose group the document prints as a level-1 label: a level-2 label of a
    # group never read at level 1 is a damaged piece read as another vocabulary's label
    # (`响指标` as 管理指标), or its group's label was lost, and where that group's rows lie
    # (whose labels its block may not hold) is not known
    read = {group for _, group in foreign}
    groups = np.array([c.group if c.group in read and not c.damaged else "" for c in clusters],
                      dtype=object)[owner]
    # a label a vocabulary reads at both levels (成本指标) is not another group's
    categories = np.array([c.category for c in clusters], dtype=object)[owner]
    out = np.zeros(len(a))
    for line, group in foreign:
        inside = (a <= line) & (line <= b) if line == np.floor(line) else (a < line) & (line < b)
        out += CROSS * (inside & (groups != "") & (groups != group) & (categories != group))
    return out


def piece_role(cluster: Cluster, r: int) -> str:
    """Which piece of its label the cluster's r-th line holds where the label wraps over
    lines (`joins`): `first`, `middle` (the upper of two), `last` (several at once, a label
    on two lines is `first` and `middle`), `other`; `whole` for a label on one line, and
    for a loose label's first line (`piece_spread`: it stands for the run)."""
    if not cluster.joins:
        return "whole"
    start, end = piece_run(cluster.joins, r)
    if start == end:
        return "whole"
    if cluster.loose:
        return "whole" if r == start else "other"
    k, m = r - start, end - start + 1
    roles = {0: "first", (m - 1) // 2: "middle", m - 1: "last"}
    if k == 0 and (m - 1) // 2 == 0:
        return "first_middle"
    return roles.get(k, "other")


def piece_run(joins: tuple[bool, ...], r: int) -> tuple[int, int]:
    """The first and last line of the run of joined lines holding line r."""
    start = r
    while start > 0 and joins[start]:
        start -= 1
    end = r
    while end + 1 < len(joins) and joins[end + 1]:
        end += 1
    return start, end


def piece_spread(cluster: Cluster, r: int) -> float:
    """A loose label's first line: how far below it its run of lines reaches (a model's
    line anywhere on the run fits); 0 for every other line."""
    if not (cluster.loose and cluster.joins):
        return 0.0
    start, end = piece_run(cluster.joins, r)
    return float(cluster.lines[end] - cluster.lines[start]) if r == start else 0.0


def candidate_blocks(cluster: Cluster, starts: tuple[int, int], ends: tuple[int, int]
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(first rows, rows after the last) of the cluster's candidate blocks, by first row
    then row after (`Table.cost` indexes them so); an entry's block is its own row."""
    if cluster.entry:
        return np.array([cluster.first]), np.array([cluster.first + 1])
    xs, ys = np.arange(starts[0], starts[1] + 1), np.arange(ends[0], ends[1] + 1)
    return np.repeat(xs, len(ys)), np.tile(ys, len(xs))


def run_chains(ch: Chain):
    """The dynamic programme along the chain, forwards and backwards, for every model:
    per gap, arrays over its positions of the cheapest prefix ending the previous block
    there (`ends`), the cheapest prefix before the next block starting there (`starts`),
    and the cheapest suffixes after them (`back_ends`, `back_starts`)."""
    T, M = len(ch.clusters), len(MODELS)
    sizes = [hi - lo + 1 for lo, hi in ch.gaps]
    ends = [np.full((size, M), INF) for size in sizes]
    ends[0][0] = 0.0                                   # the table starts at row 0
    starts: list[np.ndarray] = []
    for g in range(T + 1):
        lo = ch.gaps[g][0]
        before = np.empty_like(ends[g])     # the least end before each position (INF at the first)
        before[0] = INF
        np.minimum.accumulate(ends[g][:-1], axis=0, out=before[1:])
        starts.append(np.minimum(ends[g], before + UNLABELLED))
        if g < T:
            table = ch.tables[g]
            values = starts[g][table.X - lo] + table.C
            fold_blocks(ends[g + 1], table.Y - ch.gaps[g + 1][0], values, table, axis=0)
    if T:   # the last block is followed by the table's end, nothing starts before it
        starts[T][:-1] = INF
    back_starts = [np.full((size, M), INF) for size in sizes]
    back_starts[T][-1] = 0.0                           # position n: the table's end
    back_ends: list[np.ndarray] = [None] * (T + 1)    # type: ignore[list-item]
    for g in range(T, -1, -1):
        after = np.empty_like(back_starts[g])     # the least start after each position (INF at the last)
        after[:-1] = suffix_min_rows(back_starts[g][1:])
        after[-1] = INF
        back_ends[g] = np.minimum(back_starts[g], after + UNLABELLED)
        if g > 0:
            table = ch.tables[g - 1]
            values = table.C + back_ends[g][table.Y - ch.gaps[g][0]]
            fold_blocks(back_starts[g - 1], table.X - ch.gaps[g - 1][0], values, table, axis=1)
    return ends, starts, back_ends, back_starts


def fold_blocks(into: np.ndarray, positions: np.ndarray, values: np.ndarray, table: Table, axis: int) -> None:
    """`np.minimum.at(into, positions, values)`, of a table's blocks by their row after
    (axis 0: the least over first rows) or their first row (axis 1). The blocks are a
    grid, first row by row after (`candidate_blocks`), and the positions run from 0, so
    a reshape and a min do what the unbuffered `at` does one block at a time."""
    if table.entry:
        np.minimum.at(into, positions, values)
        return
    grid = values.reshape(table.xs[1] - table.xs[0] + 1, table.ys[1] - table.ys[0] + 1, -1).min(axis=axis)
    into[:len(grid)] = np.minimum(into[:len(grid)], grid)


def suffix_min_rows(values: np.ndarray) -> np.ndarray:
    return np.minimum.accumulate(values[::-1], axis=0)[::-1]


def cheapest_blocks_by_model(ch: Chain) -> dict[int, list[tuple[int, int]]]:
    """`cheapest_blocks` under every model at once, one array step per cluster; models
    without a chain (an infinite total, a walk that finds no block) are left out, for
    `cheapest_blocks` to walk on their own."""
    models = np.arange(len(MODELS))
    x = np.full(len(MODELS), ch.n)
    walked = np.isfinite(ch.totals)
    blocks = []
    for g in range(len(ch.clusters), 0, -1):
        lo = ch.gaps[g][0]
        ends = ch.ends[g]
        at = np.minimum(np.maximum(x - lo, 0), len(ends) - 1)     # (np.clip, without its checks)
        here = ends[at, models] <= ch.starts[g][at, models] + 1e-9
        walked &= here | (x > lo)
        before = np.where(np.arange(len(ends))[:, None] < (x - lo)[None, :], ends, INF)
        y = np.where(here, x, lo + before.argmin(axis=0))       # the first cheapest end before x
        table, start_lo = ch.tables[g - 1], ch.gaps[g - 1][0]
        values = ch.starts[g - 1][table.X - start_lo] + table.C  # (blocks, models)
        chosen = table.Y[:, None] == y[None, :]
        walked &= chosen.any(axis=0)
        masked = np.where(chosen, values, INF)
        k = masked.argmin(axis=0)
        k = np.where(masked[k, models] < INF, k, chosen.argmax(axis=0))   # all infinite: the first
        x = table.X[k]
        blocks.append((x.tolist(), y.tolist()))
    return {m: [(bx[m], by[m]) for bx, by in reversed(blocks)]
            for m in models.tolist() if walked[m]}


def cheapest_blocks(ch: Chain, m: int) -> list[tuple[int, int]]:
    """Walk one cheapest chain back from the table's end under model m."""
    blocks = []
    x = ch.n
    for g in range(len(ch.clusters), 0, -1):
        lo = ch.gaps[g][0]
        ends = ch.ends[g][:, m]
        target = ch.starts[g][x - lo, m]
        y = x if ends[x - lo] <= target + 1e-9 else lo + int(np.argmin(ends[:x - lo]))
        table, start_lo = ch.tables[g - 1], ch.gaps[g - 1][0]
        chosen = np.nonzero(table.Y == y)[0]
        values = ch.starts[g - 1][table.X[chosen] - start_lo, m] + table.C[chosen, m]
        x = int(table.X[chosen[int(np.argmin(values))]]) if len(chosen) else -1
        blocks.append((x, y))
    return blocks[::-1]


def label_lines_crossed(ch: Chain, g: int, m: int) -> tuple[bool, bool]:
    """Whether a row of gap g taken into the block on its left (right) crosses that block's
    label printed on a line of its own: under a model printing labels at their blocks'
    bottoms (tops), the left (right) cluster read as a line apart. The row then lies on the
    far side of the label's line, yet misses the model by half a line only (a line apart
    sits at x.5); where the labels fit exactly, `add_gap_costs` counts it a whole line, so
    a name's wording cannot take a row across a label so placed."""
    model = MODELS[m]
    left = g > 0 and ch.clusters[g - 1].apart and model in _LAST
    right = g < len(ch.clusters) and ch.clusters[g].apart and model in _FIRST
    return left, right


def add_gap_costs(out: GapCosts, ch: Chain, g: int, m: int, left: str | None, right: str | None,
                  weight: float, weak: frozenset[int] = frozenset(),
                  unsettled: frozenset[int] = frozenset()) -> None:
    """Rows lo..hi-1 of gap g: in the left cluster's block (its end pushed past the row),
    in the right one's (its start at or before the row), or in a block without a label.
    Each pays, times `weight`, what that adds to the cheapest chain; the first two as
    increments that add up, over a run of rows, to the whole change once. The rows of
    `weak` pay `WEAK` whatever `weight` (a trusted gap's part an unread label may hold);
    those of `unsettled` pay `WEAK` for the side they take, `weight` for a block without
    a label (`Chain.unsettled_rows`: which side is in doubt, not the labels' count)."""
    lo, hi = ch.gaps[g]
    best = float(ch.totals[m])
    if best == INF or hi <= lo:
        return
    profile = ch.profile(g, m).tolist()   # Python floats: the same doubles, read faster

    def scaled(w, value, base=0.0, whole=False):
        extra = value - base if value < INF and base < INF else INF
        if whole and extra > TOLERANCE:
            extra = max(extra, 1.0)
        return w * min(extra, CAP * 2) if extra < INF else w * CAP * 2

    across_left, across_right = label_lines_crossed(ch, g, m)
    for i in range(lo, hi):
        row_weight = WEAK if i in weak else weight
        trusted = row_weight == STRONG
        side_weight = WEAK if i in unsettled else row_weight
        prior = UNLABELLED_ROW if trusted else 0.0
        k = i - lo + 1
        with_left, with_right, unlabelled = profile[k]
        in_left = (scaled(side_weight, with_left, profile[k - 1][0], trusted and across_left)
                   if left is not None else INF)
        in_right = (scaled(side_weight, with_right, profile[k + 1][1], trusted and across_right)
                    if right is not None else INF)
        # what the geometry loses; the prior against a block without a label is paid once
        # per row, unscaled: a name's clear wording may still open such a block
        elsewhere = scaled(row_weight, max(0.0, unlabelled - best - UNLABELLED)
                           if unlabelled < INF else INF) + prior
        out[i] = (left, right, float(in_left), float(in_right), float(elsewhere))
