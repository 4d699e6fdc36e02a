"""A workbook whose sheets are separate forms, split into one Document per sheet.

The xlsx reader reads every visible sheet into one Document, each sheet a page, because
a form may run over several sheets (a continuation sheet carries no title). Units also
send one workbook holding several forms, one per sheet (Sheet1 unit A's form, Sheet2
unit B's); read as one document, that is two forms' rows mixed into one. So the
workbook is split only when at least two sheets each carry a form of a known family on
their own: its title among the sheet's first rows and the evidence detection asks of
any form (`formex.normalize.detect`). A sheet without a title (a continuation) belongs
to the form before it. Anything less than two titled forms (one titled sheet and
continuation sheets, sheets of no known form) stays one document, as read.

A part is named after its (first) sheet: source key `<file>#<sheet name>` and a doc_id hashed
from the file's sha256 and the sheet name (`part_doc_id`), so it is unique across
files and stable across runs of the same bytes. Its rows and cells keep their
`source_ref` (`Sheet2!D22`); rows are numbered and paged as a workbook of that one
sheet would be, so a part gives the same rows as the sheet read alone.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from formex.normalize.detect import detect_family
from formex.schemas.document import Document, Issue, Row
from formex.schemas.forms import FormSchema

PART_MARK = "#"   # between a workbook's source key and a sheet name in a part's source key


def part_source(source_path: str, sheet: str) -> str:
    """
    >>> part_source("unit/book.xlsx", "Sheet2")
    'unit/book.xlsx#Sheet2'
    """
    return f"{source_path}{PART_MARK}{sheet}"


def part_doc_id(file_sha256: str, sheet: str) -> str:
    """The id of one sheet's form: the file's hash and the sheet's name, hashed.

    >>> part_doc_id("ab" * 32, "Sheet1") == part_doc_id("ab" * 32, "Sheet1") != part_doc_id("ab" * 32, "Sheet2")
    True
    """
    return hashlib.sha256(f"{file_sha256}{PART_MARK}{sheet}".encode()).hexdigest()


def sheet_of_ref(source_ref: str | None) -> str | None:
    """The sheet a reference names (`Sheet1!D22`, `'My Sheet'!3:3`), unquoted.

    >>> sheet_of_ref("Sheet1!D22"), sheet_of_ref("'It''s'!3:3"), sheet_of_ref(None)
    ('Sheet1', "It's", None)
    """
    if not source_ref or "!" not in source_ref:
        return None
    name = source_ref.rsplit("!", 1)[0]
    if len(name) >= 2 and name[0] == name[-1] == "'":
        name = name[1:-1].replace("''", "'")
    return name


def rows_by_sheet(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """The rows of each sheet, in workbook order (the reader starts a page per sheet)."""
    sheets: dict[int, tuple[str, list[Row]]] = {}
    for row in rows:
        name = sheet_of_ref(row.source_ref) or f"page {row.page}"
        sheets.setdefault(row.page, (name, []))[1].append(row)
    return list(sheets.values())


def part_document(document: Document, sheets: list[tuple[str, list[Row]]]) -> Document:
    """Consecutive sheets as a document of their own (same doc_id and source: `name_part`
    names it), rows numbered from 1 and pages from 1, as a workbook of those sheets
    alone would be read."""
    rows = []
    for page, (_, sheet_rows) in enumerate(sheets, start=1):
        rows += [replace(row, index=len(rows) + k, page=page,
                         cells=tuple(replace(cell, page=page) if cell.page is not None else cell
                                     for cell in row.cells))
                 for k, row in enumerate(sheet_rows, start=1)]
    names = {name for name, _ in sheets}
    return replace(document, rows=rows, issues=issues_for_sheets(document.issues, names))


def issues_for_sheets(issues: list[Issue], names: set[str]) -> list[Issue]:
    """The sheets' own issues, and those of the whole file (no sheet named, or a hidden
    sheet's), which concern every part read from it."""
    return [issue for issue in issues
            if issue.code == "sheet_hidden" or (sheet := sheet_of_ref(issue.source_ref)) is None
            or sheet in names]


def carries_own_form(document: Document, schemas: tuple[FormSchema, ...]) -> bool:
    """A known family's form, recognised with its title (a continuation sheet has none)."""
    detection = detect_family(document, schemas)
    match = detection.sections.title_match if detection.sections is not None else None
    return detection.schema is not None and match is not None


def group_sheets(sheets: list[tuple[str, list[Row]]], titled: list[bool]) -> list[list[tuple[str, list[Row]]]]:
    """Sheets in forms: a sheet carrying a form starts one; a sheet without (a
    continuation) belongs to the form before it (the first, when none is before it)."""
    groups: list[list[tuple[str, list[Row]]]] = []
    leading: list[tuple[str, list[Row]]] = []
    for sheet, starts in zip(sheets, titled):
        if starts:
            groups.append(leading + [sheet])
            leading = []
        elif groups:
            groups[-1].append(sheet)
        else:
            leading.append(sheet)
    return groups


def forms_in_workbook(document: Document, schemas: tuple[FormSchema, ...]) -> list[tuple[str, Document]]:
    """(first sheet's name, document) per form, when at least two sheets carry a form on
    their own; otherwise empty (the workbook is one document). Only xlsx documents split."""
    if document.source_format != "xlsx":   # .xlsm reads as xlsx too
        return []
    sheets = rows_by_sheet(document.rows)
    if len(sheets) < 2:
        return []
    titled = [carries_own_form(part_document(document, [sheet]), schemas) for sheet in sheets]
    if sum(titled) < 2:
        return []
    return [(group[0][0], part_document(document, group)) for group in group_sheets(sheets, titled)]


def name_part(part: Document, source_path: str, file_sha256: str, sheet: str) -> Document:
    """A sheet's document under its own source key and doc_id."""
    return replace(part, source_path=part_source(source_path, sheet), doc_id=part_doc_id(file_sha256, sheet))


def split_by_sheet(document: Document, file_sha256: str, schemas: tuple[FormSchema, ...]) -> list[Document]:
    """The documents a read workbook holds: one per form when at least two sheets carry a
    form of their own (a sheet without a title joins the form before it), else the
    document itself."""
    forms = forms_in_workbook(document, schemas)
    if not forms:
        return [document]
    return [name_part(part, document.source_path, file_sha256, name) for name, part in forms]
