"""A label fused whole into a name and cut by its clean head (`质量` of `质量拍杯补贴…`) leaves
its damaged 指标 at the name's head; the document's own printing is the evidence that
those characters are the label's (normalize/indicators/damaged_tails.py), never their
shape."""
from __future__ import annotations

import pytest

from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators.damaged_tails import before_suffix, header_damage, unattested_biao, unattested_next
from formex.normalize.indicators.fused_order import spaced
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.document import Cell
from tests.test_fused_order import ocr_rows, read
from tests.test_hierarchy import SCHEMA

BLOCK = ["产出指标\t数量指标\t补贴发放人数\t2600人",
         "\t\t质量拍杯补贴发放准确率\t100%",
         "\t{label}\t补贴按月发放及时率\t100%",
         "\t成本指标\t人均月补贴标准\t≤200元"]


def block(label: str) -> list[str]:
    return [line.format(label=label) for line in BLOCK]


def test_a_rest_damaged_as_another_label_of_the_table_prints_it_is_cut_and_warned():
    got, issues = read(block("时效拍杯"))
    assert got[1] == ("质量指标", "补贴发放准确率")
    warned = [i for i in issues if i.code == "label_unrecognised" and "拍杯" in i.message]
    assert len(warned) == 1 and warned[0].severity == "warning"


def test_a_rest_one_character_of_which_another_label_prints_so_is_cut_and_warned():
    # 时效拍标 shows 拍 for 指; 拍杯 after 质量 stands for the whole 指标, its 杯 attested
    # nowhere: OCR damaged both, the table shows one. Warned for review
    got, issues = read(block("时效拍标"))
    assert got[1] == ("质量指标", "补贴发放准确率")
    warned = [i for i in issues if i.code == "label_unrecognised" and "'拍杯'" in i.message]
    assert len(warned) == 1 and warned[0].severity == "warning" and "the other not" in warned[0].message


def test_a_half_attested_rest_that_is_a_word_names_open_with_stays():
    # 时效指际 shows 际 for 标, but 实际 is a word a name opens with (schemas/name_words.yaml)
    got, _ = read(["产出指标\t数量指标\t补贴发放人数\t2600人",
                   "\t\t质量实际补贴发放准确率\t100%",
                   "\t时效指际\t补贴按月发放及时率\t100%",
                   "\t成本指标\t人均月补贴标准\t≤200元"])
    assert got[1] == ("质量指标", "实际补贴发放准确率")


def test_a_rest_one_character_attested_that_other_names_write_stays():
    # 拍杯 opens another row's name too: 杯 is written by the document's names, kept whole
    lines = block("时效拍标") + ["\t\t拍杯补贴发放人数\t2600人"]
    got, _ = read(lines)
    assert got[1] == ("质量指标", "拍杯补贴发放准确率")


def test_a_rest_no_label_of_the_table_prints_so_stays_with_the_name():
    # 拍杯 is no damage this document shows: the name may open with its own words
    got, _ = read(block("时效指标"))
    assert got[1] == ("质量指标", "拍杯补贴发放准确率")


def test_a_word_written_exactly_as_a_label_is_no_damage():
    # 成本控制 is a label of its own (an alias), not 成本 with a damaged 指标
    got, _ = read(["产出指标\t数量指标\t补贴发放人数\t2600人",
                   "\t\t质量控制补贴发放准确率\t100%",
                   "\t成本控制\t人均月补贴标准\t≤200元"])
    assert got[1][1].endswith("控制补贴发放准确率")


def test_a_head_the_level_column_prints_on_other_rows_is_cut_whole():
    # 产出时效拍 printed on every row, in the level column or fused into the name (产出时效 read
    # as 时效指标 by its clean head): the printed text is the label's, 拍 with it
    got, _ = read(["产出指标\t产出数量指标\t受理大厅日常受理量\t≥12000件",
                   "产出指标\t产出时效拍\t为老服务计划完成及时率\t100%",
                   "产出指标\t\t产出时效拍岗位补贴发放及时率\t100%",
                   "产出指标\t产出时效拍\t和谐贡献奖发放及时率\t100%",
                   "产出指标\t\t产出时效拍社区事务办理及时率\t100%"])
    assert [name for _, name in got[1:]] == ["为老服务计划完成及时率", "岗位补贴发放及时率", "和谐贡献奖发放及时率",
                                           "社区事务办理及时率"]


def wrapped_above(cost_label: str) -> list[str]:
    # 数量指标 wrapped in its column: 数量损 on the row's line, its 标 fused into the name below
    return ["产出指标\t数量损\t水稻良种推广面积\t≥12000亩",
            "\t\t杯农机作业补贴户数\t≥260户",
            "\t质量指标\t农机作业合格率\t≥95%",
            f"\t{cost_label}\t亩均作业成本\t≤45元"]


def test_a_wrapped_labels_last_line_damaged_as_the_table_damages_its_labels_is_cut_and_warned():
    got, issues = read(wrapped_above("成本指杯"))
    assert got[1] == ("数量指标", "农机作业补贴户数")
    assert any(i.code == "label_unrecognised" and i.severity == "warning" and "'杯'" in i.message for i in issues)


def test_a_wrapped_labels_last_line_no_label_prints_so_stays():
    got, _ = read(wrapped_above("成本指标"))
    assert got[1] == ("数量指标", "杯农机作业补贴户数")


def test_a_header_cell_naming_a_column_exactly_shows_no_damage():
    # 目标值 is the target column's own name, not 指标值 damaged (目 for 指); 拾标值 is
    rows = ocr_rows(["一级指标\t二级指标\t三级指标\t目标值", "产出指标\t数量指标\t补贴发放人数\t2600人"])
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    assert header_damage(rows, items, SCHEMA) == frozenset()
    rows = ocr_rows(["一级指标\t二级指标\t三级指标\t拾标值", "产出指标\t数量指标\t补贴发放人数\t2600人"])
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    assert header_damage(rows, items, SCHEMA) == frozenset({("指", "拾")})


def satisfaction(name: str, width: int = 4) -> list[str]:
    # level-2 labels wrapped four wide: 数量指标 fits, 服务对象满意度指标 prints 服务对象 | 满意度指 | 标
    return ["产出指标\t数量指标\t补贴发放人数\t2600人",
            "\t质量指标\t补贴发放准确率\t100%",
            "\t经济成本\t单个项目平均成本\t≤70万元",
            "\t指标\t\t",
            f"满意度指标\t\t{name}\t≥90%",
            "\t\t学生满意度\t≥90%"]


def test_a_rest_filling_a_wrapped_labels_line_one_character_damaged_is_cut_and_warned():
    # 服务对 cut as the label, 蒙 left: the two fill the column's four characters, one out of
    # place; no other label of the table shows the damage
    got, issues = read(satisfaction("服务对蒙学生家长满意度"))
    assert got[-2] == ("服务对象满意度指标", "学生家长满意度")
    warned = [i for i in issues if i.code == "label_unrecognised" and "'蒙'" in i.message]
    assert len(warned) == 1 and warned[0].severity == "warning" and "蒙学生家长满意度" in warned[0].message


def test_a_name_after_a_label_filling_its_line_keeps_its_first_character():
    # 服务对象 fills the line: 群 is the name's
    got, _ = read(satisfaction("服务对象群众满意度"))
    assert got[-2] == ("服务对象满意度指标", "群众满意度")


def test_a_rest_where_no_label_wraps_stays():
    # 服务对象满意 may be the label printed a word short: 收 is the name's as likely
    got, _ = read(["产出指标\t数量指标\t补贴发放人数\t2600人",
                   "\t质量指标\t补贴发放准确率\t100%",
                   "满意度指标\t\t服务对象满意收入公共就业服务满意度\t≥90%"])
    assert got[-1][1].endswith("收入公共就业服务满意度")


def test_a_two_character_rest_both_out_of_place_is_no_evidence():
    # 质量 | 拍杯…: two of two out of place prove nothing (a name may open with any two words)
    got, _ = read(block("时效指标"))
    assert got[1][1].startswith("拍杯")


def test_a_head_that_is_a_label_whole_takes_no_damaged_character():
    # 产出数量 is a label's text whole (the group's word and the category's): in a table whose
    # labels wrap five wide it may be the whole label, and 新 the name's
    got, _ = read(["产出指标\t\t产出数量新建多功能运动场\t10个",
                   "\t质量指标\t设施验收合格率\t100%",
                   "效益指标\t社会效益指\t人均体育场地面积\t≥1.9平方米",
                   "\t标\t居民健身参与率\t≥40%"])
    assert got[0] == ("数量指标", "新建多功能运动场")


def test_a_rest_filling_a_wrapped_labels_line_that_opens_another_rows_name_stays():
    # 服务对 | 学…: the width alone would read 学 as a damaged 象, but 学生满意度 below opens
    # with 学生: a word of the document's names (the head lost its 象), kept whole
    got, _ = read(satisfaction("服务对学生家长满意度"))
    assert got[-2] == ("服务对象满意度指标", "学生家长满意度")


def test_a_tail_whose_rest_prints_below_in_a_blank_level_column_is_cut_with_a_warning():
    # 时效脂 | 标: the label wrapped onto the next line, 标 printed in the level-2 column the
    # name's line leaves blank; 脂 is the label's damaged 指, said for review
    got, issues = read(["产出指标\t数量指标\t改造老旧小区数量\t≥82个",
                        "\t质量指标\t工程竣工验收合格率\t100%",
                        "\t\t时效脂农机补贴兑付时限\t≤30个工作日",
                        "\t标\t病虫害预警信息发布及时率\t≥95%",
                        "\t成本指标\t人均改造成本\t≤70万元"])
    assert got[2] == ("时效指标", "农机补贴兑付时限")
    warned = [i for i in issues if i.code == "label_unrecognised" and "'脂'" in i.message]
    assert len(warned) == 1 and warned[0].severity == "warning"


def test_a_rest_below_in_a_column_the_names_line_prints_stays():
    # 标 under 产出指: the level-1 label's own line, no rest of the label fused into the name
    got, _ = read(["\t数量指标\t改造老旧小区数量\t≥82个",
                   "\t质量指标\t工程竣工验收合格率\t100%",
                   "产出指\t\t时效脂农机补贴兑付时限\t≤30个工作日",
                   "标\t\t病虫害预警信息发布及时率\t≥95%",
                   "\t成本指标\t人均改造成本\t≤70万元"])
    assert got[2][1] == "脂农机补贴兑付时限"



@pytest.mark.parametrize("head, name, want", [
    ("质量指", "柝公益性岗位补贴发放准确率", ("柝", "公益性岗位补贴发放准确率")),   # 柝 stands for its 标
    ("质量指", "标准化服务覆盖率", None),            # 标准: the name's own word
    ("质量指", "数量统计准确率", None),              # 数, a label's character: another label's head
    ("质量", "柝公益性岗位补贴发放准确率", None),      # the head stops short of its 指 too
    ("质最指", "柝公益性岗位补贴发放准确率", ("柝", "公益性岗位补贴发放准确率")),
])
def test_a_character_for_biao_after_a_head_cut_before_it_is_read_by_its_place(head, name, want):
    vocab = level_vocabulary(SCHEMA)
    got = unattested_biao(head, name, vocab.level2_specs["质量指标"], vocab)
    assert (got and got[:2]) == want


def restated_line(level_cell: str) -> list[str]:
    # 服务对象满意度指标 wrapped in its column: its first line printed on every row of the block,
    # fused into the last row's name
    return ["产出指标\t数量指标\t补贴发放人数\t2600人",
            "\t质量指标\t补贴发放准确率\t100%",
            f"满意度指标\t{level_cell}\t退役军人满意度\t≥90%",
            f"满意度指标\t{level_cell}\t优抚对象满意度\t≥90%",
            "满意度指标\t\t服务对蒙军休干部满意度\t≥92%"]


def test_a_wrapped_labels_line_the_table_prints_on_other_rows_is_cut_with_its_damage_and_warned():
    # 服务对 read as the label's line, 蒙 left: 服务对蒙 is the level cell of the rows above, the
    # line restated with its damage
    got, issues = read(restated_line("服务对蒙"))
    assert got[-1] == ("服务对象满意度指标", "军休干部满意度")
    warned = [i for i in issues if i.code == "label_unrecognised" and "'蒙'" in i.message]
    assert len(warned) == 1 and warned[0].severity == "warning" and "another row" in warned[0].message


def test_a_character_after_a_wrapped_labels_line_no_row_prints_so_stays():
    got, _ = read(restated_line("服务对象满意度指标"))
    assert got[-1][1].endswith("蒙军休干部满意度")     # (no cut takes 蒙: nothing prints it so)


@pytest.mark.parametrize("line, name, want", [
    ("服务对柝", "服务对柝学生家长满意度", "学生家长满意度"),     # the line restated with its damage: cut
    ("服务对标", "服务对标学生家长满意度", "标学生家长满意度"),   # the line ends in a word (对标): the name's
    ("服务对指", "服务对指军休干部满意度", "军休干部满意度"),
    ("服务对指", "服务对指导员满意度", "指导员满意度"),         # 指 | 导 a word: the name's (指导员)
], ids=["damaged", "line-ends-in-a-word", "damaged-zhi", "tail-makes-a-word"])
def test_a_printed_lines_rest_making_a_word_with_the_line_or_the_name_stays_with_the_name(line, name, want):
    # 服务对 cut as the label's line; the rows above print the line as their level cell
    lines = restated_line(line)
    lines[-1] = f"满意度指标\t\t{name}\t≥92%"
    got, _ = read(lines)
    assert got[-1] == ("服务对象满意度指标", want)


@pytest.mark.parametrize("head, name, want", [
    ("散量", "脂补贴发放人数", ("脂", "补贴发放人数")),         # 散量 | 脂: 数量指 damaged, a line three wide
    ("服务对", "家退役军人满意度", ("家", "退役军人满意度")),   # 服务对 | 家 of 服务对象
    ("数量", "脂补贴发放人数", None),                      # 数量 is a label's word whole, printed so
    ("服务对", "象征性补贴人数满意度", None),                # in place: 服务对象 would have been read
    ("服务对", "数量统计满意度", None),                    # 数, a label's character
])
def test_a_character_filling_a_wrapped_labels_line_after_its_head_is_read_by_its_place(head, name, want):
    # the caller tries it only where the head is one character short of the level column's edge
    vocab = level_vocabulary(SCHEMA)
    spec = vocab.level2_specs["服务对象满意度指标" if head.startswith("服务") else "数量指标"]
    got = unattested_next(head, name, spec, vocab)
    assert (got and got[:2]) == want


@pytest.mark.parametrize("head, label, want", [
    ("散量", "数量指标", True),          # 数量 up to its 指标: may be printed whole, so 标 must stand below
    ("社会敫益", "社会效益指标", True),
    ("服务对", "服务对象满意度指标", False),   # inside the label's word: no word ends there
    ("可持续影", "可持续影响指标", False),
])
def test_a_head_reading_a_word_up_to_its_suffix_is_told_from_one_inside_the_word(head, label, want):
    vocab = level_vocabulary(SCHEMA)
    assert before_suffix(head, vocab.level2_specs[label], vocab) is want


@pytest.mark.parametrize("raw, want", [("数量 补贴发放人数", True), ("数量\u3000补贴发放人数", True),
                                       ("数量补贴发放人数", False), ("数量", False)])
def test_a_head_is_spaced_only_where_a_space_follows_it_as_read(raw, want):
    # a cell as read ending at the head has no space after it ("" is in every string: the
    # check `cut_damaged_label_tails` used took such a cell as spaced)
    assert spaced(Cell(raw, raw, 2), "数量") is want


def column_three_wide(below: list[str]) -> list[str]:
    # level-2 labels wrapped three wide (质量指 | 标 …: the column's edge at 3); 散量 cut off the
    # first row's name as its lost 数量指标, one short of the edge, 脂 after it
    return ["产出指标\t\t散量脂补贴发放人数\t2600人", *below,
            "\t\t培训人次\t≥3000人次",
            "\t质量指\t补贴发放准确率\t100%", "\t标\t\t",
            "\t时效指\t补贴按月发放及时率\t100%", "\t标\t\t",
            "\t成本指\t人均月补贴标准\t≤200元", "\t标\t\t"]


@pytest.mark.parametrize("below, want", [
    ([], "脂补贴发放人数"),            # 散量 may be 数量 printed whole, no 指标: 脂 the name's
    (["\t标\t\t"], "补贴发放人数"),    # its 标 wrapped below: the line above is cut at the edge, 脂 its 指
], ids=["no-biao-below", "biao-below"])
def test_a_character_filling_the_line_after_a_head_reading_a_word_whole_is_cut_only_over_a_biao_below(below, want):
    got, issues = read(column_three_wide(below))
    assert got[0] == ("数量指标", want)
    assert any(i.code == "label_unrecognised" and "'脂' cut off" in i.message for i in issues) is bool(below)


def test_a_labels_ending_alone_at_a_names_head_is_cut_and_warned():
    # 成本 / 控制 / 指标: 成本控制指标 wrapped down a column two wide, its last line fused into
    # the third row's name; 指标 alone names no category, the row keeps the one placed
    got, issues = read(["产出指标\t数量指标\t病虫害统防统治面积\t≥15000亩",
                        "\t成本\t统防统治亩均成本\t≤45元",
                        "\t控制\t良种补贴发放标准\t=20元",
                        "\t\t指标农技培训人均成本\t≤300元",
                        "\t\t标退役军人优待金发放费用\t≤20万元"])
    assert got[3] == ("成本指标", "农技培训人均成本") and got[4] == ("成本指标", "退役军人优待金发放费用")
    warned = [i for i in issues if i.code == "label_unrecognised" and "ending alone" in i.message]
    assert len(warned) == 2 and {i.severity for i in warned} == {"warning"}


def test_a_names_own_word_or_an_opening_other_names_share_keeps_its_ending():
    # 标准 is a word (schemas/name_words.yaml); 标化 (no listed word) opens two names: the document's own
    got, issues = read(["产出指标\t数量指标\t病虫害统防统治面积\t≥15000亩",
                        "\t\t标准化农田建设面积\t≥500亩",
                        "\t\t标化门诊新建数量统计\t≥20个",
                        "\t\t标化门诊改建数量统计\t≥20个"])
    assert [name for _, name in got] == ["病虫害统防统治面积", "标准化农田建设面积", "标化门诊新建数量统计",
                                         "标化门诊改建数量统计"]
    assert not [i for i in issues if "ending alone" in i.message]


@pytest.mark.parametrize("line, want", [
    ("\t\t时孝指标补贴资金按月发放及时率\t100%", "补贴资金按月发放及时率"),   # the label restated, damaged
    ("\t\t贸量指标补贴资金按月发放及时率\t100%", None),    # keeps none of 时效指标 in place: kept
    ("\t\t绩效指标补贴资金按月发放及时率\t100%", None),   # 效 in place, but a name's word before 指标: kept
    ("\t\t实效指标补贴资金按月发放及时率\t100%", None)])  # 效 in place, but 实效 is a word of its own: kept
def test_a_head_ending_in_zhibiao_that_ends_the_placed_categorys_form_is_cut_and_warned(line, want):
    got, issues = read(["产出指标\t数量指标\t病虫害统防统治面积\t≥15000亩",
                        "\t时效指标\t农机补贴兑付时限\t≤30个工作日",
                        line,
                        "\t成本指标\t农技培训人均成本\t≤300元"])
    name = line.split("\t")[2]
    assert got[2] == ("时效指标", want or name)
    warned = [i for i in issues if i.code == "label_unrecognised" and "ending in 指标" in i.message]
    assert len(warned) == bool(want) and all(i.severity == "warning" for i in warned)


def test_a_head_ending_in_zhibiao_that_another_name_opens_with_or_on_a_row_stating_its_label_stays():
    # 时孝指标 opening two names is the document's own word; a row stating 时效指标 whole in its
    # level cell has its label: the head is the name's
    got, issues = read(["产出指标\t数量指标\t病虫害统防统治面积\t≥15000亩",
                        "\t时效指标\t农机补贴兑付时限\t≤30个工作日",
                        "\t\t时孝指标补贴资金按月发放及时率\t100%",
                        "\t\t时孝指标补贴资金按季发放及时率\t100%",
                        "\t成本指标\t农技培训人均成本\t≤300元"])
    assert [name for _, name in got[2:4]] == ["时孝指标补贴资金按月发放及时率", "时孝指标补贴资金按季发放及时率"]
    got, issues = read(["产出指标\t数量指标\t病虫害统防统治面积\t≥15000亩",
                        "\t时效指标\t时孝指标补贴资金按月发放及时率\t100%",
                        "\t成本指标\t农技培训人均成本\t≤300元"])
    assert got[1] == ("时效指标", "时孝指标补贴资金按月发放及时率")
    assert not [i for i in issues if "ending in 指标" in i.message]


def test_a_wrapped_labels_last_line_ending_in_zhibiao_at_a_names_head_is_cut():
    # 服务对象 / 满意度指标: the label's last line fused into the name; 群众满意度指标 (two characters
    # out of place of the line 对象满意度指标) is a name's word and stays
    got, issues = read(["产出指标\t数量指标\t病虫害统防统治面积\t≥15000亩",
                        "满意度指标\t服务对象\t受益群众满意度\t≥90%",
                        "\t\t满意度指标农技培训学员满意度\t≥90%",
                        "\t\t群众满意度指标调查覆盖率\t≥90%"])
    assert got[2] == ("服务对象满意度指标", "农技培训学员满意度")
    assert got[3][1] == "群众满意度指标调查覆盖率"


def test_a_head_ending_in_zhibiao_a_reading_kept_whole_as_two_categories_alike_stays():
    # 杜佘效益指标 is as near 经济效益指标 as 社会效益指标: the order's reading kept the name whole,
    # its doubt said; the row's block (经济效益指标, by its names) cuts no head a reading left in doubt
    got, issues = read(["产出指标\t数量指标\t培训人次\t≥3000人次",
                        "效益指标\t\t杜佘效益指标义务教育入学率\t100%",
                        "\t\t农户人均增收\t≥1500元",
                        "\t生态效益指标\t绿化覆盖率\t≥40%"])
    assert got[1] == ("经济效益指标", "杜佘效益指标义务教育入学率")
    assert any(i.code == "label_unrecognised" and "as near" in i.message for i in issues)
    assert not [i for i in issues if "ending in 指标" in i.message]


def test_a_head_ending_in_zhibiao_as_near_the_category_of_the_row_below_stays():
    # 时量指标 keeps one character of 质量指标 (its block's) and one of 时效指标 (the next row's) in
    # place: which block it opens or ends is in doubt, and the name keeps it
    got, issues = read(["产出指标\t质量指标\t病虫害统防统治合格率\t100%",
                        "\t\t时量指标补贴资金按月发放合格率\t100%",
                        "\t时效指标\t农机补贴兑付时限\t≤30个工作日"])
    assert got[1] == ("质量指标", "时量指标补贴资金按月发放合格率")
    assert not [i for i in issues if "ending in 指标" in i.message]
