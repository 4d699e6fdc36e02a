"""Read a spreadsheet form (.xlsx, .xlsm) into a Document, with openpyxl.

Each visible sheet is read in order (a form over several sheets is one document; each
sheet starts a new page). A workbook holding one form per sheet is split into one
document per form after reading, by `formex.normalize.split` (it needs form detection,
which is normalize's). A cell's text is its value as the sheet displays it
(`formex.extract.number_format`): a 1 formatted `0%` is `100%`, dates are dates, amounts
keep their separators. A number the format rounds (10596.35 shown `10,596`) is read in
full, in the format's form (`10,596.35`), with the display as `raw` and an info issue. Formulas give the value cached when the file was last saved; a
formula with no cached value is an empty cell and a warning. Merged ranges are spans on
their top-left cell. Hidden rows and columns are read and reported; hidden sheets are
not read and reported. Macros are never run (openpyxl does not run them; `keep_vba` is
off). `source_ref` is `Sheet1!D22` for a cell and `Sheet1!22:22` for a row.

Limits (a form is small): the package is checked by `open_package` first; content past
`MAX_ROWS` rows or `MAX_COLUMNS` columns is left out with a warning, and a sheet whose
declared used range is absurd (`A1:XFD1048576`) but whose content is small is read by
its content with an info issue.
"""
from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile

from formex.extract.errors import ExtractError
from formex.extract.grid import MAX_COLUMNS
from formex.extract.number_format import Formatted, format_date, format_value
from formex.extract.office_zip import OfficeFileRejected, open_package
from formex.extract.sniff import DAMAGED_ZIP
from formex.extract.cleaning import clean_cell
from formex.schemas.document import Cell, Document, Issue, Row

MAX_ROWS = 10_000      # rows read per sheet
MAX_CELLS = 200_000    # cells read per workbook
MAX_SHEETS = 50


def sheet_ref(title: str) -> str:
    """A sheet name as a reference prefix: quoted when it is not a plain word.

    >>> sheet_ref("Sheet1"), sheet_ref("绩效目标"), sheet_ref("My Sheet")
    ('Sheet1', '绩效目标', "'My Sheet'")
    """
    if all(ch.isalnum() or ch == "_" for ch in title):
        return title
    return "'" + title.replace("'", "''") + "'"


def cell_texts(cell) -> Formatted:
    """The cell as the sheet displays it, and its value in full (a number the format
    rounds keeps all its digits in `exact`)."""
    value = cell.value
    if value is None:
        return Formatted("", "")
    if isinstance(value, str):
        return Formatted(value, value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        text = format_date(value, cell.number_format)
        return Formatted(text, text)
    if isinstance(value, (int, float)):
        return format_value(value, cell.number_format)
    return Formatted(str(value), str(value))


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> the zip member holding its XML."""
    from lxml import etree

    book = etree.fromstring(archive.read("xl/workbook.xml"))
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iterfind("rel:Relationship", NS)}
    out = {}
    for sheet in book.iterfind("m:sheets/m:sheet", NS):
        target = targets.get(sheet.get(f"{{{NS['r']}}}id"), "")
        out[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return out


def formula_cells(archive: zipfile.ZipFile) -> dict[str, set[str]]:
    """Sheet title -> coordinates of formula cells that have no saved value, read by a
    streaming pass over the sheet XML (openpyxl keeps either formulas or values)."""
    from lxml import etree

    out: dict[str, set[str]] = {}
    for title, member in sheet_parts(archive).items():
        if member not in archive.namelist():
            continue
        found = set()
        with archive.open(member) as handle:
            for _, element in etree.iterparse(handle, tag=f"{{{NS['m']}}}c", huge_tree=False):
                has_formula = element.find("m:f", NS) is not None
                value = element.find("m:v", NS)
                if has_formula and (value is None or not (value.text or "").strip()):
                    found.add(element.get("r", ""))
                element.clear()
        out[title] = found
    return out


def hidden_lines(ws) -> tuple[list[int], list[str]]:
    from openpyxl.utils import get_column_letter

    rows = sorted(r for r, dim in ws.row_dimensions.items() if dim.hidden)
    cols = []
    for key, dim in ws.column_dimensions.items():
        if dim.hidden:
            low, high = (dim.min or 1), (dim.max or dim.min or 1)
            cols += [get_column_letter(c) for c in range(low, min(high, MAX_COLUMNS) + 1)] or [key]
    return rows, sorted(set(cols), key=lambda c: (len(c), c))


def ranges_text(numbers: list[int]) -> str:
    """
    >>> ranges_text([3, 4, 5, 9])
    '3-5, 9'
    """
    runs, start = [], None
    for k, n in enumerate(numbers):
        if start is None:
            start = n
        if k + 1 == len(numbers) or numbers[k + 1] != n + 1:
            runs.append(f"{start}-{n}" if n != start else str(n))
            start = None
    return ", ".join(runs)


def sheet_rows(ws, page: int, first_index: int, formulas: set[str], issues: list[Issue],
               budget: list[int]) -> list[Row]:
    ref = sheet_ref(ws.title)
    spans = {}
    covered = set()
    for merged in ws.merged_cells.ranges:
        if merged.min_row > MAX_ROWS or merged.min_col > MAX_COLUMNS:
            continue
        # a merged range reaching past the limits (B1:XFD1) spans only to them
        spans[(merged.min_row, merged.min_col)] = (
            min(merged.max_row, MAX_ROWS) - merged.min_row + 1,
            min(merged.max_col, MAX_COLUMNS) - merged.min_col + 1)
        if (merged.max_row - merged.min_row + 1) * (merged.max_col - merged.min_col + 1) <= 100_000:
            covered.update((r, c) for r in range(merged.min_row, merged.max_row + 1)
                           for c in range(merged.min_col, merged.max_col + 1)
                           if (r, c) != (merged.min_row, merged.min_col))
    by_row: dict[int, list] = {}
    cut, uncached = 0, []
    for (r, c), cell in sorted(ws._cells.items()):
        if (r, c) in covered:
            continue
        if r > MAX_ROWS or c > MAX_COLUMNS:
            cut += cell.value is not None
            continue
        if budget[0] <= 0:
            cut += 1
            continue
        budget[0] -= 1
        if cell.value is None:
            if cell.coordinate in formulas:
                uncached.append(cell.coordinate)
            continue
        by_row.setdefault(r, []).append(cell)
    if cut:
        issues.append(Issue("warning", "content_cut",
                            f"{cut} cell(s) of sheet {ws.title!r} lie past row {MAX_ROWS}, column "
                            f"{MAX_COLUMNS} or the workbook's {MAX_CELLS} cells and were not read",
                            field="document", source_ref=f"{ref}!A1"))
    for coordinate in uncached:
        issues.append(Issue("warning", "formula_uncached",
                            f"cell {coordinate} holds a formula with no saved value (the file was "
                            "written by a program that does not calculate); it was read as empty",
                            field="document", source_ref=f"{ref}!{coordinate}"))
    rows = []
    for r in sorted(by_row):
        cells = []
        for cell in by_row[r]:
            texts = cell_texts(cell)
            raw, text = texts.shown, clean_cell(texts.exact)
            if not text:
                continue
            cell_ref = f"{ref}!{cell.coordinate}"
            if not texts.understood:
                issues.append(Issue("info", "number_format_unknown",
                                    f"cell {cell.coordinate}: number format {cell.number_format!r} "
                                    f"is not understood; the value was read as General ({raw!r})",
                                    field="document", source_ref=cell_ref))
            elif texts.lossy:
                issues.append(Issue("info", "value_precision_kept",
                                    f"cell {cell.coordinate} shows {raw!r} but holds {texts.exact!r}; "
                                    "the full value was read", field="document", source_ref=cell_ref))
            rowspan, colspan = spans.get((r, cell.column), (1, 1))
            cells.append(Cell(text=text, raw=raw, col=cell.column - 1, rowspan=rowspan,
                              colspan=colspan, source_ref=cell_ref))
        if cells:
            rows.append(Row(first_index + len(rows), tuple(cells), page, f"{ref}!{r}:{r}"))
    return rows


def dimension_issue(ws, rows: list[Row]) -> Issue | None:
    declared = ws.max_row * ws.max_column if hasattr(ws, "max_row") else 0
    try:
        dims = ws.calculate_dimension()
    except ValueError:
        return None
    if declared > MAX_CELLS:
        return Issue("info", "sheet_range_large",
                     f"sheet {ws.title!r} reaches {dims}; only its {sum(len(r.cells) for r in rows)} "
                     "cells with content were read", field="document",
                     source_ref=f"{sheet_ref(ws.title)}!A1")
    return None


def read_xlsx(data: bytes, *, doc_id: str, source_path: str, source_format: str = "xlsx") -> Document:
    import openpyxl

    package = open_package(data, source_path, "xlsx")
    if "xl/workbook.xml" not in package.names:
        raise OfficeFileRejected(f"{source_path}: not a valid xlsx file: it has no workbook part "
                                 "(is it a Word document or another zip?)")
    issues = list(package.issues)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unknown extensions and styles
            formulas = formula_cells(package.zip)
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True,
                                          keep_vba=False, keep_links=False)
    except (*DAMAGED_ZIP, KeyError, TypeError) as error:
        raise OfficeFileRejected(f"{source_path}: not a readable xlsx file: "
                                 f"{type(error).__name__}: {error}") from None
    except Exception as error:  # lxml and openpyxl raise many types on broken XML
        raise OfficeFileRejected(f"{source_path}: not a readable xlsx file: "
                                 f"{type(error).__name__}: {error}") from None
    rows: list[Row] = []
    budget = [MAX_CELLS]
    page = 0
    for ws in book.worksheets[:MAX_SHEETS]:
        if ws.sheet_state != "visible":
            issues.append(Issue("info", "sheet_hidden", f"sheet {ws.title!r} is hidden and was not read",
                                field="document", source_ref=f"{sheet_ref(ws.title)}!A1"))
            continue
        page += 1
        sheet = sheet_rows(ws, page, len(rows) + 1, formulas.get(ws.title, set()), issues, budget)
        hidden_rows, hidden_cols = hidden_lines(ws)
        if hidden_rows or hidden_cols:
            what = "; ".join(filter(None, [hidden_rows and f"rows {ranges_text(hidden_rows)}",
                                           hidden_cols and f"columns {', '.join(hidden_cols[:20])}"]))
            issues.append(Issue("info", "hidden_cells",
                                f"sheet {ws.title!r} hides {what}; their cells were read like the others",
                                field="document", source_ref=f"{sheet_ref(ws.title)}!A1"))
        found = dimension_issue(ws, sheet)
        if found:
            issues.append(found)
        rows += sheet
    if len(book.worksheets) > MAX_SHEETS:
        issues.append(Issue("warning", "content_cut", f"only the first {MAX_SHEETS} of "
                            f"{len(book.worksheets)} sheets were read", field="document"))
    book.close()
    return Document(doc_id=doc_id, source_path=source_path, source_format=source_format,
                    rows=rows, spans_known=True, issues=issues)


class LegacyXls(ExtractError):
    pass


def refuse_xls(data: bytes, *, doc_id: str, source_path: str, source_format: str = "xlsx") -> Document:
    """Legacy binary .xls (BIFF) is refused with its reason: formex reads spreadsheets with
    openpyxl, which reads only the xlsx package format."""
    raise LegacyXls(f"{source_path}: legacy binary .xls (Excel 97-2003) is not read; open it in "
                    "Excel, WPS or LibreOffice and save it as .xlsx")
