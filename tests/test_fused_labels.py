"""A level-2 label fused into the name cell (`数量指标培训人次`: OCR read the level cell
and the name cell as one) is split off again (normalize/indicators/fused.py)."""
from __future__ import annotations

import pytest

from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators.fused import split_fused_label
from formex.schemas.document import Cell
from tests.test_hierarchy import SCHEMA, text_rows

VOCAB = level_vocabulary(SCHEMA)


def split(text: str) -> tuple[str, str] | None:
    fused = split_fused_label(Cell(text, text, 2), VOCAB)
    return fused and (fused.label.spec.label, fused.rest.text)


@pytest.mark.parametrize("text, label, name", [
    ("数量指标培训人次", "数量指标", "培训人次"),
    ("数量指标 培训人次", "数量指标", "培训人次"),
    ("数量指标：培训人次", "数量指标", "培训人次"),
    ("服务对象满意度指标退役军人满意度", "服务对象满意度指标", "退役军人满意度"),
    ("社会效益指标居民就医获得感", "社会效益指标", "居民就医获得感"),
    ("成本指标走访慰问人均标准", "成本指标", "走访慰问人均标准"),
    ("数量性指标培训人次", "数量指标", "培训人次"),          # a label printed with more words
    ("经济效蓝指标收入增长率", "经济效益指标", "收入增长率"),   # one look-alike in a long label
    ("资产管理 固定资产利用率", "资产管理", "固定资产利用率"),  # no 指标 suffix: a separator
    ("社会效益类提升社区治理水平", "社会效益指标", "提升社区治理水平"),  # the other label ending
    ("质量类指标合格率", "质量指标", "合格率"),
])
def test_a_name_cell_opening_with_a_full_label_is_split(text, label, name):
    assert split(text) == (label, name)


@pytest.mark.parametrize("text", [
    "质量合格率",              # a name opening with a category's keyword, not its label
    "质量监督抽检合格率",
    "满意度调查覆盖率",
    "数量统计准确率",
    "数量 培训人次",           # a bare keyword before a space: no full label
    "资产管理规范性",           # a label without 指标 and no separator: could be the name
    "绩效指标完成率",           # one character off 时效指标: a name's own head, not a label
    "质控指标达标率",           # one character off 质量指标
    "数量指标",                # a label alone
    "数量指标 ",
    "数量指标 无",             # reads as a label as a whole: left to the label rules
    "产出指标培训人次",          # a level-1 label alone: it names no category
    "数量类培训人次",           # 类 after a bare keyword
    "满意度类职工满意度",        # a level-1 label (满意度类) before a name
    "服务对象满意度",           # a name (and the 满意度 category's words)
])
def test_names_and_labels_are_not_cut(text):
    assert split(text) is None


def test_a_level1_label_fused_before_the_level2_one_is_split_off_too():
    fused = split_fused_label(Cell("产出指标数量指标培训人次", "产出指标数量指标培训人次", 1), VOCAB)
    assert (fused.level1.spec.label, fused.label.spec.label, fused.rest.text) == ("产出指标", "数量指标", "培训人次")
    assert fused.cell.text == "产出指标数量指标培训人次"


def test_the_raw_text_is_kept_on_both_parts():
    fused = split_fused_label(Cell("数量指标 培训人次", "数量指标  培训人次", 2, source_ref="line 7"), VOCAB)
    assert fused.label.cell.raw == fused.rest.raw == "数量指标  培训人次"
    assert fused.rest.source_ref == "line 7"


def test_a_fused_label_is_the_rows_label_and_is_reported():
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t走访慰问人次\t≥3200人次",
                      "\t\t培训人数\t≥120人",
                      "\t\t质量指标发放准确率\t100%",
                      "\t\t采集准确率\t≥98%",
                      "效益指标\t\t社会效益指标 退役军人就业率\t≥90%",
                      "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.level1, i.placement.level2.label, i.row.name) for i in indicators]
    assert got == [("产出指标", "数量指标", "走访慰问人次"), ("产出指标", "数量指标", "培训人数"),
                   ("产出指标", "质量指标", "发放准确率"), ("产出指标", "质量指标", "采集准确率"),
                   ("效益指标", "社会效益指标", "退役军人就业率"),
                   ("满意度指标", "服务对象满意度指标", "群众满意度")]
    fused = [i for i in issues if i.code == "label_fused"]
    assert [(i.severity, i.source_ref) for i in fused] == [("info", "line 4"), ("info", "line 6")]
    assert "质量指标发放准确率" in fused[0].message


def test_a_name_opening_with_a_keyword_keeps_its_name():
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t质量指标\t质量监督抽检合格率\t100%",
                      "\t\t满意度调查覆盖率\t≥90%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators] == ["质量监督抽检合格率", "满意度调查覆盖率"]
    assert "label_fused" not in [i.code for i in issues]


def test_a_name_with_a_category_word_and_class_word_keeps_its_head():
    # 各类 after the label is the name's: the head is the label, not 质量指标各类
    assert split("质量指标各类救助补贴发放准确率") == ("质量指标", "各类救助补贴发放准确率")


@pytest.mark.parametrize("name", ["绩效指标完成率", "主要指标达标率", "关键指标完成情况", "考核指标达标率",
                                  "监测指标合格率"])
def test_a_name_opening_with_a_word_and_zhibiao_keeps_its_head(name):
    # names that open with a four-character word ending in 指标 are common in real forms;
    # a head one or two characters off a label is no evidence of a fused label
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t农技培训场次\t≥20场",
                      "\t质量指标\t农产品抽检合格率\t≥98%",
                      f"\t\t{name}\t100%"])
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators] == ["农技培训场次", "农产品抽检合格率", name]
    assert [i.placement.level2.label for i in indicators] == ["数量指标", "质量指标", "质量指标"]


@pytest.mark.parametrize("text, label, name", [
    ("社会效益拍标全社会尊崇退役军人氛围", "社会效益指标", "全社会尊崇退役军人氛围"),
    ("时效损标退役军人优待金发放及时率", "时效指标", "退役军人优待金发放及时率"),
    ("时效损标 年度建设任务完成时间", "时效指标", "年度建设任务完成时间"),
    ("可持续影响损标就业创业服务长效机制", "可持续影响指标", "就业创业服务长效机制"),
    ("数量损标收入水稻良种推广面积", "数量指标", "收入水稻良种推广面积"),
])
def test_a_fused_label_with_its_zhi_damaged_is_split(text, label, name):
    # the keyword written exactly, 标 in place, 指 read as a character making no word with 标
    assert split(text) == (label, name)


@pytest.mark.parametrize("text", [
    "质量达标情况",          # 达标: the name's own word
    "质量目标完成率",        # 目标
    "质量对标管理水平",      # 对标
    "时效拍标率",            # a name of one character after the head
    "绩效损标完成率",        # the keyword damaged too: no label's keyword
    "数量指发放创业担保贷款", # 数量指 wrapped before its 标, not a damaged 标
    "数量指栎接待档案查阅",   # a damaged 标 is not read so
    "服务对豪满意度拍标公共服务满意度",   # two characters damaged
])
def test_a_head_with_a_word_or_more_damage_is_not_read_as_a_damaged_label(text):
    assert split(text) is None


def test_a_fused_label_with_its_zhi_damaged_is_the_rows_label_and_reported_as_read_fuzzily():
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t走访慰问人次\t≥3200人次",
                      "\t质量指标\t发放准确率\t100%",
                      "\t\t时效损标优待金发放及时率\t100%",
                      "\t\t资金拨付及时率\t100%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    got = [(i.placement.level2.label, i.row.name) for i in indicators]
    assert got == [("数量指标", "走访慰问人次"), ("质量指标", "发放准确率"),
                   ("时效指标", "优待金发放及时率"), ("时效指标", "资金拨付及时率")]
    assert [i.source_ref for i in issues if i.code == "label_fused"] == ["line 4"]
    fuzzy = [i for i in issues if i.code == "header_fuzzy_match" and "时效损标" in i.message]
    assert fuzzy and fuzzy[0].severity == "info"


def test_without_the_damaged_suffix_reading_the_name_keeps_its_head():
    # the same table with 质量达标 (a word) in place of 时效损标 stays in its block, whole
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t走访慰问人次\t≥3200人次",
                      "\t质量指标\t发放准确率\t100%",
                      "\t\t质量达标情况说明\t100%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators][-1] == ("质量指标", "质量达标情况说明")
    assert not [i for i in issues if i.code == "label_fused"]


@pytest.mark.parametrize("text, label, name", [
    ("产出数量绿色食品认证面积", "数量指标", "绿色食品认证面积"),     # the group's word and the category's
    ("产出时效 补贴资金按月发放及时率", "时效指标", "补贴资金按月发放及时率"),
    ("产出时效指标补贴资金按月发放及时率", "时效指标", "补贴资金按月发放及时率"),
    ("产出质量损标义务教育巩固率", "质量指标", "义务教育巩固率"),     # its 指标 damaged, taken along
    ("效益社会效益累计惠及居民户数", "社会效益指标", "累计惠及居民户数"),
])
def test_a_group_and_category_word_at_a_names_head_is_split(text, label, name):
    assert split(text) == (label, name)


@pytest.mark.parametrize("text", [
    "产出质量达标率",            # the name left too short to name anything
    "产出质量指补贴发放准确率",    # 指 and a character: a damaged 标 or the name's 指…: the order's to read
    "产出指标培训人次",           # a group's label alone
    "产出数量",                  # a label alone
    "产出成本核算疫苗接种信息录入及时率",   # 成本核算 a word names open with, split by the cut (cuts_opening)
])
def test_a_group_and_category_word_without_a_name_after_it_is_kept(text):
    assert split(text) is None


@pytest.mark.parametrize("text, label, name", [
    ("服务满意度指标教职工满意度", "服务对象满意度指标", "教职工满意度"),   # 对象 dropped
    ("对象满意度指标职工满意度", "服务对象满意度指标", "职工满意度"),
])
def test_a_label_printed_a_word_short_is_split(text, label, name):
    assert split(text) == (label, name)


@pytest.mark.parametrize("text", [
    "经济指标收入增长率",        # a keyword and 指标: 经济效益 or 经济成本, too short to tell
    "满意度指标教职工满意度",     # a group's label alone names no category
    "可持续指标管理机制",         # three of 可持续影响指标's seven: no label printed short
])
def test_a_short_head_ending_in_zhibiao_is_not_read_as_a_shortened_label(text):
    assert split(text) is None


@pytest.mark.parametrize("text, label, name", [
    ("社会效益方面义务教育入学率", "社会效益指标", "义务教育入学率"),   # 方面 for 指标
    ("袿会效益方面义务教育入学率", "社会效益指标", "义务教育入学率"),   # one character damaged
    ("经济成本方面 每页数字化扫描费用", "经济成本指标", "每页数字化扫描费用"),
])
def test_a_label_worded_with_fangmian_at_a_names_head_is_split(text, label, name):
    assert split(text) == (label, name)


@pytest.mark.parametrize("text", [
    "各方面满意度调查",            # 方面 in a name
    "祆会效盎方面 困难残疾人基本生活保障率",   # two characters off: no label by its shape
    "经济方面收入增长率",          # a short word: 经济效益 or 经济成本
])
def test_fangmian_after_no_category_word_is_kept(text):
    assert split(text) is None


@pytest.mark.parametrize("text, label, name", [
    ("可持续影响类措标 就业创业服务长效机制", "可持续影响指标", "就业创业服务长效机制"),
    ("社会效益类指杯 档案利用满足率", "社会效益指标", "档案利用满足率"),
    ("可持续影响类损标家庭医生签约服务长效机制", "可持续影响指标", "家庭医生签约服务长效机制"),
])
def test_a_label_worded_without_its_zhibiao_takes_a_damaged_one_along(text, label, name):
    assert split(text) == (label, name)


@pytest.mark.parametrize("text, name", [
    ("社会效益类指导服务覆盖率", "指导服务覆盖率"),     # 指导: the name's own word
    ("社会效益类目标完成率", "目标完成率"),             # 目标 too
    ("社会效益类标准化建设率", "标准化建设率"),         # 标 first: no 指标 in place
])
def test_a_name_opening_with_a_word_of_zhi_or_biao_keeps_it_after_a_label_without_zhibiao(text, name):
    assert split(text) == ("社会效益指标", name)


def rows_of(lines: list[str]):
    indicators, issues = rows_to_indicators(text_rows(["一级指标\t二级指标\t三级指标\t指标值", *lines]), SCHEMA,
                                            spans_known=False, year=2026)
    return [(i.placement.level2.label, i.row.name) for i in indicators], issues


def test_a_label_cell_whose_zhibiao_is_damaged_past_reading_is_the_label_whole():
    got, issues = rows_of(["产出指标\t数量指标\t档案数字化扫描页数\t120万页",
                           "效益指标\t社会效益类拍际\t孕产妇系统管理率\t≥90%",
                           "\t可持续影响指标\t家庭医生签约服务长效机制\t健全"])
    assert got[1] == ("社会效益指标", "孕产妇系统管理率")
    assert any(i.code == "label_fused" and "社会效益类拍际" in i.message for i in issues)



def test_a_label_cell_whose_zhibiao_is_damaged_past_reading_beside_a_placeholder_is_a_category_listed_without_indicators():
    # 生态效益类损际 | 无: the label's 指标 damaged past reading (损际), nothing right of it but the
    # placeholder: a category listed without indicators, no row named 损际
    got, issues = rows_of(["效益指标\t社会效益指标\t受益人数\t≥90%",
                           "\t生态效益类损际\t\t无",
                           "\t可持续影响指标\t家庭医生签约服务长效机制\t健全"])
    assert got[1] == ("生态效益指标", None)
    # a two-character name after a space keeps its name, placeholder or not
    got, _ = rows_of(["效益指标\t社会效益指标\t受益人数\t≥90%",
                      "\t生态效益类 节能\t\t无",
                      "\t可持续影响指标\t家庭医生签约服务长效机制\t健全"])
    assert got[1] == ("生态效益指标", "节能")

def test_a_label_cell_with_two_characters_after_a_space_keeps_them_as_its_name():
    got, _ = rows_of(["产出指标\t数量指标\t档案数字化扫描页数\t120万页",
                      "效益指标\t社会效益类 就业\t≥90%",
                      "\t可持续影响指标\t家庭医生签约服务长效机制\t健全"])
    assert got[1] == ("社会效益指标", "就业")
