"""In a table that numbers its rows (序号), a level label's line decides by its number
whether it is a row (a category listed without indicators prints its number) or a block's
label printed on lines of its own (it prints none)."""
from __future__ import annotations

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators import hierarchy, rows_to_indicators
from formex.normalize.indicators.cells import IndicatorRow, LabelHint
from formex.normalize.indicators.fragments import anchor_of
from formex.normalize.indicators.hierarchy import numbered_label_rows, numbers_side_with, unnumbered_label_lines
from formex.normalize.indicators.placement import Fit
from formex.normalize.indicators.rows import takes_number_of
from formex.normalize.indicators.sequence import strip_sequence_column
from formex.normalize.labels import LabelMatch
from formex.schemas.document import Cell, Row
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
SPECS = {spec.label: spec for spec in SCHEMA.level2_order}


def row(k: int, texts: list[str], numbered: bool | None) -> Row:
    return Row(k, tuple(Cell(text, text, col=c) for c, text in enumerate(texts)), 1, f"line {k}", numbered)


def named(k: int, name: str, numbered: bool | None = True) -> IndicatorRow:
    return IndicatorRow(row(k, ["", name, "100%"], numbered), name=name, lines=(k, k))


def label_only(k: int, label: str, numbered: bool | None) -> IndicatorRow:
    cell = Cell(label, label, col=0)
    hint = LabelHint(2, SPECS[label], cell, LabelMatch(label, label, 100.0), line=k)
    return IndicatorRow(row(k, [label, "", ""], numbered), level2=[hint], own_level2=hint, lines=(k, k))


def table() -> list[IndicatorRow]:
    """成本指标 listed without indicators (numbered 2), then 经济效益指标's label on a line of
    its own between its two rows (no number)."""
    return [named(0, "实际资金支出率"), label_only(1, "成本指标", True), named(2, "就业困难人员就业人数"),
            label_only(3, "经济效益指标", False), named(4, "失业人员再就业人数")]


def test_a_label_line_printing_no_number_in_a_numbered_table_is_no_row():
    assert unnumbered_label_lines(table()) == {3}
    # a table that numbers no row says nothing of its label lines
    plain = [IndicatorRow(replace_numbered(item.row, None), level2=item.level2, own_level2=item.own_level2,
                          name=item.name, lines=item.lines) for item in table()]
    assert unnumbered_label_lines(plain) == set()


def replace_numbered(r: Row, numbered: bool | None) -> Row:
    return Row(r.index, r.cells, r.page, r.source_ref, numbered)


def test_the_numbers_side_with_the_fit_reading_label_lines_as_they_say():
    items = table()
    agreeing, other = Fit("centre_up", 3.5, entries=frozenset({1})), Fit("centre_down", 4.0, entries=frozenset({3}))
    assert numbers_side_with(items, agreeing, other)
    assert not numbers_side_with(items, other, agreeing)
    assert not numbers_side_with(items, agreeing, agreeing)


def test_a_wrapped_label_alone_sits_on_the_line_printing_its_number():
    """`生态` numbered 15 over `效益` / `脂标`: the joined label goes on the numbered line (a
    row), not on the middle one, where the row lost its number."""
    rows = [row(0, ["生态", "", ""], True), row(1, ["效益", "", ""], False), row(2, ["脂标", "", ""], False)]
    chain = [(0, 0), (1, 0), (2, 0)]
    assert anchor_of(chain, rows, set(chain)) == 0
    unnumbered = [replace_numbered(r, None) for r in rows]
    assert anchor_of(chain, unnumbered, set(chain)) == 1     # no numbers: the middle line, as before


def test_a_label_line_under_a_dropped_numbered_piece_takes_its_number():
    """`广出` numbered 13 (too damaged to read, dropped) over `成本`: one label wrapped over
    two lines, the row's number on its first."""
    piece = IndicatorRow(row(0, ["广出", "", ""], True), lines=(0, 0))
    below = label_only(1, "成本指标", False)
    assert takes_number_of(piece, below)
    assert not takes_number_of(IndicatorRow(row(0, ["广出", "", ""], False), lines=(0, 0)), below)
    assert not takes_number_of(piece, named(1, "城镇登记失业率", False))


def test_a_label_line_printing_its_number_is_a_row():
    """`13 | 成本` in a numbered table: a category listed without indicators, kept as a row
    whatever block the labels' fit read its line with."""
    assert numbered_label_rows(table()) == frozenset({1})
    assert numbered_label_rows([named(0, "实际资金支出率", None), label_only(1, "成本指标", None)]) == frozenset()


WRAPPED_DOWN = """序号	一级指标	二级指标	三级指标	指标值
1	产出	数量	城乡居民基础养老金标准	≥200元每人每月
2	指标		发放创业担保贷款金额	5000万元
3			城镇新增就业人数（万人）	根据下达任务目标要求确定
4			促进创业人数（人）	根据下达任务目标要求确定
5		质量	创业担保贷款还款率	≧90%
6		指标	补贴发放准确率	≧98%
7		时效	资金在规定时间内下达率	100%
8			资金支付规范性	合规
9			实际资金支出率	≧95%
10		产出		
成本		
指标		
11	效益	经济	就业困难人员就业人数	根据下达任务目标要求确定
12	指标	效益	失业人员再就业人数	根据下达任务目标要求确定
13		社会	全市城乡居民养老保险覆盖面	不低于上年度水平
14		效益	扶持创业企业（项目）数	650"""


def test_a_label_wrapped_down_from_a_numbered_line_keeps_its_number():
    """`10 | 产出` (set aside as a level-1 label line) over `成本` / `指标`: one label wrapped
    down from the numbered line, 成本指标 listed without indicators; the label line takes
    the number, so it stays a row (not absorbed as an unnumbered label's line)."""
    rows, _ = strip_sequence_column(list(iter_text_rows(WRAPPED_DOWN)), SCHEMA)
    indicators, _ = rows_to_indicators(rows, SCHEMA, spans_known=False, year=2024)
    nameless = [i.placement.level2.label for i in indicators if i.row.name is None]
    assert nameless == ["成本指标"]


def test_fits_reading_unnumbered_label_lines_apart_come_before_the_rest(monkeypatch):
    """No fit reads every label line as its number says (the numbered 成本指标 line no
    entry): the fits reading the unnumbered line apart, as its missing number says, are
    kept before a cheaper one reading it as a category listed without indicators."""
    against = Fit("page_centre_down", 1.0, entries=frozenset({3}))
    apart = Fit("page_centre_down", 2.0, entries=frozenset())
    monkeypatch.setattr(hierarchy, "joined_family", lambda *a, **k: None)
    monkeypatch.setattr(hierarchy, "fit_reading",
                        lambda items, read, *a, **k: [apart] if read == frozenset({3}) else [against])
    assert hierarchy.reading_fits(table()) == [apart]
