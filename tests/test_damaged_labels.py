"""OCR look-alikes in level labels and table headers read by the document's own
evidence (issue 8): a label one look-alike from two categories, a label-only line too
damaged to read, level columns under a damaged header."""
from __future__ import annotations

import pytest

from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.columns import complete_roles, find_header
from formex.normalize.indicators.rows import ends_in_printed_suffix, long_enough_for, nearest_whole_labels, piece_of_label_above, printed_word
from formex.normalize.labels import LabelMatch
from formex.schemas.document import Cell, Row
from tests.test_hierarchy import SCHEMA, text_rows
from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators import hierarchy

VOCAB = level_vocabulary(SCHEMA)
HEADER = "一级指标\t二级指标\t三级指标\t指标值"


def paged_rows(lines: list[tuple[int, str]]) -> list[Row]:
    return [Row(i, tuple(Cell(t, t, c) for c, t in enumerate(line.split("\t"))), page, f"line {i}")
            for i, (page, line) in enumerate(lines, start=1)]


def read(rows):
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    return [(i.placement.level2.label, i.row.name) for i in indicators], [i.code for i in issues], issues


# --- a label one look-alike from two categories -------------------------------------------

def test_a_label_as_near_two_categories_is_not_the_one_its_page_already_states():
    # 贡量指标 is one character from 数量指标 and from 质量指标 alike (75 each); 数量指标 is
    # printed above on the same page, and a block prints its label once
    got, codes, issues = read(text_rows([HEADER,
                                         "产出指标\t数量指标\t培训人数\t≥5人",
                                         "\t\t走访人次\t≥20人次",
                                         "\t贡量指标\t发放准确率\t100%",
                                         "\t\t采集准确率\t100%",
                                         "\t时效指标\t拨付及时率\t100%"]))
    assert [label for label, _ in got] == ["数量指标", "数量指标", "质量指标", "质量指标", "时效指标"]
    assert any(i.code == "label_read_by_order" and "贡量指标" in i.message for i in issues)


def test_a_tied_label_whose_rival_prints_on_another_page_is_left_alone_where_labels_restate():
    # 数量指标 on page 1, 贡量指标 on page 2, and the table restates 时效指标 on page 3: a label
    # repeated per page is the same label, so 数量指标 elsewhere says nothing; the order allows both
    rows = paged_rows([(1, HEADER), (1, "产出指标\t数量指标\t培训人数\t≥5人"),
                       (2, "\t贡量指标\t走访人次\t≥20人次"), (2, "\t时效指标\t拨付及时率\t100%"),
                       (3, "\t时效指标\t办结及时率\t100%")])
    _, codes, _ = read(rows)
    assert "label_read_by_order" not in codes


def test_a_tied_label_whose_rival_prints_on_an_earlier_page_is_read_where_no_label_restates():
    # the same table restating no label on a later page: each block prints its label once in
    # the table, so 数量指标 on page 1 is taken and 贡量指标 on page 2 is 质量指标; the same
    # damaged label printed again on page 3 (its block running on) reads with it
    rows = paged_rows([(1, HEADER), (1, "产出指标\t数量指标\t培训人数\t≥5人"),
                       (2, "\t贡量指标\t走访人次\t≥20人次"), (3, "\t贡量指标\t采集准确率\t100%"),
                       (3, "\t时效指标\t拨付及时率\t100%")])
    got, codes, issues = read(rows)
    assert [label for label, _ in got] == ["数量指标", "质量指标", "质量指标", "时效指标"]
    assert sum(i.code == "label_read_by_order" and "贡量指标" in i.message for i in issues) == 2


def test_a_tied_label_in_a_table_repeating_its_labels_is_left_alone():
    # labels printed on every row (数量指标 twice on one page): a category stated elsewhere
    # on the page is no evidence
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t数量指标\t培训人数\t≥5人",
                                    "产出指标\t数量指标\t走访人次\t≥20人次",
                                    "产出指标\t贡量指标\t服务户数\t≥6户",
                                    "产出指标\t时效指标\t拨付及时率\t100%"]))
    assert "label_read_by_order" not in codes
    assert got[2][0] == "数量指标"


def test_a_tied_label_the_order_leaves_no_single_reading_for_is_left_alone():
    # nothing above, 时效指标 below: 数量指标 and 质量指标 both fit and neither is stated
    _, codes, _ = read(text_rows([HEADER, "产出指标\t贡量指标\t培训人数\t≥5人", "\t时效指标\t拨付及时率\t100%"]))
    assert "label_read_by_order" not in codes


# --- a label-only line too damaged to read -------------------------------------------------

def test_a_damaged_label_alone_on_its_line_is_read_by_the_labels_around_it():
    # 成本措杯 (two look-alikes) is as near 成本指标 as the aliases 经济成本 and 社会成本; between
    # 时效指标 and 经济效益指标 all three fit the order, but of the whole labels only 成本指标
    # has its four characters: a category listed without indicators, not lost
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                    "\t成本措杯\t\t",
                                    "\t经济效益指标\t就业困难人员就业人数\t≥5人",
                                    "效益指标\t社会效益指标\t城镇登记失业率\t≤3.5%"]))
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None),
                   ("经济效益指标", "就业困难人员就业人数"), ("社会效益指标", "城镇登记失业率")]
    assert "label_read_by_order" in codes and "label_unrecognised" not in codes


def test_a_damaged_label_alone_on_its_line_left_unread_is_reported_and_dropped():
    # 盾最指标 between 数量指标 and 成本指标 may be 质量指标 or 时效指标: unread, so no row,
    # but a warning says so
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t数量指标\t培训人数\t≥5人",
                                    "\t盾最指标\t\t",
                                    "\t\t发放准确率\t100%",
                                    "\t成本指标\t人均成本\t≤300元"]))
    assert [name for _, name in got] == ["培训人数", "发放准确率", "人均成本"]
    assert "label_unrecognised" in codes and "label_read_by_order" not in codes


def test_a_short_damaged_piece_alone_on_its_line_is_no_row():
    # 度指标 is shorter than any level-2 label: a piece, never read as a category alone
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t数量指标\t培训人数\t≥5人",
                                    "满意度指标\t\t群众满意度\t≥90%",
                                    "\t度指标\t\t"]))
    assert [name for _, name in got] == ["培训人数", "群众满意度"]
    assert "label_read_by_order" not in codes


def test_an_unreadable_level1_cell_alone_on_its_line_is_reported():
    # 严岀指标 is as near 产出指标 as 投入指标: no group, but not silently gone
    _, codes, issues = read(text_rows([HEADER, "严岀指标\t\t\t", "\t数量指标\t培训人数\t≥5人"]))
    assert any(i.code == "label_unrecognised" and "严岀指标" in i.message for i in issues)


def test_nearest_whole_labels():
    tied = [LabelMatch("成本指标", "成本指标", 50.0), LabelMatch("经济成本指标", "经济成本", 50.0),
            LabelMatch("社会成本指标", "社会成本", 50.0)]
    assert [m.name for m in nearest_whole_labels("成本措杯", tied)] == ["成本指标"]
    # a damaged alias is nearest its own whole label
    tied = [LabelMatch("成本指标", "成本指标", 50.0), LabelMatch("经济成本指标", "经济成本", 50.0)]
    assert [m.name for m in nearest_whole_labels("经济戍夲", tied)] == ["经济成本指标"]
    assert nearest_whole_labels("成本措杯", tied[:1]) == tied[:1]


# --- level columns under a damaged header --------------------------------------------------

DAMAGED_HEADER = "一极指际\t二极损标\t三极指标\t指标值"


def test_level_columns_under_a_damaged_header_are_found_by_their_damaged_labels():
    # 一极指际 / 二极损标 match no column alias; some level-1 cells carry look-alikes too
    # (声岀指标: two of four, unreadable), the others read
    rows = text_rows([DAMAGED_HEADER,
                      "\t\t家庭医生签约居民人数\t≥35000(人)",
                      "声岀指标\t数量指标\t儿童健康管理人数\t≥4200(人)",
                      "声岀指标\t质量指标\t高血压患者规范管理率\t≥62.00(%)",
                      "效益拍标\t社会效益指标\t家庭医生签约服务覆盖率\t≥40.00(%)",
                      "满意度指标\t服务对象满意度指标\t签约居民满意度\t≥90.00(%)"])
    header, roles = find_header(rows, VOCAB)
    assert complete_roles(roles, rows[header + 1:], VOCAB) == {
        0: "level1", 1: "level2", 2: "level3", 3: "target"}
    _, codes, _ = read(rows)
    assert "cell_unplaced" not in codes


def test_a_level_column_is_found_by_cells_read_only_at_the_columns_looseness():
    # 成木损标 and 满意庹损标 read as their groups only at the level column's looseness
    rows = text_rows([DAMAGED_HEADER,
                      "产出指标\t数量指标\t培训人数\t≥5人",
                      "成木损标\t经济成本指标\t人均培训成本\t≤300元",
                      "满意庹损标\t服务对象满意度指标\t学员满意度\t≥90%"])
    header, roles = find_header(rows, VOCAB)
    assert complete_roles(roles, rows[header + 1:], VOCAB)[0] == "level1"


def test_a_column_right_of_the_name_is_never_a_level_column():
    # label-like remarks right of the name column do not make it a level column
    rows = text_rows(["三级指标\t指标值\t备汪",
                      "培训人数\t≥5人\t数量指标",
                      "发放准确率\t100%\t质量指标"])
    header, roles = find_header(rows, VOCAB)
    completed = complete_roles(roles, rows[header + 1:], VOCAB)
    assert "level1" not in completed.values() and "level2" not in completed.values()


def test_a_header_found_at_the_loose_cutoff_reports_its_reread_cells():
    # 二圾指际 and 指标直 match no alias; found at the level column's looseness, a cell as
    # near two roles is reported with its best score (this raised AttributeError before)
    rows = text_rows(["二圾指际\t三级指标\t指标直",
                      "数量指标\t在校学生人数\t≥1850(人)",
                      "\t在编教职工人数\t=126(人)"])
    _, codes, issues = read(rows)
    assert any(i.code == "header_fuzzy_match" and "二圾指际" in i.message for i in issues)


# --- a run of labels left open ---------------------------------------------------------------

def test_a_run_of_tied_labels_takes_the_categories_left_in_order():
    # 敖量指标 and 贡量指标 are each as near 数量指标 as 质量指标; before 时效指标 the two
    # categories left are exactly two: in canonical order, one each
    got, codes, issues = read(text_rows([HEADER,
                                         "产出指标\t敖量指标\t培训人数\t≥5人",
                                         "\t贡量指标\t发放准确率\t100%",
                                         "\t时效指标\t拨付及时率\t100%"]))
    assert [label for label, _ in got] == ["数量指标", "质量指标", "时效指标"]
    assert any(i.code == "label_read_by_order" and "贡量指标" in i.message for i in issues)


def test_a_run_reads_a_sub_header_lines_damaged_label_carried_to_the_row_below():
    # 产出指标 | 贡量拍标 on a line of its own is dropped, its damaged cell carried to the
    # row below as that block's label (damaged, never among the row's own unread cells):
    # the run reads it without looking for it there (it raised)
    got, codes, issues = read(text_rows([HEADER,
                                         "\t\t环境城镇新增就业人数\t≥5万人",
                                         "\t敖量拍标\t促进创业人数\t≥100人",
                                         "\t\t创业担保贷款还款率\t≥90%",
                                         "产出指标\t贡量拍标\t\t",
                                         "\t\t城乡居民养老金发放准确率\t≥98%",
                                         "\t\t资金支付规范性\t合规",
                                         "\t时效指标\t实际资金支出率\t≥95%"]))
    assert [name for _, name in got][-3:] == ["城乡居民养老金发放准确率", "资金支付规范性", "实际资金支出率"]
    assert any(i.code == "label_read_by_order" and "贡量拍标" in i.message for i in issues)


def test_a_run_with_more_categories_left_than_labels_is_left_alone():
    # between 数量指标 and 成本指标 two damaged cells (盾最指标, 旪郊指标) and three
    # categories are left (质量, 时效 … and none says which is missing): unread
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t数量指标\t培训人数\t≥5人",
                                    "\t盾最指标\t发放准确率\t100%",
                                    "\t旪郊指标\t拨付及时率\t100%",
                                    "\t\t达标率\t100%",
                                    "效益指标\t社会效益指标\t受益人数\t≥5人"]))
    assert codes.count("label_unrecognised") == 2 and "label_read_by_order" not in codes


def test_a_run_of_two_damaged_cells_with_two_categories_left_is_read():
    # between 数量指标 and 成本指标 only 质量指标 and 时效指标 are left, and the cells are two
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t数量指标\t培训人数\t≥5人",
                                    "\t盾最指标\t发放准确率\t100%",
                                    "\t旪郊指标\t拨付及时率\t100%",
                                    "\t成本指标\t人均成本\t≤300元"]))
    assert [label for label, _ in got] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert "label_unrecognised" not in codes and codes.count("label_read_by_order") == 2


def test_the_end_of_a_label_cut_in_its_column_is_not_read_as_a_label():
    # 可持续性 | 影响指标: the line above holds a level cell cut before its 指标, so the lone
    # 影响指标 is its end (never read by order as 管理指标 or any category of its own)
    _, codes, issues = read(text_rows([HEADER,
                                       "效益指标\t社会效益指标\t受益人数\t≥5人",
                                       "\t可持续性\t服务长效机制\t持续完善",
                                       "\t影响指标\t\t",
                                       "满意度指标\t服务对象\t群众满意度\t≥90%"]))
    assert not any(i.code == "label_read_by_order" and "影响指标" in i.message for i in issues)


# --- a damaged label names its category by the characters it kept ------------------------

def test_a_damaged_label_goes_where_its_kept_characters_point():
    # 袿会効益方面 (社会效益 with two look-alikes and a suffix) reads as no label; nothing in
    # the name tells 经济, 社会 or 生态 apart, but 会 and 益 are 社会效益指标's
    got, _, _ = read(text_rows([HEADER,
                                "产出指标\t数量指标\t培训人数\t≥5人",
                                "效益指标\t袿会効益方面\t居家养老服务覆盖率\t≥85%",
                                "\t可持续影响指标\t养老服务长效机制\t逐步完善"]))
    assert [label for label, _ in got] == ["数量指标", "社会效益指标", "可持续影响指标"]


def test_the_kept_characters_are_a_nudge_below_a_readable_wording():
    # the damaged label shares 益 with every benefit category; 经济's own wording (增收) decides
    costs = hierarchy.damaged_near_costs(
        DamagedRow([Cell("効益方面", "効益方面", 1)]), SCHEMA.level2_order)
    assert max(costs) <= hierarchy.DAMAGED_NEAR
    got, _, _ = read(text_rows([HEADER,
                                "产出指标\t数量指标\t培训人数\t≥5人",
                                "效益指标\t袿会効益方面\t带动农户增收金额\t≥85万元",
                                "\t可持续影响指标\t养老服务长效机制\t逐步完善"]))
    assert got[1][0] in ("经济效益指标", "社会效益指标")


def test_a_damaged_label_sharing_no_label_character_costs_nothing():
    costs = hierarchy.damaged_near_costs(DamagedRow([Cell("篮筐", "篮筐", 1)]), SCHEMA.level2_order)
    assert set(costs) == {0.0}


class DamagedRow:
    def __init__(self, cells):
        self.damaged = cells


def test_a_short_damaged_label_nudges_as_well():
    # 社令 (社会 with a look-alike, no 指标) is too short for a label of its own; its 社
    # still settles a row the wording and the order leave even
    costs = dict(zip((c.label for c in SCHEMA.level2_order),
                     hierarchy.damaged_near_costs(DamagedRow([Cell("社令", "社令", 1)]), SCHEMA.level2_order)))
    assert costs["社会效益指标"] == 0.0
    assert costs["经济效益指标"] == costs["可持续影响指标"] == hierarchy.DAMAGED_NEAR


def test_a_wrapped_label_piece_of_generic_characters_costs_nothing():
    # 类指 / 标: the lines of a wrapped 产出类指标 name no category
    costs = hierarchy.damaged_near_costs(DamagedRow([Cell("类指", "类指", 1), Cell("标", "标", 1)]),
                                         SCHEMA.level2_order)
    assert set(costs) == {0.0}


def test_a_damaged_label_alone_below_a_whole_label_without_its_ending_is_read():
    # 投入管理指标's categories end in 管理, not 指标: 预篡执行管理 above is a whole label (no
    # piece whose end is the next line), so 预算债孝管理 alone on its line is read by the order
    # (between 预算执行管理 and 资产管理: 预算绩效管理), not lost
    got, codes, _ = read(text_rows([HEADER,
                                    "投入管理指标\t\t\t",
                                    "\t预算编审管理\t\t",
                                    "\t预篡执行管理\t\t",
                                    "\t预算债孝管理\t\t",
                                    "\t资产管理\t\t",
                                    "产出指标\t数量指标\t培训人数\t≥5人"]))
    assert [label for label, _ in got][:4] == ["预算编审管理", "预算执行管理", "预算绩效管理", "资产管理"]
    assert "label_read_by_order" in codes and "label_unrecognised" not in codes


def test_a_cut_category_label_above_still_makes_the_next_line_its_piece():
    # 可持续性 (a piece of 可持续性影响指标) above: the line below is its end, never a label
    # of its own; a category of 管理 ending read as its own label does not change that
    from formex.normalize.indicators.rows import ends_as_label
    assert not ends_as_label("可持续性") and not ends_as_label("预算执", "预算执行管理")
    assert ends_as_label("预篡执行管理", "预算执行管理") and ends_as_label("数量指标")
    assert not ends_as_label("服务对象", "服务对象满意度指标")


def test_a_damaged_label_worded_up_alone_on_its_line_is_read_by_the_order():
    # 成本控制指栎: 成本指标 with a word put inside and its 标 misread, as near 经济成本指标
    # as 社会成本指标 at its length; it holds 成本指标 but for one character, the one category
    # the order leaves after 时效指标 that it holds so
    for label in ("成本控制指栎",):
        got, codes, _ = read(text_rows([HEADER,
                                        "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                        f"\t{label}\t\t",
                                        "效益指标\t社会效益指标\t城镇登记失业率\t≤3.5%"]))
        assert got == [("时效指标", "实际资金支出率"), ("成本指标", None),
                       ("社会效益指标", "城镇登记失业率")], label
        assert "label_read_by_order" in codes and "label_unrecognised" not in codes


def test_a_worded_reading_needs_the_categorys_own_characters():
    # 经济成本 is not held by 成本控制指栎 (its 经济 missing); 产出盾量措标 holds no alias but
    # for one character (a group's name before a damaged label is not read): no reading, said
    from formex.normalize.indicators.rows import worded_damaged_readings
    order = {spec.label: k for k, spec in enumerate(SCHEMA.level2_order)}
    found = worded_damaged_readings("成本控制指栎", VOCAB, order, order["时效指标"], order["社会效益指标"], set())
    assert [m.name for m in found] == ["成本指标"]
    got, codes, _ = read(text_rows([HEADER,
                                    "\t产出盾量措标\t\t",
                                    "\t\t发放准确率\t100%",
                                    "\t成本指标\t人均成本\t≤300元"]))
    assert [name for _, name in got] == ["发放准确率", "人均成本"]
    assert "label_unrecognised" in codes and "label_read_by_order" not in codes


def test_a_damaged_label_line_inside_a_wrapped_name_is_that_rows_label():
    # 成本控制措标 alone on a line between 创业担保贷款贴息资金控制 and its end 数: printed
    # within that row's span, it is the row's label, not a category listed without indicators
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                    "\t\t城乡居民养老金按月发放及\t100%", "\t\t时率\t",
                                    "\t\t创业担保贷款贴息资金控制\t≤790万元", "\t成本控制措标\t\t", "\t\t数\t",
                                    "效益指标\t社会效益指标\t城镇登记失业率\t≤3.5%"]))
    assert got == [("时效指标", "实际资金支出率"), ("时效指标", "城乡居民养老金按月发放及时率"),
                   ("成本指标", "创业担保贷款贴息资金控制数"), ("社会效益指标", "城镇登记失业率")]
    assert "label_read_by_order" in codes and "label_unrecognised" not in codes


def test_a_damaged_label_line_after_a_whole_row_stays_a_line_of_its_own():
    # the row above ends before it (no name goes on past it): read by the order, a line
    # of its own, here a category listed without indicators
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t时效指标\t实际资金支出率\t≧95%", "\t\t贴息资金控制数\t≤790万元",
                                    "\t成本控制措标\t\t", "效益指标\t社会效益指标\t城镇登记失业率\t≤3.5%"]))
    assert got == [("时效指标", "实际资金支出率"), ("时效指标", "贴息资金控制数"), ("成本指标", None),
                   ("社会效益指标", "城镇登记失业率")]


# --- a label-only line no reading of its length matches: the nearest the order allows ------

def test_a_label_alone_with_look_alikes_and_a_word_put_in_is_read_as_the_nearest_the_order_allows():
    # 成木控制损标: 成本控制指标 with two look-alikes, too far from any label of its length and
    # holding no alias but for one character; between 时效指标 and 经济效益指标 the order
    # allows 成本指标, the 成本 group's three and 经济效益指标, and it is clearly nearest 成本指标
    got, codes, issues = read(text_rows([HEADER,
                                         "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                         "\t成木控制损标\t\t",
                                         "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人",
                                         "\t社会效益指标\t城镇登记失业率\t≤3.5%"]))
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None),
                   ("经济效益指标", "就业困难人员就业人数"), ("社会效益指标", "城镇登记失业率")]
    assert any(i.code == "label_read_by_nearest" and i.severity == "warning" and "成木控制损标" in i.message
               for i in issues)
    assert "label_unrecognised" not in codes


def test_a_label_alone_as_near_two_categories_the_order_allows_is_left_unread():
    # 济会成本损标 is as near 经济成本指标 as 社会成本指标 and 成本指标 (60 each): no category
    # is clearly nearest, so no row; its warning stays
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                    "\t济会成本损标\t\t",
                                    "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"]))
    assert [name for _, name in got] == ["实际资金支出率", "就业困难人员就业人数"]
    assert "label_unrecognised" in codes and "label_read_by_nearest" not in codes


def numbered(lines: list[str]):
    from formex.extract.ocr_text import iter_text_rows
    from formex.normalize.indicators.sequence import strip_sequence_column
    rows = list(iter_text_rows("\n".join(["序号\t" + HEADER, *lines])))
    rows, _ = strip_sequence_column(rows, SCHEMA)
    return read(rows)


def test_a_short_damaged_label_on_a_numbered_line_is_a_category_of_its_own():
    # 戊本 (成本, one look-alike) on a line with its own row number: a table row, so a
    # category listed without indicators, read as the one the order allows it is nearest
    got, codes, _ = numbered(["1\t产出指标\t时效指标\t实际资金支出率\t≧95%",
                              "2\t\t戊本\t\t",
                              "3\t效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"])
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None), ("经济效益指标", "就业困难人员就业人数")]
    assert "label_read_by_nearest" in codes


def test_a_short_damaged_cell_without_its_number_in_a_numbered_table_is_no_row():
    # the same 戊本 between two numbered rows, printing no number of its own: the table
    # numbers a category listed without indicators as it numbers a row (the test above),
    # so the line is no row; its cell is said (label_unrecognised), not read as a category
    got, codes, _ = numbered(["1\t产出指标\t时效指标\t实际资金支出率\t≧95%",
                              "\t\t戊本\t\t",
                              "2\t效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"])
    assert got == [("时效指标", "实际资金支出率"), ("经济效益指标", "就业困难人员就业人数")]
    assert "label_read_by_nearest" not in codes and "label_unrecognised" in codes


def test_a_short_damaged_label_between_rows_printing_their_labels_is_a_category_of_its_own():
    # the same 戊本 without its row number, in a table printing its labels on its rows: the
    # lines around it are whole (a row each, their labels read whole), so it is no piece of
    # a label wrapped from above or below; a category listed without indicators, read as
    # the one the order allows it is nearest, with that reading's warning
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                    "\t戊本\t\t",
                                    "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"]))
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None), ("经济效益指标", "就业困难人员就业人数")]
    assert "label_read_by_nearest" in codes


def test_a_label_alone_with_every_character_off_is_the_one_category_the_order_leaves():
    # 戊未 (成本, both characters look-alikes) alone between a 时效 row of 产出 and an 经济效益
    # row of 效益: near no category, but a category listed without indicators there can only
    # be 产出's 成本指标 (of either block's group, the one the canonical order leaves strictly
    # between them): read so, with a warning, not dropped with the row after it a row off
    got, codes, issues = read(text_rows([HEADER,
                                         "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                         "\t戊未\t\t",
                                         "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"]))
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None), ("经济效益指标", "就业困难人员就业人数")]
    assert any(i.code == "label_read_by_order" and i.severity == "warning" and "戊未" in i.message
               for i in issues)


def test_a_label_alone_with_every_character_off_between_two_of_its_groups_categories_stays_unread():
    # 戊未控制 (成本控制, 成本 worded up, its word's characters look-alikes) between 时效 (产出)
    # and 社会效益 (效益): 成本指标 and 经济效益指标 are both left between them, and four
    # characters are long enough for either's word, so nothing reads it (said, not guessed)
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                    "\t戊未控制\t\t",
                                    "效益指标\t社会效益指标\t受益人数\t≥5人"]))
    assert [name for _, name in got] == ["实际资金支出率", "受益人数"]
    assert "label_read_by_order" not in codes and "label_unrecognised" in codes


def test_a_label_alone_with_every_character_off_is_the_category_its_length_leaves():
    # the same gap with 戊未 or 戍夲 (two characters): look-alikes keep a label's length and no
    # form prints 经济效益's word shorter, so of 成本指标 and 经济效益指标 only 成本 fits
    for cell in ("戊未", "戍夲"):
        got, codes, issues = read(text_rows([HEADER,
                                             "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                             f"\t{cell}\t\t",
                                             "效益指标\t社会效益指标\t受益人数\t≥5人"]))
        assert got == [("时效指标", "实际资金支出率"), ("成本指标", None), ("社会效益指标", "受益人数")]
        assert any(i.code == "label_read_by_order" and i.severity == "warning" and cell in i.message
                   for i in issues)


def test_long_enough_for():
    assert long_enough_for("戍夲", "成本指标", VOCAB, frozenset())
    assert not long_enough_for("戍夲", "经济效益指标", VOCAB, frozenset())
    assert not long_enough_for("戍夲拍杯", "经济效益指标", VOCAB, frozenset("拍杯"))
    assert long_enough_for("戊朩控制", "经济效益指标", VOCAB, frozenset())
    assert printed_word("戊未类指标", frozenset()) == "戊未"


def test_a_damaged_label_opening_with_its_groups_word_is_that_groups_category():
    # 产出咸未 (产出成本, 成本's two characters look-alikes) alone between 时效 (产出) and 社会效益
    # (效益): 成本指标 and 经济效益指标 are both left between them, but the cell's own head
    # names the group (a form repeating it in the level-2 column), and 产出 has one left
    got, codes, issues = read(text_rows([HEADER,
                                         "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                         "\t产出咸未\t\t",
                                         "效益指标\t社会效益指标\t受益人数\t≥5人"]))
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None), ("社会效益指标", "受益人数")]
    assert any(i.code == "label_read_by_order" and i.severity == "warning" and "产出咸未" in i.message
               for i in issues)


def test_a_group_and_category_word_in_the_level_2_column_is_that_category():
    # 产出成本 printed whole: no alias lists it, and its 成本 alone is as near 经济成本 and
    # 社会成本: read as 产出's 成本指标, a category listed without indicators, not lost
    got, codes, _ = read(text_rows([HEADER + "\t备注",
                                    "产出指标\t产出时效\t实际资金支出率\t≧95%\t历史标准",
                                    "产出指标\t产出成本\t\t\t",
                                    "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人\t"]))
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None), ("经济效益指标", "就业困难人员就业人数")]
    assert "label_unrecognised" not in codes


def test_a_label_with_every_character_off_beside_its_groups_label_is_that_groups_category():
    # 产出指标 | 戍木 on a line of its own: the group printed beside the damaged cell is the
    # line's own, so the category is 产出's, the one the order leaves after 时效; the group's
    # label is the category's, not carried to the 经济效益 row below
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t时效指标\t实际资金支出率\t≧95%",
                                    "产出指标\t戍木\t\t",
                                    "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"]))
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None), ("经济效益指标", "就业困难人员就业人数")]
    assert "label_read_by_order" in codes


def test_a_label_words_aspect_piece_is_no_category_of_its_own():
    # 方面 under 社会效益 is that label's 指标 worded (社会效益方面), wrapped: not the one
    # category (生态效益指标) the order leaves between 社会效益 and 可持续影响
    got, codes, _ = read(text_rows([HEADER,
                                    "效益指标\t社会效益\t受益人数\t≥5人",
                                    "\t方面\t\t",
                                    "\t可持续影响指标\t长效机制\t健全"]))
    assert "生态效益指标" not in [label for label, _ in got]


def test_a_short_damaged_piece_under_a_label_cut_short_stays_a_piece():
    # 可持续 above ends as no label does: 影晌 below it may be its rest, so no category
    got, codes, _ = read(text_rows([HEADER,
                                    "效益指标\t社会效益指标\t受益人数\t≥5人",
                                    "\t可持续\t长效机制\t健全",
                                    "\t影晌\t\t",
                                    "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"]))
    assert [name for _, name in got] == ["受益人数", "长效机制", "群众满意度"]
    assert "label_read_by_nearest" not in codes


# --- a category printed with its group's word, its own word damaged -----------------------

def test_a_category_after_its_groups_word_with_a_damaged_word_is_that_category():
    # 产出成木指标 holds 产出…指标, but is 产出 + 成本指标 with one look-alike: the row's
    # category, not a second level-1 label (which left the row to its wording: 时效)
    got, _, _ = read(text_rows([HEADER,
                                "产出指标\t时效指标\t补贴发放及时率\t100%",
                                "\t\t材料报送及时率\t100%",
                                "\t产出成木指标\t人均补贴及时发放标准\t≤800元",
                                "效益指标\t社会效益指标\t受益人数\t≥100人"]))
    assert got[2] == ("成本指标", "人均补贴及时发放标准")


def test_a_group_label_with_a_word_before_it_is_no_category():
    # 项目产出指标: the group's characters do not stand where a category prints them
    from formex.normalize.indicators.cells import worded_categories
    group = VOCAB.level1_specs["产出指标"]
    assert worded_categories("项目产出指标", group) == []
    assert [s.label for s, _ in worded_categories("产出成木指标", group)] == ["成本指标"]



def test_a_worded_category_too_damaged_to_tell_is_read_by_the_order():
    # 杜含效益指标: as near 经济, 社会 and 生态效益指标 (its own word lost), but 经济效益指标
    # prints above and 生态效益指标 below: a label of its own between them, 社会效益指标
    got, _, _ = read(text_rows([HEADER,
                                "效益指标\t经济效益指标\t带动产值\t≥5万元",
                                "\t杜含效益指标\t政策知晓率\t≥90%",
                                "\t\t群众办事便捷度\t提升",
                                "\t生态效益指标\t绿化面积\t≥20亩"]))
    assert [label for label, _ in got] == ["经济效益指标", "社会效益指标", "社会效益指标", "生态效益指标"]


def test_a_worded_category_restated_on_every_row_and_unread_stays_its_group():
    # 产出救量指标 on each row (as near 数量 as 质量): a table restating one label, not
    # labels of blocks of their own; read as before, by the group and the order
    got, codes, _ = read(text_rows([HEADER,
                                    "\t产出救量指标\t培训人数\t≥5人",
                                    "\t产出救量指标\t走访人次\t≥20人次",
                                    "\t质量指标\t发放准确率\t100%"]))
    assert [label for label, _ in got] == ["数量指标", "数量指标", "质量指标"]
    assert "label_unrecognised" not in codes


# --- a damaged label printed alike on several rows -------------------------------------------

def test_a_damaged_label_printed_as_a_cell_read_elsewhere_is_that_label():
    # 敉暈指标 reads as no category (two look-alikes in four); fused into the first name's
    # head the order reads it as 数量指标, and the rows printing the very same text in the
    # level column carry that label too, not a warning each and a placement's guess
    rows = text_rows(["二级指标\t三级指标\t指标值",
                      "\t敉暈指标 培训人数\t≥50人",
                      "敉暈指标\t帮扶就业人数\t≥20人",
                      "敉暈指标\t受益群众人数\t≥600人",
                      "质量指标\t发放准确率\t100%",
                      "时效指标\t拨付及时率\t100%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.placement.source) for i in indicators[1:3]] == \
        [("数量指标", "explicit")] * 2
    codes = [i.code for i in issues]
    assert "label_unrecognised" not in codes and codes.count("label_read_as_printed") == 2


# --- a row naming the 2021 template's 成本指标 group twice ------------------------------------

def test_a_damaged_category_beside_its_named_group_is_read_within_that_group():
    # 成本指标 is a group (2021 template) and 产出's category (older forms); a row printing it
    # in both cells, the right one with a damaged word before 成本指标, is the group's row:
    # an older form prints 产出 left of its 成本指标, never 成本指标 twice
    rows = text_rows([HEADER,
                      "产出指标\t数量指标\t培训人数\t≥5人",
                      "成本指标\t泾齐成本指标\t人均培训费用\t≤800元",
                      "效益指标\t社会效益指标\t就业率\t≥90%"])
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.level1, i.placement.level2.label) for i in indicators]
    assert got[1] == ("成本指标", "经济成本指标")
    # the left cell a longer wording of the group (产出成本指标), the cells swapped by reading
    rows = text_rows([HEADER,
                      "产出指标\t数量指标\t培训人数\t≥5人",
                      "产出成本指标\t泾齐成本指标\t人均培训费用\t≤800元",
                      "效益指标\t社会效益指标\t就业率\t≥90%"])
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.level1, i.placement.level2.label) for i in indicators]
    assert got[1] == ("成本指标", "经济成本指标")


def test_the_older_forms_cost_category_stays_under_its_group():
    rows = text_rows([HEADER,
                      "产出指标\t数量指标\t培训人数\t≥5人",
                      "\t成本指标\t人均培训费用\t≤800元",
                      "效益指标\t社会效益指标\t就业率\t≥90%"])
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.level1, i.placement.level2.label) for i in indicators]
    assert got[1] == ("产出指标", "成本指标")


# --- a short damaged label alone on its line between whole lines ---------------------------

SUB_HEADER_ROWS = [HEADER,
                   "产出指标\t数量指标\t\t",
                   "\t\t培训人数\t≥5人",
                   "\t质量指标\t\t",
                   "\t\t发放准确率\t100%",
                   "\t旷效\t\t",
                   "\t\t资金支付规范性\t合规",
                   "\t\t拨付进度\t100%",
                   "\t成本指标\t\t",
                   "\t\t人均成本\t≤300元"]


def test_a_short_damaged_label_alone_between_rows_opens_its_block():
    # 旷效 (时效 with a look-alike) is an alias's length, shorter than a label: alone on a
    # line between a row and a row it is no piece of a wrapped label, so the order reads
    # it (between 质量指标 and 成本指标, in a table printing its labels on lines of their own) and the rows below it are its block, not 质量's
    # (资金支付规范性 is worded for 质量: without the label line it stayed there)
    got, codes, _ = read(text_rows(SUB_HEADER_ROWS))
    assert got == [("数量指标", "培训人数"), ("质量指标", "发放准确率"), ("时效指标", "资金支付规范性"),
                   ("时效指标", "拨付进度"), ("成本指标", "人均成本")]
    assert "label_read_by_nearest" in codes


def test_a_short_piece_opening_inside_a_label_stays_a_piece():
    # 对象 opens inside 服务对象满意度指标, 祉会 read with the cell below it is 社会效益指标:
    # pieces of wrapped labels; 旷效, 戊本, 成朩 open as no label's inside does
    from formex.normalize.indicators.rows import opens_inside_label
    assert [opens_inside_label(t, VOCAB) for t in ("对象", "响指际", "旷效", "戊本", "成朩", "对效")] == \
        [True, True, False, False, False, False]
    _, codes, _ = read(text_rows([HEADER,
                                  "效益指标\t经济效益指标\t\t",
                                  "\t\t农户增收\t≥5元",
                                  "\t祉会\t\t",
                                  "\t效益指标\t\t",
                                  "\t\t受益人数\t≥5人",
                                  "\t可持续影响指标\t\t",
                                  "\t\t长效机制\t健全"]))
    assert "label_read_by_nearest" not in codes


def test_a_label_alone_below_a_row_whose_labels_lost_their_zhi_is_still_read():
    # 产出措标 / 时效措标 on the row above are labels OCR damaged in 指 (措标), not pieces
    # cut in a narrow column: they end in 标, as every label does, so the line below (the
    # group's label again, a category's label too damaged to read) is a line of its own,
    # read by the order: 成本指标 listed without indicators
    got, codes, _ = read(text_rows([HEADER,
                                    "产出措标\t时效措标\t实际资金支出率\t≧95%",
                                    "产出措标\t成木控制损标\t\t",
                                    "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"]))
    assert got == [("时效指标", "实际资金支出率"), ("成本指标", None), ("经济效益指标", "就业困难人员就业人数")]
    assert "label_read_by_nearest" in codes


def test_a_category_word_under_its_groups_word_in_the_level2_column_is_the_rows_own():
    # 产出 / 成本 stacked in the level-2 column: 产出成本指标 wrapped in its narrow cell,
    # the category printed with its group's word, the row's own; not a row beside it
    # whose category 成本指标 is listed without indicators
    got, _, _ = read(text_rows([HEADER,
                                "产出指标\t时效指标\t补贴发放及时率\t100%",
                                "\t产出\t补贴按时发放人均标准\t≤1200元",
                                "\t成本\t\t",
                                "效益指标\t社会效益指标\t城镇登记失业率\t≤3.5%"]))
    assert got == [("时效指标", "补贴发放及时率"), ("成本指标", "补贴按时发放人均标准"),
                   ("社会效益指标", "城镇登记失业率")]


def test_a_damaged_sub_header_left_unread_still_heads_the_block_below():
    # labels printed as sub-headers, the first's level-2 cell too damaged to tell 数量指标 from
    # 质量指标: its line, beside the group's label, still heads the first row's block, so the
    # rows below stay in the blocks their own sub-headers open: read without it, the first
    # block was a label lost, and a centred fit (each label half a line off) cost less than
    # sub-headers with a block unlabelled, the 效益 line read as a category without indicators
    got, _, _ = read(text_rows([HEADER,
                                "产出指标\t敖量性指标\t\t",
                                "\t\t建成服务站点\t10个",
                                "效益指标\t社会效益性指标\t\t",
                                "\t\t老年助餐服务覆盖率\t≥90%",
                                "满意度指标\t服务对象满意度指标\t\t",
                                "\t\t居民满意度\t"]))
    assert [name for _, name in got] == ["建成服务站点", "老年助餐服务覆盖率", "居民满意度"]
    assert [label for label, _ in got][1:] == ["社会效益指标", "服务对象满意度指标"]


# --- a label printed on every row, one row's copy unreadable -------------------------------

def test_an_unreadable_label_in_a_table_labelling_every_row_opens_its_own_block():
    # every row prints its level-2 cell; 散重 (look-alikes throughout) matches no category,
    # twice running (one block), then 质量指标; 时効 between 质量指标 and 成本指标: each is
    # the one category the order leaves between its neighbours, not their block filled on
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t散重\t培训人数\t≥5人",
                                    "产出指标\t散重\t走访人次\t≥20人次",
                                    "产出指标\t质量指标\t发放准确率\t100%",
                                    "产出指标\t时効\t拨付及时率\t100%",
                                    "产出指标\t成本指标\t人均成本\t≤5元"]))
    assert [label for label, _ in got] == ["数量指标", "数量指标", "质量指标", "时效指标", "成本指标"]
    assert "label_read_by_order" in codes


@pytest.mark.parametrize("cell, below", [
    ("质暈", "质量指标\t发放准确率"),    # shares 质 with 质量指标 below: perhaps a damaged copy of it
    ("指怀", "时效指标\t拨付及时率"),    # a wrapped label's last piece (one character beyond 指)
])
def test_an_unreadable_cell_that_may_be_a_piece_or_a_copy_is_no_block_of_its_own(cell, below):
    _, codes, _ = read(text_rows([HEADER,
                                  "产出指标\t数量指标\t培训人数\t≥5人",
                                  f"产出指标\t{cell}\t走访人次\t≥20人次",
                                  f"产出指标\t{below}\t100%",
                                  "产出指标\t成本指标\t人均成本\t≤5元"]))
    assert "label_read_by_order" not in codes


def test_a_category_listed_alone_under_a_label_worded_with_aspect_is_no_wrapped_piece():
    # 社会效益方面 (方面 for 指标) ends as a label does, so the line below it is no rest of a
    # label wrapped in its column: 生态环境效益 (a word put in, no 指标), a category listed
    # without indicators, keeps its row
    got, _, _ = read(text_rows([HEADER,
                                "产出指标\t数量指标\t培训人数\t≥100人",
                                "效益指标\t社会效益方面\t居民满意提升\t有所提升",
                                "效益指标\t生态环境效益\t\t",
                                "效益指标\t可持续影响指标\t长效机制\t持续完善"]))
    assert [label for label, _ in got] == ["数量指标", "社会效益指标", "生态效益指标", "可持续影响指标"]


# --- a category's short form with both characters look-alikes ------------------------------

@pytest.mark.parametrize("lines, labels", [
    # 旷効 keeps no character of any label: the row prints a label of its own, so it is not
    # in 质量指标's block, whose label the row above prints; its 及时 tells which
    (["产出指标\t数量指标\t培训人数\t≥5人", "\t质量指标\t发放准确率\t100%",
      "\t旷効\t补贴发放及时率\t100%", "效益指标\t社会效益指标\t服务覆盖率\t≥85%"],
     ["数量指标", "质量指标", "时效指标", "社会效益指标"]),
    # 贸暈 between 数量指标 and 时效指标: the one category the order leaves between them
    (["产出指标\t数量指标\t培训人数\t≥5人", "\t\t走访人次\t≥20人次",
      "\t贸暈\t资金发放情况\t100%", "\t时效指标\t拨付及时率\t100%"],
     ["数量指标", "数量指标", "质量指标", "时效指标"]),
])
def test_a_short_label_of_look_alikes_printed_once_opens_a_block_of_its_own(lines, labels):
    got, _, _ = read(text_rows([HEADER, *lines]))
    assert [label for label, _ in got] == labels


@pytest.mark.parametrize("lines", [
    # 广出 keeps 出 of 产出指标 in place: a group's short form, no category's label
    ["\t广出\t培训人数\t≥5人", "\t数量指标\t走访人次\t≥20人次", "\t质量指标\t发放准确率\t100%"],
    # 旷効 printed twice: a label restated on its block's rows, the block 数量指标's
    ["产出指标\t数量指标\t培训人数\t≥5人", "\t旷効\t走访人次\t≥20人次", "\t旷効\t服务户数\t≥6户",
     "\t质量指标\t发放准确率\t100%"],
])
def test_a_short_damaged_cell_a_group_label_or_restated_opens_no_block(lines):
    got, _, _ = read(text_rows([HEADER, *lines]))
    assert [label for label, _ in got][:2] == ["数量指标", "数量指标"]


def test_a_numbered_damaged_label_wrapped_over_two_lines_is_read_whole():
    # 顸箅秀 / 明度 in a narrow level-2 column: no piece reads alone, the row number says the
    # first line is a row (a category listed without indicators), and the unnumbered line
    # below is the rest of its label; joined, the order between 资产管理 and 内部控制管理
    # reads it
    got, codes, _ = numbered(["1\t投入管理指标\t预算执行管理\t\t",
                              "2\t\t资产管理\t\t",
                              "3\t\t顸箅秀\t\t",
                              "明度\t\t",
                              "4\t\t内部控制管理\t\t",
                              "5\t产出指标\t数量指标\t培训人数\t≥5人"])
    assert got == [("预算执行管理", None), ("资产管理", None), ("预算透明度", None),
                   ("内部控制管理", None), ("数量指标", "培训人数")]
    assert "label_unrecognised" not in codes


def test_a_numbered_line_whose_label_reads_as_nothing_is_kept():
    # the same line, its pieces spelling no category: still a row of the table (its 序号 is
    # printed), kept with its label unread and said, never dropped
    got, codes, issues = numbered(["1\t投入管理指标\t预算执行管理\t\t",
                                   "2\t\t资产管理\t\t",
                                   "3\t\t乂丫乜\t\t",
                                   "乇么\t\t",
                                   "4\t\t内部控制管理\t\t",
                                   "5\t产出指标\t数量指标\t培训人数\t≥5人"])
    assert len(got) == 5 and got[-1] == ("数量指标", "培训人数")
    assert any(i.code == "label_unrecognised" and "乂丫乜乇么" in i.message for i in issues)


def test_a_label_tail_with_its_first_characters_damaged_stays_a_piece():
    # 响措标 (影响指标's tail, 指 damaged) under a row whose name opens with the label's
    # head: 响 opens no label, so the cell is a later piece even between two whole lines,
    # never a category listed without indicators read by the order
    from formex.normalize.indicators.rows import opens_inside_label
    assert [opens_inside_label(t, VOCAB) for t in ("响措标", "益方面", "成夲", "戌木", "对效")] == \
        [True, True, False, False, False]
    _, codes, _ = read(text_rows([HEADER,
                                  "效益指标\t社会效益指标\t受益人数\t≥5人",
                                  "\t\t可持绫影设施维护管理机制\t健全",
                                  "\t响措标\t\t",
                                  "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"]))
    assert "label_read_by_nearest" not in codes


def test_a_wrapped_labels_generic_tail_is_read_as_no_category():
    # `度指标`, the last line of a wrapped 服务对象满意度指标 fused onto the next row, prints
    # only characters of the 满意度指标 label above (and 指标): a piece of it, not a damaged
    # 管理指标 (the one category the order leaves), so the row keeps its own wording
    rows = text_rows(["一级指标\t二级指标\t三级指标\t拾柝值",
                      "可持续\t退役军人服务保障体系长效机制\t健全",
                      "发展指\t烈士纪念设施管理保护满意度调\t",
                      "标\t查制度\t完善",
                      "满意度\t\t服务对 退役军人满意度\t≥90.00(%)",
                      "指标\t\t象满意 优抚对象满意度\t≥90.00(%)",
                      "度指标\t军休干部满意度\t≥92.00(%)"])
    placed, _, _ = read(rows)
    assert placed[-1] == ("服务对象满意度指标", "军休干部满意度")
    assert piece_of_label_above("度指标", "服务对象满意度指标")
    assert not piece_of_label_above("篮锂指标", "服务对象满意度指标")   # 管理指标, damaged


def test_a_label_read_only_by_its_generic_characters_is_no_category():
    # 贸暈类指标 shares with 管理类指标 only 类指标, which every label prints: no reading of
    # another group beside its own 产岂指标 (产出), but a damaged cell the order places
    indicators, issues = rows_to_indicators(text_rows([HEADER,
                                                       "产出指标\t数量指标\t培训人数\t≥5人",
                                                       "\t\t走访人次\t≥20人次",
                                                       "产岂指标\t贸暈类指标\t\t",
                                                       "\t\t发放准确率\t100%",
                                                       "\t时效指标\t拨付及时率\t100%",
                                                       "效益指标\t社会效益指标\t受益人数\t100人"]),
                                            SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.level1, i.placement.level2.label, i.row.name) for i in indicators] == [
        ("产出指标", "数量指标", "培训人数"), ("产出指标", "数量指标", "走访人次"),
        ("产出指标", "质量指标", "发放准确率"), ("产出指标", "时效指标", "拨付及时率"),
        ("效益指标", "社会效益指标", "受益人数")]
    assert not any(i.code == "header_fuzzy_match" and "贸暈类指标" in i.message for i in issues)
    assert any(i.code == "label_read_by_order" and "贸暈类指标" in i.message and i.field == "level2"
               for i in issues)


def test_a_short_label_keeping_a_character_two_categories_share_opens_a_block():
    # 贡量 keeps the 量 of the readable 数量指标 in place, but as much that of 质量指标, which no
    # row prints: no restated 数量指标, a label of its own, the category the order leaves
    got, _, _ = read(text_rows([HEADER, "产出指标\t数量指标\t培训人数\t≥5人", "\t\t走访人次\t≥20人次",
                                "\t贡量\t资金发放情况\t100%", "\t\t项目实施情况\t完成",
                                "\t时效指标\t拨付及时率\t100%"]))
    assert [label for label, _ in got] == ["数量指标", "数量指标", "质量指标", "质量指标", "时效指标"]


# --- a damaged label beside a row's name: read by the labels around it -------------------

def test_a_damaged_label_beside_a_row_is_read_as_the_nearest_the_order_allows():
    # 时効 (效 a look-alike) prints at the top of its block as 质量指标 and 成本指标 do: left
    # unread, its block had no label and 准确 sent its rows to 质量指标; between 质量指标 and
    # 成本指标 the order leaves 时效指标, which it shares 时 with
    got, codes, issues = read(text_rows([HEADER,
                                         "产出指标\t质量指标\t补贴发放准确率\t≥98%",
                                         "\t\t养老金发放准确率\t100%",
                                         "\t时効\t资金拨付准确率\t100%",
                                         "\t\t实际资金支出率\t≥95%",
                                         "\t成本指标\t贴息资金控制数\t≤790万元"]))
    assert got == [("质量指标", "补贴发放准确率"), ("质量指标", "养老金发放准确率"), ("时效指标", "资金拨付准确率"),
                   ("时效指标", "实际资金支出率"), ("成本指标", "贴息资金控制数")]
    assert any(i.code == "label_read_by_nearest" and "时効" in i.message and "beside" in i.message for i in issues)
    assert "label_unrecognised" not in codes


def test_a_damaged_piece_over_another_unread_piece_is_left_unread():
    # 旪效 over 类措 over 标: one label wrapped over three rows, its first piece no label of
    # its own; read alone, its later pieces would be left to the names below
    _, codes, _ = read(text_rows([HEADER,
                                  "产出指标\t质量指标\t补贴发放准确率\t≥98%",
                                  "\t旪效\t资金支付规范性\t合规",
                                  "\t类措\t实际资金支出率\t≥95%",
                                  "\t标\t养老金按月发放及时率\t100%",
                                  "\t成本指标\t贴息资金控制数\t≤790万元"]))
    assert "label_read_by_nearest" not in codes and "label_unrecognised" in codes


def test_a_damaged_cell_as_wide_as_its_columns_wrapped_pieces_is_left_unread():
    # the column wraps its labels after three characters (产出数 / 量指标): 戌本控 fills the
    # width, so its label may go on below (制损标), and it is no whole label to read
    _, codes, _ = read(text_rows([HEADER,
                                  "产出指标\t产出数\t新增就业人数\t10人",
                                  "\t量指标\t\t",
                                  "\t时效指标\t资金下达率\t100%",
                                  "\t戌本控\t贴息资金控制数\t≤790万元",
                                  "效益指标\t社会效益指标\t城镇登记失业率\t≤3.5%"]))
    assert "label_read_by_nearest" not in codes


def test_a_short_damaged_label_atop_a_page_keeping_a_character_of_the_label_above_is_left_unread():
    # 贡量 opens page 2 under 数量指标 of page 1, keeping its 量: a table restating its labels
    # per page may print 数量指标 again there, as well as a 质量指标 of its own; the rows'
    # wording (户数, 人数) places them, as for 贡量指标 (`rows.restates_label_across_page`)
    got, codes, _ = read(paged_rows([(1, HEADER), (1, "产出指标\t数量指标\t培训人数\t≥5人"),
                                     (1, "\t\t走访人次\t≥20人次"), (2, "\t贡量\t发放户数\t≥100户"),
                                     (2, "\t\t服务人数\t≥200人"), (2, "\t时效指标\t拨付及时率\t100%")]))
    assert [label for label, _ in got] == ["数量指标"] * 4 + ["时效指标"]
    assert "label_read_by_nearest" not in codes and "label_unrecognised" in codes


def test_a_damaged_first_piece_over_a_label_wrapped_on_its_own_row_is_left_unread():
    # 杜会 over 效益 (read as a group's word on the row's own wrapped line) over 性指 over 标:
    # one label wrapped over a tall row and the row below; read alone as 社会效益指标, its
    # later pieces were cut off the name below as a label's tail, leaving 性指标 in the name
    got, codes, issues = read(text_rows([HEADER,
                                         "数量\t受理业务办件量\t≥120000(件)",
                                         "指标\t社区综合帮扶个案数\t≥150(个)",
                                         "质量\t受理事项办理合格率\t≥98%",
                                         "指标\t窗口服务规范达标率\t=100%",
                                         "经济\t\t无",
                                         "效益\t\t",
                                         "指标\t\t",
                                         "杜会\t提高困难群众生活水\t",
                                         "效益\t平\t≥90%",
                                         "性指 社区登记失业率控制\t≤4%",
                                         "标\t提升为老服务覆盖面\t>85%",
                                         "服务对象\t群众满意度\t≥90%",
                                         "满意度指标\t\t"]))
    assert not any(i.code == "label_read_by_nearest" and "杜会" in i.message for i in issues)
    assert not any(name and name.startswith("性指标") for _, name in got)


def test_a_damaged_label_under_a_bare_alias_is_no_rest_of_it():
    # 时效 above is 时效指标 printed bare, whole: its longer forms add only 指标 / 目标, so
    # 成未 (beside its group's 产出指标) holds characters no rest of it does: a category
    # listed without indicators (成本, the one 产出 leaves after 时效), not 时效's wrapped end
    got, codes, _ = read(text_rows([HEADER,
                                    "\t时效\t资金支付及时率\t100%",
                                    "产出指标\t成未\t\t",
                                    "\t社会效益指标\t受益人数\t≥5人",
                                    "效益指标\t\t受益户数\t≥5户"]))
    assert got == [("时效指标", "资金支付及时率"), ("成本指标", None), ("社会效益指标", "受益人数"),
                   ("社会效益指标", "受益户数")]
    assert "label_read_by_nearest" in codes


def test_a_damaged_label_line_alone_between_rows_heads_the_block_below():
    # sub-headers, one of them too damaged to read (戊朩, 成本's two characters look-alikes)
    # and printed with no group label beside it: its line still stands between the rows
    # where the block it names opens, so the row below is read by its wording (造价, 成本)
    # in a block of its own. Dropped with its place, its row was a lost label's, and the
    # sub-header fit ran the 时效 block above over it, trusted against its wording
    got, _, issues = read(text_rows([HEADER,
                                     "产出指标\t数量指标\t\t",
                                     "\t\t完成工程建设的行政村\t12个",
                                     "\t\t新建供水管网长度\t≥46公里",
                                     "\t质量指标\t\t",
                                     "\t\t工程验收合格率\t100%",
                                     "\t时效指标\t\t",
                                     "\t\t工程完工及时率\t≥95%",
                                     "\t戊朩\t\t",
                                     "\t\t单位管网造价\t≤15万元/公里",
                                     "效益指标\t社会效益指标\t\t",
                                     "\t\t受益人口\t≥2.3万人",
                                     "\t\t农村集中供水率\t≥90%",
                                     "满意度指标\t服务对象满意度指标\t\t",
                                     "\t\t受益群众满意度\t≥90%"]))
    assert [name for _, name in got] == ["完成工程建设的行政村", "新建供水管网长度", "工程验收合格率", "工程完工及时率",
                                         "单位管网造价", "受益人口", "农村集中供水率", "受益群众满意度"]
    assert [label for label, _ in got][:5] == ["数量指标", "数量指标", "质量指标", "时效指标", "成本指标"]
    # (two characters: 成本, the one category between 时效 and 社会效益 a label that short may be)
    assert any(i.code in ("label_unrecognised", "label_read_by_order") and i.severity == "warning"
               and "戊朩" in i.message for i in issues)


def test_a_dropped_label_line_gives_its_cell_to_the_row_below_unless_it_spells_the_label_above():
    # an unread damaged label line goes, but in a table printing its labels on lines of their
    # own its cell stays the row below's, half a line above it (a label printed on a line of its
    # own between rows); a line spelling only characters of the label stated just above it
    # (`响类指标` under 可持续影响指标) is that label's wrapped rest; where every label shares its
    # line with a name, a line alone may be a category listed without indicators and goes as before
    from formex.normalize.indicators.cells import IndicatorRow, LabelHint
    from formex.normalize.indicators.rows import drop_unread_label_lines

    def row(i: int, name: str | None = None, damaged: str | None = None, label: str | None = None):
        cell = Cell(damaged or label or "", damaged or label or "", 1)
        item = IndicatorRow(Row(i, (cell,), 1, f"line {i}"), name=name, lines=(i, i))
        if damaged:
            item.damaged, item.unrecognised = [cell], [cell]
        if label:
            spec = next(c for c in SCHEMA.level2_order if c.label == label)
            item.level2 = [LabelHint(2, spec, cell, LabelMatch(label, label, 100.0), line=i)]
            item.own_level2 = item.level2[0] if name is None else None
        return item

    items = [row(0, label="时效指标"), row(1, "工程完工及时率"), row(2, damaged="戊朩"), row(3, "单位管网造价")]
    out = drop_unread_label_lines(items)
    assert [item.name for item in out] == [None, "工程完工及时率", "单位管网造价"]
    assert [c.text for c in out[2].damaged] == ["戊朩"] and out[2].damaged_offset == -0.5
    assert out[2].lines == (2, 2)
    items = [row(0, label="可持续影响指标"), row(1, damaged="响类指标"), row(2, "人员到位率")]
    out = drop_unread_label_lines(items)
    assert [item.name for item in out] == [None, "人员到位率"] and not out[1].damaged
    items = [row(0, "教育经费及时拨付率", label="时效指标"), row(1, damaged="咸未"), row(2, "学生综合素质提升")]
    out = drop_unread_label_lines(items)
    assert [item.name for item in out] == ["教育经费及时拨付率", "学生综合素质提升"] and not out[1].damaged


# --- a damaged label the order narrows and its kept characters choose ----------------------

def test_a_damaged_label_keeping_its_categorys_word_in_place_is_the_category_the_order_leaves():
    # 经济孝盆方面 (经济效益方面, 效益 damaged) beside a row's name, between 成本指标 (the older
    # forms' category of 产出, so no 经济成本指标) and 可持续影响指标: of 经济, 社会 and 生态效益
    # it keeps 经济 of 经济效益 in place; unread, its rows went to 社会效益 (就业)
    got, _, issues = read(text_rows([HEADER,
                                     "产出指标\t数量指标\t培训人数\t≥5人",
                                     "\t\t走访人次\t≥20人次",
                                     "\t成本指标\t人均成本\t≤5元",
                                     "\t经济孝盆方面\t困难人员就业人数\t≥100人",
                                     "效益指标\t可持续影响指标\t长效机制\t持续完善"]))
    assert [label for label, _ in got] == ["数量指标", "数量指标", "成本指标", "经济效益指标", "可持续影响指标"]
    assert any(i.code == "label_read_by_order" and i.severity == "warning" and "经济孝盆方面" in i.message
               for i in issues)


def test_a_damaged_label_keeping_characters_two_categories_left_share_is_not_read_by_them():
    # 祆仑效益方面 keeps only 效益, which 经济, 社会 and 生态效益 all print: the order leaves three
    got, _, issues = read(text_rows([HEADER,
                                     "产出指标\t数量指标\t培训人数\t≥5人",
                                     "\t\t走访人次\t≥20人次",
                                     "\t成本指标\t人均成本\t≤5元",
                                     "\t祆仑效益方面\t困难人员就业人数\t≥100人",
                                     "效益指标\t可持续影响指标\t长效机制\t持续完善"]))
    assert not any(i.code == "label_read_by_order" and "祆仑效益方面" in i.message for i in issues)


def test_a_cell_read_as_its_group_with_a_damaged_word_before_it_is_the_category_the_order_leaves():
    # 径挤效益指标 (经济效益指标, 经济 damaged) reads as the group 效益指标 by its tail; a word
    # of two characters before the group's word is one of its X效益指标 categories (经济, 社会,
    # 生态效益), and between 成本指标 and 社会效益指标 the order leaves 经济效益 alone;
    # read as the group, its rows went to 社会效益 (就业)
    got, _, issues = read(text_rows([HEADER,
                                     "产出指标\t数量指标\t培训人数\t≥5人",
                                     "\t成本指标\t人均成本\t≤5元",
                                     "\t径挤效益指标\t困难人员就业人数\t≥100人",
                                     "\t\t失业人员再就业人数\t≥50人",
                                     "\t社会效益指标\t政策知晓率\t≥90%",
                                     "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"]))
    assert [label for label, _ in got] == ["数量指标", "成本指标", "经济效益指标", "经济效益指标", "社会效益指标",
                                           "服务对象满意度指标"]
    assert any(i.code == "label_read_by_order" and i.severity == "warning" and "径挤效益指标" in i.message
               for i in issues)
    # between 成本指标 and 可持续影响指标 the order leaves three such categories: not read
    got, _, issues = read(text_rows([HEADER,
                                     "产出指标\t数量指标\t培训人数\t≥5人",
                                     "\t成本指标\t人均成本\t≤5元",
                                     "\t径挤效益指标\t困难人员就业人数\t≥100人",
                                     "\t可持续影响指标\t长效机制\t持续完善"]))
    assert not any(i.code == "label_read_by_order" and "径挤效益指标" in i.message for i in issues)


def test_a_group_read_cell_names_its_x_categories_only_before_a_word_no_label_prints():
    # the shape alone: a word as long as the categories' before the group's; a group's word
    # (产出成本指标: 产出's 成本指标) or a category's written out (经济效益指标) is no such cell
    from formex.normalize.indicators.rows import group_worded_categories
    assert [s.label for s in group_worded_categories("径挤效益类指标", "效益指标", VOCAB)] == \
        ["经济效益指标", "社会效益指标", "生态效益指标"]
    assert group_worded_categories("产出成本指标", "成本指标", VOCAB) == []
    assert group_worded_categories("经济效益指标", "效益指标", VOCAB) == []
    assert group_worded_categories("效益类指标", "效益指标", VOCAB) == []


# --- a category's bare word with one character of two in place --------------------------

def test_a_short_label_keeping_a_shared_character_is_the_category_the_order_leaves_unprinted():
    # 散量 keeps the 量 of 数量 and of 质量 alike; between 数量指标 read above and 时效指标 below
    # the order leaves 质量 unprinted: read so, warned. At the table's top (nothing read above)
    # it is not read: the categories before 质量 are open. 资金 keeps no bare word's character
    # (read with and without the reading, only rows 2..3 move, into 质量's block: the guard
    # `only_own_blocks_moved` keeps it)
    from formex.normalize.indicators.rows import is_short_word, short_words_kept
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t数量指标\t培训人数\t≥5人",
                                    "\t\t走访人次\t≥20人次",
                                    "\t散量\t发放准确率\t100%",
                                    "\t\t资金拨付及时率\t100%",
                                    "\t时效指标\t办结及时率\t100%"]))
    assert [label for label, _ in got] == ["数量指标", "数量指标", "质量指标", "质量指标", "时效指标"]
    assert "label_read_by_order" in codes or "label_read_by_nearest" in codes
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t散量\t培训人数\t≥5人",
                                    "\t质量指标\t发放准确率\t100%"]))
    assert "label_read_by_order" not in codes
    window = [spec for spec in SCHEMA.level2_order if spec.label in ("数量指标", "质量指标", "时效指标")]
    assert [s.label for s in short_words_kept("散量", window, set(), VOCAB)] == ["数量指标", "质量指标"]
    assert [s.label for s in short_words_kept("散量", window, {"数量指标"}, VOCAB)] == ["质量指标"]
    assert short_words_kept("资金", window, set(), VOCAB) == []
    assert is_short_word("时孝") and not is_short_word("类指") and not is_short_word("数量指")


def test_a_name_opening_with_a_damaged_bare_word_in_a_wider_gap_is_cut_where_one_category_keeps_it():
    # 时孝 opens the name between 数量指标 and 成本指标: the gap leaves 质量 and 时效, and of the
    # two only 时效 prints 时 first. 散重 keeps no character in place of either; 散量 would keep
    # the 量 both print (a second test below: the gap of one)
    from formex.normalize.indicators.fused_order import damaged_short_head_in_gap
    gap = ["质量指标", "时效指标"]
    assert damaged_short_head_in_gap("时孝传染病报告及时率", gap, VOCAB, ())[:3] == \
        ("时效指标", "时孝", "传染病报告及时率")
    assert damaged_short_head_in_gap("散重传染病报告及时率", gap, VOCAB, ()) is None
    assert damaged_short_head_in_gap("贸量传染病报告及时率", ["数量指标", "质量指标"], VOCAB, ()) is None
    # a cell printing a longer head before a space (`戊本控 药品…`: 成本控制's text): not of a gap of several
    assert damaged_short_head_in_gap("戊本控药品耗材采购支出", ["时效指标", "成本指标"], VOCAB, (), cuts=(3,)) is None
    assert damaged_short_head_in_gap("戊本药品耗材采购支出", ["时效指标", "成本指标"], VOCAB, (), cuts=(2,))[:2] == \
        ("成本指标", "戊本")
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t数量指标\t培训人数\t≥5人",
                                    "\t\t时孝传染病报告及时率\t≥98%",
                                    "\t成本指标\t办结及时率\t100%"]))
    assert got == [("数量指标", "培训人数"), ("时效指标", "传染病报告及时率"), ("成本指标", "办结及时率")]


def test_a_name_opening_with_a_damaged_bare_word_in_a_gap_of_one_is_cut():
    # 质重 opens the name between 数量指标 and 时效指标 read on the rows around: the gap
    # leaves 质量 alone, 质 is in place and 重 is no label's character: the label fused into
    # the name. 时间 (a word names open with) or a head printed inside another name is not
    from formex.normalize.indicators.fused_order import damaged_short_head
    assert damaged_short_head("质重传染病报告及时率", "质量指标", VOCAB, ())[:3] == \
        ("质量指标", "质重", "传染病报告及时率")
    assert damaged_short_head("时间节点完成率统计", "时效指标", VOCAB, ()) is None
    assert damaged_short_head("时孝年度建设任务完成", "时效指标", VOCAB, ("时孝考核",)) is None
    assert damaged_short_head("数量年度建设任务完成", "质量指标", VOCAB, ()) is None   # 数 another label's
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t数量指标\t培训人数\t≥5人",
                                    "\t\t质重传染病报告及时率\t≥98%",
                                    "\t时效指标\t办结及时率\t100%"]))
    assert got == [("数量指标", "培训人数"), ("质量指标", "传染病报告及时率"), ("时效指标", "办结及时率")]
    assert "label_unrecognised" in codes   # the raw text kept in the cell, the reading warned
    # a longer label damaged (质量类指标, 成本控制指标): its rest is no name
    assert damaged_short_head("质晕类措就业见习补贴发放准确率", "质量指标", VOCAB, ()) is None
    assert damaged_short_head("戊本控制指柝药品耗材采购支出", "成本指标", VOCAB, ()) is None
    assert damaged_short_head("长效机制社区工作者岗前培训", "时效指标", VOCAB, ()) is None
    # the document printing 脂 for 指 (`二吸脂标`): 时孝脂… is the label's head running on
    assert damaged_short_head("时孝脂疫苗接种信息录入及时率", "时效指标", VOCAB, ()) is not None
    assert damaged_short_head("时孝脂疫苗接种信息录入及时率", "时效指标", VOCAB, (), frozenset({("指", "脂")})) is None


def test_a_label_read_by_the_order_alone_moves_only_its_own_block_around_its_row():
    # rows 0..5; row 2 reads 散量 as 质量指标 by the order alone (`by_order`). Placed with it,
    # the rows may differ from the placing without it only by rows taken into 质量's block in
    # a run holding or touching row 2; a row of another block moved, its own row placed
    # elsewhere, or an edge moved away from row 2 (rows 2..3 already 质量 without it) is not
    from formex.normalize.indicators.cells import IndicatorRow
    from formex.normalize.indicators.hierarchy import Placement, only_own_blocks_moved, runs_in
    spec = {s.label: s for s in SCHEMA.level2_order}
    items = [IndicatorRow(row=None, lines=(i, i), by_order="质量指标" if i == 2 else None) for i in range(6)]
    before = [IndicatorRow(row=None, lines=(i, i)) for i in range(6)]

    def placed(*labels):
        return [Placement(spec[label], "inferred", None, None) for label in labels]

    without = placed("数量指标", "数量指标", "数量指标", "数量指标", "时效指标", "时效指标")
    assert only_own_blocks_moved(items, placed("数量指标", "数量指标", "质量指标", "质量指标", "时效指标", "时效指标"),
                                 before, without)
    same = placed("数量指标", "数量指标", "质量指标", "质量指标", "时效指标", "时效指标")
    assert only_own_blocks_moved(items, same, before, same)   # its row placed so without it: nothing moved
    assert not only_own_blocks_moved(items, without, before, without)   # its own row left in 数量
    # the neighbouring block's edge moved (row 4 into 数量)
    assert not only_own_blocks_moved(items, placed("数量指标", "数量指标", "质量指标", "质量指标", "数量指标",
                                                   "时效指标"), before, without)
    # its own row in another category
    assert not only_own_blocks_moved(items, placed("数量指标", "质量指标", "数量指标", "数量指标", "时效指标",
                                                   "时效指标"), before, without)
    # 质量's block already rows 2..3: row 4 taken from 时效 is an edge moved away from the label's row
    without = placed("数量指标", "数量指标", "质量指标", "质量指标", "时效指标", "时效指标")
    assert not only_own_blocks_moved(items, placed("数量指标", "数量指标", "质量指标", "质量指标", "质量指标",
                                                   "时效指标"), before, without)
    # under another model than the fit without it: only its own row may move
    grown = placed("数量指标", "数量指标", "质量指标", "质量指标", "时效指标", "时效指标")
    without = placed("数量指标", "数量指标", "数量指标", "数量指标", "时效指标", "时效指标")
    assert not only_own_blocks_moved(items, grown, before, without, same_model=False)
    without = placed("数量指标", "数量指标", "数量指标", "质量指标", "时效指标", "时效指标")
    assert only_own_blocks_moved(items, grown, before, without, same_model=False)   # row 2 alone moved
    # rows read otherwise (a join split apart): not comparable, no reading
    assert not only_own_blocks_moved(items, without, before[:5], without[:5])
    assert runs_in([1, 2, 4, 6, 7]) == [(1, 2), (4, 4), (6, 7)] and runs_in([]) == []


def test_rows_a_reading_by_the_order_takes_lie_nearer_its_row_than_the_label_they_leave():
    # row 4 reads a damaged bare word as 经济效益指标 by the order; rows 2..3 sat in 成本's
    # block, whose label prints alone on row 1 (ninth_mixed 1438 #20). Row 3 lies nearer
    # row 4 and may go; row 2 lies nearer 成本's label and may not. A bare word fused at a
    # row's own head (`成本…`) prints the label on that row (eleventh_mixed 1425 #13); a
    # label wrapped over several rows stands where it starts (rare_narrow 1422 #7). Only a
    # reading confirming its own row's category is held so (eighth_mixed 1216 #21)
    from formex.normalize.indicators.cells import IndicatorRow, LabelHint
    from formex.normalize.indicators.hierarchy import taken_rows_nearer_reading
    from formex.normalize.labels import LabelMatch
    spec = {s.label: s for s in SCHEMA.level2_order}
    items = [IndicatorRow(row=None, name=f"指标{i}", by_order="经济效益指标" if i == 4 else None) for i in range(6)]
    label = Cell("成本指标", "成本指标", 1)
    match = LabelMatch("成本指标", "成本指标", 100.0)
    items[1] = IndicatorRow(row=None, level2=[LabelHint(2, spec["成本指标"], label, match)])
    was = ["成本指标"] * 4 + ["经济效益指标"] * 2
    now = ["成本指标"] * 3 + ["经济效益指标"] * 3
    assert taken_rows_nearer_reading(items, [3], now, was)
    assert not taken_rows_nearer_reading(items, [2, 3], ["成本指标"] * 2 + ["经济效益指标"] * 4, was)
    # a copy of the label filled down onto a row prints nothing there
    items[2].level2 = [LabelHint(2, spec["成本指标"], label, match, copied=True)]
    assert taken_rows_nearer_reading(items, [3], now, was)
    items[3].name = "成本年度改造任务完成率"
    assert not taken_rows_nearer_reading(items, [3], now, was)
    # a label wrapped over rows 1..2 stands where it starts: row 3 lies no nearer it than row 4
    items[3].name = "指标3"
    items[2].level2 = [LabelHint(2, spec["成本指标"], label, match)]
    assert taken_rows_nearer_reading(items, [3], now, was)
    # a reading that moves its own row (placed in 成本 without it) is new evidence: its block follows it
    assert taken_rows_nearer_reading(items, [2, 3, 4], ["成本指标"] * 2 + ["经济效益指标"] * 4,
                                     ["成本指标"] * 5 + ["经济效益指标"])
    # a block without a printed label gives way
    assert taken_rows_nearer_reading(items, [5], ["数量指标"] * 4 + ["经济效益指标"] * 2,
                                     ["数量指标"] * 4 + ["经济效益指标", "时效指标"])


# --- a label ending in 指标 as the document prints it is whole -------------------------------

def test_ends_in_printed_suffix():
    printed = frozenset({("指", "拍"), ("标", "杯")})
    assert ends_in_printed_suffix("时效拍杯", printed)
    assert ends_in_printed_suffix("时效指杯", printed)
    assert not ends_in_printed_suffix("时效拍杯", frozenset())
    assert not ends_in_printed_suffix("服务对象", printed)
    assert not ends_in_printed_suffix("拍杯", printed)     # an ending alone is no label


def test_a_label_line_under_a_label_ending_as_the_table_prints_its_zhibiao_is_a_category():
    # the table prints 指标 as 拍杯 (时效拍杯 on each 时效 row, read as 时效指标): 产出指标 | 成本拍杯
    # on a line of its own below is no rest of 时效拍杯 cut short but a whole label, 成本指标
    # listed without indicators, not carried into the 经济效益 row below
    got, codes, _ = read(text_rows([HEADER,
                                    "产出指标\t时效拍杯\t资金支付规范性\t合规",
                                    "产出指标\t时效拍杯\t实际资金支出率\t≧95%",
                                    "产出指标\t成本拍杯\t\t",
                                    "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"]))
    assert got == [("时效指标", "资金支付规范性"), ("时效指标", "实际资金支出率"), ("成本指标", None),
                   ("经济效益指标", "就业困难人员就业人数")]


# --- readings evidence for their own block only, behind the guard ----------------------------

def test_a_label_read_by_its_length_is_marked_evidence_for_its_own_block_only():
    # 戍夲 between 时效 and 社会效益 is 成本 by its length alone (成本 and 经济效益 both between):
    # its row is marked `by_order`, and read without such readings (by_order=False) it is not read
    from formex.normalize.indicators.rows import rows_to_indicator_rows
    rows = text_rows([HEADER, "产出指标\t时效指标\t实际资金支出率\t≧95%", "\t戍夲\t\t",
                      "效益指标\t社会效益指标\t受益人数\t≥5人"])
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    assert [item.by_order for item in items] == [None, "成本指标", None]
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False, by_order=False)
    assert not any(item.by_order for item in items)
    assert not any(h.spec.label == "成本指标" for item in items for h in item.level2)


def test_a_label_line_kept_by_the_printed_zhibiao_above_is_marked_and_read_without_it_folds():
    # 产出指标 | 成本拍杯 under 时效拍杯: kept as 成本's row only because the table prints 指标 as
    # 拍杯; marked `by_order`. Without such readings the line is no row of its own
    from formex.normalize.indicators.rows import rows_to_indicator_rows
    rows = text_rows([HEADER, "产出指标\t时效拍杯\t资金支付规范性\t合规",
                      "产出指标\t时效拍杯\t实际资金支出率\t≧95%", "产出指标\t成本拍杯\t\t",
                      "效益指标\t经济效益指标\t就业困难人员就业人数\t≥5人"])
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    assert [item.by_order for item in items] == [None, None, "成本指标", None]
    without, _ = rows_to_indicator_rows(rows, SCHEMA, False, by_order=False)
    assert len(without) == 3



def test_a_damaged_label_alone_above_a_label_line_ending_as_the_table_prints_zhibiao_is_read_and_marked():
    # 戊朩 alone between a 时效 row and the line 效益指怀 | 经济效益指标: the table prints 怀 for
    # 标 (效益指怀 read as 效益指标), so that line is a whole label line, no piece of a label, and
    # 戊朩 between whole lines is a label of its own, the category the order leaves (成本). Only
    # that ending kept it: its row is marked `by_order`; without such readings it is no row
    from formex.normalize.indicators.rows import rows_to_indicator_rows
    rows = text_rows([HEADER, "产出指标\t时效指怀\t实际资金支出率\t≧95%", "\t戊朩\t\t",
                      "效益指怀\t经济效益指标\t\t", "\t\t就业困难人员就业人数\t≥5人"])
    got, _, _ = read(rows)
    assert ("成本指标", None) in got
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    assert "成本指标" in [item.by_order for item in items]
    without, _ = rows_to_indicator_rows(rows, SCHEMA, False, by_order=False)
    assert not any(h.spec.label == "成本指标" for item in without for h in item.level2)

def test_a_short_line_keeping_no_category_character_under_a_label_ending_in_lei_may_be_its_zhibiao():
    from formex.normalize.indicators.cells import IndicatorRow, LabelHint
    from formex.normalize.indicators.rows import may_end_below
    spec = {s.label: s for s in SCHEMA.level2_order}
    match = LabelMatch("社会效益指标", "社会效益指标", 90.0)
    above = IndicatorRow(row=None, level2=[LabelHint(2, spec["社会效益指标"], Cell("社会效益类", "社会效益类", 1), match)])
    assert may_end_below(above, [Cell("拾怀", "拾怀", 0)], VOCAB)
    assert not may_end_below(above, [Cell("资产", "资产", 0)], VOCAB)      # a category's word
    assert not may_end_below(above, [Cell("戊未控制", "戊未控制", 0)], VOCAB)   # longer than 指标
    above.level2 = [LabelHint(2, spec["时效指标"], Cell("时效拾怀", "时效拾怀", 1), match)]
    assert not may_end_below(above, [Cell("戊未", "戊未", 0)], VOCAB)       # no label above ending in 类


def test_rows_matched_by_their_first_line_where_a_reading_adds_a_row():
    # with the readings a line (line 2) is a row of its own (`by_order`); without them it is
    # not: the rows matched by the line each starts on, the new row its own; another row
    # moved to another block refuses the reading, as a row gone with the readings does
    from formex.normalize.indicators.cells import IndicatorRow
    from formex.normalize.indicators.hierarchy import Placement, labels_by_first_line, only_own_blocks_moved
    spec = {s.label: s for s in SCHEMA.level2_order}
    row = lambda i: Row(i, (Cell("x", "x", 0),), 1, f"line {i}")   # noqa: E731
    items = [IndicatorRow(row=row(i), lines=(i, i), by_order="成本指标" if i == 2 else None) for i in range(4)]
    before = [IndicatorRow(row=row(i), lines=(i, i)) for i in (0, 1, 3)]

    def placed(*labels):
        return [Placement(spec[label], "inferred", None, None) for label in labels]

    assert labels_by_first_line(items, before, placed("时效指标", "时效指标", "社会效益指标")) == \
        ["时效指标", "时效指标", "成本指标", "社会效益指标"]
    assert only_own_blocks_moved(items, placed("时效指标", "时效指标", "成本指标", "社会效益指标"),
                                 before, placed("时效指标", "时效指标", "社会效益指标"))
    assert not only_own_blocks_moved(items, placed("时效指标", "成本指标", "成本指标", "经济效益指标"),
                                     before, placed("时效指标", "时效指标", "社会效益指标"))
    items[2].by_order = None   # a new row no reading gave
    assert labels_by_first_line(items, before, placed("时效指标", "时效指标", "社会效益指标")) is None
    gone = before + [IndicatorRow(row=row(9), lines=(9, 9))]
    assert labels_by_first_line(items, gone, placed("时效指标", "时效指标", "社会效益指标", "社会效益指标")) is None


def test_a_label_cell_with_a_word_put_in_read_as_another_category_is_read_as_its_own_and_marked():
    # 土杰环境效益指标 | 无 under the 二级指标 column: read at the column's cutoff as
    # 生态环境成本指标 (环境, 指标); without 环境, a word of 生态效益's, it is nearer 生态效益指标:
    # read so, marked `by_order` (the guard judges it); without such readings it is not
    from formex.normalize.indicators.rows import rows_to_indicator_rows
    rows = text_rows([HEADER, "效益指标\t社会效益指标\t受益人数\t≥5人", "\t土杰环境效益指标\t\t无",
                      "\t可持续影响指标\t长效机制健全性\t健全"])
    items, issues = rows_to_indicator_rows(rows, SCHEMA, False)
    assert [item.by_order for item in items] == [None, "生态效益指标", None]
    assert any(i.code == "label_read_with_word_put_in" for i in issues)
    without, _ = rows_to_indicator_rows(rows, SCHEMA, False, by_order=False)
    assert not any(h.spec.label == "生态效益指标" for item in without for h in item.level2)
