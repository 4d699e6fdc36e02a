"""The indicator hierarchy's mechanisms, each on a small table made for it: labels outrank
wording, the placement model is fitted per document and places block boundaries, a label
that cannot apply where it is printed moves, a label alone on its line is its block's
label (or an entry), a policy note is a note, a wrapped name is told from an empty
target by evidence."""
from __future__ import annotations

import re

import pytest

from formex.extract.ocr_text import iter_text_rows
from formex.extract.readers import read_document
from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.hierarchy import fit_items
from formex.normalize.form import normalize_document
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
HEADER = "一级指标\t二级指标\t三级指标\t指标值"
# names worded for their own category, the way forms word them; where a centre leaves a
# boundary a row's play (a block of 4 rows with its label on its 2nd row could be 3 rows
# long), the wording settles it
PLAIN = ["培训人数", "服务户数", "发放人次", "走访人数", "验收合格率", "抽检合格率", "建档规范率",
         "审核准确率", "资料达标率", "拨付及时率", "办结及时率", "上报及时率", "人均成本", "维护费用"]
BLOCKS = [("数量指标", 4), ("质量指标", 5), ("时效指标", 3), ("成本指标", 2)]


def label_rows(placement: str, sizes: list[int], breaks: set[int]) -> list[int]:
    """The row each block's label prints on, by the placement's definition."""
    rows, start = [], 0
    for size in sizes:
        end = start + size - 1
        inner = [k for k in sorted(breaks) if start < k <= end]
        rows.append({"top": start, "bottom": end, "centre_up": (start + end) // 2,
                     "centre_down": -((-start - end) // 2),
                     "after_break": inner[0] if inner else start}[placement])
        start = end + 1
    return rows


def table(placement: str, breaks: set[int] = frozenset(), names=None) -> str:
    sizes = [size for _, size in BLOCKS]
    labels = dict(zip(label_rows(placement, sizes, breaks), (label for label, _ in BLOCKS)))
    group_row = label_rows(placement, [sum(sizes)], breaks)[0]   # the level-1 label, same rule
    names = names or PLAIN
    lines = [HEADER]
    for i in range(sum(sizes)):
        if i in breaks:
            lines.append("")
        group = "产出指标" if i == group_row else ""
        lines.append(f"{group}\t{labels.get(i, '')}\t{names[i]}\t≥{i + 1}(项)")
    return "\n".join(lines)


def place(text: str):
    rows = list(iter_text_rows(text))
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    return indicators, issues


def expected_categories() -> list[str]:
    return [label for label, size in BLOCKS for _ in range(size)]


@pytest.mark.parametrize("placement, breaks", [
    ("top", set()), ("centre_up", set()), ("centre_down", set()), ("bottom", set()),
    ("after_break", {2, 6, 11}), ("centre_up", {3, 8}),
])
def test_the_placement_model_is_fitted_and_places_every_boundary(placement, breaks):
    indicators, _ = place(table(placement, breaks))
    assert [i.placement.level2.label for i in indicators] == expected_categories()


def test_the_fitted_model_is_the_documents():
    rows = list(iter_text_rows(table("bottom")))
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    assert fit_items(items, SCHEMA.level2_order).model == "bottom"


@pytest.mark.parametrize("placement, rows", [
    ("top", (3, 4)), ("bottom", (3, 4)),
    ("centre_up", (5, 10)), ("centre_down", (5, 10)),   # rows a centred label pins to its block
])
def test_labels_outrank_wording(placement, rows):
    names = list(PLAIN)
    for row in rows:   # worded for the neighbouring block
        names[row] = "资金发放及时率" if expected_categories()[row] != "时效指标" else "补贴发放人数"
    indicators, _ = place(table(placement, names=names))
    assert [i.placement.level2.label for i in indicators] == expected_categories()


def test_wording_decides_where_no_label_speaks():
    # labels on each block's first row, but 时效 printed no label: the rows between 质量's
    # label and 成本's belong to 质量 or to an unlabelled block, and their words say 时效
    text = "\n".join([HEADER, "产出指标\t数量指标\t培训人数\t≥5(人)", "\t\t服务人数\t≥6(人)",
                      "\t质量指标\t验收合格率\t100%", "\t\t抽检合格率\t100%",
                      "\t\t资金拨付及时率\t100%", "\t\t报告按时完成率\t100%",
                      "\t成本指标\t人均成本\t≤5(元)"])
    indicators, _ = place(text)
    assert [i.placement.level2.label for i in indicators] == [
        "数量指标", "数量指标", "质量指标", "质量指标", "时效指标", "时效指标", "成本指标"]
    assert [i.placement.source for i in indicators][4:6] == ["inferred", "inferred"]


def test_a_label_that_cannot_apply_where_printed_moves_to_the_first_row_where_it_can():
    text = "\n".join([HEADER, "产出指标\t时效指标\t资金拨付及时率\t100%",
                      "社会效益指标\t发放及时率\t100%",          # 社会 printed above the 经济 entry
                      "效益指标\t经济效益指标\t\t无",
                      "\t\t群众生活水平\t提高", "\t\t就业人数\t≥10(人)",
                      "可持续影响指标\t生态效益指标\t无",           # 可持续 printed on the 生态 entry
                      "\t\t长效机制\t健全"])
    indicators, issues = place(text)
    got = [(i.placement.level2.label, i.placement.source) for i in indicators]
    assert got == [("时效指标", "explicit"), ("时效指标", "displaced"), ("经济效益指标", "explicit"),
                   ("社会效益指标", "filled"), ("社会效益指标", "filled"), ("生态效益指标", "explicit"),
                   ("可持续影响指标", "filled")]
    assert [i.source_ref for i in issues if i.code == "label_displaced"] == ["line 3", "line 7"]


def test_a_policy_note_across_a_block_is_a_note_not_an_indicator():
    text = "\n".join([HEADER, "投入管理指标\t预算编审管理\t根据有关文件的规定要求设置三级指标和指标值\t",
                      "\t预算执行管理\t\t", "\t资产管理\t\t", "产出指标\t数量指标\t培训人数\t≥5(人)"])
    indicators, _ = place(text)
    first = indicators[0]
    assert (first.row.name, first.row.note) == (None, "根据有关文件的规定要求设置三级指标和指标值")
    assert [i.placement.level2.label for i in indicators] == ["预算编审管理", "预算执行管理", "资产管理", "数量指标"]


def test_a_label_alone_on_its_line_is_its_blocks_label_or_an_entry():
    # 质量指标 alone between two rows of its block (an even span's centre); 成本指标 alone
    # with nothing after it but another block: a category listed without indicators
    text = "\n".join([HEADER, "\t\t培训人数\t≥1(人)", "\t数量指标\t服务户数\t≥2(户)", "\t\t发放人次\t≥3(人次)",
                      "产出指标\t\t验收合格率\t100%", "\t\t抽检合格率\t100%", "\t质量指标\t\t",
                      "\t\t建档规范率\t100%", "\t\t审核准确率\t100%",
                      "\t成本指标\t\t", "效益指标\t社会效益指标\t群众受益人数\t≥7(人)"])
    indicators, _ = place(text)
    assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
        ("培训人数", "数量指标"), ("服务户数", "数量指标"), ("发放人次", "数量指标"),
        ("验收合格率", "质量指标"), ("抽检合格率", "质量指标"), ("建档规范率", "质量指标"),
        ("审核准确率", "质量指标"), (None, "成本指标"), ("群众受益人数", "社会效益指标")]


def test_a_level2_label_on_a_line_of_its_own_takes_no_row_of_its_groups_span():
    # an engine that writes an even span's label on a line of its own between its middle
    # rows: 产出指标 between rows 3 and 4 of its 8 rows, 时效指标 between its 2. Counted
    # as a row, the 时效指标 line would move the group's centre and fit as an entry
    text = "\n".join([HEADER, "\t\t培训人数\t≥1(人)", "\t数量指标\t服务户数\t≥2(户)", "\t\t发放人次\t≥3(人次)",
                      "产出指标\t\t\t", "\t\t验收合格率\t100%", "\t质量指标\t抽检合格率\t100%",
                      "\t\t建档规范率\t100%", "\t\t拨付及时率\t100%", "\t时效指标\t\t", "\t\t上报及时率\t100%",
                      "\t\t群众受益人数\t≥7(人)", "效益指标\t社会效益指标\t带动就业人数\t≥8(人)",
                      "\t\t惠及户数\t≥9(户)"])
    indicators, _ = place(text)
    assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
        ("培训人数", "数量指标"), ("服务户数", "数量指标"), ("发放人次", "数量指标"),
        ("验收合格率", "质量指标"), ("抽检合格率", "质量指标"), ("建档规范率", "质量指标"),
        ("拨付及时率", "时效指标"), ("上报及时率", "时效指标"), ("群众受益人数", "社会效益指标"),
        ("带动就业人数", "社会效益指标"), ("惠及户数", "社会效益指标")]


def test_a_top_label_on_a_line_of_its_own_is_not_crossed_by_a_name_worded_for_its_block():
    # labels at their blocks' tops, 质量 and 时效 on lines of their own above their first
    # rows, fitting the model exactly: 补贴发放及时性, worded for 时效, prints above the
    # 时效 line. Taken into 时效's block it leaves the label half a line below the block's
    # top, and that costs a whole line's trust, more than a strong word
    text = "\n".join([HEADER, "产出指标\t数量指标\t培训人数\t≥5(人)", "\t\t服务户数\t≥6(户)",
                      "\t\t发放人次\t≥7(人次)", "\t质量指标\t\t", "\t\t验收合格率\t100%",
                      "\t\t抽检合格率\t100%", "\t\t补贴发放及时性\t100%", "\t时效指标\t\t",
                      "\t\t上报及时率\t100%", "\t\t办结及时率\t100%", "\t成本指标\t人均成本\t≤5(元)",
                      "\t\t维护费用\t≤6(元)", "效益指标\t社会效益指标\t受益群众人数\t≥8(人)",
                      "\t\t带动就业人数\t≥9(人)"])
    indicators, _ = place(text)
    assert [(i.row.name, i.placement.level2.label) for i in indicators][3:8] == [
        ("验收合格率", "质量指标"), ("抽检合格率", "质量指标"), ("补贴发放及时性", "质量指标"),
        ("上报及时率", "时效指标"), ("办结及时率", "时效指标")]


def test_sub_header_labels_bound_the_group_above_whose_neighbours_lost_their_labels():
    # every level-2 label on a line of its own above its block (sub-headers); 产出指标
    # beside 质量指标's line, 效益指标 and 满意度指标 lost. Read so, the label-only rows
    # state their groups: 产出指标's block may not run through 经济效益指标's line to the
    # table's end, where it would rule sub_header out and a shifted reading win
    # (经济效益指标 an entry, its rows 社会效益指标's)
    text = "\n".join([HEADER, "\t数量指标\t\t", "\t\t培训人数\t≥1(人)", "\t\t服务户数\t≥2(户)",
                      "\t\t发放人次\t≥3(人次)", "产出指标\t质量指标\t\t", "\t\t验收合格率\t100%",
                      "\t\t抽检合格率\t100%", "\t时效指标\t\t", "\t\t拨付及时率\t100%",
                      "\t经济效益指标\t\t", "\t\t增收金额\t≥9(万元)", "\t\t带动就业人数\t≥8(人)",
                      "\t社会效益指标\t\t", "\t\t受益群众人数\t≥7(人)", "\t\t惠及户数\t≥9(户)",
                      "\t\t培训覆盖率\t≥90%", "\t服务对象满意度指标\t\t", "\t\t群众满意度\t≥90%"])
    indicators, _ = place(text)
    assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
        ("培训人数", "数量指标"), ("服务户数", "数量指标"), ("发放人次", "数量指标"),
        ("验收合格率", "质量指标"), ("抽检合格率", "质量指标"), ("拨付及时率", "时效指标"),
        ("增收金额", "经济效益指标"), ("带动就业人数", "经济效益指标"), ("受益群众人数", "社会效益指标"),
        ("惠及户数", "社会效益指标"), ("培训覆盖率", "社会效益指标"), ("群众满意度", "服务对象满意度指标")]


def test_a_label_alone_that_fits_as_a_row_stays_an_entry():
    # labels at their blocks' centres, all on rows: 成本指标 alone is a category listed
    # without indicators, though read as a line of its own it would fit a block of the
    # rows around it as well
    text = "\n".join([HEADER, "\t\t培训人数\t≥1(人)", "\t数量指标\t服务户数\t≥2(户)", "\t\t发放人次\t≥3(人次)",
                      "产出指标\t\t拨付及时率\t100%", "\t时效指标\t上报及时率\t100%", "\t\t办结及时率\t100%",
                      "\t成本指标\t\t", "\t\t带动就业人数\t≥8(人)", "效益指标\t经济效益指标\t增收金额\t≥9(万元)"])
    indicators, _ = place(text)
    assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
        ("培训人数", "数量指标"), ("服务户数", "数量指标"), ("发放人次", "数量指标"),
        ("拨付及时率", "时效指标"), ("上报及时率", "时效指标"), ("办结及时率", "时效指标"),
        (None, "成本指标"), ("带动就业人数", "经济效益指标"), ("增收金额", "经济效益指标")]


@pytest.mark.parametrize("lines, names", [
    # a short fragment, a name above that stops before its head word: wrapped
    (["\t\t65岁以上老年人健康\t≥7500人", "\t\t管理人数\t"], ["65岁以上老年人健康管理人数"]),
    (["\t\t突发公共卫生事件报告\t100%", "及时率"], ["突发公共卫生事件报告及时率"]),
    # a whole name under a whole name: an indicator with an empty target
    (["\t\t军休干部服务管理人数\t=46(人)", "\t\t烈士纪念设施维护数量\t"], ["军休干部服务管理人数", "烈士纪念设施维护数量"]),
    (["\t\t门诊患者满意度\t≥90%", "\t\t职工满意度\t"], ["门诊患者满意度", "职工满意度"]),
])
def test_a_wrapped_name_is_told_from_an_empty_target(lines, names):
    indicators, _ = place("\n".join([HEADER, "产出指标\t数量指标\t培训人数\t≥5(人)", *lines]))
    assert [i.row.name for i in indicators][1:] == names


def test_a_column_that_wraps_at_its_width_joins_only_full_lines():
    # the column wraps at 8 characters and the target prints on a wrapped row's last line
    rows = ["\t\t城乡居民基础养老\t", "\t\t金标准\t≥200元", "\t\t发放创业担保贷款\t", "\t\t金额\t5000万元",
            "\t\t促进创业人数统计\t≥10(人)", "\t\t培训人数\t", "\t\t城镇新增就业人数\t≥3(万人)"]
    indicators, _ = place("\n".join([HEADER, "产出指标\t数量指标\t培训场次\t≥5(场)", *rows]))
    assert [(i.row.name, i.target.raw) for i in indicators][1:] == [
        ("城乡居民基础养老金标准", "≥200元"), ("发放创业担保贷款金额", "5000万元"),
        ("促进创业人数统计", "≥10(人)"), ("培训人数", None), ("城镇新增就业人数", "≥3(万人)")]


def test_a_basis_word_alone_in_the_target_cell_is_a_note_not_a_target():
    indicators, _ = place("\n".join([HEADER, "产出指标\t数量指标\t培训人数\t计划标准", "\t\t服务户数\t≥5(户)"]))
    first = indicators[0]
    assert (first.target.kind, first.row.note) == ("none", "计划标准")      # ruling L7


def test_a_wrapped_name_that_ends_in_a_label_word_keeps_it():
    # the name column wraps at 10 characters (three names fill it); 数量 and 满意度 are
    # aliases of level labels, but under a name cut at the width they end it
    text = "\n".join([HEADER, "产出指标\t数量指标\t新增区级创业孵化基地\t", "\t\t数量\t≥1(个)",
                      "\t\t就业见习岗位募集人数\t≥600(个)", "\t\t公益性岗位开发的人数\t≥120(个)",
                      "满意度指标\t服务对象满意度指标\t创业孵化基地入驻企业\t", "\t\t满意度\t≥90(%)"])
    indicators, _ = place(text)
    assert [(i.row.name, i.target.raw, i.placement.level2.label) for i in indicators] == [
        ("新增区级创业孵化基地数量", "≥1(个)", "数量指标"), ("就业见习岗位募集人数", "≥600(个)", "数量指标"),
        ("公益性岗位开发的人数", "≥120(个)", "数量指标"),
        ("创业孵化基地入驻企业满意度", "≥90(%)", "服务对象满意度指标")]


def test_a_label_word_under_a_name_ending_in_its_head_word_stays_a_label():
    # the column wraps at 9 characters; 数量 under 完成改造的老旧小区 (cut mid-word) ends the
    # name, but 质量 under 工程竣工验收合格率 (a name ending in its head word 率, whole) is the
    # rest of the row's level-2 label 产出质量 wrapped in its narrow column
    text = "\n".join([HEADER, "产出指标\t数量指标\t完成改造的老旧小区\t≥30个", "\t\t数量\t", "\t\t加装电梯数量\t≥45部",
                      "\t产出\t工程竣工验收合格率\t=100%", "\t质量\t\t",
                      "\t时效指标\t年度改造任务完成时\t≤2024年12月31日", "\t\t间\t",
                      "\t成本指标\t单个小区平均改造成\t≤70万元", "\t\t本\t"])
    indicators, _ = place(text)
    assert [(i.row.name, i.placement.level2.label) for i in indicators] == [
        ("完成改造的老旧小区数量", "数量指标"), ("加装电梯数量", "数量指标"), ("工程竣工验收合格率", "质量指标"),
        ("年度改造任务完成时间", "时效指标"), ("单个小区平均改造成本", "成本指标")]


def test_labels_at_the_bottom_of_each_pages_part_fit_their_own_model():
    # breaks before rows 2 and 7: 数量指标 (rows 0-3) prints on rows 1 and 3, 质量指标
    # (4-8) on 6 and 8, 产出指标 (0-13) on 1, 6 and 13
    level2 = {1: "数量指标", 3: "数量指标", 6: "质量指标", 8: "质量指标", 11: "时效指标", 13: "成本指标"}
    level1 = {1, 6, 13}
    lines = [HEADER]
    for i in range(14):
        if i in (2, 7):
            lines += ["", HEADER]
        lines.append(f"{'产出指标' if i in level1 else ''}\t{level2.get(i, '')}\t{PLAIN[i]}\t≥{i + 1}(项)")
    rows = list(iter_text_rows("\n".join(lines)))
    items, _ = rows_to_indicator_rows(rows, SCHEMA, False)
    assert fit_items(items, SCHEMA.level2_order).model == "page_bottom"
    indicators, _ = place("\n".join(lines))
    assert [i.placement.level2.label for i in indicators] == expected_categories()


# labels at their spans' centres: an odd span's on its middle row, an even span's (质量,
# 成本, 社会效益: four rows each) wrapped on lines of their own between its middle rows
CENTRED_APART = [
    '单位整体支出绩效目标申报表\t',
    '(2025年度)\t',
    '绩效指标\t\t\t',
    '序号\t二级指柝\t三级指标\t指标俱',
    '1\t\t绿色食品认证面积\t≥3500亩',
    '2\t\t农业技术培训场次\t≥20场',
    '3\t\t数量指水稻良种推广面积\t≥12000亩',
    '4\t标\t农机作业补贴户数\t≥260户',
    '5\t\t病虫害统防统治面积\t≥15000亩',
    '6\t\t农产品质量安全抽检合格率\t≥98%',
    '7\t\t农技培训考核合格率\t≥95%',
    '质暈脂\t\t',
    '标\t\t',
    '8\t\t补贴资金发放准确率\t',
    '\t',
    '9\t\t农田水利设施验收合格率\t100%',
    '',
    '（续上页）',
    '10\t\t农机补贴兑付时限\t≤30个工作日',
    '11\t时效指\t病虫害预警信息发布及时率\t≥95%',
    '12\t\t标年度项目完工时间\t2025年11月30日前',
    '13\t\t统防统治亩均成本\t≤45元',
    '14\t\t良种补贴标准\t=20.00(元)',
    '产出成\t\t',
    '本指标\t\t',
    '15\t\t农技培训人均成本\t≤300元',
    '16\t\t农田设施维护费用\t≤180万元',
    '17\t\t经济効 地产农产品销售额\t≥6000万元',
    '18\t盎类指\t农户人均增收\t≥1200元',
    '标\t\t',
    '',
    '19\t\t合作社经营收入增长率\t',
    '20\t\t受益农户户数\t≥3800户',
    '21\t\t农民技能培训受益人数\t≥600人',
    '社会效\t\t',
    '益指标\t\t',
    '22\t\t提升农产品质量安全水平\t逐步提高',
    '23\t\t促进农村劳动力就业人数\t≥150人',
]


def read_categories(lines: list[str]) -> list[tuple[str | None, str]]:
    doc = read_document("\n".join(lines).encode("utf-8"), "table.txt")
    return [(i.row.name, i.placement.level2.label) for i in normalize_document(doc).indicators]


def centred_apart_categories() -> list[str]:
    blocks = [("数量指标", 5), ("质量指标", 4), ("时效指标", 3), ("成本指标", 4), ("经济效益指标", 3),
              ("社会效益指标", 4)]
    return [label for label, size in blocks for _ in range(size)]


def test_label_lines_a_numbered_table_leaves_unnumbered_are_its_blocks_labels():
    # the rows print their numbers (序号), the three label lines none: lines of their own,
    # not categories listed without indicators (which as rows let the blocks around them
    # stretch to fit their labels as well)
    got = read_categories(CENTRED_APART)
    assert [label for _, label in got] == centred_apart_categories()
    assert all(name for name, _ in got)


def test_label_lines_apart_fitting_as_well_but_for_their_prior_are_weighed_by_the_wording():
    # the same table without its 序号 column: the labels fit the lines-apart reading as
    # well as the rows reading but for `APART` per line, three lines in all; the rows'
    # wording (合格率 in 数量, 成本 in 时效) weighs the two readings, however many lines
    unnumbered = [re.sub(r"^(\d+|序号)\t", "", line) for line in CENTRED_APART]
    got = read_categories(unnumbered)
    assert [label for _, label in got] == centred_apart_categories()


# a numbered table whose 成本指标 prints a number of its own (13) and nothing else: a
# category listed without indicators, while 质量指标 and 时效指标 print none (their blocks'
# labels, on lines of their own)
NUMBERED_ENTRY = [
    '单位整体支出绩效目标申报表\t',
    '(2023年度)\t',
    '绩效指标\t\t\t',
    '序号\t二级指标\t三吸脂标\t指标值\t备注',
    '1\t\t在校学生人数\t≥1850(人)\t',
    '2\t\t费用在编教职工人数\t=126(人)\t计划标准',
    '3\t\t数量指标 教师培训人次\t≥400(人次)\t',
    '4\t\t课后服务覆盖学生人数\t≥1500(人)\t行业标准',
    '5\t\t教学设备更新数量\t≥80(台)\t行业标准',
    '6\t\t学生体质健康标准按时达标率\t≥95.00(%)\t',
    '7\t\t食堂食品安全检查合格率\t=100.00(%)\t',
    '\t质量指标\t\t\t',
    '8\t\t收入义务教育巩固率\t=100.00(%)\t历史标准',
    '9\t\t教师继续教育学分达标率\t≥98.00(%)\t',
    '10\t\t校舍维可持续修工程按时完工\t\t',
    '\t\t率\t=100.00(%)\t',
    '\t时效指标\t\t\t',
    '',
    '11\t\t教育经费及时拨付率\t=100.00(%)\t',
    '12\t\t学生资助资金发放及时率\t=100.00(%)\t',
    '13\t成本指标\t\t\t',
    '14\t\t学生综合素质费用提升\t有所提升\t',
    '15\t\t社会效益指 义务教育入学率\t=100.00(%)\t',
    '16\t\t标 随迁子女入学保障率\t=100.00(%)\t',
    '17\t生态效益指\t\t无\t',
    '\t标\t\t\t',
    '18\t\t教育环境教学质量长效提升机\t\t',
    '\t可持续影响\t制\t持续完善\t',
    '19\t\t指标校园安全管理制度健全性\t健全\t历史标准',
    '20\t\t学生家长满意度\t≥90.00(%)\t',
    '21\t\t服务对象满学生满意度\t≥90.00(%)\t',
    '22\t意度\t教职工满意度\t≥85.00(%)\t',
]


def test_a_label_only_row_a_numbered_table_numbers_is_a_category_without_indicators():
    got = read_categories(NUMBERED_ENTRY)
    assert (None, "成本指标") in got and (None, "生态效益指标") in got
    assert [label for name, label in got if name][8:13] == ["质量指标", "时效指标", "时效指标", "时效指标",
                                                           "社会效益指标"]


# a numbered table (a three-page form's last two pages) whose 可持续影响 label prints on
# two unnumbered lines between rows 22 and 23: both readings' fits read those lines apart,
# so both agree with the numbers, and the rows reading's fit places row 23 under its label
NUMBERED_BOTH_AGREE = [
    '单位整体支出绩效目标申报表\t',
    '(2025年度)\t',
    '绩效指标\t\t\t',
    '序号\t二极指杯\t三级损标\t指标值',
    '1\t\t家庭医生签约居民人数\t≥35000(人)',
    '2\t\t65岁以上老年质量监督人健康管理人数\t≥9000(人)',
    '3\t\t0-6岁儿童健康管理人数\t≥4200(人)',
    '4\t\t数量指标免疫规划疫苗接种剂次\t≥18000(剂次)',
    '5\t\t高血压患者规范管理人数\t',
    '6\t\t糖尿病患者规范管理人数\t',
    '7\t\t健康教育满意度调查讲座次数\t≥24(次)',
    '8\t\t居民电子健康档案建档率\t≥90.00(%)',
    '\t',
    '9\t\t适龄儿童免疫规划疫苗接种率\t≥95.00(%)',
    '10\t\t高血压患者规范管理率\t≥62.00(%)',
    '\t盾量指标\t\t',
    '11\t\t糖尿病患者及时规范管理率\t',
    '12\t\t院内感染控制达标率\t=100.00(%)',
    '13\t\t医疗废物规范处置合格率\t=100.00(%)',
    '14\t\t传染病疫情报告及时率\t',
    '15\t时效损栎\t突发公共卫生事件报告及时率\t=100.00(%)',
    '16\t\t新生儿访视按时完成率\t≥95.00(%)',
    '17\t\t辖区合格居民健康素养水平\t≥35.00(%)',
    '18\t\t重点人群健康管理覆盖率\t≥70.00(%)',
    '19\t社会效益\t家庭医生签约服务覆盖率\t',
    '20\t\t孕产按时妇系统管理率\t≥95.00(%)',
    '21\t\t严重精神障碍患者规范管理率\t≥80.00(%)',
    '22\t\t合格家庭医生签约服务长效机制\t持续完善',
    '\t可持读影响\t\t',
    '\t指标\t\t',
    '23\t\t社区慢病健康管理支持中心运行情况\t有效运行',
    '1',
    '填报人：张伟\t联系电话：021-59435834',
    '',
    '序号\t二极指杯\t三级损标\t指标值',
    '24\t\t签约居民满意度\t≥90.00(%)',
    '25\t\t服务对象满 门诊患者满意度\t≥90.00(%)',
    '26\t意度\t职工满意度\t≥85.00(%)',
    '填报人：张伟\t联系电话：021-59435834',
    '第 2 页',
]


def test_every_fit_agreeing_with_a_tables_row_numbers_stays_for_the_wording_to_weigh():
    # the numbers rule out only the fits they contradict (an unnumbered line read as a row,
    # a numbered one as a label), whichever reading gave them; among the rest the rows'
    # wording chooses: 23 under 可持续影响指标, not carried into the next page's 满意度 block
    got = read_categories(NUMBERED_BOTH_AGREE)
    assert all(name for name, _ in got)
    assert [label for _, label in got][21:] == ["可持续影响指标", "可持续影响指标", "服务对象满意度指标",
                                                "服务对象满意度指标", "服务对象满意度指标"]


# a block whose label OCR lost (成本, fused into its one row's name) at the edge of the
# 时效 block above it: `centre_down` takes the row into 时效's block and, its labels on
# lines apart paying their prior, fits every label as exactly as `centre_apart`, for less
# than the lost block costs. Held out of every labelled block and refitted, the labels fit
# `centre_apart` at no more than that block's price: the model changes with the refit, and
# the gap below 经济效益's line apart (between its two rows) is trusted, so the second
# row's 就业 (a strong word of 社会效益) does not pull it across the line
LOST_BLOCK_BESIDE_LINES_APART = [
    "部门整体支出绩效目标申报表\t",
    "(2019年度)\t",
    "绩效指标",
    "序号\t一级指标\t二级指标\t三级指标\t指标值",
    "1\t\t\t城乡居民基础养老金标准\t≥200元每人每月",
    "2\t\t\t发放创业担保贷款金额\t5000万元",
    "3\t\t数量指标\t城镇新增就业人数\t≥2万人",
    "4\t\t\t促进创业人数\t≥3000人",
    "5\t\t\t城乡居民基本养老保险参保人数\t≥95万人",
    "6\t\t\t创业担保贷款还款率\t≥90%",
    "7\t产出指标\t质量指标\t补贴发放准确率\t≥98%",
    "8\t\t\t城乡居民养老金发放准确率\t100%",
    "9\t\t\t资金在规定时间内下达率\t100%",
    "10\t\t\t资金支付规范性\t合规",
    "\t\t时效指标\t\t",
    "11\t\t\t实际资金支出率\t≥95%",
    "12\t\t\t城乡居民养老金按月发放及时率\t100%",
    "13\t\t\t成本创业担保贷款贴息资金控制数\t≤790万元",
    "14\t\t\t就业困难人员就业人数\t≥1000人",
    "\t\t经济效益指标\t\t",
    "15\t\t\t失业人员再就业人数\t≥800人",
    "16\t\t\t全市城乡居民养老保险覆盖面\t不低于上年度水平",
    "财务专用章",
    "",
    "序号\t一级指标\t二级指标\t三级指标\t指标值",
    "17\t\t\t扶持创业企业（项目）数\t650",
    "\t效益类指标\t\t\t",
    "18\t\t社令孝益\t城镇登记失业率\t≤3.5%",
    "19\t\t\t劳动人事争议案件仲裁结案率\t≥95%",
    "20\t\t\t劳动人事争议案件调解率\t≥75%",
    "21\t\t可持续影响指标\t“智慧人社”业务全流程网上办理\t持续推进",
    "22\t\t\t群众满意度\t≥75%",
    "23\t满意度指标\t服务对象满意度指标\t享受创业担保贷款对象满意度\t≥95%",
    "24\t\t\t公共服务满意度\t≥95%",
]


def test_a_lost_blocks_refit_may_change_the_model_that_fits_every_label():
    got = [label for _, label in read_categories(LOST_BLOCK_BESIDE_LINES_APART)]
    assert got[12:15] == ["成本指标", "经济效益指标", "经济效益指标"]
    assert got[15] == "社会效益指标"


def test_a_gap_holding_an_unread_level_cell_is_not_trusted():
    """Two labels printed at their blocks' tops fit `top` exactly, so the rows between are
    trusted to the block above over their wording (`STRONG`). A row there holding a level
    cell no vocabulary reads (a damaged label: `广出薮` of 产出数量指标) may open a block
    of its own: from that row to the next label the gap is weak, the wording decides
    (`fit_placement`'s `open_rows`, `Chain.open_part`); the rows above it, and the gap
    without one, stay trusted."""
    from formex.normalize.indicators.placement import STRONG, WEAK, Cluster, Geometry, fit_placement
    lines = list(range(10))
    geo = Geometry(lines, lines, [])
    level2 = [Cluster("数量指标", 0, 0, (0.0,)), Cluster("质量指标", 5, 5, (5.0,))]

    def fit(model, open_rows=frozenset(), close_rows=frozenset()):
        return next(f for f in fit_placement(level2, [], geo, 10, open_rows=open_rows, close_rows=close_rows)
                    if f.model == model)

    trusted, weak = fit("top"), fit("top", frozenset({2}))
    assert trusted.cost == weak.cost == 0.0
    # row 3 taken into the next block moves the boundary the labels placed: trusted, it
    # costs a strong word's worth per line; under the unread cell, a weak one's
    assert trusted.level2[3][3] >= STRONG - 1e-9 and weak.level2[3][3] <= WEAK + 1e-9
    assert 3 in trusted.firm and 3 not in weak.firm
    # above the unread cell its block cannot reach (its label is its first line) and after
    # 质量 (no unread cell) the rows stay trusted
    assert weak.level2[1] == trusted.level2[1] and 1 in weak.firm
    assert trusted.level2[7] == weak.level2[7] and 7 in weak.firm


def test_a_label_s_unread_later_piece_only_closes_a_block():
    """An unread piece that opens no label (one character, a damaged 指标: `close_rows`
    only) just below a label (its own tail) leaves a top-printed gap trusted; under
    `bottom` it may be a label's last line, so the rows up to it are weak. Below a free
    row its label may have opened on that row (unread too, or fused into the name): from
    there the gap is weak under `top`."""
    from formex.normalize.indicators.placement import STRONG, WEAK, Cluster, Geometry, fit_placement
    lines = list(range(10))
    geo = Geometry(lines, lines, [])

    def fit(level2, model, close_rows=frozenset()):
        return next(f for f in fit_placement(level2, [], geo, 10, close_rows=close_rows) if f.model == model)

    top = [Cluster("数量指标", 0, 0, (0.0,)), Cluster("质量指标", 5, 5, (5.0,))]
    assert fit(top, "top", frozenset({1})).level2 == fit(top, "top").level2
    below_free = fit(top, "top", frozenset({3}))
    assert 1 in below_free.firm and 2 not in below_free.firm and 3 not in below_free.firm
    bottom = [Cluster("数量指标", 4, 4, (4.0,)), Cluster("质量指标", 9, 9, (9.0,))]
    trusted, weak = fit(bottom, "bottom"), fit(bottom, "bottom", frozenset({6}))
    # row 6 taken into the block above: trusted, a strong word's worth; up to the piece, weak
    assert trusted.level2[6][2] >= STRONG - 1e-9 and weak.level2[6][2] <= WEAK + 1e-9
    assert 5 not in weak.firm and 7 in weak.firm
