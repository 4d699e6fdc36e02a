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
TIED = 0.01    # chains whose rows' wording costs this close: neither is chosen (`TIE_BREAK` steps below it)


def path_blocks(path: list[int], clusters, index: dict[str, int]) -> list[tuple[int, int]] | None:
    """Each cluster's block on the path: the run of rows around it in its category (None
    where a cluster's rows are not all in its category, or two clusters share a run)."""
    blocks = []
    for c in clusters:
        k = index.get(c.category)
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


def exact_chain(fit: Fit, worded: list[tuple[float, ...]], index: dict[str, int], n: int
                ) -> list[tuple[int, int]] | None:
    """Of the chains whose blocks cover the rows one after another and each fit the model
    exactly, the one whose rows cost least in their blocks' categories (`worded`: per row
    and category, the costs that do not depend on the placement); None where there is
    none, or where another such chain costs as little (within `TIED`: the rows' wording
    does not choose between them either)."""
    ch, m = fit.chain, MODELS.index(fit.model)
    ks = [index[c.category] for c in ch.clusters]
    costs = np.asarray(worded, dtype=float)
    prefix = np.vstack((np.zeros((1, costs.shape[1])), np.cumsum(np.where(np.isfinite(costs), costs, 1e6), axis=0)))
    best: dict[int, tuple[float, bool]] = {0: (0.0, False)}   # row after the last block -> (cost, tied)
    backs = []
    for t, table in enumerate(ch.tables):
        here: dict[int, tuple[float, bool, tuple[int, int]]] = {}
        exact = table.C[:, m] <= EXACT
        for x, y in zip(table.X[exact].tolist(), table.Y[exact].tolist()):
            if x not in best or y <= x:
                continue
            cost = best[x][0] + float(prefix[y, ks[t]] - prefix[x, ks[t]])
            old = here.get(y)
            if old is None or cost < old[0] - TIED:
                here[y] = (cost, best[x][1], (x, y))
            elif cost <= old[0] + TIED:
                here[y] = (min(cost, old[0]), True, old[2] if old[0] <= cost else (x, y))
        if not here:
            return None
        backs.append(here)
        best = {y: (cost, tied) for y, (cost, tied, _) in here.items()}
    if n not in best or best[n][1]:
        return None
    blocks, y = [], n
    for here in reversed(backs):
        x, y2 = here[y][2]
        blocks.append((x, y2))
        y = x
    return blocks[::-1]


def chained_rows(path: list[int], labels: list[str], fit: Fit, worded: list[tuple[float, ...]],
                 rivals: tuple[Fit, ...] = ()) -> dict[int, int]:
    """Rows -> the category index the exact chain best worded puts them in, where the
    path's blocks do not fit the model exactly but some chain does (see the module's
    doc). Nothing where the fit is not exact, where a cluster is an entry, a label-only
    row's reading, or a damaged label, or where a moved row would leave both blocks
    beside its gap. A path whose blocks fit a rival fit (another model explaining the
    labels exactly as well) exactly is left as it is."""
    ch = fit.chain
    if ch is None or fit.model is None or not ch.clusters or not path or fit.damaged:
        return {}
    m = MODELS.index(fit.model)
    if ch.total(m) > EXACT or any(c.entry or c.optional or c.damaged or unread(c.category) for c in ch.clusters):
        return {}
    index = {label: k for k, label in enumerate(labels)}
    n = len(path)
    blocks = path_blocks(path, ch.clusters, index)
    if blocks is None or fits_exactly(fit, blocks, n):
        return {}
    for other in rivals:
        if other.chain is not None and other.model is not None and other.chain.clusters == ch.clusters:
            if fits_exactly(other, blocks, n):
                return {}
    chain = exact_chain(fit, worded, index, n)
    if chain is None:
        return {}
    out: dict[int, int] = {}
    for t, (x, y) in enumerate(chain):
        k = index[ch.clusters[t].category]
        for i in range(x, y):
            if path[i] == k:
                continue
            g = next(g for g, (lo, hi) in enumerate(ch.gaps) if lo <= i < hi) if not (
                ch.clusters[t].first <= i <= ch.clusters[t].last) else None
            if g is None or g == 0 or g == len(ch.clusters):
                return {}
            beside = {index[ch.clusters[g - 1].category], index[ch.clusters[g].category]}
            if path[i] not in beside or k not in beside:
                return {}
            out[i] = k
    return out
