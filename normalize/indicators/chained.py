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


def exact_chains(fit: Fit, worded: list[tuple[float, ...]], ks: list[int], path: list[int]
                 ) -> list[int | None] | None:
    """Per row, the category every best exact chain gives it (None where they differ).

    An exact chain's blocks cover the rows one after another and each fits the model
    exactly; the best cost least in their rows' categories (`worded`: per row and
    category, the costs that do not depend on the placement), and of chains worded alike,
    move the fewest rows off the path (`MOVED` each, far below a wording: the rows' own
    choices stand where nothing else tells). Chains within `TIED` of the cheapest are
    best alike: where they put a row differently, neither is taken for it. None where no
    chain is exact. A forward and a backward pass over the clusters' exact blocks give
    each block the cheapest chain through it."""
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
    forward = [{0: 0.0}]          # per cluster t: row after the blocks before it -> cheapest cost
    for options in blocks:
        here: dict[int, float] = {}
        for x, y, cost in options:
            if x in forward[-1]:
                here[y] = min(here.get(y, INF), forward[-1][x] + cost)
        forward.append(here)
    backward = [{n: 0.0}]         # built from the end: first row of the blocks after -> cheapest cost
    for options in reversed(blocks):
        here = {}
        for x, y, cost in options:
            if y in backward[-1]:
                here[x] = min(here.get(x, INF), backward[-1][y] + cost)
        backward.append(here)
    backward.reverse()
    best = forward[-1].get(n, INF)
    if best == INF:
        return None
    taken: list[set[int]] = [set() for _ in range(n)]
    for t, options in enumerate(blocks):
        for x, y, cost in options:
            through = forward[t].get(x, INF) + cost + backward[t + 1].get(y, INF)
            if through <= best + TIED:
                for i in range(x, y):
                    taken[i].add(ks[t])
    return [next(iter(k)) if len(k) == 1 else None for k in taken]


def chained_rows(path: list[int], labels: list[str], fit: Fit, worded: list[tuple[float, ...]],
                 rivals: tuple[Fit, ...] = ()) -> dict[int, int]:
    """Rows -> the category index the exact chain best worded puts them in, where the
    path's blocks do not fit the model exactly but some chain does (see the module's
    doc). Nothing where the fit is not exact, where a cluster is a label-only row's
    reading, or where a moved row would leave both blocks beside its gap. A label too
    damaged to read is a block of the category the path gives it: one such label
    anywhere would otherwise leave every tied row of the document to its wording alone.
    An entry (a category listed without indicators) is a block of its own row in
    every chain, so it only bounds the blocks beside it. A path whose blocks fit a rival fit (another model explaining the
    labels exactly as well) exactly is left as it is."""
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
    if blocks is None or fits_exactly(fit, blocks, n):
        return {}
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
        out[i] = k
    return out
