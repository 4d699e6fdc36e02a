"""The 绩效指标 table's rows, each cell classified: level label, indicator name or target.

OCR text loses cell positions (leading cells drop off a row, trailing tabs appear), so
for such documents a cell's role comes from its content: a level label is recognised by
the level vocabulary, a target by the target parser, and what remains is the indicator
name. Where spans are known (spreadsheets, HTML, ruled PDFs) the header's column
positions are trusted instead, and merged labels are filled down: nothing is guessed.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from formex.normalize.indicators.cells import (  # IndicatorRow, LabelHint, level_vocabulary: also callers'
    COLUMN_CUTOFF, GENERIC_CHARS, LABEL_CUTOFF, LABEL_ENDINGS, LABEL_SUFFIX, OTHER, IndicatorRow, LabelHint, LevelVocabulary, classify_label, join_lines,
    is_prefix_reading, level_vocabulary, looks_like_label, looks_like_target, looks_like_value, read_by_prefix,
    categories_kept_in_place, read_category_of_named_group, read_group_left_of_category, read_within_stated_group, settle_dual_labels, worded_categories)
from formex.normalize.indicators.columns import (  # find_header, complete_roles: also callers'
    cell_columns, complete_note_role, complete_points_roles, complete_roles, find_header, header_roles, level2_between,
    name_between,
    split_value_columns)
from formex.normalize.indicators.damaged_tails import header_damage, printed_damage
from formex.normalize.indicators.fragments import label_keys, label_prefixes, put_in_cell_reading, rejoin_label_fragments
from formex.normalize.indicators.fused import ASPECT, bare_word, compound_label, fused_issue, split_fused_label
from formex.normalize.indicators.group_tails import read_group_tail_rows
from formex.normalize.indicators.groups import against_kept_word, read_by_stated_group
from formex.normalize.indicators.fused_order import (
    SHORT_WORD, cut_repeated_level_cells, cut_run_heads, read_continued_pieces, read_dual_group_heads, read_fused_by_order, read_spaced_heads_over_pieces,
    read_label_tails, read_restated_heads, read_wrapped_heads)
from formex.normalize.indicators.wraps import (
    ROW_CELLS, DocumentWrapping, is_wrap, targets_on_first_lines, whole_halves, join_wrapped, label_read_as_fragment, labels_on_every_row, name_lengths,
    numbering_of, points_on_every_row, wrap_across_label, wrap_width, wrapped_line_lengths)
from formex.normalize.labels import LabelMatch, label_key
from formex.normalize.targets import parse_target
from formex.schemas.document import Cell, Issue, Row
from formex.schemas.forms import FormSchema, Level2Spec

LABEL_MIN_KEY = 4      # a level-2 label's shortest length: a shorter damaged cell alone on its line is a piece
                       # unless the lines around it are no pieces (`between_whole_lines`)
NOTE_MIN_CHARS = 8     # a note opener starts a sentence, not a short name

def cells_by_content(row: Row, vocab: LevelVocabulary, roles: dict[int, str], prefixes: bool = False) -> IndicatorRow:
    """Classify a row of unknown positions by what its cells say."""
    out = IndicatorRow(row)
    values, cells = split_value_columns(row, roles)
    columns = cell_columns(row, roles)
    levels = {key: 1 if role == "level1" else 2 for key, role in columns.items()
              if role in ("level1", "level2")}
    texts: list[Cell] = []
    for cell in cells:
        fused = split_fused_label(cell, vocab)
        if fused is not None and ending_alone(fused, cell, [*cells, *values.values()]):
            # the cell a label of its own, its 指标 damaged past reading (社会效益类拍际), the
            # row's name in a cell right of it: the whole cell is the label
            fused = replace(fused, label=replace(fused.label, cell=replace(fused.label.cell, text=cell.text.strip())),
                            rest=replace(fused.rest, text=""))
            out.level1.extend([fused.level1] if fused.level1 else [])
            out.level2.append(fused.label)
            out.fused.append(fused)
            continue
        if fused is not None:
            # a level label and the name beside it read as one cell: the label is the row's
            out.level1.extend([fused.level1] if fused.level1 else [])
            out.level2.append(fused.label)
            out.fused.append(fused)
            role = columns.get(id(cell))
            cell = fused.rest
            if role not in ("level1", "level2"):
                columns[id(cell)] = role
            texts.append(cell)
            continue
        if columns.get(id(cell)) == "level3" and not looks_like_label(cell.text):
            texts.append(cell)   # under the name column: a name, even one worded like a category
            continue             # (服务对象满意度 is both)
        hint = classify_label(cell, vocab)
        if hint is None and id(cell) in levels and (not looks_like_target(cell.text)
                                                    or label_side_of_name(cell, row, columns)):
            # a cell under a level column of the header: a label, however damaged (a word
            # a target may be, 可持续, left of the row's name, the target cell empty: a piece)
            hint = classify_label(cell, vocab, levels[id(cell)], cutoff=COLUMN_CUTOFF)
            if hint is None and prefixes:
                # the first characters of one category's label only (服务对象, 可持续)
                hint = read_by_prefix(cell, vocab, levels[id(cell)], cells, stated_group(out))
            if hint is None and levels[id(cell)] == 2:
                hint = compound_label(cell, vocab)   # 产出成本: the group's word and the category's
            if hint is None:
                out.unrecognised.append(cell)
                if levels[id(cell)] == 2:
                    out.damaged.append(cell)   # perhaps a label too damaged to tell: see read_damaged_labels
                continue
        if hint is None and id(cell) not in levels:
            hint = compound_label(cell, vocab)   # no column known: the words alone say it
        if hint is None and looks_like_label(cell.text) and not looks_like_target(cell.text):
            out.unrecognised.append(cell)   # (达成年度指标 ends in 指标 but is a target)
        elif hint is None:
            texts.append(cell)
        elif hint.level == 1:
            out.level1.append(hint)
            if levels.get(id(cell)) != 1 and worded_unread(cell, hint):
                # as well a category of the group printed with its word, too damaged to tell
                # which (杜含效益指标): the labels around it may read it (`unmark_worded_ties`)
                out.unrecognised.append(cell)
                out.damaged.append(cell)
        else:
            out.level2.append(hint)
    settle_dual_labels(out)
    read_category_of_named_group(out, vocab, any(c.text.strip() for c in (*texts, *values.values())))
    read_group_left_of_category(out, vocab)
    read_within_stated_group(out, vocab)
    out.unplaced = [cell for role, cell in values.items() if role.startswith(OTHER)]
    out.note = values["note"].text if "note" in values else None
    if values:
        out.target = values.get("target")
        out.operator = values["operator"].text if "operator" in values else None
        out.unit = values["unit"].text if "unit" in values else None
        take_evaluation_cells(out, values)
        out.name = "".join(join_lines(c.text) for c in texts) or None
    elif len(texts) >= 2:
        out.name = "".join(join_lines(c.text) for c in texts[:-1])
        out.target = texts[-1]
    elif len(texts) == 1:
        if columns.get(id(texts[0])) == "level3":
            out.name = join_lines(texts[0].text)   # under the name column: a name (及时… too)
        elif (out.level1 or out.level2) and looks_like_target(texts[0].text) or \
                (not out.level1 and not out.level2 and looks_like_target(texts[0].text)
                 and texts[0].col > 0):
            out.target = texts[0]
        else:
            out.name = join_lines(texts[0].text)
    if out.target is None and out.name and is_note(out.name, vocab.note_openers):
        out.note, out.name = "\n".join(filter(None, [out.name, out.note])), None
        out.note_from_name = True
    if out.name is None and out.level2:
        # the label nearest the data is the row's own; any other is a displaced hint
        out.own_level2 = out.level2[-1]
    return out


def worded_unread(cell: Cell, hint: LabelHint) -> bool:
    """The cell, read as a level-1 group only by holding its label, is as near several of
    the group's categories written with the group's word (`worded_categories`)."""
    return hint.match.score < LABEL_CUTOFF and len(worded_categories(cell.text, hint.spec)) > 1


def unmark_worded_ties(items: list[IndicatorRow], issues: list[Issue]) -> list[Issue]:
    """The `worded_unread` cells that no reading of the labels around them read and whose
    text the row before or after prints too are again the group's label only, without
    their `label_unrecognised` warnings. A damaged label makes its row a block of its own
    (`hierarchy.damaged_label_rows`: a block prints one label); a table restating its
    labels on every row (`产出救量指标` down the column) prints one label many times."""
    kept = set()
    texts = [{label_key(c.text) for c in item.damaged} for item in items]
    for i, item in enumerate(items):
        for cell in [c for c in item.damaged if any(h.cell is c for h in item.level1)]:
            key = label_key(cell.text)
            if not any(key in texts[j] for j in (i - 1, i + 1) if 0 <= j < len(items)):
                continue   # printed once: a merged cell's label, its row's block its own
            item.damaged.remove(cell)
            item.unrecognised.remove(cell)
            kept.add((cell.text, cell.source_ref or item.row.source_ref))
    return without_unrecognised(issues, kept) if kept else issues


WRAP_PIECE_MAX = 5   # a wrapped label's piece: a narrow column's line


def wraps_labels(body: list[Row], vocab: LevelVocabulary) -> bool:
    """The table prints a label wrapped over lines in a narrow level column: a cell of it
    is a later piece of a label (`标`, `度指`, `对象`: inside a label's key, not at its
    start, and no label itself). There a short cell is a wrapped label's first line, read
    with the lines below it, not by its prefix alone (`read_by_prefix`)."""
    return any(is_later_piece(label_key(cell.text), vocab) for row in body for cell in row.filled)


@lru_cache(maxsize=16384)
def is_later_piece(key: str, vocab: LevelVocabulary) -> bool:
    """`wraps_labels` for one cell's key (kept: every cell of every table is asked, and
    the answer needs a pass over all label keys)."""
    keys = label_keys(vocab)
    return 0 < len(key) <= WRAP_PIECE_MAX and key not in keys \
        and any(key in k[1:] and not k.startswith(key) for k in keys)


def stated_group(out: IndicatorRow) -> str | None:
    """The one level-1 group the row's own cells state so far, or None."""
    groups = {h.spec.label for h in out.level1}
    return next(iter(groups)) if len(groups) == 1 else None


ENDING_MAX = 2      # a label's 指标, however damaged


def ending_alone(fused, cell: Cell, cells: list[Cell]) -> bool:
    """The name a fused label was split from is no more than a label's ending
    (`ENDING_MAX` characters: `拍际` of `社会效益类拍际`, no space before them as read), the
    label read without its 指标, and a cell right of it holds text no target reads as (the
    row's name), or the cells right of it hold nothing but a placeholder (`生态效益类损际 | 无`:
    a category listed without indicators, no name): the cell is a label of its own."""
    right = [c.text.strip() for c in cells if c is not cell and c.col > cell.col and c.text.strip()]
    return not label_key(fused.label.cell.text).endswith(LABEL_SUFFIX) \
        and 0 < len(label_key(fused.rest.text)) <= ENDING_MAX and len(fused.rest.text.strip()) <= ENDING_MAX \
        and len((cell.raw or cell.text).split()) == 1 \
        and (any(not looks_like_target(text) for text in right)
             or bool(right) and all(parse_target(text).kind == "none" for text in right))


def without_restated_header(body: list[Row], header: Row | None) -> list[Row]:
    """The body rows but those restating the header word for word (a table continued on
    a new page): a column's cells are read for its role, and a damaged header cell
    restated on every page would count as that many cells of text (one 一级拍际 a page
    outvotes the level-1 labels under it)."""
    if header is None:
        return body
    texts = [c.text for c in header.filled]
    return [row for row in body if [c.text for c in row.filled] != texts]


def label_side_of_name(cell: Cell, row: Row, columns: dict[int, str]) -> bool:
    """A cell under a level column, the row's name under its own column right of it and
    the target cell empty: on the label side of the name, whatever its words (可持续
    reads as a qualitative target, and read by content it would take the name for the
    target). A number or date never sits there; where the row has its target, the cell
    is read as before (a piece joined into the name is split off by fused_order)."""
    if looks_like_value(cell.text):
        return False
    filled = [columns.get(id(other)) for other in row.cells if other.col > cell.col and other.text]
    return "level3" in filled and "target" not in filled


EVALUATION_ROLES = ("target_mid", "actual", "weight", "score", "deviation")


def take_evaluation_cells(out: IndicatorRow, values: dict[str, Cell]) -> None:
    """The 中期 target and the self-evaluation cells: kept as cells where the target
    parser reads them, as text where a number or remark is all they hold."""
    out.target_mid = values.get("target_mid", out.target_mid)
    out.actual = values.get("actual", out.actual)
    for role in ("weight", "score", "deviation"):
        if role in values:
            setattr(out, role, values[role].text)


def block_note_line(item: IndicatorRow, openers: tuple[str, ...]) -> bool:
    """A line holding a note read from the name column (`is_note`; a 备注 cell continued
    from the row above is not one) and no name, target or level-2 label: the note of a merged cell across a block, printed on a line of its own
    (a level-1 label beside it is a merged label too), not an indicator of its own."""
    return (item.note is not None and item.note_from_name and is_note(item.note, openers) and item.name is None
            and item.target is None and not item.level2 and not item.positional
            and not any(getattr(item, cell) is not None for cell in ROW_CELLS))


def notes_at_end(out: list[IndicatorRow], notes: list[str]) -> list[Issue]:
    """Block notes no row followed: the last row's, or, in a table without rows, said
    with their text (`row_unplaced`) rather than lost."""
    if out:
        out[-1].note = "\n".join([*filter(None, [out[-1].note]), *notes])
        return []
    return [Issue("error", "row_unplaced", f"note {note!r} printed across a block of a table "
                  "with no indicator to hold it", field="note") for note in notes]


def is_note(text: str, openers: tuple[str, ...]) -> bool:
    """Text in the name column that opens like a note, not an indicator's name (`根据…的
    规定要求设置三级指标和指标值`)."""
    return len(text) >= NOTE_MIN_CHARS and text.startswith(openers)

def cells_by_position(row: Row, roles: dict[int, str], vocab: LevelVocabulary,
                      copied: set[int], prefixes: bool = False) -> IndicatorRow:
    """Classify a row whose cell positions are known, using the header's roles."""
    out = IndicatorRow(row, positional=True)
    for cell in row.filled:
        role = roles.get(cell.col)
        if role in ("level1", "level2"):
            hint = classify_label(cell, vocab, level=1 if role == "level1" else 2)
            if hint is None and cell.col not in copied and prefixes:
                hint = read_by_prefix(cell, vocab, 1 if role == "level1" else 2, list(row.filled), stated_group(out))
            if hint is None:
                if cell.col not in copied:
                    out.unrecognised.append(cell)
                continue
            hint = LabelHint(hint.level, hint.spec, cell, hint.match, copied=cell.col in copied)
            (out.level1 if hint.level == 1 else out.level2).append(hint)
        elif role == "level3":
            out.name = join_lines(cell.text)
        elif role == "target":
            out.target = cell
        elif role == "unit":
            out.unit = cell.text
        elif role == "operator":
            out.operator = cell.text
        elif role == "note":
            out.note = cell.text
        elif role in EVALUATION_ROLES:
            take_evaluation_cells(out, {role: cell})
        elif cell.col not in copied:
            out.unplaced.append(cell)
    if out.target is None and out.name and is_note(out.name, vocab.note_openers):
        out.note, out.name = "\n".join(filter(None, [out.name, out.note])), None
        out.note_from_name = True
    if out.level2:
        out.own_level2 = out.level2[-1]
    return out

def fill_down(rows: list[Row]) -> list[tuple[Row, set[int]]]:
    """Copy each merged cell into the rows its span covers; report which columns of
    each row were copies (so the first row keeps `explicit`, the rest `filled`)."""
    carried: dict[int, tuple[Cell, int]] = {}  # col -> (cell, rows left)
    out = []
    for row in rows:
        own = {c.col: c for c in row.cells if c.text}
        copies = set()
        cells = list(row.cells)
        for col, (cell, left) in list(carried.items()):
            if col not in own and left > 0:
                cells = [c for c in cells if c.col != col] + [cell]
                copies.add(col)
                carried[col] = (cell, left - 1)
        for cell in own.values():
            if cell.rowspan > 1:
                carried[cell.col] = (cell, cell.rowspan - 1)
        cells.sort(key=lambda c: c.col)
        out.append((Row(row.index, tuple(cells), row.page, row.source_ref), copies))
    return out

def carry_labels(row: Row, copied: set[int], roles: dict[int, str],
                 last: dict[int, Cell]) -> tuple[Row, set[int]]:
    """Level labels of a grid whose merged cells were written out: a blank level cell
    takes the label above it (a pipe table leaves the rows under a merged cell blank) and
    a label equal to the one above is that label repeated (an engine that writes a merged
    cell's text on every row); both count as copies. A new level-1 label ends the level-2
    label above it. `last` (column -> label cell) is updated."""
    level_cols = sorted(col for col, role in roles.items() if role in ("level1", "level2"))
    own = {c.col: c for c in row.cells if c.text and c.col not in copied}
    one = next((col for col in level_cols if roles[col] == "level1"), None)
    if one in own and (one not in last or own[one].text != last[one].text):
        for col in level_cols:
            if roles[col] == "level2":
                last.pop(col, None)
    cells = {c.col: c for c in row.cells if c.text}
    copies = set(copied)
    for col in level_cols:
        if col not in cells and col in last:
            cells[col] = last[col]
            copies.add(col)
        elif col in own and col in last and own[col].text == last[col].text:
            copies.add(col)
        if col in cells:
            last[col] = cells[col]
    return Row(row.index, tuple(sorted(cells.values(), key=lambda c: c.col)), row.page,
               row.source_ref), copies

CONTENT_SURE_SHARE = {"target": 0.8, "actual": 0.8, "weight": 1.0, "score": 1.0}   # of the column's cells


def content_role_issues(chosen: dict[str, tuple[int, float]], header: Row | None) -> list[Issue]:
    """Say so when the target, 分值 or 得分 column was chosen by its cells rather than its
    header: an info issue, a warning when fewer of its cells read so than
    `CONTENT_SURE_SHARE` (the column may be another one, and its values wrong)."""
    issues = []
    for role, (col, share) in chosen.items():
        if role not in CONTENT_SURE_SHARE:
            continue
        printed = next((c.text for c in header.cells if c.col == col), "") if header else ""
        message = (f"the {role} column was chosen by its cells, not its header {printed!r}: "
                   f"{share:.0%} of them read as {'targets' if role in ('target', 'actual') else 'numbers'}")
        source_ref = header.source_ref if header else None
        if share >= CONTENT_SURE_SHARE[role]:
            issues.append(Issue("info", "column_by_content", message, field=role, source_ref=source_ref))
        else:
            issues.append(Issue("warning", "column_by_content_doubtful",
                                message + "; its values may belong to another column",
                                field=role, source_ref=source_ref))
    return issues


def place_role_issues(by_place: dict[str, int], header: Row | None) -> list[Issue]:
    """An info row for each level column read by its place left of the name column
    (`columns.levels_by_place`), neither its header nor its cells saying so."""
    if header is None:
        return []
    issues = []
    for role, col in by_place.items():
        printed = next((c.text for c in header.cells if c.col == col), "")
        issues.append(Issue("info", "header_fuzzy_match",
                            f"column header {printed!r} read as the {role} column by its place left of "
                            "the name column (the levels print side by side)",
                            field=role, source_ref=header.source_ref))
    return issues


def reread_header_issues(header: Row, roles: dict[int, str], vocab: LevelVocabulary) -> list[Issue]:
    """An info row for each header cell read at the level columns' looseness
    (`reread_damaged_headers`: 实际完戍直 → actual), not by an alias."""
    strict = header_roles(header, vocab, others=True)

    def similarity(text: str) -> float:
        # a header found at the loose cutoff (`find_header`) may hold a cell as near two
        # roles, which `match_unique` declines: its best score all the same
        hit = vocab.columns.match_unique(text, COLUMN_CUTOFF) or vocab.columns.match(text, cutoff=COLUMN_CUTOFF)
        return hit.score if hit is not None else 0.0
    def reading(cell) -> str:
        # the place is said beside the score, not instead of it: a cell between the two
        # columns may also have matched an alias loosely
        role = roles[cell.col]
        place = ""
        if role == "level2" and level2_between({**roles, cell.col: OTHER}).get(cell.col) == role:
            place = "; it is the one between the level-1 and name columns"
        elif role == "level3" and name_between({**roles, cell.col: OTHER}).get(cell.col) == role:
            place = "; it is the one between the level-2 and target columns"
        return f"column header {cell.text!r} read as the {role} column (similarity {similarity(cell.text):.0f}{place})"
    return [Issue("info", "header_fuzzy_match", reading(cell), field=roles[cell.col], source_ref=header.source_ref)
            for cell in header.filled
            if strict.get(cell.col) == OTHER and roles.get(cell.col) not in (None, OTHER)]


def rows_to_indicator_rows(rows: list[Row], schema: FormSchema, spans_known: bool,
                           document_wrapping: DocumentWrapping | None = None, by_order: bool = True
                           ) -> tuple[list[IndicatorRow], list[Issue]]:
    """The table's indicator rows in order, with repeated headers skipped, wrapped
    names joined and lone level-1 labels carried to the next row as hints.
    `document_wrapping` carries the name column's wrap width from one of the document's
    tables to the next (a short 中期 table shows none of its own). `by_order`: a
    category's damaged bare word (`散量`) is read by the order alone (`IndicatorRow.by_order`),
    as are the readings evidence for their own block only (`mark_own_block_readings`);
    without it, the table as read with no such reading, which decides the placement's model
    and the other blocks (`rows_to_indicators`)."""
    vocab = level_vocabulary(schema)
    header, roles = find_header(rows, vocab)
    issues: list[Issue] = []
    if header < 0:
        issues.append(Issue("warning", "header_missing",
                            "no 绩效指标 header row found; cells were placed by content",
                            field="indicators", source_ref=rows[0].source_ref if rows else None))
    if header >= 0:
        issues += reread_header_issues(rows[header], roles, vocab)
    body = rows[header + 1:]
    header_texts = [c.text for c in rows[header].filled] if header >= 0 else None
    if not spans_known:
        body, joined = rejoin_across_headers(body, header_texts, vocab, roles, by_order)
        issues += joined
    put_in = {row.source_ref for row in body if row.own_block_only}   # (`Row.own_block_only`)
    chosen: dict[str, tuple[int, float]] = {}
    content = without_restated_header(body, rows[header] if header >= 0 else None)
    by_place: dict[str, int] = {}
    roles = complete_points_roles(complete_roles(roles, content, vocab, chosen, by_place), content, vocab, chosen)
    issues += place_role_issues(by_place, rows[header] if header >= 0 else None)
    roles = complete_note_role(roles, content, vocab, chosen)
    issues += content_role_issues(chosen, rows[header] if header >= 0 else None)
    if roles and "target" not in roles.values():
        issues.append(Issue("error", "target_column_missing",
                            "the 绩效指标 header names no target column and no column's cells read "
                            f"as targets: {' | '.join(rows[header].texts)!r}", field="target",
                            source_ref=rows[header].source_ref))
    prepared = fill_down(body) if spans_known else [(r, set()) for r in body]
    classified: list[IndicatorRow] = []
    last_labels: dict[int, Cell] = {}
    prefixes = not wraps_labels(body, vocab)
    after_row = False   # the last line was a row classified (no other line since)
    for row, copied in prepared:
        if not row.filled:
            if after_row and classified and mark_overflow(classified[-1], row):
                continue        # more pieces of the same label below: still right after its row
            after_row = False
            continue  # blank
        after_row = False
        if all(c.col in copied for c in row.filled):
            continue  # only the lower part of merged cells
        if restates_header(row, header_texts, vocab):
            issues.append(Issue("info", "header_repeated", "repeated header row skipped",
                                field="indicators", source_ref=row.source_ref))
            last_labels = {}   # a table continued on a new page restates its labels
            continue
        after_row = True
        if spans_known and roles:
            row, copied = carry_labels(row, copied, roles, last_labels)
        classified.append(cells_by_position(row, roles, vocab, copied, prefixes) if spans_known and roles
                          else cells_by_content(row, vocab, roles, prefixes))
    classified = numbering_of(classified)
    wrapping = wrap_width(classified, frozenset(key[:2] for key in label_keys(vocab)))
    points = points_on_every_row(classified)
    restated = labels_on_every_row(classified)
    lengths = name_lengths(classified)
    edges = wrapped_line_lengths(classified, vocab.name_heads)   # where no width shows: the lines a fragment follows
    first_targets = targets_on_first_lines(classified, vocab.name_heads)
    words = None
    if document_wrapping is not None:
        wrapping = document_wrapping.of_table(wrapping)
        words = document_wrapping.words
    out: list[IndicatorRow] = []
    lone_damaged: list[tuple[int, IndicatorRow, int]] = []   # (rows before it, a damaged level-2 cell
                                                               # alone, the last line before it)
    pending_level1: list[LabelHint] = []
    pending_numbered = False   # a line of level-1 labels set aside printed a row number (序号)
    pending_notes: list[str] = []
    wrapped_rows: list[IndicatorRow] = []   # numbered label lines whose label's rest was joined
    line = -1
    apart = prints_labels_apart(classified)
    # the characters the table's labels print for 指 and 标 (时效拍杯): a label ending so is whole
    # (evidence for its own block only: off without `by_order`, its rows marked so below)
    printed_end = printed_damage(classified, vocab) if by_order else frozenset()
    kept_by_ending: list[IndicatorRow] = []   # damaged label lines kept as rows by that ending alone
    for k, item in enumerate(classified):
        row = item.row
        if item.name is None and item.target is None and not item.level2 and item.note is None \
                and out and not pending_level1 and rests_labels_above(item, out[-1]) \
                and level2_cell_goes_on(item, out[-1]):
            # the rest of the row above's wrapped level-1 label beside the rest of its level-2
            # cell: both cells ran out of rows there (lines of their own print past a cell's
            # last row), not the next row's label on a line of its own
            line += 1
            item.level1 = [replace(h, line=line) for h in item.level1]
            fold_label_rests(out[-1], item, line)
            issues.extend(cell_issues(item))
            continue
        if block_note_line(item, vocab.note_openers):
            # a note merged across its block (`根据…设置三级指标和指标值`) printed on a line of its
            # own, perhaps beside its group's label: no row; the note is the block's first row's
            pending_notes.append(item.note)
            item.note = None
        if item.name is None and item.target is None and not item.level2 and item.note is None \
                and lone_damaged and rest_of_numbered_label(item, lone_damaged[-1][1], classified, k):
            issues = join_numbered_label_rest(lone_damaged[-1][1], item, issues)
            wrapped_rows.append(lone_damaged[-1][1])
            continue
        if item.name is None and item.target is None and not item.level2 and item.note is None \
                and out and not pending_level1 and continues_group_label_above(item, out[-1]):
            # the later pieces of the row above's wrapped level-1 label, run past its own
            # lines: that row's label, already read whole on its first piece's line, not a
            # label of the row below. Their lines of their own are left out of the label's
            # (weighed apart, where some piece is unread, they would misplace its one row)
            issues.extend(cell_issues(item))
            continue
        if item.name is None and item.target is None and not item.level2 and item.note is None:
            # a merged level-1 label on a line of its own, between two rows
            pending_level1.extend(replace(h, line=line + 0.5) for h in item.level1)
            pending_numbered = pending_numbered or row.numbered is True
            issues.extend(cell_issues(item))   # a level cell no vocabulary reads: said, not lost
            # (in any table: a category listed without indicators prints so whether the table
            # prints its labels on rows or on lines of their own; pieces are told apart below.
            # But a table numbering its rows numbers such a category too: a line without its
            # number there is no row, only a block's label on a line of its own where the
            # table prints its labels so)
            # (a line no longer than 指标 keeping no category's character may be the damaged 指标
            # of a label above ending in 类, whatever its other labels end in: `社会效益类` over `拾怀`)
            whole_end = frozenset() if out and may_end_below(out[-1], item.damaged, vocab) else printed_end
            # (a label line ending in 指标 as the table prints it, `效益指怀`, is whole: no piece)
            apart_from_row = row.numbered is not False or apart
            lone = between_whole_lines(classified, k, whole_end) and apart_from_row
            item.set_aside_level1 = tuple(h for h in item.level1 if not h.copied)
            short = [c for c in item.damaged if numbered_label_cell(c.text) and not opens_inside_label(c.text, vocab)
                     and not joins_a_neighbour(c, classified, k, vocab)]
            long_cell = any(len(label_key(c.text)) >= LABEL_MIN_KEY or (row.numbered and numbered_label_cell(c.text))
                            for c in item.damaged)
            if (long_cell or (lone or item.set_aside_level1) and short) and not item.fused \
                    and (row.numbered or not may_continue_label_above(out, item, vocab, whole_end)):
                # (a line printing its own row number is a row, never the rest of a label above;
                # nor is one printing its own level-1 cell beside it: `only_category_of_line_group`,
                # where its damaged cell holds what no rest of that label holds: `continues_cut_label`)
                lone_damaged.append((len(out), item, line))   # perhaps a level-2 label: see below
                if whole_end and not row.numbered and may_continue_label_above(out, item, vocab) \
                        or not long_cell and not item.set_aside_level1 and not between_whole_lines(classified, k):
                    kept_by_ending.append(item)   # the rest of a cut label, or a piece, but for that ending
            continue
        line += 1
        item.lines, item.pages = (line, line), (row.page, row.page)
        item.level1 = [replace(h, line=line) for h in item.level1]
        item.level2 = [replace(h, line=line) for h in item.level2]
        if item.own_level2 is not None:
            item.own_level2 = item.level2[-1]
        previous = out[-1] if out else None
        fragment = previous and label_read_as_fragment(item, previous, wrapping, vocab.name_heads, points, lengths,
                                                     words, vocab.name_openers, restated,
                                                     next_named(classified, k), edges)
        item = fragment or item
        if previous and is_wrap(item, previous, wrapping, vocab.name_heads, points, lengths, words,
                                vocab.name_openers, restated, edges, first_targets):
            halves = whole_halves(previous, item, vocab.name_heads, words)
            join_wrapped(previous, item, line)
            previous.halves = halves
            # OCR pads rows with empty cells, so a wrapped fragment and a short name with a
            # blank target look alike: join, and say so loudly enough to be reviewed
            issues.append(Issue("warning", "cell_joined",
                                f"{item.name!r} read as the end of the indicator name above; joined",
                                field="level3", source_ref=row.source_ref))
            issues.extend(cell_issues(item))   # the line's own cells, joined or split back later
            continue
        across = label_lines_above(out)
        if across and wrap_across_label(item, previous, out[-1 - across], wrapping, vocab.name_heads, points,
                                        lengths, words, vocab.name_openers, restated, edges):
            named = out[-1 - across]
            between, out[-1 - across:] = out[-across:], [named]
            for label_line in between:   # the label lines' labels sit inside the wrapped row: its own
                named.level1 += label_line.level1
                named.level2 += label_line.level2
                named.unrecognised += label_line.unrecognised
                if label_line.damaged and not named.damaged:
                    named.damaged_offset = label_line.lines[0] - named.lines[0]
                named.damaged += label_line.damaged
            join_wrapped(named, item, line)
            issues.append(Issue("warning", "cell_joined",
                                f"{item.name!r} read as the end of the indicator name above the level "
                                f"label line {' / '.join(' | '.join(c.text for c in label_line.row.filled) for label_line in between)!r}; joined",
                                field="level3", source_ref=row.source_ref))
            continue
        if previous and is_wrapped_target(item, previous):
            previous.target = item.target   # the target wrapped onto the next line
            # a guess (the line may be a category listed without indicators): said
            issues.append(Issue("warning", "cell_joined",
                                f"target {item.target.text!r} alone on its line read as the target of "
                                f"{previous.name!r} above, whose target cell is empty; joined",
                                field="target", source_ref=row.source_ref))
            previous.lines = (previous.lines[0], line)
            previous.pages = (previous.pages[0], row.page)
            continue
        if previous and not pending_level1 and (rests_labels_above(item, previous, vocab)
                                                or stacks_under_group_word(item, previous, roles)):
            if previous.name is None and not ends_group_label_above(item, previous):   # by its level-1 piece: said
                issues.append(Issue("info", "label_line_absorbed",
                                    f"level label line {' | '.join(c.text for c in row.filled)!r} read as the rest "
                                    "of the labels of the category listed without indicators above it, its "
                                    "level-1 label's end beside, not a second line of that category",
                                    field="level2", source_ref=row.source_ref))
            fold_label_rests(previous, item, line)   # the row's own wrapped labels: no line of its own
            issues.extend(cell_issues(item))
            continue
        completed = previous and not pending_level1 and damaged_label_completed(item, previous, vocab)
        if completed:   # the damaged cell is read now: its unread warning goes, the joined one says it
            cell = previous.damaged[-1]
            issues = without_unrecognised(issues, [(cell.text, cell.source_ref or previous.row.source_ref)]) + [
                fold_damaged_label_rest(previous, item, vocab.level2_specs[completed.name], completed, line)]
            continue
        if pending_level1 and pending_numbered and item.is_label_only and item.row.numbered is False:
            # (`10 | 产出` over `成本` / `指标`: one label wrapped down from the numbered line, a
            # row of its own, whose number is on that line)
            item.row = replace(item.row, numbered=True)
        item.level1 = [replace(h, carried=True) for h in pending_level1] + item.level1
        pending_level1, pending_numbered = [], False
        if pending_notes:
            item.note, pending_notes = "\n".join([*pending_notes, *filter(None, [item.note])]), []
        issues.extend(cell_issues(item))
        out.append(item)
    if pending_notes:
        issues.extend(notes_at_end(out, pending_notes))
    issues = read_damaged_groups(out, vocab, issues)
    out = insert_label_lines(out, lone_damaged)
    ending = frozenset(char for _, char in printed_damage(out, vocab) | header_damage(rows, out, schema))
    issues = read_damaged_labels(out, vocab, schema, issues, wrapped_rows, ending, by_order)
    issues = read_by_stated_group(out, vocab, schema, issues)
    issues += read_put_in_cells(out, vocab, by_order)   # (after: a weak reading, where the group read none)
    out = drop_unread_label_lines(out, wrapped_rows)
    issues += settle_tied_labels(out, vocab, schema)
    issues = read_label_runs(out, vocab, schema, issues)
    issues += reread_out_of_order(out, vocab, schema)
    issues = unmark_worded_ties(out, issues)
    out, lifted = lift_group_label_lines(out, schema)
    issues += lifted
    issues += settle_tied_by_wording(out, vocab, schema, issues)
    issues += unsettled_tied_labels(out, vocab, issues)
    continued, read = read_continued_pieces(out, vocab, schema)
    issues = without_unrecognised(issues, read) + continued
    issues += read_label_tails(out, vocab, printed_damage(out, vocab) | header_damage(rows, out, schema), rows)
    issues += read_restated_heads(out, vocab)
    issues += read_wrapped_heads(out, vocab)
    issues += read_spaced_heads_over_pieces(out, vocab)
    issues += read_fused_by_order(out, vocab, schema, rows, printed_damage(out, vocab) | header_damage(rows, out, schema),
                                  by_order)
    issues += read_dual_group_heads(out, vocab)
    issues += cut_run_heads(out, vocab)
    issues += cut_repeated_level_cells(out, vocab)     # last: a label read by the order comes first
    issues = read_like_printed_labels(out, issues)
    issues = read_own_block_labels(out, vocab, schema, issues)
    issues = read_missing_categories(out, vocab, schema, issues, by_order)   # last two: what nothing else read
    issues = read_group_worded_categories(out, vocab, schema, issues)   # (a cell read as its group)
    issues += read_group_tail_rows(out, vocab, schema, by_order)   # (管理指标: 投入管理指标's wrapped tail)
    move_inapplicable_labels(out, schema)
    mark_cut_short(out, vocab)
    mark_own_block_readings(out, kept_by_ending, put_in)
    return out, issues


def read_put_in_cells(items: list[IndicatorRow], vocab: LevelVocabulary, weak: bool = True) -> list[Issue]:
    """Each level-2 label read fuzzily that reads nearer another category with a word of
    that category's keywords put in it (`fragments.put_in_cell_reading`: `土杰环境效益指标`,
    生态效益指标 with 环境 put in and 生态 damaged, read at the level column's cutoff as
    生态环境成本指标 by 环境 and 指标 alone) read as that category, evidence for its own
    block only (`IndicatorRow.by_order`); not out of the row's own group where a level-1
    label read exactly states one (`孝盆指标`, read as 成本指标, states none). An info issue
    says so. None without `weak` (the table read without such readings)."""
    if not weak:
        return []
    found = []
    for item in items:
        own = {h.spec.label for h in item.level1 if h.match.exact}
        for hint in list(item.level2):
            if hint.copied or hint.match.exact or hint.moved:
                continue
            reading = put_in_cell_reading(label_key(hint.cell.text), vocab, hint.match.score)
            if reading is None or reading[1] == hint.spec.label \
                    or own and vocab.level2_specs[reading[1]].level1 not in own:
                continue
            word, name, score = reading
            item.replace_level2(hint, LabelHint(2, vocab.level2_specs[name], hint.cell, LabelMatch(name, name, score),
                                                hint.copied, line=hint.line))
            item.by_order = item.by_order or name
            found.append(Issue("info", "label_read_with_word_put_in",
                               f"{hint.cell.text!r}: level label read as {hint.spec.label!r} (similarity "
                               f"{hint.match.score:.0f}) prints {word!r}, a word of {name!r}'s, put in it; "
                               f"without it nearer {name!r} ({score:.0f}): read as {name!r}",
                               field="level2", source_ref=hint.cell.source_ref or item.row.source_ref))
    return found


def mark_own_block_readings(items: list[IndicatorRow], kept: list[IndicatorRow], put_in: set[str]) -> None:
    """Rows whose category only a reading that is evidence for its own block gave, marked
    `by_order` as a bare word read by the order is (`rows_to_indicators` keeps them where
    only their own blocks move): a damaged label line kept as a row because the label above
    ends in 指标 as the table prints it (`kept`), and a wrapped label read with a word put
    in (`put_in`: the lines it was read on, marked `Row.own_block_only`), its label on the
    row's own line or on a line folded into it."""
    kept_ids = {id(item) for item in kept}
    for item in items:
        labels = [h.spec.label for h in item.level2 if not h.copied]
        if item.by_order or not labels:
            continue
        on_line = {h.cell.source_ref for h in item.level2 if not h.copied} | {item.row.source_ref}
        if id(item) in kept_ids or on_line & put_in:
            item.by_order = labels[-1]


def mark_cut_short(items: list[IndicatorRow], vocab: LevelVocabulary) -> None:
    """Unread cells, one a row on consecutive rows in one column, that spell a label's
    first characters exactly (`服务` / `对象` / `满意` of 服务对象满意度指标): a label wrapped
    in a narrow column that ran out of rows, its last pieces never printed. None of them
    is damaged: the label's lines are all there, its first line the run's first
    (`cut_short`; hierarchy.py `pieces_unread` leaves them out)."""
    prefixes = label_prefixes(vocab)
    i = 0
    while i < len(items):
        run = cut_short_run(items, i)
        if len(run) > 1 and "".join(label_key(cell.text) for cell in run) in prefixes:
            for item, cell in zip(items[i:], run):
                item.cut_short.append(cell)
        i += max(len(run), 1)


def cut_short_run(items: list[IndicatorRow], i: int) -> list[Cell]:
    """The unread cells of rows i, i+1, ..., one a row, in row i's one unread cell's column."""
    run: list[Cell] = []
    for item in items[i:]:
        if len(item.unrecognised) != 1 or (run and item.unrecognised[0].col != run[0].col):
            break
        run.append(item.unrecognised[0])
    return run


def is_piece(hint: LabelHint) -> bool:
    """The hint's cell was one piece of a label wrapped in a narrow column: fragments.py
    put the joined label on the piece's line and kept the piece as its raw text."""
    return label_key(hint.cell.raw) != label_key(hint.cell.text)


def next_named(classified: list[IndicatorRow], k: int) -> IndicatorRow | None:
    """The first line after line `k` that prints a name, past lines that print nothing but
    labels (a label wrapped in its narrow column: 质量 | 指标), or None where another line
    comes first."""
    for item in classified[k + 1:]:
        if item.name is not None:
            return item
        if item.target is not None or item.note is not None or item.positional \
                or not (item.level1 or item.level2 or item.damaged or item.unrecognised):
            return None
    return None


def label_lines_above(out: list[IndicatorRow]) -> int:
    """How many lines of nothing but level labels end `out` (a label wrapped in narrow
    level columns prints a line per piece: `成本控制 | 经济成本` over `指标 | 指标`) with
    a named row above them, or 0."""
    run = 0
    while run < len(out) and out[-1 - run].is_label_only:
        run += 1
    return run if run < len(out) and out[-1 - run].name is not None else 0


def rests_labels_above(item: IndicatorRow, previous: IndicatorRow, vocab: LevelVocabulary | None = None) -> bool:
    """Whether a line holds nothing but the later pieces of the labels the row above it
    opened (`经济成` beside 单个健身路径建设成本 over `本指标` alone, joined as 经济成本指标 on
    both lines), and perhaps a piece no vocabulary reads (a damaged `标` of the level-1
    label beside it): the row's merged level cells wrapping down its own span, not a
    line of labels of its own. Read as one (a category listed without indicators, or a
    label line absorbed by the block below), it took the row's category away from it or
    added a row. The row above may itself be such a category, with no name, where the
    line ends its level-1 label (`ends_group_label_above`): its cells wrap down its own
    lines as a named row's do (`顶箕信息` over `化`, `措标` beside). Each label on the line
    must be a piece of a label the row above states as a piece on its own line, the line
    on the same page, with no name, target or other cell of a row."""
    if item.name is not None or item.note is not None \
            or any(getattr(item, cell) is not None for cell in ROW_CELLS) \
            or item.row.page != previous.pages[1] \
            or (previous.name is None and not (ends_group_label_above(item, previous)
                                               or ends_level1_piece_above(item, previous, vocab))):
        return False
    hints = [h for h in (*item.level1, *item.level2) if not h.copied]
    above = {(h.level, h.spec.label) for h in (*previous.level1, *previous.level2) if not h.copied and is_piece(h)}
    return bool(hints) and all(is_piece(h) and (h.level, h.spec.label) in above for h in hints)


def ends_level1_piece_above(item: IndicatorRow, previous: IndicatorRow, vocab: LevelVocabulary | None) -> bool:
    """Whether the line's cells no vocabulary reads or no column takes each end, joined
    under it, a cell of the row above in the same column into a level-1 label (`怀` under
    `效益指`: 效益指标, its 标 damaged): the level-1 label wrapped down beside the row's
    level-2 label, so the line is the row's (a category listed without indicators,
    `经侪孝 | 无` over `益指标`: read as a second entry of that category, it left the table no
    order of blocks). The row above must print its placeholder target (无): a label line
    with no target (`满意度类指 | 服务对象满` over `杯 | 意度指标`) is the label of the rows below,
    which the fit reads."""
    cells = [*item.unrecognised, *(c for c in item.unplaced if c not in item.unrecognised)]
    if vocab is None or not cells or previous.target is None:   # the entry prints its placeholder (无)
        return False
    above = {c.col: label_key(c.text) for c in (*previous.unrecognised, *previous.unplaced,
                                                 *(h.cell for h in previous.level1 if not h.copied))}
    return all(c.col in above and 0 < len(label_key(c.text)) <= ENDING_MAX
               and vocab.level1.match(above[c.col] + label_key(c.text), cutoff=LABEL_CUTOFF) is not None
               for c in cells)


def continues_group_label_above(item: IndicatorRow, previous: IndicatorRow) -> bool:
    """Whether a line of its own holds nothing but later pieces of the level-1 label whose
    first piece the row above prints (`度指` / `标` under `满意` beside 公共就业服务满意度,
    joined as 满意度指标), on the same page: a label's pieces go on down its own cell,
    which holds that row. Carried to the row below as its label, they put it in the
    group too."""
    hints = [h for h in item.level1 if not h.copied]
    if not hints or item.damaged or item.unrecognised or item.row.page != previous.pages[1] \
            or len({h.spec.label for h in hints}) != 1 or not all(is_piece(h) for h in hints):
        return False
    label = hints[0].spec.label
    above = [h for h in previous.level1 if not h.copied and is_piece(h) and h.spec.label == label]
    # the pieces spell the label's start exactly, in order: the row's, then the line's
    spelled = "".join(label_key(h.cell.raw) for h in (*above, *hints))
    return bool(above) and label_key(label).startswith(spelled)


def ends_group_label_above(item: IndicatorRow, previous: IndicatorRow) -> bool:
    """Whether the line's cells no vocabulary reads are each the damaged 指标 of the
    level-1 label the row above reads in the same column (`措标` under `投入官理`, read as
    投入管理): a label ending where its column wrapped, so the line is the row's. A row
    with no name above is otherwise left alone: a line of labels of its own (a
    sub-header's wrapped pieces, `郊盖` over `类`) reads as one with its neighbours."""
    cols = {h.cell.col for h in previous.level1 if not h.copied}
    return bool(item.unrecognised) and all(
        c.col in cols and 0 < len(key) <= ENDING_MAX and (key[-1] == LABEL_SUFFIX[-1] or key[0] == LABEL_SUFFIX[0])
        for c in item.unrecognised for key in [label_key(c.text)])


def stacks_under_group_word(item: IndicatorRow, previous: IndicatorRow, roles: dict[int, str]) -> bool:
    """Whether a line holds nothing but the short word of one of the group's categories
    (`成本`, `时效`) right under the row above's cut level-1 word (`产出`) in the same
    column, the header's level-2 column, the row stating no category: one cell wrapped
    in its narrow column, the category printed with its group's word (产出成本指标), the
    row's own. Read as a line of its own, it made a category listed without indicators
    and left the row to the block above. A whole label (`成本指标`) alone there may be
    such a category, and in the level-1 column the word may be the next block's label
    below its group's: neither is read so."""
    if item.name is not None or item.note is not None or previous.name is None \
            or any(getattr(item, cell) is not None for cell in ROW_CELLS) \
            or item.row.page != previous.pages[1] or item.unrecognised or item.fused or item.unplaced:
        return False
    words = [h for h in item.level2 if not h.copied]
    groups = [h for h in previous.level1 if not h.copied]
    if len(words) != 1 or len(groups) != 1 or any(not h.copied for h in (*item.level1, *previous.level2)):
        return False
    word, group = words[0], groups[0]
    return word.cell.col == group.cell.col and roles.get(word.cell.col) == "level2" \
        and word.spec.level1 == group.spec.label \
        and not ends_as_label(word.cell.text, word.spec.label) \
        and not ends_as_label(group.cell.text, group.spec.label)


def level2_cell_goes_on(item: IndicatorRow, previous: IndicatorRow) -> bool:
    """The line holds cells no vocabulary reads (`对象` under `服务`) only in columns where
    the row above holds such a cell too: the row's level-2 cell wrapping on down beside its
    level-1 label's rest. A level-1 label alone on a line of its own is as likely the
    label of the rows below."""
    above = {c.col for c in previous.damaged}
    return bool(item.damaged) and all(c.col in above for c in item.damaged)


def fold_label_rests(previous: IndicatorRow, item: IndicatorRow, line: int) -> None:
    """The line `rests_labels_above` read as the rest of the row above's labels, into
    that row: its span reaches the line, and the cells no vocabulary reads stay said. Its
    labels are the row's own, each piece's line holding it whole: on the row, they say
    the lines the label prints on."""
    previous.level1 += item.level1
    previous.level2 += item.level2
    previous.unrecognised += item.unrecognised
    if item.damaged and not previous.damaged:
        previous.damaged_offset = line - previous.lines[0]
    previous.damaged += item.damaged
    previous.unplaced += item.unplaced
    previous.lines = (previous.lines[0], line)
    previous.pages = (previous.pages[0], item.row.page)


def damaged_label_completed(item: IndicatorRow, previous: IndicatorRow, vocab: LevelVocabulary
                            ) -> LabelMatch | None:
    """The one category a line of nothing but level-2 labels (`成本` / `指标`, read as
    成本指标) reads as with the row above's unread level-2 cell (`径济`) before it
    (`径济成本指标`: 经济成本指标), where that category is of the group the row above
    states and the line's own reading is not: the row's wrapped level-2 label ran on down
    its merged cell, not a category listed without indicators. None otherwise."""
    if item.name is not None or item.target is not None or item.note is not None or item.damaged \
            or not item.level2 or any(h.copied for h in (*item.level1, *item.level2)) or item.level1 \
            or any(getattr(item, cell) is not None for cell in ROW_CELLS) \
            or not previous.damaged or any(not h.copied for h in previous.level2) \
            or item.row.page != previous.pages[1]:
        return None
    groups = {h.spec.label for h in previous.level1 if not h.copied}
    if len(groups) != 1 or any(vocab.level2_specs[h.spec.label].level1 in groups for h in item.level2):
        return None
    joined = previous.damaged[-1].text + "".join(h.cell.text for h in item.level2)
    fits = [m for m in vocab.level2.tied_matches(joined, COLUMN_CUTOFF)
            if vocab.level2_specs[m.name].level1 in groups]
    fits = nearest_whole_labels(joined, fits)
    return fits[0] if len(fits) == 1 else None


def fold_damaged_label_rest(previous: IndicatorRow, item: IndicatorRow, spec, match: LabelMatch, line: int) -> Issue:
    """The line `damaged_label_completed` read as the rest of the row above's level-2
    label, into that row as one cell of the joined text, read as `match`; the cells as
    printed stay in the warning."""
    cell = previous.damaged[-1]
    pieces = [cell.text, *(h.cell.text for h in item.level2)]
    joined = replace(cell, text="".join(pieces))
    # the label prints from its head's line, as a damaged label read otherwise does
    at = previous.lines[0] + (previous.damaged_offset if cell is previous.damaged[0] else 0)
    previous.damaged.remove(cell)
    if cell in previous.unrecognised:
        previous.unrecognised.remove(cell)
    hint = LabelHint(2, spec, joined, match, line=at)
    previous.level2.append(hint)
    previous.unplaced += item.unplaced
    previous.lines = (previous.lines[0], line)
    previous.pages = (previous.pages[0], item.row.page)
    return Issue("warning", "cell_joined",
                 f"level-2 cell {cell.text!r} and the line below it {' / '.join(pieces[1:])!r} read as one "
                 f"wrapped label {''.join(pieces)!r}, read as {match.name!r} (the group the row states), "
                 "not as a category listed without indicators",
                 field="level2", source_ref=item.row.source_ref)


def mark_overflow(item: IndicatorRow, blank: Row) -> bool:
    """Mark the level-2 label of `item` whose wrapped pieces go on in `blank`, a line
    fragments.py emptied of the pieces it joined (each cell keeps its raw piece): the
    label's merged cell ran out of rows at `item`, so its last pieces printed on lines
    of their own below it (`LabelHint.overflows`). A piece in the label's column that
    ends the joined label; True where one was marked."""
    marked = False
    if item.name is None and item.target is None:
        return False   # a label on lines of its own (between rows) does not run out of rows
    for k, hint in enumerate(item.level2):
        if hint.copied or label_key(hint.cell.raw) == label_key(hint.cell.text):
            continue   # not a piece of a wrapped label
        joined = label_key(hint.cell.text)
        if any(cell.col == hint.cell.col and not cell.text and label_key(cell.raw)
               and joined.endswith(label_key(cell.raw)) for cell in blank.cells):
            item.level2[k] = replace(hint, overflows=True)
            if item.own_level2 is hint:
                item.own_level2 = item.level2[k]
            marked = True
    return marked


def restates_header(row: Row, header_texts: list[str] | None, vocab: LevelVocabulary) -> bool:
    """Whether a body line is the table's header restated (a table continued on a new
    page): two or more of its cells name columns, or it prints the header word for word."""
    return len(set(header_roles(row, vocab).values())) >= 2 or \
        (header_texts is not None and [c.text for c in row.filled] == header_texts)


def rejoin_across_headers(body: list[Row], header_texts: list[str] | None, vocab: LevelVocabulary,
                          roles: dict[int, str] | None = None, weak: bool = True) -> tuple[list[Row], list[Issue]]:
    """`rejoin_label_fragments` over the body with the restated headers left out: a label
    wrapped in its narrow column at a page's foot (`经济效` last on the page) goes on
    below the header the next page restates (`益指标`), and its pieces are consecutive
    lines of the table though not of the text. The header lines stay where they print."""
    kept = [k for k, row in enumerate(body) if not row.filled or not restates_header(row, header_texts, vocab)]
    if len(kept) == len(body):
        return rejoin_label_fragments(body, vocab, roles, weak)
    joined, issues = rejoin_label_fragments([body[k] for k in kept], vocab, roles, weak)
    out = list(body)
    for k, row in zip(kept, joined):
        out[k] = row
    return out, issues


def is_wrapped_target(item: IndicatorRow, previous: IndicatorRow) -> bool:
    """Whether a line holding only a target is the rest of the row above, whose target
    cell is empty: the target wrapped onto the next line. Not where the line has a level
    cell of its own, read or not (`经济效溢方面 | 无`: a category listed without
    indicators, its label damaged), nor where it prints its own row number: such a line
    is a row of its own, and the row above keeps its empty target."""
    return (item.name is None and item.target is not None and not item.level1 and not item.level2
            and not item.unrecognised and not item.row.numbered
            and previous.target is None and previous.name is not None)


# readings that settle a label as near two categories before the wording is asked
TIE_SETTLING_CODES = ("label_read_by_order", "label_read_by_stated_group", "label_read_with_word_put_in")


def unsettled_tied_labels(items: list[IndicatorRow], vocab: LevelVocabulary, issues: list[Issue]) -> list[Issue]:
    """A warning for each level-2 label as near two categories (`贡量指标`) that nothing
    read (`settle_tied_labels`, `read_label_runs`): it stands as the vocabulary's first
    reading, a guess, and its block with it. Not where the table restates its labels (a
    category printed twice on one page): the rows around then state it."""
    on_page: dict[tuple[int, str], int] = {}
    for item in items:
        for label in {h.spec.label for h in item.level2 if not h.copied and h.match.exact}:
            on_page[(item.pages[0], label)] = on_page.get((item.pages[0], label), 0) + 1
    if any(count > 1 for count in on_page.values()):
        return []
    settled = {i.source_ref for i in issues if i.code in (*TIE_SETTLING_CODES, "label_read_by_wording")}
    out = []
    for item in items:
        for hint in item.level2:
            if hint.copied or hint.match.exact or hint.moved:
                continue
            ref = hint.cell.source_ref or item.row.source_ref
            matches = vocab.level2.tied_matches(hint.cell.text, LABEL_CUTOFF)
            if len(matches) >= 2 and hint.spec.label in {m.name for m in matches} and ref not in settled:
                out.append(Issue("warning", "label_tied",
                                 f"level label {hint.cell.text!r} is as near {' and '.join(m.name for m in matches)}; "
                                 f"read as {hint.spec.label!r}, which nothing around it confirms",
                                 field="level2", source_ref=ref))
    return out

TIED_WORDING_MARGIN = 1.0   # a weak keyword's worth, and none for the other readings: the name points
                            # at one tied category alone


def tied_level2_readings(items: list[IndicatorRow], vocab: LevelVocabulary) -> dict[int, list[LabelMatch]]:
    """The level-2 hints read fuzzily that are as near two or more categories, their own among
    them, keyed by the hint's id: the readings the settling steps may choose between."""
    tied: dict[int, list[LabelMatch]] = {}
    for hint in (h for item in items for h in item.level2):
        if hint.copied or hint.match.exact or hint.moved:
            continue
        matches = vocab.level2.tied_matches(hint.cell.text, LABEL_CUTOFF)
        if len(matches) >= 2 and hint.spec.label in {m.name for m in matches}:
            tied[id(hint)] = matches
    return tied


def settle_tied_by_wording(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                           issues: list[Issue]) -> list[Issue]:
    """A level-2 label as near two categories (`盾量指标`: 数量指标 or 质量指标) that the
    labels around did not settle (`settle_tied_labels` does not read a table that prints a
    category twice on a page, a label restated per page or per row) is read by the name
    on its own line, where that name points at one of the tied categories the canonical
    order allows between the labels read above and below it, and at no other of them
    (`TIED_WORDING_MARGIN`): a label prints on a row of its own block, so its row's
    wording names its block's category, where the vocabulary's first reading is a guess.
    A label read beside it on its page is another block's (a block prints its label once
    a page), unless the labels above and below it are one category's (a label restated on
    every row: it is one of them); where that leaves one reading, the name must still
    point at it more than at the others. A warning (`label_read_by_wording`) says so: a wording is weaker
    evidence than a label."""
    from formex.normalize.indicators.hierarchy import target_class, wording_score   # (it imports this module)
    settled = {i.source_ref for i in issues if i.code in TIE_SETTLING_CODES}
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    tied = tied_level2_readings(items, vocab)
    if not tied:
        return []
    stated = [[h.spec.label for h in item.level2 if not h.copied and id(h) not in tied] for item in items]
    out = []
    for i, item in enumerate(items):
        if not item.name:
            continue
        for hint in list(item.level2):
            matches = tied.get(id(hint))
            ref = hint.cell.source_ref or item.row.source_ref
            if matches is None or ref in settled:
                continue
            j_above = next((j for j in range(i - 1, -1, -1) if stated[j]), None)
            j_below = next((j for j in range(i + 1, len(items)) if stated[j]), None)
            above = stated[j_above][-1] if j_above is not None else None
            below = stated[j_below][0] if j_below is not None else None
            if above is not None and above == below:
                continue   # inside a run of one category's labels (restated per row): that category's
            low = order[above] if above else -1
            high = order[below] if below else len(order)
            groups = {h.spec.label for h in item.level1 if not h.copied}
            # a label read beside it on its page is another block's: a block prints its label
            # once per page, or on every row, where the run of the same text above or below it
            # would be its own (the case just left out)
            beside = {stated[j][-1 if j < i else 0] for j in (j_above, j_below)
                      if j is not None and set(items[j].pages) & set(item.pages)}
            allowed = [m for m in matches if low <= order[m.name] <= high and m.name not in beside
                       and (not groups or vocab.level2_specs[m.name].level1 in groups)]
            if not allowed:
                continue
            kind = target_class(item)
            scores = {m.name: wording_score(item.name, vocab.level2_specs[m.name], kind) for m in matches}
            match = max(allowed, key=lambda m: scores[m.name])
            rest = [scores[m.name] for m in (allowed if len(allowed) > 1 else matches) if m is not match]
            if match.name == hint.spec.label or scores[match.name] <= max(rest, default=0.0) or (
                    len(allowed) > 1 and (scores[match.name] < TIED_WORDING_MARGIN or max(rest) > 0.0)):
                continue   # between readings the order allows, the name must name one alone
            item.replace_level2(hint, replace(hint, spec=vocab.level2_specs[match.name], match=match))
            out.append(Issue("warning", "label_read_by_wording",
                             f"level label {hint.cell.text!r} is as near {' and '.join(m.name for m in matches)}; "
                             f"read as {match.name!r}, which the name {item.name!r} on its line is worded for",
                             field="level2", source_ref=ref))
    return out


GENERIC_LABEL_CHARS = GENERIC_CHARS   # every group's label may print them (the level file's `generic`)


def reread_level2(item: IndicatorRow, hint: LabelHint, vocab: LevelVocabulary, match: LabelMatch,
                  why: str) -> Issue:
    """Swap the row's level-2 `hint` for the category `match` names, and the info issue
    saying why (`label_read_by_order`)."""
    item.replace_level2(hint, LabelHint(2, vocab.level2_specs[match.name], hint.cell, match, line=hint.line))
    return Issue("info", "label_read_by_order", why, field="level2",
                 source_ref=hint.cell.source_ref or item.row.source_ref)


def without_unrecognised(issues: list[Issue], read) -> list[Issue]:
    """`issues` less the `label_unrecognised` warnings of the cells since read; `read`
    holds (cell text, source ref) pairs."""
    return [issue for issue in issues if not (issue.code == "label_unrecognised" and any(
        issue.message.startswith(repr(text)) and issue.source_ref == ref for text, ref in read))]


def read_damaged_groups(items: list[IndicatorRow], vocab: LevelVocabulary, issues: list[Issue]
                        ) -> list[Issue]:
    """A level-1 cell OCR damaged past reading (`满意庹类`, `效溢类`, `敫益类`) printed on
    the line of a level-2 label read without doubt is that label's level-1 group: a
    level-2 category belongs to one group, and the cell left of it names that group. It
    is read so when it holds at least one of the group's own characters (满意, 效, 益:
    not 指标 or 类, which every group's label may end in), and the row states no other
    level-1 label. Without it the group's block has no label and its neighbours'
    placement may take its rows. The issues with each such cell's `label_unrecognised`
    warning replaced by an info row `label_read_by_group`.
    A cell whose every character OCR replaced by a look-alike (`敫盖`, `郊溢类` for 效益)
    keeps none of the group's own characters; it is read so only beside a level-2 label
    read without doubt (`sure_reading`), when it is a label's length (`looks_like_group_cell`) and holds no
    character of another group's labels or of that level-2 label either, and its issue is a warning
    (`label_read_by_group_position`): the cell's place, not its text, read it."""
    read: dict[tuple[str, str | None], str] = {}
    by_place: dict[tuple[str, str | None], str] = {}
    for item in items:
        if any(not h.copied for h in item.level1):
            continue
        stated = [h for h in item.level2 if not h.copied]
        if len(stated) != 1 or item.fused:
            continue
        hint = stated[0]
        group = hint.spec.level1
        spec = vocab.level1_specs.get(group)
        if spec is None:
            continue
        own = set("".join(vocab.level1.aliases_of(group))) - GENERIC_LABEL_CHARS
        for cell in list(item.unrecognised):
            if cell in item.damaged or cell.col >= hint.cell.col:
                continue
            chars = set(label_key(cell.text))
            if own & chars:
                found = read
            elif sure_reading(hint) and looks_like_group_cell(cell.text, group, vocab) \
                    and not (chars - GENERIC_LABEL_CHARS) & set(label_key(hint.cell.text)):
                # (none of the category's either: `服务类` beside 服务对象满意度指标 may be a
                # piece of that label, not the group)
                found = by_place
            else:
                continue
            item.level1.append(LabelHint(1, spec, cell, LabelMatch(group, group, 0.0), line=hint.line))
            item.unrecognised.remove(cell)
            found[(cell.text, cell.source_ref or item.row.source_ref)] = group
            break
    if not read and not by_place:
        return issues
    return without_unrecognised(issues, {**read, **by_place}) + [
        Issue("info", "label_read_by_group",
              f"level-1 cell {text!r} matches no group; read as {name!r}, the group of the "
              "level-2 label beside it", field="level1", source_ref=ref)
        for (text, ref), name in read.items()] + [
        Issue("warning", "label_read_by_group_position",
              f"level-1 cell {text!r} shares no character with any group's label; read as {name!r}, "
              "the group of the level-2 label beside it, by its place alone", field="level1", source_ref=ref)
        for (text, ref), name in by_place.items()]


def sure_reading(hint: LabelHint) -> bool:
    """A level-2 label read without doubt: exactly, or one look-alike off (at
    `LABEL_CUTOFF`) with no level-1 reading as near."""
    return hint.match.exact or (hint.match.score >= LABEL_CUTOFF and hint.level1_reading is None)


def looks_like_group_cell(text: str, group: str, vocab: LevelVocabulary) -> bool:
    """A level-1 cell that may be `group`'s label with every own character misread: as
    long as one of its labels (to one character), no target, and no character of another
    group's labels beyond the generic ones (指标, 类)."""
    key = label_key(text)
    if len(set(key) - GENERIC_LABEL_CHARS) < 2 or looks_like_target(text):
        return False
    if not any(abs(len(label_key(alias)) - len(key)) <= 1 for alias in vocab.level1.aliases_of(group)):
        return False
    others = {ch for name in vocab.level1_specs if name != group
              for ch in "".join(vocab.level1.aliases_of(name))} - GENERIC_LABEL_CHARS
    return not others & set(key)


def cut_label_above(item: IndicatorRow, printed: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """The row holds a level cell not ending as a label does (`可持续性`, `服务对象`): a label
    wrapped in its narrow column, whose next line is its end (`影响指标`), not a label.
    A category whose own label has no such ending (预算执行管理, 资产管理) ends as that
    label does: `预篡执行管理` read as it is whole, and the line below it no piece of it;
    `printed`: the characters the document prints for 指 and 标 (`ends_as_label`)."""
    return any(not ends_as_label(h.cell.text, h.spec.label, printed) for h in (*item.level1, *item.level2)
               if not h.copied) or any(not ends_as_label(c.text, printed=printed) for c in item.unrecognised)


def may_continue_label_above(out: list[IndicatorRow], item: IndicatorRow, vocab: LevelVocabulary,
                             printed: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """Whether the damaged line `item` may be the rest of a level cell the last row of `out`
    cut short (`cut_label_above`; under a set-aside level-1 line, only where its cells may
    go on with that cell: `continues_cut_label`); `printed` as for `ends_as_label`."""
    return bool(out) and cut_label_above(out[-1], printed) and (
        not item.set_aside_level1 or continues_cut_label(out[-1], item.damaged, vocab, printed))


def may_end_below(above: IndicatorRow, cells: list[Cell], vocab: LevelVocabulary) -> bool:
    """Whether damaged `cells` on a line of their own may be the 指标 of a label the row above
    prints ending in 类 (`社会效益类` / `拾怀`: 社会效益类指标 wrapped): each no longer than 指标
    and keeping no category's character. Such a line is no proof that a label above ending
    in 指标 as the table prints it (`孝益指柝`) cut nothing short."""
    return any(label_key(h.cell.text).endswith(CLASS_WORD) for h in (*above.level1, *above.level2) if not h.copied) \
        and all(len(label_key(c.text)) <= len(LABEL_SUFFIX)
                and not (set(label_key(c.text)) - GENERIC_LABEL_CHARS) & category_chars(vocab) for c in cells)


CLASS_WORD = "类"   # a label's 类 (社会效益类指标), after which a form may wrap its 指标


def continues_cut_label(above: IndicatorRow, cells: list[Cell], vocab: LevelVocabulary,
                        printed: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """Whether damaged `cells` on a line of their own may be the rest of a level cell the
    row above cut short (`cut_label_above`). A cell cut inside its word (`可持续性`,
    `服务对象`, an unread cell) may go on with anything; one that is a whole alias of its
    category (`时效`: 时效指标 printed bare) goes on only with what its longer aliases
    add (指标, 目标), so a cell holding a character of its own that none of those hold
    (`成未` under `时效`: a damaged 成本, a category listed without indicators) is no rest."""
    rests: set[str] = set()
    for h in (*above.level1, *above.level2):
        if h.copied or ends_as_label(h.cell.text, h.spec.label, printed):
            continue
        key = label_key(h.cell.text)
        aliases = (vocab.level1 if h.level == 1 else vocab.level2).aliases_of(h.spec.label)
        if key not in aliases:
            return True
        rests |= {char for alias in aliases if alias.startswith(key) for char in alias[len(key):]}
    if any(not ends_as_label(c.text, printed=printed) for c in above.unrecognised):
        return True
    # a cell keeping no character of any category (`拾柝`, `拍杯`: a damaged 指标) may be its end
    owns = [(set(label_key(c.text)) - GENERIC_LABEL_CHARS) & category_chars(vocab) for c in cells]
    return any(not own or own & rests for own in owns)


@lru_cache(maxsize=None)
def category_chars(vocab: LevelVocabulary) -> frozenset[str]:
    """The characters the level-2 labels and their aliases print, but 指, 标, 类."""
    return frozenset("".join(alias for name in vocab.level2_specs for alias in vocab.level2.aliases_of(name))) \
        - GENERIC_LABEL_CHARS


def ends_as_label(text: str, label: str | None = None,
                  printed: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """The cell's text ends as a label does: in 指标 or 类, or, read as a category or group
    (`label`), in that label's last character: `预篡执行管理`, and `产出措标` with its 指
    damaged (a piece cut in a narrow column ends before 标: `可持续性`, `服务对象`); or read
    as a label ending in 指标 and worded with 方面 for it (`社会效益方面`), whole as printed;
    or in 指标 as the document prints it (`printed`, (指 or 标, the character printed for
    it): `时效拍杯` where its labels print 拍杯, a whole label, no piece cut short)."""
    key = label_key(text)
    if key.endswith(LABEL_ENDINGS) or ends_in_printed_suffix(key, printed):
        return True
    own = label_key(label) if label else ""
    return bool(own) and (key.endswith(own[-1]) or own.endswith(LABEL_SUFFIX) and key.endswith(ASPECT))


def ends_in_printed_suffix(key: str, printed: frozenset[tuple[str, str]]) -> bool:
    """Whether the key ends in 指标 with one or both characters as the document prints them
    (`printed`: `damaged_tails.printed_damage`'s pairs, 时效拍杯 read as 时效指标: 拍 for 指,
    杯 for 标)."""
    if not printed or len(key) <= len(LABEL_SUFFIX):
        return False
    tail = key[-len(LABEL_SUFFIX):]
    return all(char == want or (want, char) in printed for want, char in zip(LABEL_SUFFIX, tail))


def numbered_label_cell(text: str) -> bool:
    """A damaged level-2 cell shorter than any label (`戊本` for 成本) alone on a line that
    prints its own row number: a table row, so a category listed without indicators whose
    label OCR damaged (an alias's length: 成本), not a piece of a label wrapped from the
    line above. At least two characters that are no generic label ending (指, 标, 类)."""
    return len(set(label_key(text)) - GENERIC_LABEL_CHARS) >= 2


def between_whole_lines(classified: list[IndicatorRow], k: int,
                        printed: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """Line k (a damaged level cell alone) lies between lines that are no pieces of a
    wrapped label: each a row (a name or a target) or a line of labels read whole. Its
    cell is then no piece either, however short (`旷效`, `戊本` on a line of their own
    between two rows: a label OCR damaged, an alias's length), where a piece of a label
    wrapped in a narrow column sits above or below another piece (`社会郊` / `益拍标`);
    `printed` as for `whole_line`."""
    return 0 < k < len(classified) - 1 and all(
        whole_line(classified[j], printed) for j in (k - 1, k + 1))


def opens_inside_label(text: str, vocab: LevelVocabulary) -> bool:
    """The cell opens with two characters a label prints only after its first (`对象` of
    服务对象满意度指标, `响指际` of 可持续影响指标): a later piece of a label wrapped over
    lines, whatever the lines around it; a damaged label opens as a label does (`成朩`), or
    with a look-alike (`旷效`, `戊本`, `对效`). Or, longer than an alias of two, it opens with
    a character labels print only after their first (`响措标`: 响 of 影响, its 指 damaged):
    its second character a look-alike, the first still says it starts inside a label."""
    key = label_key(text)
    return len(key) >= 2 and is_later_piece(key[:2], vocab) \
        or len(key) >= 3 and only_inside_labels(key[0], vocab)


@lru_cache(maxsize=4096)
def only_inside_labels(char: str, vocab: LevelVocabulary) -> bool:
    """The character is printed in some label, and opens none (响, 益, 量; not 成, 效)."""
    keys = label_keys(vocab)
    return any(char in k for k in keys) and not any(k.startswith(char) for k in keys)


def joins_a_neighbour(cell: Cell, items: list[IndicatorRow], k: int, vocab: LevelVocabulary) -> bool:
    """The cell of line k read with the cell of its column on the line above or below
    reads as a label (`祉会` over `效益指标`, pieces already joined below it): the first or
    last piece of a label wrapped in its column, not a label of its own."""
    for j, before in ((k - 1, True), (k + 1, False)):
        if 0 <= j < len(items):
            for other in items[j].row.filled:
                if other.col == cell.col and vocab.level2.match(
                        other.text + cell.text if before else cell.text + other.text) is not None:
                    return True
    return False


def whole_line(item: IndicatorRow, printed: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """A row, or a line of labels each read and ending as a label does (`效益指标 |
    社会效益方面`; `效益指怀` where the table prints 怀 for 标: `printed`, as for
    `ends_as_label`): no piece of a label cut in its column."""
    if item.name is not None or item.target is not None:
        return True
    return not item.damaged and not item.unrecognised and not cut_label_above(item, printed) \
        and any(not h.copied for h in (*item.level1, *item.level2))


def insert_label_lines(items: list[IndicatorRow], lone: list[tuple[int, IndicatorRow, int]]
                       ) -> list[IndicatorRow]:
    """Lines holding nothing but a level-2 cell too damaged to read (`成本措杯` alone), set
    aside while rows were read, put back where they printed (after the rows before them,
    the lines below counted one more) for `read_damaged_labels` to read by the labels
    around them: a category listed without indicators, or its block's label on a line of
    its own. `drop_unread_label_lines` takes out those left unread.
    A line set aside inside a row's wrapped name (`创业担保贷款贴息资金控制` / `成本控制措标` /
    `数`: the name went on past it) is no line between rows: its label prints within that
    row's span, the row's own, so its cell goes to the row (a damaged label cell of it)."""
    if not lone:
        return items
    out: list[IndicatorRow] = []
    at = inserted = 0
    for k, item in enumerate(items + [None]):
        while at < len(lone) and lone[at][0] == k:
            entry, before = lone[at][1], lone[at][2]
            at += 1
            row = out[-1] if out else None
            first, last = (row.lines[0] - inserted, row.lines[1] - inserted) if row else (0, 0)
            if row is not None and first <= before < last and not row.damaged and row.name is not None:
                # (each cell naming its own line, where its warning points)
                moved = {id(c): replace(c, source_ref=c.source_ref or entry.row.source_ref) for c in entry.unrecognised}
                row.unrecognised += list(moved.values())
                row.damaged += [moved.get(id(c), c) for c in entry.damaged]
                row.damaged_offset = before + 1 - first
                continue
            line = out[-1].lines[1] + 1 if out else 0
            page = out[-1].pages[1] if out else entry.row.page
            entry.level1 = []          # carried to the next row already, as from a line of its own
            entry.lines, entry.pages = (line, line), (entry.row.page or page, entry.row.page or page)
            out.append(entry)
            inserted += 1
        if item is None:
            break
        if inserted:
            shift_lines(item, inserted)
        out.append(item)
    return out


def rest_of_numbered_label(item: IndicatorRow, entry: IndicatorRow, classified: list[IndicatorRow],
                           k: int) -> bool:
    """Line k holds nothing but damaged level cells, prints no row number in a numbered
    table, and comes right after `entry`, a line set aside whose row number is printed
    beside a damaged level cell alone (`5 | 顸笇透` over `明度`): the rest of that row's label,
    wrapped in its narrow column."""
    return (item.row.numbered is False and bool(item.damaged) and not item.level1 and not item.fused
            and entry.row.numbered is True and k > 0 and classified[k - 1] is entry
            and len(entry.damaged) == 1 and len(item.damaged) == len(item.row.filled))


def join_numbered_label_rest(entry: IndicatorRow, item: IndicatorRow, issues: list[Issue]) -> list[Issue]:
    """`item`'s cells put after `entry`'s damaged cell (`rest_of_numbered_label`): one cell,
    read later as a whole (`read_damaged_labels`), or kept as printed on its numbered row.
    The issues with the pieces' `label_unrecognised` warnings replaced by the whole's."""
    cell = entry.damaged[0]
    ref = cell.source_ref or entry.row.source_ref
    whole = replace(cell, text=cell.text + "".join(c.text for c in item.damaged), source_ref=ref)
    pieces = {(cell.text, ref), *((c.text, c.source_ref or item.row.source_ref) for c in item.damaged)}
    entry.damaged[0] = whole
    entry.unrecognised = [whole if c is cell else c for c in entry.unrecognised]
    return without_unrecognised(issues, pieces) + [issue for issue in cell_issues(entry)
                                                    if issue.code == "label_unrecognised"]


def drop_unread_label_lines(items: list[IndicatorRow], wrapped: list[IndicatorRow] = ()
                            ) -> list[IndicatorRow]:
    """The lines `insert_label_lines` put back that `read_damaged_labels` left unread,
    taken out again (their `label_unrecognised` warnings stay) and the lines below
    counted as before; the cell of one just above a row goes to that row, half a line
    above it (`heads_block_below`). A line printing its own row number (序号) whose label wrapped onto
    the lines below (`wrapped`, `rest_of_numbered_label`) is a row and stays, its label
    unread (said by that warning); a numbered damaged cell alone may still be a piece or
    a sub-header's label, and goes."""
    kept = {id(item) for item in wrapped}
    out: list[IndicatorRow] = []
    shift = 0
    dropped: IndicatorRow | None = None
    rest = False    # the dropped line is the wrapped rest of the label printed just above it
    apart = prints_labels_apart(items)
    for item in items:
        if item.damaged and item.name is None and item.target is None and item.note is None \
                and not item.level2 and not item.level1 and not item.fused and id(item) not in kept:
            shift += 1
            rest = dropped is None and bool(out) and rest_of_label_above(item, out[-1])
            dropped = item
            continue
        if shift:
            shift_lines(item, -shift)
        if dropped is not None and takes_number_of(dropped, item):
            item.row = replace(item.row, numbered=True)
        if dropped is not None and not rest and heads_block_below(dropped, item, apart):
            # a label printed on a line of its own just above this row: its damaged cell goes
            # to the row, on that line, for the fit to place the block it names
            item.damaged = list(dropped.damaged)
            item.damaged_offset = -0.5
        dropped = None
        out.append(item)
    return out


def takes_number_of(line: IndicatorRow, item: IndicatorRow) -> bool:
    """A dropped damaged label line printing a row number (序号), just above a label-only
    row printing none (`广出` numbered 13 over `成本`): one label wrapped over the two lines,
    a category listed without indicators whose number is on its label's first line, so the
    row keeps that number (`hierarchy.numbered_reading` reads it as a row, not a label's
    line)."""
    return line.row.numbered is True and item.row.numbered is False and item.is_label_only \
        and item.pages[0] == line.pages[1]


def rest_of_label_above(line: IndicatorRow, above: IndicatorRow) -> bool:
    """A damaged label line printing only characters of the level-2 label the line above
    it states (`piece_of_label_above`: `响类指标` under a `司特续影` read as 可持续影响指标):
    that label's wrapped rest, no label of the block below."""
    labels = [h.spec.label for h in above.level2 if not h.copied]
    return bool(labels) and all(any(piece_of_label_above(cell.text, label) for label in labels)
                                for cell in line.damaged)


def prints_labels_apart(items: list[IndicatorRow]) -> bool:
    """Some level-2 label of the table is read on a line of its own (no name or target
    beside it): the table prints its labels so, sub-headers or merged labels between rows;
    a damaged short cell alone on its line may be another (`rows_to_indicator_rows`, on
    the lines as classified), and an unread label line heads the block below it
    (`drop_unread_label_lines`). Copied and cut labels count too: a stricter test of the
    same name, which block31 shadowed unawares and was measured without, is gone."""
    return any(item.own_level2 is not None and item.name is None and item.target is None for item in items)


def heads_block_below(line: IndicatorRow, item: IndicatorRow, apart: bool = False) -> bool:
    """A damaged label line left unread (`drop_unread_label_lines`) just above `item` (the
    next row, on the same page), an indicator row with no level-2 label or damaged cell of
    its own, in a table printing labels on lines of their own (`apart`,
    `prints_labels_apart`) or beside the level-1 label carried to `item` from that line (a
    sub-header line). The line is then a merged label printed on a line of its own between
    rows, as the table prints its others (a sub-header's, a centred label's between its
    middle rows, a bottom one's after its last row): its place there, half a line above the
    row, is the fit's evidence of a block the label names, though which category the rows'
    wording must tell. Dropped with its place, the block was a label lost, and a model
    running a labelled block over its rows fit every other label exactly and trusted them
    there. Where every readable label shares its line with a name, a damaged line alone is
    as likely a category listed without indicators (`咸未`, no placeholder), which heads no
    block: it goes as before."""
    return (item.pages[0] == line.pages[1] and (item.name is not None or item.target is not None)
            and not item.damaged and not item.level2 and not item.fused
            and (apart or any(h.carried and h.line == item.lines[0] - 0.5 for h in item.level1)))


def shift_lines(item: IndicatorRow, by: int) -> None:
    """The row and its labels `by` table body lines further down (the halves of a join
    too: `hierarchy.halves_current` compares their lines with the row's)."""
    for half in item.halves or ():
        shift_lines(half, by)
    item.lines = (item.lines[0] + by, item.lines[1] + by)
    item.level1 = [replace(h, line=h.line + by) for h in item.level1]
    level2 = [replace(h, line=h.line + by) for h in item.level2]
    if item.own_level2 is not None and item.own_level2 in item.level2:
        item.own_level2 = level2[item.level2.index(item.own_level2)]
    item.level2 = level2


def read_damaged_labels(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                        issues: list[Issue], kept: list[IndicatorRow] = (),
                        ending: frozenset[str] = frozenset(), by_order: bool = True) -> list[Issue]:
    """A cell under the level-2 column too damaged to tell between categories (盾量措标:
    two of four characters from 数量指标 and from 质量指标 alike) is still a label, and the
    labels around it choose: of its tied readings, the one alone in the canonical order
    after the label above (a label starts a new block) and not after the label below, in
    the row's own level-1 group where the row states one. A cell alone on a line set aside
    that nothing else reads, every character off (`戊未` for 成本), is read by the order
    alone (`only_category_of_line_group`, warned), but on a line kept as a row anyway
    (`kept`: a numbered line whose label wrapped), which is not lost unread; `ending`: the
    characters the document prints for 指 and 标 (`damaged_tails.printed_damage`). A cell
    beside a row's name that is a label of its own (`lone_label_of_row`, `时効` between
    质量 and 成本), under a label read above it, is read as the category it is clearly
    nearest strictly after that label and before the one below, of their groups (warned):
    left unread, its block had no label and the rows' wording alone placed them.
    The issues with each such cell's `label_unrecognised` warning replaced by an info row."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    read: dict[tuple[str, str | None], str] = {}
    near: dict[tuple[str, str | None], str] = {}
    by_group: dict[tuple[str, str | None], str] = {}
    where: dict[tuple[str, str | None], str] = {}
    for i, item in enumerate(items):
        first = item.damaged[0] if item.damaged else None   # the cell `damaged_offset` places
        for cell in list(item.damaged):
            above = next((labels[-1] for labels in reversed(stated[:i]) if labels), None)
            below = next((labels[0] for labels in stated[i + 1:] if labels), None)
            group_above = next((h.spec.label for row in reversed(items[:i]) for h in reversed(row.level1)
                                if not h.copied), None)
            low = order[above] if above else -1
            high = order[below] if below else len(order)
            groups = {h.spec.label for h in item.level1}   # the row's own group, where it states one
            fits = [m for m in vocab.level2.tied_matches(cell.text, COLUMN_CUTOFF)
                    if low < order[m.name] <= high and not piece_of_label_above(cell.text, above, group_above)
                    and (not groups or vocab.level2_specs[m.name].level1 in groups)]
            fits = nearest_whole_labels(cell.text, fits)
            if len(fits) != 1:   # none near at its length, or several as near: worded up?
                fits = worded_damaged_readings(cell.text, vocab, order, low, high, groups)
            nearest = only = False
            if len(fits) != 1 and item.name is not None and above \
                    and lone_label_of_row(items, i, cell, vocab):
                # a label printed beside a row, too damaged to read (`时効`, `成木`): the
                # labels around it leave the category, of their own groups
                sides = {vocab.level2_specs[near].level1 for near in (above, below) if near}
                fits = [m for m in nearest_allowed_reading(cell.text, vocab, order, low, high - 1, groups)
                        if vocab.level2_specs[m.name].level1 in sides]
                nearest = bool(fits)
            elif len(fits) != 1 and item.name is None and item.target is None and item.note is None:
                # a line of nothing but the cell: a category listed without indicators
                fits = nearest_allowed_reading(cell.text, vocab, order, low, high, groups)
                nearest = bool(fits)
                if not fits and not any(item is row for row in kept):
                    # (a line kept as a row unread, `drop_unread_label_lines`, is not lost: its
                    # label is said as printed, not guessed from the order alone)
                    fits = only_category_of_line_group(item, cell, vocab, order, above, below, ending,
                                                       items[i - 1] if i else None, by_order)
                    only = bool(fits)
                    if only:
                        take_back_level1(item, items[i + 1:])
            if len(fits) != 1:
                continue
            # on the line it prints on: a wrapped name's later line, where the label fell there
            at = item.lines[0] + (item.damaged_offset if cell is first else 0)
            hint = LabelHint(2, vocab.level2_specs[fits[0].name], cell, fits[0], line=at)
            item.level2.append(hint)
            item.unrecognised.remove(cell)
            item.damaged.remove(cell)
            stated[i].append(hint.spec.label)
            if item.name is None:
                item.own_level2 = hint
            key = (cell.text, cell.source_ref or item.row.source_ref)
            (by_group if only else near if nearest else read)[key] = fits[0].name
            where[key] = "alone on its line" if item.name is None else "beside a row's name"
    if not read and not near and not by_group:
        return issues
    return without_unrecognised(issues, {**read, **near, **by_group}) + [Issue(
        "warning", "label_read_by_order",
        f"level label {text!r} alone on its line matches no category; read as {name!r}, the one "
        "category of the group its line prints (else of the blocks around it) that the labels "
        "around it leave in the canonical order", field="level2", source_ref=ref)
        for (text, ref), name in by_group.items()] + [Issue("info", "label_read_by_order",
                         f"level label {text!r} is as near several categories; read as {name!r}, "
                         "the one the labels around it leave in the canonical order",
                         field="level2", source_ref=ref) for (text, ref), name in read.items()] + [
        Issue("warning", "label_read_by_nearest",
              f"level label {text!r} {where[(text, ref)]} matches no category; read as {name!r}, of the "
              "categories the labels around it leave in the canonical order the one it is clearly "
              "nearest", field="level2", source_ref=ref) for (text, ref), name in near.items()]


def lone_label_of_row(items: list[IndicatorRow], i: int, cell: Cell, vocab: LevelVocabulary) -> bool:
    """Row i's damaged level-2 cell is a whole label of its own, for `read_damaged_labels`
    to read by the labels around it: the row's one such cell, no level-2 label read on
    the row and the cell none of its level-1 labels, in a table printing its labels once
    per block, not on every row; no label's clean first piece (`服务`, a
    label cut short), nor one opening with a character labels print only after their first
    (`象满意`, `度指标`: a wrapped label's later piece); printed on no other row (a label
    repeated on every row, or per page: `read_like_printed_labels` reads those as the one
    read); no damaged restatement of the label above atop a later page
    (`restates_label_across_page`); and no piece of a label wrapped over the rows around
    it (`pieces_of_column`)."""
    item, key = items[i], label_key(cell.text)
    if len(item.damaged) != 1 or any(not h.copied for h in item.level2) or any(h.cell is cell for h in item.level1):
        return False
    if not key or key in label_prefixes(vocab) or only_inside_labels(key[0], vocab):
        return False
    if level2_cell_on_every_row(items):
        return False   # a label restated on every row: a damaged copy of the one above
    if any(other is not item and any(label_key(c.text) == key for c in (*other.damaged, *(h.cell for h in other.level2)))
           for other in items):
        return False
    if restates_label_across_page(items, i, key, vocab):
        return False
    return not pieces_of_column(items, i, cell, vocab) and not fills_wrapped_column(items, cell)


def restates_label_across_page(items: list[IndicatorRow], i: int, key: str, vocab: LevelVocabulary) -> bool:
    """Row i opens a page after the row stating the last label above it, and its damaged
    label text `key` keeps one of that label's own characters (not `GENERIC_LABEL_CHARS`)
    in place (`贡量` atop page 2 under 数量指标 of page 1): a table restating its labels
    per page prints that label again there, so the cell may be it as well as the next
    category. Left unread, the rows' wording places them, as for a label as near two."""
    if not i or items[i - 1].pages[1] >= items[i].pages[0]:
        return False
    above = next((h.spec.label for row in reversed(items[:i]) for h in reversed(row.level2) if not h.copied), None)
    return above is not None and any(
        p < len(form) and ch == form[p] and ch not in GENERIC_LABEL_CHARS
        for form in map(label_key, vocab.level2.aliases_of(above)) for p, ch in enumerate(key))


def fills_wrapped_column(items: list[IndicatorRow], cell: Cell) -> bool:
    """The cell is as long as the longest piece of a label wrapped in its column (its
    lines joined, `产出数` over `量指标`): it fills the column's width, so its label may go
    on, on a line below, as those did."""
    widths = [len(label_key(h.cell.raw)) for item in items for h in item.level2
              if not h.copied and h.cell.col == cell.col and label_key(h.cell.raw) != label_key(h.cell.text)]
    return bool(widths) and len(label_key(cell.text)) >= max(widths)


def pieces_of_column(items: list[IndicatorRow], i: int, cell: Cell, vocab: LevelVocabulary) -> bool:
    """Row i's cell may be a piece of a label wrapped over the rows around it: the row
    below prints an unread cell in its column (`旪效` over `类措` over `标`: the label may
    go on there), or a group's word read as a level-1 label there (`祆会` over `效益`), or
    on the row's own later lines (`杜会` over `效益性指标`, one label wrapped over a tall
    row), or the cell read together with an unread cell of its column on the row above is
    a label."""
    if any(h.cell is not cell and h.cell.col == cell.col for h in items[i].level1 if not h.copied):
        return True
    below = items[i + 1] if i + 1 < len(items) else None
    if below is not None and any(other.col == cell.col for other in (
            *below.damaged, *below.unrecognised, *(h.cell for h in below.level1 if not h.copied))):
        return True
    above = items[i - 1] if i else None
    return above is not None and any(other.col == cell.col and vocab.level2.match(other.text + cell.text) is not None
                                     for other in (*above.damaged, *above.unrecognised))


def piece_of_label_above(text: str, above: str | None, group_above: str | None = None) -> bool:
    """A damaged cell printing, beyond `GENERIC_LABEL_CHARS`, only characters of the labels
    stated above it, of either level (`度指标` under 满意度指标 or 服务对象满意度指标: a
    wrapped tail), or none: a piece of such a label, which starts no block of another
    category, however near one it scores."""
    own = set(label_key(text)) - GENERIC_LABEL_CHARS
    return not own or own <= set(above or "") | set(group_above or "")


def read_like_printed_labels(items: list[IndicatorRow], issues: list[Issue]) -> list[Issue]:
    """A level-2 cell too damaged to read (`薮暈指标`) printed letter for letter as a cell
    another row's label was read from (by the order, fused into a name's head): the same
    label, so read as that one category. OCR damages a label alike where the table prints
    it alike (a label repeated on every row); a text read as two categories, or holding no
    character beyond 指, 标, 类 and `LABEL_MIN_KEY` long at least, tells nothing.
    The issues with each such cell's `label_unrecognised` warning replaced by an info row."""
    readings: dict[str, set[str]] = {}
    for item in items:
        for hint in item.level2:
            key = label_key(hint.cell.text)
            if not hint.copied and hint.match.score < 100.0 and len(key) >= LABEL_MIN_KEY \
                    and set(key) - GENERIC_LABEL_CHARS:
                readings.setdefault(key, set()).add(hint.spec.label)
    readings = {key: labels for key, labels in readings.items() if len(labels) == 1}
    if not readings:
        return issues
    specs = {h.spec.label: h for item in items for h in item.level2}
    read: dict[tuple[str, str | None], str] = {}
    for item in items:
        if any(not h.copied for h in item.level2):
            continue   # the row states a label already: the cell is something else
        first = item.damaged[0] if item.damaged else None   # the cell `damaged_offset` places
        for cell in list(item.damaged):
            labels = readings.get(label_key(cell.text))
            if not labels:
                continue
            model = specs[next(iter(labels))]
            at = item.lines[0] + (item.damaged_offset if cell is first else 0)
            hint = LabelHint(2, model.spec, cell, model.match, line=at)
            item.level2.append(hint)
            if cell in item.unrecognised:
                item.unrecognised.remove(cell)
            item.damaged.remove(cell)
            if item.name is None:
                item.own_level2 = hint
            read[(cell.text, cell.source_ref or item.row.source_ref)] = hint.spec.label
            break
    if not read:
        return issues
    return without_unrecognised(issues, read) + [Issue(
        "info", "label_read_as_printed",
        f"level label {text!r} matches no category; read as {name!r}, as the same text is read on another row",
        field="level2", source_ref=ref) for (text, ref), name in read.items()]


OWN_BLOCK_CHARS = 2   # a category's own characters a cell holds at least (not 指怀: a wrapped label's last piece)
EVERY_ROW_MIN = 3   # named rows at least, each printing a level-2 cell, to call a table one printing its labels on every row


def level2_cell_on_every_row(items: list[IndicatorRow]) -> bool:
    """Whether every named row prints a level-2 cell of its own (read, fused into its name,
    or too damaged to read): a table that prints its labels on every row of a block (a
    converter unmerging cells by filling them), or in blocks of one row each. There each
    row's cell is its own block's label, as printed on that row."""
    named = [item for item in items if item.name is not None]
    return len(named) >= EVERY_ROW_MIN and all(
        any(not h.copied for h in item.level2) or item.damaged for item in named)


def read_own_block_labels(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                          issues: list[Issue]) -> list[Issue]:
    """In a table printing a level-2 cell on every named row (`level2_cell_on_every_row`),
    a cell still too damaged to match any category (`散重`, look-alikes throughout) is its
    row's label all the same: the row above printing the same text is the same block, so
    takes the same reading; else, printed differently from the labels above and below,
    the cell opens a block of its own, read as the one category the canonical order
    leaves strictly between them (in the row's stated group). Left unread, the row would
    be filled into its neighbours' block, a boundary lost. Not where the cell shares a
    character of its own with the label above or below (a damaged copy of that label).
    The issues with each such cell's `label_unrecognised` warning replaced by an info row."""
    if not level2_cell_on_every_row(items):
        return issues
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    read: dict[tuple[str, str | None], str] = {}
    last: tuple[int, str, LabelMatch] | None = None    # the row, text and reading of the last cell read
    for i, item in enumerate(items):
        if item.name is None or stated[i] or len(item.damaged) != 1:
            continue
        cell = item.damaged[0]
        if last is not None and last[:2] == (i - 1, cell.text):
            match = last[2]
        else:
            above = next((labels[-1] for labels in reversed(stated[:i]) if labels), None)
            below = next((labels[0] for labels in stated[i + 1:] if labels), None)
            match = own_block_reading(cell.text, vocab, order, above, below, {h.spec.label for h in item.level1})
        if match is None:
            continue
        place_damaged_reading(item, vocab.level2_specs[match.name], cell, match)
        stated[i].append(match.name)
        last = (i, cell.text, match)
        read[(cell.text, cell.source_ref or item.row.source_ref)] = match.name
    if not read:
        return issues
    return without_unrecognised(issues, read) + [Issue(
        "info", "label_read_by_order",
        f"level label {text!r} matches no category; read as {name!r}, the one category the labels "
        "around it leave in the canonical order (the table prints a label on every row)",
        field="level2", source_ref=ref) for (text, ref), name in read.items()]


def place_damaged_reading(item: IndicatorRow, spec: Level2Spec, cell: Cell, match: LabelMatch) -> LabelHint:
    """The row's damaged level-2 `cell` read as `spec`: its hint added to the row, the cell no
    longer damaged nor unrecognised."""
    hint = LabelHint(2, spec, cell, match, line=item.lines[0] + item.damaged_offset)
    item.level2.append(hint)
    if cell in item.unrecognised:
        item.unrecognised.remove(cell)
    item.damaged.remove(cell)
    return hint


def read_missing_categories(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                            issues: list[Issue], by_order: bool = True) -> list[Issue]:
    """A damaged level-2 cell no reading took (`经济孝盆方面`: 效益 damaged in a worded
    label, near 经济成本 as much as 经济效益), a label of its own beside a row's name
    (`lone_label_of_row`, printed on one of the row's lines) or alone on its line, between
    two labels read: of the categories the canonical order allows between them, theirs
    included (of the row's stated group, else of any; none of the other template's) that
    the table prints nowhere, the one whose
    own characters the cell keeps in place (`categories_kept_in_place`, weighed against
    the labels around and any printed between them, which it must not keep as well). The
    order narrows, the characters choose: the order alone (lone32) or the characters alone
    (经济 of 经济成本 too) are no reading. A category's bare word damaged (`散量`, `时孝`:
    one character of two in place, `short_words_kept`) is read by a character the categories
    share too, where the order leaves one of them unprinted (数量 read above: 散量 is 质量),
    printed on the row's first line (below it, a wrapped row's later line, the fit's blocks
    move with it). Left unread, the block has no label and its
    neighbour's takes its rows. Warned `label_read_by_order`; the cell's
    `label_unrecognised` warning goes."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    read: dict[tuple[str, str | None], str] = {}
    for i, item in enumerate(items):
        if len(item.damaged) != 1 or stated[i]:
            continue
        cell = item.damaged[0]
        if item.name is None and (item.target is not None or item.note is not None) \
                or item.name is not None and not lone_label_of_row(items, i, cell, vocab):
            continue
        # a category's bare word damaged (`散量`) on the row's own line; not where it opens another row's name (the block's label
        # restated on its rows, `散量` | `散量满意…`: cut off those names later) nor under a
        # short level cell in its column (`产出` over `散量`: a wrapped label's pieces)
        word = by_order and is_short_word(cell.text) and not opens_other_names(items, i, cell.text) \
            and not piece_above(items, i, cell) and item.damaged_offset == 0
        if item.damaged_offset < 0 or item.damaged_offset % 1:
            continue   # on a line of its own: where its block starts is the placement's to say
        above = next((labels[-1] for labels in reversed(stated[:i]) if labels), None)
        below = next((labels[0] for labels in stated[i + 1:] if labels), None)
        if above is None or below is None:
            continue   # (a short word at the table's top read so moves the fit's blocks below it)
        printed = {name for labels in stated for name in labels}
        # of the row's stated group; else of any: a whole group may be lost between the two
        # (`社会孝盎指标` between 经济成本 and 服务对象满意度 keeps 社会 of 社会成本 and of 社会效益)
        groups = {h.spec.label for h in item.level1 if not h.copied} or set(vocab.level1_specs)
        # the labels around and the categories printed between them weighed too: a cell
        # keeping their characters as well may be a damaged copy or piece of one (`社含郊益方面`
        # keeps 社会 of 社会效益, printed below, as of 社会成本)
        ruled_out = other_template_categories(printed, vocab)
        low, high = order[above] if above else -1, order[below] if below else len(order)
        window = [spec for name, spec in vocab.level2_specs.items()
                  if low <= order[name] <= high and spec.level1 in groups and name not in ruled_out]
        short = short_words_kept(cell.text, window, printed, vocab) if word else []
        kept = short or categories_kept_in_place(cell.text, window, vocab)
        if len(kept) != 1 or kept[0].label in printed:
            continue
        spec = kept[0]
        if short:
            item.by_order = spec.label
        match = LabelMatch(spec.label, spec.label, round(fuzz.ratio(label_key(cell.text), label_key(spec.label)), 1))
        hint = place_damaged_reading(item, spec, cell, match)
        stated[i].append(spec.label)
        if item.name is None:
            item.own_level2 = hint
        read[(cell.text, cell.source_ref or item.row.source_ref)] = spec.label
    if not read:
        return issues
    return without_unrecognised(issues, read) + [Issue(
        "warning", "label_read_by_order",
        f"level label {text!r} matches no category; read as {name!r}, the one category the labels "
        "around it leave in the canonical order, unprinted in the table, whose own characters it keeps "
        "in place", field="level2", source_ref=ref) for (text, ref), name in read.items()]


def is_short_word(text: str) -> bool:
    """The cell is as long as a category's bare word (`散量`, `时孝`) and prints nothing
    every label may print (`指标`, `类指`: a wrapped label's piece)."""
    key = label_key(text)
    return len(key) == SHORT_WORD and not set(key) & GENERIC_CHARS


def opens_other_names(items: list[IndicatorRow], i: int, text: str) -> bool:
    """Another row's name opens with `text`."""
    key = label_key(text)
    return any(j != i and item.name and label_key(item.name).startswith(key) for j, item in enumerate(items))


def piece_above(items: list[IndicatorRow], i: int, cell: Cell) -> bool:
    """The row above prints a level cell in `cell`'s column shorter than a whole label
    (read as a label, a group or nothing): the line a wrapped label opens on."""
    if not i:
        return False
    above = items[i - 1]
    cells = (*above.unrecognised, *above.damaged, *(h.cell for h in (*above.level1, *above.level2) if not h.copied))
    return any(c.col == cell.col and 0 < len(label_key(c.raw or c.text)) < LABEL_MIN_KEY for c in cells)


def short_words_kept(text: str, window: list[Level2Spec], printed: set[str], vocab: LevelVocabulary
                     ) -> list[Level2Spec]:
    """Of the `window`'s categories the table prints nowhere, those with a bare word
    (`数量`) of which the two-character cell keeps one character in place, shared or not
    (`散量`: the 量 of 数量 and of 质量): one character of two tells categories apart only
    where the order has left one of them unprinted (数量 read above, 散量 is 质量)."""
    key = label_key(text)
    return [spec for spec in window if spec.label not in printed and any(
        len(form) == SHORT_WORD and any(a == b and a not in GENERIC_CHARS for a, b in zip(key, form))
        for form in map(label_key, (spec.label, *vocab.level2.aliases_of(spec.label))))]


def read_group_worded_categories(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                                 issues: list[Issue]) -> list[Issue]:
    """A cell read as a level-1 group that prints more than the group's label: a word
    before the group's (`径挤效益指标`, `轻侪效益类指标`: 经济效益 with 经济 damaged, read
    as 效益指标 by its tail) is one of that group's categories printed `word` + the group's
    word + 指标, its own word damaged (`group_worded_categories`: the word as long as
    theirs), on the row or on a line of its own carried to it (the level-2 label keeps
    where it printed). A row stating no level-2 label, between two labels read: of those categories
    the canonical order allows between the labels (the two included), the one the table
    prints nowhere, and whose own characters the word keeps none of another's in place
    (`categories_kept_in_place`), is the cell's reading. The cell's shape narrows to the
    group's `X效益` categories, the order chooses: the order alone (lone32) reads a cell
    printing nothing of its category; this one prints its group's word and form. Left a
    group's label, its block has no label and its neighbour's takes its rows. Warned
    `label_read_by_order`; the level-1 reading of the cell goes."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    printed = {name for labels in stated for name in labels}
    ruled_out = other_template_categories(printed, vocab)
    read: dict[tuple[str, str | None], str] = {}
    for i, item in enumerate(items):
        if stated[i]:
            continue
        for hint in list(item.level1):
            if hint.copied:
                continue
            shaped = group_worded_categories(hint.cell.text, hint.spec.label, vocab)
            if not shaped:
                continue
            above = next((labels[-1] for labels in reversed(stated[:i]) if labels), None)
            below = next((labels[0] for labels in stated[i + 1:] if labels), None)
            if above is None or below is None:
                break
            window = [spec for spec in shaped if order[above] <= order[spec.label] <= order[below]
                      and spec.label not in printed and spec.label not in ruled_out]
            if len(window) != 1:
                break
            kept = categories_kept_in_place(hint.cell.text, shaped, vocab)
            if kept and kept != window:
                break   # the word keeps another category's own character in place
            spec = window[0]
            cell = hint.cell
            match = LabelMatch(spec.label, spec.label, round(fuzz.ratio(label_key(cell.text), label_key(spec.label)), 1))
            item.level1 = [h for h in item.level1 if h is not hint]
            level2 = LabelHint(2, spec, cell, match, carried=hint.carried, line=hint.line)   # where it printed
            item.level2.append(level2)
            if item.name is None:
                item.own_level2 = level2
            for cells in (item.unrecognised, item.damaged):
                while cell in cells:
                    cells.remove(cell)
            stated[i].append(spec.label)
            printed.add(spec.label)
            read[(cell.text, cell.source_ref or item.row.source_ref)] = spec.label
            break
    if not read:
        return issues
    return without_unrecognised(issues, read) + [Issue(
        "warning", "label_read_by_order",
        f"level label {text!r} reads as its group's label with a damaged word before it; read as {name!r}, "
        "the one category of that group printed so that the labels around it leave in the canonical order, "
        "unprinted in the table", field="level2", source_ref=ref) for (text, ref), name in read.items()]


def group_worded_categories(text: str, group: str, vocab: LevelVocabulary) -> list[Level2Spec]:
    """The categories of level-1 `group` printed as a word, the group's word and 指标
    (经济效益指标: 经济 + 效益 + 指标) whose word is as long as the one `text` prints before
    the group's word, `text` then ending there or as a label does (`LABEL_ENDINGS`, 指标 or 类,
    however damaged before it: 性指标, 类指标; or 方面), what follows the group's word in it
    no longer than 类指标. The word printed is no
    group's word (`产出成本指标`: 产出's 成本指标 worded with its group) nor the opening of a
    category's label written out (a label read so is the vocabulary's). Empty where `text`
    is no such shape."""
    word = bare_word(group)
    key = label_key(text)
    at = key.find(word, 1)
    rest = key[at + len(word):] if at > 0 else ""
    if len(word) < 2 or at < 1 or len(rest) > 3 or rest and not (rest.endswith(LABEL_ENDINGS) or rest == ASPECT):
        return []
    head = key[:at]
    words = {bare_word(alias) for name in vocab.level1_specs for alias in vocab.level1.aliases_of(name)}
    if head in words or any(label_key(alias).startswith(head) for name in vocab.level2_specs
                            for alias in vocab.level2.aliases_of(name)):
        return []   # a word written out: a group's (`产出成本指标`: 产出's 成本指标) or a category's
    out = []
    for spec in vocab.level2_specs.values():
        if spec.level1 == group and spec not in out and any(
                len(own) > at + len(word) and own[at:at + len(word)] == word
                for own in map(label_key, vocab.level2.aliases_of(spec.label))):
            out.append(spec)
    return out


def other_template_categories(printed: set[str], vocab: LevelVocabulary) -> set[str]:
    """The categories a table printing the categories `printed` cannot also print: a form
    lists 成本指标 as a category of 产出 (the older forms) or the 成本 group's own categories
    (经济成本指标 …, the 2021 template), never both (`hierarchy.template_alternatives`)."""
    out: set[str] = set()
    for name, spec in vocab.level2_specs.items():
        if name not in vocab.level1_specs or spec.level1 == name:
            continue
        own = {other for other, s in vocab.level2_specs.items() if s.level1 == name}
        if name in printed:
            out |= own
        elif own & printed:
            out.add(name)
    return out


def own_block_reading(text: str, vocab: LevelVocabulary, order: dict[str, int], above: str | None,
                      below: str | None, groups: set[str], ending: frozenset[str] | None = None
                      ) -> LabelMatch | None:
    """For `read_own_block_labels`: the one category strictly between `above` and `below`
    in the canonical order (in `groups` where the row states one), where `text` holds
    `OWN_BLOCK_CHARS` characters beyond 指, 标, 类 and shares none with either's aliases;
    else None. With `ending` (a whole label, no piece: `only_category_of_line_group`), of
    several such categories the one its printed length leaves (`long_enough_for`)."""
    own = set(label_key(text)) - GENERIC_LABEL_CHARS
    if len(own) < OWN_BLOCK_CHARS or any(own & (set("".join(vocab.level2.aliases_of(near))) - GENERIC_LABEL_CHARS)
                                         for near in (above, below) if near):
        return None
    low = order[above] if above else -1
    high = order[below] if below else len(order)
    between = [name for name, spec in vocab.level2_specs.items()
               if low < order[name] < high and (not groups or spec.level1 in groups)]
    if len(between) > 1 and ending is not None:
        between = [name for name in between if long_enough_for(text, name, vocab, ending)]
    if len(between) != 1:
        return None
    return LabelMatch(between[0], between[0], round(fuzz.ratio(label_key(text), label_key(between[0])), 1))


def only_category_of_line_group(item: IndicatorRow, cell: Cell, vocab: LevelVocabulary, order: dict[str, int],
                                above: str | None, below: str | None, ending: frozenset[str] = frozenset(),
                                previous: IndicatorRow | None = None, by_length: bool = True) -> list[LabelMatch]:
    """For `read_damaged_labels`, a damaged cell alone on a line set aside, every character
    off (`戊未`, `戍木` for 成本): a category listed without indicators between the blocks
    labelled `above` and `below`, so of the level-1 group its line prints beside it, else
    of the group of either block, and read as the one category of those groups the
    canonical order leaves strictly between them (`own_block_reading`: not where the cell
    shares a character of its own with either label, a damaged copy of it, nor where it
    holds fewer than two own characters, a piece: not counting 方面, which words a label's
    指标, nor the characters `ending` the document prints for 指 and 标, `措杯` under
    `成本` a label's damaged end), nor where the row above's name opens with a word of the
    category read (`成本 创业担保…` over `措杯`: that label fused into the name, the line its
    wrapped rest). One reading or none. `by_length`: of several categories, the one the
    cell's printed length leaves (`long_enough_for`); a row read so is marked `by_order`,
    evidence for its own block only (`rows_to_indicators`)."""
    own = set(label_key(cell.text)) - GENERIC_LABEL_CHARS - set(ASPECT) - ending
    if above is None or below is None or len(own) < 2:
        return []
    groups = {h.spec.label for h in item.set_aside_level1} or group_worded_before(cell.text, vocab) or \
        {vocab.level2_specs[above].level1, vocab.level2_specs[below].level1}
    match = own_block_reading(cell.text, vocab, order, above, below, groups, ending if by_length else None)
    if match is None or previous is not None and previous.name and any(
            len(alias) >= 2 and previous.name.startswith(alias) for alias in vocab.level2.aliases_of(match.name)):
        return []
    if by_length and own_block_reading(cell.text, vocab, order, above, below, groups) is None:
        item.by_order = match.name   # (the length chose between categories)
    return [match]


def printed_word(text: str, ending: frozenset[str]) -> str:
    """A label cell's key without its ending as printed: 指, 标, 类 and 方面, and the
    characters `ending` the document prints for 指 and 标 (`戊未指标`, `戍夲拍杯` -> 戊未,
    戍夲), at most `PRINTED_ENDING_MAX` of them."""
    key = label_key(text)
    cut = len(key)
    while cut > 0 and len(key) - cut < PRINTED_ENDING_MAX and key[cut - 1] in GENERIC_LABEL_CHARS | set(ASPECT) | ending:
        cut -= 1
    return key[:cut]


PRINTED_ENDING_MAX = 3   # 类指标


def long_enough_for(text: str, name: str, vocab: LevelVocabulary, ending: frozenset[str]) -> bool:
    """Whether a whole label cell (no piece of a label wrapped over lines) is long enough to
    be category `name` damaged: OCR puts look-alikes in a label's characters, keeping their
    number, and a form may word a label up (成本控制指标) but prints no word of it shorter
    than the vocabulary's; so the cell's word (`printed_word`) is at least as long as one
    of the category's bare words. `戍夲` between 时效 and 社会效益 is 成本 (two characters),
    no 经济效益 (four); `戊朩控制` may be either."""
    word = printed_word(text, ending)
    return any(0 < len(bare_word(alias)) <= len(word) for alias in (name, *vocab.level2.aliases_of(name)))


def group_worded_before(text: str, vocab: LevelVocabulary) -> set[str]:
    """The level-1 group whose word the cell opens with, a damaged category's word after it
    (`产出咸未`: 产出 before 成本 with both characters look-alikes): forms that repeat the group
    in the level-2 column print it so (`fused.compound_keys`), so the category is that
    group's. Empty where no group's word opens it, or nothing of two characters follows; a
    word that is a category's too (成本: `成本控制` is 产出's 成本指标 worded up) names no group."""
    key = label_key(text)
    categories = {bare_word(t) for spec in vocab.level2_specs.values() for t in (spec.label, *spec.aliases)}
    return {spec.label for spec in vocab.level1_specs.values()
            if any(len(word) >= 2 and key.startswith(word) and len(key) - len(word) >= 2
                   for word in {bare_word(t) for t in (spec.label, *spec.aliases)} - categories)}


def take_back_level1(item: IndicatorRow, below: list[IndicatorRow]) -> None:
    """The level-1 labels of a line set aside, carried to the next row as from a line of
    their own, back on the line: read as a row (`only_category_of_line_group`), they are its
    group's, not the next row's."""
    cells = {id(h.cell) for h in item.set_aside_level1}
    item.level1 = [replace(h, line=item.lines[0]) for h in item.set_aside_level1]
    for row in below[:1]:
        row.level1 = [h for h in row.level1 if not (h.carried and id(h.cell) in cells)]


NEAREST_MIN = 33.0     # a damaged label's similarity to the category it is read as, at least ...
NEAREST_MARGIN = 5.0   # ... and this much above every other category the order allows there


def nearest_allowed_reading(text: str, vocab: LevelVocabulary, order: dict[str, int], low: int, high: int,
                            groups: set[str]) -> list[LabelMatch]:
    """For `read_damaged_labels`, a damaged cell alone on its line that no reading of its
    length matches nor a worded-up label holds (`成木控制损标`, `戊本`: look-alikes and a word
    put in): of the categories the canonical order allows between the labels above and
    below (in the row's stated group), the one whose label or alias it is nearest, where
    it shares at least one of that category's own characters (not 指, 标, 类, which every
    label has), is `NEAREST_MIN` near and `NEAREST_MARGIN` nearer than any other allowed
    category. One reading or none."""
    key = label_key(text)
    chars = set(key) - GENERIC_LABEL_CHARS
    if not chars:
        return []
    scored = []
    for name, spec in vocab.level2_specs.items():
        if not low < order[name] <= high or (groups and spec.level1 not in groups):
            continue
        aliases = vocab.level2.aliases_of(name)
        score = max(fuzz.ratio(key, label_key(alias)) for alias in aliases)
        own = set("".join(aliases)) - GENERIC_LABEL_CHARS
        scored.append((score, bool(chars & own), name))
    scored.sort(reverse=True)
    if not scored or not scored[0][1] or scored[0][0] < NEAREST_MIN \
            or (len(scored) > 1 and scored[1][0] > scored[0][0] - NEAREST_MARGIN):
        return []
    return [LabelMatch(scored[0][2], scored[0][2], round(scored[0][0], 1))]

def worded_damaged_readings(text: str, vocab: LevelVocabulary, order: dict[str, int], low: int, high: int,
                            groups: set[str]) -> list[LabelMatch]:
    """The categories the order allows between `low` and `high` (in `groups` where the
    row states one) that a damaged label printed with a word put inside it still spells
    (`成本控制指栎`), for `read_damaged_labels` where no reading of its length is near or
    several are as near: the key, longer than one of the category's aliases of four
    characters or more, holds it in order but for one character, two of them at least no
    generic label character (指, 标, 类: every label has them); `经济成本` is not held so
    (its 经济 missing). Every reading that fits, one each; the caller takes only a single
    one. (A group's name put before the label, `产出戌本损标`, is not read so: measured,
    that reading placed no more rows than it cost.)"""
    key = label_key(text)
    out: dict[str, LabelMatch] = {}
    for name, spec in vocab.level2_specs.items():
        if not low < order[name] <= high or (groups and spec.level1 not in groups):
            continue
        for alias in vocab.level2.aliases_of(name):
            common = common_in_order(alias, key)
            if len(alias) >= 4 and len(key) > len(alias) and common >= len(alias) - 1 \
                    and len((set(alias) & set(key)) - GENERIC_LABEL_CHARS) >= 2:
                out.setdefault(name, LabelMatch(name, name, round(100.0 * common / len(key), 1)))
    return list(out.values())


def settle_tied_labels(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema
                       ) -> list[Issue]:
    """A level-2 label with one look-alike that reads as two categories alike (`贡量指标`:
    three of four characters from 数量指标 and from 质量指标) takes the vocabulary's first,
    which is a guess. The document chooses: of the tied categories, in the row's own level-1
    group where it states one, between the labels above and below it in the canonical
    order, the one no other row of the table states on the same page (a block prints its
    label once; a label repeated on another page is the same label). Only where the table
    prints no category twice on one page (labels repeated on every row say nothing) and
    exactly one category is left; an info issue `label_read_by_order` says so."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    tied = tied_level2_readings(items, vocab)
    if not tied:
        return []
    stated: list[list[tuple[str, bool]]] = [   # (category, exact) per row, tied readings left out
        [(h.spec.label, h.match.exact) for h in item.level2 if not h.copied and id(h) not in tied]
        for item in items]
    on_page: dict[tuple[int, str], int] = {}
    for item, labels in zip(items, stated):
        for label in {label for label, exact in labels if exact}:
            on_page[(item.pages[0], label)] = on_page.get((item.pages[0], label), 0) + 1
    if any(count > 1 for count in on_page.values()):
        return []
    restates = restates_labels_across_pages(items, stated)
    settled_from: dict[tuple[int, str], str] = {}   # (row, category) read from a tied cell: its text
    issues = []
    for i, item in enumerate(items):
        for hint in list(item.level2):
            matches = tied.get(id(hint))
            if matches is None:
                continue
            above = next((labels[-1][0] for labels in reversed(stated[:i]) if labels), None)
            below = next((labels[0][0] for labels in stated[i + 1:] if labels), None)
            low = order[above] if above else -1
            high = order[below] if below else len(order)
            groups = {h.spec.label for h in item.level1 if not h.copied}
            # the same damaged text settled above is the same label restated, not another block's
            elsewhere = {label for j, labels in enumerate(stated) if j != i
                         and (not restates or set(items[j].pages) & set(item.pages)) for label, _ in labels
                         if settled_from.get((j, label)) != hint.cell.text}
            fits = [m for m in matches if low <= order[m.name] <= high and m.name not in elsewhere
                    and (not groups or vocab.level2_specs[m.name].level1 in groups)]
            if len(fits) != 1:
                continue
            # settled, it is a label the ones below read around (the same label restated on the next page)
            stated[i] = stated[i] + [(fits[0].name, False)]
            settled_from[(i, fits[0].name)] = hint.cell.text
            if fits[0].name == hint.spec.label:
                continue
            issues.append(reread_level2(item, hint, vocab, fits[0],
                                        f"level label {hint.cell.text!r} is as near "
                                        f"{' and '.join(m.name for m in matches)}; read as {fits[0].name!r}, the one "
                                        "the canonical order allows there that no other label "
                                        f"{'on its page' if restates else 'of the table'} states"))
    return issues


def restates_labels_across_pages(items: list[IndicatorRow], stated: list[list[tuple[str, bool]]]) -> bool:
    """Whether the table prints a level-2 label again on the next page (its block runs on):
    a category stated on two pages with no other category stated between. Where it does, a
    label on another page may be the same block's; where it does not, a block prints its
    label once in the whole table, and a tied label cannot be a category stated on an earlier page."""
    last: tuple[str, tuple[int, ...]] | None = None
    for item, labels in zip(items, stated):
        for label, _ in labels:
            if last and last[0] == label and not set(item.pages) & set(last[1]):
                return True
            last = (label, tuple(item.pages))
    return False


def read_label_runs(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema,
                    issues: list[Issue]) -> list[Issue]:
    """Level-2 labels left open in a run, none read between them (`敖量指标`, `贡量指标`: each
    as near 数量指标 as 质量指标; or two cells too damaged to read), are read together: a
    table prints its categories in the canonical order, each once, so where the categories
    their readings allow between the labels above and below the run are exactly as many
    as the run's labels, they take them in order, each one its own readings allow. Only
    where the table prints no category twice on one page; `label_read_by_order` says so
    (replacing a cell's `label_unrecognised` warning)."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    on_page: dict[tuple[int, str], int] = {}
    for item in items:
        for label in {h.spec.label for h in item.level2 if not h.copied and h.match.exact}:
            on_page[(item.pages[0], label)] = on_page.get((item.pages[0], label), 0) + 1
    if any(count > 1 for count in on_page.values()):
        return issues
    # per row: its open labels (hint or damaged cell, readings) and whether it states a read one
    opened: list[list[tuple[LabelHint | None, Cell, list[str]]]] = []
    fixed: list[str | None] = []
    for item in items:
        mine, read = [], None
        for hint in item.level2:
            if hint.copied:
                continue
            tied = [] if hint.match.exact or hint.moved else vocab.level2.tied_matches(hint.cell.text, LABEL_CUTOFF)
            if len(tied) >= 2 and hint.spec.label in {m.name for m in tied}:
                mine.append((hint, hint.cell, [m.name for m in tied]))
            else:
                read = hint.spec.label
        for cell in item.damaged:
            if len(label_key(cell.text)) >= LABEL_MIN_KEY:
                mine.append((None, cell, [m.name for m in vocab.level2.tied_matches(cell.text, COLUMN_CUTOFF)]))
        opened.append(mine if read is None else [])
        fixed.append(read)
    read_cells: dict[tuple[str, str | None], str] = {}
    i = 0
    while i < len(items):
        if not opened[i]:
            i += 1
            continue
        run, j = [], i
        while j < len(items) and fixed[j] is None:
            run += [(j, *entry) for entry in opened[j]]
            j += 1
        above = next((fixed[k] for k in range(i - 1, -1, -1) if fixed[k]), None)
        below = fixed[j] if j < len(items) else None
        i = j
        if len(run) < 2 or len({item_i for item_i, *_ in run}) < len(run):
            continue
        low = order[above] if above else -1
        high = order[below] if below else len(order)
        groups = [{h.spec.label for h in items[k].level1 if not h.copied} for k, *_ in run]
        allowed = [[name for name in names if low < order[name] < high
                    and (not g or vocab.level2_specs[name].level1 in g)] for (_, _, _, names), g in zip(run, groups)]
        union = sorted({name for names in allowed for name in names}, key=order.get)
        if len(union) != len(run) or any(name not in names for name, names in zip(union, allowed)):
            continue
        for (k, hint, cell, _), name in zip(run, union):
            item = items[k]
            spec = vocab.level2_specs[name]
            # a cell read from the row's damaged ones prints where `damaged_offset` puts the first
            # (a line of its own above the row, `heads_block_below`), as every damaged reading's
            at = item.lines[0] + (item.damaged_offset if item.damaged and cell is item.damaged[0] else 0)
            new = LabelHint(2, spec, cell, LabelMatch(name, name, hint.match.score if hint else 0.0),
                            line=hint.line if hint else at)
            if hint is not None:
                if hint.spec.label == name:
                    continue
                item.replace_level2(hint, new)
            else:
                item.level2.append(new)
                if cell in item.unrecognised:   # a sub-header line's cell carried to the row below
                    item.unrecognised.remove(cell)  # is damaged only (`drop_unread_label_lines`)
                item.damaged.remove(cell)
                if item.name is None:
                    item.own_level2 = new
            read_cells[(cell.text, cell.source_ref or item.row.source_ref)] = name
    if not read_cells:
        return issues
    return without_unrecognised(issues, read_cells) + [Issue("info", "label_read_by_order",
                         f"level label {text!r} is one of a run of labels as near several categories; read as "
                         f"{name!r}, the categories the labels around the run leave taken in canonical order",
                         field="level2", source_ref=ref) for (text, ref), name in read_cells.items()]


def nearest_whole_labels(text: str, matches: list[LabelMatch]) -> list[LabelMatch]:
    """Of readings tied through their aliases, those whose whole label is nearest the
    text: `成本措杯` is as near the alias 经济成本 as 成本指标, but of the labels a cell of
    four characters ending so spells, 成本指标 (two of four) is nearer than 经济成本指标."""
    if len(matches) < 2:
        return matches
    key = label_key(text)
    scored = [(fuzz.ratio(key, label_key(m.name)), m) for m in matches]
    best = max(score for score, _ in scored)
    return [m for score, m in scored if score >= best]


OUT_OF_ORDER_MISSING = 2   # characters of an alias a damaged, worded-up label may lack


def reread_out_of_order(items: list[IndicatorRow], vocab: LevelVocabulary, schema: FormSchema
                        ) -> list[Issue]:
    """A level-2 label read fuzzily (not exactly) as a category the canonical order does
    not allow between the labels above and below it is read again: a label printed with
    more words and damaged by OCR (`生态环境敫盖指标`: 生态环境效益指标 with two look-alikes)
    is as near a category of another group (生态环境成本指标, two characters off) as its
    own. Of the categories the order allows there (in the row's own level-1 group, where
    the row states one), the one whose alias the label holds in order but for at most
    `OUT_OF_ORDER_MISSING` characters is taken, when there is exactly one; an info issue
    `label_read_by_order` says so. Exact labels are never reread, and none where a category
    the order leaves is of another group than the one whose word it keeps (`against_kept_word`:
    `社会效益指` is no 社会成本指标; the bound below it is the label misread)."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    issues = []
    for i, item in enumerate(items):
        for hint in list(item.level2):
            if hint.copied or hint.match.exact or hint.moved:
                continue
            above = next((labels[-1] for labels in reversed(stated[:i]) if labels), None)
            below = next((labels[0] for labels in stated[i + 1:] if labels), None)
            low = order[above] if above else -1
            high = order[below] if below else len(order)
            if low <= order[hint.spec.label] <= high or low > high:
                continue   # where the order allows it (a label repeated per page too)
            groups = {h.spec.label for h in item.level1}
            key = label_key(hint.cell.text)
            fits = {name for name, spec in vocab.level2_specs.items()
                    if low <= order[name] <= high and (not groups or spec.level1 in groups)
                    and any(len(alias) >= 4 and common_in_order(alias, key) >= len(alias) - OUT_OF_ORDER_MISSING
                            for alias in vocab.level2.aliases_of(name))}
            if len(fits) != 1 or any(against_kept_word(key, name, vocab) for name in fits):
                continue   # (a label keeping another group's word than a fit's: the bound is misread)
            name = fits.pop()
            stated[i] = [name if label == hint.spec.label else label for label in stated[i]]
            issues.append(reread_level2(item, hint, vocab, LabelMatch(name, name, hint.match.score),
                                        f"level label {hint.cell.text!r} read fuzzily as {hint.spec.label!r}, which "
                                        f"the labels around it do not allow there; read as {name!r}, the category "
                                        "they leave in the canonical order whose label it holds"))
    return issues


def lift_group_label_lines(items: list[IndicatorRow], schema: FormSchema
                           ) -> tuple[list[IndicatorRow], list[Issue]]:
    """A line holding nothing but a label that reads as a level-1 group as well as a
    level-2 category (成本指标, or `效盖指标`: as near 效益指标 as 时效指标), read as the
    category, is the group's label on a line of its own where the labels around say so:
    the next row, on the line below, states a category of that group and no group of its
    own (`成本指标` over `经济成本指标`), or the category is one the canonical order does
    not allow between the labels above and below while the group holds the one below
    (`效盖指标` between 社会效益指标 and 可持续影响指标). Read as the category it would be a
    category listed without indicators, a row gold does not have. The line is taken out,
    its label carried to the next row as a level-1 line of its own, the lines below
    counted one less; an info issue `label_read_as_group` says so."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    stated = [[h.spec.label for h in item.level2 if not h.copied] for item in items]
    out: list[IndicatorRow] = []
    issues: list[Issue] = []
    shift = 0
    for i, item in enumerate(items):
        if shift:
            shift_lines(item, -shift)
        hints = [h for h in item.level2 if not h.copied]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if not (item.is_label_only and len(hints) == 1 and hints[0].level1_reading is not None
                and not any(not h.copied for h in item.level1) and not item.fused and nxt is not None
                and nxt.pages[0] == item.pages[1]):
            out.append(item)
            continue
        hint = hints[0]
        group, match = hint.level1_reading
        below = [h for h in nxt.level2 if not h.copied]
        under_it = (nxt.lines[0] == item.lines[1] + 1 + shift and not any(not h.copied for h in nxt.level1)
                    and any(h.spec.level1 == group.label and h.spec.label != hint.spec.label for h in below))
        above = next((labels[-1] for labels in reversed(stated[:i]) if labels), None)
        after = next((labels[0] for labels in stated[i + 1:] if labels), None)
        out_of_order = (above is not None and after is not None and order[above] <= order[after]
                        and not order[above] <= order[hint.spec.label] <= order[after]
                        and schema_group_of(after, schema) == group.label)
        if not (under_it or out_of_order):
            out.append(item)
            continue
        line = item.lines[0] - 0.5 + shift + 1   # (the next row's labels are shifted with it below)
        nxt.level1 = [LabelHint(1, group, hint.cell, match, carried=True, line=line)] + nxt.level1
        stated[i] = []
        shift += 1
        issues.append(Issue("info", "label_read_as_group",
                            f"level label {hint.cell.text!r} alone on its line read as the group {group.label!r}, "
                            f"not the category {hint.spec.label!r}: "
                            + ("the row below states a category of that group" if under_it else
                               f"the canonical order allows no {hint.spec.label} between {above} and {after}"),
                            field="level1", source_ref=item.row.source_ref))
    return out, issues


def schema_group_of(label: str, schema: FormSchema) -> str | None:
    return next((spec.level1 for spec in schema.level2_order if spec.label == label), None)


def common_in_order(alias: str, key: str) -> int:
    """How many of the alias's characters the key holds in order (their longest common
    subsequence)."""
    previous = [0] * (len(key) + 1)
    for a in alias:
        current = [0]
        for j, k in enumerate(key):
            current.append(previous[j] + 1 if a == k else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]

def move_inapplicable_labels(items: list[IndicatorRow], schema: FormSchema) -> None:
    """A level-2 label printed where it cannot apply moves to the first row where it can:
    on a level-2 entry of another category (`可持续影响指标 | 生态效益指标 | 无`), or just
    above entries that come before it in the canonical order (社会效益指标 printed on the
    row above `经济效益指标 无`). The row keeps it in `displaced`."""
    order = {spec.label: k for k, spec in enumerate(schema.level2_order)}
    for i, item in enumerate(items):
        if item.positional:
            continue
        own = item.own_level2.spec.label if item.is_level2_entry else None
        stray = [h for h in item.level2 if not h.copied and h is not item.own_level2
                 and h.spec.label != own]
        for hint in stray:
            j = i + 1 if item.is_level2_entry else i
            if not item.is_level2_entry:
                k = i + 1
                while k < len(items) and items[k].is_level2_entry and \
                        items[k].own_level2.spec.level1 == hint.spec.level1 and \
                        order[items[k].own_level2.spec.label] < order[hint.spec.label]:
                    k += 1
                if k == i + 1:
                    continue          # it can apply where it is printed
                j = k
            while j < len(items) and items[j].is_level2_entry:
                j += 1
            if j >= len(items):
                continue
            item.level2.remove(hint)
            item.displaced.append(hint)
            items[j].level2.insert(0, replace(hint, moved=True, line=items[j].lines[0]))

def cell_issues(item: IndicatorRow) -> list[Issue]:
    """An info row for each level label read through OCR damage (数量指抔 → 数量指标), a
    warning for each level cell that matches no category, and an info row for each cell
    of a column the output has no place for; each with the cell's text."""
    issues = [Issue("info", "label_read_by_prefix",
                    f"level label {hint.cell.text!r} prints only the first characters of {hint.spec.label!r}, "
                    f"the one category whose label opens with them; read as it",
                    field=f"level{hint.level}", source_ref=item.row.source_ref)
              if is_prefix_reading(hint) else
              Issue("info", "header_fuzzy_match",
                    f"level label {hint.cell.text!r} read as {hint.match.alias!r} "
                    f"(similarity {hint.match.score:.0f})",
                    field=f"level{hint.level}", source_ref=item.row.source_ref)
              for hint in (*item.level1, *item.level2) if not hint.match.exact and not hint.copied]
    issues += [Issue("warning", "label_unrecognised",
                     f"{cell.text!r} in a level column matches no category of the schema; "
                     "the row was placed by the other labels", field="level2",
                     source_ref=cell.source_ref or item.row.source_ref)
               for cell in item.unrecognised]
    issues += [fused_issue(fused.cell, item.row.source_ref,
                           f"{fused.cell.text!r} opens with the level label {fused.label.spec.label!r}"
                           + (f" (after {fused.level1.spec.label!r})" if fused.level1 else "")
                           + (f": read as the row's label and the name {fused.rest.text!r}" if fused.rest.text
                              else ", its 指标 damaged: the cell read as the row's label"))
               for fused in item.fused]
    issues += [Issue("info", "cell_unplaced",
                     f"{cell.text!r} is in a column the output has no place for; kept only here",
                     field="indicators", source_ref=cell.source_ref or item.row.source_ref)
               for cell in item.unplaced]
    return issues
