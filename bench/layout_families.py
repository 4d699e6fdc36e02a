"""The layout simulator's other form families: project target declarations and the
self-evaluations, printed from their samples' goldens under the same policies as the
unit form (bench/layout_sim.py): merged level labels placed by the policy, page breaks,
typos, leading cells dropped, page noise. What each family prints (its title, field
labels, money block and table header) is in `layout_data.yaml` under `families`, written
from the forms, not from formex's schemas.

A project's 中期 indicators print as a table of their own after the 年度 one; a
self-evaluation's 实际完成值, 分值, 得分 and 偏差原因 print right of the target.
"""
from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from layout_sim import (Config, Line, Policy, Structure, add_page_breaks, add_page_noise, layout_data,
                        line_text, render_table, typo)


def printed_value(value) -> str:
    if isinstance(value, list):
        return " ".join(f"{k}. {item}" for k, item in enumerate(value, start=1))
    return str(value).replace("\n", "")


def money_lines(spec: dict, forms: dict) -> tuple[list[list[str]], dict]:
    """The money block's rows, and the forms columns they print (in 元)."""
    rows, printed = [[spec["title"]]], {}
    if "lines" in spec:
        for column, label in spec["lines"].items():
            if forms.get(column) is not None:
                rows.append([label, f"{Decimal(forms[column]):.2f}"])
                printed[column] = forms[column]
        return rows, printed
    grid = spec["grid"]
    rows = [[spec["title"], "", *grid["columns"].values()]]
    for label, cells in grid["lines"].items():
        row = ["", label]
        for key in grid["columns"]:
            column = cells.get(key)
            value = forms.get(column) if column else None
            if value is None:
                row.append("—")
            elif column == "execution_rate":
                row.append(f"{float(value):g}%")
                printed[column] = float(value)
            else:
                row.append(f"{Decimal(value):.2f}")
                printed[column] = value
        if any(cell != "—" for cell in row[2:]):
            rows.append(row)
    return rows, printed


def render_family_document(structure: Structure, policy: Policy, config: Config,
                           rng: random.Random) -> tuple[str, dict]:
    """The OCR text of one document of a non-unit family and its gold tables."""
    spec = layout_data()["families"][structure.family]
    forms = structure.forms
    lines: list[Line] = []

    def add(*cells: str) -> None:
        lines.append(Line(list(cells)))

    year = forms.get("year")
    add(f"{year}年度{spec['title']}", "")
    gold_forms = {"year": year, "form_type": structure.family, "title": spec["title"]}
    for column, label in spec["fields"].items():
        if forms.get(column):
            add(label, printed_value(forms[column]))
            gold_forms[column] = forms[column]
    rows, printed = money_lines(spec["budget"], forms)
    if printed:
        for row in rows:
            add(*row)
        gold_forms.update(printed, budget_scale=0)
    extras = tuple(key for key in spec.get("extra", {}) if any(item.extra.get(key) for item in structure.items))
    # a row's own note (评价标准) has no column here; the unit renderer's notes span entries
    items = [replace(item, note=None) for item in structure.items]
    annual = [item for item in items if item.period == "annual"]
    mid_term = [item for item in items if item.period == "mid_term"]
    printed_items = []
    before_table = None
    for title, columns, items in ((spec["table_title"], spec["columns"], annual),
                                  *([(spec["mid_term"]["title"], spec["mid_term"]["columns"], mid_term)]
                                    if mid_term else [])):
        add(title, "", "", "")
        header = [*columns, *(spec["extra"][key] for key in extras)] + (["备注"] if config.remark else [])
        printed_header = [typo(h, rng, table=policy.confusions) if rng.random() < policy.header_typos else h
                          for h in header]
        add(*printed_header)
        before_table = len(lines) if before_table is None else before_table
        table, shown = render_table(items, config, policy, rng, printed_header, extras)
        lines += table
        printed_items += [replace(item, period=period) for item, period in
                          zip(shown, ["annual" if items is annual else "mid_term"] * len(shown))]
    for column, label in spec.get("after", {}).items():
        if forms.get(column) is not None:
            add(label, printed_value(forms[column]))
            gold_forms[column] = forms[column]
    data = layout_data()
    sign_off = [c.format(who=rng.choice(data["people"]), phone=f"021-{rng.randint(50000000, 69999999)}",
                         date=f"{year}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日")
                for c in rng.choice(data["sign_offs"])]
    lines.append(Line(sign_off))
    lines = add_page_breaks(lines, before_table, config, rng)
    lines = add_page_noise(lines, structure, policy, config, rng, sign_off)
    text = "\n".join(line_text(line, config) for line in lines) + "\n"
    return text, family_gold(structure, printed_items, gold_forms, extras)


def family_gold(structure: Structure, printed, gold_forms: dict, extras: tuple[str, ...]) -> dict:
    from formex.normalize.targets import apply_target_context, parse_target

    year = gold_forms.get("year")
    indicators = []
    for item in printed:
        row = {"level1": item.level1, "level2": item.level2, "level3": item.level3, "note": item.note,
               "target_raw": item.target, "period": item.period}
        target = apply_target_context(parse_target(item.target, year=year), indicator_name=item.level3, year=year)
        row.update({"target_kind": target.kind, "target_op": target.op, "target_value": target.value,
                    "target_unit": target.unit})
        row.update({key: item.extra.get(key) for key in extras})
        indicators.append(row)
    documents = [{"status": "ok", "n_indicators": len(indicators), "form_type": structure.family}]
    return {"documents": documents, "forms": [gold_forms], "tasks": [], "indicators": indicators}
