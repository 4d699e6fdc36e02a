"""Cell boxes to a grid: the rows, columns and spans of a ruled table, from geometry.

A ruled table, whether pdfplumber found it in a PDF's drawn lines or OpenCV in a scan's
ruling lines, arrives as one box per cell, a merged cell being one big box. The grid's
column edges are every distinct left and right edge of the boxes, its row edges every
distinct top and bottom (edges closer than a tolerance are one edge); a box's column is
the edge its left side sits on and its colspan the number of column edges it crosses,
likewise for rows. Spans are therefore measured, never guessed.

`boxes_to_grid` is the function chain's one entry: `cluster_edges` -> `edge_index` ->
`GridCell`s.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from formex.schemas.document import BBox


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox


def cluster_edges(values: list[float], tolerance: float) -> list[float]:
    """Distinct positions: values closer than `tolerance` to the previous one join it
    (the cluster's mean is its position).

    >>> cluster_edges([10.0, 50.2, 10.4, 50.0, 90.0], 1.0)
    [10.2, 50.1, 90.0]
    """
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tolerance:
            out[-1].append(value)
        else:
            out.append([value])
    return [round(sum(group) / len(group), 3) for group in out]


def edge_index(edges: list[float], value: float) -> int:
    """Index of the edge nearest to `value`.

    >>> edge_index([10.0, 50.0, 90.0], 49.0), edge_index([10.0, 50.0, 90.0], 200.0)
    (1, 2)
    """
    k = bisect_left(edges, value)
    if k == 0:
        return 0
    if k == len(edges):
        return len(edges) - 1
    return k if edges[k] - value < value - edges[k - 1] else k - 1


def boxes_to_grid(boxes: list[BBox], tolerance: float = 2.0
                  ) -> tuple[list[GridCell], list[float], list[float]]:
    """Grid cells (sorted by row, then column), the column edges and the row edges.

    A 2 x 2 table whose left column is one merged cell:

    >>> cells, xs, ys = boxes_to_grid([(0, 0, 10, 20), (10, 0, 30, 10), (10, 10, 30, 20)])
    >>> [(c.row, c.col, c.rowspan, c.colspan) for c in cells]
    [(0, 0, 2, 1), (0, 1, 1, 1), (1, 1, 1, 1)]
    >>> xs, ys
    ([0.0, 10.0, 30.0], [0.0, 10.0, 20.0])
    """
    xs = cluster_edges([v for b in boxes for v in (b[0], b[2])], tolerance)
    ys = cluster_edges([v for b in boxes for v in (b[1], b[3])], tolerance)
    cells = []
    for box in boxes:
        c0, c1 = edge_index(xs, box[0]), edge_index(xs, box[2])
        r0, r1 = edge_index(ys, box[1]), edge_index(ys, box[3])
        if c1 > c0 and r1 > r0:   # a box thinner than the tolerance is no cell
            cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, tuple(box)))
    cells.sort(key=lambda c: (c.row, c.col))
    return cells, xs, ys
