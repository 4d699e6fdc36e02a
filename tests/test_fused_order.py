"""A damaged level-2 label fused into a name's head, read by the labels around its row
(normalize/indicators/fused_order.py): the category the canonical order leaves between
the labels above and below, stated by no row, is the evidence; a head's shape alone is
not."""
from __future__ import annotations

import pytest

from formex.extract.cleaning import clean_cell
from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators.fused_order import (
    best_head, head_wrapped_between, label_tail, required_word_heads, whole_damaged_head)
from formex.schemas.document import Cell, Row
from tests.test_hierarchy import SCHEMA

HEADER = "一级指标\t二级指标\t三级指标\t指标值"


def ocr_rows(lines: list[str]) -> list[Row]:
    """Rows as the OCR text reader gives them: the cell's text cleaned (the space between
    two Chinese words dropped), its raw text as read."""
    return [Row(i, tuple(Cell(clean_cell(t), t, c) for c, t in enumerate(line.split("\t"))), 1, f"line {i}")
            for i, line in enumerate(lines, start=1)]


def read(lines: list[str]) -> tuple[list[tuple[str, str]], list]:
    indicators, issues = rows_to_indicators(ocr_rows([HEADER, *lines]), SCHEMA, spans_known=False, year=2026)
    return [(i.placement.level2.label, i.row.name) for i in indicators], issues


def test_a_damaged_label_fused_where_its_block_lost_its_label_is_split_off():
    got, issues = read(["产出指标\t数量指标\t病虫害统防统治面积\t≥15000亩",
                        "\t\t农产品质量安全抽检合格率\t≥98%",
                        "\t\t贡量指标 农田水利设施验收合格率\t100%",
                        "\t时效指标\t农机补贴兑付时限\t≤30个工作日"])
    assert got[2] == ("质量指标", "农田水利设施验收合格率")     # row 2: its placement's to choose
    assert got[0] == ("数量指标", "病虫害统防统治面积") and got[3] == ("时效指标", "农机补贴兑付时限")
    fused = [i for i in issues if i.code == "label_fused"]
    assert len(fused) == 1 and fused[0].severity == "info" and "贡量指标" in fused[0].message


@pytest.mark.parametrize("head", ["旪敫指标", "时敫损标", "时敫指标", "吋效指杯"])
def test_heads_damaged_in_two_characters_are_read_by_the_gap(head):
    got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                   "\t质量指标\t补贴发放准确率\t≥98%",
                   f"\t\t{head}城乡居民养老金按月发放及时率\t100%",
                   "\t成本指标\t贴息资金控制数\t≤790万元"])
    assert got[2] == ("时效指标", "城乡居民养老金按月发放及时率")


def test_an_exact_alias_and_a_damaged_suffix_are_one_head():
    got, _ = read(["效益指标\t经济效益指标\t就业困难人员就业人数\t≥100人",
                   "\t\t社会郊益损标全市城乡居民养老保险覆盖面\t不低于上年度水平",
                   "\t\t扶持创业企业（项目）数\t650",
                   "\t生态效益指标\t绿化覆盖率\t≥40%"])
    assert got[1] == ("社会效益指标", "全市城乡居民养老保险覆盖面")
    assert got[2][0] == "社会效益指标"


def test_pieces_of_a_wrapped_label_fused_before_a_space_are_read_by_the_gap():
    got, _ = read(["产出指标\t质量指标\t城乡居民养老金发放准确率\t100%",
                   "\t\t吋效 资金在规定时间内下达率\t100%",
                   "\t\t损标 资金支付规范性\t合规",
                   "\t成本指标\t贴息资金控制数\t≤790万元"])
    assert got[1:3] == [("时效指标", "资金在规定时间内下达率"), ("时效指标", "资金支付规范性")]


def test_a_short_wording_before_a_space_in_the_groups_last_block():
    got, _ = read(["效益指标\t可持续影响指标\t农技推广服务长效机制\t持续完善",
                   "\t\t农户满意度\t≥90%",
                   "满意度指标\t\t服务对象 补贴对象满意度\t≥85%"])
    assert got[2] == ("服务对象满意度指标", "补贴对象满意度")


def test_a_piece_in_a_cell_of_its_own_joined_into_the_name_is_split_off():
    got, _ = read(["效益指标\t社会效益指标\t义务教育入学率\t100%",
                   "\t\t随迁子女入学保障率\t100%",
                   "\t可持续\t教育教学质量长效提升机制\t持续完善",
                   "满意度指标\t服务对象满意度指标\t学生家长满意度\t≥90%"])
    assert got[2] == ("可持续影响指标", "教育教学质量长效提升机制")


@pytest.mark.parametrize("name", ["绩效指标完成率", "主要指标达标率", "考核指标合格率"])
def test_a_word_ending_in_zhibiao_before_a_short_name_is_kept(name):
    # the gap (时效指标) is there, but the name left would be 完成率: it names nothing
    got, _ = read(["产出指标\t数量指标\t农技培训场次\t≥20场",
                   "\t质量指标\t农产品抽检合格率\t≥98%",
                   f"\t\t{name}\t100%",
                   "\t成本指标\t农技培训人均成本\t≤300元"])
    assert got[2][1] == name


def test_a_head_in_an_open_gap_of_several_categories_is_kept():
    # no label below: 时效 and 成本 are both left, and the row states no group
    got, _ = read(["产出指标\t数量指标\t农技培训场次\t≥20场",
                   "\t质量指标\t农产品抽检合格率\t≥98%",
                   "\t\t绩效指标完成情况\t100%"])
    assert got[2][1] == "绩效指标完成情况"


def test_a_head_whose_category_another_row_states_is_kept():
    # 质量指标 is printed on another row: its block has its label, no evidence of a fused one
    got, _ = read(["产出指标\t数量指标\t病虫害统防统治面积\t≥15000亩",
                   "\t\t贡量指标农田水利设施验收合格率\t100%",
                   "\t质量指标\t农产品质量安全抽检合格率\t≥98%",
                   "\t时效指标\t农机补贴兑付时限\t≤30个工作日"])
    assert got[1][1] == "贡量指标农田水利设施验收合格率"


@pytest.mark.parametrize("name", ["质量标准执行率", "成本核算准确率", "质量达标情况统计"])
def test_a_name_opening_with_the_categorys_word_is_kept(name):
    # a keyword or a short alias, no label's ending: the name's own words
    got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                   f"\t\t{name}\t100%",
                   "\t时效指标\t兑付时限\t≤30个工作日"])
    assert got[1][1] == name


def test_a_level_cell_that_opens_the_name_is_no_boundary():
    # 服务对象 in the level column, and a name that opens with the same words
    got, _ = read(["效益指标\t可持续影响指标\t养老服务长效机制\t逐步完善",
                   "满意度指标\t服务对象\t服务对象可持续满意度\t≥90%"])
    assert got[1][1] == "服务对象可持续满意度"


def test_a_label_restated_on_every_row_and_fused_into_one_name_is_split_off():
    got, issues = read(["产出指标\t质量指杯\t优抚资金发放准确率\t100%",
                        "产出指标\t质量指杯\t退役军人信息采集准确率\t≥98%",
                        "产出指标\t\t质量指杯烈士纪念设施维护验收合格率\t100%",
                        "产出指标\t时效指标\t优抚资金发放及时率\t100%"])
    assert got[2] == ("质量指标", "烈士纪念设施维护验收合格率")
    assert any(i.code == "label_fused" and "another row" in i.message for i in issues)


def test_a_restated_piece_that_reads_on_into_a_label_keeps_the_name():
    # 服务对 | 象满意度…: the name's own head (服务对象满意度), not a piece cut short
    got, _ = read(["效益指标\t可持续影响指标\t养老服务长效机制\t逐步完善",
                   "满意度指标\t服务对\t老人满意度\t≥90%",
                   "满意度指标\t\t服务对象满意度调查覆盖率\t≥90%"])
    assert got[2][1] == "服务对象满意度调查覆盖率"


def test_a_name_opening_with_the_label_of_its_own_row_is_kept():
    got, _ = read(["效益指标\t可持续影响指标\t养老服务长效机制\t逐步完善",
                   "满意度指标\t服务对象\t服务对象可持续满意度\t≥90%",
                   "满意度指标\t服务对象\t家属满意度\t≥90%"])
    assert got[1][1] == "服务对象可持续满意度"


def test_a_wrapped_labels_next_line_fused_into_the_name_below_is_split_off():
    got, issues = read(["效益指标\t社会效益指标\t义务教育入学率\t100%",
                        "\t可持续影\t教育教学质量长效提升机制\t持续完善",
                        "\t\t响指标校园安全管理制度健全性\t健全",
                        "满意度指标\t服务对象满意度指标\t学生满意度\t≥90%"])
    assert got[2] == ("可持续影响指标", "校园安全管理制度健全性")
    assert any(i.code == "label_fused" and "可持续影" in i.message for i in issues)


def test_a_label_wrapped_over_three_lines_two_fused_into_names():
    got, _ = read(["效益指标\t可持续影响指标\t档案管理制度健全性\t健全",
                   "满意度指标\t服夯对象\t办事群众满意度\t≥95%",
                   "\t\t满竟度指 困难群众满意度\t≥90%",
                   "\t\t标 退役军人满意度\t≥90%"])
    assert got[2:] == [("服务对象满意度指标", "困难群众满意度"), ("服务对象满意度指标", "退役军人满意度")]


def test_a_label_whose_rows_ran_out_before_its_lines_is_cut_off_the_names():
    # 服务 | 对象…: the block's last row; the label's 满意度指标 had no row to print on
    got, _ = read(["效益指标\t可持续影响指标\t档案管理制度健全性\t健全",
                   "满意度指标\t服务\t办事群众满意度\t≥95%",
                   "\t\t对象困难群众满意度\t≥90%"])
    assert got[2] == ("服务对象满意度指标", "困难群众满意度")
    # 服务对 | 象满意 | 度: printed without its 指标, the last line narrower than the column
    got, _ = read(["效益指标\t可持续影响指标\t档案管理制度健全性\t健全",
                   "满意度指标\t服务对\t办事群众满意度\t≥95%",
                   "\t\t象满意困难群众满意度\t≥90%",
                   "\t\t度退役军人满意度\t≥90%"])
    assert got[2:] == [("服务对象满意度指标", "困难群众满意度"), ("服务对象满意度指标", "退役军人满意度")]


def test_a_label_chain_cut_short_keeps_a_name_the_next_row_does_not_end():
    # 服务 | 对象… where the row below could hold the label's next line but does not: no cut
    got, _ = read(["效益指标\t可持续影响指标\t档案管理制度健全性\t健全",
                   "满意度指标\t服务\t办事群众满意度\t≥95%",
                   "\t\t对象困难群众满意度\t≥90%",
                   "\t\t退役军人满意度\t≥90%"])
    assert got[2][1] == "对象困难群众满意度"
    # 成本 | 成本核算…: the head is no next line of a label the level cell begins
    got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                   "\t成本\t\t",
                   "\t\t成本核算就业困难人员就业人数\t根据下达任务确定",
                   "效益指标\t经济效益指标\t失业人员再就业人数\t≥100人"])
    assert "成本核算就业困难人员就业人数" in [name for _, name in got]


def test_an_unread_first_line_is_read_with_the_head_below_by_the_order():
    # 敖量指 | 标…: as near 数量指标 as 质量指标; 质量 is the label below, so 数量
    got, issues = read(["\t\t绿色食品认证面积\t≥3500亩",
                        "\t敖量指\t水稻良种推广面积\t≥12000亩",
                        "\t\t标农机作业补贴户数\t≥260户",
                        "产出指标\t质量指标\t农产品抽检合格率\t≥98%"])
    assert got[2] == ("数量指标", "农机作业补贴户数")
    assert not [i for i in issues if i.code == "label_unrecognised" and "敖量指" in i.message]


def test_a_head_making_a_word_with_the_name_is_no_wrapped_line():
    # 数量指 | 标准化…: 标准 is the name's word (the label's 标 printed on a line of its own)
    got, _ = read(["产出指标\t数量指\t培训人次\t≥3000人次",
                   "\t\t标准化服务站点覆盖率\t≥90%",
                   "\t质量指标\t补贴发放准确率\t≥98%"])
    assert got[1][1] == "标准化服务站点覆盖率"


def test_a_head_as_near_two_categories_of_the_gap_is_kept_with_a_warning():
    # 杜佘效益指标: four of six characters from 经济效益指标 and from 社会效益指标 alike
    got, issues = read(["产出指标\t成本指标\t生均公用经费\t≥800元",
                        "\t\t杜佘效益指标 义务教育入学率\t100%",
                        "效益指标\t生态效益指标\t校园绿化覆盖率\t≥40%"])
    assert got[1][1] == "杜佘效益指标义务教育入学率"
    doubt = [i for i in issues if i.code == "label_unrecognised" and "杜佘效益指标" in i.message]
    assert len(doubt) == 1 and doubt[0].severity == "warning"
    assert "经济效益指标" in doubt[0].message and "社会效益指标" in doubt[0].message


def test_a_short_label_restated_on_every_row_is_split_off_only_before_a_space():
    got, _ = read(["\t数量\t城乡居民基础养老金标准\t≥200元每人每月",
                   "\t\t数量 发放创业担保贷款金额\t5000万元",
                   "\t数量\t城镇新增就业人数（万人）\t根据下达任务目标要求确定",
                   "\t\t数量统计准确率考核\t100%",
                   "产出指标\t质量指标\t补贴发放准确率\t≥98%"])
    assert got[1] == ("数量指标", "发放创业担保贷款金额")
    assert got[3][1] == "数量统计准确率考核"     # no space: 数量 may be the name's word


@pytest.mark.parametrize("name, kept", [
    ("服务对象满意收入公共就业服务满意度", False),   # 服务对象满意(度), cut short, before a name
    ("服务对象满意情况调查覆盖率", True),           # the only 满意 is the head's: the name's own
    ("服务对象满意度", True),
])
def test_a_long_alias_cut_short_before_a_name(name, kept):
    got, _ = read(["效益指标\t可持续影响指标\t就业服务长效机制\t健全",
                   f"满意度类\t\t{name}\t≥90%",
                   "管理指标\t管理指标\t预算执行率\t≥90%"])
    assert got[1] == ("服务对象满意度指标", name if kept else "收入公共就业服务满意度")


def test_a_long_label_one_character_off_before_a_space_is_split_off():
    # 经济成本指杯: five of six characters, cut off by the space as read, in the order there
    got, _ = read(["产出指标\t时效指标\t疫苗接种信息录入及时率\t100%",
                   "\t\t经济成本指杯 人均基本公共卫生服务经费\t≥89元",
                   "效益指标\t社会效益指标\t居民电子健康档案建档率\t≥90%"])
    assert got[1] == ("经济成本指标", "人均基本公共卫生服务经费")


def test_a_short_word_one_character_off_a_label_before_a_space_is_kept():
    # 绩效指标: three of four characters of 时效指标, and 时效指标 is stated below
    got, _ = read(["产出指标\t质量指标\t农产品抽检合格率\t≥98%",
                   "\t\t绩效指标 完成情况统计表报送率\t100%",
                   "\t时效指标\t兑付时限\t≤30个工作日"])
    assert got[1][1] == "绩效指标完成情况统计表报送率"


def test_a_worded_up_label_damaged_twice_is_read_as_its_worded_form():
    # 吋效类损标: nearer 时效类指标 (three of five) than 时效指标 (two of four, and a 类)
    got, _ = read(["产出指标\t质量指标\t补贴发放准确率\t≥98%",
                   "\t\t吋效类损标资金支付规范性\t合规",
                   "\t成本指标\t贴息资金控制数\t≤790万元"])
    assert got[1] == ("时效指标", "资金支付规范性")


def test_a_damaged_group_and_category_word_is_read_by_the_gap():
    # 产击成本: 产出成本 with one character damaged, where the order leaves 成本指标
    got, issues = read(["产出指标\t数量指标\t新建供水管网长度\t≥46公里",
                        "\t质量指标\t工程验收合格率\t100%",
                        "\t时效指标\t工程完工及时率\t≥95%",
                        "\t\t产击成本单位管网造价\t≤15万元/公里",
                        "效益指标\t社会效益指标\t农村集中供水率\t≥90%"])
    assert got[3] == ("成本指标", "单位管网造价")
    assert any(i.code == "label_fused" and "产击成本" in i.message for i in issues)


def test_a_first_line_of_a_label_restated_on_every_row_is_split_off():
    # 服务对象满: the label cut by its narrow column, printed on every row of its block,
    # read by no vocabulary; the first row's name cell holds it before a space
    lines = ["二级指标\t三级指标\t指标值",
             "可持续影响\t家庭医生签约服务长效机制\t持续完善",
             "指标\t\t",
             "服务对象满 签约居民满意度\t≥90.00(%)",
             "服务对象满\t门诊患者满意度\t≥90.00(%)",
             "服务对象满\t职工收入满意度\t≥85.00(%)",
             "意度指标\t\t"]
    indicators, issues = rows_to_indicators(ocr_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert indicators[1].row.name == "签约居民满意度"
    assert any(i.code == "label_fused" and "服务对象满" in i.message for i in issues)


def test_a_first_line_opening_two_labels_is_no_restated_label():
    # 社会 opens 社会效益指标 and 社会成本指标: the name keeps its head
    got, _ = read(["效益指标\t经济效益指标\t农户人均增收\t≥5%",
                   "\t\t社会保险补贴发放准确率\t100%",
                   "\t社会\t受益农户户数\t≥3800户"])
    assert got[1][1] == "社会保险补贴发放准确率"


def test_a_short_bare_word_is_read_where_the_table_prints_bare_words():
    # the table prints 数量, 时效 bare: 质量 at a name's head, where the order leaves 质量, is its label
    got, _ = read(["产出指标\t数量\t补贴发放人数\t2600人",
                   "\t\t质量义务教育巩固率\t≥98%",
                   "\t时效\t补贴按月发放及时率\t100%"])
    assert got[1] == ("质量指标", "义务教育巩固率")


@pytest.mark.parametrize("name", ["质量标准执行率", "质量达标情况统计"])
def test_a_short_bare_word_is_the_names_where_the_table_prints_full_labels(name):
    got, _ = read(["产出指标\t数量指标\t补贴发放人数\t2600人",
                   f"\t\t{name}\t100%",
                   "\t时效指标\t补贴按月发放及时率\t100%"])
    assert got[1][1] == name


def test_a_short_bare_word_before_another_categorys_word_is_the_names():
    # 成本核算…及时率: 及时 names 时效, nothing in it 成本: 成本 is the name's own word
    got, _ = read(["产出指标\t质量\t补贴发放准确率\t100%",
                   "\t时效\t补贴按月发放及时率\t100%",
                   "\t\t成本核算退役军人优待金发放及时率\t100%",
                   "效益指标\t社会效益\t受益农户户数\t≥3800户"])
    assert got[2][1] == "成本核算退役军人优待金发放及时率"


def test_fangmian_of_a_wrapped_label_fused_into_the_name_below_is_split_off():
    got, _ = read(["效益指标\t经济效益\t就业困难人员就业人数\t≥500人",
                   "\t\t方面 失业人员再就业人数\t≥300人",
                   "\t社会效益指标\t全市城乡居民养老保险覆盖面\t不低于上年"])
    assert got[1] == ("经济效益指标", "失业人员再就业人数")


def repeated(lines: list[str]) -> list[str]:
    rows = ocr_rows(["二级指标\t三级指标\t指标值", *lines])
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    return [i.row.name for i in indicators]


def test_an_unread_level_cell_printed_on_every_row_is_cut_off_the_name_it_fused_into():
    # 散重指 in the level column of the block's rows, read by no vocabulary; one row's name
    # cell holds it before the name
    names = repeated(["数量指标\t培训人次\t≥3000人次",
                      "散重指\t民政服务计划完成情况\t=100%",
                      "散重指 受理服务计划完成情况\t=100%",
                      "散重指\t和谐贡献奖应发尽发数\t=7040人次",
                      "质量指标\t受理事项办理合格率\t≥98%"])
    assert names[2] == "受理服务计划完成情况"


def test_a_level_cell_printed_on_one_other_row_only_is_no_every_row_label():
    names = repeated(["数量指标\t培训人次\t≥3000人次",
                      "散重指\t民政服务计划完成情况\t=100%",
                      "散重指 受理服务计划完成情况\t=100%",
                      "质量指标\t受理事项办理合格率\t≥98%"])
    assert names[2] == "散重指受理服务计划完成情况"


@pytest.mark.parametrize("name, rest", [
    ("服务对象补贴对象满意度", "补贴对象满意度"),   # 服务对象 | 满意度指 | 标: the first line fused
    ("服务对签约居民满意度", "签约居民满意度"),     # a column three wide
    ("服务对象满居民满意度", "居民满意度"),
    ("服务对象覆盖率提升情况", None),             # no 满意 left: the name's own head
    ("服务对象满意度调查覆盖率", None),           # never leaves the alias: the name's own
    ("服务补贴对象满意度调查", None),             # two characters: no label's line
])
def test_a_short_first_line_of_a_label_requiring_a_word_before_a_name_holding_it(name, rest):
    got, _ = read(["效益指标\t可持续影响指标\t就业服务长效机制\t健全",
                   f"满意度指标\t\t{name}\t≥90%",
                   "管理指标\t管理指标\t预算执行率\t≥90%"])
    assert got[1] == ("服务对象满意度指标", rest) if rest else got[1][1] == name


@pytest.mark.parametrize("name, rest", [
    ("服务对豪满家长满意度", "家长满意度"),       # 象 damaged: the piece reads on over it
    ("服务对象满居民满意度", "居民满意度"),       # no damage: cut where the name leaves the alias
])
def test_a_first_line_damaged_in_one_character_is_cut_whole(name, rest):
    got, _ = read(["效益指标\t可持续影响指标\t就业服务长效机制\t健全",
                   f"满意度指标\t\t{name}\t≥90%",
                   "管理指标\t管理指标\t预算执行率\t≥90%"])
    assert got[1] == ("服务对象满意度指标", rest)


def test_a_damaged_label_fused_into_several_names_in_a_row_is_cut_off_all_of_them():
    # 社会郊 read by the order before the space of the first name; the names below open
    # with it too, without a space: alone, no reading would cut them
    got, _ = read(["效益指标\t经济效益指标\t就业困难人员就业人数\t≥100人",
                   "\t\t社会郊 全市城乡居民养老保险覆盖面\t不低于上年度水平",
                   "\t\t社会郊扶持创业企业项目数\t650",
                   "\t\t社会郊城镇登记失业率控制\t≤3.5%",
                   "\t生态效益指标\t绿化覆盖率\t≥40%"])
    assert got[1:4] == [("社会效益指标", "全市城乡居民养老保险覆盖面"), ("社会效益指标", "扶持创业企业项目数"),
                        ("社会效益指标", "城镇登记失业率控制")]


def test_names_sharing_a_head_next_to_a_cut_one_keep_a_head_that_is_not_the_cut_text():
    # the cut head is 社会郊; the next name opens with 社会 only, its own word
    got, _ = read(["效益指标\t经济效益指标\t就业困难人员就业人数\t≥100人",
                   "\t\t社会郊 全市城乡居民养老保险覆盖面\t不低于上年度水平",
                   "\t\t社会保险补贴发放准确率\t≥98%",
                   "\t生态效益指标\t绿化覆盖率\t≥40%"])
    assert got[2][1] == "社会保险补贴发放准确率"


def test_an_unread_level_cell_fused_into_several_names_of_rows_stating_a_label():
    # every-row layout: the group's cell read as the rows' label, the unread level-2 cell
    # (菅哩指标) printed on two rows and fused into the names of the rows above them
    names = repeated(["数量指标\t培训人次\t≥3000人次",
                      "管理指标\t菅哩指标 预算执行率\t≥90%",
                      "管理指标\t菅哩指标资金使用合规性\t合规",
                      "管理指标\t菅哩指标\t政府采购程序性\t合规",
                      "管理指标\t菅哩指标\t管理制度健全性\t健全"])
    assert names[1:3] == ["预算执行率", "资金使用合规性"]


def test_a_row_stating_a_label_keeps_a_name_opening_with_a_level_cells_text_alone():
    # one such name only, on a row stating its label: no run, the name's own words (a
    # label reading both levels, 管理指标, is left out: read_dual_group_heads reads by it)
    names = repeated(["数量指标\t培训人次\t≥3000人次",
                      "质量指标\t菅哩指标资金使用合规性\t合规",
                      "质量指标\t财务监控有效性\t有效",
                      "质量指标\t菅哩指标\t政府采购程序性\t合规",
                      "质量指标\t菅哩指标\t管理制度健全性\t健全"])
    assert names[1] == "菅哩指标资金使用合规性"


def test_a_wrapped_labels_first_line_cut_off_a_name_takes_its_next_line_off_the_name_below():
    # 社会郊 | 益指际: the label wrapped three wide, both lines fused into the names
    got, _ = read(["效益指标\t经济效益指标\t就业困难人员就业人数\t≥100人",
                   "\t\t社会郊 辖区居民健康素养水平\t≥35%",
                   "\t\t益指际重点人群健康管理覆盖率\t≥70%",
                   "\t\t家庭医生签约服务覆盖率\t≥40%",
                   "\t生态效益指标\t绿化覆盖率\t≥40%"])
    assert got[1:3] == [("社会效益指标", "辖区居民健康素养水平"), ("社会效益指标", "重点人群健康管理覆盖率")]


def test_a_name_below_a_cut_first_line_keeps_a_head_that_does_not_join_it():
    got, _ = read(["效益指标\t经济效益指标\t就业困难人员就业人数\t≥100人",
                   "\t\t社会郊 辖区居民健康素养水平\t≥35%",
                   "\t\t重点人群健康管理覆盖率\t≥70%",
                   "\t生态效益指标\t绿化覆盖率\t≥40%"])
    assert got[2][1] == "重点人群健康管理覆盖率"


def test_a_wrapped_labels_last_line_of_its_biao_alone_may_be_lost():
    # 社会效 in the level column, 益性指 fused into the name below, its 标 on a line of
    # its own the reading drops
    got, _ = read(["效益指标\t社会效\t受益人口\t≥2.3万人",
                   "效益指标\t\t益性指农村集中供水率\t≥90%",
                   "\t标\t\t",
                   "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%"])
    assert got[1] == ("社会效益指标", "农村集中供水率")


@pytest.mark.parametrize("name, rest", [
    ("类指项目审批办结时限", "项目审批办结时限"),   # 时效 | 类指 | 标: the 标 line lost
    ("类似项目审批办结时限", None),               # 类似 one off 类指: the name's own words
])
def test_a_lost_last_line_follows_a_head_written_exactly(name, rest):
    got, _ = read(["产出指标\t时效\t资金拨付及时率\t100%",
                   f"产出指标\t\t{name}\t≤5天",
                   "产出指标\t成本指标\t人均补贴\t≤800元"])
    assert got[1] == ("时效指标", rest or name)


def test_a_group_and_category_label_wrapped_before_its_zhibiao_fused_into_the_name_below():
    # 产出时效 | 指标: a column four wide, the 指标 line fused into the next name
    got, _ = read(["产出指标\t质量指标\t退役军人服务站规范化建设达标率\t≥95%",
                   "\t产出时效\t退役士兵接收安置办理时限\t≤15工作日",
                   "\t\t指标 信访事项按期办结率\t≥95%",
                   "\t\t走访慰问人均标准\t≤800元"])
    assert got[2] == ("时效指标", "信访事项按期办结率")


def test_a_name_opening_with_zhibiao_under_a_whole_label_keeps_it():
    # 时效指标 is whole in its cell: a name below opening with 指标 is the name's own
    got, _ = read(["产出指标\t质量指标\t退役军人服务站规范化建设达标率\t≥95%",
                   "\t时效指标\t退役士兵接收安置办理时限\t≤15工作日",
                   "\t\t指标调整审批办结时限\t≤5工作日",
                   "\t\t走访慰问人均标准\t≤800元"])
    assert got[2][1] == "指标调整审批办结时限"


@pytest.mark.parametrize("lines, row, want", [
    # 服务对象 | 满意度指 | 标: the 标 line fused into the name below
    (["效益指标\t可持续影响指标\t长效机制\t健全",
      "满意度指标\t服务对象\t办事群众满意度\t≥95%",
      "\t满意度指\t困难群众满意度\t≥90%",
      "\t\t标退役军人满意度\t≥90%"], 3, ("服务对象满意度指标", "退役军人满意度")),
    # 径济效益 | 指标, below a name wrapped onto a second line
    (["产出指标\t成本指标\t人均补贴标准\t≤800元",
      "效益指标\t径济效益\t失业人员职业培训补贴人数\t≥300人",
      "\t\t指标 就业困难人员就业人数\t≥100人",
      "\t社会效益指标\t城乡居民养老保险覆盖面\t≥95%"], 2, ("经济效益指标", "就业困难人员就业人数")),
])
def test_a_wrapped_labels_last_line_fused_into_the_name_on_the_next_line(lines, row, want):
    got, _ = read(lines)
    assert got[row] == want


@pytest.mark.parametrize("name, want", [
    ("量集体退休干部补贴应发尽发率", "集体退休干部补贴应发尽发率"),   # 产出数 | 量: 产出数量, the group read too
    ("数字化档案扫描页数", "数字化档案扫描页数"),                   # no tail of the label: the name's own
])
def test_the_last_line_of_a_group_and_category_word_unread_above_is_cut_off_the_name(name, want):
    # 产出数 no category reads, beside a group's cell (产岂指 | 标): its 量 fused into the next name
    got, _ = read(["产岂指\t产出数\t案件调解计划完成情况\t≥100件", f"标\t\t{name}\t=679人次",
                   "\t\t特困医疗补助应发尽发率\t100%", "\t质量指标\t补贴发放准确率\t100%"])
    assert got[1] == ("数量指标", want)


@pytest.mark.parametrize("name", ["标准化服务覆盖率", "指导服务完成率"])
def test_a_name_making_a_word_with_a_labels_tail_keeps_it(name):
    got, _ = read(["效益指标\t可持续影响指标\t长效机制\t健全",
                   "满意度指标\t服务对象\t办事群众满意度\t≥95%",
                   "\t满意度指\t困难群众满意度\t≥90%",
                   f"\t\t{name}\t≥90%"])
    assert got[3][1] == name


def test_a_short_label_printed_on_every_row_is_cut_off_the_name_between_without_a_space():
    got, _ = read(["产出指标\t数量\t农业技术培训场次\t≥20场",
                   "产出指标\t数量\t水稻良种推广面积\t≥12000亩",
                   "产出指标\t\t数量农机作业补贴户数\t≥260户",
                   "产出指标\t数量\t病虫害统防统治面积\t≥15000亩",
                   "产出指标\t质量指标\t补贴发放准确率\t≥98%"])
    assert got[2] == ("数量指标", "农机作业补贴户数")


def test_a_short_label_fused_above_the_row_whose_label_wraps_onto_a_line_of_its_own_is_cut_off():
    # the block's last row prints 时效 with 指标 wrapped below it (read as 时效指标): on its
    # own line it prints the bare word as the rows above do, so the row between lost it,
    # though its name holds 质量's word (合格): printed above only, that would keep the head
    got, _ = read(["产出指标\t时效\t检验报告出具时间\t≤3个工作日",
                   "产出指标\t时效\t新生儿访视时限\t7天内",
                   "产出指标\t\t时效档案年度查验合格率\t年底前",
                   "产出指标\t时效\t重点人群年度健康体检\t按时完成",
                   "\t指标\t\t",
                   "产出指标\t成本指标\t门诊次均费用\t≤220元"])
    assert got[2] == ("时效指标", "档案年度查验合格率")
    assert got[3] == ("时效指标", "重点人群年度健康体检")


def test_a_short_label_fused_where_a_damaged_group_label_is_printed_on_every_row_is_cut_off():
    # the level-1 label damaged alike on every row (严山, read by no vocabulary): the group's,
    # restated, so the row's level-2 cell is still empty and 数量 fused into its name is its label
    got, _ = read(["严山\t数量\t农业技术培训场次\t≥20场",
                   "严山\t数量\t水稻良种推广面积\t≥12000亩",
                   "严山\t\t数量农机作业补贴户数\t≥260户",
                   "严山\t数量\t病虫害统防统治面积\t≥15000亩",
                   "严山\t质量指标\t补贴发放准确率\t≥98%"])
    assert got[2] == ("数量指标", "农机作业补贴户数")


def test_a_short_label_printed_on_the_rows_around_is_cut_off_a_name_holding_another_categorys_word():
    # 帮扶 is 社会效益's word and the name holds none of 数量's: between a row printing 数量
    # and one it was cut off, the row lost its label all the same (printed above only, as in
    # the test below, it stays)
    got, _ = read(["产出指标\t数量\t农业技术培训场次\t≥20场",
                   "产出指标\t\t数量农机作业补贴户数\t≥260户",
                   "产出指标\t\t数量结对帮扶村覆盖面\t≥12个",
                   "产出指标\t数量\t病虫害统防统治面积\t≥15000亩",
                   "产出指标\t质量指标\t补贴发放准确率\t≥98%"])
    assert got[1:3] == [("数量指标", "农机作业补贴户数"), ("数量指标", "结对帮扶村覆盖面")]


def test_a_short_label_printed_above_only_keeps_the_name_below_whole():
    got, _ = read(["产出指标\t数量\t农业技术培训场次\t≥20场",
                   "产出指标\t数量\t水稻良种推广面积\t≥12000亩",
                   "产出指标\t\t数量统计准确率考核\t100%",
                   "产出指标\t质量指标\t补贴发放准确率\t≥98%"])
    assert got[2][1] == "数量统计准确率考核"


def test_a_short_label_printed_on_every_row_is_cut_off_the_name_ending_its_block():
    # 质量 on the rows above, the next block's label below: the row's label fused into its name
    got, _ = read(["产出类指标\t数量\t病虫害统防统治面积\t≥15000亩",
                   "产出类指标\t质量\t农产品质量安全抽检合格率\t≥98%",
                   "产出类指标\t质量\t补贴资金发放准确率\t=100%",
                   "产出类指标\t\t质量农田水利设施验收合格率\t100%",
                   "产出类指标\t时效指标\t农机补贴兑付时限\t≤30个工作日"])
    assert got[3] == ("质量指标", "农田水利设施验收合格率")


def test_a_short_label_printed_on_every_row_is_cut_off_the_name_opening_its_block():
    got, _ = read(["产出类\t时效指标\t新生儿访视时限\t30天",
                   "产出类\t\t成本门诊次均费用\t≤220元",
                   "产出类\t成本\t药品耗材采购支出\t≤1200万元",
                   "产出类\t成本\t水电能耗费用\t不超过85万元"])
    assert got[1] == ("成本指标", "门诊次均费用")


def test_a_short_label_printed_on_every_row_is_cut_off_a_run_of_names_it_fused_into():
    # 数量 lost its cell on three rows in a row: the rows around the run print it
    got, _ = read(["产出指标\t数量\t农业技术培训场次\t≥20场",
                   "产出指标\t\t数量水稻良种推广面积\t≥12000亩",
                   "产出指标\t\t数量农机作业补贴户数\t≥260户",
                   "产出指标\t\t数量农田灌溉渠道长度\t≥30公里",
                   "产出指标\t数量\t病虫害统防统治面积\t≥15000亩",
                   "产出指标\t质量指标\t补贴发放准确率\t≥98%"])
    assert got[1:4] == [("数量指标", "水稻良种推广面积"), ("数量指标", "农机作业补贴户数"),
                        ("数量指标", "农田灌溉渠道长度")]


def test_a_short_label_fused_into_the_names_opening_its_block_is_their_label():
    # two rows open the block, the two below print 成本
    got, _ = read(["产出类\t时效指标\t新生儿访视时限\t30天",
                   "产出类\t\t成本门诊次均费用\t≤220元",
                   "产出类\t\t成本药品耗材采购支出\t≤1200万元",
                   "产出类\t成本\t水电能耗费用\t不超过85万元",
                   "产出类\t成本\t办公设备采购单价\t≤6000元",
                   "效益类\t社会效益指标\t居民健康素养水平\t逐步提高"])
    assert got[1:3] == [("成本指标", "门诊次均费用"), ("成本指标", "药品耗材采购支出")]


def test_a_short_label_printed_once_beside_a_run_in_a_table_restating_its_labels_is_cut_off():
    # the table prints its level-2 labels on every row (时效指标 twice in a row): the 成本
    # block of three prints 成本 on its first row only, its two other rows have it fused
    # into their names, the next block's label below them
    got, _ = read(["产出指标\t时效指标\t检验报告出具时间\t≤3个工作日",
                   "产出指标\t时效指标\t新生儿访视时限\t7天内",
                   "产出指标\t成本\t门诊次均费用\t≤220元",
                   "产出指标\t\t成本药品耗材采购支出\t≤1200万元",
                   "产出指标\t\t成本水电能耗费用\t≤85万元",
                   "效益指标\t社会效益指标\t居民健康素养水平\t逐步提高"])
    assert got[3:5] == [("成本指标", "药品耗材采购支出"), ("成本指标", "水电能耗费用")]


def test_a_short_label_printed_once_beside_a_name_in_a_table_restating_its_labels_is_cut_off():
    # a block of two: the label printed on its second row, fused into its first
    got, _ = read(["产出指标\t数量指标\t城乡居民基础养老金标准\t≥200元",
                   "产出指标\t数量指标\t促进创业人数\t≥500人",
                   "产出指标\t\t质量创业担保贷款还款率\t≥90%",
                   "产出指标\t质量\t补贴发放准确率\t≥98%",
                   "产出指标\t时效指标\t资金下达及时率\t100%"])
    assert got[2] == ("质量指标", "创业担保贷款还款率")


def test_a_labels_first_line_printed_on_every_row_is_cut_off_the_name_opening_its_block():
    # 社会 (社会效益指标's first line, no category's bare word) printed on the rows of its
    # block, fused into the name of its first row; the table restates its labels
    got, _ = read(["产出指标\t成本\t门诊次均费用\t≤220元",
                   "产出指标\t成本\t水电能耗费用\t≤85万元",
                   "效益指标\t\t社会家庭医生签约服务覆盖率\t≥40%",
                   "效益指标\t社会\t重点人群健康管理覆盖率\t≥75%",
                   "效益指标\t社会\t孕产妇系统管理率\t不低于90%"])
    assert got[2] == ("社会效益指标", "家庭医生签约服务覆盖率")


def test_a_short_label_printed_once_beside_a_run_in_a_spanned_table_keeps_the_names():
    # the level-2 labels are printed once a block (数量指标 at its top): 成本 over the block's
    # first row only, the names below open with their own word
    got, _ = read(["产出指标\t数量指标\t检验报告份数\t≥300份",
                   "\t\t新生儿访视人次\t≥700人次",
                   "\t成本\t门诊次均费用\t≤220元",
                   "\t\t成本控制达标率\t100%",
                   "\t\t成本节约金额\t≥5万元",
                   "效益指标\t社会效益指标\t居民健康素养水平\t逐步提高"])
    assert [name for _, name in got[3:5]] == ["成本控制达标率", "成本节约金额"]


def test_a_run_of_names_opening_alike_without_rows_printing_the_word_around_keeps_it():
    # 质量 printed once above the block's first row: no every-row label, the names' own word
    got, _ = read(["产出指标\t数量指标\t农业技术培训场次\t≥20场",
                   "产出指标\t质量\t补贴资金发放准确率\t=100%",
                   "产出指标\t\t质量安全抽检合格率\t≥98%",
                   "产出指标\t\t质量追溯覆盖率\t≥90%",
                   "产出指标\t时效指标\t农机补贴兑付时限\t≤30个工作日"])
    assert [name for _, name in got[2:4]] == ["质量安全抽检合格率", "质量追溯覆盖率"]


def test_a_row_above_whose_name_the_label_was_cut_off_counts_as_printing_it():
    # 质量 before a space cut off the first row; the block's rows print it or lost it
    got, _ = read(["产出指标\t数量\t病虫害统防统治面积\t≥15000亩",
                   "产出指标\t\t质量 农技培训考核合格率\t≥95%",
                   "产出指标\t质量\t补贴资金发放准确率\t=100%",
                   "产出指标\t\t质量农田水利设施验收合格率\t100%",
                   "产出指标\t时效指标\t农机补贴兑付时限\t≤30个工作日"])
    assert got[1] == ("质量指标", "农技培训考核合格率")
    assert got[3] == ("质量指标", "农田水利设施验收合格率")


@pytest.mark.parametrize("lines", [
    # printed on one row above only: a label spanning its block may print so
    ["产出指标\t数量\t农业技术培训场次\t≥20场",
     "\t质量\t补贴资金发放准确率\t=100%",
     "\t\t质量安全抽检结果公开率\t100%",
     "\t时效指标\t农机补贴兑付时限\t≤30个工作日"],
    # (two rows printing it above, where the row below states no label of its own: a table
    # restating its labels, `test_a_short_label_beside_an_empty_level_cell_in_a_table_restating…`)
])
def test_a_short_label_at_a_block_end_needs_two_rows_printing_it_and_the_next_block(lines):
    got, _ = read(lines)
    assert got[2][1] == "质量安全抽检结果公开率"


def test_a_short_label_beside_an_empty_level_cell_in_a_table_restating_its_labels_is_cut_off():
    # 质量 printed on two rows in a row: the table restates its labels, so the row below them,
    # its level cell empty, lost the label its name opens with, though the row after it
    # states none either (its label lost too)
    got, _ = read(["产出指标\t质量\t农产品抽检合格率\t≥98%",
                   "产出指标\t质量\t补贴资金发放准确率\t=100%",
                   "产出指标\t\t质量安全抽检结果公开率\t100%",
                   "产出指标\t\t农机补贴兑付时限\t≤30个工作日"])
    assert got[2][1] == "安全抽检结果公开率"


def test_an_unread_level_cell_printed_on_two_rows_in_a_row_is_a_label_restated():
    # 产出数, 产出质 (产出数量's, 产出质量's first lines, read by no vocabulary) each printed on
    # two rows in a row: the table restates its labels, so the row opening the 成本 block, its
    # level cell empty, lost the label its neighbour below prints
    got, _ = read(["产出指标\t产出数\t退役军人走访慰问人次\t≥3200人次",
                   "产出指标\t产出数\t军休干部服务管理人数\t=46人",
                   "产出指标\t产出质\t优抚资金发放准确率\t=100%",
                   "产出指标\t产出质\t退役士兵安置落实率\t=100%",
                   "产出指标\t\t成本走访慰问人均标准\t≤800元",
                   "产出指标\t成本\t烈士纪念设施维护成本\t≤65万元",
                   "效益指标\t社会效益指标\t退役军人就业率\t≥90%"])
    assert got[4] == ("成本指标", "走访慰问人均标准")


def test_a_label_fused_before_a_name_restates_the_label_printed_alone_above_it():
    # 社会效益指标 printed alone, then fused into the next name (the same text as printed): the
    # table restates its labels, so the first row, its level cell empty, lost the 数量 its
    # neighbour prints
    got, _ = read(["产出类指标\t\t数量完成工程建设的行政村\t12个",
                   "产出类指标\t数量\t新建供水管网长度\t44.5公里",
                   "产出类指标\t产出质量\t工程验收合格率\t100%",
                   "效益指标\t社会效益指标\t受益人口\t≥2.3万人",
                   "效益指标\t\t社会效益指标 农村集中供水率\t≥90%"])
    assert got[0] == ("数量指标", "完成工程建设的行政村")


def test_a_piece_restated_on_every_row_of_a_rejoined_label_is_cut_off_the_names_beside_it():
    # the level cell 可持续 is printed on every row of its block, its label wrapped
    # (可持续 | 影响指 | 标); two rows lost it into the name
    names = repeated(["社会效益指标\t促进社区和谐稳定情况\t无",
                      "\t可持续建立健全长效管理机制\t无",
                      "\t可持续沟通协调有效性\t无",
                      "可持续\t人员到位率\t=100%",
                      "影响指\t档案管理制度健全性\t无",
                      "标\t\t"])
    assert names[1:3] == ["建立健全长效管理机制", "沟通协调有效性"]


def test_a_name_reading_on_into_the_rejoined_label_keeps_its_head():
    names = repeated(["社会效益指标\t促进社区和谐稳定情况\t无",
                      "\t可持续影响评估报告完成率\t≥90%",
                      "可持续\t人员到位率\t=100%",
                      "影响指\t档案管理制度健全性\t无",
                      "标\t\t"])
    assert names[1] == "可持续影响评估报告完成率"


def test_a_rejoined_piece_far_from_the_name_is_no_restated_label():
    # 可持续 opens a name three rows above the rejoined 可持续 cell, the rows between not:
    # the name's own word
    names = repeated(["社会效益指标\t促进社区和谐稳定情况\t无",
                      "\t可持续发展教育覆盖率\t≥90%",
                      "\t居民健康素养水平\t≥30%",
                      "\t居民就医获得感\t有所提升",
                      "可持续\t人员到位率\t=100%",
                      "影响指\t档案管理制度健全性\t无",
                      "标\t\t"])
    assert names[1] == "可持续发展教育覆盖率"


TABLE_END = ["\t社会效益指标\t居民电子健康档案建档率\t≥80%",
             "\t可持续影响指标\t基层医疗卫生服务体系\t完善"]


@pytest.mark.parametrize("name, rest", [("服务对象满意居民就医满意度", "居民就医满意度"),
                                        ("服务对签约居民满意度", "签约居民满意度")])
def test_a_word_requiring_label_cut_short_in_the_open_gap_at_the_tables_end(name, rest):
    # the table's last block lost its label, no group stated: the gap is open and holds
    # several categories, but only 服务对象满意度指标 requires a word (满意) the name left holds
    got, issues = read([*TABLE_END, f"\t\t{name}\t≥90%"])
    assert got[-1] == ("服务对象满意度指标", rest)
    assert any(i.code == "label_fused" for i in issues)


@pytest.mark.parametrize("name", ["服务对象满意度调查覆盖率", "社会效益居民健康素养水平", "服务对象满意率考核"])
def test_an_open_gap_at_the_tables_end_keeps_other_heads(name):
    # the only 满意 is the head's; a category requiring no word is no reading in an open gap
    got, _ = read([*TABLE_END, f"\t\t{name}\t≥90%"])
    assert got[-1][1] == name


@pytest.mark.parametrize("head", ["经挤戌本指标", "泾济成夲指标", "经济成本 "])
def test_a_category_of_the_group_a_dual_level_cell_names_is_cut_off_the_name(head):
    # 成本指标 reads as 产出's category and as the group of 经济成本指标: a name opening
    # with one of the group's categories says the cell was the group
    got, issues = read(["产出指标\t数量指标\t档案数字化扫描页数\t120万页",
                        "\t质量指标\t数字化成果验收合格率\t≥98%",
                        f"成本指标\t{head}单个健身路径建设成本\t≤8万元",
                        "效益指标\t社会效益指标\t档案利用满足率\t≥95%"])
    assert got[2] == ("经济成本指标", "单个健身路径建设成本")
    assert any(i.code == "label_fused" and "成本指标" in i.message for i in issues)


def test_a_group_whose_one_category_bears_its_name_keeps_the_cell_as_read():
    got, issues = read(["产出指标\t数量指标\t档案数字化扫描页数\t120万页",
                        "管理指标\t菅哩指标预算执行率\t≥90%",
                        "管理指标\t官理指际资金使用合规性\t合规"])
    assert got[1:] == [("管理指标", "预算执行率"), ("管理指标", "资金使用合规性")]


@pytest.mark.parametrize("line, name", [
    ("成本指标\t经济效益评估费用\t≤0.6元", "经济效益评估费用"),     # no category of the 成本 group
    ("成本指标\t社会成效评估费用\t≤0.6元", "社会成效评估费用"),     # as near no label of it
    ("管理指标\t管理制度健全性\t健全", "管理制度健全性"),           # a word, not a label
])
def test_a_name_under_a_dual_level_cell_keeps_a_head_no_category_of_its_group_reads(line, name):
    got, issues = read(["产出指标\t数量指标\t档案数字化扫描页数\t120万页", line])
    assert got[1][1] == name
    assert not any(i.code == "label_fused" for i in issues)


@pytest.mark.parametrize("name, want", [
    ("创业带动就业人数", "社会效益指标"),       # 就业: 社会效益's word
    ("农户人均增收", "经济效益指标"),           # 增收: 经济效益's
])
def test_a_head_as_near_two_categories_is_read_as_the_one_whose_words_the_name_holds(name, want):
    got, issues = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                        f"效益指标\t\t杜佘效益指标{name}\t≥1500人",
                        "\t生态效益指标\t绿化覆盖率\t≥40%"])
    assert got[1] == (want, name)
    assert any(i.code == "label_fused" for i in issues)


@pytest.mark.parametrize("name", ["义务教育入学率", "就业人员收入增长率"])   # no word; both's words
def test_a_head_as_near_two_categories_stays_where_the_name_holds_neither_or_both_words(name):
    got, issues = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                        f"效益指标\t\t杜佘效益指标{name}\t≥1500人",
                        "\t生态效益指标\t绿化覆盖率\t≥40%"])
    assert got[1][1] == f"杜佘效益指标{name}"
    assert any(i.code == "label_unrecognised" and "杜佘效益指标" in i.message for i in issues)


def test_a_categorys_bare_word_before_a_space_is_cut_off_where_the_order_allows():
    # the table's first row: no label above, 质量 below; 数量 lies before it
    got, issues = read(["产出指标\t\t数量 完成改造的老旧小区数量\t≥30个",
                        "\t\t加装电梯数量\t≥45部",
                        "\t质量指标\t工程竣工验收合格率\t100%"])
    assert got[0] == ("数量指标", "完成改造的老旧小区数量")
    assert any(i.code == "label_fused" and "数量" in i.message for i in issues)


def test_a_bare_word_one_character_off_one_category_only_before_a_space_is_cut_off():
    got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                   "\t\t质重 高血压患者规范管理率\t≥62%",
                   "\t时效指标\t报告及时率\t100%"])
    assert got[1] == ("质量指标", "高血压患者规范管理率")


@pytest.mark.parametrize("line, name", [
    ("\t\t数量 培训人数\t≥62人", "数量培训人数"),              # 数量 before 时效 above: out of order
    ("\t\t散量 高血压患者管理人数\t≥62人", None),              # as near 数量 as 质量: the order's
    ("\t\t数量培训人数\t≥62人", "数量培训人数"),               # no space: no boundary
])
def test_a_bare_word_out_of_order_or_without_a_space_is_not_cut_so(line, name):
    got, issues = read(["产出指标\t时效指标\t培训及时率\t100%", line, "\t成本指标\t人均成本\t100元"])
    if name is not None:
        assert got[1][1] == name
    assert not any(i.code == "label_fused" and "canonical order there" in i.message for i in issues)


def test_a_two_character_level_cell_on_the_rows_around_is_cut_off_the_name_between():
    # 社会 (a wrapped label's first line, read by no vocabulary) on every row of its block;
    # the row between lost its level cell into the name
    names = repeated(["经济效益指标\t就业人数\t≥100人",
                      "社会\t全市城乡居民养老保险覆盖面\t不低于上年度水平",
                      "\t社会扶持创业企业（项目）数\t650",
                      "社会\t城镇登记失业率\t≤3.5%",
                      "社会效益指标\t劳动人事争议案件仲裁结案率\t≥95%"])
    assert names[2] == "扶持创业企业（项目）数"


def test_a_two_character_level_cell_below_is_cut_off_the_name_opening_its_block():
    names = repeated(["时效指标\t年度项目完工时间\t2025年前",
                      "\t成未统防统治亩均成本\t≤45元",
                      "成未\t良种补贴标准\t=20元",
                      "成未\t农技培训人均成本\t≤300元"])
    assert names[1] == "统防统治亩均成本"


@pytest.mark.parametrize("lines", [
    # printed on the row above only: a name's own words
    ["经济效益指标\t就业人数\t≥100人", "社会\t全市城乡居民养老保险覆盖面\t不低于上年度水平",
     "\t社会保险参保率\t650", "经济\t城镇登记失业率\t≤3.5%", "社会效益指标\t劳动人事争议案件仲裁结案率\t≥95%"],
    # the name reads on into a label (社会效…)
    ["经济效益指标\t就业人数\t≥100人", "社会\t全市城乡居民养老保险覆盖面\t不低于上年度水平",
     "\t社会效益评估覆盖率\t650", "社会\t城镇登记失业率\t≤3.5%", "社会效益指标\t劳动人事争议案件仲裁结案率\t≥95%"],
])
def test_a_name_opening_with_a_short_level_cells_text_keeps_it_without_the_block_around(lines):
    assert repeated(lines)[2] == lines[2].split("\t")[1]


def test_a_wrapped_labels_first_line_fused_into_the_name_joins_the_level_cell_below():
    # 产出质 | 量指标: the label's first line in the name's head, its next line in the level
    # cell below, alone read as 数量指标
    got, issues = read(["产出指标\t数量指标\t烈士纪念设施维护数量\t=9处",
                        "\t\t产出质退役士兵安置落实率\t=100%",
                        "\t量指标\t退役军人服务站规范化建设达标率\t≥95%",
                        "\t时效指标\t优抚资金发放及时率\t100%"])
    assert got[1:3] == [("质量指标", "退役士兵安置落实率"), ("质量指标", "退役军人服务站规范化建设达标率")]
    assert any(i.code == "label_fused" and "产出质" in i.message for i in issues)


@pytest.mark.parametrize("below", [["\t效益指标\t扶持创业企业（项目）数\t650"],
                                   ["\t效益\t扶持创业企业（项目）数\t650", "\t指标\t\t"]])
def test_a_wrapped_labels_first_line_fused_into_the_name_joins_its_rest_read_as_the_group_below(below):
    # 社会 | 效益指标: the label's first line in the name's head, its rest in the level cell
    # below, alone read as the group 效益指标 (whole, or its lines 效益 | 指标 joined)
    got, issues = read(["效益指标\t经济效益指标\t就业困难人员就业人数\t≥100人",
                        "\t\t社会全市城乡居民养老保险覆盖面\t不低于上年度水平", *below,
                        "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"])
    assert got[1:3] == [("社会效益指标", "全市城乡居民养老保险覆盖面"), ("社会效益指标", "扶持创业企业（项目）数")]
    assert any(i.code == "label_fused" and "read alone as the group" in i.message for i in issues)


def test_a_name_over_a_group_label_its_row_prints_too_keeps_its_head():
    # 效益指标 printed on every row: the group's own label, no rest of a wrapped one
    got, issues = read(["效益指标\t经济效益指标\t就业困难人员就业人数\t≥100人",
                        "效益指标\t\t社会全市城乡居民养老保险覆盖面\t不低于上年度水平",
                        "效益指标\t\t扶持创业企业（项目）数\t650",
                        "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"])
    assert got[1][1] == "社会全市城乡居民养老保险覆盖面"


def test_a_name_whose_head_joins_no_form_with_the_level_cell_below_keeps_it():
    got, issues = read(["产出指标\t数量指标\t烈士纪念设施维护数量\t=9处",
                        "\t\t产出情况统计准确率\t=100%",
                        "\t量指标\t退役军人服务站规范化建设达标率\t≥95%",
                        "\t时效指标\t优抚资金发放及时率\t100%"])
    assert got[1][1] == "产出情况统计准确率"
    assert not any(i.code == "label_fused" for i in issues)


def test_a_groups_word_printed_in_both_level_columns_around_is_cut_off_the_name_printing_it_once():
    # 产出 in both level columns of every row (the level-2 label wrapped so its first line is
    # the group's word); the row between prints it once, the other fused into its name
    got, issues = read(["产出\t产出\t民政服务计划完成情况\t=100%",
                        "产出\t\t产出退休干部补贴发放准确率\t=100%",
                        "产出\t产出\t和谐贡献奖应发尽发数\t=7040人次"])
    assert got[1][1] == "退休干部补贴发放准确率"
    assert any(i.code == "label_fused" and "'产出'" in i.message for i in issues)


def test_a_name_opening_with_a_groups_word_printed_as_often_as_around_keeps_it():
    # 产出 in one level column of every row: the name's own word
    got, _ = read(["产出\t\t民政服务计划完成情况\t=100%",
                   "产出\t\t产出退休干部补贴发放准确率\t=100%",
                   "产出\t\t和谐贡献奖应发尽发数\t=7040人次"])
    assert got[1][1] == "产出退休干部补贴发放准确率"


def test_a_bare_word_read_as_the_label_on_the_rows_below_is_cut_off_the_name_opening_its_block():
    # 数量 read as 数量指标 in the level cell of every row of its block; the first row's
    # level cell fused into its name
    names = repeated(["\t数量城乡居民基础养老金标准\t≥200元每人每月",
                      "数量\t发放创业担保贷款金额\t5000万元",
                      "数量\t城镇新增就业人数（万人）\t≥2万人",
                      "质量指标\t补贴发放准确率\t≥98%"])
    assert names[0] == "城乡居民基础养老金标准"


@pytest.mark.parametrize("lines", [
    # printed on one row next to it only: a name's own word
    ["\t数量城乡居民基础养老金标准\t≥200元每人每月", "数量\t发放创业担保贷款金额\t5000万元",
     "质量指标\t补贴发放准确率\t≥98%", "\t城镇新增就业人数（万人）\t≥2万人"],
    # printed as the full label (数量指标): not the text the name opens with
    ["\t数量城乡居民基础养老金标准\t≥200元每人每月", "数量指标\t发放创业担保贷款金额\t5000万元",
     "数量指标\t城镇新增就业人数（万人）\t≥2万人", "质量指标\t补贴发放准确率\t≥98%"],
])
def test_a_name_opening_with_a_bare_word_keeps_it_without_the_rows_printing_it(lines):
    assert repeated(lines)[0] == lines[0].split("\t")[1]


def test_a_bare_word_in_a_closed_gap_is_cut_off_where_the_name_holds_its_strong_word():
    # 质量 between 数量指标 and 时效指标, in a table printing its labels with 指标
    got, issues = read(["产出指标\t数量指标\t补贴发放人数\t2600人",
                        "\t\t质量补贴发放准确率\t100%",
                        "\t时效指标\t补贴按月发放及时率\t100%"])
    assert got[1] == ("质量指标", "补贴发放准确率")
    assert any(i.code == "label_fused" for i in issues)


@pytest.mark.parametrize("lines", [
    # the name left holds none of 质量's strong words
    ["产出指标\t数量指标\t补贴发放人数\t2600人", "\t\t质量义务教育巩固率\t100%", "\t时效指标\t补贴按月发放及时率\t100%"],
    # no label below: the gap is open
    ["产出指标\t数量指标\t补贴发放人数\t2600人", "\t\t质量补贴发放准确率\t100%", "\t\t补贴按月发放及时率\t100%"],
])
def test_a_bare_word_in_an_open_gap_or_before_no_strong_word_stays(lines):
    got, _ = read(lines)
    assert got[1][1] == lines[1].split("\t")[2]


def test_a_bare_word_in_a_gap_of_several_is_cut_off_where_the_name_holds_one_categorys_strong_word():
    # the table prints 数量 bare; between 质量 and 社会效益 the order leaves 时效 and 成本: the
    # name after 时效 holds 及时 (时效's), so 时效 is the row's label
    got, issues = read(["产出指标\t数量\t新建供水管网长度\t≥46公里",
                        "\t质量\t工程验收合格率\t100%",
                        "\t\t时效工程完工及时率\t90%",
                        "效益指标\t社会效益\t受益人口\t≥2.3万人"])
    assert got[2] == ("时效指标", "工程完工及时率")
    assert any(i.code == "label_fused" and "时效" in i.message for i in issues)


def test_a_bare_word_in_a_gap_of_several_stays_without_a_strong_word():
    # the name left holds no strong word of 时效
    lines = ["产出指标\t数量\t新建供水管网长度\t≥46公里", "\t质量\t工程验收合格率\t100%",
             "\t\t时效工程建设管理情况\t良好", "效益指标\t社会效益\t受益人口\t≥2.3万人"]
    got, _ = read(lines)
    assert got[2][1] == lines[2].split("\t")[2]


def test_a_full_label_tables_lone_row_opening_with_its_placed_categorys_word_loses_it_warned():
    # the table prints full labels, yet the row's wording (及时, swap29) places it alone in
    # 时效's block, stating no label, between rows stating theirs: 时效 at its head is where
    # that label went (`lone_bare_word`; the old reading kept it as the name's own word)
    got, issues = read(["产出指标\t数量指标\t新建供水管网长度\t≥46公里", "\t质量指标\t工程验收合格率\t100%",
                        "\t\t时效工程完工及时率\t90%", "效益指标\t社会效益指标\t受益人口\t≥2.3万人"])
    assert got[2] == ("时效指标", "工程完工及时率")
    assert any(i.code == "label_unrecognised" and "bare word" in i.message for i in issues)



def unmarked(third: str, second: str = "补贴发放准确率") -> list[str]:
    """质量's block (rows 2..4) states no label, bounded above by 数量指标 and below by 时效's
    block that states none either: no model says on which line its label was printed."""
    return ["产出指标\t数量指标\t补贴发放人数\t2600人", "\t\t新增培训人次\t300人次", f"\t\t{second}\t100%",
            f"\t\t{third}\t100%", "\t\t设施验收合格率\t100%", "\t\t补贴按月发放及时率\t100%",
            "\t\t资金拨付及时率\t100%", "效益指标\t社会效益指标\t受益人口\t≥2.3万人"]


def test_a_longer_blocks_word_is_cut_off_where_the_block_states_no_label_and_no_model_says_where():
    # the label went somewhere: the one row opening with the category's whole bare word is where
    got, issues = read(unmarked("质量培训考核合格率"))
    assert got[3] == ("质量指标", "培训考核合格率")
    warned = [i for i in issues if i.code == "label_unrecognised" and "bare word" in i.message]
    assert len(warned) == 1 and "block of 3 rows" in warned[0].message


@pytest.mark.parametrize("lines", [
    # a word names open with (category_openings)
    unmarked("质量监督抽检合格率"),
    # another name of the table opens with the same word: the table's wording
    unmarked("质量培训考核合格率", second="质量补贴发放准确率"),
])
def test_a_longer_blocks_word_stays_where_names_use_it(lines):
    got, _ = read(lines)
    assert got[3][1] == lines[3].split("\t")[2]


# --- a head read as the category placed, in a block that states no label (cut_inferred_heads)

NARROW = ["产出\t质量\t补贴发放准确率\t100%", "指标\t指标", "\t时效\t补贴按月发放及时率\t100%", "\t指标"]


def test_a_damaged_first_line_is_cut_off_where_its_block_states_no_label_and_the_column_is_as_narrow():
    # the table's first block lost its label (a gap open above: the order pass reads nothing);
    # the placement gives the row 数量指标, and the head reads as its first line, 暈 for 量
    got, issues = read(["\t\t数暈补贴发放人数\t2600人", *NARROW])
    assert got[0] == ("数量指标", "补贴发放人数")
    fused = [i for i in issues if i.code == "label_fused" and "数暈" in i.message]
    assert len(fused) == 1 and fused[0].severity == "info"


def test_a_long_labels_first_line_is_cut_off_and_a_name_of_the_labels_own_words_stays():
    got, issues = read(["效益指标\t社会效益指标\t受益农户户数\t≥3800户",
                        "满意度指标\t\t服务对象满意度\t≥90%",
                        "\t\t眼务对象补贴对象满意度\t≥90%"])
    assert got[1] == ("服务对象满意度指标", "服务对象满意度")    # the name goes on with the label's words
    assert got[2] == ("服务对象满意度指标", "补贴对象满意度")
    assert any(i.code == "label_fused" and "眼务对象" in i.message for i in issues)


@pytest.mark.parametrize("lines", [
    # a word another name of the table prints (数字化): the name's own, not a damaged 数量
    ["\t\t数字化扫描页数\t2600页", "产出\t质量\t数字化成果验收合格率\t100%", *NARROW[1:]],
    # two characters written exactly: a word names open with
    ["\t\t数量补贴发放人数\t2600人", *NARROW],
    # no level cell as narrow as the head: no wrapped label's line (in a block of two rows: the
    # one row of a block prints its label on its line, lone_block_row)
    ["\t\t数暈补贴发放人数\t2600人", "\t\t新增培训人次\t300人次", "产出指标\t质量指标\t补贴发放准确率\t100%",
     "\t时效指标\t补贴按月发放及时率\t100%"],
])
def test_a_head_read_as_the_placed_category_stays_where_it_may_be_the_names_own(lines):
    got, _ = read(lines)
    assert got[0][1] == lines[0].split("\t")[2]


def group_row(level1: str) -> list[str]:
    """The 成本 block (row 4) lost its label; the row prints `level1`, its group's label."""
    return ["\t数量指标\t完成工程建设的行政村\t12个", "\t\t新建供水管网长度\t≥46公里", "\t质量指标\t工程验收合格率\t100%",
            "\t时效指标\t工程完工及时率\t≥95%", f"{level1}\t\t成本单位管网造价\t≤15万元",
            "效益指标\t社会效益指标\t受益人口\t≥2.3万人"]


def test_a_bare_word_on_the_row_printing_its_groups_label_is_cut_off():
    # the group's label printed on the row: the line its block's label printed on too (prints_group_label)
    got, issues = read(group_row("产出指标"))
    assert got[4] == ("成本指标", "单位管网造价")
    assert any(i.code == "label_fused" and "'成本'" in i.message for i in issues)


def test_a_bare_word_on_a_row_printing_no_groups_label_is_cut_off_as_its_blocks_one_row_with_a_warning():
    # no group's label on the row: the block's one row between stated labels reads it still
    # (lone_bare_word), warned for review rather than said
    got, issues = read(group_row(""))
    assert got[4] == ("成本指标", "单位管网造价")
    assert any(i.code == "label_unrecognised" and "bare word" in i.message and i.severity == "warning"
               for i in issues)


# --- a label printed with its group's word, damaged, at the head of a name (cut_inferred_heads, group_worded_head)

GROUP_WORDED = ["产出指标\t产出质量\t数字化成果验收合格率\t≥98%", "产出指标\t产出时效\t档案证明出具时限\t3个工作日",
                "效益指标\t社会效益\t档案利用满足率\t≥95%"]


def test_a_label_printed_with_its_groups_word_damaged_on_every_row_of_its_block_is_cut_off_with_a_warning():
    # the form repeats the group in its level-2 column (产出质量); the first block's 产出数量 is
    # printed on each of its rows, damaged in two characters (彦 for 产, 重 for 量), and fused
    # into the names: the block states no label, the placement gives it 数量指标
    got, issues = read(["产出指标\t\t彦出数重档案数字化扫描页数\t120万页",
                        "产出指标\t\t彦出数重接待档案查阅利用人次\t8000人次", *GROUP_WORDED])
    assert got[:2] == [("数量指标", "档案数字化扫描页数"), ("数量指标", "接待档案查阅利用人次")]
    warned = [i for i in issues if i.code == "label_unrecognised" and "彦出数重" in i.message]
    assert len(warned) == 2 and all(i.severity == "warning" and "group's word" in i.message for i in warned)


def test_a_label_printed_with_its_groups_word_damaged_in_a_block_stating_it_on_another_row_is_cut_off():
    # the block's first row states 产出数量; its second prints it damaged, fused into the name
    got, issues = read(["产出指标\t产出数量\t档案数字化扫描页数\t120万页",
                        "产出指标\t\t彦出数重接待档案查阅利用人次\t8000人次", *GROUP_WORDED])
    assert got[1] == ("数量指标", "接待档案查阅利用人次")
    assert any(i.code == "label_unrecognised" and "彦出数重" in i.message and "another row" in i.message
               for i in issues)


@pytest.mark.parametrize("name", [
    "产出咸朩单位管网造价",   # nothing of the category's word in place: no evidence of the block's label
    "彦击数字化扫描页数",     # the group's word with none of its characters in place
])
def test_a_head_shaped_like_a_group_worded_label_without_its_characters_stays(name):
    got, _ = read([f"产出指标\t\t{name}\t120万页", *GROUP_WORDED])
    assert got[0][1] == name


# --- a group-worded label's first line, the group's word, fused into a name (cut_group_word_heads)

def test_the_groups_word_over_the_categorys_word_on_the_next_line_is_cut_off_with_a_warning():
    # 产出 / 数量 in a level-2 column two wide: the first line fused into the name beside it
    got, issues = read(["产出\t\t产出家庭医生签约服务人数\t≥12万人", "指标\t数重\t免费健康体检人次\t≥8万人次",
                        "\t质量指标\t传染病报告及时率\t≥98%", "\t时效指标\t疫苗接种信息录入及时率\t100%"])
    assert got[0] == ("数量指标", "家庭医生签约服务人数")
    assert any(i.code == "label_unrecognised" and i.severity == "warning" and "'产出'" in i.message
               and "'数重'" in i.message for i in issues)


def test_the_groups_word_at_a_names_head_with_no_category_word_below_stays():
    got, _ = read(["产出\t数量指标\t家庭医生签约服务人数\t≥12万人", "指标\t\t产出效益分析报告份数\t≥8份",
                   "\t\t免费健康体检人次\t≥8万人次", "\t质量指标\t传染病报告及时率\t≥98%"])
    assert got[1] == ("数量指标", "产出效益分析报告份数")


# --- a whole label damaged in its 指标 at the head of a name, read by its block's own label (whole_damaged_head)

@pytest.mark.parametrize("head, lost", [("数量指怀", "怀"), ("数量指柝", "柝")])
def test_a_whole_label_damaged_in_its_zhibiao_is_cut_off_with_a_warning_naming_the_damage(head, lost):
    # the first blocks lost their labels (a gap of three categories: the order pass reads nothing);
    # the placement gives the row 数量指标, and no level column is as narrow as a first line: the
    # head is the whole label, a character of its 指标 out of place
    got, issues = read(["\t\t补贴发放人数\t2600人", f"\t\t{head}培训人数\t300人", "\t\t补贴发放准确率\t100%",
                        "\t时效指标\t补贴按月发放及时率\t100%"])
    assert got[1] == ("数量指标", "培训人数")
    warned = [i for i in issues if i.code == "label_unrecognised" and head in i.message]
    assert len(warned) == 1 and warned[0].severity == "warning" and repr(lost) in warned[0].message


@pytest.mark.parametrize("header, name", [
    ("三级指柝", "培训人数"),          # 柝 printed for 标 in the header: the damage is the table's
    # no such damage printed: no damaged label read; but the block (rows 0..2) states no label and
    # no model says where it went, so its category's word written whole at the head is cut off as
    # that label, warned (`unmarked_block`), the two characters after it left to the name
    ("三级指标", "拾柝培训人数"),
])
def test_a_word_and_its_zhibiao_damaged_as_the_table_prints_it_is_cut_off_with_a_warning(header, name):
    # 数量拾柝: neither 指 nor 标 in place; the header's 三级指柝 attests 柝 for 标 in this table
    lines = [f"一级指标\t二级指标\t{header}\t指标值", "\t\t补贴发放人数\t2600人", "\t\t数量拾柝培训人数\t300人",
             "\t\t补贴发放准确率\t100%", "\t时效指标\t补贴按月发放及时率\t100%"]
    indicators, issues = rows_to_indicators(ocr_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert (indicators[1].placement.level2.label, indicators[1].row.name) == ("数量指标", name)
    warned = [i for i in issues if i.code == "label_unrecognised" and "数量拾柝" in i.message]
    assert len(warned) == 1 and ("bare word" in warned[0].message) == (name != "培训人数")


@pytest.mark.parametrize("name", [
    "数量指数发布次数",     # 指数: a word of the name's (schemas/name_words.yaml), not a damaged 指标
    "数据指标采集人数",     # a word and 指标: only half the label's word in place
    "主要指标完成人数",     # the label's first character out of place
    "数量类型统计人数",     # the label's word and its wording in place, nothing of 指标
    "质量指标完成人数",     # another category's label written whole
])
def test_a_name_shaped_like_a_damaged_whole_label_is_no_such_label(name):
    # read by this mechanism alone (the order pass reads a head in a gap by other evidence)
    vocab = level_vocabulary(SCHEMA)
    spec = next(s for s in vocab.level2_specs.values() if s.label == "数量指标")
    assert whole_damaged_head(name, spec, vocab, ()) is None
    assert whole_damaged_head("数量指怀" + name[4:], spec, vocab, ())[:2] == ("数量指怀", name[4:])


# --- a long label at the head of a name in a block that states none (cut_inferred_heads, long_inferred_head)

THREE_BLOCKS = ["产出指标\t数量指标\t补贴发放人数\t2600人", "\t质量指标\t补贴发放准确率\t100%",
                "效益指标\t社会效益指标\t受益农户户数\t≥3800户"]


@pytest.mark.parametrize("head", [
    "服务满恴度拍标",     # printed a word short (服务满意度指标), one look-alike and a damaged 指
    "服务对象满意度",     # an alias written exactly, no level cell of the table as wide
])
def test_a_long_label_at_a_names_head_is_cut_off_with_no_column_as_wide(head):
    got, issues = read([*THREE_BLOCKS, f"\t\t{head}农户满意度\t≥90%"])
    assert got[3] == ("服务对象满意度指标", "农户满意度")
    assert any(i.code == "label_fused" and head in i.message for i in issues)


@pytest.mark.parametrize("name", [
    "服务满恴度拍标调查覆盖率",     # the name left lacks the word the category requires (满意)
    "服务热线满意度指标完成率",     # like the label, but 完成率 alone names nothing
])
def test_a_long_head_stays_where_the_name_left_would_not_name_the_category(name):
    got, issues = read([*THREE_BLOCKS, f"\t\t{name}\t≥90%"])
    assert got[3][1] == name
    assert not any(i.code == "label_fused" and "placed from the rows" in i.message for i in issues)


WRAPPED_AT_FOUR = ["产出指标\t数量指标\t补贴发放人数\t2600人", "效益指标\t社会效益\t受益农户户数\t≥3800户",
                   "\t指标\t农户人均增收\t≥1200元"]


def test_a_first_line_as_wide_as_the_wrapped_level_column_is_cut_whole_its_last_character_damaged():
    # 社会效益 | 指标: the level-2 column wraps at four; 眼务对彖 (眼 for 服, 彖 for 象) is a first line
    # that wide
    got, issues = read([*WRAPPED_AT_FOUR, "\t\t眼务对彖农户满意度\t≥90%"])
    assert got[3] == ("服务对象满意度指标", "农户满意度")
    assert any(i.code == "label_fused" and "'眼务对彖'" in i.message for i in issues)


@pytest.mark.parametrize("head", ["朋务满意度指标", "股条满意度指标", "股务对蒙满意度指标"])
def test_a_head_printing_the_required_word_and_zhibiao_is_read_in_a_group_stated_nowhere(head):
    # 满意度 stated nowhere and the table's end open: its label, its look-alikes before 满意度指标
    # (the shortened 服务满意度指标 or the whole 服务对象满意度指标), fused at the last name
    got, issues = read([*WRAPPED_AT_FOUR, f"\t\t{head}农户满意度\t≥90%"])
    assert got[3] == ("服务对象满意度指标", "农户满意度")
    assert any(i.code == "label_fused" and head in i.message for i in issues)


def test_the_required_words_alias_written_whole_before_a_name_holding_the_word_again_is_read():
    # 服务对象满意度 (no 指标) at the last name, the table's end open: the name after it holds 满意
    # again, and no one name holds it twice
    got, issues = read([*WRAPPED_AT_FOUR, "\t\t服务对象满意度受益群众满意度\t≥90%"])
    assert got[3] == ("服务对象满意度指标", "受益群众满意度")
    assert any(i.code == "label_fused" and "'服务对象满意度'" in i.message for i in issues)


@pytest.mark.parametrize("name, read", [
    ("服务对象满意度受益群众满意度", True),    # the word again after the alias written whole
    ("服务对象满意度调查完成率", False),       # nothing after it holds 满意
    ("服务对像满意度受益群众满意度", False),   # the alias without 指标 is read only written whole
])
def test_required_word_heads_reads_the_alias_written_whole_only_before_the_word_again(name, read):
    heads = required_word_heads(name, ("服务对象满意度指标",), level_vocabulary(SCHEMA))
    assert (("服务对象满意度指标", "服务对象满意度", "服务对象满意度") in heads) is read


@pytest.mark.parametrize("name", ["服务对象满意度调查完成率", "服务对象满意度"])
def test_the_required_words_alias_written_whole_is_a_name_where_nothing_after_it_holds_the_word(name):
    got, _ = read([*WRAPPED_AT_FOUR, f"\t\t{name}\t≥90%"])
    assert got[3][1] == name


def test_a_head_printing_the_required_word_before_a_name_without_it_stays():
    got, _ = read([*WRAPPED_AT_FOUR, "\t\t群众满意度指标完成情况\t≥90%"])
    assert got[3][1] == "群众满意度指标完成情况"


def test_a_first_line_written_exactly_but_its_last_character_stays():
    # 服务对 and 彖: the character after a head written exactly opens the name as often
    got, _ = read([*WRAPPED_AT_FOUR, "\t\t服务对彖农户满意度\t≥90%"])
    assert got[3] == ("服务对象满意度指标", "服务对彖农户满意度")


def test_a_head_ending_out_of_place_stays_where_no_level_label_wraps_at_its_width():
    got, _ = read(["产出指标\t数量指标\t补贴发放人数\t2600人", "效益指标\t社会效益指标\t受益农户户数\t≥3800户",
                   "\t\t农户人均增收\t≥1200元", "\t\t眼务对彖农户满意度\t≥90%"])
    assert got[3] == ("服务对象满意度指标", "眼务对彖农户满意度")


# --- a label's first line fused into a name's head, its rest on the lines below (cut_heads_wrapped_below)

WRAPPED_BLOCKS = ["产出\t数量\t补贴发放人数\t2600人", "指标\t指标", "\t质量\t补贴发放准确率\t100%", "\t指标"]
COST_BLOCK = ["\t成本\t人均月补贴标准\t≤1200元", "\t指标"]


def test_a_labels_first_line_fused_into_a_name_with_its_rest_below_is_cut_off():
    # 时效 (written exactly: alone, a word names open with) and 指标 below, in the level column
    # (the line's leading empty cells dropped, as OCR does): they spell 时效指标, the category
    # the row is placed in
    got, issues = read(["\t数量\t补贴发放人数\t2600人", "指标", "产出\t馈重\t补贴发放准确率\t100%", "指标",
                        "拾标\t\t时效补贴按月发放及时率\t100%", "指标", "效益指标\t社会效益指标\t受益农户户数\t≥3800户"])
    assert got[2] == ("时效指标", "补贴按月发放及时率")
    fused = [i for i in issues if i.code == "label_fused" and "时效" in i.message]
    assert len(fused) == 1 and fused[0].severity == "info" and "'指标'" in fused[0].message


def test_a_wrapped_labels_rest_over_two_lines_below_joins_a_worded_form():
    got, issues = read(["效益\t社会效\t受益农户户数\t≥3800户", "指标\t益类指", "\t标",
                        "\t\t经济效农户人均增收\t≥1200元", "\t益类指", "\t标"])
    assert got[1] == ("经济效益指标", "农户人均增收")
    assert any(i.code == "label_fused" and "经济效" in i.message for i in issues)


@pytest.mark.parametrize("lines", [
    # no label's rest below: a name opening with the category's words
    ["\t数量\t补贴发放人数\t2600人", "指标", "产出\t馈重\t补贴发放准确率\t100%", "指标",
     "拾标\t\t时效补贴按月发放及时率\t100%", "\t\t补贴发放投诉办结率\t100%"],
    # (the block's one row between stated labels would read its whole bare word: lone_bare_word)
    # the rest below joins the level-1 cell on the name's line (产出 | 指标): not the head's
    ["\t数量指标\t补贴发放人数\t2600人", "\t质量指标\t补贴发放准确率\t100%", "产出\t\t质量达标情况统计报表\t100%",
     "指标", "\t\t工程竣工验收合格率\t100%", "\t时效指标\t补贴按月发放及时率\t100%"],
    # a label of its own below (效益指标, the next block's group): no wrapped label's rest
    ["效益指标\t社会效益指标\t提高养老人员生活水平\t≥5%", "\t\t提升社会组织发展能力\t100%",
     "效益指标\t\t提升困难人员工作积极性\t100%"],
])
def test_a_head_without_a_labels_rest_below_stays_in_the_name(lines):
    got, issues = read(lines)
    names = [name for _, name in got]
    assert any(name.startswith(("时效", "质量", "提升社会")) for name in names)
    assert not any(i.code == "label_fused" and "below" in i.message for i in issues)



def below_a_quality_block(name: str, below: list[str]) -> list[str]:
    """Labels wrapped in a level-2 column three wide (数量 | 指标 …); `name` on the row after
    the 质量 block, `below` the lines under it, then the 经济成本 block."""
    return ["产出\t数量\t补贴发放人数\t2600人", "\t指标\t\t", "\t质量\t补贴发放准确率\t100%", "\t指标\t\t",
            f"指标\t\t{name}\t100%", *below, "成本\t经济成\t人均月补贴标准\t≤1200元", "\t本指标\t\t"]


@pytest.mark.parametrize("name, rest", [
    # the order alone cuts 时效 and leaves 脂 on the name
    ("时效脂补贴资金拨付到位率", "补贴资金拨付到位率"),
    # the wording (合格) alone fills the row into the 质量 block above, its head kept
    ("时效脂补贴资金拨付合格率", "补贴资金拨付合格率"),
])
def test_a_first_line_fused_into_a_name_with_its_rest_below_is_read_before_placing(name, rest):
    # 时效脂 | 标: 时效指标 wrapped, its first line fused into the name, its 标 a line of its own
    got, issues = read(below_a_quality_block(name, ["\t标\t\t"]))
    assert got[2] == ("时效指标", rest)
    assert got[1] == ("质量指标", "补贴发放准确率") and got[3][0] == "经济成本指标"
    assert any(i.code == "label_fused" and "'时效脂'" in i.message and "'标'" in i.message for i in issues)


def test_a_first_line_and_its_rest_below_damaged_in_two_characters_are_read_by_the_gap():
    # 社会効 | 益指栎: four of 社会效益指标's six characters in place, of no other category as many;
    # without it the row and the one above fill the 服务对象满意度 block below
    got, issues = read(["效益\t经济效\t农户人均增收\t≥1200元", "\t益指标\t\t", "\t\t合作社经营收入增长\t≥5%",
                        "指标\t\t社会効带动农户户数\t≥3800户", "\t益指栎\t\t",
                        "满意度\t服务对\t农户满意度\t≥90%", "\t象满意\t\t", "\t度指标\t\t"])
    assert got[2] == ("社会效益指标", "带动农户户数")
    assert got[1] == ("经济效益指标", "合作社经营收入增长")
    assert any(i.code == "label_fused" and "'社会効'" in i.message for i in issues)


def test_a_first_line_and_its_rest_below_are_read_in_a_gap_open_above():
    # the table's first row: no label above, the gap open (the order alone reads only categories
    # requiring a word there); the pieces tell the category themselves
    got, issues = read(["\t\t社会効带动农户户数\t≥3800户", "\t益指栎\t\t", "\t\t农村劳动力转移人数\t≥150人",
                        "\t可持续影响指标\t耕地质量保护与提升\t持续改善"])
    assert got[0] == ("社会效益指标", "带动农户户数") and got[1][0] == "社会效益指标"
    assert any(i.code == "label_fused" and "'社会効'" in i.message for i in issues)


def test_a_first_line_whose_rest_below_is_a_rows_level_cell_is_not_read_before_placing():
    # the line below holds a name of its own: its first cell (标) is that row's, not the head's rest
    got, issues = read(below_a_quality_block("时效脂补贴资金拨付合格率", ["标\t\t资金使用规范性\t100%"]))
    assert got[2][1] == "时效脂补贴资金拨付合格率"
    assert not any(i.code == "label_fused" and "'时效脂'" in i.message for i in issues)


def centred_blocks(name: str, below: str) -> list[str]:
    """Three blocks whose labels print on their middle rows; `name` opens the second, `below`
    (a level cell's text) on the row under it."""
    return ["\t\t家庭医生签约居民人数\t≥35000人", "产出指标\t数量指标\t健康教育讲座次数\t≥24次",
            "\t\t适龄儿童免疫规划疫苗接种率\t≥95%", f"\t\t{name}\t≥62%", f"\t{below}\t糖尿病患者规范管理率\t≥62%",
            "\t\t院内感染控制达标率\t100%", "\t\t传染病报告及时率\t100%",
            "\t时效指标\t疫苗接种信息录入及时率\t100%", "\t\t突发事件报告及时率\t100%"]


def test_a_group_word_fused_into_a_name_with_its_categorys_word_below_is_cut_off():
    # 产出 | 质量 (产出质量, a group-and-category label wrapped in its column): its first line
    # fused into the name, the next line's first cell its rest
    got, issues = read(centred_blocks("产出高血压患者规范管理率", "质量"))
    assert got[3] == ("质量指标", "高血压患者规范管理率") and got[4] == ("质量指标", "糖尿病患者规范管理率")
    assert any(i.code == "label_fused" and "'产出'" in i.message for i in issues)


@pytest.mark.parametrize("below", [
    "质量指标",     # a label of its own below, no wrapped label's rest: a name may open with the group's word
    "",             # no piece below
])
def test_a_group_word_at_a_names_head_without_its_categorys_word_below_stays(below):
    got, issues = read(centred_blocks("产出成果转化应用完成率", below))
    assert got[3][1] == "产出成果转化应用完成率"
    assert not any(i.code == "label_fused" and "'产出'" in i.message for i in issues)


def two_names(first: str, second: str) -> list[str]:
    """A table without level columns whose labels wrap in two lines (数量指 | 标); `first` and
    `second` on consecutive lines in the block after 质量指标."""
    return ["数量指\t新增区级创业孵化基地数量\t≥1个", "标", "社会保险补贴发放准确率\t≥95%",
            "质量指 就业见习补贴发放准确率\t≥95%", "标\t公益性岗位补贴发放准确率\t≥95%", f"{first}\t≥95%",
            f"{second}\t≥95%", "城镇新增就业人数\t≥39500人", "社会效\t零就业家庭帮扶率\t=100%", "益指标"]


def test_a_label_wrapped_into_the_heads_of_two_names_on_consecutive_lines_is_cut_off_both():
    # 时效损 | 标: the lines of 时效指标 (its 指 damaged), each fused into the name on its line
    got, issues = read(two_names("时效损就业见习补贴发放及时率", "标低保就业补贴发放及时率"))
    assert got[4:6] == [("时效指标", "就业见习补贴发放及时率"), ("时效指标", "低保就业补贴发放及时率")]
    fused = [i for i in issues if i.code == "label_fused" and "'时效损' and '标'" in i.message]
    assert len(fused) == 1 and fused[0].severity == "info"


@pytest.mark.parametrize("first, second", [
    ("时效就业见习补贴发放及时率", "标准化低保就业补贴发放及时率"),   # 标准: the name's own word
    ("时效损就业见习补贴发放及时率", "低保就业补贴发放及时率"),       # no label's rest on the next name
])
def test_heads_of_two_names_that_do_not_join_into_a_label_stay(first, second):
    got, _ = read(two_names(first, second))
    assert [name for _, name in got[4:6]] == [first, second]


# --- a head read by the order past the wrapped label's first line (wrapped_rest)

GAP_ABOVE = ["产出指标\t数量指标\t培训人次\t≥3000人次", "\t质量指标\t补贴发放准确率\t≥98%"]
GAP_BELOW = ["\t成本指标\t贴息资金控制数\t≤790万元"]


@pytest.mark.parametrize("head, below", [
    ("时效指", "杯\t\t学生资助资金发放及时率\t100%"),    # the next row's level cell
    ("时敫指", "标\t\t学生资助资金发放及时率\t100%"),
    ("时敫指", "标 学生资助资金发放及时率\t100%"),       # before a space: the next name's cell
])
def test_a_heads_last_character_is_the_names_where_the_labels_rest_is_the_next_lines_first_cell(head, below):
    # 时效指 | 杯 in a column three wide: 教 is the name's
    got, issues = read([*GAP_ABOVE, f"\t\t{head}教育经费及时拨付率\t100%", below, *GAP_BELOW])
    assert got[2] == ("时效指标", "教育经费及时拨付率")
    assert got[3][1] == "学生资助资金发放及时率"
    assert any(i.code == "label_fused" and f"'{head}'" in i.message and "next line" in i.message for i in issues)


@pytest.mark.parametrize("lines, name", [
    # a name's last line alone below (率): as near the label as the head read, and no cell beside it
    (["\t\t时效指杯城乡居民养老金按月发放及时\t100%", "率"], "城乡居民养老金按月发放及时率"),
    # no piece below: the head read as the order reads it
    (["\t\t时效指杯城乡居民养老金按月发放及时率\t100%"], "城乡居民养老金按月发放及时率"),
])
def test_a_head_damaged_in_its_last_character_keeps_it_without_the_labels_rest_below(lines, name):
    got, _ = read([*GAP_ABOVE, *lines, *GAP_BELOW])
    assert got[2] == ("时效指标", name)


# --- text of the level column before a space at a name's head, read as no label (cut_spaced_heads)

def test_text_before_a_space_at_a_names_head_that_no_reading_takes_is_cut_off_with_a_warning():
    # 贸重: no character of 质量 in place, but the space is the level column's boundary
    got, issues = read([*GAP_ABOVE, "\t\t贸重 退役军人服务站规范化建设达标率\t≥95%", *GAP_BELOW])
    assert got[2][1] == "退役军人服务站规范化建设达标率"
    cut = [i for i in issues if i.code == "label_unrecognised" and "'贸重'" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning"


@pytest.mark.parametrize("line, head", [
    ("\t\t产出 退役军人服务站规范化建设达标率\t≥95%", "产出"),   # a group's word, the level-1 column's
    ("\t\t怀 退役军人服务站规范化建设达标率\t≥95%", "怀"),       # a piece another row prints alone too
])
def test_a_group_word_or_a_one_character_piece_before_a_space_is_cut_off(line, head):
    got, issues = read([*GAP_ABOVE, line, "\t怀\t退役军人信息采集准确率\t≥98%", *GAP_BELOW])
    assert got[2][1] == "退役军人服务站规范化建设达标率"
    assert any(i.code == "label_unrecognised" and f"{head!r}" in i.message for i in issues)


def test_the_placed_categorys_own_word_before_a_space_is_cut_off():
    # 管理 names the category the row is placed in (its block's label printed on the rows around)
    got, _ = read(["效益指标\t社会效益指标\t退役军人就业率\t≥90%", "管理指标\t管理指标\t预算执行率\t≥90%",
                   "管理\t\t管理 资金使用合规性\t合规", "管理指标\t管理指标\t财务监控有效性\t有效"])
    assert got[2] == ("管理指标", "资金使用合规性")


def test_a_long_head_ending_in_zhibiao_before_a_space_is_cut_off_as_the_placed_label_damaged():
    # 产出旷孝指标: six characters, half its word in place of 产出质量指标 (the category placed):
    # no name's word with 指标 is that long
    got, issues = read([*GAP_ABOVE, "\t\t产出旷孝指标 退役军人服务站规范化建设达标率\t≥95%", *GAP_BELOW])
    assert got[2][1] == "退役军人服务站规范化建设达标率"
    cut = [i for i in issues if i.code == "label_unrecognised" and "'产出旷孝指标'" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning"


@pytest.mark.parametrize("head", ["绩效指标",       # a name's own word with 指标 (four characters)
                                  "年度绩效指标"])   # as long as 产出质量指标, its word out of place
def test_a_word_ending_in_zhibiao_before_a_space_that_is_no_damaged_label_stays(head):
    # (in a block stating its label: no gap for the head to be read into)
    got, _ = read(["产出指标\t质量指标\t农产品抽检合格率\t≥98%",
                   f"\t\t{head} 完成情况统计表报送率\t100%",
                   "\t时效指标\t兑付时限\t≤30个工作日"])
    assert got[1][1] == f"{head}完成情况统计表报送率"


def test_a_name_word_ending_in_zhibiao_near_a_shortened_wording_stays():
    # 群众满意度指标: half its word in place of 服务满意度指标, the wording printed a word short
    # (`shortened`), which only a whole wrapped run vouches for, never a cell alone
    got, issues = read(["产出指标\t数量指标\t培训人数\t≥5人",
                        "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%",
                        "\t\t群众满意度指标 调查覆盖率\t≥90%"])
    assert got[2][1].replace(" ", "") == "群众满意度指标调查覆盖率"
    assert not any(i.code == "label_unrecognised" and "'群众满意度指标'" in i.message for i in issues)


def test_a_spaced_head_another_row_prints_as_its_level_cell_stays():
    # 散重指, three characters or more: the restated labels' reading judged it
    got, _ = read([*GAP_ABOVE, "\t\t散重指 退役军人服务站规范化建设达标率\t≥95%",
                   "\t散重指\t退役军人信息采集准确率\t≥98%", *GAP_BELOW])
    assert got[2][1] == "散重指退役军人服务站规范化建设达标率"


@pytest.mark.parametrize("line, name", [
    ("\t\t2023年 新增就业人数\t≥100人", "2023年新增就业人数"),    # a head with a digit: the name's
    ("\t\t贸重 达标率\t≥95%", "贸重达标率"),                      # too short a name left
    ("\t\t退役军人服务站规范化建设达标率\t≥95%", "退役军人服务站规范化建设达标率"),   # no space
])
def test_a_spaced_head_with_a_digit_or_before_a_short_name_stays(line, name):
    got, issues = read([*GAP_ABOVE, line, *GAP_BELOW])
    assert got[2][1] == name
    assert not any(i.code == "label_unrecognised" and "before a space" in i.message for i in issues)


@pytest.mark.parametrize("line", ["\t\t产出质量指 传染病报告及时率\t≥98%",   # the head ends at the cell's space
                                  "\t\t产出质量指传染病报告及时率\t≥98%"])   # a first line of 产出质量指标, exactly
def test_a_head_written_as_a_forms_first_line_keeps_its_last_character_over_a_piece_below(line):
    got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次", line, "标\t\t疫苗接种信息录入及时率\t100%",
                   "\t时效指标\t报告及时率\t100%"])
    assert got[1] == ("质量指标", "传染病报告及时率")


@pytest.mark.parametrize("name, rest", [
    ("服务对象满意庹损标公共就业服务满意度", "公共就业服务满意度"),   # 度 damaged, its 指标 after it
    ("服务对象满意庹公共就业服务满意度", "庹公共就业服务满意度"),     # no 指标 after: not read on
    ("服务对象满恴质量监督困难群众满意度", "恴质量监督困难群众满意度"),
])
def test_an_alias_cut_short_is_read_on_over_a_damaged_end_before_its_suffix(name, rest):
    got, _ = read(["效益指标\t可持续影响指标\t就业服务长效机制\t健全",
                   f"满意度类\t\t{name}\t≥90%",
                   "管理指标\t管理指标\t预算执行率\t≥90%"])
    assert got[1] == ("服务对象满意度指标", rest)


# --- a middle line of a label wrapped over three lines fused into a name's head (cut_heads_wrapped_between)

BETWEEN_ABOVE = ["效益\t社会效\t社区慢病健康管理支持中心运行情况\t有效运行", "指标\t益指标\t家庭医生签约覆盖率\t≥80%"]


def test_a_middle_line_of_a_wrapped_label_fused_into_a_names_head_is_cut_off():
    # 服务 | 对象 | 满意 | 度指标: 服务对象满意度指标 in a column two wide, its second line fused into the name
    got, issues = read([*BETWEEN_ABOVE, "满意\t服务\t签约居民满意度\t≥90%", "度指\t\t对象门诊患者满意度\t≥90%",
                        "标\t满意\t职工满意度\t≥85%", "\t度指标"])
    assert got[2:5] == [("服务对象满意度指标", "签约居民满意度"), ("服务对象满意度指标", "门诊患者满意度"),
                        ("服务对象满意度指标", "职工满意度")]
    fused = [i for i in issues if i.code == "label_fused" and "middle line" in i.message]
    assert len(fused) == 1 and fused[0].severity == "info" and "'服务' above and '满意' below" in fused[0].message


def test_a_head_without_a_wrapped_labels_lines_around_it_stays():
    # no short cell on the line below in place (标 is the level-1 column's): no run printed around the head
    got, issues = read([*BETWEEN_ABOVE, "满意\t服务\t签约居民满意度\t≥90%", "度指\t\t对象门诊患者满意度\t≥90%",
                        "标\t\t职工满意度\t≥85%"])
    assert "对象门诊患者满意度" in [n for _, n in got]
    assert not any("middle line" in i.message for i in issues)


def test_lines_around_a_head_that_join_into_a_label_by_themselves_are_not_its_label():
    # 产出 | 质量监督… | 指标: the level-1 label's lines (产出指标), not 产出质量指标's; 服务 | 对象… | 满意 reads
    vocab = level_vocabulary(SCHEMA)
    quality, service = (next(s for s in vocab.level2_specs.values() if s.label == label)
                        for label in ("质量指标", "服务对象满意度指标"))
    assert head_wrapped_between("质量监督检查覆盖率", ["产出"], ["指标"], quality, vocab) is None
    assert head_wrapped_between("对象门诊患者满意度", ["产出"], ["指标"], service, vocab) is None
    assert head_wrapped_between("对象门诊患者满意度", ["服务"], ["满意"], service, vocab)[:3] == ("对象", "服务", "满意")


# --- a bare word on the line where the fitted model prints a lost label (cut_inferred_heads, label_line)

def top_labels(first: str, second: str) -> list[str]:
    """Labels printed on their blocks' first rows; the 成本指标 block (rows 5-7) lost its
    label, `first` and `second` its first two rows."""
    return ["产出指标\t数量指标\t补贴发放人数\t2600人", "\t\t培训人次\t300人",
            "\t质量指标\t工程验收合格率\t100%", "\t\t设施验收合格率\t100%", "\t\t资料归档合格率\t100%",
            f"\t\t{first}\t≤800元", f"\t\t{second}\t≤65万元", "\t\t办公耗材采购支出\t≤20万元",
            "效益指标\t社会效益指标\t受益农户户数\t≥3800户", "\t\t带动就业人数\t≥150人",
            "满意度指标\t服务对象满意度指标\t农户满意度\t≥90%"]


def test_a_bare_word_where_the_model_prints_the_lost_label_is_cut_off():
    # every block around prints its label on its first row: the 成本 block's went to row 5,
    # whose name opens with the category's word (no level cell of the table two wide)
    got, issues = read(top_labels("成本走访慰问人均标准", "成本核算办公耗材支出"))
    assert got[5] == ("成本指标", "走访慰问人均标准")
    assert got[6] == ("成本指标", "成本核算办公耗材支出")     # not where the label prints: the name's word
    assert any(i.code == "label_fused" and "'成本'" in i.message for i in issues)


def test_a_bare_word_off_the_lost_labels_line_stays():
    got, _ = read(top_labels("走访慰问费用", "成本核算办公耗材支出"))
    assert got[5][1] == "走访慰问费用" and got[6][1] == "成本核算办公耗材支出"


# --- a short word the order would read as a label, where the table says it is none (read_fused_by_order)

def cost_after_timing(name: str, first: str = "补贴发放人数", group: str = "") -> list[str]:
    """时效指标 on a line of its own, `name` under it, then the 成本 group (`group`, its
    level-1 cell) with 经济成本指标; the table prints a bare word (社会效益)."""
    return [f"产出指标\t数量指标\t{first}\t2600人", "\t质量指标\t工程验收合格率\t100%", "\t时效指标",
            f"\t\t{name}\t100%", f"{group}\t经济成本指标\t人均补贴标准\t≤800元", "效益指标\t社会效益\t受益农户户数\t≥3800户"]


@pytest.mark.parametrize("lines", [
    # 成本指标 stated as a group's label: no category of 产出 in this table
    cost_after_timing("成本核算资料归集完成情况", group="成本指标"),
    # another name opens with the same word: the table's wording
    cost_after_timing("成本核算资料归集完成情况", first="成本核算资料报送人数"),
])
def test_a_short_word_the_table_says_is_no_label_stays(lines):
    got, issues = read(lines)
    assert "成本核算资料归集完成情况" in [name for _, name in got]
    assert not any(i.code == "label_fused" and "'成本'" in i.message for i in issues)


def test_a_short_word_opening_one_name_only_is_still_read_by_the_gap():
    got, _ = read(cost_after_timing("成本核算资料归集完成情况", first="成本资料报送人数"))
    assert got[3] == ("成本指标", "核算资料归集完成情况")


def first_blocks(first: str, second: str) -> list[str]:
    """The table's first two blocks (数量, 质量) lost their labels; the others print theirs
    on their first rows (the last block long enough that no centred layout fits)."""
    return [f"\t\t{first}\t2600人", f"\t\t{second}\t300人", "\t\t工程验收合格率\t100%", "\t\t设施验收合格率\t100%",
            "\t时效指标\t补贴按月发放及时率\t100%", "\t\t资金拨付及时率\t100%", "\t\t资金到位及时率\t100%",
            "效益指标\t社会效益指标\t受益农户户数\t≥3800户", "\t\t带动就业人数\t≥150人",
            "满意度指标\t服务对象满意度指标\t农户满意度\t≥90%", "\t\t学员满意度\t≥90%", "\t\t家长满意度\t≥90%",
            "\t\t教师满意度\t≥90%"]


def test_the_tables_first_block_reads_its_lost_label_off_its_first_row():
    # bound by the table's top edge: under a layout printing labels on first rows, row 0 is
    # where the block's label went, wherever the block ends (the block after it lost its own)
    got, _ = read(first_blocks("数量补贴发放人数", "培训人次"))
    assert got[0] == ("数量指标", "补贴发放人数")
    got, _ = read(first_blocks("补贴发放人数", "数量培训人次"))
    assert got[1] == ("数量指标", "数量培训人次")


def test_a_head_naming_a_category_of_a_group_the_table_states_nowhere_reads_in_that_group():
    # the 成本指标 group's own label is lost; the head spells 经济成本指标 but for a look-alike,
    # far nearer than the 产出 category 成本指标 the stated groups leave between the labels
    rows, _ = read([
        "产出指标\t数量指标\t新建社区健身路径\t20个",
        "\t时效指标\t年度建设任务完成时间\t2018年12月底前",
        "\t\t经济成本指际单个健身路径建设成本\t≤8万元",
        "效益指标\t社会效益指标\t人均体育场地面积\t≥1.9平方米",
    ])
    assert rows[2] == ("经济成本指标", "单个健身路径建设成本")


@pytest.mark.parametrize("name", ["社会成本分担机制覆盖率", "生态环境成本核算完成率"])
def test_a_name_opening_with_a_bare_category_word_of_a_group_stated_nowhere_keeps_it(name):
    # a category's word without 指标 is a name's own words: no label's ending came along
    rows, _ = read([
        "产出指标\t数量指标\t新建社区健身路径\t20个",
        "\t时效指标\t年度建设任务完成时间\t2018年12月底前",
        f"\t\t{name}\t≥95%",
        "效益指标\t社会效益指标\t人均体育场地面积\t≥1.9平方米",
    ])
    assert rows[2] == ("时效指标", name)


@pytest.mark.parametrize("head, want", [
    ("泾济成夲指标", "经济成本指标"),   # 济 of 经济 in place: the longer name, below LABEL_CUTOFF
    ("严岀戍本指标", "成本指标"),       # nothing of 经济 printed: 产出's 成本指标, worded up
])
def test_a_head_printing_part_of_a_longer_categorys_word_reads_as_that_category(head, want):
    # 经济成本指标 is 成本指标's name with a word before it; the head is as near neither at
    # LABEL_CUTOFF, but it prints some of that word: the longer name is its label
    rows, _ = read([
        "产出指标\t数量指标\t新建社区健身路径\t20个",
        "\t时效指标\t年度建设任务完成时间\t2018年12月底前",
        f"\t\t{head}单个健身路径建设成本\t≤8万元",
        "效益指标\t社会效益指标\t人均体育场地面积\t≥1.9平方米",
    ])
    assert rows[2] == (want, "单个健身路径建设成本")


@pytest.mark.parametrize("head, want", [
    ("经济成朩指柝", "经济成本指标"),   # 成 of 成本 in place, which 经济效益指标 prints nowhere
    ("经济戊朩指标", "经济效益指标"),   # nothing of 成本 kept: the gap's reading stands
])
def test_a_head_keeping_its_categorys_own_character_reads_in_a_group_stated_nowhere(head, want):
    # between 时效指标 and 社会效益指标 the stated groups leave 经济效益指标 (经济 and 指 in
    # place, 50); the head keeps 成 of 经济成本指标 (the 成本指标 group's, its label lost) as
    # well, below LABEL_CUTOFF and no nearer either name: that character tells them apart
    rows, _ = read([
        "产出指标\t数量指标\t新建社区健身路径\t20个",
        "\t时效指标\t年度建设任务完成时间\t2018年12月底前",
        f"\t\t{head}人均基本公共卫生服务经费\t≥89元",
        "效益指标\t社会效益指标\t人均体育场地面积\t≥1.9平方米",
    ])
    assert rows[2] == (want, "人均基本公共卫生服务经费")


@pytest.mark.parametrize("label, name", [
    ("质量", "指定医疗机构覆盖率"), ("质量", "指数编制完成率"), ("质量", "评标专家抽取合规率"),
    ("质量", "国标执行合格率"), ("时效", "开标时间准时率"), ("数量", "指派驻村干部人数")])
def test_a_name_opening_with_a_word_of_zhi_or_biao_is_no_damaged_label_ending(label, name):
    # a short label printed once; the name below opens with a word of 指 or 标
    # (schemas/name_words.yaml), not 指标 with a character damaged
    got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次", f"\t{label}\t补贴发放准确率\t≥98%",
                   f"\t\t{name}\t≥95%", "\t时效指标\t补贴兑付时限\t≤30个工作日"])
    assert got[2][1] == name


def test_a_damaged_label_ending_at_a_names_head_is_still_cut():
    # 指际 and 措标 make no word: the label's 指标, one character damaged
    for head in ("指际", "措标"):
        got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次", "\t质量\t补贴发放准确率\t≥98%",
                       f"\t\t{head}农田水利验收合格率\t≥95%", "\t时效指标\t补贴兑付时限\t≤30个工作日"])
        assert got[2] == ("质量指标", "农田水利验收合格率")


def test_a_short_label_printed_once_in_the_middle_of_its_block_keeps_the_names_whole():
    # a merged 质量 cell printed on its block's middle row; every name of the block opens with
    # 质量, its own word: a label printed once says nothing of the names around it
    lines = ["产出指标\t数量\t农业技术培训场次\t≥20场",
             "产出指标\t\t质量安全抽检合格率\t≥98%",
             "产出指标\t\t质量问题整改完成率\t100%",
             "产出指标\t质量\t工程验收合格率\t100%",
             "产出指标\t\t质量投诉办结率\t100%",
             "产出指标\t\t质量档案归档完整率\t100%",
             "产出指标\t时效\t资金拨付及时率\t100%"]
    got, _ = read(lines)
    assert [name for _, name in got] == [line.split("\t")[2] for line in lines]


def test_a_name_between_a_wrapped_label_printed_on_each_page_part_keeps_its_head():
    # the 质量 block runs over a page break and prints its label, wrapped in its narrow
    # column (质量 over 指标), at the centre of each page's part: the last row of page 1 and
    # the middle row of page 2. 质量抽检合格率 opens page 2 between the two: a name of its own
    # (the block's label is printed once a page, not on every row), not a label fused in
    from formex.extract.ocr_text import iter_text_rows
    rows = list(iter_text_rows("\n".join([HEADER,
                                          "产出指标\t数量指标\t培训人数\t≥5人",
                                          "\t\t走访人次\t≥20人次",
                                          "\t质量\t发放准确率\t100%",
                                          "\t指标\t\t",
                                          "",
                                          "\t\t质量抽检合格率\t≥98%",
                                          "\t质量\t资金使用合规率\t100%",
                                          "\t指标\t档案完整率\t100%",
                                          "\t时效指标\t拨付及时率\t100%"])))
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.label, i.row.name) for i in indicators]
    assert got[3] == ("质量指标", "质量抽检合格率")


def test_a_damaged_label_fused_over_a_page_break_is_still_cut():
    # `贸量` (质量 with a look-alike) is no word a name opens with: printed on the row above
    # and, across the break, on the row below, it was fused into the name between (a
    # label on every row), whatever the page
    from formex.extract.ocr_text import iter_text_rows
    rows = list(iter_text_rows("\n".join([HEADER,
                                          "产出指标\t数量指标\t培训人数\t≥5人",
                                          "\t贸量\t抽检合格率\t≥98%",
                                          "\t\t贸量农技培训考核合格率\t≥95%",
                                          "",
                                          "\t\t贸量 补贴发放准确率\t100%",
                                          "\t\t贸量水利设施验收合格率\t100%",
                                          "\t时效指标\t拨付及时率\t100%"])))
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators][2] == "农技培训考核合格率"


@pytest.mark.parametrize("word, label, name", [("效益", "社会效益指标", "效益评估报告完成率"),
                                               ("产出", "质量指标", "产出成果验收合格率")])
def test_a_name_opening_with_a_groups_word_between_its_page_parts_keeps_it(word, label, name):
    # the level-1 cell (its label wrapped, its first line the group's word) spans the block and
    # prints once a page's part: the last row of one page and a row of the next print it around
    # the new page's first row, whose name opens with the word (as 质量 | 质量抽检合格率 | 质量)
    from formex.extract.ocr_text import iter_text_rows
    rows = list(iter_text_rows("\n".join([HEADER,
                                          "产出指标\t数量指标\t培训人数\t≥300人",
                                          f"{word}\t{label}\t居民满意度提升\t≥90%",
                                          "",
                                          f"\t\t{name}\t100%",
                                          f"{word}\t\t群众知晓率\t≥90%",
                                          "\t\t政策宣传覆盖率\t≥95%"])))
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators][2] == name
    assert not any(i.code == "label_fused" and name in i.message for i in issues)


@pytest.mark.parametrize("word, name", [("安全", "安全生产事故发生次数"), ("环境", "环境空气质量优良率")])
def test_a_name_opening_with_an_unread_labels_real_word_between_its_page_parts_keeps_it(word, name):
    # 安全 is no damaged label (no character of a category's word in place): as 质量, the
    # block's cell prints once a page's part, around the new page's first row
    from formex.extract.ocr_text import iter_text_rows
    rows = list(iter_text_rows("\n".join([HEADER,
                                          "产出指标\t数量指标\t培训人数\t≥5人",
                                          f"\t{word}\t抽检合格率\t≥98%",
                                          "",
                                          f"\t\t{name}\t100%",
                                          f"\t{word}\t水利设施验收合格率\t100%",
                                          "\t时效指标\t拨付及时率\t100%"])))
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators][2] == name


@pytest.mark.parametrize("lines, at", [
    (["效益\t社会效益指标\t群众满意度\t≥90%", "\t\t效益评估报告完成率\t100%", "效益\t生态效益指标\t绿化覆盖率\t≥40%"], 1),
    (["产出\t数量指标\t培训人数\t≥300人", "\t\t产出成果验收数量\t≥5项", "产出\t质量指标\t验收合格率\t100%"], 1)])
def test_a_name_opening_with_a_groups_word_its_level_cell_printed_per_block_keeps_it(lines, at):
    # the level-1 cell prints its group's word (its label wrapped) on each level-2 block's
    # first row: the rows around print it once, the next block's own; the name's word is its own
    got, issues = read(lines)
    name = lines[at].split("\t")[2]
    assert got[at][1] == name
    assert not any(i.code == "label_fused" and name in i.message for i in issues)


def test_one_block_restating_its_label_makes_no_spanned_table_restating():
    # the 满意度 block prints its label on both its rows, every other block once at its top:
    # 成本 over its first row, the name below opening with its own word
    got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                   "\t\t发放人数\t≥200人",
                   "\t成本\t人均培训成本\t≤1500元",
                   "\t\t成本节约金额\t≥5万元",
                   "\t\t培训场地租赁费用\t≤20万元",
                   "效益指标\t社会效益指标\t政策知晓率\t≥80%",
                   "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%",
                   "\t服务对象满意度指标\t学员满意度\t≥90%"])
    assert got[3] == ("成本指标", "成本节约金额")


@pytest.mark.parametrize("level1", ["产出指标", ""])
def test_a_row_opening_another_group_keeps_the_word_the_rows_above_print(level1):
    # 效益指标 printed on the row: the 时效 of the 产出 rows above is no label of its, and
    # 时效性群众评价 is the name (restated or spanned level-1 labels alike)
    got, _ = read([f"产出指标\t数量\t培训人次\t≥3000人次",
                   f"{level1}\t数量\t发放人数\t≥200人",
                   f"{level1}\t时效\t补贴发放及时率\t100%",
                   f"{level1}\t时效\t资金拨付及时率\t100%",
                   "效益指标\t\t时效性群众评价\t较好",
                   f"{level1 and '效益指标'}\t社会效益\t政策知晓率\t≥80%"])
    assert got[4] == ("社会效益指标", "时效性群众评价")


# --- a labelled block's page part stating no label (label_line)

def page_parts(name: str, off_line: str = "宣传活动场次") -> list[str]:
    """数量 and 质量 blocks over page breaks, each printing its label at the centre of each
    page's part (the 质量 block on both its parts: the model prints per part); the 数量
    block's part on page 2 (rows 3-5) lost its label, `name` on that part's centre row."""
    return ["\t\t培训人数\t≥300人", "\t数量指标\t走访人次\t≥20人次", "\t\t补贴发放人数\t2600人", "",
            f"\t\t{off_line}\t≥10场", f"\t\t{name}\t≥50户", "\t\t新建健身路径数\t20个",
            "\t\t工程验收合格率\t100%", "\t质量指标\t设施验收合格率\t100%", "\t\t资料归档合格率\t100%", "",
            "\t\t农产品抽检合格率\t≥98%", "\t质量指标\t档案完整率\t100%", "\t\t验收资料齐全率\t100%",
            "\t\t补贴按月发放及时率\t100%", "\t时效指标\t资金拨付及时率\t100%", "\t\t资金到位及时率\t100%"]


def read_pages(lines: list[str]) -> tuple[list[tuple[str, str]], list]:
    from formex.extract.ocr_text import iter_text_rows
    rows = list(iter_text_rows("\n".join([HEADER, *lines])))
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    return [(i.placement.level2.label, i.row.name) for i in indicators], issues


def test_a_bare_word_on_the_centre_of_a_page_part_that_lost_its_label_is_cut_off():
    # the labels print at each page part's centre: the 数量 block's part on page 2 printed its
    # label on its middle row, and OCR fused it into that row's name
    got, issues = read_pages(page_parts("数量慰问困难群众户数"))
    assert got[4] == ("数量指标", "慰问困难群众户数")
    assert any(i.code == "label_fused" and "another page part" in i.message for i in issues)


def test_a_bare_word_off_a_page_parts_label_line_stays():
    got, issues = read_pages(page_parts("慰问困难群众户数", off_line="数量统计报表报送次数"))
    assert got[3] == ("数量指标", "数量统计报表报送次数")
    assert not any(i.code == "label_fused" for i in issues)


def test_a_name_opening_with_its_categorys_word_under_a_top_placed_label_stays():
    # labels printed once, on their blocks' first rows (not per page part): 质量抽检合格率
    # opens the 质量 block's part on page 2, a line no model prints the label on again
    got, issues = read_pages(["\t数量指标\t培训人数\t≥300人", "\t\t走访人次\t≥20人次",
                              "\t质量指标\t工程验收合格率\t100%", "\t\t设施验收合格率\t100%", "",
                              "\t\t质量抽检合格率\t≥98%", "\t\t资料归档合格率\t100%",
                              "\t时效指标\t资金拨付及时率\t100%", "\t\t资金到位及时率\t100%"])
    assert got[4] == ("质量指标", "质量抽检合格率")
    assert not any(i.code == "label_fused" for i in issues)


def test_a_head_wider_than_the_level_column_leaves_its_last_character_to_the_name():
    # the level-2 column cuts its labels at three characters (数量指 | 标): a fused head of
    # four, 质量指收, is that column's line and the name's first character
    got, issues = read(["产出指标\t数量指\t新建供水管网长度\t≥46公里",
                        "\t标\t\t",
                        "\t\t质量指收入工程验收合格率\t100%",
                        "\t时效指\t工程完工及时率\t≥95%",
                        "\t标\t\t",
                        "\t成本指\t单位管网造价\t≤15万元/公里",
                        "\t标\t\t"])
    assert got[1] == ("质量指标", "收入工程验收合格率")
    assert any(i.code == "label_fused" and "质量指" in i.message and "column" in i.message for i in issues)


def test_a_head_with_a_damaged_biao_among_labels_printed_whole_is_cut_whole():
    # labels printed whole show no column edge: 质量指杯 is the label, its 标 damaged
    got, _ = read(["产出指标\t数量指标\t新建供水管网长度\t≥46公里",
                   "\t\t质量指杯工程验收合格率\t100%",
                   "\t时效指标\t工程完工及时率\t≥95%",
                   "\t成本指标\t单位管网造价\t≤15万元/公里"])
    assert got[1] == ("质量指标", "工程验收合格率")


def test_a_group_and_category_head_wider_than_the_level_column_is_its_line():
    # 产出数 | 新建…: the column cuts 时效指 | 标 and 经济成 | 本指标 at three, so 产出数新's
    # 新 (no 量) is the name's
    got, _ = read(["产出指标\t\t产出数新建社区健身路径\t40个",
                   "\t时效指\t年度建设任务完成时间\t2018年12月底前",
                   "\t标\t\t",
                   "\t经济成\t单个健身路径建设成本\t≤8万元",
                   "\t本指标\t\t"])
    assert got[0] == ("数量指标", "新建社区健身路径")


def test_a_placed_head_wider_than_the_level_column_is_its_line():
    # the category placed from the rows around (质量指标 between 数量 and 时效), its head
    # 质量指数 one wider than a column cutting 数量指 | 标 and 时效指 | 标: 数 is the name's
    got, _ = read(["\t数量指\t档案数字化扫描页数\t120万页",
                   "产出指标\t标\t接待档案查阅利用人次\t8000人次",
                   "\t\t质量指数字化成果验收合格率\t≥98%",
                   "\t时效指\t档案证明出具时限\t3个工作日",
                   "\t标\t\t",
                   "成本指标\t经济成\t每页数字化扫描费用\t≤0.6元",
                   "\t本指标\t\t"])
    assert got[2] == ("质量指标", "数字化成果验收合格率")


def test_a_category_head_beside_its_group_wider_than_the_level_column_is_its_line():
    # 成本指标 read as the group, 经济成本指单 as its category: a column cutting 可持续影响 |
    # 指标 and 服务对象满 | 意度指标 at five leaves 单 to the name
    got, _ = read(["产出指标\t数量指标\t加装电梯数量\t≥45部",
                   "成本指标\t\t经济成本指单个小区平均改造成本\t≤70万元",
                   "效益指标\t可持续影响\t小区长效管理机制\t建立健全",
                   "\t指标\t\t",
                   "满意度指标\t服务对象满\t居民满意度\t≥90%",
                   "\t意度指标\t\t"])
    assert got[1] == ("经济成本指标", "单个小区平均改造成本")


# --- a full line of a label wrapped down its column fused into a name, read over an alias's last line (label_tail)

def test_a_full_middle_line_fused_into_a_name_is_cut_whole_not_as_an_aliass_last_line():
    # 服务对象 | 满意度指 (fused into the name) | 标 in a level-2 column four wide, the level-1
    # label 满意度指 | 标 beside it: 满意度 ends the alias 服务对象满意度, but the line is as wide
    # as 服务对象 and the name goes on with the label's 指
    got, _ = read(["产出指标\t数量指标\t补贴发放人数\t2600人",
                   "\t服务对象\t困难群众满意度\t≥90%",
                   "满意度指\t\t满意度指退役军人满意度\t≥90%",
                   "标\t标\t\t"])
    assert got[2] == ("服务对象满意度指标", "退役军人满意度")


def test_a_middle_line_making_a_word_with_the_name_is_no_line():
    vocab = level_vocabulary(SCHEMA)
    spec = vocab.level2_specs["服务对象满意度指标"]
    assert label_tail("满意度指退役军人满意度", "服务对象", spec, vocab)[:2] == ("满意度指", "退役军人满意度")
    assert label_tail("满意度指数测评结果", "服务对象", spec, vocab)[:2] == ("满意度", "指数测评结果")


def test_a_level_cell_printed_before_a_space_at_the_heads_of_names_counts_as_printed_on_their_rows():
    # 袿仑效益方 (社会效益方面's first line, damaged) printed in its level cell on one row and,
    # OCR running it into the name beside it, before a space on the next two: a label on every row
    got, _ = read(["产出指标\t数量指标\t补贴发放人数\t2600人",
                   "效益指标\t袿仑效益方\t创业带动就业人数\t≥1500人",
                   "\t\t袿仑效益方 零就业家庭帮扶率\t=100%",
                   "\t\t袿仑效益方 城镇登记失业率\t≤4.5%",
                   "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"])
    assert got[2:4] == [("社会效益指标", "零就业家庭帮扶率"), ("社会效益指标", "城镇登记失业率")]


def test_a_labels_first_line_fused_above_a_name_its_next_line_was_cut_off_is_cut_off_too():
    # 产出 | 数量 (产出数量, two wide) fused into two names in a row; 数量 is cut off the second
    # as the label the gap leaves, and 产出就… is printed again in the document (产出 就业见习…
    # below), so no reading of its own takes it: the line below joins it into the label
    from formex.normalize.indicators.wraps import DocumentWords, DocumentWrapping
    rows = ocr_rows([HEADER, "\t\t城镇新增就业人数\t≥39500人",
                     "\t\t产出就业见习岗位募集数\t≥600个",
                     "\t\t数量公益性岗位开发数量\t≥120个",
                     "\t\t职业技能培训人次\t≥3000人次",
                     "\t质量指标\t社会保险补贴发放准确率\t≥95%",
                     "\t\t产出 就业见习补贴发放及时率\t≥95%", "\t时效\t\t"])
    words = DocumentWrapping(words=DocumentWords([c.text for r in rows for c in r.cells]))
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026, document_wrapping=words)
    got = [(i.placement.level2.label, i.row.name) for i in indicators]
    assert got[1:3] == [("数量指标", "就业见习岗位募集数"), ("数量指标", "公益性岗位开发数量")]


@pytest.mark.parametrize("head", ["服夯对象满竟度", "服务对蒙满竞度"])
def test_a_long_alias_damaged_twice_is_read_to_its_end(head):
    # 服务对象满意度 with two characters out of place, each before one in place: the alias
    # whole, not its first five characters leaving 竟度 on the name
    got, _ = read([*THREE_BLOCKS, f"满意度指标\t\t{head}居民满意度\t≥90%"])
    assert got[3] == ("服务对象满意度指标", "居民满意度")


@pytest.mark.parametrize("head", ["经济効盆方面", "泾济效盆方面"])
def test_a_fangmian_label_damaged_in_two_characters_is_read_by_the_gap(head):
    # 方面 is 指标's other wording: 经济効盆方面 keeps four of 经济效益方面's six characters in
    # place, the half the gap reads a head by; its block's 就业 words are 社会效益's, the label is not
    got, _ = read(["产出指标\t成本指标\t创业担保贷款贴息资金控制数\t≤790万元",
                   "效益指标\t\t就业困难人员就业人数\t根据下达任务目标要求确定",
                   f"\t\t{head} 失业人员再就业人数\t根据下达任务目标要求确定",
                   "\t社会效益指标\t城镇登记失业率\t≤3.5%",
                   "\t\t扶持创业企业（项目）数\t650"])
    assert got[1] == ("经济效益指标", "就业困难人员就业人数")
    assert got[2] == ("经济效益指标", "失业人员再就业人数")
    assert got[3][0] == got[4][0] == "社会效益指标"


def test_a_long_bare_word_damaged_in_one_character_is_read_by_the_gap():
    # 社仑效益 (会 damaged) fused into the last name of its block, labels printed at their
    # blocks' bottoms: one character of a long category word, its first in place, nearer one
    # category of the gap than any other; unread, the block went to the label below it
    got, _ = read(["\t\t传染病疫情报告及时率\t≥95%",
                   "产出指标\t时效指标\t新生儿访视按时完成率\t≥90%",
                   "\t\t辖区居民健康素养水平\t≥35%",
                   "\t\t重点人群健康管理覆盖率\t≥60%",
                   "\t\t孕产妇系统管理率\t≥90%",
                   "\t\t社仑效益严重精神障碍患者规范管理率\t≥80%",
                   "\t\t家庭医生签约服务长效机制\t健全",
                   "效益指标\t可持续影响指标\t社区慢病健康管理支持中心运行情况\t稳定运行",
                   "\t\t签约居民满意度\t≥90%",
                   "满意度指标\t服务对象满意度指标\t门诊患者满意度\t≥90%"])
    assert got[5] == ("社会效益指标", "严重精神障碍患者规范管理率")
    assert [category for category, _ in got[2:6]] == ["社会效益指标"] * 4


def test_a_long_bare_word_damaged_at_its_first_character_is_read_by_the_gap():
    # 祆会效益: 社会效益 with its first character a look-alike, its last three in place
    got, _ = read(["\t\t传染病疫情报告及时率\t≥95%",
                   "产出指标\t时效指标\t新生儿访视按时完成率\t≥90%",
                   "\t\t辖区居民健康素养水平\t≥35%",
                   "\t\t重点人群健康管理覆盖率\t≥60%",
                   "\t\t孕产妇系统管理率\t≥90%",
                   "\t\t祆会效益严重精神障碍患者规范管理率\t≥80%",
                   "\t\t家庭医生签约服务长效机制\t健全",
                   "效益指标\t可持续影响指标\t社区慢病健康管理支持中心运行情况\t稳定运行",
                   "\t\t签约居民满意度\t≥90%",
                   "满意度指标\t服务对象满意度指标\t门诊患者满意度\t≥90%"])
    assert got[5] == ("社会效益指标", "严重精神障碍患者规范管理率")


def test_a_five_character_bare_word_damaged_in_two_characters_is_read_by_the_gap():
    # 可持缕彩响: 可持续影响 with two look-alikes before its last character, in place
    got, _ = read(["效益指标\t社会效益指标\t受益人数\t≥100人",
                   "\t\t高校毕业生就业率\t≥95%",
                   "\t\t可持缕彩响就业创业服务长效机制\t持续完善",
                   "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"])
    assert got[2] == ("可持续影响指标", "就业创业服务长效机制")


@pytest.mark.parametrize("name, want", [
    ("可持缕彩响就业创业服务长效机制", ("可持续影响指标", "可持缕彩响")),   # two of five, first and last in place
    ("祆会效益严重精神障碍患者规范管理率", ("社会效益指标", "祆会效益")),    # one of four, its first
    ("祉含效益方面城镇登记失业率", None)])                                # two of six, its first among them
def test_a_long_forms_damage_is_read_by_the_gap_up_to_a_share_its_first_in_place_for_two(name, want):
    read = best_head(name, (), ("社会效益指标", "可持续影响指标"), level_vocabulary(SCHEMA))
    assert (read[:2] if read is not None else None) == want


@pytest.mark.parametrize("word", ["社会效应", "综合效益"])
def test_a_word_one_character_off_a_long_bare_word_at_its_end_or_in_two_is_the_names(word):
    # 社会效应 (its last character off) and 综合效益 (two off) are words of a name's own
    got, _ = read(["\t\t传染病疫情报告及时率\t≥95%",
                   "产出指标\t时效指标\t新生儿访视按时完成率\t≥90%",
                   "\t\t辖区居民健康素养水平\t≥35%",
                   f"\t\t{word}评估覆盖率\t≥80%",
                   "效益指标\t可持续影响指标\t社区慢病健康管理支持中心运行情况\t稳定运行",
                   "满意度指标\t服务对象满意度指标\t门诊患者满意度\t≥90%"])
    assert got[3][1] == f"{word}评估覆盖率"


def test_a_labels_first_line_before_the_names_first_character_is_no_damaged_word():
    # 社会效|困难…: 社会效困 is one character off 社会效益 at its end, where a label's first line
    # meets the name; the name keeps its 困
    got, _ = read(["\t\t传染病疫情报告及时率\t≥95%",
                   "产出指标\t时效指标\t新生儿访视按时完成率\t≥90%",
                   "\t\t辖区居民健康素养水平\t≥35%",
                   "\t\t重点人群健康管理覆盖率\t≥60%",
                   "\t\t社会效困难残疾人基本生活保障率\t100%",
                   "效益指标\t可持续影响指标\t社区慢病健康管理支持中心运行情况\t稳定运行",
                   "满意度指标\t服务对象满意度指标\t门诊患者满意度\t≥90%"])
    assert got[4][1].endswith("困难残疾人基本生活保障率")


# --- a category's bare word damaged, fused on the one row of a block stating no label (lone_block_row)

def test_a_damaged_bare_word_on_its_blocks_one_row_is_cut_off_with_a_warning():
    # 质暈: 质量 with one look-alike, the one row of the 质量 block (its level cell blank): every
    # model prints the block's label on that line, and the table prints its labels whole elsewhere
    got, issues = read(["产出指标\t数量指标\t新建供水管网长度\t≥12公里",
                        "\t\t完成工程建设的行政村\t≥8个",
                        "\t\t质暈设施验收合格率\t100%",
                        "\t时效指标\t工程完工及时率\t100%",
                        "\t成本指标\t单位管网造价\t≤300元/米"])
    assert got[2] == ("质量指标", "设施验收合格率")
    cut = [i for i in issues if i.code == "label_unrecognised" and "'质暈'" in i.message]
    # (read by the labels around it before the fit, `damaged_short_head`, or on the block's one row after)
    assert len(cut) == 1 and cut[0].severity == "warning" and ("one row" in cut[0].message
                                                               or "labels around" in cut[0].message)


@pytest.mark.parametrize("name, kept", [
    ("质核机构检查合格率", "机构检查合格率"),     # 质核: the block's damaged 质量, cut (its place says so)
    ("质检机构检查合格率", "质检机构检查合格率"),   # 质检: a word names open with (NAME_OPENINGS), kept
    ("质控机构检查合格率", "质控机构检查合格率"),
])
def test_a_word_names_open_with_on_a_blocks_one_row_stays(name, kept):
    got, _ = read(["产出指标\t数量指标\t新建供水管网长度\t≥12公里",
                   f"\t\t{name}\t100%",
                   "\t时效指标\t工程完工及时率\t100%",
                   "\t成本指标\t单位管网造价\t≤300元/米"])
    assert got[1] == ("质量指标", kept)


def test_a_spaced_head_joins_the_level_piece_wrapped_onto_the_label_line_below():
    # 经济成本指标 wrapped 经剂成 | 本指标 in its column: the first line read into the name's
    # cell before a space, the rest on a line of level cells only beside the group's rest
    # 标; 本指标 alone reads as 产出's 成本指标, joined 经剂成本指标 as 经济成本指标
    got, issues = read(["产出指标\t数量指标\t家庭医生签约人数\t≥12万人",
                        "\t质量指标\t电子健康档案建档率\t≥90%",
                        "成本指\t\t经剂成 人均基本公共卫生服务经费\t≥89元",
                        "标\t本指标\t\t",
                        "效益指标\t社会效益指标\t传染病报告及时率\t≥98%"])
    assert got == [("数量指标", "家庭医生签约人数"), ("质量指标", "电子健康档案建档率"),
                   ("经济成本指标", "人均基本公共卫生服务经费"), ("社会效益指标", "传染病报告及时率")]
    joined = [i for i in issues if i.code == "label_rejoined" and "经剂成" in i.message]
    assert len(joined) == 1 and joined[0].severity == "info"


# --- a category's bare word damaged, the one head reading so in a longer block stating no label

QUALITY_BLOCK = ["产出指标\t数量指标\t新建供水管网长度\t≥12公里", "\t\t完成工程建设的行政村\t≥8个",
                 "\t\t工程验收合格率\t100%", "\t\t{a}设施验收合格率\t100%", "\t\t{b}水质检测达标率\t100%",
                 "\t时效指标\t工程完工及时率\t100%", "\t成本指标\t单位管网造价\t≤300元/米"]


def test_the_one_damaged_bare_word_of_a_block_stating_no_label_is_cut_off_with_a_warning():
    # 质暈 on the 质量 block's middle row, not the top line the fitted model prints labels on,
    # and no level cell as narrow as a bare word: the block's lost label, as no other row opens so
    got, issues = read([line.format(a="质暈", b="") for line in QUALITY_BLOCK])
    assert got[2:5] == [("质量指标", "工程验收合格率"), ("质量指标", "设施验收合格率"), ("质量指标", "水质检测达标率")]
    cut = [i for i in issues if i.code == "label_unrecognised" and "'质暈'" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning" and "block of 3" in cut[0].message


TIME_BLOCK = ["产出指标\t数量指标\t新建供水管网长度\t≥12公里", "\t\t完成工程建设的行政村\t≥8个",
              "\t质量指标\t工程验收合格率\t100%", "\t\t资金按期拨付率\t100%", "\t\t{a}工程完工及时率\t100%",
              "\t\t补贴按时发放率\t100%", "\t成本指标\t单位管网造价\t≤300元/米"]


@pytest.mark.parametrize("head, name", [
    ("旷效", "工程完工及时率"),               # 时效 damaged, off the block's top line: its lost label
    ("长效机制", "长效机制工程完工及时率"),    # 长效 opens 长效机制, a keyword of 可持续影响: the name's own
])
def test_a_damaged_bare_word_off_the_label_line_is_cut_unless_it_opens_a_categorys_keyword(head, name):
    got, _ = read([line.format(a=head) for line in TIME_BLOCK])
    assert got[4] == ("时效指标", name)


def test_two_damaged_bare_words_in_one_block_stating_no_label_both_stay():
    # 质暈 and 质核 each read as a damaged 质量: the lost label is in one of them at most, neither says which
    got, issues = read([line.format(a="质暈", b="质核") for line in QUALITY_BLOCK])
    assert got[3] == ("质量指标", "质暈设施验收合格率") and got[4] == ("质量指标", "质核水质检测达标率")
    assert not any(i.code == "label_unrecognised" for i in issues)


# --- a category's word written exactly on a block's one row, the label's rest on the line below (lone_word_over_piece)

@pytest.mark.parametrize("lines, row, expected", [
    # 服务对象满意度指标 wrapped down its column, its first line fused into the one row's name
    (["产出指标\t数量指标\t新建供水管网长度\t≥12公里", "\t质量指标\t工程验收合格率\t100%",
      "效益指标\t社会效益指标\t受益人口\t≥2.3万人", "满意度\t\t服务受益群众满意度\t≥90%", "指标\t对象\t\t"],
     3, ("服务对象满意度指标", "受益群众满意度")),
    # ... the piece below a word of the name too (满意 of 家长满意度), but left of its column on a
    # line printing all its cells: no wrap of the name (服务满意度指标 wrapped two wide)
    (["产出指标\t数量指标\t新建供水管网长度\t≥12公里", "\t质量指标\t工程验收合格率\t100%",
      "效益指标\t社会效益指标\t受益人口\t≥2.3万人", "\t\t服务家长满意度\t≥90%", "满意\t\t\t", "度指\t\t\t",
      "标\t\t\t"], 3, ("服务对象满意度指标", "家长满意度")),
    # an unlisted wording (成本控制指标): 成本 fused, 控制 / 指标 below in the level column
    (["产出指标\t数量指标\t完成工程建设的行政村\t12个", "\t质量指标\t工程验收合格率\t100%",
      "\t\t成本人均月补贴标准\t≤1200元", "\t控制\t\t", "\t指标\t\t", "效益指标\t社会效益指标\t受益人口\t≥2.3万人"],
     2, ("成本指标", "人均月补贴标准")),
])
def test_a_word_written_exactly_on_a_blocks_one_row_over_a_label_piece_is_cut_off_with_a_warning(lines, row, expected):
    got, issues = read(lines)
    assert got[row] == expected
    cut = [i for i in issues if i.code == "label_unrecognised" and "first line" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning" and "one row" in cut[0].message


# --- a category's whole bare word written exactly on a block's one row, nothing below (lone_bare_word)

def test_a_whole_bare_word_on_a_blocks_one_row_with_no_piece_below_is_cut_off_with_a_warning():
    # 成本 | 人均月补贴标准: the 成本 block's one row, its level cell blank; every model prints
    # the block's label on that line, and the word written whole is where it went
    got, issues = read(["产出指标\t数量指标\t完成工程建设的行政村\t12个", "\t质量指标\t工程验收合格率\t100%",
                        "\t\t成本人均月补贴标准\t≤1200元", "效益指标\t社会效益指标\t受益人口\t≥2.3万人"])
    assert got[2] == ("成本指标", "人均月补贴标准")
    cut = [i for i in issues if i.code == "label_unrecognised" and "bare word" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning" and "one row" in cut[0].message


def test_a_whole_bare_word_on_a_blocks_one_row_is_cut_off_where_the_table_fuses_its_labels():
    # 时效 | 工程完工及时率, the 时效 block's one row, the row below stating no label either (成本
    # fused too): two other rows had their labels read off their names' heads, so the table
    # fuses labels into names and the lone block's label went where theirs did
    got, issues = read(["\t\t完成工程建设的行政村\t12个", "\t\t数量指标 新建供水管网长度\t≥46公里",
                        "\t质量指标\t工程验收合格率\t100%", "\t\t时效工程完工及时率\t≥95%",
                        "\t\t成本单位管网造价\t≤15万元/公里", "\t\t受益人口\t≥2.3万人",
                        "\t\t社会效益 农村集中供水率\t≥90%", "\t\t服务对象满意度指标 受益群众满意度\t≥90%"])
    assert got[3] == ("时效指标", "工程完工及时率")
    cut = [i for i in issues if i.code == "label_unrecognised" and "'时效'" in i.message]
    assert len(cut) == 1 and cut[0].severity == "warning" and "bare word" in cut[0].message


@pytest.mark.parametrize("lines, row, expected", [
    # 成本核算, 成本节约: words names open with (schemas/name_words.yaml category_openings), kept
    (group_row("")[:4] + ["\t\t成本核算单位造价\t≤15万元", group_row("")[5]], 4, ("成本指标", "成本核算单位造价")),
    (group_row("")[:4] + ["\t\t成本节约单位管网造价\t≤15万元", group_row("")[5]], 4, ("成本指标", "成本节约单位管网造价")),
    # 成本控 | 制指标: the unlisted wording 成本控制指标 wrapped, its first line fused (no bare 成本 cut leaving 控)
    (group_row("")[:4] + ["\t\t成本控单位管网造价\t≤15万元", group_row("")[5]], 4,
     ("成本指标", "成本控单位管网造价")),
    # another name of the table opens with 成本: the table's names use the word as a word
    (group_row("")[:5] + ["效益指标\t社会效益指标\t成本节省户数\t≥2.3万户"], 4, ("成本指标", "成本单位管网造价")),
    # the block's last row, no label stated below: its category a guess
    (group_row("")[:5] + ["\t\t受益人口\t≥2.3万人"], 4, ("成本指标", "成本单位管网造价")),
])
def test_a_category_word_a_name_opens_with_stays_on_a_blocks_one_row(lines, row, expected):
    got, issues = read(lines)
    assert got[row][1] == expected[1]
    assert not any("bare word" in i.message for i in issues)


def test_a_group_word_fused_over_its_category_read_as_the_rows_label_is_cut_off():
    # 产出时效 wrapped in its column: 产出 fused into the name, 时效 on the line below read as
    # the row's level-2 label; the row states no label of its own beyond those pieces
    got, issues = read(["产出指标\t数量指标\t家庭医生签约服务人数\t≥12万人",
                        "\t质量指标\t电子健康档案建档率\t≥90%",
                        "\t\t产出疫苗接种信息录入及",
                        "\t时效\t时率\t100%",
                        "效益指标\t社会效益指标\t居民健康素养水平\t逐步提高"])
    assert got[2] == ("时效指标", "疫苗接种信息录入及时率")
    assert any(i.code == "label_fused" and "'产出'" in i.message for i in issues)


@pytest.mark.parametrize("lines, row, want", [
    # 数量指 read on its line, the line after it opening with 柝 (a 标 no other label prints so)
    (["产出指标\t数量指标\t家庭医生签约服务人数\t≥12万人",
      "\t数量指\t免费健康体检人次\t≥8万人次",
      "\t\t柝健康教育讲座次数\t≥24次",
      "\t质量指标\t传染病报告及时率\t≥98%"], 2, "健康教育讲座次数"),
    # 时效 | 类指 (the wording's piece unread), the next line opening with 际
    (["产出指标\t数量指标\t家庭医生签约服务人数\t≥12万人",
      "\t时效\t病虫害预警信息发布及时率\t≥95%",
      "\t类指\t疫苗接种信息录入及时率\t100%",
      "\t\t际年度项目完工时间\t2025年11月30日前",
      "效益指标\t社会效益指标\t居民健康素养水平\t≥25%"], 3, "年度项目完工时间"),
])
def test_a_damaged_biao_no_label_prints_so_on_the_line_after_a_label_cut_before_it_is_cut(lines, row, want):
    got, issues = read(lines)
    assert got[row][1] == want
    assert any(i.code == "label_unrecognised" and "no other label of the table prints it so" in i.message
               for i in issues)


@pytest.mark.parametrize("lines", [
    # the 标 printed in the level column on the name's line: the name's first character its own
    ["产出指标\t数量指标\t家庭医生签约服务人数\t≥12万人",
     "\t数量指\t免费健康体检人次\t≥8万人次",
     "\t标\t医疗废物规范处置合格率\t100%",
     "\t质量指标\t传染病报告及时率\t≥98%"],
    # a line between the piece and the name (its 标 on a line of its own)
    ["产出指标\t数量指标\t家庭医生签约服务人数\t≥12万人",
     "\t数量指\t免费健康体检人次\t≥8万人次",
     "\t标",
     "\t\t医疗废物规范处置合格率\t100%",
     "\t质量指标\t传染病报告及时率\t≥98%"],
])
def test_a_name_not_opening_the_line_after_a_label_cut_before_its_biao_stays_whole(lines):
    got, _ = read(lines)
    assert "医疗废物规范处置合格率" in [name for _, name in got]


def test_a_damaged_biao_on_the_line_after_a_spaced_head_stopping_short_of_it_is_cut():
    # 数量脂 before a space, cut off its name; its 标 fused into the next line's name as 柝
    got, issues = read(["产出指标\t时效指标\t补贴发放及时率\t100%",
                        "\t数量指标\t家庭医生签约服务人数\t≥12万人",
                        "\t\t数量脂 受理服务计划完成情况\t100%",
                        "\t\t柝和谐贡献奖应发尽发数\t=7040人次",
                        "\t\t服装购置清洗计划完成量\t=47套"])
    assert got[3][1] == "和谐贡献奖应发尽发数"
    assert any(i.code == "label_unrecognised" and "'柝' cut off" in i.message for i in issues)


def test_a_character_below_a_head_read_whole_stays():
    # 数量指烈 read (wrongly, but whole) as a damaged 数量指标: no 标 of it to come below
    got, _ = read(["产出指标\t时效指标\t补贴发放及时率\t100%",
                   "\t\t数量指烈士纪念设施维护数量\t12处",
                   "\t\t柝和谐贡献奖应发尽发数\t=7040人次",
                   "\t质量指标\t补贴发放准确率\t100%"])
    assert got[2][1] == "柝和谐贡献奖应发尽发数"


# --- a label's line restated on the row beside one it was cut off (cut_heads_restated_beside)

@pytest.mark.parametrize("second", ["\t\t数量新建改扩建校舍面积\t≥18000平方米", "\t数量\t新建改扩建校舍面积\t≥18000平方米"])
def test_a_label_line_cut_off_the_row_below_is_cut_off_the_row_restating_it(second):
    # 数量 | 指标 wrapped under the second row (fused into its name, or in its level cell), restated
    # on the first row, whose next line is the second row's: no rest below it of its own
    got, issues = read(["产出指标\t\t数量义务教育阶段在校生人数\t≥42000人",
                        second,
                        "\t指标\t\t",
                        "\t质量指标\t义务教育巩固率\t≥98%",
                        "\t时效指标\t学生资助资金发放及时率\t100%"])
    assert got[:2] == [("数量指标", "义务教育阶段在校生人数"), ("数量指标", "新建改扩建校舍面积")]
    said = [i for i in issues if i.code == "label_fused" and "restated" in i.message]
    assert len(said) == 1 and "'数量'" in said[0].message
    # the message says where the row below prints the text: at its name's head or in its level cell
    where = "cut off the name on the line below" if second.startswith("\t\t") else "printed in the level cell"
    assert where in said[0].message and "'数量义务教育阶段在校生人数' opens with" in said[0].message


def test_a_name_going_on_with_the_label_past_the_restated_line_is_kept():
    # 服务 cut off 服务家长满意度 (its rest below); 服务对象满意度 above is a name of the category's words
    got, _ = read(["满意度指标\t\t服务对象满意度\t≥95%",
                   "\t\t服务家长满意度\t≥90%",
                   "\t对象\t\t", "\t满意\t\t", "\t度指\t\t", "\t标\t\t"])
    assert got == [("服务对象满意度指标", "服务对象满意度"), ("服务对象满意度指标", "家长满意度")]


@pytest.mark.parametrize("name, want", [("学生体质健康合格率", "学生体质健康合格率"), ("监督抽检合格率", "质量监督抽检合格率")])
def test_a_name_opening_with_a_word_of_its_own_over_the_restated_line_is_kept(name, want):
    # 质量 cut off the row above (its 指标 below); 质量监督 is a word names open with
    # (`category_openings`), not the label restated
    got, _ = read(["产出指标\t数量指标\t补贴发放人数\t2600人",
                   "\t\t质量义务教育巩固率\t≥98%",
                   "\t指标\t\t",
                   f"\t\t质量{name}\t100%",
                   "\t时效指标\t学生资助资金发放及时率\t100%"])
    assert got[1:3] == [("质量指标", "义务教育巩固率"), ("质量指标", want)]


# --- a label's first line at a name's head, its next line the next row's level cell (cut_heads_over_next_level_piece)

def test_a_first_line_over_the_next_rows_unread_level_cell_is_cut_off_and_warned():
    # 服务 | 对象 (服务对象满意度指标 wrapped two wide): 服务 fused into the name, 对象 in the next row's level cell
    got, issues = read(["效益指标\t可持续影响指标\t基层医疗卫生服务体系\t持续完善",
                        "满意度指标\t\t服务群众满意度\t≥75%",
                        "\t对象\t享受创业担保贷款对象满意度\t≥95%",
                        "\t\t公共服务满意度\t≥95%"])
    assert got[1] == ("服务对象满意度指标", "群众满意度") and got[2][1] == "享受创业担保贷款对象满意度"
    assert any(i.code == "label_unrecognised" and i.severity == "warning" and "'服务' cut off" in i.message
               for i in issues)


def test_a_name_going_on_with_the_label_over_the_next_rows_piece_is_kept():
    got, _ = read(["效益指标\t可持续影响指标\t基层医疗卫生服务体系\t持续完善",
                   "满意度指标\t\t服务对象满意度\t≥75%",
                   "\t对象\t享受创业担保贷款对象满意度\t≥95%",
                   "\t\t公共服务满意度\t≥95%"])
    assert got[1][1] == "服务对象满意度"


def test_a_name_opening_with_a_word_of_its_own_over_the_next_rows_piece_is_kept():
    # 质量 | 类指 would open 质量类指标, but 质量监督 is a word names open with (`category_openings`):
    # the name's own; a name opening with 质量 and no such word loses it
    lines = ["产出指标\t数量指标\t补贴发放人数\t2600人",
             "\t质量指标\t义务教育巩固率\t≥98%",
             "\t\t质量{rest}\t100%",
             "\t类指\t学生资助合格率\t100%",
             "\t时效指标\t学生资助资金发放及时率\t100%"]
    got, _ = read([line.format(rest="监督抽检合格率") for line in lines])
    assert got[2] == ("质量指标", "质量监督抽检合格率")
    got, _ = read([line.format(rest="学生体质健康合格率") for line in lines])
    assert got[2] == ("质量指标", "学生体质健康合格率")


def test_a_head_opening_several_categories_forms_with_the_next_rows_piece_is_kept():
    # 投入 | 预 opens 投入预算执行管理指标 and as well 投入预算绩效管理指标, 投入预算透明度指标…: no
    # one category's form, so no evidence the head is this category's label
    got, _ = read(["投入管理指标\t预算执行管理\t预算执行率\t≥90%",
                   "\t\t投入资金到位率\t100%",
                   "\t预\t项目资金支出进度\t≥90%",
                   "\t资产管理\t资产账实相符率\t100%"])
    assert got[1:3] == [("预算执行管理", "投入资金到位率"), ("预算执行管理", "项目资金支出进度")]


@pytest.mark.parametrize("word, label, rows", [
    ("经济", "经济效益指标", ["经济 地产农产品销售额\t≥6000万元", "经济 农户人均增收\t≥1200元",
                            "效溢\t合作社经营收入增长率\t≥5%", "指标\t\t"]),
    ("社会", "社会效益指标", ["社会 城镇新增就业人数\t≥3000人", "社会\t零就业家庭帮扶率\t=100%",
                            "效益\t高校毕业生就业率\t≥90%", "指标\t\t"])])
def test_a_labels_first_line_printed_again_a_row_above_it_is_that_label(word, label, rows):
    # the table prints a label's first line on every row of its block and the label wrapped on
    # one; the first row's head was read alone by the gap between 成本指标 and the label below
    # as the category before that label (经济成本指标, 社会成本指标): it is the label below's
    lines = ["二级指标\t三级指标\t指标值", "时效指标\t经费拨付及时率\t=100%", "成本指标\t设施维护费用\t≤180万元",
             *rows, "可持续影响指标\t长效机制健全性\t健全"]
    indicators, issues = rows_to_indicators(ocr_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert [i.placement.level2.label for i in indicators[2:5]] == [label] * 3
    assert indicators[2].row.name == rows[0].split("\t")[0].split(" ")[1]
    assert any(i.code == "label_fused" and f"opens with {word!r}, the first line of the level label" in i.message
               for i in issues)


def test_a_head_with_a_row_between_not_opening_with_it_is_no_first_line_of_the_label_below():
    # 社会 | 城镇… and 社会 | 零就业… over 效益 | 指标, but 就业困难… between opens with no 社会: the
    # table prints no label's first line on every row of the block, and the first head stays the
    # gap's reading (社会成本指标)
    lines = ["二级指标\t三级指标\t指标值", "时效指标\t经费拨付及时率\t=100%", "成本指标\t设施维护费用\t≤180万元",
             "社会 城镇新增就业人数\t≥3000人", "就业困难人员再就业率\t≥60%", "社会\t零就业家庭帮扶率\t=100%",
             "效益\t高校毕业生就业率\t≥90%", "指标\t\t", "可持续影响指标\t长效机制健全性\t健全"]
    indicators, issues = rows_to_indicators(ocr_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert (indicators[2].placement.level2.label, indicators[2].row.name) == ("社会成本指标", "城镇新增就业人数")
    assert not any("the first line of the level label" in i.message for i in issues)


def test_a_head_opening_the_label_above_as_well_is_no_first_line_of_the_label_below():
    # 预算 | 绩效目标… over 预算 / 绩效 / 管理 (预算绩效管理), under 预算编审管理: 预算 opens the label
    # above too, so it tells neither bound; the gap's reading (预算执行管理) stands
    lines = ["二级指标\t三级指标\t指标值", "预算编审管理\t预算编制准确率\t≥90%", "预算 绩效目标完成率\t100%",
             "预算\t公开及时率\t100%", "绩效\t绩效评价覆盖率\t100%", "管理\t\t"]
    indicators, issues = rows_to_indicators(ocr_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert (indicators[1].placement.level2.label, indicators[1].row.name) == ("预算执行管理", "绩效目标完成率")
    assert not any("the first line of the level label" in i.message for i in issues)


def test_a_groups_word_printed_alone_on_the_rows_above_is_cut_off_the_names_below_printing_none():
    # 产出 printed alone in the level column of the block's rows (its 数量 label printed once
    # apart): the rows below printing nothing lost it into their names
    names = repeated(["产出\t环境绿色食品认证面积\t≥3500亩",
                      "产出\t农业技术培训场次\t≥20场",
                      "\t产出水稻良种推广面积\t",
                      "\t产出病虫害统防统治面积\t≥15000亩",
                      "质量指标\t农技培训考核合格率\t≥95%"])
    assert names[2:4] == ["水稻良种推广面积", "病虫害统防统治面积"]


def test_a_groups_word_printed_beside_a_label_keeps_the_names_word():
    # 产出 on rows stating their level-2 label: a level-1 cell printed per block, not in place
    # of the rows' labels; the name below's 产出 is its own
    names = repeated(["产出\t数量指标\t环境绿色食品认证面积\t≥3500亩",
                      "产出\t数量指标\t农业技术培训场次\t≥20场",
                      "\t\t产出成果验收数量\t≥5项",
                      "\t\t产出成果推广面积\t≥15000亩",
                      "\t质量指标\t农技培训考核合格率\t≥95%"])
    assert names[2:4] == ["产出成果验收数量", "产出成果推广面积"]


def test_an_unread_level_cell_read_as_a_label_on_another_row_counts_as_printed_there():
    # 管理拾柝 printed in the level-2 column: read as 管理指标 on one row, unread on another,
    # fused into the names of two rows in a row (each stating the group's cell as its label)
    got, _ = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                   "管理指标\t管理拾柝\t预算执行率\t≥90%",
                   "管理指标\t\t管理拾柝 资金使用合规性\t合规",
                   "管理指标\t\t管理拾柝财务监控有效性\t有效",
                   "管理指标\t管理拾柝\t绩效目标明确性\t明确",
                   "管理指标\t\t管理拾柝政府采购程序性\t合规",
                   "管理指标\t\t管理拾柝管理制度健全性\t健全"])
    assert [name for _, name in got[5:7]] == ["政府采购程序性", "管理制度健全性"]


def test_a_level_cell_on_every_other_row_is_cut_off_the_names_between_over_its_wrapped_ending():
    # 散暈指 | 标 printed on every row, its first line fused into the names of the rows
    # printing its last line `标` only
    names = repeated(["标\t散暈指城乡居民基础养老金标准\t≥200元",
                      "散暈指\t发放创业担保贷款金额\t5000万元",
                      "标\t散暈指城镇新增就业人数\t≥2万人",
                      "散暈指\t促进创业人数\t≥500人",
                      "质量指标\t补贴发放准确率\t≥98%"])
    assert names[0] == "城乡居民基础养老金标准" and names[2] == "城镇新增就业人数"


def test_a_damaged_word_printed_on_the_rows_above_is_cut_off_a_run_of_names_below():
    # 散量 | 脂标 (数量指标 wrapped, each line damaged: no word a name opens with) printed on
    # the block's first rows, fused into the names of the rows below it (one printing the
    # label's last line `脂标`, its name's second line), whatever follows the run
    names = repeated(["散量\t家庭医生签约居民人数\t≥35000人",
                      "散量\t65岁以上老年人健康管理人\t",
                      "脂标\t数\t",
                      "散量\t0-6岁儿童健康管理人数\t≥4200人",
                      "\t散量免疫规划疫苗接种剂\t",
                      "脂标\t次\t≥18000剂次",
                      "\t散量高血压患者规范管理人数\t≥8500人",
                      "\t散量健康教育讲座次数\t≥12次",
                      "脂标\t\t",
                      "\t质量居民电子健康档案建档率\t≥90%",
                      "质量指标\t院内感染控制达标率\t100%"])
    assert names[3:6] == ["免疫规划疫苗接种剂次", "高血压患者规范管理人数", "健康教育讲座次数"]
