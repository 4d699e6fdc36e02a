"""Damaged level-2 labels as near categories of two level-1 groups, read in the group the
table states (normalize/indicators/groups.py), and `成本` alone as both the 产出 category
成本指标 and the 成本 group: each on a small table written for it."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators.groups import between, kept_word_group, nearest_categories
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
VOCAB = level_vocabulary(SCHEMA)
HEADER = "一级指标\t二级指标\t三级指标\t指标值"
ORDER = {spec.label: k for k, spec in enumerate(SCHEMA.levels)}


def read(lines: list[str]):
    rows = list(iter_text_rows("\n".join([HEADER, *lines])))
    return rows_to_indicator_rows(rows, SCHEMA, spans_known=False)


def place(lines: list[str]):
    rows = list(iter_text_rows("\n".join([HEADER, *lines])))
    return rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)


def categories(indicators) -> list[tuple[str, str]]:
    return [(i.placement.level2.level1, i.placement.level2.label) for i in indicators]


def level2_of(items, name: str) -> str:
    return next(h.spec.label for item in items if item.name == name for h in item.level2)


def codes(issues) -> list[str]:
    return [issue.code for issue in issues]


# ---------------------------------------------------------------- nearest categories
def test_a_label_worded_up_and_damaged_is_as_near_two_groups_categories():
    # 生态环境効益: two edits from 生态效益指标's 生态效益 (環境 put in, one edit; 効) and from
    # 生态环境成本 (効益)
    assert set(nearest_categories("生态环境効益", VOCAB)) == {"生态效益指标", "生态环境成本指标"}
    assert set(nearest_categories("社会成益指标", VOCAB)) == {"社会效益指标", "社会成本指标"}


def test_a_word_put_in_a_label_counts_as_one_edit():
    # 生忞环境效益指标: two edits from 生态效益指标 (忞, the word 环境 put in), three from
    # 生态环境成本指标 (忞效益); counted plainly, 环境 is two edits and both are three
    assert nearest_categories("生忞环境效益指标", VOCAB) == ["生态效益指标"]
    # two look-alikes where 效益 stood stay nearer the 成本 group's label
    assert nearest_categories("生态环境敫盖指标", VOCAB) == ["生态环境成本指标"]
    # the word stands after the label's first two characters, not at its end
    assert nearest_categories("社会效益方面", VOCAB) == ["社会效益指标"]


def test_a_label_with_a_word_put_in_reads_as_the_category_it_holds():
    # 主态环境效益指栎 (生态效益指标 worded up with 环境, 主 and 栎 look-alikes) reads by ratio
    # only among labels of its length, as 生态环境成本指标 (50); counting 环境 as one word put
    # in, it is three edits from 生态效益指标 and four from that: it is 生态效益指标, said
    items, issues = read(["\t主态环境效益指栎\t\t无"])
    assert items[0].own_level2.spec.label == "生态效益指标"
    assert "label_read_with_word_put_in" in codes(issues)
    # a label the ratio reads in its own group is left alone (社会郊益 is no word put in)
    items, issues = read(["\t社会郊益方面\t\t无"])
    assert items[0].own_level2.spec.label == "社会效益指标"
    assert "label_read_with_word_put_in" not in codes(issues)


def test_a_label_one_edit_from_one_category_is_near_it_alone():
    assert nearest_categories("社会效益损标", VOCAB) == ["社会效益指标"]
    assert nearest_categories("数量指标", VOCAB) == ["数量指标"]


def test_text_far_from_every_category_is_near_none():
    assert nearest_categories("教育经费及时拨付率", VOCAB) == []
    assert nearest_categories("", VOCAB) == []


# ---------------------------------------------------------------- between
def test_between_allows_the_groups_from_the_label_above_to_the_label_below():
    printed = [(0, "产出指标"), (10, "效益指标")]
    assert between(printed, 5, ORDER) == {"产出指标", "成本指标", "效益指标"}
    assert between(printed, 12, ORDER) >= {"效益指标", "满意度指标"}
    assert "产出指标" not in between(printed, 12, ORDER)
    assert "效益指标" not in between(printed, -1, ORDER)


def test_between_allows_every_group_where_the_labels_come_out_of_order():
    assert between([(0, "效益指标"), (10, "产出指标")], 5, ORDER) == set(ORDER)


# ---------------------------------------------------------------- the group printed around it
BENEFIT_TABLE = [
    "产出指标\t数量指标\t培训人数\t≥5(人)", "\t成本指标\t人均培训费用\t≤200(元)",
    "\t社会效益指标\t就业率提升\t≥5%", "\t生态环境郊益指标\t绿化覆盖率\t≥40%",
    "效益指标\t可持续影响指标\t长效机制健全性\t健全",
    "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"]


def test_a_label_near_two_groups_is_read_in_the_group_printed_around_it():
    # the 成本 group prints nowhere; 效益指标 prints below: 生态效益指标, not 生态环境成本指标
    items, issues = read(BENEFIT_TABLE)
    assert level2_of(items, "绿化覆盖率") == "生态效益指标"
    assert "label_read_by_stated_group" in codes(issues)
    indicators, _ = place(BENEFIT_TABLE)
    assert ("效益指标", "生态效益指标") in categories(indicators)
    assert not any(group == "成本指标" for group, _ in categories(indicators))


def test_a_label_near_two_groups_stays_where_the_table_prints_both_around_it():
    # 成本指标 and 效益指标 both print around it: the table does not say which; but
    # 生态环境郊益指标 keeps 益 of 效益 and nothing of 成本, and its characters say it
    # (`kept_word_reading`)
    lines = ["产出指标\t数量指标\t培训人数\t≥5(人)", "成本指标\t经济成本指标\t人均费用\t≤200(元)",
             "\t生态环境郊益指标\t绿化覆盖率\t≥40%",
             "效益指标\t可持续影响指标\t长效机制健全性\t健全"]
    items, issues = read(lines)
    assert level2_of(items, "绿化覆盖率") == "生态效益指标"
    assert any("the group its own characters state" in i.message for i in issues)
    assert not any("in '效益指标', the one group" in i.message for i in issues)


def test_a_label_near_one_category_is_never_moved_by_the_groups_around_it():
    # 社会效益损标 is one edit from 社会效益指标 and two from 社会成本指标: no tie
    lines = ["产出指标\t数量指标\t培训人数\t≥5(人)", "\t社会效益损标\t就业率提升\t≥5%",
             "效益指标\t可持续影响指标\t长效机制健全性\t健全"]
    items, issues = read(lines)
    assert level2_of(items, "就业率提升") == "社会效益指标"
    assert "label_read_by_stated_group" not in codes(issues)


def test_an_exact_label_is_never_reread():
    lines = ["产出指标\t数量指标\t培训人数\t≥5(人)", "\t生态环境成本指标\t碳排放成本\t≤5(万元)",
             "效益指标\t可持续影响指标\t长效机制健全性\t健全"]
    items, issues = read(lines)
    assert level2_of(items, "碳排放成本") == "生态环境成本指标"
    assert "label_read_by_stated_group" not in codes(issues)


def test_without_level1_labels_the_exact_level2_labels_around_it_state_the_group():
    # no level-1 label prints: 数量指标 above (产出) and 可持续影响指标 below (效益) leave
    # 产出, 成本 or 效益, and the table states no 成本 category: 社会效益指标
    lines = ["\t数量指标\t培训人数\t≥5(人)", "\t社会成益指标\t就业率提升\t≥5%",
             "\t可持续影响指标\t长效机制健全性\t健全"]
    items, issues = read(lines)
    assert level2_of(items, "就业率提升") == "社会效益指标"
    assert "label_read_by_stated_group" in codes(issues) and "label_tied" not in codes(issues)


def test_a_table_stating_no_group_reads_nothing():
    lines = ["\t社会成益指标\t就业率提升\t≥5%", "\t\t社区参与率\t≥50%"]
    _, issues = read(lines)
    assert "label_read_by_stated_group" not in codes(issues)


def test_a_damaged_cell_near_two_groups_is_read_in_the_group_printed_around_it():
    # 社会孝盎指标 reads as nothing at the label cutoff; two edits from 社会效益指标 and
    # from 社会成本指标; only 效益 prints around it
    lines = ["产出指标\t数量指标\t培训人数\t≥5(人)", "\t社会孝盎指标\t就业率提升\t≥5%",
             "效益指标\t可持续影响指标\t长效机制健全性\t健全"]
    items, issues = read(lines)
    assert level2_of(items, "就业率提升") == "社会效益指标"
    assert "label_read_by_stated_group" in codes(issues) and "label_unrecognised" not in codes(issues)


# ---------------------------------------------------------------- the row's own group
def test_a_label_near_two_groups_is_read_in_the_group_its_row_prints():
    items, issues = read(["产出指标\t数量指标\t培训人数\t≥5(人)",
                          "成本指标\t社会成益指标\t社会成本\t≤5(万元)",
                          "效益指标\t可持续影响指标\t长效机制健全性\t健全"])
    assert level2_of(items, "社会成本") == "社会成本指标"
    items, issues = read(["产出指标\t数量指标\t培训人数\t≥5(人)",
                          "效益指标\t社会成益指标\t就业率提升\t≥5%",
                          "\t可持续影响指标\t长效机制健全性\t健全"])
    assert level2_of(items, "就业率提升") == "社会效益指标"


def test_the_rows_own_group_outweighs_the_groups_around_it():
    # the row prints 成本指标 though only 产出 and 效益 print around it elsewhere; nor does a
    # word put in (环境, `label_read_with_word_put_in`) read it in another group than the row's
    items, issues = read(["产出指标\t数量指标\t培训人数\t≥5(人)",
                          "成本指标\t生忞环境效益指标\t碳排放成本\t≤5(万元)",
                          "效益指标\t可持续影响指标\t长效机制健全性\t健全"])
    assert level2_of(items, "碳排放成本") == "生态环境成本指标"
    assert "label_read_by_stated_group" not in codes(issues)


# ---------------------------------------------------------------- 成本 alone
def test_cost_alone_beside_a_cost_category_is_the_cost_group():
    indicators, _ = place(["产出指标\t数量指标\t培训人数\t≥5(人)",
                           "成本\t经济成本指标\t人均费用\t≤200(元)",
                           "效益指标\t社会效益指标\t就业率提升\t≥5%"])
    assert categories(indicators)[1] == ("成本指标", "经济成本指标")


def test_cost_alone_as_the_category_under_output_is_the_output_category():
    indicators, _ = place(["产出指标\t数量指标\t培训人数\t≥5(人)",
                           "\t成本\t人均培训费用\t≤200(元)",
                           "效益指标\t社会效益指标\t就业率提升\t≥5%"])
    assert categories(indicators)[1] == ("产出指标", "成本指标")


def test_cost_alone_reads_at_both_levels():
    from formex.normalize.indicators.cells import level_matches
    one, two = level_matches("成本", VOCAB, None, 74.0)
    assert one is not None and one.name == "成本指标" and one.exact
    assert two is not None and two.name == "成本指标" and two.exact


def test_a_damaged_cell_near_two_groups_stays_unread_where_both_print_around_it():
    lines = ["产出指标\t数量指标\t培训人数\t≥5(人)", "成本指标\t经济成本指标\t人均费用\t≤200(元)",
             "\t社会孝盎指标\t就业率提升\t≥5%",
             "效益指标\t可持续影响指标\t长效机制健全性\t健全"]
    _, issues = read(lines)
    assert "label_read_by_stated_group" not in codes(issues)


# ---------------------------------------------------------------- as near two levels
def test_a_group_label_with_a_look_alike_reads_as_the_group_it_spells_in_place():
    # 效盖指标 is three of four characters from 效益指标 and from 时效指标 alike by the
    # ratio; in place (盖 for 益) it is one character from the group, two from the category
    rows = place([
        "产出指标\t时效指标\t资金拨付及时率\t=100%",
        "\t\t报告按时提交率\t=100%",
        "效盖指标\t\t群众获得感\t≥85%",
        "\t\t居民健康水平\t≥85%",
        "\t可持续影响指标\t长效管理机制\t健全",
    ])[0]
    assert [group for group, _ in categories(rows)] == ["产出指标", "产出指标", "效益指标", "效益指标", "效益指标"]


def test_a_category_label_with_a_look_alike_reads_as_the_category_it_spells_in_place():
    items, _ = read(["产出指标\t吋效指标\t资金拨付及时率\t=100%"])
    assert [h.spec.label for h in items[0].level2] == ["时效指标"]
    assert [h.spec.label for h in items[0].level1] == ["产出指标"]
    assert items[0].level2[0].level1_reading is None


def test_a_group_cell_worded_with_outputs_word_reads_as_the_stronger_categorys_group():
    # 产出成朩 (产出成本: the 成本 group printed with 产出's word, 本 damaged) reads as 产出指标
    # by 产出 alone (50); beside 经济成本脂标 (83 as 经济成本指标) what follows the word, 成朩,
    # reads as the category's group 成本: the weaker reading yields
    indicators, _ = place(["产出指标\t数量指标\t培训人数\t≥5(人)",
                           "产出成朩\t经济成本脂标\t人均费用\t≤200(元)",
                           "效益指标\t社会效益指标\t就业率提升\t≥5%"])
    assert categories(indicators)[1] == ("成本指标", "经济成本指标")


def test_a_tie_between_groups_is_read_in_the_group_damaged_labels_around_it_state():
    # no level-1 label prints and no level-2 label reads exactly; 生态环境効益指标 is as near
    # 生态效益指标 (环境 put in, 効) as 生态环境成本指标 (効益), but 社会郊益指标 above and
    # 可持续景响指标 below, each near 效益指标's categories alone, state that group
    lines = ["\t社会郊益指标\t就业率提升\t≥5%", "\t生态环境効益指标\t绿化覆盖率\t≥40%",
             "\t可持续景响指标\t长效机制健全性\t健全"]
    items, issues = read(lines)
    assert level2_of(items, "绿化覆盖率") == "生态效益指标"
    assert "label_read_by_stated_group" in codes(issues)
    # a 成本 label above (经济戍本指标, near 经济成本指标 alone) leaves both groups: the labels
    # around say nothing, but the label keeps 益 of 效益 and nothing of 成本 (`kept_word_reading`)
    lines[0] = "\t经济戍本指标\t人均费用\t≤200(元)"
    items, issues = read(lines)
    assert level2_of(items, "绿化覆盖率") == "生态效益指标"
    assert any("the group its own characters state" in i.message for i in issues)


# ---------------------------------------------------------------- the group word a damaged label keeps
def test_a_label_keeping_one_groups_word_and_none_of_its_readings_names_that_group():
    # 生忞环境敫益 keeps 益 of 效益 and nothing of 成本: no 成本 category, though nearest
    # 生态环境成本指标; 社会成益 keeps both words and names neither; 时效 is no group's word
    assert kept_word_group("生忞环境敫益", "生态环境成本指标", VOCAB) == "效益指标"
    assert kept_word_group("社会成益", "社会效益指标", VOCAB) is None
    assert kept_word_group("社会成益", "社会成本指标", VOCAB) is None
    assert kept_word_group("时效损标", "时效指标", VOCAB) is None


def test_a_damaged_label_keeping_the_benefit_word_is_no_cost_category_without_a_level1_column():
    # no level-1 label prints; 生忞环境效盖 (生态环境效益, two look-alikes) reads nearest
    # 生态环境成本指标, and 社会效益指, its 标 cut, was then reread as 社会成本指标 between
    # 时效指标 and it: the 效益 group's first blocks went to the 成本 group
    lines = ["\t时效指标\t经费拨付及时率\t=100%", "\t社会效益指\t入学率\t=100%",
             "\t生忞环境效盖\t空气质量改善\t有所改善", "\t可持续影响指标\t长效机制健全性\t健全"]
    items, issues = read(lines)
    assert level2_of(items, "入学率") == "社会效益指标"
    assert level2_of(items, "空气质量改善") == "生态效益指标"
    assert "label_read_by_stated_group" in codes(issues)
