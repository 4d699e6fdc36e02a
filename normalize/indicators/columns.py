"""Column roles of the 绩效指标 table: the header's (fuzzy, and loose for a damaged header
row), completed from the cells under each column when a required role is missing, and
each row's cells aligned to the header (from the right, or on the target)."""
from __future__ import annotations

from functools import lru_cache

from formex.normalize.indicators.cells import (
    COLUMN_CUTOFF, LABEL_MAX_KEY, OTHER, LevelVocabulary, classify_label, looks_like_target, looks_like_value)
from formex.normalize.amounts import parse_amount
from formex.normalize.targets import parse_target
from formex.normalize.labels import label_key
from formex.normalize.indicators.numbering import SEQUENCE_MIN_SHARE, is_sequence, row_number
from formex.schemas.document import Cell, Row

VALUE_ROLES = ("operator", "target", "unit", "note", "target_mid", "actual", "weight", "score", "deviation",
               OTHER)
RIGHT_ROLES = frozenset(VALUE_ROLES) - {"target"}   # columns right of the name besides the target
REQUIRED_ROLES = ("target", "level3")   # a table without either cannot be read by position
CONTENT_MIN_SHARE = 0.5                  # of a column's filled cells, to give it a role by content


def find_header(rows: list[Row], vocab: LevelVocabulary) -> tuple[int, dict[int, str]]:
    """(index of the header row or -1, column position -> role, `other` included).

    A header damaged by OCR (`一圾指栎 | 三极损标 | 指际值`) matches too few aliases; then
    the first row above any target whose short cells match column aliases at
    `COLUMN_CUTOFF` (and are no level labels) is the header."""
    for i, row in enumerate(rows[:5]):
        if len(set(header_roles(row, vocab).values())) >= 2:
            return i, name_between(level2_between(reread_damaged_headers(
                row, levels_left_of_name(header_roles(row, vocab, others=True)), vocab)))
    for i, row in enumerate(rows[:5]):
        if any(looks_like_target(c.text) and c.text.strip() for c in row.filled):
            break
        if any(classify_label(c, vocab) for c in row.filled):
            continue
        if len(set(header_roles(row, vocab, cutoff=COLUMN_CUTOFF).values())) >= 2:
            return i, name_between(level2_between(levels_left_of_name(
                header_roles(row, vocab, others=True, cutoff=COLUMN_CUTOFF))))
    return -1, {}


def level2_between(roles: dict[int, str]) -> dict[int, str]:
    """Header roles with the one column between the level-1 and the name columns read as
    the level-2 column where its header cell matched no alias (`二级损栎`, two look-alikes
    in four): the levels print side by side, 一级 | 二级 | 三级, so that column is no other.
    Its cells cannot say so where a narrow column wraps its labels into pieces too short
    to read (`经济成` / `本指杯`), which `complete_roles` would need, and the pieces are
    joined by their column before that (`rejoin_label_fragments`)."""
    return role_between(roles, "level1", "level3", "level2")


def name_between(roles: dict[int, str]) -> dict[int, str]:
    """Header roles with the one column between the level-2 and the target columns read as
    the name column where its header cell matched no alias (`三级拍际`): the name prints
    right of the levels and left of its target, 二级 | 三级 | 指标值, so that column is no
    other. Its cells would say so later (`complete_roles`), but the wrapped labels are
    joined by their column before that (`rejoin_label_fragments`), without a name column
    to tell a label's piece from a name's."""
    return role_between(roles, "level2", "target", "level3")


def role_between(roles: dict[int, str], left: str, right: str, role: str) -> dict[int, str]:
    """Header roles with the one column between the `left` and `right` columns, two apart,
    read as `role` where its header cell matched no alias and no column has that role."""
    if role in roles.values():
        return roles
    placed = {found: col for col, found in roles.items() if found in (left, right)}
    if len(placed) < 2 or placed[right] - placed[left] != 2:
        return roles
    between = placed[left] + 1
    if roles.get(between) != OTHER:
        return roles
    return {**roles, between: role}


def levels_by_place(roles: dict[int, str], counts: dict[int, list[int]], numbered: set[int],
                    placed: dict[str, int] | None = None) -> dict[int, str]:
    """Level roles for the unnamed columns next left of the name column once the name (and
    the level columns) are known by header or by cells (`complete_roles`): the levels
    print side by side left of the name, 一级 | 二级 | 三级. The one column between the
    level-1 and the name columns is the level-2 column (`level2_between`, for roles found
    by content too); with no level column found, the two next left of the name are the
    level-1 and level-2 columns, and a lone one is the level of which it holds more
    labels (level 2 where they tie: a table of one level column prints the groups). A
    column of row numbers (`numbered`) is none. Damaged headers over narrow columns of
    label pieces (`二级脂怀` over `数量指` / `标`) are read so where half the pieces read as
    no label. Each role taken goes into `placed` (role -> column)."""
    name = next((col for col, role in roles.items() if role == "level3"), None)
    if name is None:
        return roles
    free = []   # the unnamed columns next left of the name, nearest first
    for col in range(name - 1, -1, -1):
        if roles.get(col) != OTHER or col in numbered:
            break
        free.append(col)
    have = {role for role in roles.values() if role in ("level1", "level2")}
    taken: dict[int, str] = {}
    if have == {"level1"}:
        level1 = next(col for col, role in roles.items() if role == "level1")
        if free[:1] == [level1 + 1] and name - level1 == 2:
            taken = {level1 + 1: "level2"}
    elif not have and len(free) >= 2:
        taken = {free[1]: "level1", free[0]: "level2"}
    elif not have and len(free) == 1:
        c = counts.get(free[0], [0] * 7)
        taken = {free[0]: "level1" if c[3] + c[5] > c[4] + c[6] else "level2"}
    if not taken:
        return roles
    if placed is not None:
        placed.update({role: col for col, role in taken.items()})
    return {**roles, **taken}

def levels_left_of_name(roles: dict[int, str]) -> dict[int, str]:
    """Header roles with a level column right of the name column read as `other`: the
    level columns print left of the name, so a cell right of it that matched a level
    label (`指标直`, a damaged 指标值, is as near 一级指标 at the loose cutoff) is a value
    column whose header OCR damaged; `complete_roles` then reads it by its cells."""
    name = next((col for col, role in roles.items() if role == "level3"), None)
    if name is None:
        return roles
    return {col: OTHER if role in ("level1", "level2") and col > name else role for col, role in roles.items()}

def header_roles(row: Row, vocab: LevelVocabulary, *, others: bool = False,
                 cutoff: float | None = None) -> dict[int, str]:
    """Column position -> role (level1, level2, level3, target, unit, operator); with
    `others`, header cells no alias matches (备注, 分值 …) get the role `other`. A role goes
    to the first column matching it, but a value column's role goes to the column matching
    it best: `绩效指标` (the merged column left of the levels, near the target alias 绩效标准)
    leaves it to `指标值` right of it, or to `年度指栎值`, nearer 年度指标值."""
    roles, held = {}, {}
    for cell in row.filled:
        hit = None
        if len(label_key(cell.text)) <= LABEL_MAX_KEY:
            hit = vocab.columns.match(cell.text) if cutoff is None else \
                vocab.columns.match(cell.text, cutoff=cutoff)
        if hit and (hit.name not in held or hit.name in VALUE_ROLES
                    and hit.score > held[hit.name][1]):
            if hit.name in held:
                col = held[hit.name][0]
                if others:
                    roles[col] = OTHER
                else:
                    del roles[col]
            roles[cell.col] = hit.name
            held[hit.name] = (cell.col, hit.score)
        elif others:
            roles[cell.col] = OTHER
    return roles

def reread_damaged_headers(row: Row, roles: dict[int, str], vocab: LevelVocabulary) -> dict[int, str]:
    """A header row found by its readable cells whose other cells OCR damaged
    (`实际完戍直` for 实际完成值): each cell no alias matched (`other`) takes the one role
    it is nearest at `COLUMN_CUTOFF`, when no other role scores as well and the header
    has no column of that role yet. Only value columns (level columns damaged so are
    read by their cells, `complete_roles`). Without it the 实际完成值 column, and the 分值
    and 得分 columns found by order right of it, would go unread."""
    roles = dict(roles)
    for cell in row.filled:
        if roles.get(cell.col) != OTHER or len(label_key(cell.text)) > LABEL_MAX_KEY:
            continue
        hit = vocab.columns.match_unique(cell.text, COLUMN_CUTOFF)
        if hit and hit.name in VALUE_ROLES and hit.name not in roles.values():
            roles[cell.col] = hit.name
    return roles

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

def complete_roles(roles: dict[int, str], body: list[Row], vocab: LevelVocabulary,
                   chosen: dict[str, tuple[int, float]] | None = None,
                   by_place: dict[str, int] | None = None) -> dict[int, str]:
    """Header roles with a missing required role (the target, the name) given to the
    header column whose cells say it: a header cell damaged by OCR (`措标值`) matches no
    alias, but the cells under it parse as targets. Each unmatched column is scored by
    its cells aligned to the header: the share that read as targets, as plain text
    (neither target nor level label), as level-1 or level-2 labels; for each missing role
    (target and name first, then the level columns) the best column over
    `CONTENT_MIN_SHARE` takes it. A column whose cells count up 1, 2, 3 … is row numbers
    (a 序号 column not set aside), never a role. Each role taken so goes into `chosen`
    (role -> (column, share of its cells that said so)) for the caller to report; level
    columns still missing then are read by their place (`levels_by_place`, into
    `by_place`, role -> column)."""
    missing = [role for role in (*REQUIRED_ROLES, "level1", "level2") if role not in roles.values()]
    unmatched = [col for col, role in roles.items() if role == OTHER]
    if not missing or not unmatched:
        return roles
    width = max(roles) + 1
    # filled, targets, text, level 1, level 2, and cells read as level 1 / level 2 only at
    # the level column's looseness (`声岀指标`: two look-alikes in four)
    counts = {col: [0, 0, 0, 0, 0, 0, 0] for col in unmatched}
    numbers = {col: [] for col in unmatched}
    for row in body:
        for col, cell in aligned_cells(row, width):
            if col in counts:
                numbers[col].append(row_number(cell.text))
                is_target = looks_like_target(cell.text) and not is_basis_note(cell.text)
                label = None if is_target else classify_label(cell, vocab)
                counts[col][0] += 1
                counts[col][1] += is_target
                counts[col][2] += not is_target and label is None
                if label is not None:
                    counts[col][2 + label.level] += 1
                elif not is_target:
                    for level in (1, 2):
                        counts[col][4 + level] += classify_label(cell, vocab, level, cutoff=COLUMN_CUTOFF) is not None
    roles = dict(roles)
    shares = {"target": (1,), "level3": (2,), "level1": (3, 5), "level2": (4, 6)}
    for role in missing:
        scored = [(role_share(role, counts[col], shares), col) for col in unmatched
                  if roles[col] == OTHER and counts[col][0] and not counts_up(numbers[col])
                  and on_its_side(role, col, roles, counts[col], shares)]
        if role == "target" and "actual" in vocab.column_roles:
            taken = actual_by_content(roles, scored, chosen)
            if taken:
                continue
        # a tie in either level's labels goes to the column holding more of the role's own
        # (a 指标类型 column of 产出/效益 right of a damaged level-2 header's column)
        best = max(scored, default=None, key=lambda sc: (sc[0], own_share(role, counts[sc[1]], shares), sc[1]))
        if best and best[0] >= CONTENT_MIN_SHARE:
            roles[best[1]] = role
            if chosen is not None:
                chosen[role] = (best[1], best[0])
    return levels_by_place(roles, counts, {col for col in unmatched if counts_up(numbers[col])}, by_place)


LEVEL_ROLES = ("level1", "level2")


def role_share(role: str, counts: list[int], shares: dict[str, tuple[int, ...]]) -> float:
    """The share of a column's filled cells that say `role`. For a level column, labels of
    either level count: a level-2 column holds level-1 labels too where a row's leading
    cells were dropped or a group's label spans both columns, and wrapped or damaged
    labels read at one level only; `on_its_side` decides which level the column is."""
    keys = shares["level1"] + shares["level2"] if role in LEVEL_ROLES else shares[role]
    return sum(counts[k] for k in keys) / counts[0]


def own_share(role: str, counts: list[int], shares: dict[str, tuple[int, ...]]) -> float:
    """The share of a column's filled cells that read as labels of `role`'s own level (0
    for other roles): ranks level columns that labels of either level tie."""
    return sum(counts[k] for k in shares[role]) / counts[0] if role in LEVEL_ROLES else 0.0


def on_its_side(role: str, col: int, roles: dict[int, str], counts: list[int],
                shares: dict[str, tuple[int, ...]]) -> bool:
    """Whether an unmatched column may take `role` where the header's other columns
    stand: level columns print left of the name and the level-1 column left of the
    level-2 one, so the name is right of every level column the header names (a level-1
    column of few, damaged labels reads as text as well as the names do), and a level
    column is left of the name, on its side of the other level's column, or, with no
    such column, holds more labels of its own level than of the other. All of them print
    left of the target column the header names: a column right of it is no name column
    (a 定量/定性 column's short text ties the names'), and a level alias heading one
    (指标类型 over 定量/定性) names no level column the name must be right of."""
    target = next((c for c, r in roles.items() if r == "target"), None)
    placed = {r: c for c, r in roles.items() if r in ("level1", "level2", "level3")
              and (target is None or c < target)}
    if role in ("level3", *LEVEL_ROLES) and target is not None and col > target:
        return False
    if role == "level3":
        return all(col > placed[level] for level in LEVEL_ROLES if level in placed)
    if role not in LEVEL_ROLES:
        return True
    if col > placed.get("level3", col + 1):
        return False
    other = "level2" if role == "level1" else "level1"
    if other in placed:
        return col < placed[other] if role == "level1" else col > placed[other]
    return sum(counts[k] for k in shares[role]) >= sum(counts[k] for k in shares[other])


@lru_cache(maxsize=16384)
def is_basis_note(text: str) -> bool:
    """A cell holding only the basis a target was set by (计划标准, 行业标准): a 备注 column's
    remark (L7), no target. A column of them reads as placeholders, as a target column
    does; counted as targets, a 备注 column whose header OCR damaged took the target role
    from the target column beside it."""
    parsed = parse_target(text)
    return parsed.kind == "none" and parsed.basis is not None


def actual_by_content(roles: dict[int, str], scored: list[tuple[float, int]],
                      chosen: dict[str, tuple[int, float]] | None) -> bool:
    """A self-evaluation prints its target (年度指标值) left of its 实际完成值, and both
    columns' cells read as targets: with both headers damaged, the best-scoring column
    could be either. The target is the leftmost column that reads as targets (left of
    the 实际完成值 column where its header was read), and the next one, when the actual
    column is missing too, is the actual column. `roles` is updated; False when no
    column reads as targets."""
    actual = next((col for col, role in roles.items() if role == "actual"), None)
    columns = sorted((col, share) for share, col in scored
                     if share >= CONTENT_MIN_SHARE and (actual is None or col < actual))
    if not columns:
        return False
    taken = [("target", *columns[0])]
    if actual is None and len(columns) > 1:
        taken.append(("actual", *columns[1]))
    for role, col, share in taken:
        roles[col] = role
        if chosen is not None:
            chosen[role] = (col, share)
    return True

def complete_note_role(roles: dict[int, str], body: list[Row], vocab: LevelVocabulary,
                       chosen: dict[str, tuple[int, float]] | None = None) -> dict[int, str]:
    """A 备注 column whose header OCR damaged (`备泩`) found by its cells: right of the
    target column, an unmatched column whose filled cells (two at least) all hold the
    basis a target was set by (计划标准, 行业标准: remarks, L7) is the note column. Only for
    a family whose table has one, and only while none was found. The role taken goes
    into `chosen` (role -> (column, share))."""
    target = next((col for col, role in roles.items() if role == "target"), None)
    if target is None or "note" not in vocab.column_roles or "note" in roles.values():
        return roles
    width = max(roles) + 1
    cells: dict[int, list[str]] = {col: [] for col, role in roles.items() if role == OTHER and col > target}
    for row in body:
        for col, cell in aligned_cells(row, width):
            if col in cells:
                cells[col].append(cell.text)
    notes = [col for col, texts in sorted(cells.items()) if len(texts) >= 2 and all(map(is_basis_note, texts))]
    if not notes:
        return roles
    if chosen is not None:
        chosen["note"] = (notes[0], 1.0)
    return {**roles, notes[0]: "note"}


POINTS_ROLES = ("weight", "score")   # 分值 then 得分, left to right
POINTS_MIN_SHARE = 0.8                # of a column's filled cells that are bare numbers


def complete_points_roles(roles: dict[int, str], body: list[Row], vocab: LevelVocabulary,
                          chosen: dict[str, tuple[int, float]] | None = None) -> dict[int, str]:
    """分值 and 得分 columns whose two-character header OCR damaged (`分植`, `得汾`: too short
    to match fuzzily) found by their cells: right of the actual-value column, the
    unmatched columns whose cells are bare numbers, in order (分值 before 得分). Only for a
    family whose table has these roles, and only when its 实际完成值 column was found. A
    column whose cells count up 1, 2, 3 … is row numbers, not points. Each role taken
    goes into `chosen` (role -> (column, share of bare numbers))."""
    missing = [role for role in POINTS_ROLES if role in vocab.column_roles and role not in roles.values()]
    actual = next((col for col, role in roles.items() if role == "actual"), None)
    if not missing or actual is None:
        return roles
    width = max(roles) + 1
    counts = {col: [0, 0] for col, role in roles.items() if role == OTHER and col > actual}
    numbers = {col: [] for col in counts}
    for row in body:
        for col, cell in aligned_cells(row, width):
            if col in counts:
                numbers[col].append(row_number(cell.text))
                counts[col][0] += 1
                counts[col][1] += parse_amount(cell.text) is not None
    numeric = [col for col in sorted(counts) if counts[col][0] and counts[col][1] / counts[col][0] >= POINTS_MIN_SHARE
               and not counts_up(numbers[col])]
    known = {role: col for col, role in roles.items() if role in POINTS_ROLES}
    roles = dict(roles)
    for role in missing:
        if role == "weight":
            numeric = [c for c in numeric if "score" not in known or c < known["score"]]
        else:
            numeric = [c for c in numeric if "weight" not in known or c > known["weight"]]
        if numeric:
            col = numeric.pop(0)
            roles[col], known[role] = role, col
            if chosen is not None:
                chosen[role] = (col, counts[col][1] / counts[col][0])
    return roles


def counts_up(numbers: list[int | None]) -> bool:
    """True when a column's cells are row numbers: integers counting up one by one."""
    return is_sequence([n for n in numbers if n is not None]) and \
        sum(n is not None for n in numbers) >= SEQUENCE_MIN_SHARE * len(numbers)


def split_value_columns(row: Row, roles: dict[int, str]) -> tuple[dict[str, Cell], list[Cell]]:
    """Cells of the columns right of the name — operator, target, unit and columns the
    contract has no place for — when the header has any besides the target, and the
    other cells.

    Content cannot tell `≥` `95` `%` or a remark apart from a name, but these columns
    sit at the right of the table, so the row's cells are aligned to the header from the
    right (OCR drops leading cells, not trailing ones)."""
    if not RIGHT_ROLES & set(roles.values()):
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
    plain = not RIGHT_ROLES & set(roles.values())   # nothing right of it
    if plain and target_col is not None and targets and \
            not any(col == target_col and looks_like_target(cell.text) for col, cell in aligned):
        # anchored on the target: a stray trailing tab must not shift the row
        offset = target_col - targets[-1]
        aligned = [(j + offset, cell) for j, cell in enumerate(row.cells) if cell.text and j + offset >= 0]
    named = any(roles.get(col) == "level3" and not looks_like_target(cell.text) for col, cell in aligned)
    if not named and len(row.cells) < 2:
        return {}   # neither a name to align on nor the row's tabs
    return {id(cell): roles[col] for col, cell in aligned if col in roles}
