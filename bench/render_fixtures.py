"""Render each OCR-text sample as the filled-in form itself: HTML, Markdown, xlsx, docx.

Usage: python bench/render_fixtures.py [SAMPLES] [OUT]   (defaults: samples, samples/rendered)

The form is rebuilt from the sample's text rows (title, header fields, budget, footer,
as written, typos included) and from its hand-written goldens (tasks; indicators with
their level-1 / level-2 categories), so the rendering is the form the OCR text was
read from: one row per indicator, the level labels as real merged cells over their
blocks, full names and targets in their cells. Each rendering is a sample folder of its
own (`<sample>-<format>/` with one input file and `expected/`): the golden is the text
sample's golden with the columns that depend on the route (source_ref, level1_raw,
level2_raw, level2_source) set from the rendering's own layout, and without issues.

Output is deterministic (zip members carry a fixed date; document properties are fixed),
so re-running leaves git clean. Variants, chosen by the sample's position so every
route is covered: Markdown indicator tables are HTML with rowspan, pipe tables with
the merged labels blank, or pipe tables with the labels repeated; HTML, Markdown and docx
break the indicator table where the text had a page break (header repeated, labels
restated on the new page); xlsx writes bare percentages as numbers formatted `0%` and
amounts as numbers formatted `#,##0.00`.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from formex.extract.ocr_text import read_ocr_text
from formex.normalize.indicators.rows import find_header, level_vocabulary
from formex.normalize.labels import label_key
from formex.normalize.sections import rows_to_sections, vocabularies_of
from formex.normalize.tasks import find_task_header
from formex.schemas.forms import load_all_form_schemas

WIDTH = 4
FORMATS = ("html", "md", "xlsx", "docx")
FIXED_DATE = (2024, 1, 1, 0, 0, 0)
NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
PERCENT = re.compile(r"^(\d+)(?:\.(\d+))?%$")
ANY_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
ROUTE_COLUMNS = ("source_ref", "level1_raw", "level2_raw", "level2_source")


@dataclass
class GCell:
    text: str
    col: int
    colspan: int = 1
    rowspan: int = 1


@dataclass
class GRow:
    cells: list[GCell]
    key: tuple | None = None        # ("task", seq) or ("indicator", seq)
    header: bool = False


@dataclass
class Block:
    kind: str                        # heading, table, page
    text: str = ""
    rows: list[GRow] = field(default_factory=list)
    style: str = "html"              # for Markdown tables: html, blank, repeat, plain


def read_gold(path: Path) -> list[dict]:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle)]


def spread(texts: list[str], width: int = WIDTH) -> list[GCell]:
    """Cells left to right; the last one spans the rest of the row."""
    cells = [GCell(t, i) for i, t in enumerate(texts[:width])]
    if cells:
        cells[-1].colspan = width - cells[-1].col
    return cells


def similar(raw: str | None, label: str) -> bool:
    return bool(raw) and fuzz.ratio(label_key(raw), label_key(label)) >= 74


def indicator_segments(gold: list[dict], pages: dict[int, int], split_pages: bool) -> list[list[dict]]:
    segments: list[list[dict]] = []
    last_page = None
    for row in gold:
        page = pages.get(int(row["source_ref"].split()[1]), 1)
        if not segments or (split_pages and page != last_page):
            segments.append([])
        segments[-1].append(row)
        last_page = page
    return segments


def label_text(rows: list[dict], level: int) -> str:
    """The label as the form writes it: a raw label the text route read as this very
    category on one of the block's rows, else the canonical label."""
    canonical = rows[0][f"level{level}"]
    for row in rows:
        raw = row.get(f"level{level}_raw")
        if level == 2 and row.get("level2_source") != "explicit":
            continue
        if similar(raw, canonical):
            return raw
    return canonical


def blocks_of(keys: list) -> list[tuple[int, int]]:
    """(start, end) of runs of equal keys; None keys never join."""
    runs, start = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] is None or keys[i] != keys[start]:
            runs.append((start, i))
            start = i
    return runs


def indicator_rows(segment: list[dict], gold: list[dict]) -> list[GRow]:
    """One segment's rows with level-1 and level-2 cells merged over their blocks; a
    level-2 entry without indicators (no name) is a block of its own."""
    cells: list[dict[int, GCell]] = [{2: GCell(r["level3"] or r.get("note") or "", 2),
                                      3: GCell(r["target_raw"] or "", 3)} for r in segment]
    level1_keys = [r["level1"] for r in segment]
    level2_keys = [(r["level1"], r["level2"]) if r["level3"] else None for r in segment]
    for start, end in blocks_of(level1_keys):
        group = [g for g in gold if g["level1"] == segment[start]["level1"]]
        cells[start][0] = GCell(label_text(group, 1), 0, rowspan=end - start)
    for start, end in blocks_of(level2_keys):
        same = [g for g in gold if g["level2"] == segment[start]["level2"]]
        cells[start][1] = GCell(label_text(same, 2), 1, rowspan=end - start)
    covered = [set() for _ in segment]
    for r, row in enumerate(cells):
        for c in row.values():
            for below in range(r + 1, r + c.rowspan):
                covered[below].add(c.col)
    return [GRow([row.get(col, GCell("", col)) for col in range(WIDTH) if col not in covered[r]],
                 key=("indicator", int(seq["seq"])))
            for r, (row, seq) in enumerate(zip(cells, segment))]


def build_form(sample: Path, split_pages: bool) -> tuple[list[Block], dict]:
    text_file = next(p for p in sorted(sample.iterdir()) if p.suffix == ".txt")
    doc = read_ocr_text(text_file.read_bytes(), doc_id="", source_path=text_file.name)
    schema = next(s for s in load_all_form_schemas() if s.form_type == "unit_overall_target")
    sections = rows_to_sections(doc.rows, schema)
    gold_tasks = read_gold(sample / "expected" / "tasks.csv")
    gold_indicators = read_gold(sample / "expected" / "indicators.csv")
    pages = {row.index: row.page for row in doc.rows}
    role: dict[int, str] = {}
    for hit in sections.fields:
        role[hit.row.index] = "field"
    for name, (row, _) in sections.section_matches.items():
        role[row.index] = f"title:{name}"
    for name, rows in sections.parts.items():
        for row in rows:
            role.setdefault(row.index, name)
    for row in sections.trailer:
        role[row.index] = "trailer"
    blocks: list[Block] = []
    done: set[str] = set()

    def table() -> Block:
        if not blocks or blocks[-1].kind != "table" or blocks[-1].style != "plain":
            blocks.append(Block("table", style="plain"))
        return blocks[-1]

    for row in doc.rows:
        texts = [c.raw.strip() for c in row.cells if c.text]
        kind = role.get(row.index, "heading" if not sections.fields or row.index < sections.fields[0].row.index
                        else "other")
        if kind == "heading" or kind.startswith("title:"):
            blocks.append(Block("heading", texts[0]))
            if len(texts) > 1 and kind.startswith("title:"):
                table().rows.append(GRow(spread(texts[1:])))
        elif kind == "tasks":
            if "tasks" in done:
                continue
            done.add("tasks")
            part = sections.parts["tasks"]
            index, positions, _ = find_task_header(part, vocabularies_of(schema).task_columns)
            header = part[index] if index >= 0 else None
            names = [positions[c.col] for c in header.filled] if header else ["name", "content"]
            names = [n for n in names if any(t.get(n) for t in gold_tasks)] or ["name", "content"]
            block = Block("table", style="plain")
            block.rows.append(GRow(spread([c.raw.strip() for c in header.filled][:len(names)]), header=True))
            for task in gold_tasks:
                block.rows.append(GRow(spread([task.get(n) or "" for n in names]), key=("task", int(task["seq"]))))
            blocks.append(block)
        elif kind == "indicators":
            if "indicators" in done:
                continue
            done.add("indicators")
            part = sections.parts["indicators"]
            header_index, _ = find_header(part, level_vocabulary(schema))
            header = [c.raw.strip() for c in part[header_index].filled]
            for k, segment in enumerate(indicator_segments(gold_indicators, pages, split_pages)):
                if k:
                    blocks.append(Block("page"))
                block = Block("table", style="indicators")
                block.rows.append(GRow(spread(header), header=True))
                block.rows += indicator_rows(segment, gold_indicators)
                blocks.append(block)
        else:  # header fields, budget lines, footer rows, anything else: as written
            table().rows.append(GRow(spread(texts)))
    golds = {name: read_gold(p) for name in ("documents", "forms")
             for p in [sample / "expected" / f"{name}.json"]}
    golds["tasks"], golds["indicators"] = gold_tasks, gold_indicators
    return blocks, golds


# ---- writers: each returns (bytes, {key: source_ref}, {indicator seq: set of rows that start spans})


def html_cell(text: str) -> str:
    if ANY_TAG.search(text):
        return text  # markup an OCR engine wrote (<p> per duty) stays markup
    return html.escape(text, quote=False).replace("\n", "<br>")


def html_table(block: Block, indent: str = "") -> list[str]:
    lines = [f"{indent}<table>"]
    for row in block.rows:
        cells = "".join(
            f"<{'th' if row.header else 'td'}"
            + (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "")
            + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            + f">{html_cell(c.text)}</{'th' if row.header else 'td'}>" for c in row.cells)
        lines.append(f"{indent}<tr>{cells}</tr>")
    lines.append(f"{indent}</table>")
    return lines


def write_html(blocks: list[Block]) -> tuple[bytes, dict]:
    lines = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>form</title></head>", "<body>"]
    refs, tables, page = {}, 0, 1
    for k, block in enumerate(blocks):
        if block.kind == "heading":
            tag = "h1" if k == 0 else "h2"
            lines.append(f"<{tag}>{html_cell(block.text)}</{tag}>")
        elif block.kind == "page":
            page += 1
            lines.append(f"<!-- page {page} -->")
        else:
            tables += 1
            for r, row in enumerate(block.rows, 1):
                if row.key:
                    refs[row.key] = f"table {tables} row {r}"
            lines += html_table(block)
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines).encode("utf-8"), refs


def md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def pipe_rows(block: Block, style: str) -> list[list[str]]:
    """The grid of a block as pipe-table rows: merged cells blank below, or repeated."""
    grid: list[list[str]] = [[""] * WIDTH for _ in block.rows]
    for r, row in enumerate(block.rows):
        for c in row.cells:
            for dr in range(c.rowspan):
                grid[r + dr][c.col] = c.text if dr == 0 or style == "repeat" else ""
    return grid


def write_md(blocks: list[Block], style: str) -> tuple[bytes, dict]:
    lines: list[str] = []
    refs, page = {}, 1
    for k, block in enumerate(blocks):
        if lines:
            lines.append("")
        if block.kind == "heading":
            lines.append(("# " if k == 0 else "## ") + md_cell(block.text))
        elif block.kind == "page":
            page += 1
            lines.append(f"<!-- page {page} -->")
        elif block.style == "indicators" and style == "html":
            start = len(lines) + 1
            lines += html_table(block)
            for r, row in enumerate(block.rows, 1):
                if row.key:
                    refs[row.key] = f"line {start} row {r}"
        else:
            grid = pipe_rows(block, style if block.style == "indicators" else "blank")
            for r, (row, cells) in enumerate(zip(block.rows, grid)):
                lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
                if row.key:
                    refs[row.key] = f"line {len(lines)}"
                if r == 0:
                    lines.append("|" + "---|" * WIDTH)
    lines.append("")
    return "\n".join(lines).encode("utf-8"), refs


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every member dated FIXED_DATE and fixed document dates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", body)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_DATE), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_xlsx(blocks: list[Block]) -> tuple[bytes, dict]:
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    refs, r = {}, 0
    for block in blocks:
        if block.kind == "page":
            continue
        rows = [GRow([GCell(block.text, 0, WIDTH)])] if block.kind == "heading" else block.rows
        for row in rows:
            r += 1
            for c in row.cells:
                if not c.text and c.rowspan == c.colspan == 1:
                    continue
                cell = ws.cell(row=r, column=c.col + 1)
                put_value(cell, c.text, percent=row.key is not None and row.key[0] == "indicator" and c.col == 3)
                cell.alignment = Alignment(wrap_text=True, vertical="center")
                if c.rowspan > 1 or c.colspan > 1:
                    ws.merge_cells(start_row=r, start_column=c.col + 1,
                                   end_row=r + c.rowspan - 1, end_column=c.col + c.colspan)
            if row.key:
                refs[row.key] = f"Sheet1!{r}:{r}"
    for letter, width in zip("ABCD", (14, 16, 40, 18)):
        ws.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    wb.properties.creator = "formex render_fixtures"
    wb.save(buffer)
    return fixed_zip(buffer.getvalue()), refs


def put_value(cell, text: str, percent: bool) -> None:
    """Numbers as numbers with the format that displays them as written."""
    plain_text = ANY_TAG.sub("\n", text).strip() if ANY_TAG.search(text) else text
    found = PERCENT.match(text) if percent else None
    if found:
        decimals = len(found.group(2) or "")
        cell.value = round(float(text[:-1]) / 100, decimals + 2)
        cell.number_format = "0%" if not decimals else "0." + "0" * decimals + "%"
    elif NUMBER.match(text) and not percent:
        decimals = len(text.split(".")[1]) if "." in text else 0
        cell.value = float(text.replace(",", "")) if decimals else int(text.replace(",", ""))
        cell.number_format = ("#,##0" if "," in text else "0") + ("." + "0" * decimals if decimals else "")
    else:
        cell.value = re.sub(r"\n\s*\n+", "\n", plain_text)
        cell.data_type = "s"  # text, even when it starts with `=` (`=100.00(%)` is no formula)


def write_docx(blocks: list[Block]) -> tuple[bytes, dict]:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    refs, tables = {}, 0
    for block in blocks:
        if block.kind == "heading":
            document.add_paragraph(ANY_TAG.sub("", block.text))
        elif block.kind == "page":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            tables += 1
            table = document.add_table(rows=len(block.rows), cols=WIDTH)
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c in row.cells:
                    target = table.cell(r, c.col)
                    if c.rowspan > 1 or c.colspan > 1:
                        target = target.merge(table.cell(r + c.rowspan - 1, c.col + c.colspan - 1))
                    lines = re.sub(r"\n\s*\n+", "\n", ANY_TAG.sub("\n", c.text)).strip().split("\n")
                    target.text = lines[0]
                    for line in lines[1:]:
                        target.add_paragraph(line)
                if row.key:
                    refs[row.key] = f"table {tables} row {r + 1}"
    document.core_properties.author = "formex render_fixtures"
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue()), refs


# ---- goldens


def span_starts(blocks: list[Block]) -> dict[int, tuple[str | None, str | None]]:
    """Indicator seq -> (level-1 label, level-2 label) written on its row in the rendering
    (the first row of a span; labels repeated on the rows below count as merged)."""
    out: dict[int, tuple[str | None, str | None]] = {}
    for block in blocks:
        if block.kind != "table" or block.style != "indicators":
            continue
        for row in block.rows:
            if row.key:
                texts = {c.col: c.text for c in row.cells if c.text}
                out[row.key[1]] = (texts.get(0), texts.get(1))
    return out


def write_golden(folder: Path, golds: dict, fmt: str, refs: dict, labels: dict) -> None:
    expected = folder / "expected"
    expected.mkdir(parents=True)
    source_format = {"md": "markdown"}.get(fmt, fmt)
    documents = [dict(d, source_format=source_format) for d in golds["documents"]]
    (expected / "documents.json").write_text(json.dumps(documents, ensure_ascii=False, indent=1) + "\n",
                                             encoding="utf-8")
    (expected / "forms.json").write_text(json.dumps(golds["forms"], ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
    tasks = [dict(t, source_ref=refs[("task", int(t["seq"]))]) for t in golds["tasks"]]
    indicators = []
    for row in golds["indicators"]:
        seq = int(row["seq"])
        level1_raw, level2_raw = labels[seq]
        indicators.append(dict(row, source_ref=refs[("indicator", seq)], level1_raw=level1_raw,
                               level2_raw=level2_raw,
                               level2_source="explicit" if level2_raw else "filled"))
    for name, rows in (("tasks", tasks), ("indicators", indicators)):
        with (expected / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows([{k: ("" if v is None else v) for k, v in r.items()} for r in rows])


def render_sample(sample: Path, out: Path, position: int) -> list[Path]:
    written = []
    md_style = ("html", "blank", "repeat")[position % 3]
    for fmt in FORMATS:
        split = fmt != "xlsx"
        blocks, golds = build_form(sample, split_pages=split)
        if fmt == "html":
            data, refs = write_html(blocks)
        elif fmt == "md":
            data, refs = write_md(blocks, md_style)
        elif fmt == "xlsx":
            data, refs = write_xlsx(blocks)
        else:
            data, refs = write_docx(blocks)
        labels = span_starts(blocks)
        folder = out / f"{sample.name}-{fmt}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        (folder / f"{sample.name}.{fmt}").write_bytes(data)
        write_golden(folder, golds, fmt, refs, labels)
        written.append(folder)
    return written


RENDERED_FAMILY = "unit_overall_target"


def text_samples(samples: Path) -> list[Path]:
    """The OCR-text samples this renderer rebuilds: unit-overall forms with one 年度
    indicator column (the other families and 中期 columns have layouts it does not draw;
    bench/layout_families.py prints those). A sample's position in this list picks its
    Markdown variant, so the list must not change under the renderings already made."""
    def rendered(sample: Path) -> bool:
        documents = json.loads((sample / "expected" / "documents.json").read_text(encoding="utf-8"))
        with (sample / "expected" / "indicators.csv").open(encoding="utf-8", newline="") as handle:
            periods = {row.get("period") or "annual" for row in csv.DictReader(handle)}
        return documents[0].get("form_type") == RENDERED_FAMILY and periods == {"annual"}
    return sorted(p for p in samples.iterdir()
                  if (p / "expected").is_dir() and any(f.suffix == ".txt" for f in p.iterdir()) and rendered(p))


def main(argv: list[str]) -> int:
    samples = Path(argv[1]) if len(argv) > 1 else Path("samples")
    out = Path(argv[2]) if len(argv) > 2 else samples / "rendered"
    for position, sample in enumerate(text_samples(samples)):
        for folder in render_sample(sample, out, position):
            print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
