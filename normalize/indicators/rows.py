"""The 绩效指标 table's rows, each cell classified: level label, indicator name or target.

OCR text loses cell positions (leading cells drop off a row, trailing tabs appear), so
for such documents a cell's role comes from its content: a level label is recognised by
the level vocabulary, a target by the target parser, and what remains is the indicator
name. Where spans are known (spreadsheets, HTML, ruled PDFs) the header's column
positions are trusted instead, and merged labels are filled down: nothing is guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from formex.normalize.labels import LabelMatch, Vocabulary, label_key
from formex.normalize.targets import parse_target
from formex.schemas.document import Cell, Issue, Row
from formex.schemas.forms import FormSchema, Level1Spec, Level2Spec

LABEL_CUTOFF = 74.0   # one wrong character in a 4-character label (数量指抔) still matches
COLUMN_CUTOFF = 50.0  # in a level column (known from the header), two of four (严出损标)
LABEL_ENDINGS = ("指标", "类")
LABEL_MAX_KEY = 12
OTHER = "other"        # a header column the contract has no place for (备注, 分值 …)
VALUE_ROLES = ("operator", "target", "unit", "note", OTHER)
NOTE_MIN_CHARS = 8     # a note opener starts a sentence, not a short name
CONTINUATION_MAX = 12  # a longer line is never the rest of the name above
SHORT_FRAGMENT = 3     # a line this short (建档率, 及时率) is a wrapped name's end


@dataclass(frozen=True)
class LabelHint:
    level: int                       # 1 or 2
    spec: Level1Spec | Level2Spec
    cell: Cell
    match: LabelMatch
    copied: bool = False             # filled down from a merged cell above
    level1_reading: tuple[Level1Spec, LabelMatch] | None = None  # the text read as a level-1 label
    carried: bool = False            # a label alone on the line above, carried to this row
    line: float = 0                  # the table body line it prints on (x.5: a line of its own)
    moved: bool = False              # printed on a row where it cannot apply; moved here


@dataclass
class IndicatorRow:
    row: Row
    level1: list[LabelHint] = field(default_factory=list)
    level2: list[LabelHint] = field(default_factory=list)
    own_level2: LabelHint | None = None   # a label the row states as its own category
    name: str | None = None
    note: str | None = None    # text that is neither a name nor a target (a policy note, 备注)
    target: Cell | None = None
    unit: str | None = None
    operator: str | None = None
    positional: bool = False   # cells placed by known column positions (spans known)
    unrecognised: list[Cell] = field(default_factory=list)  # level cells no vocabulary knows
    unplaced: list[Cell] = field(default_factory=list)      # cells of columns with no place
    lines: tuple[int, int] = (0, 0)  # first and last table body line of the row (wraps included)
    pages: tuple[int, int] = (1, 1)  # the pages of those lines
    displaced: list[LabelHint] = field(default_factory=list)  # labels moved away from this row

    @property
    def is_level2_entry(self) -> bool:
        """A level-2 category listed without indicators (`经济效益指标 无`)."""
        return self.own_level2 is not None and self.name is None

    @property
    def is_label_only(self) -> bool:
        """Nothing but level-2 labels: no name, target or note. Either a merged label printed
        on a line of its own (then it belongs to the rows of its block) or a category
        listed without indicators and without a placeholder; the hierarchy decides."""
        return (self.own_level2 is not None and self.name is None and self.target is None
                and self.note is None and not self.positional and not self.unplaced)


@dataclass(frozen=True, eq=False)   # hashed by identity: one per schema (level_vocabulary)
class LevelVocabulary:
    level1: Vocabulary
    level2: Vocabulary
    level1_specs: dict[str, Level1Spec]
    level2_specs: dict[str, Level2Spec]
    columns: Vocabulary
    note_openers: tuple[str, ...] = ()
    name_heads: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def level_vocabulary(schema: FormSchema) -> LevelVocabulary:
    l1 = {spec.label: spec for spec in schema.levels}
    l2 = {spec.label: spec for spec in schema.level2_order}
    return LevelVocabulary(
        level1=Vocabulary([(s.label, (s.label, *s.aliases)) for s in schema.levels]),
        level2=Vocabulary([(s.label, (s.label, *s.aliases)) for s in schema.level2_order]),
        level1_specs=l1, level2_specs=l2,
        columns=Vocabulary(list(schema.indicator_columns)),
        note_openers=schema.note_openers,
        name_heads=schema.name_heads,
    )


def classify_label(cell: Cell, vocab: LevelVocabulary, level: int | None = None,
                   cutoff: float = LABEL_CUTOFF) -> LabelHint | None:
    """A level-1 or level-2 label, or None; the better match wins, and the cell's column
    decides when it is known (`level`). A label that is both (成本指标: a level-2 category
    under 产出 in older forms, a level-1 group in newer ones) is read as level 2 and
    remembers its level-1 reading, which `settle_dual_labels` may pick instead."""
    if len(label_key(cell.text)) > LABEL_MAX_KEY:
        return None
    one, two = level_matches(cell.text, vocab, level, cutoff)
    if level is not None and one is None and two is None:
        return classify_label(cell, vocab, cutoff=cutoff)  # a label in the other level's column
    if two and one and two.score == one.score:
        return LabelHint(2, vocab.level2_specs[two.name], cell, two,
                         level1_reading=(vocab.level1_specs[one.name], one))
    if one and (two is None or one.score > two.score):
        return LabelHint(1, vocab.level1_specs[one.name], cell, one)
    if two:
        return LabelHint(2, vocab.level2_specs[two.name], cell, two)
    return None


@lru_cache(maxsize=16384)
def level_matches(text: str, vocab: LevelVocabulary, level: int | None, cutoff: float
                  ) -> tuple[LabelMatch | None, LabelMatch | None]:
    """The text's level-1 and level-2 readings (None where `level` rules one out)."""
    def match(vocabulary: Vocabulary):
        if cutoff >= LABEL_CUTOFF:
            found = vocabulary.match(text, cutoff=cutoff)
            if (found is None or not found.exact) and (level is not None or looks_like_label(text)) \
                    and not looks_like_target(text):
                # a label printed with more words (数量性指标, 生态环境效益指标) than the vocabulary's
                embedded = vocabulary.match_embedded(text)
                if embedded is not None and (found is None or embedded.score >= found.score):
                    found = embedded
            return found
        return vocabulary.match_unique(text, cutoff)   # loose: only an unambiguous reading
    return (match(vocab.level1) if level != 2 else None, match(vocab.level2) if level != 1 else None)


def settle_dual_labels(item: IndicatorRow) -> None:
    """A label readable as both levels is level 1 when the row has another level-2 label."""
    dual = [h for h in item.level2 if h.level1_reading is not None]
    if dual and len(item.level2) > len(dual):
        for hint in dual:
            item.level2.remove(hint)
            spec, match = hint.level1_reading
            item.level1.append(LabelHint(1, spec, hint.cell, match, hint.copied))


def join_lines(text: str) -> str:
    r"""An indicator name wrapped inside its cell, on one line again.

    >>> join_lines("公益性岗位补贴\n发放准确率"), join_lines("Wi-Fi\ncoverage")
    ('公益性岗位补贴发放准确率', 'Wi-Fi coverage')
    """
    if "\n" not in text:
        return text
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        out += part if (out[-1:] > "\u2e80" and part[:1] > "\u2e80") else " " + part
    return out


@lru_cache(maxsize=16384)
def looks_like_target(text: str) -> bool:
    """True when the target parser reads the text as a target value, not as prose."""
    parsed = parse_target(text)
    if parsed.kind in ("quantitative", "deadline"):
        return not {"leading_text", "free_text"} & set(parsed.flags)
    if parsed.kind == "none":
        return True
    if parsed.kind == "unknown":      # seen for what it is (无100: a damaged target), not prose
        return parsed.status != "failed"
    return parsed.kind == "qualitative" and parsed.qual != "other"


@lru_cache(maxsize=16384)
def looks_like_value(text: str) -> bool:
    """A cell that can only be a target: a number, a date, a placeholder (a phrase such
    as 及时率 or 及时残疾人服务… may as well be a name or the end of one)."""
    return looks_like_target(text) and parse_target(text).kind != "qualitative"


def find_header(rows: list[Row], vocab: LevelVocabulary) -> tuple[int, dict[int, str]]:
    """(index of the header row or -1, column position -> role, `other` included).

    A header damaged by OCR (`一圾指栎 | 三极损标 | 指际值`) matches too few aliases; then
    the first row above any target whose short cells match column aliases at
    `COLUMN_CUTOFF` (and are no level labels) is the header."""
    for i, row in enumerate(rows[:5]):
        if len(set(header_roles(row, vocab).values())) >= 2:
            return i, header_roles(row, vocab, others=True)
    for i, row in enumerate(rows[:5]):
        if any(looks_like_target(c.text) and c.text.strip() for c in row.filled):
            break
        if any(classify_label(c, vocab) for c in row.filled):
            continue
        if len(set(header_roles(row, vocab, cutoff=COLUMN_CUTOFF).values())) >= 2:
            return i, header_roles(row, vocab, others=True, cutoff=COLUMN_CUTOFF)
    return -1, {}


def header_roles(row: Row, vocab: LevelVocabulary, *, others: bool = False,
                 cutoff: float | None = None) -> dict[int, str]:
    """Column position -> role (level1, level2, level3, target, unit, operator); with
    `others`, header cells no alias matches (备注, 分值 …) get the role `other`."""
    roles = {}
    for cell in row.filled:
        hit = None
        if len(label_key(cell.text)) <= LABEL_MAX_KEY:
            hit = vocab.columns.match(cell.text) if cutoff is None else \
                vocab.columns.match(cell.text, cutoff=cutoff)
        if hit and hit.name not in roles.values():
            roles[cell.col] = hit.name
        elif others:
            roles[cell.col] = OTHER
    return roles


REQUIRED_ROLES = ("target", "level3")   # a table without either cannot be read by position
CONTENT_MIN_SHARE = 0.5                  # of a column's filled cells, to give it a role by content


def aligned_cells(row: Row, width: int) -> list[tuple[int, Cell]]:
    """(header column, cell) for the row's filled cells, aligned to the header from the
    right (OCR drops leading cells, not trailing ones); [] when the row is wider."""
    cells = list(row.cells)
    while len(cells) > width and not cells[-1].text:
        cells.pop()
    offset = width - len(cells)
    if offset < 0:
        return []
    return [(j + offset, cell) for j, cell in enumerate(cells) if cell.text]


def complete_roles(roles: dict[int, str], body: list[Row], vocab: LevelVocabulary) -> dict[int, str]:
    """Header roles with a missing required role (the target, the name) given to the
    header column whose cells say it: a header cell damaged by OCR (`措标值`) matches no
    alias, but the cells under it parse as targets. Each unmatched column is scored by
    its cells aligned to the header: the share that read as targets, as plain text
    (neither target nor level label), as level-1 or level-2 labels; for each missing role
    (target and name first, then the level columns) the best column over
    `CONTENT_MIN_SHARE` takes it."""
    missing = [role for role in (*REQUIRED_ROLES, "level1", "level2") if role not in roles.values()]
    unmatched = [col for col, role in roles.items() if role == OTHER]
    if not missing or not unmatched:
        return roles
    width = max(roles) + 1
    counts = {col: [0, 0, 0, 0, 0] for col in unmatched}   # filled, targets, text, level 1, level 2
    for row in body:
        for col, cell in aligned_cells(row, width):
            if col in counts:
                is_target = looks_like_target(cell.text)
                label = None if is_target else classify_label(cell, vocab)
                counts[col][0] += 1
                counts[col][1] += is_target
                counts[col][2] += not is_target and label is None
                if label is not None:
                    counts[col][2 + label.level] += 1
    roles = dict(roles)
    shares = {"target": 1, "level3": 2, "level1": 3, "level2": 4}
    for role in missing:
        scored = [(counts[col][shares[role]] / counts[col][0], col) for col in unmatched
                  if roles[col] == OTHER and counts[col][0]]
        best = max(scored, default=None)
        if best and best[0] >= CONTENT_MIN_SHARE:
            roles[best[1]] = role
    return roles


def split_value_columns(row: Row, roles: dict[int, str]) -> tuple[dict[str, Cell], list[Cell]]:
    """Cells of the columns right of the name — operator, target, unit and columns the
    contract has no place for — when the header has any besides the target, and the
    other cells.

    Content cannot tell `≥` `95` `%` or a remark apart from a name, but these columns
    sit at the right of the table, so the row's cells are aligned to the header from the
    right (OCR drops leading cells, not trailing ones)."""
    if not {"operator", "unit", "note", OTHER} & set(roles.values()):
        return {}, row.filled
    width = max(roles) + 1
    cells = list(row.cells)
    while len(cells) > width and not cells[-1].text:
        cells.pop()  # a trailing tab
    offset = width - len(cells)
    if offset < 0:
        return {}, row.filled
    values, rest = {}, []
    for j, cell in enumerate(cells):
        role = roles.get(j + offset)
        if role in VALUE_ROLES:
            if cell.text:
                values[role if role != OTHER else f"{OTHER}{j + offset}"] = cell
        elif cell.text:
            rest.append(cell)
    return values, rest


def looks_like_label(text: str) -> bool:
    """Short text ending in 指标 (or 类) : a category label, not a name."""
    key = label_key(text)
    return key.endswith(LABEL_ENDINGS) and len(key) <= LABEL_MAX_KEY


def cells_by_content(row: Row, vocab: LevelVocabulary, roles: dict[int, str]) -> IndicatorRow:
    """Classify a row of unknown positions by what its cells say."""
    out = IndicatorRow(row)
    values, cells = split_value_columns(row, roles)
    columns = cell_columns(row, roles)
    levels = {key: 1 if role == "level1" else 2 for key, role in columns.items()
              if role in ("level1", "level2")}
    texts: list[Cell] = []
    for cell in cells:
        hint = classify_label(cell, vocab)
        if hint is None and id(cell) in levels and not looks_like_target(cell.text):
            # a cell under a level column of the header: a label, however damaged
            hint = classify_label(cell, vocab, levels[id(cell)], cutoff=COLUMN_CUTOFF)
            if hint is None:
                out.unrecognised.append(cell)
                continue
        if hint is None and looks_like_label(cell.text) and not looks_like_target(cell.text):
            out.unrecognised.append(cell)   # (达成年度指标 ends in 指标 but is a target)
        elif hint is None:
            texts.append(cell)
        elif hint.level == 1:
            out.level1.append(hint)
        else:
            out.level2.append(hint)
    settle_dual_labels(out)
    out.unplaced = [cell for role, cell in values.items() if role.startswith(OTHER)]
    out.note = values["note"].text if "note" in values else None
    if values:
        out.target = values.get("target")
        out.operator = values["operator"].text if "operator" in values else None
        out.unit = values["unit"].text if "unit" in values else None
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
    if out.name is None and out.level2:
        # the label nearest the data is the row's own; any other is a displaced hint
        out.own_level2 = out.level2[-1]
    return out


def is_note(text: str, openers: tuple[str, ...]) -> bool:
    """Text in the name column that opens like a note, not an indicator's name (`根据…的
    规定要求设置三级指标和指标值`)."""
    return len(text) >= NOTE_MIN_CHARS and text.startswith(openers)


def level_columns(row: Row, roles: dict[int, str]) -> dict[int, int]:
    """id(cell) -> level (1 or 2) for the row's cells that sit under a level column."""
    return {key: 1 if role == "level1" else 2 for key, role in cell_columns(row, roles).items()
            if role in ("level1", "level2")}


def cell_columns(row: Row, roles: dict[int, str]) -> dict[int, str]:
    """id(cell) -> the header role of the column the cell sits under, when the row shows
    its columns: aligned on its target, else from the right, with a name under the name
    column or the row's tabs kept; {} when the header or the row's layout is unknown."""
    if not roles or len(row.cells) < 2 or "level3" not in roles.values():
        return {}
    aligned = aligned_cells(row, max(roles) + 1)
    target_col = next((col for col, role in roles.items() if role == "target"), None)
    targets = [j for j, cell in enumerate(row.cells) if cell.text and looks_like_value(cell.text)]
    plain = not {"operator", "unit", "note", OTHER} & set(roles.values())   # nothing right of it
    if plain and target_col is not None and targets and \
            not any(col == target_col and looks_like_target(cell.text) for col, cell in aligned):
        # anchored on the target: a stray trailing tab must not shift the row
        offset = target_col - targets[-1]
        aligned = [(j + offset, cell) for j, cell in enumerate(row.cells) if cell.text and j + offset >= 0]
    named = any(roles.get(col) == "level3" and not looks_like_target(cell.text) for col, cell in aligned)
    if not named and len(row.cells) < 2:
        return {}   # neither a name to align on nor the row's tabs
    return {id(cell): roles[col] for col, cell in aligned if col in roles}


def cells_by_position(row: Row, roles: dict[int, str], vocab: LevelVocabulary,
                      copied: set[int]) -> IndicatorRow:
    """Classify a row whose cell positions are known, using the header's roles."""
    out = IndicatorRow(row, positional=True)
    for cell in row.filled:
        role = roles.get(cell.col)
        if role in ("level1", "level2"):
            hint = classify_label(cell, vocab, level=1 if role == "level1" else 2)
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
        elif cell.col not in copied:
            out.unplaced.append(cell)
    if out.target is None and out.name and is_note(out.name, vocab.note_openers):
        out.note, out.name = "\n".join(filter(None, [out.name, out.note])), None
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


def rows_to_indicator_rows(rows: list[Row], schema: FormSchema, spans_known: bool
                           ) -> tuple[list[IndicatorRow], list[Issue]]:
    """The table's indicator rows in order, with repeated headers skipped, wrapped
    names joined and lone level-1 labels carried to the next row as hints."""
    vocab = level_vocabulary(schema)
    header, roles = find_header(rows, vocab)
    issues: list[Issue] = []
    if header < 0:
        issues.append(Issue("warning", "header_missing",
                            "no 绩效指标 header row found; cells were placed by content",
                            field="indicators", source_ref=rows[0].source_ref if rows else None))
    body = rows[header + 1:]
    roles = complete_roles(roles, body, vocab)
    if roles and "target" not in roles.values():
        issues.append(Issue("error", "target_column_missing",
                            "the 绩效指标 header names no target column and no column's cells read "
                            f"as targets: {' | '.join(rows[header].texts)!r}", field="target",
                            source_ref=rows[header].source_ref))
    prepared = fill_down(body) if spans_known else [(r, set()) for r in body]
    classified: list[IndicatorRow] = []
    last_labels: dict[int, Cell] = {}
    header_texts = [c.text for c in rows[header].filled] if header >= 0 else None
    for row, copied in prepared:
        if not row.filled or all(c.col in copied for c in row.filled):
            continue  # blank, or only the lower part of merged cells
        if len(set(header_roles(row, vocab).values())) >= 2 or [c.text for c in row.filled] == header_texts:
            issues.append(Issue("info", "header_repeated", "repeated header row skipped",
                                field="indicators", source_ref=row.source_ref))
            last_labels = {}   # a table continued on a new page restates its labels
            continue
        if spans_known and roles:
            row, copied = carry_labels(row, copied, roles, last_labels)
        classified.append(cells_by_position(row, roles, vocab, copied) if spans_known and roles
                          else cells_by_content(row, vocab, roles))
    wrapping = wrap_width(classified)
    out: list[IndicatorRow] = []
    pending_level1: list[LabelHint] = []
    line = -1
    for item in classified:
        row = item.row
        if item.name is None and item.target is None and not item.level2 and item.note is None:
            # a merged level-1 label on a line of its own, between two rows
            pending_level1.extend(replace(h, line=line + 0.5) for h in item.level1)
            continue
        line += 1
        item.lines, item.pages = (line, line), (row.page, row.page)
        item.level1 = [replace(h, line=line) for h in item.level1]
        item.level2 = [replace(h, line=line) for h in item.level2]
        if item.own_level2 is not None:
            item.own_level2 = item.level2[-1]
        previous = out[-1] if out else None
        if previous and is_wrap(item, previous, wrapping, vocab.name_heads):
            join_wrapped(previous, item, line)
            # OCR pads rows with empty cells, so a wrapped fragment and a short name with a
            # blank target look alike: join, and say so loudly enough to be reviewed
            issues.append(Issue("warning", "cell_joined",
                                f"{item.name!r} read as the end of the indicator name above; joined",
                                field="level3", source_ref=row.source_ref))
            continue
        if previous and item.name is None and item.target and not item.level1 and not item.level2 \
                and previous.target is None and previous.name is not None:
            previous.target = item.target   # the target wrapped onto the next line
            previous.lines = (previous.lines[0], line)
            previous.pages = (previous.pages[0], row.page)
            continue
        item.level1 = [replace(h, carried=True) for h in pending_level1] + item.level1
        pending_level1 = []
        issues.extend(cell_issues(item))
        out.append(item)
    move_inapplicable_labels(out, schema)
    return out, issues


WRAP_MIN_LINES = 3     # lines of the same greatest name length that show a wrapping column
WIDTH_EVIDENCE = 3     # a name that fills the column's width is cut; one short of it is whole
LONG_FRAGMENT = 6      # longer than the ends of wrapped names seen without a wrap width


@dataclass(frozen=True)
class Wrapping:
    """How the name column wraps: its width in characters, and whether a wrapped row's
    target prints on its first line, its last, or either (None)."""

    width: int
    target_first: bool | None


def wrap_width(items: list[IndicatorRow]) -> Wrapping | None:
    """The name column's wrapping when the table wraps names: the greatest name length,
    reached by several lines (every wrapped name fills its first line); None when names
    simply vary. Where the target prints shows on the plain fragments (a line of a few
    characters under a full one): with a target, it is the wrapped row's last line."""
    named = [item for item in items if item.name and not item.positional]
    if not named:
        return None
    widest = max(len(item.name) for item in named)
    if sum(len(item.name) == widest for item in named) < WRAP_MIN_LINES:
        return None
    fragments = [item for above, item in zip(named, named[1:])
                 if len(above.name) == widest and len(item.name) <= SHORT_FRAGMENT]
    with_target = sum(item.target is not None for item in fragments)
    without = len(fragments) - with_target
    return Wrapping(widest, None if with_target == without else without > with_target)


def is_wrap(item: IndicatorRow, previous: IndicatorRow, wrapping: Wrapping | None,
            heads: tuple[str, ...]) -> bool:
    """Whether a line's name is the rest of the name above, wrapped in its cell, rather
    than an indicator of its own (whose target cell may be empty). Weighed from what the
    lines say: a very short fragment, a name above that stops before its head word
    (…健康 | 管理人数) or fills the column's width is a wrap; a name above that ends in a
    head word (…人数, …率), a line that is a whole name itself, a target where the
    table prints a wrapped row's target on its other line are not."""
    if (item.name is None or previous.name is None or item.positional or previous.positional
            or item.is_level2_entry or previous.is_level2_entry
            or (item.target is not None and previous.target is not None)
            or len(item.name) > CONTINUATION_MAX):
        return False
    evidence = 0
    evidence += 2 if len(item.name) <= SHORT_FRAGMENT else 0
    evidence += -2 if previous.name.endswith(heads) else 2
    evidence -= 1 if len(item.name) > SHORT_FRAGMENT + 1 and item.name.endswith(heads) else 0
    if wrapping is not None:
        evidence += WIDTH_EVIDENCE if len(previous.name) == wrapping.width else -WIDTH_EVIDENCE
        # the line that carries a wrapped row's target opens (or closes) its row
        if wrapping.target_first is not None and \
                (item.target if wrapping.target_first else previous.target) is not None:
            return False
    elif len(item.name) > LONG_FRAGMENT:
        evidence -= 2    # a long line under a column that does not wrap at a width is a name
    if item.level1 or item.level2:
        evidence -= 1    # a label on the line: more often a row of its own
    return evidence > 0


def join_wrapped(previous: IndicatorRow, item: IndicatorRow, line: int) -> None:
    previous.name = previous.name + item.name
    previous.target = previous.target if previous.target is not None else item.target
    previous.unit = previous.unit or item.unit
    previous.operator = previous.operator or item.operator
    previous.level1 += item.level1
    previous.level2 += item.level2
    previous.unplaced += item.unplaced
    previous.note = "\n".join(filter(None, [previous.note, item.note])) or None
    previous.lines = (previous.lines[0], line)
    previous.pages = (previous.pages[0], item.row.page)


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
    issues = [Issue("info", "header_fuzzy_match",
                    f"level label {hint.cell.text!r} read as {hint.match.alias!r} "
                    f"(similarity {hint.match.score:.0f})",
                    field=f"level{hint.level}", source_ref=item.row.source_ref)
              for hint in (*item.level1, *item.level2) if not hint.match.exact and not hint.copied]
    issues += [Issue("warning", "label_unrecognised",
                     f"{cell.text!r} in a level column matches no category of the schema; "
                     "the row was placed by the other labels", field="level2",
                     source_ref=cell.source_ref or item.row.source_ref)
               for cell in item.unrecognised]
    issues += [Issue("info", "cell_unplaced",
                     f"{cell.text!r} is in a column the output has no place for; kept only here",
                     field="indicators", source_ref=cell.source_ref or item.row.source_ref)
               for cell in item.unplaced]
    return issues
