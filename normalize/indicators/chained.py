"""Rows tied between two blocks, decided together along the chain of blocks.

The placement fit prices each free row on its own (`placement.add_gap_costs`): what moving
it across its gap's boundary adds to the cheapest chain, the other blocks free to follow.
Where an even span's centre may lie a row up or a row down, a whole run of blocks can
shift by a row together and still fit the labels exactly, so each boundary row is free on
either side, and the rows' wording chooses each side alone. Chosen alone, the sides can
make a chain no model accepts: one block a row too long, the next a row too short (a row
worded for 成本 taken into 成本指标 above while the rows below stayed where the other
chain puts them), every label then a line off its block's centre.

`chained_rows` checks the rows' blocks against the fitted model. Where they do not fit as
well as the fit's cheapest chain, it chooses among the chains that do (each cluster's
block fitting exactly, the blocks contiguous) the one whose rows are worded best for
their blocks, a small dynamic programme over the clusters' candidate blocks. Only rows
between two labelled blocks move, to the other of the two, and each is said (a warning):
the labels alone did not tell its side; the chain they must form did.

The level-1 groups are such a chain too, priced row by row the same way: where the
path's level-2 blocks fit but the groups they make do not (each group's gap prices a
boundary row alike on either side, one shifting its far end, the other its near one, and
the rows chose one of each), the chains chosen among are those whose runs of blocks also
fit the level-1 labels exactly (`group_runs`).
"""
from __future__ import annotations

import numpy as np

from formex.normalize.indicators.placement import INF, MODELS, Fit, unread

EXACT = 1e-9
MOVED = 0.05   # per row a chain moves off the path: below any wording, above `TIED`
TIED = 0.01    # chains whose rows' wording costs this close: neither is chosen (`TIE_BREAK` steps below it)


def cluster_categories(clusters, index: dict[str, int], path: list[int]) -> list[int | None]:
    """Each cluster's category index: its label's, or for a label too damaged to read
    (`unread`) the one the path gives its row: such a label is some category's, and the
    costs that chose the path read its characters and the rows around it. None where a
    label names no category of the schema."""
    return [path[c.first] if unread(c.category) else index.get(c.category) for c in clusters]


def path_blocks(path: list[int], clusters, ks: list[int | None]) -> list[tuple[int, int]] | None:
    """Each cluster's block on the path: the run of rows around it in its category (`ks`,
    `cluster_categories`; None where a cluster's rows are not all in its category, or two
    clusters share a run)."""
    blocks = []
    for c, k in zip(clusters, ks):
        if k is None or any(path[i] != k for i in range(c.first, c.last + 1)):
            return None
        x, y = c.first, c.last + 1
        while x > 0 and path[x - 1] == k:
            x -= 1
        while y < len(path) and path[y] == k:
            y += 1
        if blocks and x < blocks[-1][1]:
            return None
        blocks.append((x, y))
    return blocks


def fits_exactly(fit: Fit, blocks: list[tuple[int, int]], n: int) -> bool:
    """The blocks cover every row, one after another, each fitting the fit's model as well
    as its cheapest chain does (exactly: the chain's total is nought)."""
    ch, m = fit.chain, MODELS.index(fit.model)
    if blocks[0][0] != 0 or blocks[-1][1] != n or any(a[1] != b[0] for a, b in zip(blocks, blocks[1:])):
        return False
    return all(table.cost(block, m) <= EXACT for table, block in zip(ch.tables, blocks))


def exact_chains(fit: Fit, worded: list[tuple[float, ...]], ks: list[int], path: list[int],
                 runs: list[tuple[bool, int | None]] | None = None) -> list[int | None] | None:
    """Per row, the category every best exact chain gives it (None where they differ).

    An exact chain's blocks cover the rows one after another and each fits the model
    exactly; the best cost least in their rows' categories (`worded`: per row and
    category, the costs that do not depend on the placement), and of chains worded alike,
    move the fewest rows off the path (`MOVED` each, far below a wording: the rows' own
    choices stand where nothing else tells). Chains within `TIED` of the cheapest are
    best alike: where they put a row differently, neither is taken for it. None where no
    chain is exact. A forward and a backward pass over the clusters' exact blocks give
    each block the cheapest chain through it. `runs` (`group_runs`): the level-1 group
    each run of clusters makes must fit the model exactly too; a pass then also carries
    the first row of the run it is in."""
    ch, m = fit.chain, MODELS.index(fit.model)
    n = len(path)
    costs = np.asarray(worded, dtype=float)
    costs = costs + MOVED * (np.asarray(path)[:, None] != np.arange(costs.shape[1])[None, :])
    prefix = np.vstack((np.zeros((1, costs.shape[1])), np.cumsum(np.where(np.isfinite(costs), costs, 1e6), axis=0)))
    blocks = []    # per cluster: its exact blocks (x, y, cost of its rows)
    for t, table in enumerate(ch.tables):
        exact = table.C[:, m] <= EXACT
        blocks.append([(x, y, float(prefix[y, ks[t]] - prefix[x, ks[t]]))
                       for x, y in zip(table.X[exact].tolist(), table.Y[exact].tolist()) if y > x])

    def step(t: int, start: int | None, x: int, y: int) -> tuple[int, int | None] | None:
        """The state after cluster t's block x..y entered in `start`'s run, None where the
        run it closes is a level-1 block the model does not accept."""
        if runs is None:
            return y, None
        first, table = runs[t]
        start = x if first else start
        if table is None:
            return y, start
        return (y, None) if fit.groups.tables[table].cost((start, y), m) <= EXACT else None

    starting: list[dict[int, list[tuple[int, float]]]] = []   # per cluster: first row -> its blocks
    for options in blocks:
        by_start: dict[int, list[tuple[int, float]]] = {}
        for x, y, cost in options:
            by_start.setdefault(x, []).append((y, cost))
        starting.append(by_start)

    forward = [{(0, None): 0.0}]  # per cluster t: (row after the blocks before it, run start) -> cheapest
    for t in range(len(blocks)):
        here: dict[tuple[int, int | None], float] = {}
        for (x, start), before in forward[-1].items():
            for y, cost in starting[t].get(x, ()):
                after = step(t, start, x, y)
                if after is not None:
                    here[after] = min(here.get(after, INF), before + cost)
        forward.append(here)
    best = forward[-1].get((n, None), INF)
    if best == INF:
        return None
    backward = [{} for _ in blocks] + [{(n, None): 0.0}]   # the same states -> cheapest rest
    for t in range(len(blocks) - 1, -1, -1):
        for (x, start) in forward[t]:
            for y, cost in starting[t].get(x, ()):
                after = step(t, start, x, y)
                if after is not None and after in backward[t + 1]:
                    backward[t][(x, start)] = min(backward[t].get((x, start), INF), cost + backward[t + 1][after])
    taken: list[set[int]] = [set() for _ in range(n)]
    for t in range(len(blocks)):
        for (x, start), before in forward[t].items():
            for y, cost in starting[t].get(x, ()):
                after = step(t, start, x, y)
                if after is not None and before + cost + backward[t + 1].get(after, INF) <= best + TIED:
                    for i in range(x, y):
                        taken[i].add(ks[t])
    return [next(iter(k)) if len(k) == 1 else None for k in taken]


def group_runs(fit: Fit, ks: list[int], groups: list[str]) -> list[tuple[bool, int | None]] | None:
    """Per level-2 cluster: whether it opens a run of clusters of one level-1 group, and
    where it closes one, the level-1 cluster (its index in `fit.groups`) whose block the
    run is. None where the level-1 labels do not fit the model exactly or do not name the
    runs one to one, in order (a group whose label OCR lost bounds nothing)."""
    chain = fit.groups
    if chain is None or not chain.clusters or chain.total(MODELS.index(fit.model)) > EXACT:
        return None
    named = [groups[k] for k in ks]
    if [c.category for c in chain.clusters] != [g for t, g in enumerate(named) if t == 0 or named[t - 1] != g]:
        return None
    out, run = [], -1
    for t, group in enumerate(named):
        first = t == 0 or named[t - 1] != group
        run += first
        last = t == len(named) - 1 or named[t + 1] != group
        out.append((first, run if last else None))
    return out


def groups_fit(fit: Fit, runs: list[tuple[bool, int | None]], blocks: list[tuple[int, int]],
               rivals: tuple[Fit, ...]) -> bool:
    """The level-1 blocks the path's level-2 blocks make fit the model exactly, or a rival
    fit's (another model explaining the labels exactly as well) both levels."""
    def fits(one: Fit) -> bool:
        m, start = MODELS.index(one.model), 0
        for (first, table), (x, y) in zip(runs, blocks):
            start = x if first else start
            if table is not None and one.groups.tables[table].cost((start, y), m) > EXACT:
                return False
        return True
    if fits(fit):
        return True
    return any(other.chain is not None and other.groups is not None and other.model is not None
               and other.chain.clusters == fit.chain.clusters and other.groups.clusters == fit.groups.clusters
               and fits_exactly(other, blocks, fit.chain.n) and fits(other) for other in rivals)


def chained_rows(path: list[int], labels: list[str], fit: Fit, worded: list[tuple[float, ...]],
                 rivals: tuple[Fit, ...] = (), groups: list[str] | None = None,
                 printed_groups: list[str | None] | None = None) -> dict[int, int]:
    """Rows -> the category index the exact chain best worded puts them in, where the
    path's blocks do not fit the model exactly but some chain does (see the module's
    doc). Nothing where the fit is not exact, where a cluster is a label-only row's
    reading, or where a moved row would leave both blocks beside its gap. A label too
    damaged to read is a block of the category the path gives it: one such label
    anywhere would otherwise leave every tied row of the document to its wording alone.
    An entry (a category listed without indicators) is a block of its own row in
    every chain, so it only bounds the blocks beside it. A path whose blocks fit a rival fit (another model explaining the
    labels exactly as well) exactly is left as it is. `groups`: per category, its level-1
    group, for the groups' own check where the level-2 blocks fit. `printed_groups`: per
    row, the level-1 group a label on its own line names (None elsewhere); a chain that
    would move a row out of the group its own line names moves nothing: a label lies
    within its span under every model, so the chain, not the row, is wrong."""
    ch = fit.chain
    if ch is None or fit.model is None or not ch.clusters or not path:
        return {}
    m = MODELS.index(fit.model)
    if ch.total(m) > EXACT or any(c.optional for c in ch.clusters):
        return {}
    index = {label: k for k, label in enumerate(labels)}
    ks = cluster_categories(ch.clusters, index, path)
    n = len(path)
    blocks = path_blocks(path, ch.clusters, ks)
    if blocks is None:
        return {}
    if fits_exactly(fit, blocks, n):
        # the level-2 blocks fit: the level-1 groups they make may still not
        runs = group_runs(fit, ks, groups) if groups else None
        if runs is None or groups_fit(fit, runs, blocks, rivals):
            return {}
        agreed = exact_chains(fit, worded, ks, path, runs)
    else:
        for other in rivals:
            if other.chain is not None and other.model is not None and other.chain.clusters == ch.clusters:
                if fits_exactly(other, blocks, n):
                    return {}
        agreed = exact_chains(fit, worded, ks, path)
    if agreed is None:
        return {}
    # rows holding labels, read or damaged (`fit.damaged`), stay: only free rows move
    held = {i for c in ch.clusters for i in range(c.first, c.last + 1)} | set(fit.damaged)
    out: dict[int, int] = {}
    for i, k in enumerate(agreed):
        if k is None or k == path[i]:
            continue
        g = next((g for g, (lo, hi) in enumerate(ch.gaps) if lo <= i < hi), None)
        if i in held or g is None or g == 0 or g == len(ch.clusters):
            return {}
        beside = {ks[g - 1], ks[g]}
        if path[i] not in beside or k not in beside:
            return {}
        if groups and printed_groups and printed_groups[i] not in (None, groups[k]):
            return {}
        out[i] = k
    return out
