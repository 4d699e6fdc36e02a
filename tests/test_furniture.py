"""Page furniture is taken out before sectioning wherever it falls; values that look like
page numbers but do not sit where a page number prints stay."""
from __future__ import annotations

import pytest

from formex.extract.ocr_text import iter_text_rows
from formex.normalize.furniture import split_page_furniture
from formex.schemas.forms import load_form_schema

SCHEMA = load_form_schema("unit_overall_target")
BODY = ["\t\t社区事务受理办件量\t≥120000(件)", "\t\t为老服务计划完成率\t=100.00(%)",
        "\t\t就业援助对象帮扶人数\t≥300(人)", "\t\t窗口服务规范达标率\t=100.00(%)"]


def split(lines: list[str]):
    found = split_page_furniture(list(iter_text_rows("\n".join(lines))), SCHEMA)
    return [r.texts for r in found.rows], [r.texts for r in found.furniture], \
        [r.texts for r in found.sign_offs]


@pytest.mark.parametrize("noise", ["第 1 页 共 3 页", "第1页", "- 1 -", "— 1 —", "1", "1/3", "第 1 页",
                                   "共3页 第1页"])
@pytest.mark.parametrize("where", [2, 4])        # mid-table at a page's end, or at the document's end
def test_page_numbers_at_a_page_end_are_furniture(noise, where):
    lines = BODY[:where] + [noise] + ([""] + BODY[where:] if where < len(BODY) else [])
    rows, furniture, _ = split(lines)
    assert len(furniture) == 1 and len(rows) == len(BODY)


@pytest.mark.parametrize("noise", ["续表", "（续上页）", "（盖章）", "上海市某某中心（公章）", "财务专用章"])
def test_continuation_headers_and_stamps_are_furniture_anywhere(noise):
    rows, furniture, _ = split(BODY[:1] + [noise] + BODY[1:])
    assert furniture == [[noise]] and len(rows) == len(BODY)


@pytest.mark.parametrize("line", ["填报人：王丽\t联系电话：021-64011234", "单位负责人：张伟\t填报日期：2026年1月5日",
                                  "审核人：李明"])
def test_sign_off_lines_with_values_are_sign_offs_wherever_they_fall(line):
    rows, _, sign_offs = split(BODY[:2] + [line] + BODY[2:])
    assert sign_offs == [line.split("\t")] and len(rows) == len(BODY)


@pytest.mark.parametrize("lines", [
    ["年末在职人数", "13", "内设机构数"],              # a count under its label, mid-page
    ["\t\t提升服务水平\t≥90%", "7"],                 # a number that is not the page's number
    ["\t\t提升服务水平\t≥90%", "1\t2"],              # two cells: values, not a page number
])
def test_numbers_that_are_not_page_numbers_stay(lines):
    rows, furniture, _ = split(lines)
    assert furniture == [] and len(rows) == len(lines)


def test_a_line_of_empty_cells_is_a_row_not_a_page_break():
    # an engine that keeps an empty row's cells writes its tabs: the page goes on, so the
    # page number below is still page 1's (a blank line is the break)
    lines = BODY[:2] + ["\t\t\t"] + BODY[2:] + ["- 1 -", "", "\t\t老年人满意度\t≥90%"]
    rows, furniture, _ = split(lines)
    assert furniture == [["- 1 -"]] and len(rows) == len(BODY) + 1
    assert [r.page for r in iter_text_rows("\n".join(lines)) if r.filled][-1] == 2
    # a page break still is a break: the number after it is the next page's
    rows, furniture, _ = split(BODY[:2] + [""] + BODY[2:] + ["- 1 -"])
    assert furniture == [] and len(rows) == len(BODY) + 1
