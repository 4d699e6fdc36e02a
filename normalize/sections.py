"""Split a document's rows into the form's parts: title, header fields, and sections.

Page furniture (page numbers, 续表, stamps, sign-off lines) is taken out first
(`split_page_furniture`), wherever it falls.

`rows_to_sections` walks the rows once. A row whose first cell matches a section title
(fuzzily, from the form schema) opens that section; a row whose first cell matches a
header field label is a field; a row that matches a section's column headers opens the
section even when its title row was lost. Everything else belongs to the open section.

Header fields come three ways: a label and its value (`单位名称 | 某某中心`, or in one cell
`单位名称：某某中心`), several label/value pairs on one row (`项目名称 | 就业补助资金 |
项目联系人 | 向俐`), and a row of labels over a row of their values (`中期目标 | 年度目标`).
A field the family prints below its tables (`自评等级 | 优`) is read there too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from formex.normalize.labels import LabelMatch, Vocabulary, label_key
from formex.normalize.amounts import parse_amount
from formex.normalize.budget import unit_power
from formex.normalize.furniture import split_page_furniture
from formex.schemas.document import Cell, Row
from formex.schemas.forms import FieldSpec, FormSchema

YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
YEAR_MARK = re.compile(r"[\(（]? ?年度 ?[\)）]?")    # on text whose whitespace runs are one space
SPACE_RUN = re.compile(r"\s+")
INLINE_LABEL = re.compile(r"^([^:：]{2,12})[:：]\s*(.+)$", re.S)


@dataclass
class FieldHit:
    spec: FieldSpec
    value: str
    row: Row
    match: LabelMatch


@dataclass
class Sections:
    title: str | None = None
    title_row: Row | None = None
    title_match: LabelMatch | None = None
    year: int | None = None
    fields: list[FieldHit] = field(default_factory=list)
    parts: dict[str, list[Row]] = field(default_factory=dict)
    section_matches: dict[str, tuple[Row, LabelMatch]] = field(default_factory=dict)
    unplaced: list[Row] = field(default_factory=list)
    trailer: list[Row] = field(default_factory=list)   # signature / sign-off rows
    furniture: list[Row] = field(default_factory=list)  # page numbers, 续表, stamps
    not_values: list[Row] = field(default_factory=list)  # field rows whose value is a note or label


@dataclass(frozen=True)
class SchemaVocabularies:
    titles: Vocabulary
    sections: Vocabulary
    fields: Vocabulary
    task_columns: Vocabulary
    indicator_columns: Vocabulary
    budget: Vocabulary


@lru_cache(maxsize=None)
def vocabularies_of(schema: FormSchema) -> SchemaVocabularies:
    tasks = schema.section("tasks")
    return SchemaVocabularies(
        titles=Vocabulary({"title": schema.title_aliases}),
        sections=Vocabulary([(s.name, s.labels) for s in schema.sections]),
        fields=Vocabulary([(f.name, f.labels) for f in schema.fields]),
        task_columns=Vocabulary(list(tasks.columns) if tasks else []),
        indicator_columns=Vocabulary(list(schema.indicator_columns)),
        budget=Vocabulary(list(schema.budget_amounts) + list(schema.budget_counts)),
    )


def match_title(row: Row, schema: FormSchema) -> LabelMatch | None:
    filled = row.filled
    if not filled:
        return None
    # whitespace runs made one space first, so the year mark needs no `\s*`: that retries
    # a long run from each of its characters when no 年度 follows (quadratic)
    text = SPACE_RUN.sub(" ", YEAR.sub("", filled[0].text))
    return vocabularies_of(schema).titles.match(YEAR_MARK.sub("", text), contains=True)


def find_year(rows: list[Row]) -> int | None:
    """The first 4-digit year followed by 年 in the given rows (the title and the line under it)."""
    for row in rows:
        for cell in row.filled:
            found = YEAR.search(cell.text)
            if found:
                return int(found.group(1))
    return None


def count_column_matches(row: Row, vocabulary: Vocabulary) -> int:
    short_match = vocabulary.short_match
    names = {m.name for c in row.filled if (m := short_match(c.text))}
    return len(names)


def split_inline_label(row: Row, vocabulary: Vocabulary) -> tuple[LabelMatch, str] | None:
    """`单位名称：某某中心` written in one cell."""
    found = INLINE_LABEL.match(row.filled[0].text)
    if not found:
        return None
    hit = vocabulary.match(found.group(1))
    return (hit, found.group(2).strip()) if hit else None


def match_field(row: Row, fields: Vocabulary) -> tuple[LabelMatch, str] | None:
    """(label match, value) when the row is a header field: the label in the first
    cell and the value in the others, or both in one cell (`单位名称：某某中心`). A long
    legacy label that contains an alias (`单位年度履职目标`) matches it."""
    first = row.filled[0].text
    inline = split_inline_label(row, fields)
    if inline:
        return inline
    hit = fields.match(first, contains=True) if len(label_key(first)) <= 12 else None
    if hit:
        return hit, "\n".join(c.text for c in row.filled[1:])
    return None


def field_label(cell: Cell, fields: Vocabulary) -> LabelMatch | None:
    """A cell that is exactly a field's label (short, no OCR damage allowed: a value that
    happens to look like a label must not start a new field)."""
    hit = fields.short_match(cell.text)
    return hit if hit is not None and hit.exact else None


def split_field_pairs(row: Row, vocab: SchemaVocabularies) -> tuple[list[tuple[LabelMatch, str]], list[Row]]:
    """`项目名称 | 就业补助资金 | 项目联系人 | 向俐`: a row of two or more label/value pairs,
    each label followed by its value cells: ([(label, value)], []); ([], []) for a row
    with one label. A sign-off label among them (`项目负责人 | 张明 | 联系电话 | 021…`)
    ends the value before it; its pair comes back as a trailer row of its own."""
    filled = row.filled
    starts = []
    for i, cell in enumerate(filled):
        hit = field_label(cell, vocab.fields)
        if hit is None and i:
            trailer = vocab.sections.short_match(cell.text)
            hit = trailer if trailer is not None and trailer.exact and trailer.name == "trailer" else None
        if hit:
            starts.append((i, hit))
    names = [hit.name for _, hit in starts if hit.name != "trailer"]
    if len(starts) < 2 or starts[0][0] != 0 or len(set(names)) < len(names):
        return [], []
    bounds = [i for i, _ in starts] + [len(filled)]
    if any(bounds[k + 1] - i < 2 for k, (i, _) in enumerate(starts)):
        return [], []   # a label with no value beside it: labels over values (中期目标 | 年度目标)
    pairs, trailers = [], []
    for k, (i, hit) in enumerate(starts):
        cells = filled[i:bounds[k + 1]]
        if hit.name == "trailer":
            trailers.append(Row(row.index, tuple(cells), row.page, row.source_ref))
        else:
            pairs.append((hit, "\n".join(c.text for c in cells[1:])))
    return pairs, trailers


def labels_over_values(row: Row, below: Row | None, vocab: SchemaVocabularies) -> list[tuple[LabelMatch, str]]:
    """`当年绩效目标 | 全年绩效目标 | 全年目标实际完成情况` over a row of the two goals: each
    label's value is the cell under it (in order when the counts agree, else by column).
    A leading cell that is no field, or one more cell than there are values, is the
    group's label and is left out. [] when the row is not two or more field labels over
    a row of values (a row of labels or a section title is no values)."""
    fields = vocab.fields
    if below is None or not below.filled or vocab.sections.match(below.filled[0].text) is not None:
        return []
    cells = row.filled
    hits = [field_label(c, fields) for c in cells]
    if hits and (hits[0] is None or len(cells) == len(below.filled) + 1):
        cells, hits = cells[1:], hits[1:]   # the group's label (当年绩效目标, 年度总体目标)
    if len(hits) < 2 or any(h is None for h in hits) or any(field_label(c, fields) for c in below.filled):
        return []
    values = below.filled
    if len(values) != len(hits):
        starts = [c.col for c in cells] + [10 ** 6]
        values_by_label = [[v for v in values if starts[k] <= v.col < starts[k + 1]] for k in range(len(cells))]
        if sum(map(len, values_by_label)) != len(values):
            return []
        return [(h, "\n".join(v.text for v in vs)) for h, vs in zip(hits, values_by_label)]
    return [(h, v.text) for h, v in zip(hits, values)]


def is_trailer_note(row: Row, sections: Vocabulary) -> bool:
    """`备注：1.表中…` written in one cell: a trailer label with its text."""
    found = INLINE_LABEL.match(row.filled[0].text)
    hit = sections.match(found.group(1)) if found else None
    return hit is not None and hit.exact and hit.name == "trailer"


def match_late_field(row: Row, vocabulary: Vocabulary, fields: dict[str, FieldSpec]
                     ) -> tuple[LabelMatch, str] | None:
    """A field the family prints below its tables (`自评等级 | 优`), by its exact label."""
    hit = field_label(row.filled[0], vocabulary)
    if hit is None or not fields[hit.name].after_tables:
        return None
    return hit, "\n".join(c.text for c in row.filled[1:])


def is_label_not_value(text: str, vocab: SchemaVocabularies, unit_words) -> bool:
    """A field's value cell that holds a unit note (`金额单位：元`) or another label."""
    key = label_key(text)
    if not key or len(key) > 12:
        return False
    return (unit_power(text, unit_words) is not None and len(key) <= 8) or \
        any(v.match(text) is not None and v.match(text).exact for v in (vocab.fields, vocab.sections))


def opens_budget(row: Row, budget: Vocabulary) -> bool:
    """A budget line (label, then an amount) where tasks were expected."""
    filled = row.filled
    return (len(filled) >= 2 and len(label_key(filled[0].text)) <= 24
            and budget.match(filled[0].text, contains=True) is not None
            and any(parse_amount(c.text) is not None for c in filled[1:]))


def named_section(row: Row, sections: Vocabulary) -> str | None:
    """The section a later cell of the row names exactly (`内容 | 预算情况`), if any."""
    for cell in row.filled[1:]:
        hit = sections.short_match(cell.text)
        if hit is not None and hit.exact and hit.name not in ("trailer", "tasks"):
            return hit.name
    return None


def without_first_cell(row: Row) -> Row:
    first = row.filled[0]
    return Row(row.index, tuple(c for c in row.cells if c is not first), row.page, row.source_ref)


def rows_to_sections(rows: list[Row], schema: FormSchema) -> Sections:
    vocab = vocabularies_of(schema)
    fields = {f.name: f for f in schema.fields}
    out = Sections()
    found = split_page_furniture(rows, schema)
    out.furniture, out.trailer, rows = found.furniture, found.sign_offs, found.rows
    state = "header"
    taken: set[int] = set()   # rows read as the values of the labels above them
    for i, row in enumerate(rows):
        filled = row.filled
        if not filled or i in taken:
            continue
        if out.title_row is None and state == "header":
            hit = match_title(row, schema)
            if hit:
                out.title_row, out.title_match = row, hit
                out.title = YEAR.sub("", filled[0].text).strip(" ()（）年度")
                out.year = find_year(rows[i:i + 3])
                continue
        first = filled[0].text
        section = vocab.sections.short_match(first)
        if section and not section.exact and (len(filled) > 1 or section.name in out.section_matches):
            section = None  # a fuzzy title match must be a row of its own, and new (时效指标 ≈ 绩效指标)
        if (section and section.name == "trailer") or (section is None and is_trailer_note(row, vocab.sections)):
            out.trailer.append(row)  # 填报人 / 联系电话 lines, also page footers mid-table
            continue
        if section:
            state = section.name
            out.section_matches.setdefault(state, (row, section))
            if len(filled) > 1:
                out.parts.setdefault(state, []).append(without_first_cell(row))
            continue
        if state != "header" and state != "budget" and (late := match_late_field(row, vocab.fields, fields)):
            out.fields.append(FieldHit(fields[late[0].name], late[1], row, late[0]))
            continue
        if state in ("header", "budget"):  # some forms put 总体绩效目标 after the budget
            below = next((r for r in rows[i + 1:i + 2] if r.filled), None)
            pairs, trailers = split_field_pairs(row, vocab)
            if not pairs:
                pairs = labels_over_values(row, below, vocab)
                taken.update([i + 1] if pairs else [])
            if pairs:
                out.fields += [FieldHit(fields[hit.name], value, row, hit) for hit, value in pairs]
                out.trailer += trailers
                continue
            found = match_field(row, vocab.fields)
            if found:
                value = found[1]
                if is_label_not_value(value, vocab, schema.unit_words):
                    out.not_values.append(row)   # the value cell holds a note or a label
                    value = ""
                out.fields.append(FieldHit(fields[found[0].name], value, row, found[0]))
                continue
        if state == "header":
            if count_column_matches(row, vocab.task_columns) >= 2:
                state = "tasks"
            elif count_column_matches(row, vocab.indicator_columns) >= 2:
                state = "indicators"
            elif YEAR.search(first) and len(filled) == 1 and len(label_key(first)) <= 8:
                out.year = out.year or find_year([row])  # the `(2026年度)` line under the title
                continue
            elif any(vocab.budget.match(c.text, contains=True) for c in filled
                     if len(label_key(c.text)) <= 12):
                # head counts in a 基本信息 block above the budget section
                out.parts.setdefault("budget", []).append(row)
                continue
            else:
                out.unplaced.append(row)
                continue
        elif not state.startswith("indicators") and count_column_matches(row, vocab.indicator_columns) >= 3:
            state = "indicators"
        elif state == "tasks" and (named := named_section(row, vocab.sections)):
            state = named  # its title row was lost, but its header row names it
        elif state == "tasks" and opens_budget(row, vocab.budget):
            state = "budget"  # the 预算情况 title row was lost
        out.parts.setdefault(state, []).append(row)
    return out
