"""Rows tied between two blocks are decided together along the chain of blocks
(`normalize/indicators/chained.py`): each boundary row may fit either side alone, but the
sides chosen must make blocks the fitted placement accepts all at once."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators import rows_to_indicators
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
