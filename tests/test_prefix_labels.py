"""Level labels printed short (issue 8): a level cell holding only the first characters of
a label (`服务对象` for 服务对象满意度指标) is that category where exactly one category
opens with them; not where two do, not a single character, not a name's head."""
from __future__ import annotations

from formex.normalize.indicators import rows_to_indicators
from formex.normalize.indicators.cells import level_vocabulary, read_by_prefix
from formex.schemas.document import Cell
from tests.test_hierarchy import SCHEMA, text_rows

VOCAB = level_vocabulary(SCHEMA)
HEADER = "一级指标\t二级指标\t三级指标\t指标值"


def read(lines):
    indicators, issues = rows_to_indicators(text_rows([HEADER, *lines]), SCHEMA, spans_known=False, year=2026)
    return [(i.placement.level2.label if i.placement.level2 else None, i.row.name) for i in indicators], issues


def cell(text: str, col: int = 1) -> Cell:
    return Cell(text, text, col)


def test_a_short_label_is_the_one_category_it_opens():
    got, issues = read(["产出指标\t数量指标\t培训人数\t≥5人",
                        "效益指标\t社会效益指标\t就业人数\t≥5人",
                        "满意度指标\t服务对象\t群众满意度\t≥90%"])
    assert got[-1] == ("服务对象满意度指标", "群众满意度")
    assert any(i.code == "label_read_by_prefix" and "服务对象" in i.message for i in issues)
    assert not any(i.code == "label_unrecognised" for i in issues)
    hint = read_by_prefix(cell("可持续"), VOCAB, 2, [])
    assert hint is not None and hint.spec.label == "可持续影响指标" and hint.match.score < 100


def test_a_prefix_two_categories_open_with_is_read_within_the_rows_stated_group_only():
    # 社会 opens 社会效益指标 and 社会成本指标 alike: beside 效益指标 it is the one, alone neither
    hint = read_by_prefix(cell("社会"), VOCAB, 2, [], group="效益指标")
    assert hint is not None and hint.spec.label == "社会效益指标"
    assert read_by_prefix(cell("社会"), VOCAB, 2, []) is None
    assert read_by_prefix(cell("经济"), VOCAB, 2, []) is None


def test_no_prefix_reading_for_one_character_a_value_another_level_or_a_names_head():
    assert read_by_prefix(cell("服"), VOCAB, 2, []) is None                      # one character
    assert read_by_prefix(cell("100%"), VOCAB, 2, []) is None                    # a value
    assert read_by_prefix(cell("服务对象"), VOCAB, 1, []) is None                # no level-1 label opens so
    name = Cell("服务对象可持续满意度", "服务对象可持续满意度", 2)
    assert read_by_prefix(cell("服务对象"), VOCAB, 2, [cell("服务对象"), name]) is None   # the name's own head
    # 经济 on a row stating no group: 经济效益指标 and 经济成本指标 alike, left unread (said)
    _, issues = read(["产出指标\t数量指标\t培训人数\t≥5人",
                      "效益指标\t社会效益指标\t就业人数\t≥5人",
                      "\t经济\t增收户数\t≥5户"])
    assert any(i.code == "label_unrecognised" and "经济" in i.message for i in issues)
    assert not any(i.code == "label_read_by_prefix" for i in issues)


def test_no_prefix_reading_in_a_table_that_wraps_labels_over_lines():
    # 服务 / 对象 / 满意 … : a narrow column wraps its labels, so a short cell is a first line
    from formex.normalize.indicators.rows import wraps_labels
    wrapped = text_rows(["满意\t服务\t学生家长满意度\t≥90%", "度指\t对象\t学生满意度\t≥90%"])
    whole = text_rows(["满意度指标\t服务对象\t学生家长满意度\t≥90%", "\t\t学生满意度\t≥90%"])
    assert wraps_labels(wrapped, VOCAB) and not wraps_labels(whole, VOCAB)
