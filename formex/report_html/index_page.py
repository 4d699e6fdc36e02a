"""The report's index page: the batch at a glance, the review table, the documents."""
from __future__ import annotations

from collections import Counter

from formex.report_html.batch import batch_charts
from formex.report_html.markup import element, esc, slug
from formex.review_items import ReviewItem
from formex.schemas.review_rules import load_review_rules
from formex.source_lines import SourceText
from formex.terminal import format_target

SEVERITIES = ("error", "warning", "info")


def document_href(doc_id: str, anchor: str | None = None) -> str:
    return f"doc/{doc_id}.html" + (f"#{anchor}" if anchor else "")


def tiles(tables: dict[str, list[dict]], items: list[ReviewItem]) -> str:
    statuses = Counter(d["status"] for d in tables["documents"])
    facts = [("documents", len(tables["documents"])), ("ok", statuses["ok"]), ("partial", statuses["partial"]),
             ("failed", statuses["failed"]), ("indicators", len(tables["indicators"])),
             ("issues", len(tables["issues"])), ("needing review", len(items))]
    return '<div class="tiles" id="summary">' + "".join(
        f'<div class="tile"><b>{value}</b>{esc(name)}</div>' for name, value in facts) + "</div>"


def row_summary(item: ReviewItem) -> str:
    """What the dataset holds for the item's row, in a line."""
    values = item.values
    if item.table == "indicators":
        target = format_target({k[len("target_"):]: v for k, v in values.items() if k.startswith("target_")})
        path = " › ".join(str(values.get(c) or "—") for c in ("level1", "level2", "level3"))
        return f"{esc(path)} · <b>{esc(target)}</b> <span class=\"muted\">({esc(values.get('target_raw'))})</span>"
    if item.fields:
        return "<br>".join(f"{esc(c)}: {esc(values.get(c)) or '—'}" for c in item.fields)
    return esc(values.get("name") or "")


def source_cell(item: ReviewItem, source: SourceText | None) -> str:
    if source is None:
        return '<span class="muted">not saved (extract with --keep-documents)</span>'
    line = source.line(item.source_ref)
    return element("div", line.text, cls="source") if line else '<span class="muted">no single line</span>'


def options(values, words=None) -> str:
    """`<option>`s of a filter: each value, shown as its phrase where `words` has one."""
    return "".join(f'<option value="{esc(v)}">{esc(words[v] if words else v)}</option>' for v in values)


def review_table(items: list[ReviewItem], sources: dict[str, SourceText | None]) -> str:
    rules = load_review_rules()
    reasons = sorted({r for i in items for r in i.reasons})
    tables = sorted({i.table for i in items})
    filters = ('<div class="filters">'
               '<input id="f-text" type="search" placeholder="filter: any text" aria-label="filter">'
               f'<select id="f-reason" aria-label="reason"><option value="">every reason</option>'
               f'{options(reasons, rules.reasons)}</select>'
               f'<select id="f-severity" aria-label="severity"><option value="">every severity</option>'
               f'{options(SEVERITIES)}</select>'
               f'<select id="f-table" aria-label="table"><option value="">every table</option>{options(tables)}</select>'
               '<button id="f-prev" type="button">‹ previous</button><button id="f-next" type="button">next ›</button>'
               '<span id="f-info" class="muted"></span></div>')
    body = []
    for item in items:
        anchor = f"row-{slug(item.row)}" if item.table in ("indicators", "tasks") else \
            (f"src-ref-{slug(item.source_ref)}" if item.source_ref else None)
        badges = "".join(element("span", rules.reasons[r], cls=f"badge {item.severity}") for r in item.reasons)
        where = element("a", item.source_ref or item.row or item.table, href=document_href(item.doc_id, anchor))
        body.append(
            f'<tr class="review" data-reasons="{esc(" ".join(item.reasons))}" data-severity="{esc(item.severity)}" '
            f'data-table="{esc(item.table)}">'
            f'<td>{element("a", item.source_path, href=document_href(item.doc_id))}</td><td>{where}</td>'
            f'<td>{badges}</td><td>{esc(item.table)}</td><td>{row_summary(item)}</td>'
            f'<td>{source_cell(item, sources.get(item.doc_id))}</td>'
            f'<td>{"<br>".join(esc(m) for m in item.messages)}</td></tr>')
    head = ("<thead><tr><th>document</th><th>where</th><th>why</th><th>table</th><th>the row now</th>"
            "<th>source text</th><th>issues</th></tr></thead>")
    return filters + f'<table id="review-table">{head}<tbody>{"".join(body)}</tbody></table>'


def documents_table(tables: dict[str, list[dict]], items: list[ReviewItem]) -> str:
    issues = Counter(i["doc_id"] for i in tables["issues"])
    review = Counter(i.doc_id for i in items)
    rows = []
    for d in sorted(tables["documents"], key=lambda d: (d["source_path"] or "", d["doc_id"])):
        year = "" if d["year"] is None else str(d["year"])
        status = element("span", d["status"], cls=f"badge status-{d['status']}")
        rows.append(f'<tr><td>{element("a", d["source_path"], href=document_href(d["doc_id"]))}</td>'
                    f'<td>{status}</td>'
                    f'<td>{esc(d["form_type"])}</td><td>{esc(year)}</td><td>{esc(d["source_format"])}</td>'
                    f'<td class="num">{d["n_indicators"] or 0}</td><td class="num">{issues[d["doc_id"]]}</td>'
                    f'<td class="num">{review[d["doc_id"]]}</td><td>{esc(d["error"])}</td></tr>')
    head = ("<thead><tr><th>source</th><th>status</th><th>form type</th><th>year</th><th>format</th>"
            "<th class=\"num\">indicators</th><th class=\"num\">issues</th><th class=\"num\">to review</th><th>error</th>"
            "</tr></thead>")
    return f'<table id="documents-table">{head}<tbody>{"".join(rows)}</tbody></table>'


def index_body(name: str, tables: dict[str, list[dict]], items: list[ReviewItem],
               sources: dict[str, SourceText | None]) -> str:
    saved = sum(source is not None for source in sources.values())
    note = ("" if saved == len(tables["documents"]) else
            f'<p class="muted">{len(tables["documents"]) - saved} document(s) were not saved as read '
            "(extract with --keep-documents): their source text is not shown.</p>")
    return (f'<section><h2>The batch at a glance</h2><p class="muted">dataset {esc(name)}</p>'
            f'{tiles(tables, items)}<div class="charts">{"".join(batch_charts(tables))}</div></section>'
            f'<section id="review"><h2>Needing review ({len(items)})</h2>{note}{review_table(items, sources)}</section>'
            f'<section id="documents"><h2>Documents ({len(tables["documents"])})</h2>'
            f'{documents_table(tables, items)}</section>')
