"""Rows read under the wrong group at a group's edge or over a whole block.

Rows tied between two blocks are decided together along the chain of blocks
(`normalize/indicators/chained.py`): each boundary row may fit either side alone, but the
sides chosen must make blocks the fitted placement accepts all at once. A level-2 label
read fuzzily as a category of another group than the one its row prints exactly is left
unread (`groups.contradicts_own_group`)."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.chained import chained_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
HEADER = "一级指标\t二级指标\t三级指标\t指标值"
# three blocks of four rows, each label on the upper middle row (rows 1, 5, 9), the group's
# on the upper middle row of all twelve: 数量 0-3, 质量 4-7, 时效 8-11. Under that rule row 3
# fits 质量 as well (质量 3-7, its label still in its upper middle) and row 7 fits 时效 as
# well (质量 4-6, 时效 7-11), but not both at once: 质量 3-6 puts its middle on row 4
LABELS = {1: "数量指标", 5: "质量指标", 9: "时效指标"}
NAMES = ["培训人数", "服务户数", "发放人次", "验收合格率", "抽检合格率", "建档规范率",
         "审核准确率", "工作开展", "拨付及时率", "办结及时率", "上报及时率", "按时完成"]


def place(names: list[str]):
    lines = [HEADER] + [f"{'产出指标' if i == 5 else ''}\t{LABELS.get(i, '')}\t{name}\t达标"
                        for i, name in enumerate(names)]
    return rows_to_indicators(list(iter_text_rows("\n".join(lines))), SCHEMA, spans_known=False, year=2026)


def test_two_boundary_rows_that_fit_only_one_at_a_time_do_not_both_move():
    # row 3 is worded for 质量 (合格, strong), row 7 for 时效 (周期, weak): alone each would
    # cross its boundary, together they make a 质量 block no centre fits. The stronger
    # wording moves its row; the other stays, and says why
    names = NAMES[:7] + ["办结周期"] + NAMES[8:]
    indicators, issues = place(names)
    got = [ind.placement.level2.label for ind in indicators]
    assert got == ["数量指标"] * 3 + ["质量指标"] * 5 + ["时效指标"] * 4
    said = [i for i in issues if i.code == "level_boundary_ambiguous" and "办结周期" in i.message]
    assert said and "fit the" in said[0].message and said[0].severity == "warning"


def test_boundary_rows_whose_blocks_already_fit_are_left_to_their_wording():
    # row 7 worded for nothing: the rows' sides already make blocks the placement accepts
    # (质量 3-7), so nothing is moved by the chain and no row says it was
    indicators, issues = place(NAMES)
    got = [ind.placement.level2.label for ind in indicators]
    assert got == ["数量指标"] * 3 + ["质量指标"] * 5 + ["时效指标"] * 4
    assert not any("fit the" in i.message and "together" in i.message for i in issues)


def test_two_chains_worded_alike_are_left_as_the_rows_chose():
    # row 3 and row 7 worded equally strongly for the block below (合格 for 质量, 时限 for
    # 时效): the two exact chains cost the same, so the chain does not choose; the rows keep
    # the sides their wording gave them
    names = NAMES[:7] + ["办结时限"] + NAMES[8:]
    indicators, issues = place(names)
    got = [ind.placement.level2.label for ind in indicators]
    assert got[3] == "质量指标" and got[7] == "时效指标"
    assert not any("together" in i.message for i in issues)



def test_a_category_listed_without_indicators_does_not_stop_the_chain():
    # the same twelve rows, then 效益指标's 经济效益指标 listed without indicators (an entry:
    # its block is its own row, in every chain). The entry bounds nothing above it, so the
    # rows at the 产出 blocks' edges are still decided together: 合格 moves row 3, and row 7
    # (周期) stays in 质量, as without the entry
    names = NAMES[:7] + ["办结周期"] + NAMES[8:]
    lines = [HEADER] + [f"{'产出指标' if i == 5 else ''}\t{LABELS.get(i, '')}\t{name}\t达标"
                        for i, name in enumerate(names)] + ["效益指标\t经济效益指标\t\t无"]
    indicators, issues = rows_to_indicators(list(iter_text_rows("\n".join(lines))), SCHEMA,
                                            spans_known=False, year=2026)
    got = [ind.placement.level2.label for ind in indicators]
    assert got[:12] == ["数量指标"] * 3 + ["质量指标"] * 5 + ["时效指标"] * 4
    assert any(i.code == "level_boundary_ambiguous" and "办结周期" in i.message for i in issues)


def test_a_label_too_damaged_to_read_elsewhere_leaves_the_chain_deciding():
    # the first test's table with a fourth block (效益, rows 12-15) whose level-2 label no
    # vocabulary reads: that block is some category's, and the three blocks above must
    # still fit together, so the weaker-worded boundary row stays in 质量 as without it
    names = NAMES[:7] + ["办结周期"] + NAMES[8:] + ["受益人数", "服务人次", "覆盖户数", "带动人数"]
    labels = {**LABELS, 13: "袿荟効葢指柝"}
    lines = [HEADER] + [f"{'产出指标' if i == 5 else '效益指标' if i == 13 else ''}\t{labels.get(i, '')}\t{name}\t达标"
                        for i, name in enumerate(names)]
    indicators, issues = rows_to_indicators(list(iter_text_rows("\n".join(lines))), SCHEMA,
                                            spans_known=False, year=2026)
    got = [ind.placement.level2.label for ind in indicators]
    assert got[:12] == ["数量指标"] * 3 + ["质量指标"] * 5 + ["时效指标"] * 4
    assert any("办结周期" in i.message and "together" in i.message for i in issues)


# ------------------------------------------- a fuzzy level-2 reading against the row's group
def categories_of(lines: list[str]) -> list[tuple[str, str]]:
    indicators, issues = rows_to_indicators(list(iter_text_rows("\n".join([HEADER, *lines]))), SCHEMA,
                                            spans_known=False, year=2026)
    return [(i.placement.level2.level1, i.placement.level2.label) for i in indicators], issues


def test_a_fuzzy_label_of_another_group_than_the_rows_exact_group_is_left_unread():
    # 敖最类指标 (数量类指标 with two look-alikes) is two edits from 管理类指标 and three from
    # 数量指标; every row prints 产出指标 exactly. The group outweighs the guess: the label is
    # left unread (said), and the rows fall in 产出 by their wording and the labels around;
    # as every row prints a level-2 cell, the order reads it (数量 is all it leaves before 质量)
    lines = ["产出指标\t敖最类指标\t培训人数\t≥5(人)", "产出指标\t敖最类指标\t服务户数\t≥8(户)",
             "产出指标\t质量指标\t验收合格率\t≥95%", "效益指标\t社会效益指标\t受益人数\t≥100(人)"]
    got, issues = categories_of(lines)
    assert got[:2] == [("产出指标", "数量指标")] * 2
    assert any(i.code in ("label_unrecognised", "label_read_by_order") and "敖最类指标" in i.message
               and ("left unread" in i.message or "canonical order" in i.message) for i in issues)


def test_a_fuzzy_label_without_an_exact_group_on_its_row_keeps_its_reading():
    # the same label on rows that print no group: nothing contradicts the reading
    lines = ["\t敖最类指标\t培训人数\t≥5(人)", "\t敖最类指标\t服务户数\t≥8(户)"]
    got, issues = categories_of(lines)
    assert not any("left unread" in i.message for i in issues)
    # and a fuzzy label of the row's own group stays as read
    got, issues = categories_of(["产出指标\t数量措标\t培训人数\t≥5(人)", "效益指标\t社会效益指标\t受益人数\t≥100(人)"])
    assert got[0] == ("产出指标", "数量指标")
    assert not any("left unread" in i.message for i in issues)


# ------------------------------------------- the level-1 groups the level-2 blocks make
# thirty rows over three pages (breaks after rows 12 and 25), every label under the span's
# centre of the part holding it (`span_centre_up`): 数量 0-4, 质量 5-8, 时效 9-11, 成本
# 12-15, 经济效益 16-18, 社会效益 19-22, 可持续 23-25, 服务对象满意度 26-29; 产出 0-15,
# 效益 16-25, 满意度 26-29. Row 16, worded for nothing, fits 成本 as well as 经济效益 at
# level 2 (成本 12-16 still centres on row 14 of its page-2 part, 经济效益 17-18 on row 17),
# and each level-1 gap alone prices it alike (效益 17-24 fits too, row 25 to 满意度). The
# rows worded for 可持续 keep row 25 in 效益, so 效益 17-25 would fit no model: row 16 is 效益's
GROUP_LEVEL2 = {2: "数量指标", 6: "质量指标", 10: "时效指标", 14: "成本指标", 17: "经济效益指标",
                20: "社会效益指标", 24: "可持续影响指标", 27: "服务对象满意度指标"}
GROUP_LEVEL1 = {6: "产出指标", 20: "效益指标", 27: "满意度指标"}
GROUP_NAMES = (["培训人数", "服务户数", "发放人次", "建设个数", "接待人次", "验收合格率", "抽检合格率",
                "资料合格率", "考核合格率", "拨付及时率", "办结及时率", "上报及时率", "亩均成本", "人均费用",
                "维护费用", "运行费用", "工作甲", "农户增收", "经营收入", "受益人数", "受益户数", "新增就业",
                "带动就业", "长效机制", "管理制度", "持续运行", "农户满意度", "学员满意度", "职工满意度",
                "群众满意度"])


def test_a_boundary_row_goes_where_the_level_1_blocks_fit_with_the_level_2_ones():
    lines = [HEADER]
    for i, name in enumerate(GROUP_NAMES):
        if i in (13, 26):
            lines.append("")
        lines.append(f"{GROUP_LEVEL1.get(i, '')}\t{GROUP_LEVEL2.get(i, '')}\t{name}\t达标")
    indicators, issues = rows_to_indicators(list(iter_text_rows("\n".join(lines))), SCHEMA,
                                            spans_known=False, year=2026)
    got = [(ind.placement.level2.level1, ind.placement.level2.label) for ind in indicators]
    assert got[15:18] == [("产出指标", "成本指标")] + [("效益指标", "经济效益指标")] * 2
    assert got[25] == ("效益指标", "可持续影响指标")
    said = [i for i in issues if i.code == "level_boundary_ambiguous" and "工作甲" in i.message]
    assert said and "together" in said[0].message


def test_a_chain_moves_no_row_out_of_the_group_its_own_line_names(monkeypatch):
    # the table above, its chain caught as `place_rows` calls it: row 16 (工作甲) goes from
    # 成本 (产出) to 经济效益 (效益). Had row 16's own line printed 产出指标, the chain, not the
    # row, would be wrong (a label lies within its group's span): it moves nothing
    import formex.normalize.indicators.hierarchy as hierarchy
    calls = []

    def caught(path, *rest):
        calls.append((list(path), *rest))   # `place_rows` moves the path's rows after
        return chained_rows(path, *rest)
    monkeypatch.setattr(hierarchy, "chained_rows", caught)
    lines = [HEADER]
    for i, name in enumerate(GROUP_NAMES):
        if i in (13, 26):
            lines.append("")
        lines.append(f"{GROUP_LEVEL1.get(i, '')}\t{GROUP_LEVEL2.get(i, '')}\t{name}\t达标")
    rows_to_indicators(list(iter_text_rows("\n".join(lines))), SCHEMA, spans_known=False, year=2026)
    path, labels, fit, worded, rivals, groups, printed = next(c for c in calls if chained_rows(*c))
    moved = chained_rows(path, labels, fit, worded, rivals, groups, printed)
    assert {i: labels[k] for i, k in moved.items()} == {16: "经济效益指标"}
    assert printed[16] is None
    # its own line naming the group it would leave: nothing moves
    at_odds = printed[:16] + ["产出指标"] + printed[17:]
    assert chained_rows(path, labels, fit, worded, rivals, groups, at_odds) == {}
    # naming the group it goes to: the move stands
    agreeing = printed[:16] + ["效益指标"] + printed[17:]
    assert chained_rows(path, labels, fit, worded, rivals, groups, agreeing) == moved
