"""A read label whose damaged 指标 prints on its own row's wrapped line (`时效` over
`指柝`, the row's name wrapping beside them) keeps that line as its last
(`hierarchy.own_tail_of`): left out, a label printed at its block's bottom reads as
ending a line early, and a page-top fit wins (the row below joins the block above)."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators.hierarchy import group_clusters, label_clusters
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")


def items_of(level1_tail: str, level2_tail: str, heads: tuple[str, str] = ("产出", "时效")):
    lines = ["一级指标\t二级指标\t三级指标\t指标值",
             "\t数量\t公益性岗位开发数量\t≥120(个)",
             "\t指标\t职业技能培训人次\t≥3000(人次)",
             "\t\t就业见习岗位募集数\t≥600(个)",
             f"{heads[0]}\t{heads[1]}\t低保就业补贴发放及\t≥95(%)",
             f"{level1_tail}\t{level2_tail}\t时率\t",
             "\t\t社会保险补贴审核办结时限\t≤15(天)"]
    items, _ = rows_to_indicator_rows(list(iter_text_rows("\n".join(lines))), SCHEMA, False, None)
    assert items[3].name == "低保就业补贴发放及时率" and items[3].lines == (3, 4)
    return items


def cluster_lines(clusters, category: str) -> tuple[float, ...]:
    return next(c.lines for c in clusters if c.category == category)


def test_a_damaged_tail_on_the_labels_own_wrapped_line_is_its_last_line():
    items = items_of("脂标", "指柝")
    assert cluster_lines(label_clusters(items), "时效指标") == (3.0, 4.0)
    assert cluster_lines(group_clusters(items), "产出指标") == (3.0, 4.0)


def test_a_cell_that_is_no_damaged_label_ending_adds_no_line():
    # 犭 holds neither character of 指标; 脂怀类 is longer than any 指标
    for tail in ("犭", "脂怀类"):
        items = items_of(tail, tail)
        assert cluster_lines(label_clusters(items), "时效指标") == (3.0,)
        assert cluster_lines(group_clusters(items), "产出指标") == (3.0,)


def test_a_look_alike_tail_spelling_the_rest_of_a_label_printed_to_its_head_is_its_last_line():
    # 时效指 over 怀: the label's line printed its head, and the piece below (a look-alike
    # of 标) is as long as the rest; a piece longer than the rest (怀类) adds no line
    def lines_of(tail: str) -> tuple[float, ...]:
        return cluster_lines(label_clusters(items_of("", tail, ("", "时效指"))), "时效指标")

    assert lines_of("怀") == (3.0, 4.0)
    assert lines_of("怀类") == (3.0,)
