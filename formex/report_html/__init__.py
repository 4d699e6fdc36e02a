"""`formex report`: a dataset as HTML a person reads in a browser, with nothing fetched
from anywhere (inline CSS and SVG, a small inline script, system fonts).

The report is a folder: `index.html` (the batch at a glance, the filterable table of
everything needing review beside its source text, the list of documents) and
`doc/<doc_id>.html`, one page per document (its indicator tree beside its source text).
One file per document keeps a large batch's index small enough to open; the review
table pages itself (50 rows at a time). The same dataset gives the same bytes.
"""
from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from formex.override_rows import row_keys
from formex.report_html.document_page import document_body
from formex.report_html.index_page import index_body
from formex.report_html.markup import esc, page_html
from formex.report_html.page_crops import open_page_images
from formex.review_items import ReviewItem, read_review_tables, tables_to_review_items
from formex.source_lines import SourceText, read_source_text

DOC_FOLDER = "doc"


@dataclass(frozen=True)
class ReportInfo:
    index: Path
    documents: int
    review_items: int


def write_report(out: Path, to: Path, inputs: Path | None = None) -> ReportInfo:
    """Write the report of the dataset at `out` into the folder `to` (its `index.html`
    and `doc/` replaced), or, when `to` names an `.html` file, as that file with `doc/`
    beside it. With `inputs`, the input folder given to extract, lines of PDFs
    and scans found there unchanged are shown as crops of their pages too."""
    out, to = Path(out), Path(to)
    index = to if to.suffix == ".html" else to / "index.html"   # `--to report.html`: pages beside it
    to = index.parent
    tables = read_review_tables(out)
    items = tables_to_review_items(tables)
    to.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(to / DOC_FOLDER, ignore_errors=True)
    (to / DOC_FOLDER).mkdir()
    sources: dict[str, SourceText | None] = {}    # kept for the index: the lines it quotes
    quoted: dict[str, set] = defaultdict(set)
    for item in items:
        quoted[item.doc_id].add(item.source_ref)
    for document, body, source in iter_document_bodies(out, tables, items, inputs):
        title = document["source_path"] or document["doc_id"]
        (to / DOC_FOLDER / f"{document['doc_id']}.html").write_text(
            page_html(f"{title} · formex", esc(title), body, home=f"../{index.name}#documents"), encoding="utf-8")
        sources[document["doc_id"]] = source and source.only(quoted[document["doc_id"]])
    index.write_text(page_html(f"{out.name} · formex report", f"formex report: {esc(out.name)}",
                               index_body(out.name, tables, items, sources), script=True), encoding="utf-8")
    return ReportInfo(index, len(tables["documents"]), len(items))


def iter_document_bodies(out: Path, tables: dict[str, list[dict]], items: list[ReviewItem],
                         inputs: Path | None = None):
    """(document row, page body, source text) per document, one source text in memory
    at a time."""
    by_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for name in ("forms", "tasks", "indicators", "issues"):
        for row in tables[name]:
            by_doc[row["doc_id"]][name].append(row)
    items_of: dict[str, list[ReviewItem]] = defaultdict(list)
    for item in items:
        items_of[item.doc_id].append(item)
    for document in sorted(tables["documents"], key=lambda d: d["doc_id"]):
        rows = by_doc[document["doc_id"]]
        for name in ("tasks", "indicators", "issues"):
            rows[name].sort(key=lambda r: r["seq"])
        source = read_source_text(out, document["doc_id"])
        crops = line_crops(source, document, rows["indicators"], items_of[document["doc_id"]], inputs)
        yield document, document_body(document, rows, row_keys(rows["indicators"]), items_of[document["doc_id"]],
                                      source, crops), source


def line_crops(source: SourceText | None, document: dict, indicators: list[dict], items: list[ReviewItem],
               inputs: Path | None) -> dict[str, str]:
    """source_ref -> crop of its page, for the indicator and review lines of a PDF or
    scan whose file is under `inputs` unchanged; empty otherwise."""
    if source is None:
        return {}
    images = open_page_images(inputs, document["source_path"], document["source_format"], document["doc_id"])
    if images is None:
        return {}
    wanted = {row["source_ref"] for row in indicators} | {item.source_ref for item in items}
    try:
        crops = {}
        for ref in sorted(r for r in wanted if r):
            line = source.line(ref)
            uri = images.crop_uri(line) if line is not None else None
            if uri:
                crops[line.source_ref] = uri
        return crops
    finally:
        images.close()
