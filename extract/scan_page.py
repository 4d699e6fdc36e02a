"""One scanned page (an image) to a PageContent: ruled tables from OpenCV, text from OCR.

1. `to_gray`: one brightness channel, in which colour turns white: a pixel's brightest
   channel plus half its colourfulness (brightest minus darkest), so a red stamp or blue
   ink over a cell fades out and black print, even under the stamp (where JPEG smears
   the stamp's colour into a rule), stays dark.
2. `estimate_skew` / `deskew`: the angle of the long near-horizontal lines (the table
   rules, found by a probabilistic Hough transform on a reduced image) is measured and
   the page rotated back, up to `MAX_SKEW` degrees.
3. `find_line_mask`: adaptive threshold, then a morphological opening with a long
   horizontal and a long vertical kernel keeps only ruling lines.
4. `find_tables`: each large connected group of lines is a table; the regions the lines
   enclose are its cells (one region per merged cell), and their boxes give the grid
   and spans (`formex.extract.table_grid.boxes_to_grid`), as for a text PDF.
5. OCR (`formex.extract.ocr_engine.run_ocr`, RapidOCR on the straightened page) gives
   text boxes; `boxes_to_cells` puts each in the cell holding its centre, the rest are
   the page's text lines.
"""
from __future__ import annotations

import math
from bisect import bisect_right

import numpy as np

from formex.extract.ocr_engine import OcrBox, run_ocr
from formex.extract.page_layout import Glyph, PageContent, PageTable, TableCell, glyphs_to_lines, lines_to_text
from formex.extract.table_grid import boxes_to_grid

MAX_SKEW = 5.0            # degrees; a page rotated further is read as it is
MIN_SKEW = 0.05           # degrees; below this the page is not rotated
OCR_SPACE_GAP = 0.6       # a gap between two OCR boxes of a line wider than this x height is a space
OCR_SPLIT_GAP = 2.5       # ... and wider than this, outside tables, separates two fields


def to_gray(image: np.ndarray) -> np.ndarray:
    """
    >>> to_gray(np.array([[[0, 0, 0], [205, 30, 40], [128, 128, 128], [90, 0, 0]]], np.uint8)).tolist()
    [[0, 255, 128, 135]]
    """
    if image.ndim == 2:
        return image
    image = image[:, :, :3]
    brightest = image.max(axis=2)
    spread = brightest - image.min(axis=2)
    return np.minimum(brightest.astype(np.uint16) + spread // 2, 255).astype(np.uint8)


def estimate_skew(gray: np.ndarray) -> float:
    """Degrees to turn the page (counter-clockwise, as `deskew` does) so that its long
    horizontal rules lie flat; 0 when there are none. On a reduced copy, an opening
    with a short horizontal kernel keeps the rules (a turned rule stays one 8-connected
    staircase); a line fitted through each long one gives its slope, and the
    length-weighted median slope is the page's.

    >>> import cv2
    >>> page = np.full((800, 600), 255, np.uint8)
    >>> for y in range(100, 700, 50):
    ...     _ = cv2.line(page, (50, y), (550, y + 17), 0, 2)
    >>> abs(estimate_skew(page) - 1.95) < 0.1    # the rules fall 17 px over 500: 1.95 degrees
    True
    """
    import cv2

    scale = min(1.0, 1000 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    binary = cv2.adaptiveThreshold(255 - small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)
    rules = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (10, 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    width = small.shape[1]
    angles, weights = [], []
    for k in range(1, count):
        x, y, w, h, _ = stats[k]
        if w < width / 4 or h > w * math.tan(math.radians(MAX_SKEW)) + 4:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == k)
        angles.append(math.degrees(math.atan(np.polyfit(xs, ys, 1)[0])))
        weights.append(float(w))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.array(weights)[order])
    return float(np.array(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    if abs(angle) < MIN_SKEW:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def find_line_mask(gray: np.ndarray) -> np.ndarray:
    """Ruling lines only (255), text and noise removed: an opening keeps runs longer than
    a character (12 points), then the pieces of a rule broken by noise or a faint
    stretch are joined again along it, or two cells would read as one."""
    import cv2

    h, w = gray.shape
    binary = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 25, -15)
    unit = max(h, w) / 2339 * 200 / 72            # pixels per point, scaled to an A4 page
    bridge = max(3, int(5 * unit))             # gaps up to 5 points

    def rules(length: int, horizontal: bool) -> np.ndarray:
        shape = (lambda n: (n, 1)) if horizontal else (lambda n: (1, n))
        kernel = lambda n: cv2.getStructuringElement(cv2.MORPH_RECT, shape(n))  # noqa: E731
        return cv2.dilate(cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel(length)), kernel(bridge))

    length = max(10, int(12 * unit))
    mask = cv2.bitwise_or(rules(length, True), rules(length, False))
    return cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))


def find_tables(gray: np.ndarray) -> list[PageTable]:
    """Ruled tables on the page, cells from the regions their lines enclose."""
    import cv2

    h, w = gray.shape
    mask = find_line_mask(gray)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    tables = []
    for k in range(1, count):
        x, y, bw, bh, _ = stats[k]
        if bw < w / 5 or bh < h / 100:
            continue
        region = 255 - mask[y:y + bh, x:x + bw]
        n, _, cell_stats, _ = cv2.connectedComponentsWithStats(region, connectivity=4)
        boxes = []
        for j in range(1, n):
            cx, cy, cw, ch, area = cell_stats[j]
            touches = cx == 0 or cy == 0 or cx + cw >= bw or cy + ch >= bh
            if touches or cw < 8 or ch < 8 or area < 0.5 * cw * ch:
                continue
            # grow the region by the half line it lost, so neighbours share their edges
            boxes.append((float(x + cx - 2), float(y + cy - 2), float(x + cx + cw + 1), float(y + cy + ch + 1)))
        if not boxes:
            continue
        grid, xs, ys = boxes_to_grid(boxes, tolerance=max(4.0, w / 250))
        cells = [TableCell(g.row, g.col, g.rowspan, g.colspan, "", g.bbox) for g in grid]
        tables.append(PageTable((float(xs[0]), float(ys[0]), float(xs[-1]), float(ys[-1])), cells, xs, ys))
    tables.sort(key=lambda t: t.bbox[1])
    return tables


def box_glyph(box: OcrBox) -> Glyph:
    return (box.text, box.bbox[0], box.bbox[1], box.bbox[2], box.bbox[3])


def boxes_to_cells(boxes: list[OcrBox], tables: list[PageTable]) -> list[Glyph]:
    """Fill each table cell with the text of the boxes centred in it; the glyphs of the
    boxes outside every cell are returned."""
    owners = []
    for table in tables:
        owner = {}
        for k, cell in enumerate(table.cells):
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    owner.setdefault((r, c), k)
        owners.append(owner)
    per_cell: dict[tuple[int, int], list[Glyph]] = {}
    outside = []
    for box in boxes:
        x = (box.bbox[0] + box.bbox[2]) / 2
        y = (box.bbox[1] + box.bbox[3]) / 2
        for t, table in enumerate(tables):
            x0, top, x1, bottom = table.bbox
            if x0 <= x <= x1 and top <= y <= bottom:
                k = owners[t].get((bisect_right(table.row_edges, y) - 1, bisect_right(table.col_edges, x) - 1))
                if k is not None:
                    per_cell.setdefault((t, k), []).append(box_glyph(box))
                    break
        else:
            outside.append(box_glyph(box))
    for (t, k), glyphs in per_cell.items():
        cell = tables[t].cells[k]
        lines = [line[0] for line in glyphs_to_lines(glyphs, space_gap=OCR_SPACE_GAP) if line]
        cell.raw = lines_to_text(lines, cell.bbox[0], cell.bbox[2], slack=1.6)
    return outside


def read_scan_page(image: np.ndarray, number: int, threads: int) -> tuple[PageContent, float]:
    """The page's content (in the straightened image's pixels) and the skew undone."""
    gray = to_gray(image)
    angle = estimate_skew(gray)
    gray = deskew(gray, angle)
    tables = find_tables(gray)
    boxes = run_ocr(gray, threads=threads)
    outside = boxes_to_cells(boxes, tables)
    lines = glyphs_to_lines(outside, space_gap=OCR_SPACE_GAP, split_gap=OCR_SPLIT_GAP)
    h, w = gray.shape
    return PageContent(number, float(w), float(h), lines, tables, route="ocr"), angle
