"""The level hierarchy: inferred from order and wording in OCR text, filled down (never
guessed) where spans are known."""
from __future__ import annotations

from formex.normalize.indicators.hierarchy import (may_name, path_of, segment_rows, unsplit_name, wording_score,
                                                   wording_scores)
from formex.normalize.indicators import rows_to_indicators
from formex.schemas.document import Cell, Row
from formex.schemas.forms import Level2Spec, load_form_schema

SCHEMA = load_form_schema("unit_overall_target")


def grid_rows(spec: list[list[tuple[str, int]]]) -> list[Row]:
    """Rows from (text, rowspan) cells; empty text marks a cell covered by a span."""
    rows = []
    for r, cells in enumerate(spec, start=1):
        row_cells = tuple(Cell(text=t, raw=t, col=c, rowspan=span, source_ref=f"Sheet1!{'ABCD'[c]}{r}")
                          for c, (t, span) in enumerate(cells) if t)
        rows.append(Row(r, row_cells, 1, f"row {r}"))
    return rows


def test_known_spans_are_filled_down_not_inferred():
    rows = grid_rows([
        [("一级指标", 1), ("二级指标", 1), ("三级指标", 1), ("指标值", 1)],
        [("产出指标", 6), ("数量指标", 2), ("城乡居民基础养老金标准", 1), ("≥200元", 1)],
        [("", 0), ("", 0), ("发放创业担保贷款金额", 1), ("5000万元", 1)],
        [("", 0), ("质量指标", 2), ("创业担保贷款还款率", 1), ("≧90%", 1)],
        # wording says 时效 (及时), but the merged cell says 质量: the span wins
        [("", 0), ("", 0), ("补贴发放及时率", 1), ("≧98%", 1)],
        [("", 0), ("成本指标", 2), ("", 0), ("", 0)],
        [("", 0), ("", 0), ("", 0), ("", 0)],   # the merged 成本指标 cell's second row
        [("满意度指标", 1), ("服务对象满意度指标", 1), ("群众满意度", 1), ("≥75%", 1)],
    ])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=True, year=2023)
    got = [(i.placement.level2.level1, i.placement.level2.label, i.placement.source, i.row.name)
           for i in indicators]
    assert got == [
        ("产出指标", "数量指标", "explicit", "城乡居民基础养老金标准"),
        ("产出指标", "数量指标", "filled", "发放创业担保贷款金额"),
        ("产出指标", "质量指标", "explicit", "创业担保贷款还款率"),
        ("产出指标", "质量指标", "filled", "补贴发放及时率"),
        ("产出指标", "成本指标", "explicit", None),
        ("满意度指标", "服务对象满意度指标", "explicit", "群众满意度"),
    ]
    assert [i.placement.level1_raw for i in indicators] == ["产出指标", None, None, None, None, "满意度指标"]
    assert not [i for i in issues if i.code == "label_displaced"]


def test_wording_decides_a_boundary_without_labels():
    text = ["\t".join(r) for r in [
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "数量指标", "培训人次", "≥500人次"),
        ("", "", "发放补贴户数", "≥100户"),
        ("", "", "补贴发放准确率", "≥98%"),
        ("", "", "资料归档合格率", "=100%"),
        ("", "", "补贴发放及时率", "≥95%"),
    ]]
    indicators, _ = rows_to_indicators(text_rows(text), SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.placement.source) for i in indicators] == [
        ("数量指标", "explicit"), ("数量指标", "filled"),
        ("质量指标", "inferred"), ("质量指标", "inferred"), ("时效指标", "inferred")]


def test_contradictory_order_falls_back_without_crashing():
    text = [("一级指标", "二级指标", "三级指标", "指标值"),
            ("满意度指标", "服务对象满意度指标", "", ""),
            ("产出指标", "数量指标", "", "")]
    rows = [Row(i, tuple(Cell(t, t, c) for c, t in enumerate(r)), 1, f"line {i}")
            for i, r in enumerate(text, start=1)]
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.placement.level2.label for i in indicators] == ["服务对象满意度指标", "数量指标"]
    assert "level_order_unusual" in {i.code for i in issues}


def test_segment_rows_of_nothing_is_empty():
    assert segment_rows([], SCHEMA.level2_order) == []


def test_wording_score_prefers_strong_words():
    quality = next(c for c in SCHEMA.level2_order if c.label == "质量指标")
    assert wording_score("补贴发放准确率", quality) == 2.0
    assert wording_score("补贴发放人数", quality) == 0.0


def test_operator_value_and_unit_columns_are_joined():
    text = [("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位"),
            ("产出指标", "数量指标", "新增区级创业孵化基地数量", "≥", "1", "个"),
            ("", "", "社会保险补贴发放准确率", "≥", "95", "%"),
            # leading cells dropped by OCR: aligned from the right
            ("城镇新增就业人数", "≥", "39500", "人"),
            ("资金使用合规性", "", "合规", "")]
    rows = [Row(i, tuple(Cell(t, t, c) for c, t in enumerate(r)), 1, f"line {i}")
            for i, r in enumerate(text, start=1)]
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2021)
    got = [(i.row.name, i.target.raw, i.target.op, i.target.value, i.target.unit) for i in indicators]
    assert got == [("新增区级创业孵化基地数量", "≥ 1 个", "ge", 1.0, "个"),      # ruling L6: the cells joined
                   ("社会保险补贴发放准确率", "≥ 95 %", "ge", 95.0, "%"),
                   ("城镇新增就业人数", "≥ 39500 人", "ge", 39500.0, "人"),
                   ("资金使用合规性", "合规", "none", None, None)]
    assert "columns_joined" in indicators[0].target.flags


def test_an_unknown_label_in_a_level_column_is_reported_not_dropped():
    rows = grid_rows([
        [("一级指标", 1), ("二级指标", 1), ("三级指标", 1), ("指标值", 1)],
        [("产出指标", 2), ("数量指标", 1), ("培训人次", 1), ("≥500人次", 1)],
        [("", 0), ("政策落实指标", 1), ("政策知晓率", 1), ("≥90%", 1)],
    ])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=True, year=2023)
    assert len(indicators) == 2
    unknown = [i for i in issues if i.code == "label_unrecognised"]
    assert len(unknown) == 1 and "政策落实指标" in unknown[0].message


def text_rows(lines: list[str]) -> list[Row]:
    return [Row(i, tuple(Cell(t, t, c) for c, t in enumerate(line.split("\t"))), 1, f"line {i}")
            for i, line in enumerate(lines, start=1)]


def test_a_wrapped_name_is_joined_with_a_warning():
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t家庭医生签约服务\t≥40%",
                      "\t\t覆盖率\t",
                      "\t\t签约居民人数\t≥3000人"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [i.row.name for i in indicators] == ["家庭医生签约服务覆盖率", "签约居民人数"]
    joined = [i for i in issues if i.code == "cell_joined"]
    assert len(joined) == 1 and joined[0].severity == "warning" and joined[0].source_ref == "line 3"


def test_the_2021_template_order_with_a_cost_group():
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t培训人次\t≥500人次",
                      "成本指标\t经济成本指标\t人均培训成本\t≤300元",
                      "效益指标\t社会效益指标\t就业率\t≥90%",
                      "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.level1, i.placement.source) for i in indicators] == [
        ("产出指标", "explicit"), ("成本指标", "explicit"), ("效益指标", "explicit"),
        ("满意度指标", "explicit")]
    assert not issues


def test_known_labels_may_list_groups_out_of_order():
    rows = grid_rows([
        [("一级指标", 1), ("二级指标", 1), ("三级指标", 1), ("指标值", 1)],
        [("效益指标", 1), ("社会效益指标", 1), ("就业率", 1), ("≥90%", 1)],
        [("产出指标", 2), ("数量指标", 1), ("培训人次", 1), ("≥500人次", 1)],
        [("", 0), ("质量指标", 1), ("培训合格率", 1), ("≥95%", 1)],
    ])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=True, year=2026)
    assert [i.placement.level2.label for i in indicators] == ["社会效益指标", "数量指标", "质量指标"]
    assert [i.code for i in issues] == ["level_order_unusual"]


def test_a_remarks_column_is_kept_out_of_name_and_target():
    rows = text_rows(["一级指标\t二级指标\t三级指标\t指标值\t备注",
                      "产出指标\t数量指标\t培训人次\t≥500人次\t按年度统计",
                      "\t\t培训合格率\t≥95%\t",
                      "\t政策落实指标\t政策知晓率\t≥90%\t"])
    indicators, issues = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2026)
    assert [(i.row.name, i.target.raw) for i in indicators] == [
        ("培训人次", "≥500人次"), ("培训合格率", "≥95%"), ("政策知晓率", "≥90%")]
    by_code = {i.code: i for i in issues}
    assert [i.row.note for i in indicators] == ["按年度统计", None, None]   # 备注 is the note column
    assert "政策落实指标" in by_code["label_unrecognised"].message


def wording_gaps(name: str, kind: str | None = None) -> dict[str, float]:
    """Per category, the wording gap to the best-worded one plus the required-word cost."""
    gaps, required = wording_scores(name, kind, SCHEMA.level2_order)
    return {c.label: g + r for c, g, r in zip(SCHEMA.level2_order, gaps, required)}


def test_a_sum_of_money_alone_does_not_tell_a_cost_from_an_economic_benefit():
    # ≥6000万元 is a currency target: weak evidence for 成本指标 and 经济效益指标 alike,
    # so a name worded for neither (地产农产品规模) is left to the labels
    gaps = wording_gaps("地产农产品规模", "currency")
    assert gaps["成本指标"] == gaps["经济效益指标"] == 0.0
    assert gaps["数量指标"] > 0.0
    # a name's own keyword still tells them apart (销售额: money taken in)
    assert wording_gaps("农田设施维护费用", "currency")["经济效益指标"] > 0.0
    assert wording_gaps("合作社经营收入", "currency")["成本指标"] > 0.0
    assert wording_gaps("地产农产品销售额", "currency")["成本指标"] > 0.0


def test_rows_above_the_first_label_keep_out_of_a_group_no_label_names():
    # two unlabelled rows above a 数量指标 label that sits low in its block: 投入管理指标 is
    # the only group before it in the order, but no wording puts a row there and no label
    # names it here, so the rows join the 数量指标 block at its placement's price
    cats = SCHEMA.level2_order
    quantity = next(k for k, c in enumerate(cats) if c.label == "数量指标")
    off = [1.0 if k == quantity else 0.0 for k in range(len(cats))]
    label = [0.0 if k == quantity else 6.0 for k in range(len(cats))]
    costs = [off, off, label, [0.0] * len(cats)]
    path = path_of(costs, [False] * 4, cats, frozenset({quantity}))
    assert [cats[k].label for k in path] == ["数量指标"] * 4
    # a label naming the group keeps it open: the rows are its
    budget = next(k for k, c in enumerate(cats) if c.label == "预算编审管理")
    path = path_of(costs, [False] * 4, cats, frozenset({quantity, budget}))
    assert [cats[k].label for k in path][:2] == ["预算编审管理"] * 2


def test_unread_pieces_of_any_label_do_not_open_a_group_no_label_names():
    # a damaged 产出 label (产击 / 类指 / 标) whose pieces 类指 and 标 are read by no
    # vocabulary: pieces every label prints, they name no group (产击 is read as 产出), so the
    # 投入管理指标 group stays closed and the two unlabelled rows above the 数量 label join
    # its block
    lines = ["一级脂标\t二级拾标\t三吸拾标\t指标值\t备注",
             "\t\t城乡居民基础养老金标准\t\t",
             "\t\t发放创业担保贷款金额\t5000万元\t",
             "\t数重\t城镇新增就业人数（万人）\t\t",
             "\t指标\t促进创业人数（人）\t根据下达任务目标要求确定\t",
             "产击\t对效\t资金支付规满意范性\t合规\t",
             "类指\t\t指标满意度调查实际资金支出率\t≧95%\t",
             "标\t产岂\t\t\t",
             "效益\t効盆\t扶持创业企业（项目）数\t650\t",
             "类指\t生态\t\t\t",
             "\t效益\t\t\t",
             "标\t可持\t\t\t",
             "\t续影\t\t\t",
             "\t响\t\t\t",
             "满意\t服条\t群众满意度\t≥75%\t行业标准",
             "度指\t对象\t享受创业担保贷款对象满意度\t≧95%\t",
             "标\t满意\t环境公共服务满意度\t≧95%\t"]
    indicators, _ = rows_to_indicators(text_rows(lines), SCHEMA, spans_known=False, year=2026)
    assert [i.placement.level2.label for i in indicators[:4]] == ["数量指标"] * 4


def test_an_unread_cell_of_generic_label_characters_names_no_group():
    assert may_name(Cell("乂丫乜", "乂丫乜", 0))      # a label damaged whole: any group's
    assert not may_name(Cell("类指", "类指", 0))
    assert not may_name(Cell("标", "标", 0))


def test_rows_after_the_last_label_leave_an_unnamed_group_open_where_nothing_else_follows():
    # rows under a 满意度 label: closing the unnamed 管理指标 group keeps them in their block;
    # where that block cannot hold them, closing it would send them back between groups,
    # so the group stays open (its damaged label fused into a name holds them)
    cats = SCHEMA.level2_order
    served = next(k for k, c in enumerate(cats) if c.label == "服务对象满意度指标")
    managed = next(k for k, c in enumerate(cats) if c.label == "管理指标" and c.level1 == "管理指标")
    label = [0.0 if k == served else float("inf") for k in range(len(cats))]   # a row stating it
    after = [0.0 if k == managed else 1.0 for k in range(len(cats))]
    path = path_of([label, after, after], [False] * 3, cats, frozenset({served}))
    assert [cats[k].label for k in path] == ["服务对象满意度指标"] * 3
    apart = [0.0 if k == managed else 1.0 for k in range(len(cats))]
    apart[served] = float("inf")
    path = path_of([label, apart, apart], [False] * 3, cats, frozenset({served}))
    assert [cats[k].label for k in path][1:] == ["管理指标"] * 2


def test_a_weak_word_counts_less_where_another_categorys_strong_word_heads_the_name():
    # 资金在规定时间内|下达率: the name's head is a 时效 word, and its 率 is that rate's, so
    # it pulls toward 质量指标 less than the 规范 of 资金支付规范性 (no strong word) does: two
    # such rows between a 质量 and a 时效 label whose placements tie go by the stronger
    # wording, not by a sum that leaves them even
    deadline = wording_gaps("资金在规定时间内下达率")
    plain = wording_gaps("资金支付规范性")
    assert deadline["质量指标"] > plain["时效指标"]
    # the weak word still tells its category from one the name says nothing of
    late = wording_gaps("传染病报告及时率")
    assert late["时效指标"] == 0.0 < late["质量指标"] < late["数量指标"]
    # no strong word elsewhere: the weak word counts whole
    assert plain["时效指标"] - plain["质量指标"] == 1.0


def test_rows_a_near_model_places_across_several_edges_go_by_their_wording():
    # labels centred in their blocks, the first block's (质量) lost: `bottom` fits every
    # label exactly, each block ending on its label and the first running up over the lost
    # block's rows, while the centred models pay the lost label (`UNLABELLED`). Each row
    # after a label, trusted to the next block under `bottom`, is placed so only as far as
    # that choice goes (`Chain.unsettled_rows`): its wording decides, and since the rows'
    # wording follows the centred model across five edges, the moves stand, warned
    lines = ["二级指标\t三级指标\t指标值",
             "\t农产品质量安全抽检合格率\t≥98%",
             "\t农技培训考核合格率\t≥95%",
             "\t补贴资金发放准确率\t=100%",
             "\t农田水利设施验收合格率\t100%",
             "\t农机补贴兑付时限\t≤30个工作日",
             "时效指标\t病虫害预警信息发布及时率\t≥95%",
             "\t年度项目完工时间\t2025年11月30日前",
             "\t统防统治亩均成本\t≤45元",
             "\t良种补贴标准\t=20元",
             "成本指标\t农技培训人均成本\t≤300元",
             "\t农田设施维护费用\t≤180万元",
             "\t地产农产品销售额\t≥6000万元",
             "经济效益指标\t农户人均增收\t≥1200元",
             "\t合作社经营收入增长率\t≥5%",
             "\t受益农户户数\t≥3800户",
             "\t农民技能培训受益人数\t≥600人",
             "社会效益指标\t提升农产品质量安全水平\t逐步提高",
             "\t促进农村劳动力就业人数\t≥150人",
             "\t农技推广服务长效机制\t持续完善",
             "可持续影响指标\t耕地质量保护与提升\t持续改善",
             "\t农业绿色发展持续性\t长期",
             "\t农户满意度\t≥90%",
             "服务对象满意度指标\t培训学员满意度\t≥90%"]
    indicators, issues = rows_to_indicators(text_rows(lines), SCHEMA, spans_known=False, year=2026)
    got = {i.row.name: i.placement.level2.label for i in indicators}
    assert got["年度项目完工时间"] == "时效指标"
    assert got["农田设施维护费用"] == "成本指标"
    assert got["合作社经营收入增长率"] == "经济效益指标"
    assert got["促进农村劳动力就业人数"] == "社会效益指标"
    assert got["农业绿色发展持续性"] == "可持续影响指标"
    warned = {i.source_ref for i in issues if i.code == "level_boundary_ambiguous" and "all but as well" in i.message}
    assert warned == {"line 8", "line 12", "line 15", "line 19", "line 22"}


def test_a_word_printed_inside_another_categorys_word_is_weighed_taken_out():
    # 满|收入|意度: 满意 split by 收入 (经济效益's word) fused in from elsewhere; the name is
    # worded for 服务对象满意度, not for 经济效益, and keeps its text as printed
    gaps = wording_gaps("群众满收入意度")
    assert gaps["服务对象满意度指标"] == 0.0
    assert gaps["经济效益指标"] > 0.0
    assert wording_gaps("公共就业服务满完成数量意度")["服务对象满意度指标"] == 0.0
    # a word beside another, not inside it, still counts (扫|成本核算|描: 扫描 is no category's word;
    # 长效机制|满意度 is no 制度 split by 满意: 制 is 机制's own)
    assert wording_gaps("农户长效机制满意度")["服务对象满意度指标"] == 0.0
    assert wording_gaps("档案数字化扫成本核算描页数")["成本指标"] == 0.0
    text = ["\t".join(r) for r in [
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("效益指标", "经济效益指标", "农户人均增收", "≥500元"),
        ("", "", "合作社经营收入增长率", "≥5%"),
        ("", "", "群众满收入意度", "≥90%"),
        ("", "", "服务对象满意度", "≥90%"),
    ]]
    indicators, _ = rows_to_indicators(text_rows(text), SCHEMA, spans_known=False, year=2026)
    assert [(i.placement.level2.label, i.row.name) for i in indicators][2:] == [
        ("服务对象满意度指标", "群众满收入意度"), ("服务对象满意度指标", "服务对象满意度")]


def test_a_word_the_name_prints_whole_is_no_word_split_elsewhere_in_it():
    # 人|员就业|数 looks like 人数 split by 就业, but the name prints 人数 whole (帮扶人数): the word
    # needs no putting back, and 就业 is the name's own (社会效益's word, at the name's head)
    assert unsplit_name("帮扶人数及人员就业数", SCHEMA.level2_order) == "帮扶人数及人员就业数"
    gaps = wording_gaps("帮扶人数及人员就业数")
    assert gaps["社会效益指标"] == 0.0 and gaps["数量指标"] > 0.0
    assert unsplit_name("满足就业意愿者满意度", SCHEMA.level2_order) == "满足就业意愿者满意度"    # 满意 whole


def test_a_word_of_the_split_words_characters_only_is_no_intruder():
    # No two strong words of the shipped vocabulary are so (the guard has no case there): with
    # 满意度 one category's word and 满意 another's, 满|足满意|意度 is no 满意度 split by 满意
    # (满意 is made of 满意度's own characters); 满|足收入|意度 is, by 收入
    categories = (Level2Spec("甲指标", "乙指标", 0, strong=("满意度",)), Level2Spec("丙指标", "乙指标", 1, strong=("满意",)),
                  Level2Spec("丁指标", "乙指标", 2, strong=("收入",)))
    assert unsplit_name("满足满意意度", categories) == "满足满意意度"
    assert unsplit_name("满足收入意度", categories) == "满意度"
