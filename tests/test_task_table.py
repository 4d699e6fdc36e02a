"""The task table's header may take two rows (column paths); a totals row is checked
against the tasks, not stored; an empty optional slot row is no task."""
from __future__ import annotations

from decimal import Decimal

import pytest

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.sections import vocabularies_of
from formex.normalize.tasks import rows_to_tasks
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
TASKS = ["受理服务\t做好受理大厅日常运行\t1200000.00", "为老服务\t开展为老助餐服务\t800000.00"]


def read(lines: list[str]):
    rows = list(iter_text_rows("\n".join(lines)))
    return rows_to_tasks(rows, vocabularies_of(SCHEMA).task_columns, spec=SCHEMA.section("tasks"))


@pytest.mark.parametrize("second_row, scale", [
    ("\t\t（元）", 1), ("（元）", 1), ("\t\t（万元）", 10000), ("（万元）\t", 10000), ("\t\t合计\t其中：财政资金", 1),
])
def test_a_two_row_header_is_read_as_column_paths(second_row, scale):
    extra = "\t1200000.00" if "其中" in second_row else ""
    tasks, issues = read(["任务名称\t主要内容\t拟投入的资金", second_row, TASKS[0] + extra, TASKS[1]])
    assert [t.name for t in tasks] == ["受理服务", "为老服务"]
    assert [t.amount for t in tasks] == [Decimal("1200000.00") * scale, Decimal("800000.00") * scale]


@pytest.mark.parametrize("total, severity", [("2000000.00", "info"), ("2100000.00", "warning")])
def test_a_totals_row_is_checked_not_stored(total, severity):
    tasks, issues = read(["任务名称\t主要内容\t拟投入的资金（元）", *TASKS, f"合计\t\t{total}"])
    assert [t.name for t in tasks] == ["受理服务", "为老服务"]
    assert [(i.code, i.severity) for i in issues if i.code == "task_total"] == [("task_total", severity)]


def test_an_empty_optional_row_is_no_task_but_a_filled_one_is():
    tasks, _ = read(["任务名称\t主要内容", "受理服务\t做好受理", "其他需完成的任务（可选填）\t"])
    assert [t.name for t in tasks] == ["受理服务"]
    tasks, _ = read(["任务名称\t主要内容", "其他需完成的任务（可选填）\t开展志愿服务"])
    assert [t.content for t in tasks] == ["开展志愿服务"]
