"""Level labels wrapped in a narrow level column (`产出指` / `标`) are joined into one
label on one line before cells are classified (normalize/indicators/fragments.py)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.cells import COLUMN_CUTOFF, Vocabulary, classify_label, level_vocabulary
from formex.normalize.indicators.fragments import label_read_as, put_in_reading, rejoin_label_fragments
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.document import Cell
from tests.test_hierarchy import SCHEMA, text_rows

VOCAB = level_vocabulary(SCHEMA)


def test_pieces_on_consecutive_lines_are_joined_on_each_of_their_rows():
    # leading cells dropped by OCR: the pieces' columns shift from line to line
    rows = text_rows(["数量指\t军休干部服务管理人数\t=46人",
                      "产出指\t标\t烈士纪念设施维护数量\t=9处",
                      "标\t\t双拥宣传活动场次\t≥12场"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [[c.text for c in row.cells if c.text] for row in out] == [
        ["数量指标", "军休干部服务管理人数", "=46人"],
        ["产出指标", "数量指标", "烈士纪念设施维护数量", "=9处"],
        ["产出指标", "双拥宣传活动场次", "≥12场"]]
    assert [i.code for i in issues] == ["label_rejoined"] * 2


def test_the_longest_reading_wins():
    # 经济 / 效益 / 指标: 经济效益 is an alias too, but the third line completes the label
    rows = text_rows(["经济\t产值增长\t≥5%", "效益\t税收增长\t≥3%", "指标\t带动就业\t≥100人"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert [row.cells[0].text for row in out] == ["经济效益指标"] * 3


def test_a_label_all_on_lines_of_its_own_sits_on_its_middle_line():
    rows = text_rows(["\t\t产值增长\t≥5%", "经济", "效益", "指标", "\t\t税收增长\t≥3%"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert [row.texts for row in out[1:4]] == [[""], ["经济效益指标"], [""]]


def test_a_piece_on_a_line_of_its_own_anchors_on_the_row_above():
    rows = text_rows(["满意度\t群众满意度\t≥90%", "指标\t", "\t\t其他名称\t≥1个"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert out[0].cells[0].text == "满意度指标" and not out[1].filled


def test_short_names_and_whole_labels_are_left_alone():
    rows = text_rows(["数量指标\t建档率\t≥90%", "质量指标\t合格率\t100%", "标准\t其他\t1个"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out == rows and issues == []


def test_a_table_with_wrapped_labels_reads_its_levels():
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指\t数量指\t走访慰问人次\t≥3200人次",
                      "标\t标\t培训人数\t≥120人",
                      "\t质量指\t发放准确率\t100%",
                      "\t标\t采集准确率\t≥98%",
                      "满意度\t服务对\t群众满意度\t≥90%",
                      "指标\t象满意\t",
                      "\t度指标\t"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.level1, i.placement.level2.label, i.row.name) for i in indicators]
    assert got == [("产出指标", "数量指标", "走访慰问人次"), ("产出指标", "数量指标", "培训人数"),
                   ("产出指标", "质量指标", "发放准确率"), ("产出指标", "质量指标", "采集准确率"),
                   ("满意度指标", "服务对象满意度指标", "群众满意度")]


def test_a_label_too_damaged_to_tell_is_read_by_the_labels_around_it():
    # 盾量措标 is two characters from 数量指标 and from 质量指标 alike; under the level-2
    # column, after 数量指标 and before 时效指标, only 质量指标 fits the canonical order
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值\t备注",
                      "产出指标\t数量指标\t培训人数\t≥5人\t",
                      "\t盾量措标\t发放准确率\t100%\t",
                      "\t时效指标\t拨付及时率\t100%\t"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.placement.level2.label for i in indicators] == ["数量指标", "质量指标", "时效指标"]
    codes = [i.code for i in issues]
    assert "label_read_by_order" in codes and "label_unrecognised" not in codes


def test_a_damaged_label_the_order_cannot_settle_stays_unrecognised():
    # no label above and 时效指标 below: 数量指标 and 质量指标 both fit the order
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值\t备注",
                      "产出指标\t盾量措标\t培训人数\t≥5人\t",
                      "\t时效指标\t拨付及时率\t100%\t"])
    _, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    codes = [i.code for i in issues]
    assert "label_unrecognised" in codes and "label_read_by_order" not in codes


def test_a_first_piece_that_reads_as_a_qualitative_target_is_still_a_piece():
    rows = text_rows(["可持续\t服务长效机制\t健全", "影响指\t", "标\t"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert [[c.text for c in row.cells if c.text] for row in out] == [
        ["可持续影响指标", "服务长效机制", "健全"], [], []]


def test_a_damaged_label_on_a_wrapped_names_line_is_read_not_lost():
    # 城乡居民养老金发放准 | 确率: the second line also holds the damaged 质量 label
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值\t备注",
                      "产出指标\t数量指标\t培训人数\t≥5人\t",
                      "\t\t城乡居民养老金发放准\t\t",
                      "\t盾量措标\t确率\t100%\t",
                      "\t时效指标\t拨付及时率\t100%\t"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
        ("培训人数", "数量指标"), ("城乡居民养老金发放准确率", "质量指标"), ("拨付及时率", "时效指标")]
    assert "label_read_by_order" in [i.code for i in issues]


def test_a_loose_match_under_the_level2_column_is_not_read_as_a_level1_label():
    # 成本拍杯 is as near 成本指标 (产出) as 经济成本 / 社会成本 (成本指标 group): under the
    # level-2 column it is no level-1 成本指标; the row's own group 产出指标 settles it
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值\t备注",
                      "产出指标\t时效指标\t拨付及时率\t100%\t",
                      "产出指标\t成本拍杯\t人均成本\t≤300元\t",
                      "效益指标\t经济效益指标\t增收金额\t≥9万元\t"])
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.level1, i.placement.level2.label) for i in indicators] == [
        ("产出指标", "时效指标"), ("产出指标", "成本指标"), ("效益指标", "经济效益指标")]
    assert classify_label(Cell("成本拍杯", "成本拍杯", 1), VOCAB, level=2, cutoff=COLUMN_CUTOFF) is None


def test_pieces_with_a_look_alike_are_joined_as_a_whole_label_would_be_read():
    # 数量拍 | 标 (拍 for 指) and 服务对象 | 满恴度指 | 标 (恴 for 意): one wrong
    # character in four, one in nine, as a whole label is read at LABEL_CUTOFF
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出\t数量拍\t\t", "\t标\t\t", "\t\t培训人数\t≥5人",
                      "\t服务对象\t群众满意度\t≥90%", "\t满恴度指\t", "\t标\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [c.text for c in out[1].cells if c.text] == ["产出", "数量拍标"] and not out[2].filled
    assert [c.text for c in out[4].cells if c.text] == ["服务对象满恴度指标", "群众满意度", "≥90%"]
    assert not out[5].filled and not out[6].filled
    assert [i.code for i in issues] == ["label_rejoined"] * 2
    assert all("look-alikes" in i.message for i in issues)
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators] == [
        ("数量指标", "培训人数"), ("服务对象满意度指标", "群众满意度")]


def test_damaged_pieces_too_far_from_a_label_or_near_two_are_left_alone():
    rows = text_rows([
        "盾量\t培训人数\t≥5人", "措标\t",        # 盾量措标: as near 数量指标 as 质量指标
        "数量指\t合格率\t100%", "际\t",          # 际 keeps nothing of 标: no piece of it
        "经济敫益\t增收金额\t≥9万元", "损标\t",   # two wrong in six: below LABEL_CUTOFF
    ])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out == rows and issues == []


def test_a_name_above_a_label_is_not_glued_to_it():
    # 服务户数 | 满意度指标 scores 78 against 服务对象满意度指标, but 满意度指标 is a
    # label of its own: a name's line above a label's, not pieces of one
    rows = text_rows(["\t服务户数\t≥6户", "满意度指标\t群众满意度\t≥90%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out == rows and issues == []


def test_a_fused_label_wrapped_into_the_next_names_line_is_put_back_whole():
    # 数量指 | 标: the label's last character opens the next line's name; the label goes
    # back whole at the head of the first name, where fused.py splits it off
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t\t数量指在校学生人数\t≥500人",
                      "\t\t标环境在编教职工人数\t≥40人",
                      "\t\t可持续影设施维护管理机制\t健全",
                      "\t\t响指标\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [c.text for c in out[1].cells if c.text] == ["产出指标", "数量指标在校学生人数", "≥500人"]
    assert [c.text for c in out[2].cells if c.text] == ["环境在编教职工人数", "≥40人"]
    assert [c.text for c in out[3].cells if c.text] == ["可持续影响指标设施维护管理机制", "健全"]
    assert not out[4].filled
    assert [i.code for i in issues] == ["label_rejoined"] * 2
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators] == [
        ("数量指标", "在校学生人数"), ("数量指标", "环境在编教职工人数"),
        ("可持续影响指标", "设施维护管理机制")]


def test_fused_wraps_are_not_read_where_the_pieces_make_no_fused_label():
    rows = text_rows([
        "满意度指群众满意度\t≥90%", "标家长满意度\t≥90%",          # 满意度指标: a group alone
        "数量统计准确率\t100%", "标准化建设\t完成",                 # 数量: a keyword, not 数量指
        "服务对象满意度损栎\t", "指标值\t",                         # a damaged label over a header
        "数量指在校学生人数\t\t≥500人", "\t标\t",                  # 标 beside the name's column
    ])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out == rows and issues == []


def test_a_wrapped_labels_piece_fused_into_the_name_beside_it_is_rejoined():
    # 时效 | 类指 | 标: the label's first line read into the name cell, its other lines
    # left in the level column; 时效类指标 is 时效 worded up (类) before its 指标
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t\t时效疫苗接种信息录入及时率\t100%",
                      "\t类指\t\t",
                      "\t标\t\t",
                      "\t\t社会居民电子健康档案建档率\t≥90%",
                      "\t效益\t\t",
                      "\t指栎\t\t"])
    out, issues = rejoin_label_fragments(rows[1:], VOCAB)
    # before the name, where fused.py splits a label in full off
    assert [c.text for c in out[0].cells if c.text] == ["产出指标", "时效类指标 疫苗接种信息录入及时率", "100%"]
    assert not out[1].filled and not out[2].filled and not out[4].filled and not out[5].filled
    # look-alikes in the short pieces (指栎), the name's head the label's own
    # (社会效益指栎 is no label fused.py splits off: in the level cell instead)
    assert [c.text for c in out[3].cells] == ["", "社会效益指栎", "居民电子健康档案建档率", "≥90%"]
    assert [i.code for i in issues] == ["label_rejoined"] * 2
    assert "fused into the name" in issues[0].message
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators] == [
        ("时效指标", "疫苗接种信息录入及时率"), ("社会效益指标", "居民电子健康档案建档率")]


def test_a_piece_fused_into_a_name_needs_the_shape_of_a_wrapped_label():
    rows = text_rows([
        "\t\t质量监督资金发放及时率\t100%", "\t\t指标值\t",             # a header below: no piece
        "\t\t社会保险补贴审核办结时限\t15个工作日", "\t成木指标\t人均培训补贴标准\t≤1800元",  # a label below
        "\t\t数量指在校学生人数\t≥500人", "\t\t标\t",                 # no short piece left of the name
        "\t\t时效疫苗接种及时率\t100%", "\t类\t\t", "\t指标\t\t",          # 类 | 指标: no one column width
        "\t数量\t\t满意度调查覆盖率\t100%", "\t\t\t",                    # the name's line fills its level cell
        "\t\t经济\t", "家庭医生签约服务覆盖率\t效益\t\t", "\t指标\t",    # right of a name: no piece
    ])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i for i in issues if "fused into the name beside it" in i.message] == []
    assert [c.text for c in out[0].cells] == [c.text for c in rows[0].cells]
    assert [c.text for c in out[2].cells] == [c.text for c in rows[2].cells]
    assert [c.text for c in out[6].cells] == [c.text for c in rows[6].cells]


def test_a_fused_piece_with_a_look_alike_in_the_names_head_is_not_read():
    # 祉会 | 效益 | 指标: the look-alike would sit in the name's head, where nothing says
    # it is a label's
    rows = text_rows(["\t\t祉会居民电子健康档案建档率\t≥90%", "\t效益\t\t", "\t指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i for i in issues if "fused into the name beside it" in i.message] == []
    assert out[0].cells[2].text == "祉会居民电子健康档案建档率"


def test_a_piece_fused_into_a_name_whose_line_dropped_its_leading_empty_cells_is_rejoined():
    # 经济 | 成本 | 指杯 (no level-1 column): OCR dropped the name's line's empty level cell,
    # so its cells start one column left of the pieces' lines; aligned from the right,
    # the name sits right of the pieces and its level cell was left empty
    rows = text_rows(["\t时效\t疫苗接种信息录入及时率\t100%\t100%\t10\t10\t",
                      "\t指标\t\t\t\t\t\t",
                      "经济 人均基本公共卫生服务经费\t≥89元\t89元\t10\t10\t",
                      "\t成本\t\t\t\t\t\t",
                      "\t指杯\t\t\t\t\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i for i in issues if "fused into the name beside it" in i.message]
    # the look-alike stays for the label rules to read (经济成本指杯 ~ 经济成本指标)
    assert [c.text for c in out[2].cells if c.text][0] == "经济成本指杯 人均基本公共卫生服务经费"
    assert not out[3].filled and not out[4].filled


def test_a_level_cell_left_of_the_lines_name_is_no_name_a_piece_is_fused_into():
    # 社会效盖指栎 (a damaged level-2 label) opens a line whose name follows it; the line
    # dropped its leading empty cell, and 效益 below is the level-1 label's piece: no chain
    rows = text_rows(["社会效盖指栎\t人均体育场地面积\t≥2.2平方米",
                      "效益\t可持续影响指标\t设施维护管理机制\t健全"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i for i in issues if "fused into the name beside it" in i.message] == []
    assert [c.text for c in out[0].cells] == [c.text for c in rows[0].cells]


RESTATED = ["一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指\t走访慰问人次\t≥3200人次",
            "产出指标\t\t数量指培训人数\t≥120人",
            "产出指标\t数量指\t采集户数\t≥98户",
            "\t标\t\t",
            "产出指标\t质量指\t发放准确率\t100%",
            "产出指标\t\t质量指 抽检合格率\t≥98%",
            "\t标\t\t",
            "满意度指标\t服务对\t群众满意度\t≥90%",
            "满意度指标\t\t服务对象满意度\t≥90%",
            "\t象满意度指标\t\t"]


def test_a_label_piece_restated_on_every_row_fused_into_the_name_goes_back_to_its_cell():
    # 数量指 printed alone in the level column on the lines around: the name's head is that piece
    indicators, issues = rows_to_indicators(text_rows(RESTATED), SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.label, i.row.name) for i in indicators]
    assert got[:5] == [("数量指标", "走访慰问人次"), ("数量指标", "培训人数"), ("数量指标", "采集户数"),
                       ("质量指标", "发放准确率"), ("质量指标", "抽检合格率")]
    restated = [i for i in issues if i.code == "label_rejoined" and "restated" in i.message]
    assert [i.source_ref for i in restated] == ["line 3", "line 7"]


def test_a_name_reading_on_into_the_label_keeps_its_head():
    # 服务对 | 象满意度: the name goes on into 服务对象满意度指标, so it is a name (服务对象满意度)
    indicators, issues = rows_to_indicators(text_rows(RESTATED), SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators][-2:] == ["群众满意度", "服务对象满意度"]
    assert not [i for i in issues if "服务对象满意度'" in i.message and i.code == "label_rejoined"]


def test_a_name_opening_with_a_label_piece_no_line_around_prints_alone_keeps_its_head():
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t走访慰问人次\t≥3200人次",
                      "\t\t数量指挥调度次数\t≥120次",
                      "\t质量指标\t发放准确率\t100%"])
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators] == ["走访慰问人次", "数量指挥调度次数", "发放准确率"]


def test_a_piece_fused_into_a_name_whose_lines_lost_their_empty_leading_cells():
    # OCR text drops a line's empty leading cells: the name cell opens its line, and the
    # label's other lines are alone on lines of their own, in the same (first) column
    rows = text_rows(["社会\t居民电子健康档案建档率\t≥90%",
                      "效益\t\t",
                      "指标\t\t",
                      "可持 环境基层医疗卫生服务体系\t持续完善",
                      "续影\t\t",
                      "响指\t\t",
                      "标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert any("fused into the name beside it" in i.message and "可持续影响指标" in i.message for i in issues)
    assert out[3].cells[0].text == "可持续影响指标 环境基层医疗卫生服务体系"
    assert not out[4].filled and not out[5].filled and not out[6].filled


def test_a_names_wrapped_line_alone_below_it_is_no_label_piece():
    # the name's own wrapped line, alone below it: 数量 | 完成情况 makes no label
    rows = text_rows(["数量完成年度目标\t≥90%", "情况\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out == rows and issues == []


# ---------------------------------------------------------------- rows keep their row numbers
NUMBERED_SPLIT = ["序号\t一级指标\t二级指标\t三级指标\t指标值",
                  "1\t产出\t数量\t公共就业服务计划完成\t=100%",
                  "\t指标\t指标\t情况\t",
                  "2\t\t\t为老服务计划完成\t=100%",
                  "\t\t\t情况\t",
                  "3\t\t质量\t特困医疗补助发放准确\t=100%",
                  "\t\t指标\t率\t",
                  "4\t\t\t服装验收合格率\t=100%"]


def test_rejoined_rows_keep_whether_they_printed_a_row_number():
    from formex.normalize.indicators.sequence import strip_sequence_column
    rows, _ = strip_sequence_column(text_rows(NUMBERED_SPLIT), SCHEMA)
    out, issues = rejoin_label_fragments(rows[1:], VOCAB)
    assert any(i.code == "label_rejoined" for i in issues)
    assert [r.numbered for r in out] == [True, False, True, False, True, False, True]
    # a table without a 序号 column: nothing to keep
    plain, _ = rejoin_label_fragments(text_rows([line.split("\t", 1)[1] for line in NUMBERED_SPLIT[1:]]), VOCAB)
    assert {r.numbered for r in plain} == {None}


def test_a_numbered_table_with_wrapped_labels_joins_its_wrapped_names():
    # the lines without a row number are the names' ends (情况: no name of its own),
    # and the targets stay on their rows
    from formex.normalize.indicators.sequence import strip_sequence_column
    rows, _ = strip_sequence_column(text_rows(NUMBERED_SPLIT), SCHEMA)
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name, i.target.raw) for i in indicators] == [
        ("数量指标", "公共就业服务计划完成情况", "=100%"), ("数量指标", "为老服务计划完成情况", "=100%"),
        ("质量指标", "特困医疗补助发放准确率", "=100%"), ("质量指标", "服装验收合格率", "=100%")]



def test_a_label_wrapped_at_a_pages_foot_is_joined_across_the_restated_header():
    # 服务对 last on a page, 象满意度指标 under the header the next page restates
    lines = ["一级指标\t二级指标\t三级指标\t指标值",
             "满意度指标\t服务对\t群众满意度\t≥90%",
             "一级指标\t二级指标\t三级指标\t指标值",
             "\t象满意度\t游客满意度\t≥85%",
             "\t指标\t"]
    _, issues = rows_to_indicators(text_rows(lines), SCHEMA, spans_known=False, year=2024)
    assert [i.message for i in issues if i.code == "label_rejoined"] == [
        "level label wrapped over 3 lines (服务对 | 象满意度 | 指标) read as '服务对象满意度指标'"]


def test_pieces_are_not_joined_across_a_table_row():
    # a row between the two pieces: not consecutive lines of the table, no label
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "\t质量指\t发放准确率\t100%", "\t\t其他名称\t1个", "\t标\t采集准确率\t≥98%"])
    _, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2024)
    assert not any(i.code == "label_rejoined" for i in issues)


def test_a_label_printed_with_one_more_character_is_rejoined():
    # 可持续影响类指标, 可持续性影响指标: no key of the vocabulary, a key with a wording put in
    for lines, joined in ((["可持续影\t建立长效机制\t是", "响类指标\t制度健全\t是"], "可持续影响类指标"),
                          (["可持续\t建立长效机制\t是", "性影响\t制度健全\t是", "指标\t设施运行\t≥5年"],
                           "可持续性影响指标"),
                          (["可持续影响\t建立长效机制\t是", "类指标\t制度健全\t是"], "可持续影响类指标")):
        out, issues = rejoin_label_fragments(text_rows(lines), VOCAB)
        assert [row.cells[0].text for row in out] == [joined] * len(lines)
        assert "with more words" in issues[0].message
        hint = classify_label(out[0].cells[0], VOCAB)
        assert hint is not None and hint.spec.label == "可持续影响指标"


def test_the_longest_reading_wins_over_an_alias_when_worded():
    # 社会 / 效益 is the alias 社会效益, but 类指 / 标 go on into 社会效益类指标
    rows = text_rows(["社会\t就业人数\t100人", "效益\t带动增收\t≥5%", "类指\t受益人数\t200人", "标\t培训人次\t50人次"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert [row.cells[0].text for row in out] == ["社会效益类指标"] * 4


def test_a_label_with_more_words_is_not_joined_to_a_label_of_its_own_or_to_other_words():
    # 率 / 时效性指标: a name's tail above a (worded) label
    rows = text_rows(["\t合格率\t≥95%", "率", "时效性指标\t及时率\t100%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [row.texts for row in out] == [row.texts for row in rows] and not issues
    # 可持续影 / 响应速度, 产出类 / 怀 / 指标, 经济咸 / 成本: the characters put in are no wording
    for lines in (["可持续影\t建立长效机制\t是", "响应速度\t制度健全\t是"],
                  ["产出类\t发放人数\t10人", "怀\t覆盖率\t100%", "指标\t受益户数\t20户"],
                  ["经济咸\t建设成本\t≤8万元", "成本\t维护成本\t≤2万元"]):
        out, issues = rejoin_label_fragments(text_rows(lines), VOCAB)
        assert not any("more words" in i.message for i in issues)
        assert [row.cells[0].text for row in out][:2] == [line.split("\t")[0] for line in lines][:2]


def test_a_label_with_one_more_character_and_a_look_alike_is_rejoined():
    # 可持续彰 / 响类指标: 彰 for 影, 类 read right and put in
    rows = text_rows(["可持续彰\t建立长效机制\t是", "响类指标\t制度健全\t是"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [row.cells[0].text for row in out] == ["可持续彰响类指标"] * 2
    assert "with more words and look-alikes" in issues[0].message
    hint = classify_label(out[0].cells[0], VOCAB)
    assert hint is not None and hint.spec.label == "可持续影响指标"


def test_look_alikes_in_a_worded_label_are_counted_against_the_key_alone():
    # 可恃继影 / 响类指标: two look-alikes in the seven characters of 可持续影响指标 (the
    # wording is no evidence); 盾量 / 类措标: two of four; 服务对象满意度 / 类 / 指标: a
    # piece that is the wording alone keeps no character of the label
    for lines in (["可恃继影\t建立长效机制\t是", "响类指标\t制度健全\t是"],
                  ["盾量\t发放人数\t10人", "类措标\t覆盖率\t100%"]):
        out, issues = rejoin_label_fragments(text_rows(lines), VOCAB)
        assert [row.cells[0].text for row in out] == [line.split("\t")[0] for line in lines] and not issues


def test_a_worded_tail_of_a_damaged_label_above_is_no_label_of_its_own():
    # 经挤 / 效益 / 性指 / 标: 效益性指标 words up 效益指标, but 经挤 above begins 经济效益性指标
    rows = text_rows(["经挤\t\t无", "效益", "性指", "标", "\t就业率\t≥90%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [row.texts for row in out] == [row.texts for row in rows] and not issues


def test_pieces_fused_into_names_may_spell_a_label_with_one_more_character():
    # 可持续 | 性影响 | 指标: two pieces fused into the names beside the level cell, the
    # label printed 可持续性影响指标 (性 put in after 可持续)
    rows = text_rows(["\t\t可持续档案管理制度健全性\t健全", "\t\t性影响服务标准化体系\t持续完善",
                      "\t指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    fused = [i.message for i in issues if "fused into the name beside it" in i.message]
    assert fused and "with more words" in fused[0] and "'可持续性影响指标'" in fused[0]
    # the label before each name's rest, for fused.py to split off
    assert [out[0].cells[2].text, out[1].cells[2].text] == ["可持续性影响指标 档案管理制度健全性",
                                                          "可持续性影响指标 服务标准化体系"]
    # 可持续 | 怀影响 | 指标: 怀 is no wording, so no label
    rows = text_rows(["\t\t可持续档案管理制度健全性\t健全", "\t\t怀影响服务标准化体系\t持续完善",
                      "\t指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert not [i for i in issues if "fused into the name beside it" in i.message]


LEVEL_ROLES = {0: "level1", 1: "level2", 2: "level3", 3: "target"}


def test_damaged_pieces_under_a_level_column_join_at_its_cutoff():
    # 戍本 / 损标: two look-alikes in four, too many for LABEL_CUTOFF; under the header's
    # level-2 column the pieces are read as a level cell there is (COLUMN_CUTOFF)
    rows = text_rows(["产出指标\t戍本\t烈士纪念设施维护成本\t≤65万元", "\t损标\t双拥宣传活动经费\t≤12万元"])
    plain, none = rejoin_label_fragments(rows, VOCAB)
    assert plain == rows and none == []
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert [row.cells[1].text for row in out] == ["戍本损标"] * 2
    assert [i.code for i in issues] == ["label_rejoined"] and "read in its level column" in issues[0].message
    assert classify_label(Cell("戍本损标", "戍本损标", 1), VOCAB, 2, cutoff=COLUMN_CUTOFF).spec.label == "成本指标"


def test_damaged_pieces_of_two_labels_are_not_joined_in_a_level_column():
    # 质晕 (质量) over 时敫 (时效): no one label reads from both
    rows = text_rows(["产出指标\t质晕\t合格率\t100%", "\t时敫\t及时率\t100%"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out == rows and issues == []


def test_a_damaged_label_of_its_own_is_no_piece_in_a_level_column():
    # 戍本指标 reads alone (one look-alike in four): the 损标 below is not its tail
    rows = text_rows(["产出指标\t戍本指标\t维护成本\t≤65万元", "\t损标\t活动经费\t≤12万元"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out[0].cells[1].text == "戍本指标" and not any("level column" in i.message for i in issues)


def test_a_label_worded_with_aspect_joins_whole_under_a_level_2_column():
    # 社会 / 效益 / 方面: 社会效益 is an alias, but the third line words the label with 方面
    # for 指标; under the header's level-2 column the longest reading wins, and 方面 is
    # not left over as a label cell nothing reads
    rows = text_rows(["效益指标\t社会\t满意率提升\t≥90%", "\t效益\t就业率\t≥40%",
                      "\t方面\t入学率\t≥40%", "\t\t覆盖率\t≥40%"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert [row.cells[1].text for row in out[:3]] == ["社会效益方面"] * 3
    assert [i.code for i in issues] == ["label_rejoined"] and "(社会 | 效益 | 方面)" in issues[0].message
    indicators, found = rows_to_indicators(
        text_rows(["一级指标\t二级指标\t三级指标\t指标值", *(line for line in
                   ["效益指标\t社会\t满意率提升\t≥90%", "\t效益\t就业率\t≥40%",
                    "\t方面\t入学率\t≥40%", "\t\t覆盖率\t≥40%"])]),
        SCHEMA, spans_known=False, year=2026)
    assert {i.placement.level2.label for i in indicators} == {"社会效益指标"}
    assert not [i for i in found if i.code == "label_unrecognised"]


def test_a_label_worded_with_aspect_is_not_joined_without_its_level_column():
    # no header column says the pieces are level cells: 社会效益 joins as before, and
    # 方面 is left alone (no reading guessed from the wording outside a level column)
    rows = text_rows(["效益指标\t社会\t满意率提升\t≥90%", "\t效益\t就业率\t≥40%", "\t方面\t入学率\t≥40%"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert [row.cells[1].text for row in out] == ["社会效益", "社会效益", "方面"]
    # under the name column the pieces are a name's, not a label's
    names = text_rows(["效益指标\t\t社会\t≥90%", "\t\t效益\t≥40%", "\t\t方面\t≥40%"])
    out, _ = rejoin_label_fragments(names, VOCAB, LEVEL_ROLES)
    assert [row.cells[2].text for row in out] != ["社会效益方面"] * 3


def test_a_group_word_before_a_category_word_wrapped_is_joined():
    # 产出时效 (a form whose level-2 column repeats its group) in a column three wide
    rows = text_rows(["\t产出时\t资金在规定时间内下达率\t100%", "\t效\t资金支付规范性\t合规",
                      "\t\t实际资金支出率\t≥95%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [row.cells[1].text for row in out[:2]] == ["产出时效"] * 2
    assert [i.code for i in issues] == ["label_rejoined"]
    indicators, _ = rows_to_indicators(text_rows([
        "一级指标\t二级指标\t三级指标\t指标值", "\t质量指标\t补贴发放准确率\t≥98%",
        "产出指标\t\t验收合格率\t100%", "\t产出时\t资金在规定时间内下达率\t100%",
        "\t效\t资金支付规范性\t合规", "\t\t实际资金支出率\t≥95%"]), SCHEMA, spans_known=False, year=2026)
    assert [i.placement.level2.label for i in indicators][2:] == ["时效指标"] * 3


def test_a_group_label_over_a_category_label_is_not_one_compound():
    # 产出 is a label of its own (the level-1 group's): with 时效 below it in its column,
    # or 数量指标 in the next column, it is two labels, not the compound 产出时效 / 产出数量指标
    for lines in (["产出\t\t资金下达率\t100%", "时效\t\t资金支付规范性\t合规"],
                  ["产出\t\t资金下达率\t100%", "\t数量指标\t发放人数\t≥5人"]):
        out, _ = rejoin_label_fragments(text_rows(lines), VOCAB)
        assert not any(c.text.startswith(("产出时效", "产出数量")) for row in out for c in row.cells)


def test_the_rest_of_a_rows_wrapped_label_beside_an_unread_piece_is_no_line_of_its_own():
    # 经济成 | 本指标 joins on both lines; the damaged level-1 piece 标 beside 本指标 kept
    # the lower line from emptying, and read as a line of labels it was a row of its own
    lines = ["一级指标\t二级指标\t三级指标\t指标值",
             "产出指标\t数量指标\t培训人数\t≥5人",
             "\t时效指标\t拨付及时率\t100%",
             "成木\t经济成\t人均培训成本\t≤800元",
             "标\t本指标\t",
             "效益指标\t社会效益指标\t受益人数\t≥100人"]
    items, issues = rows_to_indicator_rows(text_rows(lines), SCHEMA, False)
    assert [(item.name, item.lines) for item in items] == [
        ("培训人数", (0, 0)), ("拨付及时率", (1, 1)), ("人均培训成本", (2, 3)), ("受益人数", (4, 4))]
    assert "label_unrecognised" in [i.code for i in issues]   # the piece is still said
    indicators, _ = rows_to_indicators(text_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators] == [
        ("数量指标", "培训人数"), ("时效指标", "拨付及时率"), ("经济成本指标", "人均培训成本"),
        ("社会效益指标", "受益人数")]


def test_the_rest_of_a_listed_categorys_wrapped_label_beside_an_unread_piece_is_no_row():
    # a category listed without indicators (投入管理's, no name) wraps its cells down its own
    # lines as a named row does: 顶箕信息 | 化 joins on both lines, and the damaged level-1
    # tail 措标 beside 化 kept the lower line from emptying; read as a row, it listed
    # 预算信息化 twice and shifted every unnamed row after it by one
    lines = ["一级指标\t二级指标\t三级指标\t指标值",
             "投入官理\t预算执行\t\t", "\t管理\t\t",
             "投入官理\t资产管理\t\t",
             "投入官理\t顶箕信息\t\t", "措标\t化\t\t",
             "产出指标\t数量指标\t培训人数\t≥5人"]
    items, issues = rows_to_indicator_rows(text_rows(lines), SCHEMA, False)
    assert [(item.name, item.lines) for item in items] == [
        (None, (0, 0)), (None, (1, 1)), (None, (2, 3)), ("培训人数", (4, 4))]
    assert "label_unrecognised" in [i.code for i in issues]   # the piece is still said
    indicators, _ = rows_to_indicators(text_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert [i.placement.level2.label for i in indicators] == ["预算执行管理", "资产管理", "预算信息化", "数量指标"]


def test_a_whole_label_alone_below_a_row_stays_a_line_of_its_own():
    # a label printed whole on its line is no piece of the row above's: a category listed
    # without indicators, or a label line, as the hierarchy reads it
    lines = ["一级指标\t二级指标\t三级指标\t指标值",
             "产出指标\t数量指标\t培训人数\t≥5人",
             "\t时效指标\t拨付及时率\t100%",
             "标\t成本指标\t",
             "效益指标\t社会效益指标\t受益人数\t≥100人"]
    items, _ = rows_to_indicator_rows(text_rows(lines), SCHEMA, False)
    assert [item.name for item in items] == ["培训人数", "拨付及时率", None, "受益人数"]


def test_a_damaged_first_piece_joins_its_clean_rest_in_a_level_column():
    # 经挤戍 / 本指标: the rest reads alone as 成本指标 one character short, but is what the
    # last line of a wrapped 经济成本指标 prints; under the level-2 column the two join
    rows = text_rows(["成本指标\t经挤戍\t每公里道路养护费用\t≤3万元", "\t本指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert [row.cells[1].text for row in out] == ["经挤戍本指标", ""]
    assert [i.code for i in issues] == ["label_rejoined"] and "read in its level column" in issues[0].message
    # a rest of its own on a first line is still a label of its own (no piece of the next)
    rows = text_rows(["产出指标\t本指标\t维护成本\t≤65万元", "\t损标\t活动经费\t≤12万元"])
    out, _ = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out[0].cells[1].text == "本指标"


def test_a_damaged_first_piece_tied_between_a_groups_categories_still_takes_its_rest():
    # 径剤成 / 本指标: as near 经济成本指标 as 社会成本指标 (no character of either's own
    # word kept); joined all the same, so the rest does not read alone as 成本指标, a
    # category of 产出 in the older forms, and open a block of its own
    lines = ["一级指标\t二级指标\t三级指标\t指标值",
             "产出指标\t时效指标\t道路养护完成时间\t2026年10月底前",
             "成本指标\t径剤成\t每公里道路养护费用\t≤3万元", "\t本指标\t\t"]
    out, issues = rejoin_label_fragments(text_rows(lines[2:]), VOCAB, LEVEL_ROLES)
    assert [row.cells[1].text for row in out] == ["径剤成本指标", ""]
    assert [i.code for i in issues] == ["label_rejoined"]
    indicators, _ = rows_to_indicators(text_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators] == ["道路养护完成时间", "每公里道路养护费用"]
    assert indicators[1].placement.level2.label in ("经济成本指标", "社会成本指标")
    # the pieces of two groups' categories tied (数量 or 质量, 成本): no join
    out, issues = rejoin_label_fragments(text_rows(["产出指标\t盾量\t合格率\t100%", "\t本指标\t\t"]),
                                         VOCAB, LEVEL_ROLES)
    assert issues == []


def test_a_group_word_over_another_groups_name_beside_its_category_is_that_group():
    # 产出 / 成本 / 指标 beside 经济 / 成本 / 指标: 产出 is a label of its own, but the
    # category beside it is one of the group 成本指标, so the three pieces are that group
    # written with 产出 (not 产出's label over the next group's, read as 产出's category)
    lines = ["一级指标\t二级指标\t三级指标\t指标值",
             "产出指标\t时效指标\t道路养护完成时间\t2026年10月底前",
             "产出\t经济\t每公里道路养护费用\t≤3万元", "成本\t成本\t\t", "指标\t指标\t\t",
             "效益指标\t社会效益指标\t通行满意率\t≥90%"]
    out, _ = rejoin_label_fragments(text_rows(lines[2:5]), VOCAB)
    assert [row.cells[0].text for row in out] == ["产出成本指标", "", ""]
    indicators, _ = rows_to_indicators(text_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators] == [
        ("时效指标", "道路养护完成时间"), ("经济成本指标", "每公里道路养护费用"), ("社会效益指标", "通行满意率")]
    # beside a category of 产出 they are two labels, as before
    out, _ = rejoin_label_fragments(text_rows(["产出\t数量\t养护里程\t≥30公里", "成本\t指标\t\t", "指标\t\t\t"]), VOCAB)
    assert out[0].cells[0].text == "产出"


def test_a_fused_head_with_one_look_alike_between_two_short_pieces_is_read():
    # 可持续 / 影呐指 / 标 (可持续影响指标, one look-alike in the name's head): the short
    # pieces above and below pin the head
    rows = text_rows(["\t可持续\t农技推广服务长效机制\t持续完善",
                      "\t\t影呐指耕地质量保护与提升机制\t持续改善",
                      "\t标\t农业绿色发展水平\t逐步提高"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i for i in issues if "fused into the name beside it" in i.message]
    assert "耕地质量保护与提升机制" in [c.text.split(" ")[-1] for c in out[1].cells]
    assert not any(c.text.startswith("影呐指耕地") for c in out[1].cells)


def test_a_fused_head_with_a_look_alike_and_no_short_piece_above_is_not_read():
    # 可持读 / 影响 / 指标: the head opens the chain, nothing above pins it (its look-alike
    # alone would read the chain as 可持续影响指标)
    rows = text_rows(["\t\t可持读农技推广服务长效机制\t持续完善",
                      "\t影响\t耕地质量保护与提升机制\t持续改善",
                      "\t指标\t农业绿色发展水平\t逐步提高"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i for i in issues if "fused into the name beside it" in i.message] == []
    assert out[0].cells[2].text == "可持读农技推广服务长效机制"


def test_a_level1_labels_pieces_run_past_its_one_row_stay_that_rows():
    # 满意 / 度指 / 标 (满意度指标) begins beside the block's one row and runs on down lines of
    # its own: its cell's rest, not a label of the 管理 rows below (carried to 预算执行率 it
    # opened the 满意度 group there and took the rows above the 管理 label with it)
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "效益\t\t城镇新增就业人数\t≥39500人",
                      "类指\t社会效益指标\t零就业家庭帮扶率\t=100%",
                      "标\t\t高校毕业生就业率\t≥90%",
                      "满意\t服务\t公共就业服务满意度\t≥90%",
                      "度指\t满意\t",
                      "标\t度指\t",
                      "标\t",
                      "\t\t预算执行率\t≥90%",
                      "\t\t资金使用合规性\t合规",
                      "管理\t管理\t财务监控有效性\t有效",
                      "指标\t指标\t绩效目标明确性\t明确",
                      "\t\t政府采购程序性\t合规",
                      "\t\t管理制度健全性\t健全"])
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.level1, i.row.name) for i in indicators]
    assert got == [("效益指标", "城镇新增就业人数"), ("效益指标", "零就业家庭帮扶率"),
                   ("效益指标", "高校毕业生就业率"), ("满意度指标", "公共就业服务满意度"),
                   ("管理指标", "预算执行率"), ("管理指标", "资金使用合规性"),
                   ("管理指标", "财务监控有效性"), ("管理指标", "绩效目标明确性"),
                   ("管理指标", "政府采购程序性"), ("管理指标", "管理制度健全性")]
    # the pieces are the 满意度 row's label lines, not the next row's
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    assert not any(h.carried for item in items for h in item.level1)


def test_a_wording_a_word_short_wrapped_down_its_column_is_joined():
    # 服务满意 / 度指标 spells 服务满意度指标, a wording of 服务对象满意度指标 printed a word
    # short (`shortened`): a whole run in one column vouches for it, joined as the category.
    # Before, 度指标 was left to read alone (as 管理指标, by the order), taking the rows below
    # out of their block
    rows = text_rows(["数量指标\t服务人数\t≥5人", "\t活动场次\t≥6场",
                      "社会效益指标\t受益人数\t≥100人", "\t群众知晓率\t≥90%",
                      "服务满意\t退役军人满意度\t≥90%", "度指标\t优抚对象满意度\t≥90%", "\t军休干部满意度\t≥92%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i.message for i in issues if i.code == "label_rejoined"] == [
        "level label wrapped over 2 lines (服务满意 | 度指标) read as '服务对象满意度指标'"]
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.placement.level2.label for i in indicators][-3:] == ["服务对象满意度指标"] * 3
    # a shortened wording is never read in a cell alone
    assert [i.code for i in rejoin_label_fragments(text_rows(["服务满意度\t退役军人满意度\t≥90%"]), VOCAB)[1]] == []


def test_a_worded_label_with_look_alikes_wrapped_on_lines_of_its_own_is_joined():
    # 时郊 / 性指 / 标: 时效性指标 (时效 worded up with 性) with 效 read as 郊; no worded form
    # spells it and the look-alike kept the joined text from being read whole: left unworded
    rows = text_rows(["\t城乡居民养老金发放准确率\t100%", "时郊", "性指", "标",
                      "\t资金在规定时间内下达率\t100%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [row.texts for row in out[1:4]] == [[""], ["时郊指标"], [""]]
    assert [i.code for i in issues] == ["label_rejoined"] and "with more words and look-alikes" in issues[0].message
    assert "read as '时郊指标'" in issues[0].message
    assert classify_label(out[2].cells[0], VOCAB).spec.label == "时效指标"
    # 时郊 / 怀指 / 标: 怀 is no wording, and 时郊怀指标 is no label
    rows = text_rows(["\t城乡居民养老金发放准确率\t100%", "时郊", "怀指", "标", "\t资金支付规范性\t合规"])
    assert rejoin_label_fragments(rows, VOCAB) == (rows, [])
    # 效益类 / 目）数: a name's wrapped end (扶持创业企业（项 | 目）数) prints more than a label's
    # characters, though 效益目数 is one look-alike from 效益目标
    rows = text_rows(["效益类\t扶持创业企业（项\t650", "\t目）数\t"])
    assert rejoin_label_fragments(rows, VOCAB) == (rows, [])
    # 服各对象 / 蒲意度类 / 指标 across two columns: the group's label restated on every row
    # (蒲意度类 | 指标) beside the category's first piece is no one label
    rows = text_rows(["蒲意度类\t服各对象\t优抚对象满意度\t≥90%", "蒲意度类\t\t军休干部满意度\t≥92%",
                      "指标\t满意度\t\t"])
    assert not [i for i in rejoin_label_fragments(rows, VOCAB)[1] if "服各对象" in i.message]


def test_a_worded_label_with_two_look_alikes_joins_in_its_level_column():
    # 时郊类 / 指栎: 时效类指标 with two look-alikes, read only under the header's level-2
    # column, at its cutoff, as the text unworded (时郊指栎) is; left so
    rows = text_rows(["\t时郊类\t\t", "\t指栎\t\t", "\t\t资金在规定时间内下达率\t100%"])
    assert rejoin_label_fragments(rows, VOCAB) == (rows, [])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert [i.code for i in issues] == ["label_rejoined"] and "read in its level column" in issues[0].message
    joined = next(c.text for row in out for c in row.cells if c.text.startswith("时"))
    assert joined == "时郊指栎"
    assert classify_label(Cell(joined, joined, 1), VOCAB, 2, cutoff=COLUMN_CUTOFF).spec.label == "时效指标"


def test_a_word_printed_past_a_fused_first_line_before_a_space_is_cut_off_with_it():
    # 成本控制指标 (a wording the vocabulary does not list) wrapped 成本控制 / 指标: the first
    # line fused into the name before a space, which cleaning drops; the chain joins 成本 +
    # 指标, and 控制, printed with the label's line, goes with it (warned)
    from formex.extract.cleaning import clean_cell
    from formex.schemas.document import Row
    lines = ["一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t完成工程建设的行政村\t12个",
             "\t质量指标\t工程验收合格率\t100%", "\t\t成本控制 单位管网造价\t≤15万元/公里", "\t指标\t\t",
             "效益指标\t社会效益指标\t受益人口\t≥2.3万人"]
    rows = [Row(i, tuple(Cell(clean_cell(t), t, c) for c, t in enumerate(line.split("\t"))), 1, f"line {i}")
            for i, line in enumerate(lines, start=1)]
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators][2] == ("成本指标", "单位管网造价")
    put_in = [i for i in issues if i.code == "label_unrecognised" and "'控制'" in i.message]
    assert len(put_in) == 1 and put_in[0].severity == "warning"
    # a name printed with no space after the head keeps its words (成本 + 指标 as before)
    rows = [Row(i, tuple(Cell(clean_cell(t), t, c) for c, t in enumerate(line.split("\t"))), 1, f"line {i}")
            for i, line in enumerate([*lines[:3], "\t\t成本控制单位管网造价\t≤15万元/公里", *lines[4:]], start=1)]
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert not [i for i in issues if i.code == "label_unrecognised" and "'控制'" in i.message]


def test_a_name_opening_with_its_own_word_gives_no_piece_to_the_label_below():
    # 社会保险补贴… over 成本 | 指标: 社会保险 is a word names open with (schemas/name_words.yaml
    # label_line_openings), so 社会 is the name's, not the first line of 社会成本指标; the
    # pieces below read 成本指标 by themselves. 社会 + 效益 | 指标 with no such word is a chain.
    rows = text_rows(["\t时效\t低保就业补贴发放及时率\t≥95%",
                      "\t指标\t\t",
                      "\t\t社会保险补贴审核办结时限\t≤15个工作日",
                      "\t成本\t人均职业技能培训补贴标准\t≤1800元",
                      "\t指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i for i in issues if "fused into the name beside it" in i.message] == []
    assert [c.text for c in out[2].cells if c.text] == ["社会保险补贴审核办结时限", "≤15个工作日"]
    assert [c.text for c in out[3].cells if c.text][0] == "成本指标"
    rows = text_rows(["\t\t社会累计惠及居民户数\t≥500户", "\t效益\t\t", "\t指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [i for i in issues if "fused into the name beside it" in i.message]


def test_an_exact_chain_takes_the_damaged_line_above_or_below_it_in_its_column():
    # in a column two wide 成本 and 效益 are labels of their own: the exact pass read 成本 /
    # 指标 (or the alias 经济成本) and left the label's damaged line (经侪, 指柝) outside
    rows = text_rows(["经侪\t每页数字化扫描费用\t≤0.6元", "成本\t", "指标\t",
                      "经济\t单个小区平均改造成本\t≤70万元", "成本\t", "指柝\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [row.cells[0].text for row in out] == ["经侪成本指标", "", "", "经济成本指柝", "", ""]
    assert [i.message for i in issues] == [
        "level label wrapped over 3 lines with look-alikes (经侪 | 成本 | 指标) read as '经侪成本指标'",
        "level label wrapped over 3 lines with look-alikes (经济 | 成本 | 指柝) read as '经济成本指柝'"]


def test_a_damaged_piece_under_another_column_is_not_an_exact_chains_line():
    # 指柝 is the level-1 label's last line (效益 / 指柝), printed where the level-2 cell of
    # its line is blank: the level-2 chain 社会 / 效益 stays as read
    rows = text_rows(["效益\t社会\t惠及居民户数\t≥11000户", "\t效益\t\t", "指柝\t\t小区长效管理机制\t建立健全"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert [row.cells[1].text for row in out] == ["社会效益", "", ""] and out[2].cells[0].text == "指柝"


def test_a_wrapped_line_keeping_no_character_joins_where_the_other_lines_pin_its_label():
    # 顶箅 / 信息 / 化 (both characters of 预算 look-alikes) and 内部 / 控制 / 菅埋: under the
    # header's level-2 column the clean lines spell one category's own lines where they fall
    # (预算信息化, 内部控制管理), so the blind line is read as that category's too
    rows = text_rows(["投入管理指标\t内部\t\t", "\t控制\t\t", "\t菅埋\t\t",
                      "\t顶箅\t\t", "\t信息\t\t", "\t化\t\t"])
    plain, none = rejoin_label_fragments(rows, VOCAB)
    assert plain == rows and none == []
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    # (a label-only row's lines are its own: the label sits on its first, or middle, line)
    assert [row.cells[1].text for row in out] == ["内部控制菅埋", "", "", "", "顶箅信息化", ""]
    assert [i.code for i in issues] == ["label_rejoined"] * 2
    assert all("one line keeping none of its characters, read in its level column" in i.message for i in issues)
    assert classify_label(Cell("顶箅信息化", "顶箅信息化", 1), VOCAB, 2, cutoff=COLUMN_CUTOFF).spec.label == "预算信息化"


def test_a_blind_line_between_lines_several_categories_share_is_left_alone():
    # 预算 / 颌洎 / 管理: the middle line keeps nothing of its own, and 预算编审管理, 预算执行管理, 预算绩效管理 all read from the rest: no one label
    rows = text_rows(["投入管理指标\t预算\t\t", "\t颌洎\t\t", "\t管理\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out == rows and issues == []


def test_a_damaged_head_over_its_spilled_clean_rest_reads_as_the_one_label_they_join_into():
    # 产岀质量指标 (岀 for 出) wrapped: the rest 量指标 alone ends 数量指标 and 质量指标 and read
    # by itself as the nearer, 数量指标, opening a block of no row; joined with the head above
    # (in its column, or shifted there by the leading cell its line lost) it is 产出质量指标
    for rest_line in ("\t量指标", "量指标\t\t"):
        rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                          "产出指标\t数量指标\t家庭医生签约人数\t≥3000人",
                          "\t产岀质\t传染病报告及时率\t≥99%",
                          rest_line,
                          "\t时效指标\t疫苗接种信息录入及时率\t100%"])
        out, issues = rejoin_label_fragments(rows, VOCAB)
        assert out[2].texts[1] == "产出质量指标" and not any(out[3].texts)
        joined = [i for i in issues if i.code == "cell_joined"]
        assert len(joined) == 1 and joined[0].severity == "warning" and "量指标" in joined[0].message
        indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
        assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
            ("家庭医生签约人数", "数量指标"), ("传染病报告及时率", "质量指标"), ("疫苗接种信息录入及时率", "时效指标")]


def test_a_clean_rest_below_a_piece_of_another_column_is_not_joined_to_it():
    # 量指标 under the name column's head, not under the level-2 piece: no spilled rest
    rows = text_rows(["产出指标\t产岀质\t传染病报告及时率\t≥99%",
                      "\t\t量指标",
                      "\t时效指标\t疫苗接种信息录入及时率\t100%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out[0].texts[1] == "产岀质" and not any(i.code == "cell_joined" for i in issues)


def test_a_word_of_its_own_over_a_damaged_rest_reads_as_the_category_worded_with_its_group():
    # 产出成本 (成本指标 worded with its group) wrapped: 产出 alone is the group's word, 戊本
    # (成本) alone no label; joined they are the one group-worded form 产出成本, 3 of 4 in place
    rows = text_rows(["\t产出\t人均月补贴标准\t≤1200元",
                      "戊本\t\t",
                      "\t时效指标\t补贴资金按月发放及时率\t=100%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out[0].texts[1] == "产出成本" and not any(out[1].texts)
    assert [i.severity for i in issues if i.code == "cell_joined"] == ["warning"]


def test_a_groups_word_under_the_level1_column_is_no_head_of_a_spilled_rest():
    # 产出 restated on every row under the level-1 column; 时性 below is a name's wrap, not 时效
    rows = text_rows(["产出\t时效指标\t受理大厅日常受理量\t百分百",
                      "产出\t\t各类社会保障补贴发放及时\t百分百",
                      "时性\t\t",
                      "产出\t时效指标\t为老服务计划完成及时情况\t百分百"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out[1].texts[0] == "产出" and out[2].texts[0] == "时性"
    assert not any(i.code == "cell_joined" for i in issues)


def test_a_groups_word_on_a_row_over_its_categorys_word_spilled_below_reads_as_the_group_worded_label():
    # 产出质量指标 wrapped two wide in the level-2 column: 产出 stays on the row, 质量 / 指标 on
    # lines of their own below (in the column, or on lines that lost their leading cells).
    # Read apart, 产出 is a restated group's word and 质量指标 a block of no row; read
    # together, the row's label is the group-worded 产出质量指标
    for rest in (["\t质量\t\t", "\t指标\t\t"], ["质量\t\t", "指标\t\t"]):
        rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                          "产出指标\t数量指标\t新建供水管网长度\t≥46公里",
                          "\t产出\t工程验收合格率\t100%", *rest,
                          "\t时效指标\t工程完工及时率\t≥95%"])
        out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
        assert out[2].texts[1] == "产出质量指标" and not any(out[3].texts) and not any(out[4].texts)
        joined = [i for i in issues if i.code == "cell_joined"]
        assert len(joined) == 1 and joined[0].severity == "warning" and "质量 | 指标" in joined[0].message
        indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
        assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
            ("新建供水管网长度", "数量指标"), ("工程验收合格率", "质量指标"), ("工程完工及时率", "时效指标")]


def test_a_groups_word_over_a_category_on_a_row_of_its_own_is_two_labels():
    # 质量指标 printed on the next row beside its own name: a block of its own, not 产出's rest
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "\t产出\t工程验收合格率\t100%",
                      "\t质量\t供水水质达标率\t≥95%",
                      "\t指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out[1].texts[1] == "产出" and not any(i.code == "cell_joined" for i in issues)


def test_a_damaged_groups_word_over_its_categorys_spilled_word_reads_as_the_group_worded_label():
    # 产出质量指标 wrapped two wide under the header's level-2 column: 声出 (产出, 声 for 产) on
    # the row, 质量 / 指标 on lines of their own, alone an exact label of no row; and 产出 over
    # a damaged rest 质重 / 指标: each pair read together, five of six in place, as 产出质量指标
    for head, rest in (("声出", ("质量", "指标")), ("产出", ("质重", "指标"))):
        rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                          "产出指标\t数量指标\t新建供水管网长度\t≥46公里",
                          f"\t{head}\t工程验收合格率\t100%", *(f"\t{piece}\t\t" for piece in rest),
                          "\t时效指标\t工程完工及时率\t≥95%"])
        out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
        assert out[2].texts[1] == "产出质量指标" and not any(out[3].texts) and not any(out[4].texts)
        joined = [i for i in issues if i.code == "cell_joined"]
        assert len(joined) == 1 and joined[0].severity == "warning" and head in joined[0].message
        indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
        assert [i.placement.level2.label for i in indicators] == ["数量指标", "质量指标", "时效指标"]


def test_a_damaged_word_over_a_spilled_rest_reading_two_forms_alike_is_left_alone():
    # 严山 keeps no character of 产出 in place past one: 严山成本 is 2 of 4, below the cutoff
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "\t时效指标\t补贴发放及时率\t100%",
                      "\t严山\t人均月补贴标准\t≤1200元", "\t成本\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out[2].texts[1] == "严山" and not any(i.code == "cell_joined" for i in issues)


def test_a_labels_wording_left_at_a_fused_names_head_goes_with_the_labels_line():
    # 质量类 | 指柝: 质量类指标 wrapped, its first line fused into the name; the chain read
    # 质量 + 指柝 and left 类 on the name. 社会效 over 益性指 (社会效益性指标, its 标 past the
    # chain): the fused line is as wide as the column, 性指 the label's. Both cut, warned.
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t完成改造的老旧小区数量\t≥30个",
                      "\t\t质量类工程竣工验收合格率\t100%",
                      "\t指柝\t\t",
                      "效益指标\t社会效\t受益人口\t≥2.3万人",
                      "\t\t益性指居民办事便利度\t≥90%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators] == [
        ("数量指标", "完成改造的老旧小区数量"), ("质量指标", "工程竣工验收合格率"),
        ("社会效益指标", "受益人口"), ("社会效益指标", "居民办事便利度")]
    cut = [i for i in issues if i.code == "label_unrecognised" and "wording" in i.message]
    assert len(cut) == 2 and {i.severity for i in cut} == {"warning"}
    assert "'类'" in cut[0].message and "'性指'" in cut[1].message


def test_a_word_of_its_own_after_a_fused_labels_line_stays_the_names():
    # 性能 opens the name (wording_openings): no wording of the label's
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t完成改造的老旧小区数量\t≥30个",
                      "\t\t质量性能测试合格率\t100%",
                      "\t指柝\t\t"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators][1] == "性能测试合格率"
    assert not [i for i in issues if "wording" in i.message]


def test_a_worded_label_fused_and_wrapped_into_the_next_names_line_keeps_no_wording_on_the_name():
    # 经济效益性 | 指标: 经济效益性指标 fused into a name and wrapped into the next line's
    # name; the wording 性 goes with the label put back whole (warned)
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "效益指标\t\t地产农产品销售额\t≥6000万元",
                      "\t\t经济效益性农户人均增收\t≥1200元",
                      "\t\t指标合作社经营收入增长率\t≥5%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators][1:] == [
        ("经济效益指标", "农户人均增收"), ("经济效益指标", "合作社经营收入增长率")]
    cut = [i for i in issues if i.code == "label_unrecognised" and "wording" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning" and "'性'" in cut[0].message


def test_a_labels_aspect_word_left_at_a_fused_names_head_goes_with_the_label():
    # 社会效 over 益方面…: 社会效益方面 (方面 for 指标) wrapped, its last line fused into the name;
    # the chain read 社会效 + 益 (社会效益) and left 方面 on the name. Cut, warned
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "效益指标\t社会效\t受益人口数量\t≥2.3万人",
                      "\t\t益方面居民办事便利度\t≥90%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators] == [
        ("社会效益指标", "受益人口数量"), ("社会效益指标", "居民办事便利度")]
    cut = [i for i in issues if i.code == "label_unrecognised" and "'方面'" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning"


def test_a_label_worded_with_aspect_fused_and_wrapped_inside_it_is_put_back_whole():
    # 社会效益方 | 面: 社会效益方面 fused into the name, its 面 a cell of its own on the next
    # line; read as 社会效益指标, 方面 taken off the name (warned)
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "效益指标\t经济效益指标\t地产农产品销售额\t≥6000万元",
                      "\t\t社会效益方双拥模范城创建成果\t持续巩固",
                      "\t面\t全社会尊崇退役军人氛围\t明显提升"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators][1:] == [
        ("社会效益指标", "双拥模范城创建成果"), ("社会效益指标", "全社会尊崇退役军人氛围")]
    cut = [i for i in issues if i.code == "label_unrecognised" and "'方面'" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning"


def test_a_damaged_groups_word_over_a_clean_spilled_rest_says_the_rest_is_a_label_on_lines_of_their_own():
    # fix34: 声出 / 质量 / 指标: the rest spans two lines and alone reads as 质量指标 (a label
    # of no row), not "no label on a line of its own"
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t新建供水管网长度\t≥46公里",
                      "\t声出\t工程验收合格率\t100%", "\t质量\t\t", "\t指标\t\t",
                      "\t时效指标\t工程完工及时率\t≥95%"])
    _, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    joined = [i for i in issues if i.code == "cell_joined"]
    assert len(joined) == 1 and "lines of their own" in joined[0].message
    assert "a label of no row" in joined[0].message and "no label)" not in joined[0].message


def test_a_label_worded_with_aspect_wrapped_inside_it_is_said_so():
    # fix34: 社会效益方 | 面 prints 方 on the first line only: the warning says the label is
    # worded with 方面 and wrapped inside it, not that the line prints 方面
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "效益指标\t经济效益指标\t地产农产品销售额\t≥6000万元",
                      "\t\t社会效益方双拥模范城创建成果\t持续巩固",
                      "\t面\t全社会尊崇退役军人氛围\t明显提升"])
    _, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    cut = [i for i in issues if i.code == "label_unrecognised" and "'方面'" in i.message]
    assert len(cut) == 1 and "wrapped inside it" in cut[0].message and "prints '方面'" not in cut[0].message


def test_a_category_whole_on_one_line_under_a_groups_word_is_no_spilled_rest():
    # fix34: 质量指标 alone on the line under 产出 is wider than the word: no line of a
    # label wrapped at the word's width (the column would print 产出质量 on the first line),
    # so the two stay apart, with no damage read either (声出 over 质量指标)
    for head in ("产出", "声出"):
        rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                          "产出指标\t数量指标\t新建供水管网长度\t≥46公里",
                          f"\t{head}\t工程验收合格率\t100%", "\t质量指标\t\t",
                          "\t时效指标\t工程完工及时率\t≥95%"])
        out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
        assert out[2].texts[1] == head and out[3].texts[1] == "质量指标"
        assert not any(i.code == "cell_joined" for i in issues)


def test_a_groups_word_fused_at_a_names_head_over_its_categorys_word_spilled_below_reads_as_the_form():
    # 产出质量指标 wrapped two wide in the level-2 column, its first line 产出 fused into the name
    # beside it (with a space, or none), 质量 / 指标 (or 质重 / 指标, a look-alike) on lines of
    # their own below: read apart, the name keeps 产出 and 质量指标 is a block of no row; read
    # together, the row's label is 产出质量指标 and the name 设施验收合格率
    for fused, rest in (("产出 设施验收合格率", ("质量", "指标")), ("产出设施验收合格率", ("质量", "指标")),
                        ("产出 设施验收合格率", ("质重", "指标"))):
        rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                          "产出指标\t数量指标\t新建社区健身路径\t≥20个",
                          f"\t\t{fused}\t100%", *(f"\t{piece}\t\t" for piece in rest),
                          "\t时效指标\t年度建设任务完成时间\t年底前"])
        out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
        assert not any(out[3].texts) and not any(out[4].texts)
        joined = [i for i in issues if i.code == "cell_joined"]
        assert len(joined) == 1 and joined[0].severity == "warning" and "产出质量指标" in joined[0].message
        indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
        assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
            ("新建社区健身路径", "数量指标"), ("设施验收合格率", "质量指标"), ("年度建设任务完成时间", "时效指标")]


def test_a_name_opening_with_a_groups_word_and_its_categorys_word_keeps_both():
    # 产出质量监督… opens with the category's word the lines below print: the name's own words,
    # the lines below another label's
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t新建社区健身路径\t≥20个",
                      "\t\t产出 质量监督抽检合格率\t100%", "\t质量\t\t", "\t指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out[2].texts[2] == "产出 质量监督抽检合格率"
    assert not any("group's word at the head" in i.message for i in issues)


def test_a_cell_right_of_the_lines_name_is_no_name_a_groups_word_opens():
    # the line's name (新建社区健身路径) has its level cells filled: 产出 at the head of the
    # 备注 cell right of it, beyond an empty target, is that note's word, not a fused label
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值\t备注",
                      "产出指标\t数量指标\t新建社区健身路径\t\t产出设施验收后填报",
                      "\t质量\t\t\t", "\t指标\t\t\t", "\t时效指标\t年度建设任务完成时间\t年底前\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB, LEVEL_ROLES)
    assert out[1].texts[4] == "产出设施验收后填报"
    assert not any("group's word at the head" in i.message for i in issues)


def test_a_wrapped_label_with_a_word_the_form_put_in_is_read_without_it():
    # 成本控制指标 (a wording the vocabulary does not list) wrapped three wide: 成本控 / 制指标,
    # the word cut by the wrap; four wide: 成本控制 / 指标 (two wide, 成本 reads by itself)
    for lines in (["成本控\t单位管网造价\t≤100元", "制指标\t人均培训成本\t≤1500元"],
                  ["成本控制\t单位管网造价\t≤100元", "指标\t人均培训成本\t≤1500元"]):
        out, issues = rejoin_label_fragments(text_rows(lines), VOCAB)
        assert [row.cells[0].text for row in out][:2] == ["成本指标"] * 2
        assert [(i.code, i.severity) for i in issues] == [("label_unrecognised", "warning")]
        assert "'控制'" in issues[0].message


def test_a_label_read_whole_inside_a_wrapped_label_with_a_word_put_in_is_its_tail():
    # 生态环境效益指标: 效益 / 指标 alone reads as the group 效益指标, but it is the tail of the
    # lines above, the word 环境 put in
    rows = text_rows(["\t\t扶持创业企业数\t650", "生态", "环境", "效益", "指标", "\t\t长效机制健全性\t健全"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [row.texts for row in out[1:5]] == [[""], ["生态效益指标"], [""], [""]]
    assert [i.code for i in issues] == ["label_unrecognised"]


def test_a_word_put_in_is_no_label_of_its_own():
    # 数量 / 质量 / 指标: 质量指标 is a label with 数量 above it, not 数量指标 with 质量 put in
    rows = text_rows(["数量\t走访慰问人次\t≥3200人次", "质量\t培训合格率\t100%", "指标\t发放准确率\t100%"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert not any(i.code == "label_unrecognised" and "put in" in i.message for i in issues)
    assert out[0].cells[0].text == "数量"


def test_a_damaged_label_under_a_bare_word_is_no_word_put_in():
    # 数量 (a bare label) over 质暈 / 指标 (质量指标 with a look-alike): two labels
    rows = text_rows(["数量\t走访慰问人次\t≥3200人次", "质暈\t培训合格率\t100%", "指标\t发放准确率\t100%"])
    _, issues = rejoin_label_fragments(rows, VOCAB)
    assert not any("put in" in i.message for i in issues)


def test_a_damaged_label_over_the_groups_label_is_no_word_put_in():
    # 社会效溢 (社会效益 with a look-alike) over the group's label 效益指标 in the same column;
    # 生态环境 over 效益指标 (生态环境效益指标 wrapped four wide) reads
    rows = text_rows(["社会效溢\t就业人数\t≥100人", "效益指标\t帮扶人数\t≥50人"])
    _, issues = rejoin_label_fragments(rows, VOCAB)
    assert not any("put in" in i.message for i in issues)
    rows = text_rows(["生态环境\t植树面积\t≥100亩", "效益指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out[0].cells[0].text == "生态效益指标" and any("put in" in i.message for i in issues)


def test_a_label_with_a_word_put_in_runs_across_no_second_entry():
    # two categories listed without indicators, each line its own entry (`无`): 生态环境 over
    # 效益指标 would spell 生态环境效益指标 across them; one entry's two lines still read
    head = "\t社会效益指标\t扶持创业企业数\t650"
    out, issues = rejoin_label_fragments(text_rows([head, "\t生态环境\t\t无", "\t效益指标\t\t无"]), VOCAB)
    assert [row.cells[1].text for row in out[1:]] == ["生态环境", "效益指标"]
    assert not any("put in" in i.message for i in issues)
    out, issues = rejoin_label_fragments(text_rows([head, "\t生态环境\t\t无", "\t效益指标\t\t"]), VOCAB)
    assert out[1].cells[1].text == "生态效益指标" and any("put in" in i.message for i in issues)


def test_a_word_put_in_is_a_word_of_the_categorys_own():
    # 戍夲 (成本 with two look-alikes) is no word of 生态效益's keywords: 生态 / 戍夲 / 效益 / 指标
    # and 生态戍夲 / 效益指标 are no 生态效益指标 with it put in; 环境 (生态效益's) and 控制
    # (成本's 标准控制) are
    for lines in (["生态\t植树面积\t≥100亩", "戍夲\t\t", "效益\t\t", "指标\t\t"],
                  ["生态戍夲\t植树面积\t≥100亩", "效益指标\t\t"]):
        out, issues = rejoin_label_fragments(text_rows(lines), VOCAB)
        assert out[0].cells[0].text == lines[0].split("\t")[0]
        assert not any("put in" in i.message for i in issues)
    out, issues = rejoin_label_fragments(text_rows(["生态环境\t植树面积\t≥100亩", "效益指标\t\t"]), VOCAB)
    assert out[0].cells[0].text == "生态效益指标" and any("put in" in i.message for i in issues)
    out, issues = rejoin_label_fragments(text_rows(["成本控\t每页扫描费用\t≤0.6元", "制指标\t\t"]), VOCAB)
    assert out[0].cells[0].text == "成本指标" and any("put in" in i.message for i in issues)


def test_a_label_read_alone_heads_no_label_with_a_word_put_in():
    # 成本 reads as 成本指标 by itself: the lines below add nothing to its category, and a bare
    # label of its own may head a damaged one (时效 / 戍夲 / 指标); read as the other chains read
    rows = text_rows(["成本\t单位管网造价\t≤100元", "控制\t人均培训成本\t≤1500元", "指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert out[0].cells[0].text == "成本"
    assert not any("put in" in i.message for i in issues)


def test_a_word_put_in_is_read_under_no_level1_column():
    # under the header's level-1 column 成本控 / 制指标 are no level-2 label's lines to read a
    # word out of; under a level-2 column (or none known) they read 成本指标, 控制 put in
    rows = ["成本控\t每页扫描费用\t≤0.6元", "制指标\t\t"]
    out, issues = rejoin_label_fragments(text_rows(rows), VOCAB, {0: "level1", 1: "level2", 2: "level3"})
    assert out[0].cells[0].text == "成本控" and not any("put in" in i.message for i in issues)
    out, issues = rejoin_label_fragments(text_rows(rows), VOCAB, {0: "level2", 1: "level3"})
    assert out[0].cells[0].text == "成本指标" and any("put in" in i.message for i in issues)


def test_a_word_that_reads_as_a_label_with_the_rest_is_no_word_put_in():
    # 质量有 / 效指标: 有效 is a word of 质量's (有效), but 有效指标 reads as a label by itself
    # (时效指标, 时 read as 有) and 指标 alone does not: 质量 over a damaged label, no 质量指标
    # with 有效 put in
    out, issues = rejoin_label_fragments(text_rows(["质量有\t培训合格率\t100%", "效指标\t\t"]), VOCAB)
    assert [row.cells[0].text for row in out] == ["质量有", "效指标"]
    assert not any("put in" in i.message for i in issues)


def test_a_head_that_reads_as_a_label_with_the_word_is_no_word_put_in():
    # 社会受 / 益效益 / 指标: 社会受益 reads as 社会效益 (受 a look-alike of 效), a damaged label's
    # line over the group's label 效益指标, though 受益 is a word of 社会效益's; 可持续 / 影响机
    # / 制指标: 可持续影响机 reads as 可持续影响指标 with the word's first character
    for lines in (["社会受\t就业人数\t≥100人", "益效益\t\t", "指标\t\t"],
                  ["可持续\t长效机制健全性\t健全", "影响机\t\t", "制指标\t\t"]):
        out, issues = rejoin_label_fragments(text_rows(lines), VOCAB)
        assert [row.cells[0].text for row in out] == [line.split("\t")[0] for line in lines]
        assert not any("put in" in i.message for i in issues)


def with_keyword(label: str, keyword: str):
    """The vocabulary with one more strong keyword for the category `label`."""
    spec = VOCAB.level2_specs[label]
    return replace(VOCAB, level2_specs={**VOCAB.level2_specs, label: replace(spec, strong=spec.strong + (keyword,))})


@pytest.mark.parametrize("label, keyword, joined", [
    ("数量指标", "5G", "数量5G指标"),                   # no Chinese word
    ("社会效益指标", "类性", "社会类性效益指标"),         # wording characters only (类, 性)
    ("社会效益指标", "指导", "社会指导效益指标"),         # one of 指标's characters
    ("服务对象满意度指标", "服务质量", "服务对象质量满意度指标")])   # a label of its own (质量)
def test_a_word_of_the_categorys_keywords_is_put_in_only_as_a_chinese_word_no_label_nor_wording(label, keyword, joined):
    # the shipped keywords hold no such word: a vocabulary given one reads no word put in
    assert put_in_reading(joined, with_keyword(label, keyword)) is None


def with_aliases(label: str, *aliases: str):
    """The vocabulary with more aliases for the level-1 or level-2 category `label`, as a
    form's own level file may give it."""
    level2 = label in VOCAB.level2_specs
    specs = VOCAB.level2_specs if level2 else VOCAB.level1_specs
    specs = {**specs, label: replace(specs[label], aliases=specs[label].aliases + aliases)}
    words = Vocabulary([(spec.label, (spec.label, *spec.aliases)) for spec in specs.values()])
    return replace(VOCAB, level2_specs=specs, level2=words) if level2 else replace(VOCAB, level1_specs=specs, level1=words)


def test_a_word_making_a_label_with_the_rest_is_no_word_put_in():
    # 社会 | 就业效益指标 is two labels where a form lists 就业效益指标 for 效益指标; the word with
    # the rest reads as the rest alone does (效益指标), so only the key check refuses it. With
    # the shipped vocabulary the same text is 社会效益指标 with 就业 put in
    assert put_in_reading("社会就业效益指标", VOCAB) == ("就业", "社会效益指标")
    assert put_in_reading("社会就业效益指标", with_aliases("效益指标", "就业效益指标")) is None


def test_a_head_making_a_label_with_the_word_is_no_word_put_in():
    # a form listing 巩固拓展脱贫攻坚成果社会就业 and …社会指标 for 社会效益指标: the head with 就业
    # is a label, too long (over 12 characters) for a cell to read as one, so only the key
    # check refuses it: the four lines stay as printed
    vocab = with_aliases("社会效益指标", "巩固拓展脱贫攻坚成果社会指标", "巩固拓展脱贫攻坚成果社会就业")
    assert label_read_as("巩固拓展脱贫攻坚成果社会就业", vocab) is None
    assert put_in_reading("巩固拓展脱贫攻坚成果社会就业指标", vocab) is None
    lines = ["巩固拓展\t城镇新增就业人数\t≥100人", "脱贫攻坚\t\t", "成果社会\t\t", "就业指标\t\t"]
    out, issues = rejoin_label_fragments(text_rows(lines), vocab)
    assert [row.cells[0].text for row in out] == [line.split("\t")[0] for line in lines]
    assert not any("put in" in i.message for i in issues)


def test_a_later_line_of_a_label_heads_no_word_put_in():
    # 社会就业 is the later line of 农村社会就业 where a form lists it for 社会效益指标 (农村 /
    # 社会就业): no first line of a label with a word put in, though 社会就业 / 效益指标 would
    # read as 社会效益指标 with 就业
    vocab = with_aliases("社会效益指标", "农村社会就业")
    assert put_in_reading("社会就业效益指标", vocab) == ("就业", "社会效益指标")
    lines = ["社会就业\t城镇新增就业人数\t≥100人", "效益指标\t\t"]
    out, issues = rejoin_label_fragments(text_rows(lines), vocab)
    assert [row.cells[0].text for row in out] == ["社会就业", "效益指标"]
    assert not any("put in" in i.message for i in issues)


def test_a_fused_head_joins_the_rest_read_alone_down_its_own_column_not_a_step_across():
    # 经济 | 成本 | 指标 beside the level-1 column's 成本 | 控制 | 指标: a chain stepping from
    # one column to the other reads the same label, but cuts both columns' lines; the rest
    # read alone down the level-2 column (成本指标) is the fused head's
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t家庭医生签约服务人数\t≥12万人",
                      "成本\t\t经济人均基本公共卫生服务经费\t≥89元",
                      "控制\t成本\t\t",
                      "指标\t指标\t\t",
                      "效益指标\t社会效益指标\t居民电子健康档案建档率\t≥90%"])
    out, issues = rejoin_label_fragments(rows[1:], VOCAB)
    assert [c.text for c in out[1].cells] == ["成本", "", "经济成本指标 人均基本公共卫生服务经费", "≥89元"]
    assert [i.code for i in issues] == ["label_rejoined"] and "fused into the name" in issues[0].message
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.level1, i.placement.level2.label, i.row.name) for i in indicators][1] == (
        "成本指标", "经济成本指标", "人均基本公共卫生服务经费")


def test_a_fused_head_beside_two_columns_printing_the_same_rest_keeps_the_first_reading():
    # 成本 | 指标 printed in both level columns: which column's lines are the fused head's
    # the lines do not say, so no run read alone is preferred (the reading stays as before)
    rows = text_rows(["产出\t\t经济人均基本公共卫生服务经费\t≥89元",
                      "成本\t成本\t\t",
                      "指标\t指标\t\t"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [c.text for c in out[0].cells] == [c.text for c in rows[0].cells]
    assert [i for i in issues if "fused into the name" in i.message] == []


def test_a_bare_word_with_a_word_put_in_reads_as_its_label():
    # 生态环境效益 (生态效益, the bare word, with 环境 put in; no 指标 printed) wrapped two wide
    # with nothing below: read as 生态效益指标, as 生态环境效益指标 is; the checks are the
    # worded label's, 指标 put back (戍夲 no word of 生态效益's keywords, 社会环境效益 none)
    assert put_in_reading("生态环境效益", VOCAB) == ("环境", "生态效益指标")
    assert put_in_reading("生态戍夲效益", VOCAB) is None
    assert put_in_reading("生态环境", VOCAB) is None
    rows = text_rows(["\t\t扶持创业企业数\t650", "生态", "环境", "效益", "\t\t长效机制健全性\t健全"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert [row.texts for row in out[1:4]] == [[""], ["生态效益指标"], [""]]


def test_a_bare_word_with_a_word_put_in_is_said_put_back_and_off_without_bare_readings():
    # 生态 / 环境 / 效益 read as 生态效益指标, 指标 put back: said so, and the line it is read on
    # marked (`Row.own_block_only`: the guard judges the row); without such readings (`weak`
    # false, the guard's pass without them) it is not read, and no line is marked
    assert put_in_reading("生态环境效益", VOCAB, weak=False) is None
    assert put_in_reading("生态环境效益指标", VOCAB, weak=False) == ("环境", "生态效益指标")
    rows = text_rows(["\t\t扶持创业企业数\t650", "生态", "环境", "效益", "\t\t长效机制健全性\t健全"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert [row.own_block_only for row in out] == [False, False, True, False, False]
    assert any(i.message.endswith("指标 put back") for i in issues)
    out, issues = rejoin_label_fragments(rows, VOCAB, weak=False)
    assert not any(row.own_block_only for row in out) and [row.texts for row in out[1:4]] != [[""], ["生态效益指标"], [""]]


def test_a_label_with_a_word_put_in_and_its_own_suffix_marks_no_line():
    # 成本控 / 制指标 prints its 指标: the reading is no weaker than the label's own text, no line marked
    rows = text_rows(["\t\t扶持创业企业数\t650", "成本控", "制指标", "\t\t长效机制健全性\t健全"])
    out, _ = rejoin_label_fragments(rows, VOCAB)
    assert "成本指标" in [t for row in out for t in row.texts]
    assert not any(row.own_block_only for row in out)


def test_a_word_put_in_a_label_with_look_alikes_reads_as_its_label_marked_for_its_own_block():
    # 生杰环 / 境效益: 生态效益 with 环境 put in and 态 printed 杰; the word is whole and one of
    # 生态效益's keywords, the rest one look-alike from its key: read as 生态效益指标, said, and
    # its line marked (`Row.own_block_only`: evidence for its own block only). Not where the
    # rest is another category's (社会环境效益), the word no keyword of it (生态戍夲效益), the
    # word with the rest reads as a label (质量有 / 效指标: 时效指标), nor without weak readings
    assert put_in_reading("生杰环境效益", VOCAB) == ("环境", "生态效益指标")
    assert put_in_reading("生忞环境效益指标", VOCAB) == ("环境", "生态效益指标")
    assert put_in_reading("生忞环境效益指标", VOCAB, weak=False) is None
    for text in ("社会环境效益", "生态戍夲效益", "质量有效指标", "牛态环境效益指杯"):
        assert put_in_reading(text, VOCAB) is None
    rows = text_rows(["\t\t扶持创业企业数\t650", "生杰环", "境效益", "\t\t长效机制健全性\t健全"])
    out, issues = rejoin_label_fragments(rows, VOCAB)
    assert "生态效益指标" in [row.texts[0] for row in out[1:3]]
    assert any("put in" in i.message and i.severity == "warning" for i in issues)
    assert [row.own_block_only for row in out].count(True) == 1
    out, _ = rejoin_label_fragments(rows, VOCAB, weak=False)
    assert "生态效益指标" not in [t for row in out for t in row.texts]


def test_which_put_in_readings_are_weak():
    # 指标 put back, or look-alikes beside the word: evidence for its own block only; the
    # label printed whole with its word put in (成本控制指标) is not
    from formex.normalize.indicators.fragments import weakly_put_in
    assert weakly_put_in("生态环境效益", "环境", "生态效益指标")
    assert weakly_put_in("生忞环境效益指标", "环境", "生态效益指标")
    assert not weakly_put_in("成本控制指标", "控制", "成本指标")


def test_a_label_cell_with_a_word_put_in_and_look_alikes_reads_nearer_its_category():
    # 土杰环境效益指标: 生态效益指标 with 环境 (a word of its keywords) put in and 生态 damaged;
    # read at 50 as 生态环境成本指标 by 环境 and 指标 alone, it reads nearer 生态效益指标 without
    # the word (效益指标 in place). Not where the reading beats it (生态环境成夲指标 at 88), nor
    # where the word is no keyword of the category the rest is near
    from formex.normalize.indicators.fragments import put_in_cell_reading
    assert put_in_cell_reading("土杰环境效益指标", VOCAB, 50.0)[:2] == ("环境", "生态效益指标")
    assert put_in_cell_reading("生态环境效盎指标", VOCAB, 75.0)[:2] == ("环境", "生态效益指标")
    assert put_in_cell_reading("生态环境成夲指标", VOCAB, 87.5) is None
    assert put_in_cell_reading("数量控制措杯", VOCAB, 50.0) is None
