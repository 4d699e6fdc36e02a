"""Write the spreadsheet samples of the form families that have no real file yet.

Usage: python bench/family_samples.py [SAMPLES]   (default: samples)

Each is a form as its office would fill it in, typed here cell by cell (the goldens
beside them are written by hand from these cells, not from formex's output):

- `project-target-2018-legacy-xlsx`: a 2018 project declaration in the older layout:
  指标内容 with no third level, 中期指标值 and 年度指标值 side by side, `产出类指标` style
  level-1 labels as merged cells, 成本指标 as a level 1, money in 万元.

Document properties carry a fixed date, so re-running writes the same cells (the zip's
own timestamps may differ; the golden does not depend on the bytes).
"""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

FIXED = datetime(2024, 1, 1)

PROJECT_2018 = {
    "title": "2018年度项目支出绩效目标申报表",
    "rows": [
        ["项目名称", "全民健身设施补短板工程", None, None, None],
        ["主管部门", "某市体育局", None, "实施单位", "某市体育设施管理中心"],
        ["项目负责人", "陈刚", None, "实施期", "2018年-2020年"],
        ["项目资金（万元）", "资金总额", 1200, None, None],
        [None, "财政资金", 1000, None, None],
        [None, "其他资金", 200, None, None],
        ["中期目标", "到2020年底，全市新建社区健身路径120个、多功能运动场30个，人均体育场地面积达到2.2平方米。",
         None, None, None],
        ["年度目标", "2018年新建社区健身路径40个、多功能运动场10个，人均体育场地面积达到1.9平方米。", None, None, None],
        ["绩效指标", None, None, None, None],
        ["一级指标", "二级指标", "指标内容", "中期指标值", "年度指标值"],
        ["产出类指标", "数量指标", "新建社区健身路径", "120个", "40个"],
        [None, None, "新建多功能运动场", "30个", "10个"],
        [None, "质量指标", "设施验收合格率", "100%", "100%"],
        [None, "时效指标", "年度建设任务完成时间", "2020年12月底前", "2018年12月底前"],
        ["成本指标", "经济成本指标", "单个健身路径建设成本", "≤8万元", "≤8万元"],
        ["效益类指标", "社会效益指标", "人均体育场地面积", "≥2.2平方米", "≥1.9平方米"],
        [None, "可持续影响指标", "设施维护管理机制", "健全", "健全"],
        ["满意度类指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥85%"],
        ["填报人", "周敏", None, "填报日期", "2017年10月20日"],
    ],
    # (first row, first column, last row, last column), 1-based, rows counted from the title
    "merges": [(1, 1, 1, 5), (2, 2, 2, 5), (5, 1, 7, 1), (8, 2, 8, 5), (9, 2, 9, 5), (10, 1, 10, 5),
               (12, 1, 15, 1), (12, 2, 13, 2), (17, 1, 18, 1)],
    "money_cells": [(5, 3), (6, 3), (7, 3)],
}


def write_form(form: dict, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "项目申报表"
    sheet.cell(1, 1, form["title"])
    for r, row in enumerate(form["rows"], start=2):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value).alignment = Alignment(wrap_text=True, vertical="center")
    for r, c in form["money_cells"]:
        sheet.cell(r, c).number_format = "#,##0.00"
    for r0, c0, r1, c1 in form["merges"]:
        sheet.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    book.properties.created = book.properties.modified = FIXED
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def main(samples: Path) -> None:
    write_form(PROJECT_2018, samples / "project-target-2018-legacy-xlsx" / "project_target_2018_legacy.xlsx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("samples"))
