"""Form families: each document is read as the family its title, fields and table headers
point at; a title of a family formex has no file for is negative evidence, and a
document no family (or two families equally) explains fails naming the closest family
and what it missed. Families can be added from a folder (`--schemas`)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from formex import read
from formex.cli import app
from formex.extract.ocr_text import read_ocr_text
from formex.extract.readers import read_document
from formex.normalize.form import normalize_document
from formex.schemas.forms import FORMS_DIR, load_all_form_schemas

BODY = ["单位名称\t某某中心", "年度履职目标\t做好服务", "年度重点任务", "任务名称\t主要内容", "受理\t做好受理",
        "预算情况", "部门整体预算总额(元)\t100.00", "绩效指标", "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t服务人次\t≥100(人次)"]


def normalize_text(lines: list[str], schemas=None):
    doc = read_ocr_text("\n".join(lines).encode(), doc_id="x", source_path="x.txt")
    return normalize_document(doc, schemas)


def test_a_form_of_a_family_without_a_file_fails_naming_its_title_and_the_closest_family():
    result = normalize_text(["政府购买服务绩效自评表", "(2026年度)", *BODY])
    assert result.status == "failed"
    assert "政府购买服务绩效自评表" in result.error and "form family" in result.error
    assert "closest family is" in result.error


def test_a_self_evaluation_title_over_a_unit_body_is_not_read_as_the_unit_form():
    result = normalize_text(["2021年度项目支出绩效自评表", *BODY])
    assert result.form_type == "project_self_evaluation" and result.status == "partial"
    assert any(i.code == "field_missing" and i.field == "project_name" for i in result.issues)


def test_the_unit_overall_form_is_still_read_with_full_confidence_over_its_siblings():
    result = normalize_text(["单位整体支出绩效目标申报表", "(2026年度)", *BODY])
    assert result.status == "ok" and result.form_type == "unit_overall_target"
    assert result.confidence > 0.7 and not any(i.code == "family_close" for i in result.issues)


PROJECT = ["项目名称\t社区养老服务", "主管部门\t某区民政局", "实施单位\t某街道", "年度目标\t服务老人", "绩效指标",
           "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t服务人次\t≥100人次"]


def test_without_a_title_the_fields_choose_the_family():
    result = normalize_text(["实施期\t2026年1月-12月", *PROJECT])
    assert result.form_type == "project_target" and result.status != "failed"
    # one field apart from the self-evaluation: chosen, but the reader is told
    assert 0.5 < result.confidence < 0.6 and any(i.code == "family_close" for i in result.issues)
    self_evaluation = normalize_text([*PROJECT[:-2], "一级指标\t三级指标\t指标值\t实际完成值\t分值\t得分",
                                      "产出指标\t服务人次\t≥100人次\t120人次\t10\t10"])
    assert self_evaluation.form_type == "project_self_evaluation"


def test_fields_both_project_families_share_are_no_reason_to_choose_one():
    result = normalize_text(PROJECT)
    assert result.status == "failed" and "project_self_evaluation" in result.error \
        and "project_target" in result.error and "equally" in result.error


def test_nothing_recognisable_fails_naming_the_closest_family_and_what_it_missed():
    result = normalize_text(["会议纪要", "项目名称\t周例会", "地点\t会议室"])
    assert result.status == "failed" and "closest family is project_" in result.error
    assert "misses title" in result.error
    nothing = normalize_text(["会议纪要", "时间\t周一", "地点\t会议室"])
    assert nothing.status == "failed" and "no title, section or field label matched" in nothing.error


def test_two_families_matching_equally_fail_naming_both(tmp_path):
    twin = yaml.safe_load((FORMS_DIR / "unit_overall_target.yaml").read_text(encoding="utf-8"))
    twin["form_type"] = "unit_overall_twin"
    (tmp_path / "twin.yaml").write_text(yaml.safe_dump(twin, allow_unicode=True), encoding="utf-8")
    result = normalize_text(["单位整体支出绩效目标申报表", "(2026年度)", *BODY],
                            load_all_form_schemas((str(tmp_path),)))
    assert result.status == "failed"
    assert "unit_overall_target" in result.error and "unit_overall_twin" in result.error


def test_the_real_self_evaluation_form_is_read_as_its_family():
    path = Path("/work/shared/real/yuzhong-2021-project-self-evaluation.xlsx")
    if not path.exists():
        pytest.skip("the shared real forms are not on this machine")
    result = normalize_document(read_document(path.read_bytes(), path.name))
    assert result.status == "ok" and result.form_type == "project_self_evaluation"
    assert result.header["project_name"] == "就业补助资金" and len(result.indicators) == 16


TRAINING_FAMILY = """
form_type: training_plan_target
title:
  aliases: [培训项目绩效目标表]
fields:
  project_name:
    labels: [培训项目]
    required: true
  project_lead:
    labels: [培训负责人]
sections:
  indicators:
    labels: [培训绩效指标]
    required: true
indicators:
  columns:
    level1: [一级指标]
    level2: [二级指标]
    level3: [三级指标]
    target: [目标值]
"""


def test_a_family_written_into_a_folder_is_extracted_end_to_end(tmp_path):
    families = tmp_path / "families"
    families.mkdir()
    (families / "training.yaml").write_text(TRAINING_FAMILY, encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "plan.txt").write_text("\n".join([
        "2025年培训项目绩效目标表", "培训项目\t基层干部轮训", "培训负责人\t王某", "培训绩效指标",
        "一级指标\t二级指标\t三级指标\t目标值", "产出指标\t数量指标\t培训人次\t≥300人次",
        "\t质量指标\t考核合格率\t≥95%"]), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(inputs), "--out", str(tmp_path / "out"), "-q",
                                      "--schemas", str(families)])
    assert result.exit_code == 0, result.output
    tables = read(tmp_path / "out")
    form = tables["forms"].iloc[0]
    assert form["form_type"] == "training_plan_target" and form["project_name"] == "基层干部轮训"
    assert form["project_lead"] == "王某" and form["year"] == 2025
    indicators = tables["indicators"]
    assert list(indicators["level3"]) == ["培训人次", "考核合格率"]
    assert list(indicators["level2"]) == ["数量指标", "质量指标"]
    assert list(indicators["target_value"]) == [300, 95]


def test_a_broken_family_folder_stops_the_run_naming_the_key(tmp_path):
    (tmp_path / "bad.yaml").write_text(TRAINING_FAMILY.replace("project_lead", "lead_person"), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--out", str(tmp_path / "out"),
                                      "--schemas", str(tmp_path)])
    assert result.exit_code == 2 and "fields.lead_person" in result.output


def test_a_level_file_may_extend_the_shared_one(tmp_path):
    (tmp_path / "levels_plus.yaml").write_text(
        "extends: indicator_levels\nlevel1:\n  - label: 培训指标\n    level2:\n      - label: 课程指标\n",
        encoding="utf-8")
    family = yaml.safe_load(TRAINING_FAMILY)
    family["indicators"]["levels"] = "levels_plus"
    (tmp_path / "training.yaml").write_text(yaml.safe_dump(family, allow_unicode=True), encoding="utf-8")
    schema = next(s for s in load_all_form_schemas((str(tmp_path),)) if s.form_type == "training_plan_target")
    labels = [spec.label for spec in schema.level2_order]
    assert labels[-1] == "课程指标" and "数量指标" in labels
    assert schema.level_wordings == ("类", "性")    # the shared file's, where the file states none


def test_a_level_file_states_its_wordings_as_single_characters(tmp_path):
    from formex.schemas.errors import SchemaError
    from formex.schemas.forms import load_level_wordings

    (tmp_path / "levels_worded.yaml").write_text("extends: indicator_levels\nwordings: [类]\nlevel1:\n"
                                                 "  - label: 培训指标\n    level2:\n      - label: 课程指标\n",
                                                 encoding="utf-8")
    assert load_level_wordings("levels_worded", tmp_path) == ("类",)
    (tmp_path / "levels_bad.yaml").write_text("wordings: [类别]\nlevel1: []\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="single characters"):
        load_level_wordings("levels_bad", tmp_path)


def test_eval_reports_each_family_its_samples_name(tmp_path):
    from formex.evaluate import evaluate
    from tests.conftest import SAMPLES

    import shutil

    gold = tmp_path / "gold"
    for name in ("project-target-2026-elderly-care", "project-self-evaluation-2022-rural-water"):
        shutil.copytree(SAMPLES / name, gold / name)
    result = CliRunner().invoke(app, ["extract", str(gold), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    report = evaluate(tmp_path / "out", gold)
    assert sorted(report.families) == ["project_self_evaluation", "project_target"]
    assert all(counts.f1 == 1.0 and counts.tp > 50 for counts in report.families.values())


def test_a_money_field_of_a_folder_family_is_scaled_and_a_huge_one_is_an_issue(tmp_path):
    family = yaml.safe_load(TRAINING_FAMILY)
    family["fields"]["budget_total"] = {"labels": ["培训经费"], "kind": "money"}
    family["budget"] = {"unit_words": {"元": 0, "万元": 4}}   # the units its labels may state
    (tmp_path / "training.yaml").write_text(yaml.safe_dump(family, allow_unicode=True), encoding="utf-8")
    schemas = load_all_form_schemas((str(tmp_path),))
    lines = ["培训项目绩效目标表", "培训项目\t轮训", "培训绩效指标", "一级指标\t二级指标\t三级指标\t目标值",
             "产出指标\t数量指标\t培训人次\t≥300人次"]
    result = normalize_text([*lines[:2], "培训经费（万元）\t12.5", *lines[2:]], schemas)
    assert result.header["budget_total"] == 125000
    huge = normalize_text([*lines[:2], "培训经费（万元）\t" + "9" * 18, *lines[2:]], schemas)
    assert huge.header["budget_total"] is None and huge.status == "partial"
    assert any(i.code == "amount_unparsed" and i.field == "budget_total" for i in huge.issues)


def test_the_name_words_file_is_checked(tmp_path):
    from formex.schemas.name_words import load_name_words
    good = tmp_path / "good.yaml"
    good.write_text("with_biao: [目标]\nafter:\n  指: [指导]\n", encoding="utf-8")
    assert load_name_words(good) == (frozenset("目"), {"指": frozenset("导")})
    bad = tmp_path / "bad.yaml"
    bad.write_text("with_biao: [标准]\nafter: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="with_biao"):
        load_name_words(bad)


def test_the_name_openings_are_checked(tmp_path):
    from formex.schemas.name_words import load_name_openings
    good = tmp_path / "good.yaml"
    good.write_text("with_biao: []\nafter: {}\nopenings: [实际]\n", encoding="utf-8")
    assert load_name_openings(good) == frozenset({"实际"})
    bad = tmp_path / "bad.yaml"
    bad.write_text("with_biao: []\nafter: {}\nopenings: [实际情况]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="openings"):
        load_name_openings(bad)
