"""Header fields by containment: a long legacy label that contains a known alias matches
it, and a value cell that is itself a label or a unit note is no value."""
from __future__ import annotations

import pytest

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.header import fields_to_values
from formex.normalize.sections import rows_to_sections
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")


def header(lines: list[str]) -> dict:
    sections = rows_to_sections(list(iter_text_rows("\n".join(["单位整体支出绩效目标申报表", "(2026年度)", *lines]))),
                                SCHEMA)
    values, _ = fields_to_values(sections.fields)
    return values


@pytest.mark.parametrize("label, field", [
    ("单位年度履职目标", "annual_goal"), ("年度总体绩效目标", "annual_goal"), ("填报单位名称", "unit_name"),
    ("部门（单位）名称", "unit_name"), ("单位主要职责", "responsibilities"), ("部门主要职能", "responsibilities"),
])
def test_a_long_legacy_label_that_contains_an_alias_matches_it(label, field):
    values = header([f"{label}\t某某内容"])
    assert values[field] in ("某某内容", ["某某内容"])


@pytest.mark.parametrize("value", ["金额单位：元", "单位：万元", "单位职责"])
def test_a_value_that_is_a_unit_note_or_a_label_is_no_value(value):
    values = header(["单位名称\t某某中心", f"财政资金拨款方式\t{value}"])
    assert values["unit_name"] == "某某中心" and values.get("funding_method") is None
