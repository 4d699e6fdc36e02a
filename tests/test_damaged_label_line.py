"""A level-2 label too damaged to read places its block as a readable one does, from the
line it prints on: on a wrapped row that is the line it fell on, not the row's first
(a centred label of a block of two wrapped rows sits on the first row's second line)."""
from __future__ import annotations

import pytest

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators.hierarchy import label_clusters, unread
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")


def lines(damaged_on_wrap: bool) -> list[str]:
    return ["一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t新增区级创业孵化基地数量\t≥1(个)",
            "\t\t社会保险补贴发放准确率\t≥95%",
            "\t质量指标\t就业见习补贴发放准确率\t≥95%",
            f"\t{'' if damaged_on_wrap else '产出対孝'}\t质量监督就业见习补贴发放及\t≥95%",
            f"\t{'产出対孝' if damaged_on_wrap else ''}\t时率\t",     # the name's wrap
            # (対孝 keeps no character of 时效: a cell beside a row that shares one is read by
            # the labels around it, `rows.lone_label_of_row`, and is no unread label)
            "\t\t低保就业补贴发放及时率\t≥95%",
            "效益指标\t社会效益指标\t城镇新增就业人数\t≥39500(人)"]


def unread_label_lines(damaged_on_wrap: bool) -> list[tuple[int, tuple[float, ...]]]:
    items, _ = rows_to_indicator_rows(list(iter_text_rows("\n".join(lines(damaged_on_wrap)))), SCHEMA, False, None)
    assert items[3].name == "质量监督就业见习补贴发放及时率" and items[3].lines == (3, 4)
    return [(c.first, c.lines) for c in label_clusters(items) if unread(c.category)]


@pytest.mark.parametrize("damaged_on_wrap, line", [(True, 4.0), (False, 3.0)])
def test_a_damaged_label_sits_on_the_line_it_prints_on(damaged_on_wrap, line):
    assert unread_label_lines(damaged_on_wrap) == [(3, (line,))]


# ------------------------------------------- a damaged label the labels around it read
def bottom_lines(damaged_on_wrap: bool) -> list[str]:
    # labels on their blocks' last lines; 盾量指杯 is as near 数量指标 as 质量指标, and the
    # order reads it (`read_damaged_labels`). It prints on 敬老院…达标率's wrap (率): the
    # 质量 block ends there, so 社区工作者岗前培训合格率 (worded for 质量) opens 时效
    label = "\t盾量指杯" if damaged_on_wrap else "\t"
    first = "\t" if damaged_on_wrap else "\t盾量指杯"
    return ["\t\t社区事务受理业务办件量\t≥120000(件)", "\t\t就业援助对象帮扶人数\t≥300(人)",
            "\t数量指标\t公益性岗位开发数量\t≥60(个)", "\t\t受理事项办理合格率\t≥98.00(%)",
            "\t\t窗口服务规范达标率\t=100.00(%)", f"{first}\t敬老院日常管理质量达标\t=100.00(%)",
            f"{label}\t率\t", "\t\t社区工作者岗前培训合格\t=100.00(%)", "\t\t率\t",
            "\t\t受理事项按时办结率\t≥99.00(%)", "\t时效指标\t退役军人优待金发放及时率\t=100.00(%)",
            "\t\t受理大厅运行维护费用\t≤120.00(万元)", "产出指标\t成本指标\t办公设备采购单价控制\t≤6000(元/台)"]


@pytest.mark.parametrize("damaged_on_wrap, line", [(True, 6), (False, 5)])
def test_a_damaged_label_read_by_order_keeps_the_line_it_prints_on(damaged_on_wrap, line):
    rows = list(iter_text_rows("\n".join(["一级指标\t二级指标\t三级指标\t指标值", *bottom_lines(damaged_on_wrap)])))
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False, None)
    assert items[5].name == "敬老院日常管理质量达标率" and items[5].lines == (5, 6)
    assert [(h.spec.label, h.line) for h in items[5].level2] == [("质量指标", line)]


def test_a_block_ends_on_the_wrap_line_its_damaged_label_prints_on():
    from formex.normalize.indicators import rows_to_indicators
    rows = list(iter_text_rows("\n".join(["一级指标\t二级指标\t三级指标\t指标值", *bottom_lines(True)])))
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    by_name = {i.row.name: i.placement.level2.label for i in indicators}
    assert by_name["敬老院日常管理质量达标率"] == "质量指标"
    assert by_name["社区工作者岗前培训合格率"] == "时效指标"


# ------------------------------------------- a wrapped level-2 label's rest below its damaged head
PROJECT = load_form_schema("project_target")


def cost_lines(rest_group: str) -> list[str]:
    # 经济成本指标 wraps 径济 / 成本 / 指标 down its merged cell; the lines below the row
    # read as 成本指标 (a category of 产出指标) on their own, but after 径济 as 经济成本指标,
    # the one category of the 成本指标 group the row states
    return ["一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t新建社区健身路径\t40个",
            "\t时效指标\t年度建设任务完成时间\t2018年12月底前",
            f"{rest_group}\t径济\t单个健身路径建设成本\t≤8万元",
            "指标\t成本\t\t",
            "\t指标\t\t",
            "效益指标\t社会效益指标\t人均体育场地面积\t≥1.9平方米"]


def test_a_damaged_level2_head_takes_its_label_rest_below():
    items, issues = rows_to_indicator_rows(list(iter_text_rows("\n".join(cost_lines("成本")))), PROJECT, False, None)
    assert [i.name for i in items] == ["新建社区健身路径", "年度建设任务完成时间", "单个健身路径建设成本", "人均体育场地面积"]
    assert [(h.cell.text, h.spec.label) for h in items[2].level2] == [("径济成本指标", "经济成本指标")]
    # joined with its clean lines as they are rejoined (fragments.damaged_extension), before
    # the rows are read: the pieces as printed stay said
    joined = [i for i in issues if i.code == "label_rejoined" and "径济 | 成本 | 指标" in i.message]
    assert len(joined) == 1 and "with look-alikes" in joined[0].message
    assert not any(i.code == "label_unrecognised" and "径济" in i.message for i in issues)


def test_a_label_line_of_the_stated_group_stays_its_own():
    # the row above states 产出指标, whose category 成本指标 is: the line reads as itself.
    # Since split30 the pieces are rejoined first (径济 | 成本 | 指标, said), and the joined
    # text is read in the stated group as 成本指标 (said as a fuzzy read): the same category
    from formex.normalize.indicators import rows_to_indicators
    rows = list(iter_text_rows("\n".join(cost_lines("产出"))))
    indicators, issues = rows_to_indicators(rows, PROJECT, spans_known=False, year=2026)
    placed = {i.row.name: (i.placement.level2.level1, i.placement.level2.label) for i in indicators}
    assert placed["单个健身路径建设成本"] == ("产出指标", "成本指标")
    assert any(i.code == "label_rejoined" and "径济 | 成本 | 指标" in i.message for i in issues)
    assert any(i.code == "header_fuzzy_match" and "'径济成本指标' read as '成本指标'" in i.message for i in issues)


def test_a_joined_label_rest_keeps_the_line_its_head_prints_on():
    # the row's name wraps; its damaged head 径济 prints on the wrap line (3), not the row's first
    text = ["一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t新建社区健身路径\t40个",
            "\t时效指标\t年度建设任务完成时间\t2018年12月底前",
            "成本类指标\t\t单个健身路径建设成本不超过预算标准的\t≤8万元",
            "\t径济\t比例\t", "\t成本\t\t", "\t指标\t\t",
            "效益指标\t社会效益指标\t人均体育场地面积\t≥1.9平方米"]
    items, _ = rows_to_indicator_rows(list(iter_text_rows("\n".join(text))), PROJECT, False, None)
    # (since split30 the label's lines below are rejoined with 径济 before the rows are read,
    # and blanked as lines of their own: the row ends on its wrap line)
    assert items[2].name == "单个健身路径建设成本不超过预算标准的比例" and items[2].lines == (2, 3)
    assert [(h.spec.label, h.line) for h in items[2].level2] == [("经济成本指标", 3)]
