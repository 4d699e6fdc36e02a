"""A page per document: header fields, budget and tasks; the rebuilt indicator tree
beside the source text it was read from (the saved document's rows, with each cell's
page and box where the reader knew them); the issues.

Rows needing review are marked on both sides; each indicator links to its source line.
Page images are not kept, so PDFs and scans show their cells' text and boxes.
"""
from __future__ import annotations

from formex.report_html.markup import element, esc, slug
from formex.review_items import ReviewItem
from formex.schemas.review_rules import load_review_rules
from formex.source_lines import SourceLine, SourceText
from formex.terminal import format_amount, format_target

HEADER_FIELDS = ("title", "unit_name", "funding_method", "annual_goal", "project_name", "department",
                 "implementing_unit", "staff_count", "internal_departments")
BUDGET_FIELDS = ("budget_total", "budget_fiscal", "budget_other", "budget_basic", "budget_project")


def facts(document: dict) -> str:
    year = "" if document["year"] is None else str(document["year"])
    parts = [("source", document["source_path"]), ("format", document["source_format"]),
             ("form type", document["form_type"] or "no form recognised"), ("year", year),
             ("indicators", str(document["n_indicators"] or 0)), ("doc_id", document["doc_id"])]
    badge = element("span", document["status"], cls=f"badge status-{document['status']}")
    error = element("p", document["error"], cls="muted") if document["error"] else ""
    return (f'<p id="doc-facts">{badge} ' + " · ".join(f'{esc(k)} {element("b", v)}' for k, v in parts if v)
            + f"</p>{error}")


def form_fields(form: dict | None) -> str:
    if not form:
        return ""
    rows = [(name, form.get(name)) for name in HEADER_FIELDS if form.get(name) is not None]
    rows += [(name, format_amount(form[name])) for name in BUDGET_FIELDS if form.get(name) is not None]
    duties = form.get("responsibilities") or []
    items = "".join(f"<dt>{esc(name)}</dt><dd>{esc(value, lines=True)}</dd>" for name, value in rows)
    if duties:
        items += "<dt>responsibilities</dt><dd><ol>" + "".join(element("li", d) for d in duties) + "</ol></dd>"
    return f'<section><h2>Header and budget</h2><dl class="fields">{items}</dl></section>'


def tasks_section(tasks: list[dict]) -> str:
    if not tasks:
        return ""
    rows = "".join(
        f'<tr id="row-{slug(t["source_ref"] or "")}"><td class="num">{t["seq"]}</td><td>{esc(t["name"])}</td>'
        f'<td>{esc(t["content"], lines=True)}</td><td class="num">{esc(format_amount(t["amount"]))}</td>'
        f'<td>{esc(t["expected_outcome"])}</td><td>{source_link(t["source_ref"])}</td></tr>' for t in tasks)
    return ("<section><h2>Tasks</h2><table><thead><tr><th>#</th><th>name</th><th>content</th><th>amount</th>"
            f"<th>expected</th><th>source</th></tr></thead><tbody>{rows}</tbody></table></section>")


def source_link(source_ref: str | None) -> str:
    return element("a", source_ref, href=f"#src-ref-{slug(source_ref)}") if source_ref else ""


def target_of(row: dict) -> str:
    return format_target({k[len("target_"):]: v for k, v in row.items() if k.startswith("target_")})


def indicator_tree(indicators: list[dict], keys: list[str], review: dict[str, ReviewItem]) -> str:
    """Level 1 and level 2 as group rows, the indicators under them, in table order."""
    rules = load_review_rules()
    rows, level1, level2 = [], None, None
    for row, key in zip(indicators, keys):
        if row["level1"] != level1:
            level1, level2 = row["level1"], None
            rows.append(f'<tr class="l1"><td colspan="5">{esc(level1 or "—")}</td></tr>')
        if row["level2"] != level2:
            level2 = row["level2"]
            rows.append(f'<tr class="l2"><td colspan="5">{esc(level2 or "—")}</td></tr>')
        item = review.get(key)
        badges = "".join(element("span", rules.reasons[r], cls=f"badge {item.severity}") for r in item.reasons) \
            if item else ""
        how = "" if row["level2_source"] in ("explicit", "filled") else \
            element("span", row["level2_source"], cls="badge neutral")
        name = row["level3"] if row["level3"] is not None else (row["note"] or "(no name)")
        confidence = "" if row["target_confidence"] is None else f"{row['target_confidence']:.2f}"
        rows.append(
            f'<tr id="row-{slug(key)}"{" class=review" if item else ""}><td class="name">{esc(name)} {how}{badges}</td>'
            f'<td><b>{esc(target_of(row))}</b><br><span class="muted">{esc(row["target_raw"])}</span></td>'
            f'<td class="num">{confidence}</td><td>{esc(row["target_status"])}</td>'
            f'<td>{source_link(row["source_ref"])}</td></tr>')
    head = "<thead><tr><th>indicator</th><th>target (as read)</th><th>conf.</th><th>status</th><th>source</th></tr></thead>"
    return f'<table id="indicator-tree">{head}<tbody>{"".join(rows)}</tbody></table>'


def source_line_html(line: SourceLine, review_refs: set[str], crop: str | None = None) -> str:
    cells = []
    for cell in line.cells:
        if not cell.text:
            continue
        box = ""
        if cell.bbox is not None:
            box = element("span", f" p.{cell.page or line.page} (" + ", ".join(f"{v:.0f}" for v in cell.bbox) + ")",
                          cls="box")
        cells.append(f'<span class="cell">{esc(cell.text)}{box}</span>')
    if crop:
        cells.append(f'<br><img class="crop" alt="{esc(line.source_ref)} on the page" src="{esc(crop)}">')
    css = "srcline review" if line.source_ref in review_refs else "srcline"
    return (f'<div class="{css}" id="src-ref-{slug(line.source_ref)}"><span class="muted">{esc(line.source_ref)}'
            f'</span><span>{"".join(cells)}</span></div>')


def source_pane(source: SourceText | None, indicators: list[dict], review_refs: set[str],
                crops: dict[str, str]) -> str:
    if source is None:
        rows = "".join(
            f'<div class="srcline{" review" if r["source_ref"] in review_refs else ""}" id="src-ref-{slug(r["source_ref"] or "")}">'
            f'<span class="muted">{esc(r["source_ref"])}</span><span>'
            + "".join(f'<span class="cell">{esc(v)}</span>' for v in
                      (r["level1_raw"], r["level2_raw"], r["level3"], r["target_raw"]) if v)
            + "</span></div>" for r in indicators)
        return ('<p class="muted">This document was not saved as read (extract with --keep-documents): '
                "each indicator row's own cells are shown instead of the source text.</p>" + rows)
    note = ""
    if crops:
        note = ('<p class="muted">Each indicator line is shown as read and as a crop of its page, '
                "cut from the source file by its cells' boxes (x0, top, x1, bottom) in page units.</p>")
    elif source.source_format in ("pdf", "image"):
        note = ('<p class="muted">Page images are not kept: each cell is shown with its page and box '
                "(x0, top, x1, bottom) in page units (`formex report --sources DIR` adds crops of the "
                "pages when the source files are there).</p>")
    seen, lines = set(), []
    for line in source.lines:
        if line.source_ref in seen:     # an id once: the first line with a reference
            continue
        seen.add(line.source_ref)
        lines.append(source_line_html(line, review_refs, crops.get(line.source_ref)))
    return note + "".join(lines)


def severity_badge(severity: str) -> str:
    return element("span", severity, cls="badge " + severity)


def issues_section(issues: list[dict]) -> str:
    if not issues:
        return ""
    rows = "".join(f'<tr><td>{severity_badge(i["severity"])}</td>'
                   f'<td>{esc(i["code"])}</td><td>{source_link(i["source_ref"])}</td><td>{esc(i["message"])}</td></tr>'
                   for i in issues)
    return (f'<section id="issues"><h2>Issues ({len(issues)})</h2><table><thead><tr><th>severity</th>'
            f"<th>code</th><th>where</th><th>message</th></tr></thead><tbody>{rows}</tbody></table></section>")


def document_body(document: dict, rows: dict[str, list[dict]], keys: list[str], items: list[ReviewItem],
                  source: SourceText | None, crops: dict[str, str] | None = None) -> str:
    review = {i.row: i for i in items if i.table == "indicators"}
    review_refs = {i.source_ref for i in items if i.source_ref}
    form = rows["forms"][0] if rows["forms"] else None
    tree = indicator_tree(rows["indicators"], keys, review) if rows["indicators"] else \
        '<p class="muted">no indicators</p>'
    return (f"<section>{facts(document)}</section>"
            f'<section><div class="split"><div><h2>Indicators ({len(rows["indicators"])})</h2>{tree}</div>'
            f'<div class="pane" id="source"><h2>Source text</h2>{source_pane(source, rows["indicators"], review_refs, crops or {})}'
            f"</div></div></section>{issues_section(rows['issues'])}{form_fields(form)}{tasks_section(rows['tasks'])}")
