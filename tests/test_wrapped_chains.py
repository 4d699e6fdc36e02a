"""A level label wrapped down its narrow column, some of its lines fused into the names
beside them (normalize/indicators/wrapped_chains.py): the head is cut off a name only where
the lines above and below print the rest of the placed category's label, one line each;
a name opening with the label's words and no such run around it stays whole."""
from __future__ import annotations

from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators.wrapped_chains import label_chain_read
from tests.test_fused_order import HEADER, ocr_rows, read
from tests.test_hierarchy import SCHEMA


def spec_of(label: str):
    return next(s for s in level_vocabulary(SCHEMA).level2_specs.values() if s.label == label)


def test_a_last_line_fused_is_read_by_the_whole_run_above_it():
    # 数量 | 类指 | 标…: 类指 and 标 alone end any category's 类指标; the line above tells which
    got, issues = read(["\t\t城乡居民基础养老金标准\t≥200元每人每月", "\t数量\t发放创业担保贷款金额\t5000万元",
                        "\t类指\t城镇新增就业人数（万人）\t根据下达任务目标要求确定",
                        "\t\t标促进创业人数（人）\t根据下达任务目标要求确定", "\t\t城乡居民基本养老保险参保人数\t≥95万人",
                        "\t\t创业担保贷款还款率\t≧90%"])
    assert got[3] == ("数量指标", "促进创业人数（人）")
    fused = [i for i in issues if i.code == "label_fused" and "wrapped down its column" in i.message]
    assert len(fused) == 1 and fused[0].severity == "info" and "'数量 | 类指 | 标'" in fused[0].message


def test_several_lines_fused_into_names_are_each_cut_off():
    # 社会 / 效益 / 性指 / 标 (社会效益性指标): its first, second and last lines fused into the
    # names beside them, the third a cell; the level-1 column's 效益 | 指标 beside it
    got, _ = read(["效益指标\t经济\t\t无", "\t效益\t\t", "\t类拾\t\t", "\t怀\t\t",
                   "\t\t社会零就业家庭帮扶率\t=100(%)", "效益\t\t效益年末应届离校未就业高校毕业生就业率\t≥90(%)",
                   "指标\t性指\t城镇登记失业率\t", "\t\t标创业带动就业人数\t≥1500(人)",
                   "\t可持\t就业创业服务长效机制\t持续完善", "\t续影\t\t", "\t响类\t\t", "\t指标\t\t"])
    assert got[1:5] == [("社会效益指标", "零就业家庭帮扶率"), ("社会效益指标", "年末应届离校未就业高校毕业生就业率"),
                        ("社会效益指标", "城镇登记失业率"), ("社会效益指标", "创业带动就业人数")]


def test_a_name_whose_line_prints_that_line_of_the_label_in_its_column_keeps_its_words():
    # 服务对 | 象满意 | 度指标 printed in the level column; the name 服务对象满意度 is the row's own
    rows = ocr_rows([HEADER, "满竞度\t服务对\t服务对象满意度\t≥90%", "指标\t象满意", "\t度指标"])
    assert label_chain_read("服务对象满意度", rows, 1, spec_of("服务对象满意度指标"), level_vocabulary(SCHEMA)) is None


def test_a_name_whose_line_prints_that_line_damaged_in_the_cell_beside_it_keeps_its_words():
    # 股务蹒 | 意度指 | 标: 服务满意度指标 wrapped three wide, its first line damaged past likeness
    # but printed in the cell beside the name: the name's 服务对 is no line of it
    rows = ocr_rows([HEADER, "满意度\t股务蹒\t服务对象满意度\t≥90%", "类指标\t意度指", "\t标"])
    assert label_chain_read("服务对象满意度", rows, 1, spec_of("服务对象满意度指标"), level_vocabulary(SCHEMA)) is None


def test_a_head_without_the_labels_lines_around_it_stays():
    # 服务 | 对象…, then no line printing the rest: the run must spell the whole label
    rows = ocr_rows([HEADER, "满意\t服务\t退役军人满意度\t≥90%", "度指\t\t对象军休干部满意度\t≥92%",
                     "审核人：周敏\t联系电话：021-69135646"])
    assert label_chain_read("对象军休干部满意度", rows, 2, spec_of("服务对象满意度指标"),
                            level_vocabulary(SCHEMA)) is None


def test_cells_that_spell_a_label_by_themselves_are_not_the_heads_label():
    # 产出 | 质量… | 指标: the level-1 label's lines (产出指标), not 产出质量指标 with the name's head
    rows = ocr_rows([HEADER, "产出\t\t培训人次\t300人", "\t\t质量监督抽查合格率\t≥98%", "指标\t\t资料归档合格率\t100%"])
    assert label_chain_read("质量监督抽查合格率", rows, 2, spec_of("质量指标"), level_vocabulary(SCHEMA)) is None


def test_a_last_line_fused_under_a_damaged_line_as_near_two_categories_is_cut_off():
    # 散量性 | 指标…: 数量性指标 and 质量性指标 alike one off; a label either way, the placement's to name
    rows = ocr_rows([HEADER, "\t\t就业援助对象帮扶人数\t≥300(人)", "\t散量性\t社区综合帮扶个案数\t≥150(个)",
                     "\t\t指标退役军人走访慰问人数\t≥800(人)"])
    assert label_chain_read("指标退役军人走访慰问人数", rows, 3, spec_of("数量指标"), level_vocabulary(SCHEMA)) \
        == ("指标", ["散量性", "指标"], 80.0, True, False)


def test_two_names_heads_alone_must_spell_the_label_exactly():
    # 旷效 | 指… on two names: no cell prints any of it, and one character is out of place
    vocab = level_vocabulary(SCHEMA)
    rows = ocr_rows([HEADER, "\t\t旷效补贴发放及时率\t100%", "\t\t指标年度项目完工时间\t2025年"])
    assert label_chain_read("指标年度项目完工时间", rows, 2, spec_of("时效指标"), vocab) is None
    rows = ocr_rows([HEADER, "\t\t时效补贴发放及时率\t100%", "\t\t指标年度项目完工时间\t2025年"])
    assert label_chain_read("指标年度项目完工时间", rows, 2, spec_of("时效指标"), vocab) \
        == ("指标", ["时效", "指标"], 100.0, False, False)


def test_a_label_printed_whole_on_the_next_line_is_no_line_of_a_heads_label():
    # 效益指标 below is the level-1 label printed whole on every row, and 提升社会 is half
    # out of place in 效益社会效益指标: the name's own words
    rows = ocr_rows([HEADER, "效益指标\t社会效盖\t政策知晓度\t>80%", "效益指标\t社会效盖\t提升社会组织发展能力\t为100",
                     "效益指标\t\t社会效盖 提升困难人员工作积极性\t"])
    assert label_chain_read("提升社会组织发展能力", rows, 2, spec_of("社会效益指标"), level_vocabulary(SCHEMA)) is None


def test_a_cut_by_names_heads_alone_is_warned():
    # 可持续 | 影响指 | 标 over three names' heads, no line of it a cell of its own: cut, and warned
    got, issues = read(["效益指标\t社会效益指标\t政策知晓率\t≥80.00(%)", "\t\t居民办事便利度\t≥90.00(%)",
                        "\t生态效\t\t无", "\t益指标\t\t", "\t\t可持续建立健全长效管理机制\t健全",
                        "\t\t影响指 档案管理制度健全性\t健全", "\t\t标服务标准化体系持续完善\t持续完善",
                        "满意度指标\t服务对象满意度指标\t办事群众满意度\t≥95.00(%)"])
    assert got[3:6] == [("可持续影响指标", "建立健全长效管理机制"), ("可持续影响指标", "档案管理制度健全性"),
                        ("可持续影响指标", "服务标准化体系持续完善")]
    warned = [i for i in issues if i.code == "label_unrecognised" and "names' heads" in i.message]
    assert len(warned) == 2 and all(i.severity == "warning" for i in warned)


def test_a_names_head_on_a_line_printing_a_level2_label_whole_is_no_line_of_a_wrapped_label():
    # 质量指标 printed whole beside 质量抽检合格率: the level column holds the label there, so
    # 质量 | 指标… over the two names' heads is no label wrapped down it; 指标年度完成情况 keeps its words
    got, issues = read(["产出指标\t质量指标\t质量抽检合格率\t≥98%", "\t\t指标年度完成情况\t100%", "\t\t验收通过率\t100%",
                        "\t时效指标\t完工及时率\t100%"])
    assert got[:3] == [("质量指标", "质量抽检合格率"), ("质量指标", "指标年度完成情况"), ("质量指标", "验收通过率")]
    assert not [i for i in issues if "wrapped down its column" in i.message]


def test_a_label_printed_a_word_short_wrapped_over_a_names_head_is_cut_off():
    # 服务满意 | 度指标 (服务满意度指标, the category's wording a word short: `shortened`), its first
    # line fused into the name beside it, its last printed in the level column below
    got, issues = read(["效益指标\t可持续影响指标\t教师队伍建设机制\t持续完善",
                        "满意度类\t\t服务满意家长满意度\t≥90%", "指标\t度指标\t\t"])
    assert got[-1] == ("服务对象满意度指标", "家长满意度")
    assert any(i.code == "label_fused" and "'服务满意 | 度指标'" in i.message for i in issues)


def test_a_name_opening_with_the_shortened_wording_and_no_run_around_it_stays():
    # 服务满意度调查覆盖率: no line below prints the label's rest; the name's own words
    got, _ = read(["效益指标\t可持续影响指标\t教师队伍建设机制\t持续完善",
                   "满意度指标\t服务对象满意度指标\t家长满意度\t≥90%", "\t\t服务满意度调查覆盖率\t100%"])
    assert got[-1] == ("服务对象满意度指标", "服务满意度调查覆盖率")
    rows = ocr_rows([HEADER, "满意\t服务\t退役军人满意度\t≥90%", "度指\t\t满意军休干部满意度\t≥92%",
                     "审核人：周敏\t联系电话：021-69135646"])
    assert label_chain_read("满意军休干部满意度", rows, 2, spec_of("服务对象满意度指标"),
                            level_vocabulary(SCHEMA)) is None


def test_a_damaged_first_line_as_wide_as_the_tables_wrapped_labels_is_cut_with_a_warning():
    # 贸量 | 指标 in a table wrapping its labels two wide (数量 | 指标, 时效 | 指标): the head
    # fills the width and the two lines are one character in four off 数量指标; the 时效 below
    # is the next label's first line, no 时效指标 with the 指标 above it. 数量 is printed above
    # and 时效 below: the one category the order leaves between them is 质量 (贸 is OCR's
    # look-alike of 质), which the head keeps the 量 of (`damaged_short_head`, short41)
    got, issues = read(["产出指标\t数量\t家庭医生签约服务人数\t≥12万人",
                        "\t指标\t免费健康体检人次\t≥8万人次",
                        "\t\t贸量传染病报告及时率\t≥98%",
                        "\t指标\t\t",
                        "\t时效\t疫苗接种信息录入及时率\t100%",
                        "\t指标\t\t"])
    assert got[2] == ("质量指标", "传染病报告及时率")
    warned = [i for i in issues if i.code == "label_unrecognised" and "'贸量'" in i.message]
    assert len(warned) == 1 and warned[0].severity == "warning"


def test_a_damaged_first_line_in_a_table_wrapping_no_label_stays():
    # the same two lines where no label wraps: the width says nothing, 贸量 may be the name's
    # by the width; but 数量 read above and 时效 below leave 质量 alone between them, whose 量
    # the head keeps in place (贸 no label's character): cut as that label (short41,
    # `damaged_short_head`; before it the head stayed in the name)
    got, _ = read(["产出指标\t数量指标\t家庭医生签约服务人数\t≥12万人",
                   "\t\t免费健康体检人次\t≥8万人次",
                   "\t\t贸量传染病报告及时率\t≥98%",
                   "\t指标\t\t",
                   "\t时效指标\t疫苗接种信息录入及时率\t100%"])
    assert got[2] == ("质量指标", "传染病报告及时率")
