"""A header restated on every page is no body row when a column's role is read from its
cells: counted, its damaged level-1 cell would outvote the labels under it, the level-1
column would be lost, its labels left without a place, and the label lines beside them
read as categories listed without indicators (the rows under each then the next
block's)."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.rows import complete_roles, find_header, level_vocabulary, without_restated_header
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
VOCAB = level_vocabulary(SCHEMA)
DAMAGED = "一级拍际\t二级指标\t三级指标\t指标值"     # 一级指标 with two look-alikes: no alias matches
PAGES = [["产出指标\t数量指标\t\t", "社区事务受理办件量\t≥120000(件)", "为老服务计划完成率\t=100.00(%)"],
         ["质量指标\t\t", "窗口服务规范达标率\t=100.00(%)"], ["各类救助补贴发放准确率\t≥98%"],
         ["效益指标\t社会效益指标\t\t", "居民办事便利度\t≥90.00(%)", "提升社区治理水平\t有所提升"],
         ["满意度指标\t服务对象满意度指标\t\t", "居民满意度\t≥90.00(%)"]]
EXPECTED = [("社区事务受理办件量", "产出指标", "数量指标"), ("为老服务计划完成率", "产出指标", "数量指标"),
            ("窗口服务规范达标率", "产出指标", "质量指标"), ("各类救助补贴发放准确率", "产出指标", "质量指标"),
            ("居民办事便利度", "效益指标", "社会效益指标"), ("提升社区治理水平", "效益指标", "社会效益指标"),
            ("居民满意度", "满意度指标", "服务对象满意度指标")]


def text(header: str, pages=PAGES) -> str:
    return "\n".join(line for page in pages for line in (header, *page, ""))


def read(source: str):
    rows = list(iter_text_rows(source))
    return rows_to_indicators(rows, SCHEMA, spans_known=False, year=2024)


def test_a_header_restated_on_each_page_does_not_outvote_the_labels_under_it():
    rows = list(iter_text_rows(text(DAMAGED)))
    index, roles = find_header(rows, VOCAB)
    assert roles[0] == "other"
    assert complete_roles(roles, rows[index + 1:], VOCAB)[0] == "other"   # four headers, three labels
    body = without_restated_header(rows[index + 1:], rows[index])
    assert complete_roles(roles, body, VOCAB)[0] == "level1"
    indicators, _ = read(text(DAMAGED))
    assert [(i.row.name, i.placement.level2.level1, i.placement.level2.label) for i in indicators] == EXPECTED


def test_only_a_word_for_word_restatement_is_set_aside():
    rows = list(iter_text_rows("\n".join([DAMAGED, "一级拍际\t二级指标\t三级指标\t指标值",
                                          "一级拍际\t二级指标\t三级指标\t目标值", "一级拍际\t二级指标\t三级指标"])))
    kept = without_restated_header(rows[1:], rows[0])
    assert [row.texts for row in kept] == [rows[2].texts, rows[3].texts]
    assert without_restated_header(rows[1:], None) == rows[1:]
