"""Sections: title and year, trailer rows, lost section titles, cover letters."""
from __future__ import annotations

from formex import extract_tables
from tests.conftest import SEED_FILE

SEED = SEED_FILE.read_text(encoding="utf-8")


def extract_text(tmp_path, text: str):
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    return extract_tables(path)


def test_a_footer_row_inside_the_table_loses_no_indicator(tmp_path):
    text = SEED.replace("\t福利费发放及时性", "填报人\t张三\t联系电话\t021-12345678\n\t福利费发放及时性")
    assert text != SEED
    tables = extract_text(tmp_path, text)
    assert len(tables["indicators"]) == 83
    trailer = tables["issues"][tables["issues"]["code"] == "trailer_row"]
    assert len(trailer) == 1 and "021-12345678" in trailer.iloc[0]["message"]


def test_year_inside_the_title_is_removed_whole(tmp_path):
    text = SEED.replace("单位整体支出绩效目标申报表\t\n(2026年度)", "上海市闵行区2026年度单位整体支出绩效目标申报表\t")
    form = extract_text(tmp_path, text)["forms"].iloc[0]
    assert (int(form["year"]), form["title"]) == (2026, "上海市闵行区单位整体支出绩效目标申报表")


def test_a_cover_letter_naming_the_form_is_not_a_form(tmp_path):
    tables = extract_text(tmp_path, "关于报送2026年度单位整体支出绩效目标申报表的通知\n各单位：请于月底前报送。\n")
    assert tables["documents"].loc[0, "status"] == "failed"


def test_lost_budget_title_still_ends_the_tasks(tmp_path):
    text = SEED.replace("<b>预算情况</b>\t\t\t\n", "")
    tables = extract_text(tmp_path, text)
    assert len(tables["tasks"]) == 7
    assert str(tables["forms"].iloc[0]["budget_total"]) == "234962720.00"


def test_wrapped_task_content_is_joined(tmp_path):
    text = SEED.replace("完成公益 伙伴日等活动。", "完成公益\n伙伴日等活动。")
    tables = extract_text(tmp_path, text)
    assert len(tables["tasks"]) == 7
    assert tables["tasks"].iloc[6]["content"].endswith("完成公益伙伴日等活动。")
