"""Why each indicator row took its category: the hierarchy's costs, for a person to read.

`decide_rows` runs the same cost table and dynamic programme as `place_rows` and keeps,
for every row and category, the row's own cost (with its parts) and the cost of the
cheapest whole segmentation that puts the row in that category. The second comes from
running the programme twice: forwards, and on the mirrored problem (rows and categories
reversed), where it gives the cheapest cost of the rows from this one to the end. Both
runs include the row's own cost once, so

    total[i][k] = forward[i][k] + mirrored[n-1-i][m-1-k] - cost[i][k]

and the chosen category's total is the optimum: every other total says how much more
the table would cost with the row there. Nothing here changes a result.

`chosen` is the programme's choice. `place_rows` may still move a row tied between two
blocks after it (the chain of blocks, a row's likeness to its neighbours), saying so in a
`level_boundary_ambiguous` warning; `formex explain` shows where the row went and why.
"""
from __future__ import annotations

from dataclasses import dataclass

from formex.normalize.indicators.hierarchy import (
    INF, cheapest_path, cheapest_prefixes, cost_of, cost_table, entry_flags, fit_items,
    labelled_categories, nearest_label_categories, one_template_prefixes, segmentation_totals)
from formex.normalize.indicators.rows import IndicatorRow
from formex.schemas.forms import Level2Spec


@dataclass(frozen=True)
class RowDecision:
    """One row's candidates: per category (in the schema's order) its own cost, the parts
    of that cost (`hierarchy.COST_PARTS` order; None where the row states another
    category) and the total cost of the best segmentation with the row there."""

    chosen: int
    costs: tuple[float, ...]
    parts: tuple[tuple[float, ...] | None, ...]
    totals: tuple[float, ...]

    @property
    def extra(self) -> tuple[float, ...]:
        """Per category, what putting the row there would add to the chosen segmentation."""
        best = self.totals[self.chosen]
        return tuple(INF if t == INF or best == INF else max(0.0, t - best) for t in self.totals)


@dataclass(frozen=True)
class Decisions:
    rows: list[RowDecision]
    placement: str | None    # the document's fitted placement model (None: no labels to fit)
    ordered: bool            # False: the labels contradict the order; each row took the last label
    tables: tuple[tuple[str, str | None], ...] = ()   # per table of several: its period and fitted model


def decide_rows(items: list[IndicatorRow], categories: tuple[Level2Spec, ...]) -> Decisions:
    """Per row, the costs behind `place_rows`'s choice (the programme's; see the module's
    docstring for the moves after it)."""
    if not items:
        return Decisions([], False, True)
    fit = fit_items(items, categories)
    parts = cost_table(items, categories, fit)
    costs = [[cost_of(p) for p in row] for row in parts]
    entries = entry_flags(items, fit)
    groups = [c.level1 for c in categories]
    shut, forward, back = one_template_prefixes(costs, entries, categories, labelled_categories(items, categories))
    if shut is not costs:   # the template the table does not use: closed, as `place_rows` closes it
        parts = [[None if s == INF else p for s, p in zip(srow, prow)] for srow, prow in zip(shut, parts)]
        costs = shut
    path = cheapest_path(forward, back)
    mid_block = fit.model
    if path is None:
        path = nearest_label_categories(items, categories)
        return Decisions([RowDecision(k, tuple(c), tuple(p), (INF,) * len(categories))
                          for k, c, p in zip(path, costs, parts)], mid_block, False)
    totals = segmentation_totals(costs, entries, groups, forward)
    return Decisions([RowDecision(k, tuple(c), tuple(p), tuple(t))
                      for k, c, p, t in zip(path, costs, parts, totals)], mid_block, True)
