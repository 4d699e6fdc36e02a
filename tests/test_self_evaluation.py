"""Self-evaluations: actual values through the target parser, weights and scores, the
totals row, the budget grid, and the check that scores add up to the stated total."""
from __future__ import annotations

import pytest

from formex.extract.ocr_text import read_ocr_text
from formex.normalize.form import normalize_document

HEAD = ["项目支出绩效自评表", "（2022年度）", "项目名称\t道路养护", "年度总体目标\t预期目标\t实际完成情况",
        "\t养护道路20公里\t养护道路20公里",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "\t年度资金总额\t100\t100\t90\t10\t90%\t9"]
TABLE = ["绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
         "\t产出指标\t数量指标\t养护道路长度\t≥20公里\t20公里\t50\t50\t",
         "\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t85%\t40\t35\t宣传不足"]


def read(lines):
    return normalize_document(read_ocr_text("\n".join(lines).encode(), doc_id="x", source_path="x.txt"))


def test_scores_that_add_up_with_the_budget_line_leave_no_issue():
    result = read([*HEAD, *TABLE, "总分\t100\t94"])
    assert result.status == "ok" and result.header["total_score"] == 94
    assert not [i for i in result.issues if i.code == "score_total_mismatch"]
    second = result.indicators[1]
    assert (second.weight, second.score, second.row.deviation) == (40, 35, "宣传不足")
    assert second.actual.value == 85 and second.actual.unit == "%" and second.target.op == "ge"


@pytest.mark.parametrize("totals, column", [("总分\t100\t90", "score"), ("总分\t95\t94", "weight")])
def test_scores_or_weights_that_do_not_add_up_are_a_warning(totals, column):
    result = read([*HEAD, *TABLE, totals])
    found = [i for i in result.issues if i.code == "score_total_mismatch"]
    assert [i.field for i in found] == [column] and result.status == "ok"


def test_a_score_that_is_no_number_is_a_warning_not_a_value():
    table = [*TABLE[:2], "\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t85%\t40\t良\t"]
    result = read([*HEAD, *table])
    assert result.indicators[1].score is None
    assert any(i.code == "score_unparsed" for i in result.issues)


def test_the_budget_grid_fills_the_forms_columns_in_yuan():
    result = read([*HEAD, *TABLE])
    amounts = result.budget.amounts
    assert amounts["budget_total"] == 1_000_000 and amounts["budget_executed"] == 900_000
    assert result.header["execution_rate"] == 90 and result.budget.scale == 4


def test_weight_and_score_columns_whose_short_headers_ocr_damaged_are_found_by_their_numbers():
    damaged = [TABLE[0].replace("\t分值\t得分\t", "\t分植\t得汾\t"), *TABLE[1:]]
    result = read([*HEAD, *damaged])
    assert [(i.weight, i.score) for i in result.indicators] == [(50, 50), (40, 35)]
    unit_like = [damaged[0].replace("实际完成值", "完戌情况"), *damaged[1:]]   # no actual column: no guess
    assert all(i.weight is None for i in read([*HEAD, *unit_like]).indicators)


def test_a_damaged_actual_header_beside_readable_ones_keeps_its_column():
    # 实际完戍直 (成→戍, 值→直) and 分直: the header row is found by its readable cells; the
    # actual column is reread at the level columns' looseness, the points by their numbers
    damaged = [TABLE[0].replace("实际完成值", "实际完戍直").replace("\t分值\t", "\t分直\t"), *TABLE[1:]]
    result = read([*HEAD, *damaged])
    assert [i.actual.value for i in result.indicators] == [20, 85]
    assert [(i.weight, i.score) for i in result.indicators] == [(50, 50), (40, 35)]


def test_the_damaged_header_reread_takes_no_taken_role_and_no_level_column():
    from formex.extract.ocr_text import iter_text_rows
    from formex.normalize.indicators.cells import level_vocabulary
    from formex.normalize.indicators.columns import find_header
    from formex.schemas.forms import load_form_schema
    vocab = level_vocabulary(load_form_schema("project_self_evaluation"))
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t实际完戍直\t分值\t得分"
    _, roles = find_header(list(iter_text_rows(header)), vocab)
    assert roles[4] == "actual" and roles[5] == "other"      # the actual role is taken already
    header = "一圾措标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分"
    _, roles = find_header(list(iter_text_rows(header)), vocab)
    assert roles[0] == "other"                             # a level column: read by its cells
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t说明\t得分"
    _, roles = find_header(list(iter_text_rows(header)), vocab)
    assert roles[5] == "other"                             # no alias is near 说明
