"""Split a document's rows into the form's parts: title, header fields, and sections.

Page furniture (page numbers, 续表, stamps, sign-off lines) is taken out first
(`split_page_furniture`), wherever it falls.

`rows_to_sections` walks the rows once. A row whose first cell matches a section title
(fuzzily, from the form schema) opens that section; a row whose first cell matches a
header field label is a field; a row that matches a section's column headers opens the
section even when its title row was lost. Everything else belongs to the open section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from formex.normalize.labels import LabelMatch, Vocabulary, label_key
from formex.normalize.amounts import parse_amount
from formex.normalize.budget import unit_power
from formex.normalize.furniture import split_page_furniture
from formex.schemas.document import Row
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
    names = {m.name for c in row.filled if len(label_key(c.text)) <= 12
             for m in [vocabulary.match(c.text)] if m}
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
        hit = sections.match(cell.text) if len(label_key(cell.text)) <= 12 else None
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
    for i, row in enumerate(rows):
        filled = row.filled
        if not filled:
            continue
        if out.title_row is None and state == "header":
            hit = match_title(row, schema)
            if hit:
                out.title_row, out.title_match = row, hit
                out.title = YEAR.sub("", filled[0].text).strip(" ()（）年度")
                out.year = find_year(rows[i:i + 3])
                continue
        first = filled[0].text
        section = vocab.sections.match(first) if len(label_key(first)) <= 12 else None
        if section and not section.exact and (len(filled) > 1 or section.name in out.section_matches):
            section = None  # a fuzzy title match must be a row of its own, and new (时效指标 ≈ 绩效指标)
        if section and section.name == "trailer":
            out.trailer.append(row)  # 填报人 / 联系电话 lines, also page footers mid-table
            continue
        if section:
            state = section.name
            out.section_matches.setdefault(state, (row, section))
            if len(filled) > 1:
                out.parts.setdefault(state, []).append(without_first_cell(row))
            continue
        if state in ("header", "budget"):  # some forms put 总体绩效目标 after the budget
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
        elif state != "indicators" and count_column_matches(row, vocab.indicator_columns) >= 3:
            state = "indicators"
        elif state == "tasks" and (named := named_section(row, vocab.sections)):
            state = named  # its title row was lost, but its header row names it
        elif state == "tasks" and opens_budget(row, vocab.budget):
            state = "budget"  # the 预算情况 title row was lost
        out.parts.setdefault(state, []).append(row)
    return out
