"""Forms of families not built yet (project forms, self-evaluations) are not read as the
unit-overall form, however many of its sections they show: their titles are negative
evidence, and they fail naming their family."""
from __future__ import annotations

from pathlib import Path

import pytest

from formex.extract.ocr_text import read_ocr_text
from formex.extract.readers import read_document
from formex.normalize.form import normalize_document

BODY = ["单位名称\t某某中心", "年度履职目标\t做好服务", "年度重点任务", "任务名称\t主要内容", "受理\t做好受理",
        "预算情况", "部门整体预算总额(元)\t100.00", "绩效指标", "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t服务人次\t≥100(人次)"]


@pytest.mark.parametrize("title", ["2021年度项目支出绩效自评表", "项目支出绩效目标申报表", "部门整体支出绩效自评表"])
def test_a_form_of_another_family_fails_naming_its_title(title):
    text = "\n".join([title, "(2026年度)", *BODY])
    result = normalize_document(read_ocr_text(text.encode(), doc_id="x", source_path="x.txt"))
    assert result.status == "failed" and title in result.error and "family" in result.error


def test_the_unit_overall_form_is_still_read():
    text = "\n".join(["单位整体支出绩效目标申报表", "(2026年度)", *BODY])
    result = normalize_document(read_ocr_text(text.encode(), doc_id="x", source_path="x.txt"))
    assert result.status == "ok" and result.form_type == "unit_overall_target"


def test_the_real_self_evaluation_form_fails_with_its_family():
    path = Path("/work/shared/real/yuzhong-2021-project-self-evaluation.xlsx")
    if not path.exists():
        pytest.skip("the shared real forms are not on this machine")
    result = normalize_document(read_document(path.read_bytes(), path.name))
    assert result.status == "failed" and "项目支出绩效自评表" in result.error
