"""Pages to rows (formex.extract.page_layout) on small hand-made pages: tables joined over
page breaks, spans continued exactly, headers and footers dropped, rows numbered."""
from __future__ import annotations

from formex.extract.page_layout import PageContent, PageTable, TableCell, TextLine, pages_to_rows
from formex.extract.table_grid import boxes_to_grid

XS = (50.0, 130.0, 220.0, 445.0, 545.0)


def table(rows: list[list[tuple[int, int, str]]], top: float = 60.0, height: float = 20.0) -> PageTable:
    """A 4-column table from rows of (column, rowspan, text); columns are XS."""
    boxes, texts = [], []
    for r, row in enumerate(rows):
        for col, rowspan, text in row:
            boxes.append((XS[col], top + r * height, XS[col + 1], top + (r + rowspan) * height))
            texts.append(text)
    grid, xs, ys = boxes_to_grid(boxes)
    by_box = dict(zip(boxes, texts))
    cells = [TableCell(g.row, g.col, g.rowspan, g.colspan, by_box[g.bbox], g.bbox) for g in grid]
    return PageTable((xs[0], ys[0], xs[-1], ys[-1]), cells, xs, ys)


def page(number: int, tables: list[PageTable], lines: list[str] = (), total: int = 2) -> PageContent:
    furniture = [[TextLine("系统打印件", (50, 28, 150, 36))], [TextLine(f"第 {number} 页 共 {total} 页", (270, 806, 330, 814))]]
    body = [[TextLine(text, (50, 40 + 4 * k, 200, 48 + 4 * k))] for k, text in enumerate(lines)]
    return PageContent(number, 595.0, 842.0, furniture[:1] + body + furniture[1:], tables)


HEADER = [(0, 1, "一级指标"), (1, 1, "二级指标"), (2, 1, "三级指标"), (3, 1, "指标值")]


def cells_of(rows):
    return [[(c.col, c.rowspan, c.text) for c in row.cells] for row in rows]


def test_a_span_cut_by_the_page_end_goes_on_over_the_next_page():
    first = table([HEADER, [(0, 2, "产出指标"), (1, 2, "数量指标"), (2, 1, "甲"), (3, 1, "≥1")],
                   [(2, 1, "乙"), (3, 1, "≥2")]])
    second = table([HEADER, [(0, 3, ""), (1, 1, ""), (2, 1, "丙"), (3, 1, "≥3")],
                    [(1, 2, "质量指标"), (2, 1, "丁"), (3, 1, "≥4")], [(2, 1, "戊"), (3, 1, "")]], top=62)
    issues = []
    rows = pages_to_rows([page(1, [first], ["单位整体支出绩效目标申报表"]), page(2, [second])], issues)
    assert cells_of(rows) == [
        [(0, 1, "单位整体支出绩效目标申报表")],
        [(0, 1, "一级指标"), (1, 1, "二级指标"), (2, 1, "三级指标"), (3, 1, "指标值")],
        [(0, 5, "产出指标"), (1, 3, "数量指标"), (2, 1, "甲"), (3, 1, "≥1")],
        [(2, 1, "乙"), (3, 1, "≥2")],
        [(2, 1, "丙"), (3, 1, "≥3")],          # the repeated header is gone; the spans reach here
        [(1, 2, "质量指标"), (2, 1, "丁"), (3, 1, "≥4")],
        [(2, 1, "戊")],                          # an empty target stays empty: no span to carry it
    ]
    assert [r.source_ref for r in rows] == ["page 1 row 1", "page 1 row 2", "page 1 row 3", "page 1 row 4",
                                            "page 2 row 2", "page 2 row 3", "page 2 row 4"]
    assert [i.code for i in issues] == ["header_repeated"]


def test_a_lone_empty_cell_at_a_page_top_is_not_joined_to_a_one_row_cell():
    first = table([HEADER, [(0, 1, "产出指标"), (1, 1, "数量指标"), (2, 1, "甲"), (3, 1, "≥1")]])
    second = table([[(0, 1, ""), (1, 1, ""), (2, 1, "乙"), (3, 1, "")]])
    rows = pages_to_rows([page(1, [first]), page(2, [second])], [])
    assert cells_of(rows)[1][0] == (0, 1, "产出指标")
    assert cells_of(rows)[2] == [(2, 1, "乙")]


def test_text_between_tables_keeps_them_apart():
    first = table([HEADER, [(0, 2, "产出指标"), (1, 1, "数量指标"), (2, 1, "甲"), (3, 1, "≥1")],
                   [(1, 1, ""), (2, 1, "乙"), (3, 1, "≥2")]])
    second = table([HEADER, [(0, 1, ""), (1, 1, ""), (2, 1, "丙"), (3, 1, "≥3")]], top=120)
    rows = pages_to_rows([page(1, [first]), page(2, [second], ["备注"])], [])
    texts = [c.text for row in rows for c in row.cells]
    assert texts.count("一级指标") == 2 and "备注" in texts
    assert cells_of(rows)[1][0] == (0, 2, "产出指标")


def test_running_headers_and_page_numbers_are_dropped():
    rows = pages_to_rows([page(1, [], ["甲"]), page(2, [], ["乙"])], [])
    assert [r.cells[0].text for r in rows] == ["甲", "乙"]
    one = pages_to_rows([page(1, [], ["甲"], total=1)], [])
    assert [r.cells[0].text for r in one] == ["系统打印件", "甲"], "one page: only the page number is known"
