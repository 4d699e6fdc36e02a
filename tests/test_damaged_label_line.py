"""A level-2 label too damaged to read places its block as a readable one does, from the
line it prints on: on a wrapped row that is the line it fell on, not the row's first
(a centred label of a block of two wrapped rows sits on the first row's second line)."""
from __future__ import annotations

import pytest

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.indicators.hierarchy import label_clusters, unread
from formex.normalize.indicators.rows import rows_to_indicator_rows
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")


def lines(damaged_on_wrap: bool) -> list[str]:
    return ["一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t新增区级创业孵化基地数量\t≥1(个)",
            "\t\t社会保险补贴发放准确率\t≥95%",
            "\t质量指标\t就业见习补贴发放准确率\t≥95%",
            f"\t{'' if damaged_on_wrap else '产出时孝'}\t质量监督就业见习补贴发放及\t≥95%",
            f"\t{'产出时孝' if damaged_on_wrap else ''}\t时率\t",     # the name's wrap
            "\t\t低保就业补贴发放及时率\t≥95%",
            "效益指标\t社会效益指标\t城镇新增就业人数\t≥39500(人)"]


def unread_label_lines(damaged_on_wrap: bool) -> list[tuple[int, tuple[float, ...]]]:
    items, _ = rows_to_indicator_rows(list(iter_text_rows("\n".join(lines(damaged_on_wrap)))), SCHEMA, False, None)
    assert items[3].name == "质量监督就业见习补贴发放及时率" and items[3].lines == (3, 4)
    return [(c.first, c.lines) for c in label_clusters(items) if unread(c.category)]


@pytest.mark.parametrize("damaged_on_wrap, line", [(True, 4.0), (False, 3.0)])
def test_a_damaged_label_sits_on_the_line_it_prints_on(damaged_on_wrap, line):
    assert unread_label_lines(damaged_on_wrap) == [(3, (line,))]
