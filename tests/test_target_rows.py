"""A target stays with its row: a line holding only a target is the rest of the row
above (its target wrapped onto the next line) unless the line is a row of its own (a
level cell, however damaged, or its own row number). Every table here is written by hand."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.sequence import strip_sequence_column
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
HEADER = "一级指标\t二级指标\t三级指标\t指标值"


def read(lines: list[str], header: str = HEADER):
    rows = list(iter_text_rows("\n".join([header, *lines])))
    rows, _ = strip_sequence_column(rows, SCHEMA)
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2024)
    return [(i.row.name, i.target.raw) for i in indicators], issues


def test_a_target_alone_on_the_next_line_belongs_to_the_row_above():
    got, _ = read(["产出指标\t数量指标\t家庭医生签约服务覆盖率\t",
                   "\t\t\t≥40%",
                   "\t\t重点人群健康管理覆盖率\t≥75%"])
    assert got == [("家庭医生签约服务覆盖率", "≥40%"), ("重点人群健康管理覆盖率", "≥75%")]


def test_a_placeholder_beside_a_damaged_label_is_a_category_of_its_own():
    # 轻济効益方面: 经济效益方面 damaged past reading; its 无 is no target of the row above,
    # whose target cell is empty
    got, _ = read(["产出指标\t成本指标\t人均职业技能培训补贴标准\t",
                   "轻济効益方面\t\t无",
                   "效益指标\t社会效益指标\t城镇登记失业率\t≤4.5(%)"])
    assert got[0] == ("人均职业技能培训补贴标准", None)
    assert (None, "无") in got
    assert got[-1] == ("城镇登记失业率", "≤4.5(%)")


def test_a_line_with_its_own_row_number_is_a_row_of_its_own():
    header = "序号\t" + HEADER
    lines = ["1\t产出指标\t数量指标\t家庭医生签约服务覆盖率\t≥40%",
             "2\t\t成本指标\t人均职业技能培训补贴标准\t",
             "3\t\t\t\t无",
             "4\t效益指标\t社会效益指标\t城镇登记失业率\t≤4.5(%)"]
    got, _ = read(lines, header)
    assert got[1] == ("人均职业技能培训补贴标准", None)
    assert (None, "无") in got
    # the same line without its number: the target wrapped onto it
    unnumbered = lines[:2] + ["\t\t\t\t无"] + lines[3:]
    got, _ = read(unnumbered, header)
    assert got[1] == ("人均职业技能培训补贴标准", "无")


# ---------------------------------------------------------------- the name column's width
def items(lines: list[tuple[str, str | None]]):
    from formex.normalize.indicators.cells import IndicatorRow
    from formex.schemas.document import Cell, Row
    out = []
    for k, (name, target) in enumerate(lines):
        cell = Cell(target, target, 3) if target else None
        out.append(IndicatorRow(Row(k, (), 1, f"line {k}"), name=name, target=cell))
    return out


WRAPPED_AT_9 = [("民政服务计划完成情", None), ("况", "=100%"), ("残疾人服务计划完成", None), ("情况", "=100%"),
                ("数晕指标为老服务计划完成情", None), ("况", "=100%"), ("数晕指标和谐贡献奖应发尽发", None),
                ("数", "=7040人次"), ("数晕指标岗位补贴计划完成率", "=100%"), ("受理服务计划完成情", None),
                ("况", "=100%")]


def test_lines_with_a_fused_label_damaged_past_splitting_hide_no_width():
    from formex.normalize.indicators.wraps import wrap_width
    # three lines longer than the column (a label OCR fused into the name, 数晕指标): the
    # column still wraps at 9, its wrapped rows' targets on their last lines
    width = wrap_width(items(WRAPPED_AT_9))
    assert width is not None and width.width == 9 and width.target_first is False


def test_long_lines_of_plain_names_still_hide_a_width():
    from formex.normalize.indicators.wraps import wrap_width
    # the same lines without 指标: three names longer than the greatest repeated length
    # say the names simply vary
    plain = [(name.replace("数晕指标", "区级年度"), target) for name, target in WRAPPED_AT_9]
    width = wrap_width(items(plain))
    assert width is None or width.width != 9


def test_a_target_taken_from_the_next_line_is_said():
    _, issues = read(["产出指标\t数量指标\t家庭医生签约服务覆盖率\t", "\t\t\t≥40%"])
    joined = [i for i in issues if i.code == "cell_joined" and i.field == "target"]
    assert len(joined) == 1 and joined[0].severity == "warning" and "≥40%" in joined[0].message
    # a row with its own target: nothing joined, nothing said
    _, issues = read(["产出指标\t数量指标\t家庭医生签约服务覆盖率\t≥40%"])
    assert not [i for i in issues if i.code == "cell_joined"]


# ---------------------------------------------------------------- a 备注 column is no target column
REMARKED = ["产出指标\t数量指标\t社区事务受理办件量\t≥120000(件)\t计划标准",
            "\t\t为老服务计划完成率\t=100.00(%)\t",
            "\t质量指标\t窗口服务规范达标率\t=100.00(%)\t行业标准",
            "\t\t各类救助补贴发放准确率\t≥98%\t",
            "效益指标\t社会效益指标\t居民办事便利度\t≥90.00(%)\t"]
TARGETS = ["≥120000(件)", "=100.00(%)", "=100.00(%)", "≥98%", "≥90.00(%)"]


def remarked(header: str, body: list[str] = REMARKED):
    rows = list(iter_text_rows("\n".join([header, *body])))
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2024)
    return [i.target.raw for i in indicators], [i.row.note for i in indicators], issues


def test_a_remark_column_of_basis_words_never_takes_the_target_role():
    # both headers damaged (措标值, 备泩): the 备注 cells (计划标准) read as placeholders, as
    # the targets do; they are remarks, and the target column keeps its role
    targets, notes, issues = remarked("一级指标\t二级指标\t三级指标\t措标值\t备泩")
    assert targets == TARGETS
    assert notes == ["计划标准", None, "行业标准", None, None]
    assert "target_column_missing" not in {i.code for i in issues}


def test_a_remark_column_is_read_as_notes_where_its_header_alone_is_damaged():
    targets, notes, _ = remarked("一级指标\t二级指标\t三级指标\t指标值\t备泩")
    assert targets == TARGETS and notes == ["计划标准", None, "行业标准", None, None]


def test_a_column_of_other_words_right_of_the_target_is_no_note_column():
    # a remark in words of its own: left unplaced, not read as notes by content
    body = [line.replace("计划标准", "按季度统计").replace("行业标准", "含补发") for line in REMARKED]
    targets, notes, _ = remarked("一级指标\t二级指标\t三级指标\t指标值\t备泩", body)
    assert targets == TARGETS and notes == [None] * 5


def test_a_fragment_with_its_rows_other_cells_shows_where_the_target_prints():
    from formex.normalize.indicators.wraps import wrap_width
    # a self-evaluation: the wrapped row's 实际完成值 and 分值 print on its last line, its
    # target cell there empty (率 | | 100 | 5): the target prints on the last line too
    lines = [("新增成本核算区级创业孵", None), ("化基地数量", "≥ 1 个"), ("公益性岗位补贴发放准确", None),
             ("率", None), ("社会保险补贴审核办结时", None), ("限", "≤15个工作日"), ("城镇新增就业人数", "≥ 39500 人")]
    table = items(lines)
    table[3].actual, table[3].weight = items([("率", "100")])[0].target, "5"   # 率 |  | 100 | 5
    assert wrap_width(table).target_first is False
    # those cells on the first line instead: that pair says first, 时 | 限 last: undecided
    first = items(lines)
    first[2].actual, first[2].weight = items([("率", "100")])[0].target, "5"
    assert wrap_width(first).target_first is None
    # without them the 率 pair, neither line holding a cell, says nothing: 限's pair decides
    assert wrap_width(items(lines)).target_first is False
