"""The span-aware readers one feature at a time: HTML and Markdown from OCR engines,
xlsx and docx forms; and hostile office files, each of which ends as a documents row
with a reason."""
from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

import formex
from tests.conftest import ROOT
from formex.extract.readers import read_document
from formex.runner import InputFile, extract_file

FORM_HEAD = ["单位整体支出绩效目标申报表", "(2026年度)"]
FIELDS = [("单位名称", "某某中心"), ("年度履职目标", "做好服务")]
INDICATORS = [  # level1, level2, name, target
    ("产出指标", "数量指标", "服务人次", "≥100(人次)"),
    ("产出指标", "数量指标", "培训场次", "≥4(场)"),
    ("产出指标", "质量指标", "办结率", "=100%"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
]


def rows(doc):
    return [[(c.col, c.text, c.rowspan, c.colspan) for c in r.cells] for r in doc.rows]


def html_form(indicator_rows: str) -> str:
    fields = "".join(f"<tr><td>{k}</td><td colspan=3>{v}</td></tr>" for k, v in FIELDS)
    return (f"<h1>{FORM_HEAD[0]}</h1><p>{FORM_HEAD[1]}</p><table>{fields}</table>"
            "<h2>年度重点任务</h2><table><tr><td>任务名称</td><td>主要内容</td></tr>"
            "<tr><td>受理</td><td>做好受理</td></tr></table>"
            "<h2>预算情况</h2><table><tr><td>部门整体预算总额(元)</td><td>100.00</td></tr></table>"
            "<h2>绩效指标</h2><table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th>"
            f"<th>指标值</th></tr>{indicator_rows}</table>")


SPANNED = ("<tr><td rowspan=3>产出指标</td><td rowspan=2>数量指标</td><td>服务人次</td><td>≥100(人次)</td></tr>"
           "<tr><td>培训场次</td><td>$\\geq 4(\\text{场})$</td></tr>"
           "<tr><td>质量指标</td><td>办结<br>率</td><td>=100%</td></tr>"
           "<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>群众满意度</td><td>&ge;90%</td></tr>")


def extract_bytes(tmp_path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    return formex.extract_tables(path)


def check_indicators(tables, sources=("explicit", "filled", "explicit", "explicit")):
    ind = tables["indicators"]
    assert list(ind["level3"]) == ["服务人次", "培训场次", "办结率", "群众满意度"]
    assert list(ind["level2"]) == ["数量指标", "数量指标", "质量指标", "服务对象满意度指标"]
    assert list(ind["level1"]) == ["产出指标", "产出指标", "产出指标", "满意度指标"]
    assert list(ind["level2_source"]) == list(sources)
    assert list(ind["target_value"]) == [100, 4, 100, 90]


def test_html_spans_latex_br_and_entities(tmp_path):
    tables = extract_bytes(tmp_path, "f.html", html_form(SPANNED).encode())
    check_indicators(tables)
    assert tables["documents"]["source_format"][0] == "html"
    assert tables["forms"]["unit_name"][0] == "某某中心"
    assert tables["indicators"]["source_ref"][0] == "table 4 row 2"


def test_html_nested_table_rows_follow_the_whole_table():
    html = ("<table><tr><td>外</td><td><table><tr><td>内1</td><td>内2</td></tr></table></td></tr>"
            "<tr><td>下</td></tr></table>")
    doc = read_document(html.encode(), "n.html")
    assert [r.texts for r in doc.rows] == [["外"], ["下"], ["内1", "内2"]]


def test_a_nested_table_does_not_break_the_outer_row_spans(tmp_path):
    nested = SPANNED.replace("<td>≥100(人次)</td>",
                             "<td>≥100(人次)<table><tr><td>注：另表</td></tr></table></td>")
    tables = extract_bytes(tmp_path, "n.html", html_form(nested).encode())
    check_indicators(tables)


def test_cells_after_a_huge_colspan_are_reported_with_their_text():
    doc = read_document(b'<table><tr><td colspan="100000">X</td><td>after-huge</td></tr></table>', "h.html")
    cut = [i for i in doc.issues if i.code == "content_cut"]
    assert len(cut) == 1 and "after-huge" in cut[0].message and cut[0].severity == "warning"
    md = read_document(b'x\n\n<table><tr><td colspan="100000">X</td><td>after-huge</td></tr></table>\n', "h.md")
    assert any("after-huge" in i.message for i in md.issues if i.code == "content_cut")


def test_markdown_rows_wider_than_the_header_keep_their_cells():
    doc = read_document("| a | b |\n|---|---|\n| 1 | 2 | 3 | 4 \\| x |\n| y |\n".encode(), "w.md")
    assert [r.texts for r in doc.rows] == [["a", "b"], ["1", "2", "3", "4 | x"], ["y"]]
    assert [c.col for c in doc.rows[1].cells] == [0, 1, 2, 3]


def test_html_page_markers_and_a_table_split_over_pages():
    html = ("<table><tr><td>a</td></tr></table><!-- page 2 --><table><tr><td>b</td></tr></table>"
            "<div style='page-break-before: always'><p>c</p></div>")
    doc = read_document(html.encode(), "p.html")
    assert [(r.page, r.texts) for r in doc.rows] == [(1, ["a"]), (2, ["b"]), (3, ["c"])]


def test_html_absurd_spans_are_clamped():
    doc = read_document(b"<table><tr><td rowspan=999999 colspan=-3>a</td><td colspan=x>b</td></tr></table>",
                        "s.html")
    assert rows(doc) == [[(0, "a", 1, 1), (1, "b", 1, 1)]]


@pytest.mark.parametrize("style", ["blank", "repeat"])
def test_markdown_pipe_tables_with_merged_text_blank_or_repeated(tmp_path, style):
    lines = [f"# {FORM_HEAD[0]}", "", FORM_HEAD[1], ""]
    lines += ["| 字段 | 值 |", "|---|---|"] + [f"| {k} | {v} |" for k, v in FIELDS]
    lines += ["", "## 年度重点任务", "", "| 任务名称 | 主要内容 |", "|---|---|", "| 受理 | 做好受理 |",
              "", "## **预算情况**", "", "| 内容 | 预算情况 |", "|---|---|", "| 部门整体预算总额(元) | 100.00 |",
              "", "## 绩效指标", "", "| 一级指标 | 二级指标 | 三级指标 | 指标值 |", "|---|---|---|---|"]
    previous = ("", "")
    for l1, l2, name, target in INDICATORS:
        shown = (l1 if style == "repeat" or l1 != previous[0] else "",
                 l2 if style == "repeat" or l2 != previous[1] else "")
        lines.append(f"| {shown[0]} | {shown[1]} | {name} | {target} |")
        previous = (l1, l2)
    tables = extract_bytes(tmp_path, "f.md", "\n".join(lines).encode())
    check_indicators(tables)
    assert tables["indicators"]["source_ref"][0] == f"line {len(lines) - 3}"


def test_markdown_html_table_page_markers_and_marker_pages():
    md = ("intro\n\n<table><tr><td rowspan=2>a</td><td>b</td></tr>\n\n<tr><td>c</td></tr></table>\n\n"
          "<!-- page 2 -->\n\n| x | y |\n|---|---|\n| 1 | 2 \\| 3 |\n\n{3}------------------------------------------------\n\ntail")
    doc = read_document(md.encode(), "m.md")
    assert [(r.page, r.texts) for r in doc.rows] == [
        (1, ["intro"]), (1, ["a", "b"]), (1, ["c"]), (2, ["x", "y"]), (2, ["1", "2 | 3"]), (3, ["tail"])]
    assert doc.rows[1].cells[0].rowspan == 2


def make_xlsx(build) -> bytes:
    wb = openpyxl.Workbook()
    build(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_form(wb, *, sheets: int = 1):
    ws = wb.active
    ws.title = "表1"
    ws.append([FORM_HEAD[0]])
    ws.merge_cells("A1:D1")
    ws.append([FORM_HEAD[1]])
    for k, v in FIELDS:
        ws.append([k, v])
    ws.append(["年度重点任务"])
    ws.append(["任务名称", "主要内容"])
    ws.append(["受理", "做好受理"])
    ws.append(["预算情况"])
    ws.append(["部门整体预算总额(元)", 1234567.5])
    ws["B9"].number_format = "#,##0.00"
    if sheets == 2:
        ws = wb.create_sheet("指标")
    ws.append(["绩效指标"])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    start = ws.max_row + 1
    for l1, l2, name, target in INDICATORS:
        ws.append([l1, l2, name, target])
    ws.merge_cells(f"A{start}:A{start + 2}")
    ws.merge_cells(f"B{start}:B{start + 1}")
    ws[f"D{start + 2}"] = 1
    ws[f"D{start + 2}"].number_format = "0%"


def test_xlsx_spans_formats_and_sheet_refs(tmp_path):
    tables = extract_bytes(tmp_path, "f.xlsx", make_xlsx(xlsx_form))
    check_indicators(tables)
    assert str(tables["forms"]["budget_total"][0]) == "1234567.50"
    assert tables["indicators"]["target_raw"][2] == "100%"
    assert tables["indicators"]["source_ref"][0] == "表1!12:12"


def test_xlsx_a_form_over_two_sheets(tmp_path):
    tables = extract_bytes(tmp_path, "f.xlsx", make_xlsx(lambda wb: xlsx_form(wb, sheets=2)))
    check_indicators(tables)
    assert tables["indicators"]["source_ref"][0] == "指标!3:3"


def test_xlsx_dates_hidden_rows_hidden_sheets_and_uncached_formulas(tmp_path):
    import datetime as dt

    def build(wb):
        ws = wb.active
        ws["A1"] = dt.datetime(2023, 12, 31)
        ws["A1"].number_format = 'yyyy"年"m"月"d"日"'
        ws["A2"] = "=SUM(1,2)"   # openpyxl saves no cached value
        ws["A3"] = "hidden row"
        ws.row_dimensions[3].hidden = True
        ws.column_dimensions["C"].hidden = True
        wb.create_sheet("lists").sheet_state = "hidden"

    doc = read_document(make_xlsx(build), "d.xlsx")
    assert [r.texts for r in doc.rows] == [["2023年12月31日"], ["hidden row"]]
    codes = {i.code: i for i in doc.issues}
    assert codes["formula_uncached"].source_ref == "Sheet!A2"
    assert "rows 3" in codes["hidden_cells"].message and "columns C" in codes["hidden_cells"].message
    assert "lists" in codes["sheet_hidden"].message


def make_docx(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_form(document):
    document.add_paragraph(FORM_HEAD[0])
    document.add_paragraph(FORM_HEAD[1])
    for k, v in FIELDS:
        document.add_paragraph(f"{k}：{v}")
    document.add_paragraph("年度重点任务")
    tasks = document.add_table(rows=2, cols=2)
    for r, values in enumerate([("任务名称", "主要内容"), ("受理", "做好受理")]):
        for c, value in enumerate(values):
            tasks.cell(r, c).text = value
    document.add_paragraph("预算情况")
    budget = document.add_table(rows=1, cols=2)
    budget.cell(0, 0).text, budget.cell(0, 1).text = "部门整体预算总额(元)", "100.00"
    document.add_paragraph("绩效指标")
    table = document.add_table(rows=5, cols=4)
    for c, value in enumerate(["一级指标", "二级指标", "三级指标", "指标值"]):
        table.cell(0, c).text = value
    for r, (l1, l2, name, target) in enumerate(INDICATORS, 1):
        table.cell(r, 2).text, table.cell(r, 3).text = name, target
    table.cell(1, 0).merge(table.cell(3, 0)).text = "产出指标"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "数量指标"
    table.cell(3, 1).text = "质量指标"
    table.cell(4, 0).text, table.cell(4, 1).text = "满意度指标", "服务对象满意度指标"
    inner = table.cell(4, 3).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "注：另表"


def test_docx_paragraphs_vmerge_gridspan_and_nested_tables(tmp_path):
    tables = extract_bytes(tmp_path, "f.docx", make_docx(docx_form))
    check_indicators(tables)
    assert tables["forms"]["unit_name"][0] == "某某中心"
    assert tables["indicators"]["source_ref"][0] == "table 3 row 2"
    doc = read_document(make_docx(docx_form), "f.docx")
    assert doc.rows[-1].texts == ["注：另表"] and doc.rows[-1].source_ref == "table 3 row 5 col 4 table 1 row 1"


def docx_bytes_with(build, change) -> bytes:
    """A docx built by python-docx, its body XML changed by `change(body)` with lxml."""
    import docx

    document = docx.Document()
    build(document)
    change(document.element.body)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def three_rows(document):
    table = document.add_table(rows=3, cols=2)
    for r in range(3):
        for c in range(2):
            table.cell(r, c).text = f"r{r + 1}c{c + 1}"


def test_docx_rows_and_cells_inside_content_controls_and_custom_xml_are_read():
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def wrap(element, tag):
        outer = etree.Element(f"{w}{tag}")
        element.addprevious(outer)
        if tag == "sdt":
            content = etree.SubElement(outer, f"{w}sdtContent")
            content.append(element)
        else:
            outer.append(element)

    def change(body):
        rows = body.find(f"{w}tbl").findall(f"{w}tr")
        wrap(rows[1], "sdt")
        wrap(rows[2].findall(f"{w}tc")[1], "customXml")
        wrap(rows[2].findall(f"{w}tc")[0], "sdt")

    doc = read_document(docx_bytes_with(three_rows, change), "c.docx")
    assert [r.texts for r in doc.rows] == [["r1c1", "r1c2"], ["r2c1", "r2c2"], ["r3c1", "r3c2"]]
    assert [c.col for c in doc.rows[2].cells] == [0, 1]


def test_docx_rows_past_the_limit_and_cells_past_the_grid_are_reported(monkeypatch):
    from lxml import etree

    from formex.extract import docx_doc

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    monkeypatch.setattr(docx_doc, "MAX_ROWS", 2)

    def change(body):
        tc = body.find(f"{w}tbl").find(f"{w}tr").find(f"{w}tc")
        props = tc.find(f"{w}tcPr")
        span = etree.SubElement(props, f"{w}gridSpan")
        span.set(f"{w}val", "100000")

    doc = read_document(docx_bytes_with(three_rows, change), "l.docx")
    assert [r.texts for r in doc.rows] == [["r1c1"], ["r2c1", "r2c2"]]
    messages = [i.message for i in doc.issues if i.code == "content_cut"]
    assert len(messages) == 2
    assert any("r1c2" in m for m in messages) and any("past row 2" in m for m in messages)


def test_xlsx_merged_range_to_the_last_column_is_capped():
    def build(wb):
        ws = wb.active
        ws["B1"] = "title"
        ws.merge_cells("B1:XFD1")

    doc = read_document(make_xlsx(build), "m.xlsx")
    assert rows(doc) == [[(1, "title", 1, 255)]]


# ---- hostile office files: each one ends as a documents row with a reason


def zip_with(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def run_one(tmp_path, name: str, data: bytes) -> tuple[dict, list[dict]]:
    path = tmp_path / name
    path.write_bytes(data)
    records = extract_file(InputFile(path, name))
    return records.tables["documents"][0], records.tables["issues"]


def test_zip_bomb_is_refused_from_the_directory(tmp_path):
    bomb = zip_with({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * (20 * 2**20)})
    assert len(bomb) < 2 * 2**20
    document, _ = run_one(tmp_path, "bomb.xlsx", bomb)
    assert document["status"] == "failed" and "zip bomb" in document["error"]


def test_corrupt_zip_and_wrong_package(tmp_path):
    good = make_xlsx(xlsx_form)
    document, _ = run_one(tmp_path, "cut.xlsx", good[: len(good) // 2])
    assert document["status"] == "failed" and "corrupt zip" in document["error"]
    document, _ = run_one(tmp_path, "word.xlsx", make_docx(docx_form))   # read by its bytes
    assert document["status"] == "ok" and document["source_format"] == "docx"
    document, _ = run_one(tmp_path, "other.xlsx", zip_with({"[Content_Types].xml": b"<Types/>"}))
    assert document["status"] == "failed" and "no workbook part" in document["error"]
    document, _ = run_one(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert document["status"] == "failed" and "save it as .xlsx" in document["error"]
    document, _ = run_one(tmp_path, "fake.docx", b"plain text, not a zip")
    assert document["status"] == "failed" and "not a zip package" in document["error"]


def with_members(data: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {name: source.read(name) for name in source.namelist()}
    members.update(replace or {})
    members.update(extra)
    return zip_with(members)


def test_absurd_used_range_is_read_by_its_content(tmp_path):
    def build(wb):
        xlsx_form(wb)
        wb.active["XFD1048576"] = "stray"

    document, issues = run_one(tmp_path, "wide.xlsx", make_xlsx(build))
    assert document["status"] == "ok" and document["n_indicators"] == 4
    codes = {i["code"] for i in issues}
    assert {"content_cut", "sheet_range_large"} <= codes


def test_macros_are_never_run_and_external_links_are_reported(tmp_path):
    data = with_members(make_xlsx(xlsx_form), {"xl/vbaProject.bin": b"Attribute VB_Name = \"Evil\"",
                                               "xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    document, issues = run_one(tmp_path, "macro.xlsm", data)
    assert document["status"] == "ok" and document["n_indicators"] == 4
    codes = {i["code"] for i in issues}
    assert {"macros_ignored", "external_links"} <= codes


def test_broken_sheet_xml_is_a_failed_row(tmp_path):
    data = with_members(make_xlsx(xlsx_form), {}, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"})
    document, _ = run_one(tmp_path, "broken.xlsx", data)
    assert document["status"] == "failed" and "not a readable xlsx" in document["error"]


REAL = next((p for p in (ROOT.parent / "shared" / "real", ROOT.parent.parent / "shared" / "real")
             if p.is_dir()), None)


@pytest.mark.skipif(REAL is None, reason="shared/real is not beside this checkout")
def test_the_real_self_evaluation_form_is_read_as_its_family(tmp_path):
    """Its family (项目支出绩效自评表) has a schema now; its full golden is
    samples/real-yuzhong-2021-project-self-evaluation."""
    path = REAL / "yuzhong-2021-project-self-evaluation.xlsx"
    document, _ = run_one(tmp_path, path.name, path.read_bytes())
    assert document["status"] == "ok" and document["form_type"] == "project_self_evaluation"
    assert document["n_indicators"] == 16


def test_xlsx_amount_formatted_without_decimals_is_read_in_full(tmp_path):
    def build(wb):
        xlsx_form(wb)
        ws = wb.active
        ws["B9"].value = 10596.35
        ws["B9"].number_format = "#,##0"
        ws["C2"] = 3
        ws["C2"].number_format = "# ?/?"

    data = make_xlsx(build)
    doc = read_document(data, "r.xlsx")
    cell = next(c for r in doc.rows for c in r.cells if c.source_ref == "表1!B9")
    assert (cell.text, cell.raw) == ("10,596.35", "10,596")
    codes = {(i.code, i.source_ref) for i in doc.issues}
    assert ("value_precision_kept", "表1!B9") in codes
    assert ("number_format_unknown", "表1!C2") in codes
    tables = extract_bytes(tmp_path, "r.xlsx", data)
    assert str(tables["forms"]["budget_total"][0]) == "10596.35"
